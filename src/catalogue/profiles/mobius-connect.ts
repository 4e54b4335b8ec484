// Mobius Connect (by Gozynta): "Custom security role", the role to use instead of Admin (steps 1-8). Data only.

import type { IntegrationProfile } from '../types.js';

export const MOBIUS_CONNECT: IntegrationProfile = {
  name: 'mobius-connect',
  title: 'Mobius Connect',
  source: { url: 'https://help.mobius-connect.com/support/solutions/articles/44001923965-custom-security-role', read: '2026-12-01' },
  permissions: {
    // Step 1: "Companies > Company Maintenance / Contacts / Manage Attachments: Inquire - All"
    'Companies / Company Maintenance': { inquire: 'All' },
    'Companies / Contacts': { inquire: 'All' },
    'Companies / Manage Attachments': { inquire: 'All' },
    // Step 2: "Finance > Accounting Interface: Add - All, Edit - All, Delete - All, Inquire - All"
    'Finance / Accounting Interface': { add: 'All', edit: 'All', delete: 'All', inquire: 'All' },
    // Step 2: "Finance > Invoicing: Edit - All, Delete - All, Inquire - All"
    'Finance / Invoicing': { edit: 'All', delete: 'All', inquire: 'All' },
    // Step 3: "Procurement > Product Catalog / Products / Purchase Orders: Inquire - All"
    'Procurement / Product Catalog': { inquire: 'All' },
    'Procurement / Products': { inquire: 'All' },
    'Procurement / Purchase Orders': { inquire: 'All' },
    // Step 4: "Project > Project Tickets: Inquire - All"
    'Project / Project Tickets': { inquire: 'All' },
    // Step 5: "Service Desk > Service Tickets: Inquire -All"
    'Service Desk / Service Tickets': { inquire: 'All' },
    // Step 6: "System > API Reports / Member Maintenance: Inquire - All"
    'System / API Reports': { inquire: 'All' },
    'System / Member Maintenance': { inquire: 'All' },
    // Step 7: "System > Table Setup: Inquire - All"
    'System / Table Setup': { inquire: 'All' },
    // Step 8: "Time & Expense > Expense Report Entry / Time Entry: Inquire - All"
    'Time & Expense / Expense Report Entry': { inquire: 'All' },
    'Time & Expense / Time Entry': { inquire: 'All' },
  },
  customize: {
    // Step 7: "Click Customize next to table set up. Allow Access to: General Ledger / Accounting Package, Invoicing /
    // Billing Status, Invoicing / Tax code, Products / UOM"
    SystemTableSetup: ['General Ledger / Accounting Package', 'Invoicing / Billing Status', 'Invoicing / Tax code', 'Products / UOM'],
  },
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
};
