// LastPass: "ConnectWise user privileges for LastPass PSA Integrations", the "Minimum required modules for PSA
// Import" table (Module | Add | Edit | Delete | Inquire | Customized levels needed). Data only.

import type { IntegrationProfile } from '../types.js';

export const LASTPASS: IntegrationProfile = {
  name: 'lastpass',
  title: 'LastPass',
  source: { url: 'https://support.lastpass.com/help/connectwise-user-privileges-for-lastpass-psa-integrations', read: '2026-12-01' },
  permissions: {
    // "Company Maintenance | None | None | None | All"
    'Companies / Company Maintenance': { inquire: 'All' },
    // "Contacts | None | None | None | All"
    'Companies / Contacts': { inquire: 'All' },
    // "Table setup | None | None | None | All"
    'System / Table Setup': { inquire: 'All' },
  },
  // The "Customized levels needed" cell of Table setup is empty in the stored page: no list is transcribed.
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
};
