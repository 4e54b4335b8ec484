// The PSA Security Modules catalogue: nine modules and their functions, in the order the
// Security Modules screen shows them, with the levels each column offers and the spellings vendors use.
// Data only (lookups live in find-function.ts); the simulator seeds every role from this list.
//
// Sources: the five seeds in shared/seeds (every function they name is here) and reference §7 (the union of
// function names seen in vendor docs, the per-module counts of the 2017 Security Roles Matrix). Where no source
// names a function (Sales has 8 functions in the matrix but none is named publicly; Procurement and Service Desk
// are partial) a plausible PSA function was added and marked "[plausible]" below.
//
// Which levels a column offers (the PSA hides the others; `myAllFlag` says whether "My" exists):
// - FULL: None/My/All on all four columns: record functions a member can own (tickets, time, opportunities...).
// - NO_MY: None/All on all four: setup and company-wide functions, where "my records" has no meaning.
// - INQUIRE_ONLY: only Inquire (None/All); Add/Edit/Delete offer only None: reports, dashboards and
//   view-only rights ("Billing View Time", "SLA Dashboard", "API Reports"...). Every seed that names one of
//   these asks only for Inquire, which is what makes this reading plausible.

import type { CatalogueFunction, CatalogueModule, Level, LevelKind } from './types.js';

type Offers = Record<LevelKind, readonly Level[]>;

const ALL_THREE: readonly Level[] = ['None', 'My', 'All'];
const NONE_ALL: readonly Level[] = ['None', 'All'];
const NONE_ONLY: readonly Level[] = ['None'];

export const FULL: Offers = { add: ALL_THREE, edit: ALL_THREE, delete: ALL_THREE, inquire: ALL_THREE };
export const NO_MY: Offers = { add: NONE_ALL, edit: NONE_ALL, delete: NONE_ALL, inquire: NONE_ALL };
export const INQUIRE_ONLY: Offers = { add: NONE_ONLY, edit: NONE_ONLY, delete: NONE_ONLY, inquire: NONE_ALL };

type FunctionRow = Omit<CatalogueFunction, 'sortOrder'>;

/** Numbers functions in listing order (1, 2, ...) so sortOrder always matches the order of the array. */
function numbered(rows: readonly FunctionRow[]): readonly CatalogueFunction[] {
  return rows.map((row, index) => ({ ...row, sortOrder: index + 1 }));
}

export const CATALOGUE: readonly CatalogueModule[] = [
  {
    name: 'Companies',
    identifier: 'Company',
    aliases: ['Company', 'Companies Module', 'Companies Security Module', 'CRM'],
    // 15 functions, matching the matrix count; names from reference §7 and seeds 000-004.
    functions: numbered([
      { name: 'Company Maintenance', identifier: 'CompanyMaintenance', offers: FULL },
      { name: 'Company/Contact Group Maintenance', identifier: 'CompanyContactGroupMaintenance', offers: NO_MY, aliases: ['Company Contact Group Maintenance', 'Contact Group Maintenance'] },
      { name: 'Configuration - Display Passwords', identifier: 'ConfigurationDisplayPasswords', offers: INQUIRE_ONLY, aliases: ['Configurations - Display Passwords', 'Display Passwords'] },
      { name: 'Configurations', identifier: 'Configurations', offers: FULL, customize: 'CompanyConfigurations', aliases: ['Configuration'] },
      { name: 'Contacts', identifier: 'Contacts', offers: FULL, aliases: ['Contact'] },
      { name: 'CRM/Sales Activities', identifier: 'CrmSalesActivities', offers: FULL, aliases: ['CRM Sales Activities', 'Sales Activities', 'Activities'] },
      { name: 'Import Contacts', identifier: 'ImportContacts', offers: NO_MY },
      { name: 'Manage Attachments', identifier: 'ManageAttachments', offers: FULL, aliases: ['Attachments'] },
      { name: 'Management', identifier: 'Management', offers: INQUIRE_ONLY, description: 'Company management (executive) dashboard.' },
      { name: 'Notes', identifier: 'Notes', offers: FULL, aliases: ['Company Notes'] },
      { name: 'Reports', identifier: 'Reports', offers: INQUIRE_ONLY, customize: 'CompanyReports', aliases: ['Company Reports', 'Companies Reports'] },
      { name: 'Surveys', identifier: 'Surveys', offers: FULL },
      { name: 'Team Members', identifier: 'TeamMembers', offers: FULL, aliases: ['Teams Members', 'Team Member'] },
      { name: 'Tracks', identifier: 'Tracks', offers: FULL },
      { name: 'User Scenarios', identifier: 'UserScenarios', offers: NO_MY, aliases: ['UserCentric', 'User Centric'] },
    ]),
  },
  {
    name: 'Finance',
    identifier: 'Finance',
    aliases: ['Finance Module', 'Finance Security Module'],
    // Reference §7 lists 13 names against a matrix count of 12; "Billing Reconciliation" is seen only in one guide
    // and is kept, so Finance has 13.
    functions: numbered([
      { name: 'Accounting Interface', identifier: 'AccountingInterface', offers: NO_MY },
      { name: 'Agreement Invoicing', identifier: 'AgreementInvoicing', offers: NO_MY },
      { name: 'Agreement Sales', identifier: 'AgreementSales', offers: FULL },
      { name: 'Agreements', identifier: 'Agreements', offers: FULL, customize: 'FinanceAgreements', aliases: ['Agreement'] },
      { name: 'Billing Rate Maintenance', identifier: 'BillingRateMaintenance', offers: NO_MY },
      { name: 'Billing Reconciliation', identifier: 'BillingReconciliation', offers: NO_MY },
      { name: 'Billing View Time', identifier: 'BillingViewTime', offers: INQUIRE_ONLY },
      { name: 'Company Finance', identifier: 'CompanyFinance', offers: FULL },
      { name: 'Expense Reimbursement', identifier: 'ExpenseReimbursement', offers: NO_MY, aliases: ['Expense Reimbursements'] },
      { name: 'Financial Dashboard', identifier: 'FinancialDashboard', offers: INQUIRE_ONLY },
      { name: 'Invoice Approval', identifier: 'InvoiceApproval', offers: NO_MY, aliases: ['Invoice Approvals'] },
      { name: 'Invoicing', identifier: 'Invoicing', offers: FULL, aliases: ['Invoices'] },
      { name: 'Reports', identifier: 'Reports', offers: INQUIRE_ONLY, customize: 'FinanceReports', aliases: ['Finance Reports'] },
    ]),
  },
  {
    name: 'Marketing',
    identifier: 'Marketing',
    aliases: ['Marketing Module'],
    // 4, as in the matrix; reference §7 calls the last one "Marketing Reports".
    functions: numbered([
      { name: 'ConnectWise Campaign', identifier: 'ConnectWiseCampaign', offers: FULL, aliases: ['Campaign', 'Campaigns'] },
      { name: 'Marketing Groups', identifier: 'MarketingGroups', offers: FULL, aliases: ['Groups'] },
      { name: 'Marketing Management', identifier: 'MarketingManagement', offers: FULL },
      { name: 'Reports', identifier: 'Reports', offers: INQUIRE_ONLY, customize: 'MarketingReports', aliases: ['Marketing Reports'] },
    ]),
  },
  {
    name: 'Procurement',
    identifier: 'Procurement',
    aliases: ['Procurement Module', 'Procurement Security Module'],
    // 10 as in the matrix: seeds 000/002/003/004 name 8; Purchase Order Approval and Shipments are [plausible].
    functions: numbered([
      { name: 'Inventory Adjustments', identifier: 'InventoryAdjustments', offers: NO_MY, aliases: ['Inventory Adjustment'] },
      { name: 'Inventory Transfers', identifier: 'InventoryTransfers', offers: NO_MY, aliases: ['Inventory Transfer'] },
      // Seed 000 writes "Product Catalog Product Billable Option" (flattened list): read as this function.
      { name: 'Product Billable Option', identifier: 'ProductBillableOption', offers: NO_MY, aliases: ['Product Catalog - Product Billable Option', 'Product Catalog Product Billable Option'] },
      { name: 'Product Catalog', identifier: 'ProductCatalog', offers: NO_MY, aliases: ['Product Entry', 'Catalog'] },
      { name: 'Products', identifier: 'Products', offers: FULL, aliases: ['Product'] },
      { name: 'Purchase Order Approval', identifier: 'PurchaseOrderApproval', offers: NO_MY, aliases: ['Purchase Order Approvals'] }, // [plausible]
      { name: 'Purchase Orders', identifier: 'PurchaseOrders', offers: FULL, aliases: ['Purchase Order'] },
      { name: 'Purchasing Demand', identifier: 'PurchasingDemand', offers: FULL, aliases: ['Purchasing Demands', 'Purchase Demand'] },
      { name: 'Reports', identifier: 'Reports', offers: INQUIRE_ONLY, customize: 'ProcurementReports', aliases: ['Procurement Reports'] },
      { name: 'Shipments', identifier: 'Shipments', offers: FULL }, // [plausible]
    ]),
  },
  {
    name: 'Project',
    identifier: 'Project',
    aliases: ['Projects', 'Project Module'],
    // 16 as in the matrix: seeds and reference §7 name 15; Project Templates is [plausible].
    functions: numbered([
      { name: 'Close Project Tickets', identifier: 'CloseProjectTickets', offers: FULL, aliases: ['Close Project Ticket'] },
      { name: 'Close Projects', identifier: 'CloseProjects', offers: FULL, aliases: ['Close Project'] },
      { name: 'Project Contacts', identifier: 'ProjectContacts', offers: FULL },
      { name: 'Project Finance', identifier: 'ProjectFinance', offers: FULL },
      { name: 'Project Headers', identifier: 'ProjectHeaders', offers: FULL, aliases: ['Project Header'] },
      { name: 'Project Management', identifier: 'ProjectManagement', offers: FULL },
      { name: 'Project Notes', identifier: 'ProjectNotes', offers: FULL },
      { name: 'Project Phase', identifier: 'ProjectPhase', offers: FULL, aliases: ['Project Phases'] },
      { name: 'Project Product', identifier: 'ProjectProduct', offers: FULL, aliases: ['Project Products'] },
      { name: 'Project Scheduling', identifier: 'ProjectScheduling', offers: FULL, customize: 'ProjectScheduling', aliases: ['Scheduling'] },
      { name: 'Project Teams', identifier: 'ProjectTeams', offers: FULL, aliases: ['Project Team'] },
      { name: 'Project Templates', identifier: 'ProjectTemplates', offers: NO_MY }, // [plausible]
      { name: 'Project Ticket - Dependencies', identifier: 'ProjectTicketDependencies', offers: FULL, aliases: ['Project Tickets - Dependencies'] },
      { name: 'Project Ticket Tasks', identifier: 'ProjectTicketTasks', offers: FULL, aliases: ['Project Tickets - Tasks'] },
      { name: 'Project Tickets', identifier: 'ProjectTickets', offers: FULL, aliases: ['Project Ticket'] },
      { name: 'Reports', identifier: 'Reports', offers: INQUIRE_ONLY, customize: 'ProjectReports', aliases: ['Project Reports'] },
    ]),
  },
  {
    name: 'Sales',
    identifier: 'Sales',
    aliases: ['Sales Module'],
    // 8 as in the matrix; seeds name 6 (Closed Opportunity, Opportunity, Opportunity Finance, Reports,
    // Sales Order Finance, Sales Orders). Sales Funnel and Sales Quotas are [plausible].
    functions: numbered([
      { name: 'Closed Opportunity', identifier: 'ClosedOpportunity', offers: FULL, aliases: ['Closed Opportunities'] },
      { name: 'Opportunity', identifier: 'Opportunity', offers: FULL, aliases: ['Opportunities'] },
      { name: 'Opportunity Finance', identifier: 'OpportunityFinance', offers: FULL },
      { name: 'Reports', identifier: 'Reports', offers: INQUIRE_ONLY, customize: 'SalesReports', aliases: ['Sales Reports'] },
      { name: 'Sales Funnel', identifier: 'SalesFunnel', offers: INQUIRE_ONLY }, // [plausible]
      { name: 'Sales Order Finance', identifier: 'SalesOrderFinance', offers: FULL, aliases: ['Sales Orders Finance', 'Sales Orders - Finance'] },
      { name: 'Sales Orders', identifier: 'SalesOrders', offers: FULL, aliases: ['Sales Order'] },
      { name: 'Sales Quotas', identifier: 'SalesQuotas', offers: NO_MY }, // [plausible]
    ]),
  },
  {
    name: 'Service Desk',
    identifier: 'Service',
    aliases: ['Service', 'ServiceDesk', 'Service Desk Module', 'Service Desk Security Module'],
    // The matrix counts 19; seeds and reference §7 name 10. Change Approvals, Dispatch Portal, Knowledge Base,
    // Service Ticket Tasks and Service Board Dashboard are [plausible]; the PSA has more, cwctl needs only those named.
    functions: numbered([
      { name: 'Change Approvals', identifier: 'ChangeApprovals', offers: NO_MY }, // [plausible]
      { name: 'Close Service Tickets', identifier: 'CloseServiceTickets', offers: FULL, aliases: ['Close Service Ticket', 'Close Tickets'] },
      { name: 'Dispatch Portal', identifier: 'DispatchPortal', offers: NO_MY }, // [plausible]
      { name: 'Knowledge Base', identifier: 'KnowledgeBase', offers: FULL }, // [plausible]
      { name: 'Merge Tickets', identifier: 'MergeTickets', offers: NO_MY, aliases: ['Merge Ticket'] },
      { name: 'Reports', identifier: 'Reports', offers: INQUIRE_ONLY, customize: 'ServiceReports', aliases: ['Service Reports', 'Service Desk Reports'] },
      { name: 'Resource Scheduling', identifier: 'ResourceScheduling', offers: FULL, customize: 'ServiceResourceScheduling', aliases: ['Dispatch'] },
      { name: 'Service Board Dashboard', identifier: 'ServiceBoardDashboard', offers: INQUIRE_ONLY }, // [plausible]
      { name: 'Service Ticket Tasks', identifier: 'ServiceTicketTasks', offers: FULL, aliases: ['Service Tickets - Tasks'] }, // [plausible]
      { name: 'Service Tickets', identifier: 'ServiceTickets', offers: FULL, aliases: ['Service Ticket', 'Tickets'] },
      // Seeds 002 and 004 spell it "Service Tickets - Dependencies"; reference §7 "Service Ticket - Dependencies".
      { name: 'Service Tickets - Dependencies', identifier: 'ServiceTicketsDependencies', offers: FULL, aliases: ['Service Ticket - Dependencies', 'Service Tickets Dependencies'] },
      // Seeds 002/004 "Service Tickets - Finance"; seed 000 "Service Ticket - Finance".
      { name: 'Service Tickets - Finance', identifier: 'ServiceTicketsFinance', offers: FULL, aliases: ['Service Ticket - Finance', 'Service Tickets Finance', 'Service Ticket Finance'] },
      { name: 'SLA Dashboard', identifier: 'SlaDashboard', offers: INQUIRE_ONLY },
      { name: 'Ticket Templates', identifier: 'TicketTemplates', offers: NO_MY, aliases: ['Ticket Template'] },
    ]),
  },
  {
    name: 'System',
    identifier: 'System',
    aliases: ['System Module', 'System Security Module', 'Setup'],
    // 16 as in the matrix: seeds name 14 (seed 003 adds Custom Menu Entry, Manage Hosted API, Security Role,
    // Report Writer); Mass Maintenance comes from the customize enum; Workflow Rules is [plausible].
    functions: numbered([
      { name: 'API Reports', identifier: 'ApiReports', offers: INQUIRE_ONLY, aliases: ['API Report'] },
      { name: 'Custom Menu Entry', identifier: 'CustomMenuEntry', offers: NO_MY, customize: 'SystemCustomMenuEntry', aliases: ['Custom Menu Entries'] },
      { name: 'Manage Hosted API', identifier: 'ManageHostedApi', offers: NO_MY, customize: 'SystemManageHostedApi', aliases: ['Hosted API', 'Manage Hosted APIs'] },
      { name: 'Mass Maintenance', identifier: 'MassMaintenance', offers: NO_MY, customize: 'SystemMassMaintenance' },
      { name: 'Member Maintenance', identifier: 'MemberMaintenance', offers: NO_MY, aliases: ['Members'] },
      { name: 'Member Maintenance - Finance', identifier: 'MemberMaintenanceFinance', offers: NO_MY, aliases: ['Member Maintenance Finance'] },
      { name: 'My Account', identifier: 'MyAccount', offers: NO_MY, customize: 'SystemMyAccount' },
      { name: 'My Company', identifier: 'MyCompany', offers: NO_MY },
      { name: 'Report Writer', identifier: 'ReportWriter', offers: NO_MY },
      { name: 'Security Roles', identifier: 'SecurityRoles', offers: NO_MY, aliases: ['Security Role'] },
      // Every seed calls the System reports function "System Reports"; its customize list is SystemReports.
      { name: 'System Reports', identifier: 'SystemReports', offers: INQUIRE_ONLY, customize: 'SystemReports', aliases: ['Reports'] },
      { name: 'Table Setup', identifier: 'TableSetup', offers: NO_MY, customize: 'SystemTableSetup', aliases: ['Table Setup (Customize)', 'Setup Tables', 'Setup Table'] },
      { name: 'Today Links', identifier: 'TodayLinks', offers: NO_MY, aliases: ['Today Link'] },
      { name: 'Workflow Rules', identifier: 'WorkflowRules', offers: NO_MY }, // [plausible]
    ]),
  },
  {
    name: 'Time & Expense',
    identifier: 'TimeAndExpense',
    aliases: ['Time and Expense', 'Time & Expenses', 'Time and Expenses', 'TimeExpense', 'Time & Expense Module'],
    // Seeds name Expense Billable Option, Expense Report Entry, Reports, Time Entry, Time Entry Billable Option;
    // the approvals and Time Sheets are [plausible].
    functions: numbered([
      { name: 'Expense Approvals', identifier: 'ExpenseApprovals', offers: NO_MY, aliases: ['Expense Approval'] }, // [plausible]
      { name: 'Expense Billable Option', identifier: 'ExpenseBillableOption', offers: NO_MY },
      { name: 'Expense Report Entry', identifier: 'ExpenseReportEntry', offers: FULL, aliases: ['Expense Entry', 'Expenses'] },
      { name: 'Reports', identifier: 'Reports', offers: INQUIRE_ONLY, customize: 'TimeAndExpenseReports', aliases: ['Time & Expense Reports', 'Time and Expense Reports'] },
      { name: 'Time Entry', identifier: 'TimeEntry', offers: FULL, aliases: ['Time Entries'] },
      { name: 'Time Entry Billable Option', identifier: 'TimeEntryBillableOption', offers: NO_MY },
      { name: 'Time Sheet Approvals', identifier: 'TimeSheetApprovals', offers: NO_MY, aliases: ['Time Sheet Approval'] }, // [plausible]
      { name: 'Time Sheets', identifier: 'TimeSheets', offers: FULL, aliases: ['Time Sheet', 'Timesheets'] }, // [plausible]
    ]),
  },
];
