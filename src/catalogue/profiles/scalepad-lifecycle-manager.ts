// ScalePad Lifecycle Manager: what its ConnectWise Manage sync (configurations, contracts, PSA tickets) needs.
// Read from shared/seeds/004_27906d14349fb95f.txt, "Module Add Level Edit Level Delete Level Inquire Level" table and
// the "Customize Table Setup Access" list. Data only.

import type { IntegrationProfile } from '../types.js';

export const SCALEPAD_LIFECYCLE_MANAGER: IntegrationProfile = {
  name: 'scalepad-lifecycle-manager',
  title: 'ScalePad Lifecycle Manager',
  seed: '004_27906d14349fb95f.txt',
  source: { url: 'shared/seeds/004_27906d14349fb95f.txt', read: '2026-11-23' },
  permissions: {
    // seed 004, "Company Maintenance All All None All"
    'Companies / Company Maintenance': { add: 'All', edit: 'All', inquire: 'All' },
    // seed 004, "Configurations All All None All"
    'Companies / Configurations': { add: 'All', edit: 'All', inquire: 'All' },
    // seed 004, "Contacts None None None All"
    'Companies / Contacts': { inquire: 'All' },
    // seed 004, "CRM/Sales Activities None None None All"
    'Companies / CRM/Sales Activities': { inquire: 'All' },
    // seed 004, "Agreement Invoicing None None None All"
    'Finance / Agreement Invoicing': { inquire: 'All' },
    // seed 004, "Agreements None None None All"
    'Finance / Agreements': { inquire: 'All' },
    // seed 004, "invoicing None None None All" (lower case in the seed)
    'Finance / Invoicing': { inquire: 'All' },
    // seed 004, "Procurement / Products None None None All"
    'Procurement / Products': { inquire: 'All' },
    // seed 004, "Close Projects None None None All"
    'Project / Close Projects': { inquire: 'All' },
    // seed 004, "Project Headers None None None All"
    'Project / Project Headers': { inquire: 'All' },
    // seed 004, "Closed Opportunity All All None All"
    'Sales / Closed Opportunity': { add: 'All', edit: 'All', inquire: 'All' },
    // seed 004, "Opportunity All All None All"
    'Sales / Opportunity': { add: 'All', edit: 'All', inquire: 'All' },
    // seed 004, "Sales Orders None None None All"
    'Sales / Sales Orders': { inquire: 'All' },
    // seed 004, "Service Tickets All All None All"
    'Service Desk / Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // seed 004, "Service Tickets - Dependencies * All All None All" and "Service Tickets - Finance * All All None All".
    // Decision: included. The note says they "aren't part of the default Lifecycle Manager configuration", but the
    // same guide recommends assigning "all permissions listed below to avoid needing to update your API role again".
    'Service Desk / Service Tickets - Dependencies': { add: 'All', edit: 'All', inquire: 'All' },
    'Service Desk / Service Tickets - Finance': { add: 'All', edit: 'All', inquire: 'All' },
    // seed 004, "Member Maintenance None None None All"
    'System / Member Maintenance': { inquire: 'All' },
    // seed 004, "My Company None None None All"
    'System / My Company': { inquire: 'All' },
    // seed 004, "Table Setup None None None All" (plus the Customize list below)
    'System / Table Setup': { inquire: 'All' },
    // seed 004, "Time & Expense / Time Entry None None None All"
    'Time & Expense / Time Entry': { inquire: 'All' },
  },
  customize: {
    // seed 004, "In the Customize Table Setup Access screen, add the required table entries listed below. Allow Access
    // to these". "Opportunities / Opportunity_Rating" is spelled with "_" in the seed; the catalogue's name is
    // "Opportunity Rating" (the loader accepts both).
    SystemTableSetup: [
      'Agreements / Agreement Type',
      'Agreements / Batch',
      'Company / Company Status',
      'Company / Company Type',
      'Company / Configuration',
      'Company / Configuration Status',
      'Opportunities / Opportunity Status',
      'Opportunities / Opportunity Type',
      'Opportunities / Opportunity Rating',
      'Opportunities / Quote Link',
      'Opportunities / Sales Stage',
      'Project / Project Board',
      'Service / Priority',
      'Service / Service Board',
      'Service / SLA',
      'Time / Work Role',
    ],
  },
  // seed 004, Step 3: "Set defaults for Location, Business Unit, etc." Level not stated: Corporate (Level 1).
  member: { level: 'Corporate (Level 1)', requiresLocation: true, requiresBusinessUnit: true },
  notes: [
    'Service Tickets - Dependencies and - Finance are needed only for detailed PSA ticket creation; kept as the guide recommends.',
    'Set a default Location and Business Unit on the API member.',
  ],
};
