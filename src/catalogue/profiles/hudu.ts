// Hudu: the security role its ConnectWise PSA (Manage) integration needs, from Hudu's support article. Data only.
// Two versions: the current article (9422786926615, "ConnectWise PSA") and the older "Setting up the ConnectWise
// Manage Integration" (360043891234, now marked as moved). The rows both show agree (Companies, Service Desk); the
// stored copy of the current one is cut off after Service Desk, so System and Finance follow the older article.

import type { IntegrationProfile } from '../types.js';

export const HUDU: IntegrationProfile = {
  name: 'hudu',
  title: 'Hudu',
  source: {
    url: 'https://support.hudu.com/hc/en-us/articles/9422786926615-ConnectWise-PSA-Manage',
    read: '2026-12-01',
    follows: 'the current article for Companies and Service Desk; the older article 360043891234 (same rows where both show them) for System and Finance',
  },
  permissions: {
    // "Company maintenance | All | All | None | All"
    'Companies / Company Maintenance': { add: 'All', edit: 'All', inquire: 'All' },
    // "Configuration-display passwords | None | None | None | All"
    'Companies / Configuration - Display Passwords': { inquire: 'All' },
    // "Configurations | All | All | None | All"
    'Companies / Configurations': { add: 'All', edit: 'All', inquire: 'All' },
    // "Contacts | All | All | None | All"
    'Companies / Contacts': { add: 'All', edit: 'All', inquire: 'All' },
    // "Service Desk ... Service tickets | None | None | None | All"
    'Service Desk / Service Tickets': { inquire: 'All' },
    // older article: "System ... API Reports All All None All". The catalogue believes API Reports offers only
    // Inquire; the vendor's cells stay as written and the live PSA decides.
    'System / API Reports': { add: 'All', edit: 'All', inquire: 'All' },
    // older article: "Member Maintenance None None None All"
    'System / Member Maintenance': { inquire: 'All' },
    // older article: "Table Setup None None None All"
    'System / Table Setup': { inquire: 'All' },
    // older article: "Finance ... Agreements None None None All"
    'Finance / Agreements': { inquire: 'All' },
  },
  customize: {},
  // "Level. We strongly recommend choosing the highest level of access" (older article).
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['Hudu recommends the highest Level for the API member so that every company is visible.'],
};
