// CYRISMA: "ConnectWise PSA Integration Guide", step 1 (the CYRISMA security role). Data only.

import type { IntegrationProfile } from '../types.js';

export const CYRISMA: IntegrationProfile = {
  name: 'cyrisma',
  title: 'CYRISMA',
  source: { url: 'https://cyrisma.helpjuice.com/psa-integrations/connectwise-psa-integration-guide', read: '2026-12-01' },
  permissions: {
    // "Companies > Company Maintenance: Inquire Level = All"
    'Companies / Company Maintenance': { inquire: 'All' },
    // "Service Desk > Close Service Tickets: Add = All, Edit = All, Inquire = All"
    'Service Desk / Close Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // "Service Desk > Service Tickets: Add = All, Edit = All, Inquire = All"
    'Service Desk / Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // "System > API Reports: Inquire = All"
    'System / API Reports': { inquire: 'All' },
    // "System > Member Maintenance: Inquire = All"
    'System / Member Maintenance': { inquire: 'All' },
    // "System > My Company: Inquire = All"
    'System / My Company': { inquire: 'All' },
    // "System > Table Setup: Add = All, Inquire = All"
    'System / Table Setup': { add: 'All', inquire: 'All' },
  },
  // "Restrict Table Setup Rights ... ensuring that all access is removed except for the specified rights": the
  // stored page shows the tables only in a screenshot, so no list is transcribed.
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['CYRISMA asks to restrict Table Setup through Customize; the tables are shown only in a screenshot on the page.'],
};
