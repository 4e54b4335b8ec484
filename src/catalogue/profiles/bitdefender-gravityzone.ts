// Bitdefender GravityZone: the security role for the ConnectWise PSA App integration ("Configuring the
// integration", step 5). Data only. An older page (77211-158561, the legacy integration in Control Center) names
// no role; this profile follows the ConnectWise PSA App page.

import type { IntegrationProfile } from '../types.js';

export const BITDEFENDER_GRAVITYZONE: IntegrationProfile = {
  name: 'bitdefender-gravityzone',
  title: 'Bitdefender GravityZone',
  source: { url: 'https://bitdefender.com/business/support/en/77211-1067516-configuring-the-integration.html', read: '2026-12-01', follows: 'the ConnectWise PSA App integration page (the legacy page lists no role)' },
  permissions: {
    // "Companies > Company Maintenance: Inquire level set to All"
    'Companies / Company Maintenance': { inquire: 'All' },
    // "Procurement > Products: Inquire level set to All"
    'Procurement / Products': { inquire: 'All' },
    // "Procurement > Product Catalog: Inquire level set to All" ("displayed as Product Entry in all versions prior
    // to 2017.5")
    'Procurement / Product Catalog': { inquire: 'All' },
    // "Project > Project Ticket Tasks: Inquire level set to All"
    'Project / Project Ticket Tasks': { inquire: 'All' },
    // "Project > Project Tickets: Inquire level set to All"
    'Project / Project Tickets': { inquire: 'All' },
    // "Service Desk > Service Tickets: Add Level and Inquire level set to All"
    'Service Desk / Service Tickets': { add: 'All', inquire: 'All' },
    // "System > Table Setup (customize): Inquire Level set to All"
    'System / Table Setup': { inquire: 'All' },
  },
  optional: {
    // "Finance > Agreements: Add Level, Edit Level and Inquire level set to All. Notice: This feature is unavailable
    // for Basic Plan accounts."
    'Finance / Agreements': { add: 'All', edit: 'All', inquire: 'All' },
  },
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['Finance / Agreements (billing) does not apply to Basic Plan accounts.'],
};
