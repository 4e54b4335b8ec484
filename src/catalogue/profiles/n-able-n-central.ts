// N-able N-central: "ConnectWise Manage API Member security matrix", the minimum role for its ConnectWise PSA
// integrations (Module | Action | Level Setting). Data only.

import type { IntegrationProfile } from '../types.js';

export const N_ABLE_N_CENTRAL: IntegrationProfile = {
  name: 'n-able-n-central',
  title: 'N-able N-central',
  source: { url: 'https://documentation.n-able.com/N-central/userguide/Content/Administration/PSA_Integration/ConnectWise/PSA_ConnectWise_Member_Permissions.htm', read: '2026-12-01' },
  permissions: {
    // "Companies | Company Maintenance | Inquire Level set to ALL"
    'Companies / Company Maintenance': { inquire: 'All' },
    // "Companies | Configurations | Add ... Edit ... Delete ... Inquire Level set to ALL"
    'Companies / Configurations': { add: 'All', edit: 'All', delete: 'All', inquire: 'All' },
    // "Companies | Contacts | Inquire Level set to ALL"
    'Companies / Contacts': { inquire: 'All' },
    // "Procurement | Product Catalog | Inquire Level set to ALL"
    'Procurement / Product Catalog': { inquire: 'All' },
    // "Service Desk | Close Service Ticket | Add, Edit, Delete, Inquire Level set to ALL" (the page's singular)
    'Service Desk / Close Service Ticket': { add: 'All', edit: 'All', delete: 'All', inquire: 'All' },
    // "Service Desk | Resource Scheduling | Add Level set to ALL, Delete Level set to ALL, Inquire Level set to ALL"
    'Service Desk / Resource Scheduling': { add: 'All', delete: 'All', inquire: 'All' },
    // "Service Desk | Service Tickets | Add, Edit, Delete, Inquire Level set to MY"
    'Service Desk / Service Tickets': { add: 'My', edit: 'My', delete: 'My', inquire: 'My' },
    // "System | API Reports | Inquire Level set to ALL"
    'System / API Reports': { inquire: 'All' },
    // "System | Member Maintenance | Inquire Level set to ALL"
    'System / Member Maintenance': { inquire: 'All' },
    // "System | Table Setup | Inquire Level set to ALL"
    'System / Table Setup': { inquire: 'All' },
    // "Time and Expense | Time Entry | Add Level set to ALL, Inquire Level set to ALL"
    'Time & Expense / Time Entry': { add: 'All', inquire: 'All' },
  },
  optional: {
    // "Finance | Agreements | Edit Level set to ALL, Inquire Level set to ALL * This permission is only required if
    // using N-able N-central's Billing Profiles feature."
    'Finance / Agreements': { edit: 'All', inquire: 'All' },
    // "Finance | Billing View Time | Inquire Level set to ALL *This permission is only required if using N-able
    // N-central to create Time Entries against tickets."
    'Finance / Billing View Time': { inquire: 'All' },
  },
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: [
    'Finance / Agreements is needed only for N-central Billing Profiles; Finance / Billing View Time only to create time entries against tickets.',
  ],
};
