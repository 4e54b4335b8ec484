// Rewst: "Least Privilege Access Requirements for ConnectWise Manage Integration". Two tiers on the page:
// "Authentication Requirements" (the base, `rewst` or `rewst:authentication`) and "Additional Action
// Requirements" ("To use them all, you'll need the following additional Security Roles"): `rewst:actions`.
// Levels written without one ("Add, Edit, Inquire") are All; "(My)" is My. Data only.
// Versions: an older rendering of the page lacks Merge Tickets and the three Project rows; this profile follows
// the newer one (also in Rewst's docs repository). Every stored copy of the action list ends inside the Finance
// rows ("Finance -> Bil..."); Billing View Time Edit All is the cell issue #12 quotes from the page. Compare the
// actions tier with the page before relying on it for every action.

import type { IntegrationProfile } from '../types.js';

export const REWST: IntegrationProfile = {
  name: 'rewst',
  title: 'Rewst',
  source: {
    url: 'https://docs.rewst.help/documentation/integrations/psa/connectwise-manage/least-privilege-access-requirements-for-connectwise-manage-integration',
    read: '2026-12-01',
    follows: 'the version with Merge Tickets and the Project rows; the stored copies end inside the Finance rows of the action list',
  },
  baseTier: 'authentication',
  permissions: {
    // Authentication: "System → Member Maintenance: Inquire"
    'System / Member Maintenance': { inquire: 'All' },
    // Authentication: "Companies → Company Maintenance: Inquire"
    'Companies / Company Maintenance': { inquire: 'All' },
  },
  tiers: [
    {
      name: 'actions',
      title: 'Additional Action Requirements',
      permissions: {
        // "Companies → Configurations: Add, Edit, Inquire"
        'Companies / Configurations': { add: 'All', edit: 'All', inquire: 'All' },
        // "Companies → Contacts: Add, Edit, Inquire"
        'Companies / Contacts': { add: 'All', edit: 'All', inquire: 'All' },
        // "Companies → Manage Attachments: Add (My), Edit (My), Delete(My), Inquire"
        'Companies / Manage Attachments': { add: 'My', edit: 'My', delete: 'My', inquire: 'All' },
        // "Companies → Team Members: Inquire"
        'Companies / Team Members': { inquire: 'All' },
        // "Service Desk → Service Tickets: Add, Edit, Inquire"
        'Service Desk / Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
        // "Service Desk → Service Ticket – Dependencies: Add, Edit, Inquire"
        'Service Desk / Service Ticket – Dependencies': { add: 'All', edit: 'All', inquire: 'All' },
        // "Service Desk → Close Service Tickets: Edit, Inquire"
        'Service Desk / Close Service Tickets': { edit: 'All', inquire: 'All' },
        // "Service Desk → Merge Tickets: Add, Edit, Inquire"
        'Service Desk / Merge Tickets': { add: 'All', edit: 'All', inquire: 'All' },
        // "Project → Project Ticket: Add, Edit, Inquire"
        'Project / Project Ticket': { add: 'All', edit: 'All', inquire: 'All' },
        // "Project → Project Ticket - Dependancies: Add, Edit, Inquire" (the page's spelling)
        'Project / Project Ticket - Dependancies': { add: 'All', edit: 'All', inquire: 'All' },
        // "Project → Close Project Tickets: Edit, Inquire"
        'Project / Close Project Tickets': { edit: 'All', inquire: 'All' },
        // "System → My Account: Add (My), Edit (My), Delete (My), Inquire (My)"
        'System / My Account': { add: 'My', edit: 'My', delete: 'My', inquire: 'My' },
        // "System → Table Setup: Add, Inquire (Additional customization can be done to allow or disallow tables)"
        'System / Table Setup': { add: 'All', inquire: 'All' },
        // "Time & Expense → Time Entry: Add, Edit, Delete (My), Inquire"
        'Time & Expense / Time Entry': { add: 'All', edit: 'All', delete: 'My', inquire: 'All' },
        // "Time & Expense → Time Entry Billable Option: Add, Edit, Delete(My), Inquire"
        'Time & Expense / Time Entry Billable Option': { add: 'All', edit: 'All', delete: 'My', inquire: 'All' },
        // "Finance → Agreements: Inquire"
        'Finance / Agreements': { inquire: 'All' },
        // "Finance -> Billing View Time: Edit All" (as issue #12 quotes the page; the stored copy is cut off here)
        'Finance / Billing View Time': { edit: 'All' },
      },
      notes: ['The action list of the page continues past the Finance rows in the stored copies: compare with the page.'],
    },
  ],
  customize: {},
  // Rewst's setup page: "Select your highest Level, such as Corporate (Level 1)."
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['A 403 Forbidden from Rewst workflows means the authentication rows are incomplete (the page says so).'],
};
