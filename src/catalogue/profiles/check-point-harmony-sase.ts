// Check Point Harmony SASE (Perimeter 81): "ConnectWise PSA" in the SASE Administration Guide, the permissions of
// the integration's role ("available only for the accounts in the Perimeter 81 workspace"). Data only.

import type { IntegrationProfile } from '../types.js';

export const CHECK_POINT_HARMONY_SASE: IntegrationProfile = {
  name: 'check-point-harmony-sase',
  title: 'Check Point Harmony SASE',
  source: { url: 'https://sc1.checkpoint.com/documents/Infinity_Portal/WebAdminGuides/EN/SASE-Admin-Guide/Content/Topics-SASE-AG/Settings/Integrations/ConnectWise-Manage.htm', read: '2026-12-01' },
  permissions: {
    // "Companies > Company Maintenance > Inquire Level= All"
    'Companies / Company Maintenance': { inquire: 'All' },
    // "Finance > Agreements > Inquire Level=All", "Finance > Agreements > Add Level=All"
    'Finance / Agreements': { add: 'All', inquire: 'All' },
    // "Procurement > Product Catalog > Inquire Level= All", "... > Add Level= All"
    'Procurement / Product Catalog': { add: 'All', inquire: 'All' },
    // "System > Table setup > Inquire Level= All"
    'System / Table Setup': { inquire: 'All' },
  },
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
};
