// Wise-Sync: what its accounting sync needs on ConnectWise PSA 2019.3 and newer.
// Read from shared/seeds/003_e844ad785a4ea798.txt: "The following Modules and Permissions all require 'All' for
// 'Inquire Level'", a Module | Permission | why table where some rows add "Select All for all levels". Data only.

import type { IntegrationProfile } from '../types.js';
import { INQUIRE_ALL, allOffered } from './levels.js';

export const WISE_SYNC: IntegrationProfile = {
  name: 'wise-sync',
  title: 'Wise-Sync',
  seed: '003_e844ad785a4ea798.txt',
  source: { url: 'shared/seeds/003_e844ad785a4ea798.txt', read: '2026-11-23' },
  permissions: {
    // seed 003, "Companies | Company Maintenance | ... query information from companies"
    'Companies / Company Maintenance': INQUIRE_ALL,
    // seed 003, "Contacts | ... query contacts from companies"
    'Companies / Contacts': INQUIRE_ALL,
    // seed 003, "Manage Attachments | ... get attachments when syncing expenses"
    'Companies / Manage Attachments': INQUIRE_ALL,
    // seed 003, "Team Members | ... get Team Member details when syncing expenses"
    'Companies / Team Members': INQUIRE_ALL,
    // seed 003, "Finance | Accounting Interface | Select All for all levels (Add, Edit, Delete, Inquire)"
    'Finance / Accounting Interface': allOffered('Finance / Accounting Interface'),
    // seed 003, "Billing View Time | ... view the billing option on time entry"
    'Finance / Billing View Time': INQUIRE_ALL,
    // seed 003, "Company Finance | ... see the Company Finance screen"
    'Finance / Company Finance': INQUIRE_ALL,
    // seed 003, "Invoicing | Select All for all levels (Add, Edit, Delete and Inquire)"
    'Finance / Invoicing': allOffered('Finance / Invoicing'),
    // seed 003, "Reports | ... query Reporting Views ... - All Reports" (Finance)
    'Finance / Reports': INQUIRE_ALL,
    // seed 003, "Procurement | Inventory Adjustments", "Inventory Transfers", "Product Catalog", "Purchase Orders", "Reports"
    'Procurement / Inventory Adjustments': INQUIRE_ALL,
    'Procurement / Inventory Transfers': INQUIRE_ALL,
    'Procurement / Product Catalog': INQUIRE_ALL,
    // seed 003, "Products | ... query products ... NOTE: for WisePay for PSA customers (WisePay only, no Wise-Sync), you
    // require both 'edit' and 'add'". Decision: this profile is Wise-Sync, so Inquire only; WisePay users add the
    // two cells under `permissions:`.
    'Procurement / Products': INQUIRE_ALL,
    'Procurement / Purchase Orders': INQUIRE_ALL,
    'Procurement / Reports': INQUIRE_ALL,
    // seed 003, "Projects | Reports" (the seed writes the module "Projects")
    'Project / Reports': INQUIRE_ALL,
    // seed 003, "Sales | Reports"
    'Sales / Reports': INQUIRE_ALL,
    // seed 003, "Service Desk | Service Tickets | ... set to All for Inquire Level to be able to sync expenses"
    'Service Desk / Service Tickets': INQUIRE_ALL,
    // seed 003, "Reports | ... query Reporting Views" (Service Desk)
    'Service Desk / Reports': INQUIRE_ALL,
    // seed 003, "System | API Reports | ... query API Reporting Views"
    'System / API Reports': INQUIRE_ALL,
    // seed 003, "Custom Menu Entry | Select All for all levels (Add, Edit, Delete, Inquire)"
    'System / Custom Menu Entry': allOffered('System / Custom Menu Entry'),
    // seed 003, "Manage Hosted API | Select All for all levels (Add, Edit, Delete, Inquire)"
    'System / Manage Hosted API': allOffered('System / Manage Hosted API'),
    // seed 003, "Member Maintenance | ... view existing members"
    'System / Member Maintenance': INQUIRE_ALL,
    // seed 003, "My Company | Allows Wise-Sync to sync Territories, Structure Levels, etc."
    'System / My Company': INQUIRE_ALL,
    // seed 003, "Security Role | ... review the settings for existing security roles" (catalogue: "Security Roles")
    'System / Security Roles': INQUIRE_ALL,
    // seed 003, "System Reports | ... - Security Roles Setup Report"
    'System / System Reports': INQUIRE_ALL,
    // seed 003, "Table Setup (Customize) | Select All for all levels (Add, Edit, Delete, Inquire)"
    'System / Table Setup': allOffered('System / Table Setup'),
    // seed 003, "Report Writer | Allows for custom Invoices". Decision: the table's header says every row needs
    // Inquire=All and this row asks nothing more, so Inquire only.
    'System / Report Writer': INQUIRE_ALL,
    // seed 003, "Time & Expense | Expense Report Entry | ... syncing expenses"
    'Time & Expense / Expense Report Entry': INQUIRE_ALL,
    // seed 003, "Reports | ... reports located in the Time Entry Category" (Time & Expense)
    'Time & Expense / Reports': INQUIRE_ALL,
  },
  customize: {
    // seed 003, Table Setup (Customize): "allow access for: - General / Manage Hosted API - General / Portal
    // Configuration (for Future Functionality) - General / Portal Security (for Future Functionality) - General Ledger /
    // Accounting Package (for Future Functionality) - General Ledger / GL Accounts (for Future Functionality) -
    // Inventory / Warehouse - Inventory / Warehouse Bin - Invoicing / Billing Status - Invoicing / Billing Terms -
    // Invoicing / Tax Code". Decision: the "for Future Functionality" tables are included, as the vendor lists them.
    SystemTableSetup: [
      'General / Manage Hosted API',
      'General / Portal Configuration',
      'General / Portal Security',
      'General Ledger / Accounting Package',
      'General Ledger / GL Accounts',
      'Inventory / Warehouse',
      'Inventory / Warehouse Bin',
      'Invoicing / Billing Status',
      'Invoicing / Billing Terms',
      'Invoicing / Tax Code',
    ],
    // Decision: "- All Reports" under each Reports row and "- Security Roles Setup Report" under System Reports are
    // report allow-lists (FinanceReports, SystemReports, ...). cwctl has no catalogue of report names, so those lists
    // are left unmanaged rather than guessed.
  },
  // The seed says nothing of the member's level, location or business unit: cwctl's default Corporate (Level 1).
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: [
    'PSA 2019.2 and older: only Finance / Accounting Interface (All on all four levels) is needed.',
    'Members logged in while the role changes must log out and in again to see the new rights.',
    'WisePay for PSA (without Wise-Sync) also needs Add and Edit on Procurement / Products.',
    'Report allow-lists (All Reports; Security Roles Setup Report) are not managed by this profile.',
  ],
};
