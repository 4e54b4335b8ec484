// Team GPS (SmileBack's successor): "Custom ConnectWise Manage Security Role", only the permissions the Team GPS
// integration needs. One table per module (Add | Edit | Delete | Inquire). Data only. SmileBack's own page (see
// smileback.ts) adds Marketing / Marketing Groups; this page does not.

import type { IntegrationProfile } from '../types.js';

export const TEAM_GPS: IntegrationProfile = {
  name: 'team-gps',
  title: 'Team GPS',
  source: { url: 'https://teamgps.freshdesk.com/support/solutions/articles/70000587077-custom-connectwise-manage-security-role', read: '2026-12-01' },
  permissions: {
    // Companies: "Company Maintenance None None None All"
    'Companies / Company Maintenance': { inquire: 'All' },
    // Companies: "Company/Contact Group Maintenance None None None All"
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
  },
  customize: {
    // "You can further refine the System security permission by selecting Table Setup > Customize and adding only
    // the Service / Service Board and Service / Surveys - Service tables". Least privilege takes the refinement.
    SystemTableSetup: ['Service / Service Board', 'Service / Surveys - Service'],
  },
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
};
