// N-able Passportal: the custom security role its ConnectWise PSA integration needs instead of Admin.
// Transcribed from the page below ("Custom Security Role required permissions", a Category | Sub-category |
// Add | Edit | Delete | Inquire table). Data only.

import type { IntegrationProfile } from '../types.js';

export const N_ABLE_PASSPORTAL: IntegrationProfile = {
  name: 'n-able-passportal',
  title: 'N-able Passportal',
  source: { url: 'https://documentation.n-able.com/passportal/userguide/Content/psa-integ/cwpsa-create-custom-security-role.htm', read: '2026-12-01' },
  permissions: {
    // "Companies | Company Maintenance | All | All | All | All"
    'Companies / Company Maintenance': { add: 'All', edit: 'All', delete: 'All', inquire: 'All' },
    // "Configurations | All | All | All | All" (under Companies)
    'Companies / Configurations': { add: 'All', edit: 'All', delete: 'All', inquire: 'All' },
    // "Contacts | All | All | All | All" (under Companies)
    'Companies / Contacts': { add: 'All', edit: 'All', delete: 'All', inquire: 'All' },
    // "System | Member Maintenance | All | All | All | All"
    'System / Member Maintenance': { add: 'All', edit: 'All', delete: 'All', inquire: 'All' },
    // "Security | All | All | All | All" (under System). The page's word; cwctl's catalogue calls the function
    // "Security Roles" but does not assume that is what the page means: the live PSA decides (validate warns).
    'System / Security': { add: 'All', edit: 'All', delete: 'All', inquire: 'All' },
    // "Table Setup | All | All | All | All" (under System); the page names no Customize list.
    'System / Table Setup': { add: 'All', edit: 'All', delete: 'All', inquire: 'All' },
  },
  customize: {},
  // The page says nothing of the member's level, location or business unit.
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['The page offers this role as the alternative to giving the API member the Admin role.'],
};
