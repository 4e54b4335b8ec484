// MSP360 Managed Backup: "Required Permissions for ConnectWise Manage Security Role" (article m0428, last
// modified 29-Sep-2024 on the page). The page lists functions per level ("Set Inquiry level to all for ...",
// "Set Edit level ...", "Set Add level ..."); the rows below gather them per function. Data only.

import type { IntegrationProfile } from '../types.js';

export const MSP360: IntegrationProfile = {
  name: 'msp360',
  title: 'MSP360 Managed Backup',
  source: { url: 'https://help.mspbackups.com/integrations/connectwise-manage/required-permissions', read: '2026-12-01', follows: 'article m0428 as last modified 29-Sep-2024' },
  permissions: {
    // Inquiry: "Company Maintenance of Company module"
    'Companies / Company Maintenance': { inquire: 'All' },
    // Inquiry: "Contacts of Company Module"
    'Companies / Contacts': { inquire: 'All' },
    // Inquiry and Edit: "Close Service Tickets of Service Desk module"
    'Service Desk / Close Service Tickets': { edit: 'All', inquire: 'All' },
    // Inquiry, Edit and Add: "Service Tickets of Service Desk module"
    'Service Desk / Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // Inquiry, Edit and Add: "Agreements of Finance module"
    'Finance / Agreements': { add: 'All', edit: 'All', inquire: 'All' },
    // Inquiry, Edit and Add: "Company Finance of Finance Module"
    'Finance / Company Finance': { add: 'All', edit: 'All', inquire: 'All' },
    // Inquiry: "Product Catalog of Procurement module"
    'Procurement / Product Catalog': { inquire: 'All' },
    // Inquiry: "Products of Procurement module"
    'Procurement / Products': { inquire: 'All' },
    // Inquiry, Edit and Add: "Product Billable Option of Procurement module"
    'Procurement / Product Billable Option': { add: 'All', edit: 'All', inquire: 'All' },
    // Inquiry: "Table Setup of System module"
    'System / Table Setup': { inquire: 'All' },
  },
  customize: {
    // "click Customize and make sure the entries mentioned below are listed in the Allow access to these columns:
    // Service / Service Board"
    SystemTableSetup: ['Service / Service Board'],
  },
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['The page names the role "API" and asks that the API member be created with it.'],
};
