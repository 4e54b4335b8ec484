import { describe, expect, it } from 'vitest';
import { listFunctionKeys } from '../catalogue/find-function.js';
import { loadDesiredStateFromText } from './load-desired-state-from-text.js';

function load(yaml: string) {
  const { state, diagnostics } = loadDesiredStateFromText(yaml);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return state!;
}

describe('normalize', () => {
  it('resolves an unlisted: none role to four levels of every catalogue function', () => {
    const s = load('version: 1\nroles:\n  - name: R\n    permissions:\n      service tickets: { inquire: All }\n');
    const r = s.roles[0]!;
    expect(r.unlisted).toBe('none');
    expect(Object.keys(r.permissions)).toEqual(listFunctionKeys());
    expect(r.permissions['Service Desk / Service Tickets']).toEqual({ add: 'None', edit: 'None', delete: 'None', inquire: 'All' });
    expect(r.permissions['Finance / Invoicing']).toEqual({ add: 'None', edit: 'None', delete: 'None', inquire: 'None' });
    // No `tableSetup:` written: the Table Setup list is not managed (issue #13.7).
    expect(r.customize).toEqual({});
  });

  it('keeps only the listed functions of an ignore role and manages no list it was not given', () => {
    const s = load('version: 1\nroles:\n  - name: R\n    unlisted: ignore\n    permissions:\n      Time and Expense > Time Entry: { add: mine }\n');
    expect(s.roles[0]!.permissions).toEqual({ 'Time & Expense / Time Entry': { add: 'My', edit: 'None', delete: 'None', inquire: 'None' } });
    expect(s.roles[0]!.customize).toEqual({});
  });

  it('expands profiles, merges them by the highest level, and lets explicit cells override', () => {
    const s = load([
      'version: 1', 'roles:', '  - name: R', '    profiles: [brightgauge, scalepad-lifecycle-manager]', '    permissions:',
      '      Service Desk / Service Tickets: { add: None }', // override one cell of ScalePad's add/edit All
      '      Companies / Contacts: { edit: All }', // add a cell above BrightGauge's inquire
    ].join('\n'));
    const p = s.roles[0]!.permissions;
    expect(p['Service Desk / Service Tickets']).toEqual({ add: 'None', edit: 'All', delete: 'None', inquire: 'All' });
    expect(p['Companies / Contacts']).toEqual({ add: 'None', edit: 'All', delete: 'None', inquire: 'All' });
    expect(p['Companies / Configurations']).toEqual({ add: 'All', edit: 'All', delete: 'None', inquire: 'All' });
    expect(s.roles[0]!.profiles).toEqual(['brightgauge', 'scalepad-lifecycle-manager']);
    expect(s.roles[0]!.customize.SystemTableSetup).toHaveLength(16);
  });

  it('merges tableSetup into customize.SystemTableSetup in canonical spelling, without repeats', () => {
    const s = load([
      'version: 1', 'roles:', '  - name: R', '    profiles: [scalepad]',
      '    tableSetup: [service/service board, General > Manage Hosted API, Opportunities / Opportunity_Rating]',
      '    customize:', '      SystemTableSetup: [Invoicing / Tax Code]', '      ServiceReports: [Open Tickets]',
    ].join('\n'));
    const c = s.roles[0]!.customize;
    expect(c.SystemTableSetup).toHaveLength(18); // 16 of the profile + 2 new (two entries repeat profile tables)
    expect(c.SystemTableSetup).toContain('General / Manage Hosted API');
    expect(c.SystemTableSetup).toContain('Invoicing / Tax Code');
    expect(c.SystemTableSetup!.filter((t) => t === 'Service / Service Board')).toHaveLength(1);
    expect(c.ServiceReports).toEqual(['Open Tickets']);
  });

  it('leaves external roles empty and fills member and mapping defaults', () => {
    const s = load([
      'version: 1', 'roles: [{ name: Admin, external: true }]',
      'members: [{ identifier: a, name: A, role: Admin, level: Corporate (Level 1) }]',
      'mappings:', '  managedDevices:', '    - { name: D, solution: D, crossReferences: [{ vendorType: Server }] }',
    ].join('\n'));
    expect(s.roles[0]).toMatchObject({ name: 'Admin', external: true, permissions: {}, customize: {} });
    expect(s.members[0]).toMatchObject({ inactive: false, apiKeys: [] });
    expect(s.managedDevices[0]).toMatchObject({ loginBy: 'Global', defaultBillingLevel: 'Detail', crossReferences: [{ vendorType: 'Server' }] });
    expect(s.psa).toBeUndefined();
    expect(s.members[0]!.source).toEqual({ file: 'cwctl.yaml', line: 3, column: 11 });
  });

  it('carries psa:', () => {
    const s = load('version: 1\npsa: { site: api-na.myconnectwise.net, company: acme }\n');
    expect(s.psa).toEqual({ site: 'api-na.myconnectwise.net', company: 'acme' });
  });

  it('does not depend on the order permissions were written in', () => {
    const a = load('version: 1\nroles:\n  - name: R\n    permissions:\n      System / Table Setup: { inquire: All }\n      Companies / Contacts: { inquire: All }\n');
    const b = load('version: 1\nroles:\n  - name: R\n    permissions:\n      Companies / Contacts: { inquire: All }\n      System / Table Setup: { inquire: All }\n');
    expect(JSON.stringify(a.roles[0]!.permissions)).toBe(JSON.stringify(b.roles[0]!.permissions));
  });
});
