// Datto RMM: what its ConnectWise PSA integration (ConnectWise v2 component) needs.
// Read from shared/seeds/001_cde43b6d15e34d40.txt ("Create a new Security Role with the following permissions"),
// a pipe table "Setting/Module | Add Level | Edit Level | Delete Level | Inquire Level". Data only.

import type { IntegrationProfile } from '../types.js';

export const DATTO_RMM: IntegrationProfile = {
  name: 'datto-rmm',
  title: 'Datto RMM',
  seed: '001_cde43b6d15e34d40.txt',
  source: { url: 'shared/seeds/001_cde43b6d15e34d40.txt', read: '2026-11-23' },
  permissions: {
    // seed 001, "Company Maintenance | None | None | None | All"
    'Companies / Company Maintenance': { inquire: 'All' },
    // seed 001, "Configurations | All | All | None | All" (Datto creates and updates configurations for devices)
    'Companies / Configurations': { add: 'All', edit: 'All', inquire: 'All' },
    // seed 001, "Manage Attachments | All | None | None | All"
    'Companies / Manage Attachments': { add: 'All', inquire: 'All' },
    // seed 001, "Management | None | None | None | All"
    'Companies / Management': { inquire: 'All' },
    // seed 001, "Finance | Agreements | None | All | None | All" (device quantities update agreement additions)
    'Finance / Agreements': { edit: 'All', inquire: 'All' },
    // seed 001, "Procurement | Product Catalog | None | None | None | All"
    'Procurement / Product Catalog': { inquire: 'All' },
    // seed 001, "Close Service Tickets | None | All | None | All"
    'Service Desk / Close Service Tickets': { edit: 'All', inquire: 'All' },
    // seed 001, "Service Tickets | All | All | None | All" (alert tickets, round-trip ticketing)
    'Service Desk / Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // seed 001, "SLA Dashboard | None | None | None | All"
    'Service Desk / SLA Dashboard': { inquire: 'All' },
    // seed 001, "System | API Reports | None | None | None | All"
    'System / API Reports': { inquire: 'All' },
    // seed 001, "System Reports | None | None | None | All"
    'System / System Reports': { inquire: 'All' },
    // seed 001, "Table Setup | All | None | None | All"
    'System / Table Setup': { add: 'All', inquire: 'All' },
  },
  // Decision: the seed sets Table Setup Add/Inquire=All but names no tables. Datto reads configuration types,
  // agreement types and priorities through their own endpoints (setup-table endpoints answer at inquire level,
  // reference §5), so cwctl adds no Customize list rather than invent one.
  customize: {},
  // Decision: the seed says only "Enter the rest of the required details". Corporate (Level 1) is what
  // company mapping across every site needs; location and business unit are not asked for.
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: [
    'ConnectWise PSA Standard or Premium is required; Basic is not supported.',
    'On-premises PSA must allow the Datto RMM outbound IP addresses of your platform.',
    'Device-type to configuration-type, agreement-type and product mappings: see mappings.managedDevices.',
    'Configuration types with required Questions cannot receive new devices from Datto RMM.',
  ],
};
