// Table Setup tables (the PSA's GET /system/setupScreens), addressed everywhere as "Category / Name".
// Data only: the simulator serves it and the validator checks `tableSetup:` entries against it.
// Every table a seed or the reference names is here (marked with its source); the rest is a realistic
// set of common PSA setup tables so that a did-you-mean has something to work with. Ids are fixed: never renumber.

import type { SetupScreenEntry } from './types.js';
import { CATALOGUE } from './modules.js';

type Row = readonly [id: number, category: string, name: string, moduleIdentifier: string, source?: string];

const ROWS: readonly Row[] = [
  [101, 'Activities', 'Activity Status', 'Company'],
  [102, 'Activities', 'Activity Type', 'Company'],
  [111, 'Agreements', 'Agreement Type', 'Finance', 'seed 004; reference §7 V1/V3/V4'],
  [112, 'Agreements', 'Batch', 'Finance', 'seed 004'],
  [113, 'Agreements', 'Agreement Status', 'Finance'],
  [114, 'Agreements', 'Addition Status', 'Finance'],
  [121, 'Company', 'Company Status', 'Company', 'seed 004; reference §5, V5'],
  [122, 'Company', 'Company Type', 'Company', 'seed 004; reference V5'],
  [123, 'Company', 'Configuration', 'Company', 'seed 004 (the configuration types table)'],
  [124, 'Company', 'Configuration Status', 'Company', 'seed 004; reference V8'],
  [125, 'Company', 'Contact Type', 'Company'],
  [126, 'Company', 'Contact Relationship', 'Company'],
  [127, 'Company', 'Communication Type', 'Company'],
  [128, 'Company', 'Country', 'Company'],
  [129, 'Company', 'State', 'Company'],
  [130, 'Company', 'Market Description', 'Company'],
  [131, 'Company', 'Ownership Type', 'Company'],
  [132, 'Company', 'Team Role', 'Company'],
  [133, 'Company', 'Managed Devices Integration', 'Company', 'reference §8 (managed-devices mappings)'],
  [134, 'Company', 'Company Group', 'Company'],
  [141, 'Expense', 'Expense Type', 'TimeAndExpense'],
  [142, 'Expense', 'Expense Payment Type', 'TimeAndExpense'],
  [143, 'Expense', 'Expense Classification', 'TimeAndExpense'],
  [151, 'General', 'Manage Hosted API', 'System', 'seed 003; reference §5, V1'],
  [152, 'General', 'Portal Configuration', 'System', 'seed 003'],
  [153, 'General', 'Portal Security', 'System', 'seed 003'],
  [154, 'General', 'Integrator Login', 'System', 'seed 003 (related articles); reference §8'],
  [155, 'General', 'Custom Fields', 'System', 'seed 000 ("Custom Fields Setup Table")'],
  [156, 'General', 'Email Connector', 'System'],
  [157, 'General', 'Email Templates', 'System'],
  [158, 'General', 'Holiday List', 'System'],
  [159, 'General', 'Calendar Setup', 'System'],
  [160, 'General', 'Time Zone', 'System'],
  [161, 'General', 'Currency', 'System'],
  [162, 'General', 'Document Setup', 'System'],
  [163, 'General', 'Location', 'System'],
  [164, 'General', 'Business Unit', 'System'],
  [165, 'General', 'Notification Recipients', 'System'],
  [166, 'General', 'Callbacks', 'System', 'reference §11.5'],
  [171, 'General Ledger', 'Accounting Package', 'Finance', 'seed 003'],
  [172, 'General Ledger', 'GL Accounts', 'Finance', 'seed 003'],
  [173, 'General Ledger', 'GL Reload Status', 'Finance', 'seed 003 (related articles)'],
  [174, 'General Ledger', 'Billing Terms Cross Reference', 'Finance', 'seed 003 (related articles)'],
  [181, 'Inventory', 'Warehouse', 'Procurement', 'seed 003'],
  [182, 'Inventory', 'Warehouse Bin', 'Procurement', 'seed 003'],
  [183, 'Inventory', 'RMA Status', 'Procurement'],
  [184, 'Inventory', 'RMA Actions', 'Procurement'],
  [185, 'Inventory', 'Shipment Method', 'Procurement'],
  [191, 'Invoicing', 'Billing Status', 'Finance', 'seed 003'],
  [192, 'Invoicing', 'Billing Terms', 'Finance', 'seed 003'],
  [193, 'Invoicing', 'Tax Code', 'Finance', 'seed 003'],
  [194, 'Invoicing', 'Invoice Template', 'Finance'],
  [195, 'Invoicing', 'Billing Cycle', 'Finance'],
  [196, 'Invoicing', 'Payment Type', 'Finance'],
  [197, 'Invoicing', 'Invoice Email Template', 'Finance'],
  [201, 'Marketing', 'Campaign Status', 'Marketing'],
  [202, 'Marketing', 'Campaign Type', 'Marketing'],
  [203, 'Marketing', 'Campaign Sub Type', 'Marketing'],
  [204, 'Marketing', 'Marketing Group', 'Marketing'],
  [211, 'Opportunities', 'Opportunity Status', 'Sales', 'seed 004'],
  [212, 'Opportunities', 'Opportunity Type', 'Sales', 'seed 004'],
  // Seed 004 writes "Opportunity_Rating"; the lookup treats "_" as a space so both spellings match.
  [213, 'Opportunities', 'Opportunity Rating', 'Sales', 'seed 004 ("Opportunity_Rating")'],
  [214, 'Opportunities', 'Quote Link', 'Sales', 'seed 004'],
  [215, 'Opportunities', 'Sales Stage', 'Sales', 'seed 004'],
  [216, 'Opportunities', 'Sales Probability', 'Sales'],
  [217, 'Opportunities', 'Lost Reason', 'Sales'],
  [218, 'Opportunities', 'Forecast Type', 'Sales'],
  [221, 'Procurement', 'Category', 'Procurement'],
  [222, 'Procurement', 'Subcategory', 'Procurement'],
  [223, 'Procurement', 'Product Type', 'Procurement'],
  [224, 'Procurement', 'Manufacturer', 'Procurement'],
  [225, 'Procurement', 'Purchase Order Status', 'Procurement'],
  [226, 'Procurement', 'Unit of Measure', 'Procurement'],
  [231, 'Project', 'Project Board', 'Project', 'seed 004'],
  [232, 'Project', 'Project Status', 'Project'],
  [233, 'Project', 'Project Type', 'Project'],
  [234, 'Project', 'Project Role', 'Project'],
  [235, 'Project', 'Phase Status', 'Project'],
  [236, 'Project', 'Project Template', 'Project'],
  [241, 'Service', 'Priority', 'Service', 'seed 004'],
  [242, 'Service', 'Service Board', 'Service', 'seed 004; reference §5, V1, V5'],
  [243, 'Service', 'SLA', 'Service', 'seed 004'],
  [244, 'Service', 'Service Template', 'Service'],
  [245, 'Service', 'Source', 'Service'],
  [246, 'Service', 'Service Location', 'Service'],
  [247, 'Service', 'Knowledge Base Category', 'Service'],
  [248, 'Service', 'Impact', 'Service'],
  [249, 'Service', 'Severity', 'Service'],
  [250, 'Service', 'Ticket Sync', 'Service'],
  [251, 'Service', 'Service Survey', 'Service'],
  [261, 'Time', 'Work Role', 'TimeAndExpense', 'seed 004'],
  [262, 'Time', 'Work Type', 'TimeAndExpense'],
  [263, 'Time', 'Time Period Setup', 'TimeAndExpense'],
  [264, 'Time', 'Charge Code', 'TimeAndExpense'],
  [265, 'Time', 'Time Expense Approval', 'TimeAndExpense'],
];

function moduleNameOf(identifier: string): string {
  const found = CATALOGUE.find((m) => m.identifier === identifier);
  // A row naming a module that is not in the catalogue is a data bug: fail at import, loudly, in tests.
  if (!found) throw new Error(`setup-screens: unknown module identifier ${identifier}`);
  return found.name;
}

// The source column is for people reading this file; it is not served (a PSA description would not carry it).
export const SETUP_SCREENS: readonly SetupScreenEntry[] = ROWS.map(([id, category, name, moduleIdentifier]) => ({
  id,
  category,
  name,
  moduleIdentifier,
  moduleName: moduleNameOf(moduleIdentifier),
}));
