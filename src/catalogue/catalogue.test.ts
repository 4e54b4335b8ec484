import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './modules.js';
import { SETUP_SCREENS } from './setup-screens.js';
import { findFunction, findModule, getFunction, listFunctionKeys } from './find-function.js';
import { findSetupScreen, listSetupScreenKeys } from './find-setup-screen.js';
import { normalizeName } from './normalize-name.js';

describe('CATALOGUE', () => {
  it('has the nine modules with their identifiers', () => {
    expect(CATALOGUE.map((m) => m.identifier)).toEqual([
      'Company', 'Finance', 'Marketing', 'Procurement', 'Project', 'Sales', 'Service', 'System', 'TimeAndExpense',
    ]);
  });

  it('numbers sortOrder 1..n and keeps identifiers unique per module', () => {
    for (const m of CATALOGUE) {
      expect(m.functions.map((f) => f.sortOrder)).toEqual(m.functions.map((_, i) => i + 1));
      expect(new Set(m.functions.map((f) => f.identifier)).size).toBe(m.functions.length);
      for (const f of m.functions) expect(f.identifier).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    }
  });

  it('never lets two functions fold to the same spelling within a module', () => {
    for (const m of CATALOGUE) {
      const seen = new Map<string, string>();
      for (const f of m.functions) {
        for (const s of [f.name, f.identifier, ...(f.aliases ?? [])]) {
          const n = normalizeName(s);
          const owner = seen.get(n);
          expect(owner === undefined || owner === f.name, `${m.name}: '${s}' of ${f.name} clashes with ${owner}`).toBe(true);
          seen.set(n, f.name);
        }
      }
    }
  });

  it('offers None in every column and only levels from None/My/All', () => {
    for (const m of CATALOGUE) for (const f of m.functions) {
      for (const col of ['add', 'edit', 'delete', 'inquire'] as const) {
        expect(f.offers[col]).toContain('None');
        for (const l of f.offers[col]) expect(['None', 'My', 'All']).toContain(l);
      }
    }
  });

  it('puts each customize identifier on exactly one function', () => {
    const ids = CATALOGUE.flatMap((m) => m.functions.flatMap((f) => (f.customize ? [f.customize] : [])));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(18);
    expect(getFunction('System / Table Setup')?.function.customize).toBe('SystemTableSetup');
    expect(getFunction('Companies / Configurations')?.function.customize).toBe('CompanyConfigurations');
    expect(getFunction('Service Desk / Resource Scheduling')?.function.customize).toBe('ServiceResourceScheduling');
  });

  // Every function named by a seed must resolve (the names as the seeds spell them).
  const seedNames = [
    'Companies / Company Maintenance', 'Companies / Configurations', 'Companies / Contacts', 'Companies / CRM/Sales Activities',
    'Companies / Team Members', 'Companies / Manage Attachments', 'Companies / Management', 'Companies / Company/Contact Group Maintenance',
    'Companies / Notes', 'Companies / Reports',
    'Finance / Accounting Interface', 'Finance / Agreement Invoicing', 'Finance / Agreements', 'Finance / Billing Rate Maintenance',
    'Finance / Billing View Time', 'Finance / Company Finance', 'Finance / Invoicing', 'Finance / invoicing', 'Finance / Reports',
    'Procurement / Inventory Adjustments', 'Procurement / Inventory Transfers', 'Procurement / Product Catalog',
    'Procurement / Product Catalog Product Billable Option', 'Procurement / Products', 'Procurement / Purchase Orders',
    'Procurement / Purchasing Demand', 'Procurement / Reports',
    'Project / Close Projects', 'Project / Project Contacts', 'Project / Project Finance', 'Project / Project Headers',
    'Project / Project Management', 'Project / Project Phase', 'Project / Project Product', 'Project / Project Scheduling',
    'Project / Project Teams', 'Project / Project Tickets', 'Projects / Reports',
    'Sales / Closed Opportunity', 'Sales / Opportunity', 'Sales / Opportunity Finance', 'Sales / Sales Order Finance',
    'Sales / Sales Orders', 'Sales / Reports',
    'Service Desk / Close Service Tickets', 'Service Desk / Merge Tickets', 'Service Desk / Resource Scheduling',
    'Service Desk / Service Ticket - Finance', 'Service Desk / Service Tickets', 'Service Desk / SLA Dashboard',
    'Service Desk / Service Tickets – Dependencies', 'Service Desk / Service Tickets – Finance', 'Service Desk / Reports',
    'System / API Reports', 'System / Member Maintenance', 'System / Member Maintenance - Finance', 'System / My Company',
    'System / System Reports', 'System / Table Setup', 'System / Today Links', 'System / My Account', 'System / Custom Menu Entry',
    'System / Manage Hosted API', 'System / Security Role', 'System / Table Setup (Customize)', 'System / Report Writer',
    'Time & Expense / Expense Billable Option', 'Time & Expense / Expense Report Entry', 'Time & Expense / Time Entry',
    'Time & Expense / Time Entry Billable Option', 'Time & Expense / Reports',
  ];
  it.each(seedNames)('resolves the seed spelling %s', (name) => {
    expect(findFunction(name).kind).toBe('found');
  });
});

describe('findFunction', () => {
  it.each([
    ['service tickets', 'Service Desk / Service Tickets'],
    ['Service Desk/Service Tickets', 'Service Desk / Service Tickets'],
    ['SERVICE DESK > SERVICE TICKETS', 'Service Desk / Service Tickets'],
    ['Service / ServiceTickets', 'Service Desk / Service Tickets'],
    ['Time and Expense / Time Entry', 'Time & Expense / Time Entry'],
    ['Time & Expenses: Time Entry', 'Time & Expense / Time Entry'],
    ['Project / Close Project', 'Project / Close Projects'],
    ['Finance / Expense Reimbursements', 'Finance / Expense Reimbursement'],
    ['Companies Module / Teams Members', 'Companies / Team Members'],
    ['Companies / Company/Contact Group Maintenance', 'Companies / Company/Contact Group Maintenance'],
    ['System / Reports', 'System / System Reports'],
  ])('%s -> %s', (text, key) => {
    const got = findFunction(text);
    expect(got.kind === 'found' ? got.ref.key : got.kind).toBe(key);
  });

  it('reports a bare name that several modules carry as ambiguous', () => {
    const got = findFunction('Reports');
    expect(got.kind).toBe('ambiguous');
    if (got.kind === 'ambiguous') expect(got.candidates).toContain('Service Desk / Reports');
  });

  it('does not guess', () => {
    expect(findFunction('Service Tiket').kind).toBe('unknown');
    expect(findFunction('Finance / Service Tickets').kind).toBe('unknown');
  });

  it('lists every key in catalogue order, each resolving to itself', () => {
    const keys = listFunctionKeys();
    expect(keys[0]).toBe('Companies / Company Maintenance');
    expect(keys.at(-1)).toBe('Time & Expense / Time Sheets');
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) {
      const got = findFunction(k);
      expect(got.kind === 'found' && got.ref.key).toBe(k);
    }
  });

  it('finds modules by alias', () => {
    expect(findModule('time and expenses')?.identifier).toBe('TimeAndExpense');
    expect(findModule('Service')?.name).toBe('Service Desk');
    expect(findModule('Nope')).toBeUndefined();
  });
});

describe('SETUP_SCREENS', () => {
  it('has unique ids and unique Category / Name', () => {
    expect(new Set(SETUP_SCREENS.map((e) => e.id)).size).toBe(SETUP_SCREENS.length);
    expect(new Set(listSetupScreenKeys()).size).toBe(SETUP_SCREENS.length);
    expect(SETUP_SCREENS.length).toBeGreaterThanOrEqual(60);
    expect(SETUP_SCREENS.length).toBeLessThanOrEqual(120);
  });

  it.each([
    'Agreements / Agreement Type', 'Agreements / Batch', 'Company / Company Status', 'Company / Company Type',
    'Company / Configuration', 'Company / Configuration Status', 'Opportunities / Opportunity Status',
    'Opportunities / Opportunity Type', 'Opportunities / Opportunity_Rating', 'Opportunities / Quote Link',
    'Opportunities / Sales Stage', 'Project / Project Board', 'Service / Priority', 'Service / Service Board',
    'Service / SLA', 'Time / Work Role', 'General / Manage Hosted API', 'General / Portal Configuration',
    'General / Portal Security', 'General Ledger / Accounting Package', 'General Ledger / GL Accounts',
    'Inventory / Warehouse', 'Inventory / Warehouse Bin', 'Invoicing / Billing Status', 'Invoicing / Billing Terms',
    'Invoicing / Tax Code', 'service/service board',
  ])('knows the seed table %s', (name) => {
    expect(findSetupScreen(name)).toBeDefined();
  });
});
