// Gozynta: "Custom security role" on Gozynta's own help site (the same article, 44001923965, as Mobius Connect's,
// in a later version). Against the Mobius Connect page it adds Procurement "Purchase Orders (Aiso)" and System
// Custom Menu Entry, and a Customize step for a "Mobius" menu entry. The stored copy is cut off at step 9
// ("Time & Expense > Expense ..."): the two Time & Expense rows follow the Mobius Connect version of the article.

import type { IntegrationProfile } from '../types.js';

export const GOZYNTA: IntegrationProfile = {
  name: 'gozynta',
  title: 'Gozynta',
  source: {
    url: 'https://help.gozynta.com/support/solutions/articles/44001923965-custom-security-role',
    read: '2026-12-01',
    follows: 'the Gozynta version of the article; step 9 (Time & Expense) from the Mobius Connect version, cut off here',
  },
  permissions: {
    // Step 1: "Companies > Company Maintenance / Contacts / Manage Attachments: Inquire - All"
    'Companies / Company Maintenance': { inquire: 'All' },
    'Companies / Contacts': { inquire: 'All' },
    'Companies / Manage Attachments': { inquire: 'All' },
    // Step 2: "Finance > Accounting Interface: Add, Edit, Delete, Inquire - All"
    'Finance / Accounting Interface': { add: 'All', edit: 'All', delete: 'All', inquire: 'All' },
    // Step 2: "Finance > Invoicing: Edit - All, Delete - All, Inquire - All"
    'Finance / Invoicing': { edit: 'All', delete: 'All', inquire: 'All' },
    // Step 3: "Procurement > Product Catalog / Products / Purchase Orders / Purchase Orders (Aiso): Inquire - All"
    'Procurement / Product Catalog': { inquire: 'All' },
    'Procurement / Products': { inquire: 'All' },
    'Procurement / Purchase Orders': { inquire: 'All' },
    'Procurement / Purchase Orders (Aiso)': { inquire: 'All' },
    // Step 4: "Project > Project Tickets: Inquire - All"
    'Project / Project Tickets': { inquire: 'All' },
    // Step 5: "Service Desk > Service Tickets: Inquire -All"
    'Service Desk / Service Tickets': { inquire: 'All' },
    // Step 6: "System > API Reports: Inquire - All"
    'System / API Reports': { inquire: 'All' },
    // Step 6: "System > Custom Menu Entry: Add - All, Edit - All, Delete - All, Inquire - All"
    'System / Custom Menu Entry': { add: 'All', edit: 'All', delete: 'All', inquire: 'All' },
    // Step 6: "System > Member Maintenance: Inquire - All"
    'System / Member Maintenance': { inquire: 'All' },
    // Step 8: "System > Table Setup: Inquire - All"
    'System / Table Setup': { inquire: 'All' },
    // Step 9 (Mobius Connect version): "Time & Expense > Expense Report Entry / Time Entry: Inquire - All"
    'Time & Expense / Expense Report Entry': { inquire: 'All' },
    'Time & Expense / Time Entry': { inquire: 'All' },
  },
  customize: {
    // Step 8: "Allow Access to: General Ledger / Accounting Package, Invoicing / Billing Status, Invoicing / Tax code,
    // Products / UOM"
    SystemTableSetup: ['General Ledger / Accounting Package', 'Invoicing / Billing Status', 'Invoicing / Tax code', 'Products / UOM'],
    // Step 7 ("not necessary unless you are creating a custom menu entry for Mobius") is left to the user:
    // customize: { SystemCustomMenuEntry: [Mobius] }.
  },
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['Creating a custom menu entry for Mobius also needs Custom Menu Entry > Customize: allow "Mobius" (customize.SystemCustomMenuEntry).'],
};
