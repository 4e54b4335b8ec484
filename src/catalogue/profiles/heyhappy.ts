// HeyHappy: "Create a custom security role in ConnectWise Manage" ("optional but ... recommended as best
// practice"), one table per module (Add | Edit | Delete | Inquire). Data only.

import type { IntegrationProfile } from '../types.js';

export const HEYHAPPY: IntegrationProfile = {
  name: 'heyhappy',
  title: 'HeyHappy',
  source: { url: 'https://docs.heyhappy.io/setup/connectwise-integration/create-a-custom-security-role-in-connectwise-manage', read: '2026-12-01' },
  permissions: {
    // Companies: "Company Maintenance None None None All"
    'Companies / Company Maintenance': { inquire: 'All' },
    // Companies: "Company / Contact Group Maintenance None None None All"
    'Companies / Company/Contact Group Maintenance': { inquire: 'All' },
    // Companies: "Contacts None None None All"
    'Companies / Contacts': { inquire: 'All' },
    // Companies: "Surveys All None None All"
    'Companies / Surveys': { add: 'All', inquire: 'All' },
    // Project: "Project Tickets All All None All"
    'Project / Project Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // Service Desk: "Service Tickets All All None All"
    'Service Desk / Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // Service Desk: "Resource Scheduling None None None All"
    'Service Desk / Resource Scheduling': { inquire: 'All' },
    // System: "API Reports None None None All"
    'System / API Reports': { inquire: 'All' },
    // System: "Member Maintenance None None None All"
    'System / Member Maintenance': { inquire: 'All' },
    // System: "Table Setup All None None All"
    'System / Table Setup': { add: 'All', inquire: 'All' },
    // Time & Expense: "Time Entry None None None All"
    'Time & Expense / Time Entry': { inquire: 'All' },
    // Marketing: "Marketing Groups All None None All"
    'Marketing / Marketing Groups': { add: 'All', inquire: 'All' },
  },
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
};
