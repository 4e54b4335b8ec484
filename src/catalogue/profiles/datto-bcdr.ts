// Datto BCDR (Datto Partner Portal integration): "Connectwise Manage API permissions" (KB370000000027). Data only.
// An older article (kb.datto.com 360000564063, "ConnectWise 2.0") asks less: Product Catalog and Service Tickets
// Add only, Agreements Inquire only, plus Project / Project Tickets Inquire, and no Company/Contact Group
// Maintenance or Table Setup. This profile follows the current article; its "N/A" cells are None.

import type { IntegrationProfile } from '../types.js';

export const DATTO_BCDR: IntegrationProfile = {
  name: 'datto-bcdr',
  title: 'Datto BCDR',
  source: {
    url: 'https://continuity.datto.com/help/Content/kb/siris-alto-nas/KB370000000027.htm',
    read: '2026-12-01',
    follows: 'the current Continuity article KB370000000027, not the older ConnectWise 2.0 article',
  },
  permissions: {
    // Company module: "Company Maintenance | N/A | N/A | N/A | All"
    'Companies / Company Maintenance': { inquire: 'All' },
    // "Company/Contact Group Maintenance | N/A | N/A | N/A | All"
    'Companies / Company/Contact Group Maintenance': { inquire: 'All' },
    // "Configurations | All | All | N/A | All"
    'Companies / Configurations': { add: 'All', edit: 'All', inquire: 'All' },
    // "Contacts | N/A | N/A | N/A | All"
    'Companies / Contacts': { inquire: 'All' },
    // Additional: "Finance | Agreements | All | N/A | N/A | All"
    'Finance / Agreements': { add: 'All', inquire: 'All' },
    // "Procurement | Product Catalog | All | N/A | N/A | All"
    'Procurement / Product Catalog': { add: 'All', inquire: 'All' },
    // "Service Desk | Service Tickets | All | All | N/A | All"
    'Service Desk / Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // "System | Table Setup (Customize) | All | None | None | All"
    'System / Table Setup': { add: 'All', inquire: 'All' },
  },
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
};
