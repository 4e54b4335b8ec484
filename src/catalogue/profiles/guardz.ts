// Guardz: "ConnectWise PSA Integration Setup", the security role "with the minimal permissions required for the
// integration" (a list of settings). Data only.

import type { IntegrationProfile } from '../types.js';

export const GUARDZ: IntegrationProfile = {
  name: 'guardz',
  title: 'Guardz',
  source: { url: 'https://support.guardz.com/en/articles/8291013-connectwise-psa-integration-setup', read: '2026-12-01' },
  permissions: {
    // "Under "Companies", set "Company Maintenance" inquiry level to "All""
    'Companies / Company Maintenance': { inquire: 'All' },
    // "Under "Service Desk", set "Close Service Tickets" add, edit and inquiry levels to "All""
    'Service Desk / Close Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // "Under "Service Desk", set "Service Tickets" add, edit and inquiry levels to "All""
    'Service Desk / Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // "Under "System", set "Table Setup" inquiry level to "All""
    'System / Table Setup': { inquire: 'All' },
  },
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['Guardz advises restricting the API member\'s service boards (Service Defaults) to those the integration uses.'],
};
