// ChatStyle: "ConnectWise Manage API User", the security role settings "most needed by ChatStyle" (a Group |
// Module | Add | Edit | Delete | Inquire table; playbooks may need other settings). Data only.

import type { IntegrationProfile } from '../types.js';

export const CHATSTYLE: IntegrationProfile = {
  name: 'chatstyle',
  title: 'ChatStyle',
  source: { url: 'https://docs.chatstyle.ai/docs/connectwise-manage-api-user/', read: '2026-12-01' },
  permissions: {
    // "Companies | Company Maintenance | None | None | None | All"
    'Companies / Company Maintenance': { inquire: 'All' },
    // "Companies | Company / Contact Group Maintenance | None | None | None | All"
    'Companies / Company/Contact Group Maintenance': { inquire: 'All' },
    // "Companies | Contacts | None | None | None | All"
    'Companies / Contacts': { inquire: 'All' },
    // "Companies | Manage Attachments | All | All | None | All"
    'Companies / Manage Attachments': { add: 'All', edit: 'All', inquire: 'All' },
    // "Companies | Notes | All | All | None | All"
    'Companies / Notes': { add: 'All', edit: 'All', inquire: 'All' },
    // "Companies | Team Members | None | None | None | All"
    'Companies / Team Members': { inquire: 'All' },
    // "Project | Project Management | None | None | None | All"
    'Project / Project Management': { inquire: 'All' },
    // "Project | Project Tickets | None | None | None | All"
    'Project / Project Tickets': { inquire: 'All' },
    // "Service Desk | Close Service Tickets | All | All | None | All"
    'Service Desk / Close Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // "Service Desk | Resource Scheduling | All | All | All | All"
    'Service Desk / Resource Scheduling': { add: 'All', edit: 'All', delete: 'All', inquire: 'All' },
    // "Service Desk | Service Tickets | All | All | None | All"
    'Service Desk / Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // "System | Member Maintenance | None | None | None | All"
    'System / Member Maintenance': { inquire: 'All' },
    // "System | Table Setup* | All* | None | None | All". Decision: Add is needed only during the connector's
    // initial setup ("After the initial setup, you can remove the Add access"), so it is an optional row.
    'System / Table Setup': { inquire: 'All' },
  },
  optional: {
    // "*... you need to temporarily enable Add to allow ChatStyle to create a new record in the Service\\Source table"
    'System / Table Setup': { add: 'All', inquire: 'All' },
  },
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['Table Setup Add only while the connector is first set up (it registers ChatStyle as a ticket source); remove it afterwards.'],
};
