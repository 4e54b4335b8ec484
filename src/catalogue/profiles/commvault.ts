// Commvault: "ConnectWise Manage Permissions" for its PSA integration (documentation 11.44; the page states API
// version 2024.8). One table per security module. Data only.

import type { IntegrationProfile } from '../types.js';

export const COMMVAULT: IntegrationProfile = {
  name: 'commvault',
  title: 'Commvault',
  source: { url: 'https://documentation.commvault.com/11.44/software/connectwise_manage_permissions.html', read: '2026-12-01', follows: 'documentation release 11.44' },
  permissions: {
    // Companies: "Company Maintenance | None | None | None | All"
    'Companies / Company Maintenance': { inquire: 'All' },
    // Companies: "Contacts | None | None | None | All"
    'Companies / Contacts': { inquire: 'All' },
    // Finance: "Agreements | All | All | None | All" (agreement additions are created and PATCHed)
    'Finance / Agreements': { add: 'All', edit: 'All', inquire: 'All' },
    // Procurement: "Product Catalog | All | All | None | All"
    'Procurement / Product Catalog': { add: 'All', edit: 'All', inquire: 'All' },
  },
  optional: {
    // Service Desk: "Service Tickets | All | All | None | All ... Only required if the Ticketing feature is configured."
    'Service Desk / Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
  },
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['Service Desk / Service Tickets is needed only when PSA Ticketing is configured.'],
};
