// ManageEngine Endpoint Central MSP: "Roles and Permissions for ConnectWise PSA Integration with Endpoint Central".
// Three tables: Basic Permissions, "If Asset Sync feature is to be enabled", "If Helpdesk Ticket Request feature is
// to be enabled": the basic rows are the profile, the other two are tiers on top of them. "-" cells are None.

import type { IntegrationProfile } from '../types.js';

export const MANAGEENGINE_ENDPOINT_CENTRAL: IntegrationProfile = {
  name: 'manageengine-endpoint-central',
  title: 'ManageEngine Endpoint Central MSP',
  source: { url: 'https://www.manageengine.com/desktop-management-msp/connectwise-roles-permissions.html', read: '2026-12-01' },
  baseTier: 'basic',
  permissions: {
    // Basic: "Companies | Company Maintenance | - | - | - | All"
    'Companies / Company Maintenance': { inquire: 'All' },
    // Basic: "System | Table Setup | - | - | - | All"
    'System / Table Setup': { inquire: 'All' },
  },
  tiers: [
    {
      name: 'asset-sync',
      title: 'Asset Sync',
      permissions: {
        // "Companies | Configurations | All | All | - | All"
        'Companies / Configurations': { add: 'All', edit: 'All', inquire: 'All' },
      },
    },
    {
      name: 'helpdesk',
      title: 'Helpdesk Ticket Request',
      permissions: {
        // "Companies | Manage Attachments | All | - | - | All"
        'Companies / Manage Attachments': { add: 'All', inquire: 'All' },
        // "Service Desk | Service Tickets | All | All | - | All"
        'Service Desk / Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
      },
    },
  ],
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['Select a feature as manageengine-endpoint-central:asset-sync or :helpdesk (both: name both).'],
};
