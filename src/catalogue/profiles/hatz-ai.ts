// Hatz AI: "ConnectWise Security Roles & Tools", the "Definitive Least Privilege Configuration" table ("the
// absolute minimum permissions required for each tool to function"). Data only. Hatz has a second page
// (12092397, "ConnectWise Manage PSA Security Role Setup") whose "General Requirements for AI Handlers" table
// enables every action and says itself that it is "highly permissive"; this profile follows the least-privilege
// table. The stored copy of the page is cut off after that table, so the per-tool tables that follow are not here.

import type { IntegrationProfile } from '../types.js';

export const HATZ_AI: IntegrationProfile = {
  name: 'hatz-ai',
  title: 'Hatz AI',
  source: {
    url: 'https://docs.hatz.ai/en/articles/12674642-connectwise-security-roles-tools',
    read: '2026-12-01',
    follows: 'the "Least Privilege Security Role Configuration" table, not the "highly permissive" AI Handlers table of article 12092397',
  },
  permissions: {
    // "Companies | Company Maintenance | None | None | None | All"
    'Companies / Company Maintenance': { inquire: 'All' },
    // "Service Desk | Service Tickets | My | My | None | My"
    'Service Desk / Service Tickets': { add: 'My', edit: 'My', inquire: 'My' },
    // "System | Member Maintenance | None | None | None | All"
    'System / Member Maintenance': { inquire: 'All' },
    // "System* | Setup Tables* | None | None | None | All" ("required to retrieve the list of service boards")
    'System / Setup Tables': { inquire: 'All' },
  },
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['Hatz: use a dedicated API member, start with the workflows you use and add permissions later.'],
};
