// buildCheckReport, table-style: missing and excess cells, member requirements, Customize lists, and the fix.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadDesiredStateFromText } from '../../src/config/load-desired-state-from-text.js';
import { findProfile } from '../../src/catalogue/profiles/index.js';
import type { IntegrationProfile, Levels } from '../../src/catalogue/types.js';
import { buildCheckReport } from '../../src/inspect/build-check-report.js';
import type { CheckInput } from '../../src/inspect/build-check-report.js';

const L = (inquire: Levels['inquire'], add: Levels['add'] = 'None', edit: Levels['edit'] = 'None', del: Levels['delete'] = 'None'): Levels => ({ add, edit, delete: del, inquire });

const profile: IntegrationProfile = {
  name: 'brightgauge',
  title: 'BrightGauge',
  seed: 'test',
  permissions: { 'Service Desk / Service Tickets': { inquire: 'All' }, 'Companies / Contacts': { inquire: 'All', add: 'My' } },
  customize: { SystemTableSetup: ['Company / Company Status'] },
  member: { level: 'Corporate (Level 1)', requiresLocation: true, requiresBusinessUnit: false },
};

function input(overrides: Partial<CheckInput> = {}): CheckInput {
  return {
    profile,
    member: { identifier: 'bg', name: 'BrightGauge API', role: { id: 9, name: 'BG Role' }, level: 'Corporate (Level 1)', location: 'Tampa', businessUnit: null, inactive: false },
    roleLevels: { 'Service Desk / Service Tickets': L('All'), 'Companies / Contacts': L('All', 'My') },
    customize: { SystemTableSetup: ['Company / Company Status'] },
    roleSharedWith: [],
    locations: ['Tampa', 'Orlando'],
    businessUnits: ['Admin', 'Services'],
    ...overrides,
  };
}

describe('buildCheckReport', () => {
  it('fits when the role has exactly the profile and the member meets every requirement', () => {
    const report = buildCheckReport(input());
    expect(report).toMatchObject({ fits: true, missing: [], excess: [], memberIssues: [], fix: null, notes: [] });
    expect(report.customize).toEqual([{ list: 'SystemTableSetup', required: ['Company / Company Status'], status: 'ok', missing: [], extra: [] }]);
  });

  it('lists what the role lacks and what it grants beyond, cell by cell', () => {
    const report = buildCheckReport(input({
      roleLevels: { 'Service Desk / Service Tickets': L('My', 'All'), 'Companies / Contacts': L('All', 'My'), 'Finance / Invoicing': L('All') },
    }));
    expect(report.fits).toBe(false);
    expect(report.missing).toEqual([{ function: 'Service Desk / Service Tickets', kind: 'inquire', have: 'My', need: 'All' }]);
    expect(report.excess).toEqual([
      { function: 'Finance / Invoicing', kind: 'inquire', have: 'All', need: 'None' },
      { function: 'Service Desk / Service Tickets', kind: 'add', have: 'All', need: 'None' },
    ]);
    expect(report.fix?.clickPaths).toContain('System > Security Roles > BG Role > Service Desk > Service Tickets: Add Level: All -> None; Inquire Level: My -> All');
    expect(report.fix?.clickPaths).toContain('System > Security Roles > BG Role > Finance > Invoicing: Inquire Level: All -> None');
  });

  it('checks level, location, inactive and role of the member', () => {
    const report = buildCheckReport(input({
      member: { identifier: 'bg', name: 'BG', role: null, level: 'Territory (Level 3)', location: null, businessUnit: null, inactive: true },
      roleLevels: {},
    }));
    expect(report.memberIssues.map((i) => i.field).sort()).toEqual(['inactive', 'level', 'location', 'role']);
    expect(report.fix?.clickPaths).toContain('System > Members > API Members > bg > Level: Territory (Level 3) -> Corporate (Level 1)');
    expect(report.fix?.clickPaths).toContain('System > Members > API Members > bg > Location: set one (Tampa, Orlando)');
  });

  it('reports a Table Setup list read with member keys as missing, and an unread one as unverified (not failing)', () => {
    const missing = buildCheckReport(input({ customize: { SystemTableSetup: ['Service / Service Board'] } }));
    expect(missing.fits).toBe(false);
    expect(missing.customize[0]).toMatchObject({ status: 'missing', missing: ['Company / Company Status'], extra: ['Service / Service Board'] });
    expect(missing.fix?.clickPaths).toContain('System > Security Roles > BG Role > System > Table Setup > Customize: allow \'Company / Company Status\'');
    const unread = buildCheckReport(input({ customize: undefined }));
    expect(unread.fits).toBe(true);
    expect(unread.customize[0]?.status).toBe('unverified');
    expect(unread.notes[0]).toContain('CWCTL_NEW_KEY_BG=PUBLIC:PRIVATE');
  });

  it('gives a dedicated role its profile in place, and a shared role a new role of its own', () => {
    const own = buildCheckReport(input({ roleLevels: {} }));
    expect(parse(own.fix!.yaml)).toEqual({
      roles: [{ name: 'BG Role', profiles: ['brightgauge'], unlisted: 'none' }],
      members: [{ identifier: 'bg', name: 'BrightGauge API', role: 'BG Role', level: 'Corporate (Level 1)', location: 'Tampa' }],
    });
    const shared = buildCheckReport(input({ roleLevels: {}, roleSharedWith: ['alice', 'bob'] }));
    expect(parse(shared.fix!.yaml).roles[0].name).toBe('BrightGauge API');
    expect(shared.notes[0]).toContain('BG Role is also the role of alice, bob');
  });

  it('writes a fix that cwctl itself accepts (real profile, missing location picked and commented)', () => {
    const real = findProfile('kaseya')!;
    const report = buildCheckReport(input({
      profile: real,
      member: { identifier: 'quoter', name: 'Quoter', role: { id: 4, name: 'Sales' }, level: 'Corporate (Level 1)', location: null, businessUnit: null, inactive: false },
      roleLevels: {},
      customize: undefined,
      locations: ['Tampa'],
      businessUnits: ['Admin'],
    }));
    expect(report.fix!.yaml).toContain('location: Tampa # required by kaseya-quote-manager: pick one of Tampa');
    const loaded = loadDesiredStateFromText(`version: 1\n${report.fix!.yaml}`, 'fix.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
