// N-able N-sight RMM (formerly Remote Management): the custom security role for its ConnectWise PSA integration.
// Transcribed from the page below (Category | Sub-category | Add | Edit | Delete | Inquire). Data only.
// The page exists in two renderings: a short table of the nine rows below, and a full grid of every module in
// which all other rows are None except Marketing / Marketing Groups (None, All, All, All). This profile follows
// the short table, and carries Marketing Groups as optional, since only the full grid asks for it.

import type { IntegrationProfile } from '../types.js';

export const N_ABLE_N_SIGHT_RMM: IntegrationProfile = {
  name: 'n-able-n-sight-rmm',
  title: 'N-able N-sight RMM',
  source: {
    url: 'https://documentation.n-able.com/remote-management/userguide/Content/connectwise_manage_custom_role.htm',
    read: '2026-12-01',
    follows: 'the short "Custom Security Role Required Permissions" table; the full-grid rendering adds only Marketing Groups (optional here)',
  },
  permissions: {
    // "Companies | Company Maintenance | All | None | All | All"
    'Companies / Company Maintenance': { add: 'All', delete: 'All', inquire: 'All' },
    // "Configurations | All | All | None | All"
    'Companies / Configurations': { add: 'All', edit: 'All', inquire: 'All' },
    // "Project | Project Tickets | None | None | None | All"
    'Project / Project Tickets': { inquire: 'All' },
    // "Service Desk | Close Service Tickets | None | All | None | All"
    'Service Desk / Close Service Tickets': { edit: 'All', inquire: 'All' },
    // "Service Tickets | All | All | All | All"
    'Service Desk / Service Tickets': { add: 'All', edit: 'All', delete: 'All', inquire: 'All' },
    // "System | API Reports | None | None | None | All"
    'System / API Reports': { inquire: 'All' },
    // "Member Maintenance | None | None | None | All"
    'System / Member Maintenance': { inquire: 'All' },
    // "Table Setup | None | None | All | All"
    'System / Table Setup': { delete: 'All', inquire: 'All' },
    // "Time & Expenses | Time Entry | All | None | All | All"
    'Time & Expense / Time Entry': { add: 'All', delete: 'All', inquire: 'All' },
  },
  optional: {
    // Full grid only: "Marketing Groups None All All All"
    'Marketing / Marketing Groups': { edit: 'All', delete: 'All', inquire: 'All' },
  },
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['The page offers this role as the alternative to giving the API member the Admin role.'],
};
