// bvoip 1stream: "ConnectWise Security Role Permissions", the minimum role for the 1stream integration (updated
// November 20th, 2024 on the page). Data only. The page marks required items in bold and items "not required for
// current features, but will break future planned features" underlined; the stored copy keeps no formatting, and
// the July 2024 version (docs.bvoip.net) lists the same items without that note. This profile follows the list
// as written, every item required.

import type { IntegrationProfile } from '../types.js';

export const BVOIP_1STREAM: IntegrationProfile = {
  name: 'bvoip-1stream',
  title: 'bvoip 1stream',
  source: {
    url: 'https://bvoip.helpjuice.com/en_US/551346-connectwise-integration/connectwise-security-role-permissions',
    read: '2026-12-01',
    follows: 'the November 20th, 2024 version; bold/underline marks are not in the stored copy, so every item is taken as required',
  },
  permissions: {
    // Companies: "Company Maintenance: Add/Edit/Inquire All"
    'Companies / Company Maintenance': { add: 'All', edit: 'All', inquire: 'All' },
    // "Contacts: Add/Edit/Inquire All"
    'Companies / Contacts': { add: 'All', edit: 'All', inquire: 'All' },
    // "CRM/Sales Activities: Add/Edit/Inquire All"
    'Companies / CRM/Sales Activities': { add: 'All', edit: 'All', inquire: 'All' },
    // "Manage Attachments: Add/Inquire All"
    'Companies / Manage Attachments': { add: 'All', inquire: 'All' },
    // "Notes: Add/Edit/Inquire All"
    'Companies / Notes': { add: 'All', edit: 'All', inquire: 'All' },
    // Finance: "Agreements: Add/Inquire All"
    'Finance / Agreements': { add: 'All', inquire: 'All' },
    // "Billing View Time: Inquire All"
    'Finance / Billing View Time': { inquire: 'All' },
    // Projects: "Project Headers: Add/Edit/Inquire All"
    'Project / Project Headers': { add: 'All', edit: 'All', inquire: 'All' },
    // "Project Tickets: Add/Edit/Inquire All"
    'Project / Project Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // Sales: "Opportunity: Add/Edit/Inquire All"
    'Sales / Opportunity': { add: 'All', edit: 'All', inquire: 'All' },
    // Service Desk: "Close Service Tickets: Add/Edit/Inquire All"
    'Service Desk / Close Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // "Resource Scheduling: Add/Edit/Inquire All"
    'Service Desk / Resource Scheduling': { add: 'All', edit: 'All', inquire: 'All' },
    // "Service Tickets: Add/Edit/Inquire All"
    'Service Desk / Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // System: "Manage Hosted API: Add/Edit/Inquire All"
    'System / Manage Hosted API': { add: 'All', edit: 'All', inquire: 'All' },
    // "Member Maintenance: Inquire All"
    'System / Member Maintenance': { inquire: 'All' },
    // "My Company: Inquire All"
    'System / My Company': { inquire: 'All' },
    // "Table Setup: Add/Inquire All"
    'System / Table Setup': { add: 'All', inquire: 'All' },
    // Time and Expense: "Time Entry: Add/Edit/Inquire All"
    'Time & Expense / Time Entry': { add: 'All', edit: 'All', inquire: 'All' },
  },
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
};
