// Plan-time names come from the live PSA (issue #12): desired keys and tables are rewritten to the live names
// through the one matcher; an error only where the PSA disagrees; a LiveState without a live catalogue passes.
// Also the structure-level stem (item 5) and "absent tableSetup is unmanaged" (#13.7) as the diff sees them.
import { describe, expect, it } from 'vitest';
import { loadDesiredStateFromText } from '../config/load-desired-state-from-text.js';
import type { DesiredRole } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import { diff } from './diff.js';
import { desired, desiredMember, desiredRole, live, liveRole } from './fixtures.js';
import { resolveLiveCatalogue } from './resolve-live-catalogue.js';
import { findStructureLevel, resolveNames } from './resolve-names.js';

const ST = 'Service Desk / Service Tickets';
const TS = 'System / Table Setup';

function withCatalogue(base: LiveState, functions: Record<string, { module: string; name: string; myAllFlag?: boolean }>, screens?: { id: number; category: string; name: string }[]): LiveState {
  return { ...base, catalogue: { functions, ...(screens ? { setupScreens: screens } : {}) } };
}

const LIVE_FUNCTIONS = {
  [ST]: { module: 'Service Desk', name: 'Service Tickets', myAllFlag: true },
  [TS]: { module: 'System', name: 'Table Setup', myAllFlag: false },
  'Service Desk / Workflow Rules Audit': { module: 'Service Desk', name: 'Workflow Rules Audit', myAllFlag: false },
};

describe('resolveLiveCatalogue', () => {
  it('passes a LiveState without a live catalogue through unchanged', () => {
    const d = desired({ roles: [desiredRole('R', { 'Nope / Nothing': { inquire: 'All' } }, { unlisted: 'ignore' })] });
    expect(resolveLiveCatalogue(d, live())).toEqual({ desired: d, diagnostics: [] });
  });

  it('renames a written key to the live function, drops catalogue-only None cells, and keeps live order', () => {
    const d = desired({ roles: [desiredRole('R', { 'service desk/workflow rules audit': { inquire: 'All' }, [ST]: { inquire: 'All' } })] });
    const out = resolveLiveCatalogue(d, withCatalogue(live(), LIVE_FUNCTIONS));
    expect(out.diagnostics).toEqual([]);
    expect(Object.keys(out.desired.roles[0]!.permissions)).toEqual([ST, TS, 'Service Desk / Workflow Rules Audit']);
    expect(out.desired.roles[0]!.permissions['Service Desk / Workflow Rules Audit']?.inquire).toBe('All');
  });

  it('errs only where the PSA disagrees: an unknown granted function (live did-you-mean), My where myAllFlag is false', () => {
    const d = desired({ roles: [desiredRole('R', { 'Service Desk / Workflow Rule Audits': { inquire: 'All' }, [TS]: { inquire: 'My' } }, { unlisted: 'ignore' })] });
    const out = resolveLiveCatalogue(d, withCatalogue(live(), LIVE_FUNCTIONS));
    expect(out.diagnostics.map((x) => [x.severity, x.code])).toEqual([['error', 'unknown-function'], ['error', 'level-not-offered']]);
    expect(out.diagnostics[0]?.hint).toContain('Service Desk / Workflow Rules Audit');
    expect(out.diagnostics[1]?.summary).toContain('offers no My level for System / Table Setup');
  });

  it('keeps a role already in the live names and order as it is, and still refuses My where the PSA offers none', () => {
    const cell = (inquire: 'My' | 'All') => ({ add: 'None', edit: 'None', delete: 'None', inquire }) as const;
    // As import writes it: only the functions this PSA lists, in catalogue order.
    const role = { ...desiredRole('R'), permissions: { [ST]: cell('My'), [TS]: cell('My'), 'Service Desk / Workflow Rules Audit': cell('All') } };
    const d = desired({ roles: [role] });
    const out = resolveLiveCatalogue(d, withCatalogue(live(), LIVE_FUNCTIONS));
    expect(out.desired.roles[0]).toBe(role);
    expect(out.diagnostics.map((x) => [x.code, x.address])).toEqual([['level-not-offered', `role:R/setting:${TS}`]]);
  });

  it('treats a "__proto__" permission key (JSON.parse makes one) as the general path always has: not copied', () => {
    const permissions = JSON.parse(`{"${ST}": {"add": "None", "edit": "None", "delete": "None", "inquire": "All"}, "__proto__": {"add": "None", "edit": "None", "delete": "None", "inquire": "All"}}`) as DesiredRole['permissions'];
    const d = desired({ roles: [{ ...desiredRole('R'), permissions }] });
    const out = resolveLiveCatalogue(d, withCatalogue(live(), LIVE_FUNCTIONS));
    expect(Object.keys(out.desired.roles[0]!.permissions)).toEqual([ST]);
  });

  it('writes tables as the live screens name them and refuses one the PSA does not list', () => {
    const screens = [{ id: 12, category: 'Service', name: 'Service Board' }, { id: 40, category: 'Company', name: 'Management IT' }];
    const d = desired({ roles: [desiredRole('R', {}, { unlisted: 'ignore', customize: { SystemTableSetup: ['service / service board', 'Management IT', 'Company / Nope'] } })] });
    const out = resolveLiveCatalogue(d, withCatalogue(live(), LIVE_FUNCTIONS, screens));
    expect(out.desired.roles[0]!.customize.SystemTableSetup).toEqual(['Service / Service Board', 'Company / Management IT']);
    expect(out.diagnostics.map((x) => x.code)).toEqual(['unknown-table']);
  });
});

describe('structure levels with or without "(Level N)"', () => {
  const levels = [{ id: 1, name: 'Corporate (Level 1)' }, { id: 2, name: 'Location' }];
  it.each([['Corporate', 1], ['Corporate (Level 1)', 1], ['corporate', 1], ['Location (Level 2)', 2], ['Location', 2]])('%s -> %i', (name, id) => {
    const found = findStructureLevel(levels, name);
    expect(found.kind === 'found' ? found.item.id : undefined).toBe(id);
  });
  it('does not match two different "(Level N)"', () => {
    expect(findStructureLevel(levels, 'Corporate (Level 9)').kind).toBe('missing');
  });
  it('plans no change for a member whose level the PSA names without the suffix', () => {
    const d = desired({ roles: [desiredRole('R', {}, { external: true })], members: [desiredMember('m', 'R', { level: 'Corporate' })] });
    const l = live({ roles: [liveRole('R', 3)] });
    const resolved = resolveNames(d, l);
    expect(resolved.diagnostics).toEqual([]);
    expect(resolved.members.m?.level).toEqual({ id: 1, name: 'Corporate (Level 1)' });
  });
});

describe('a role without tableSetup: leaves the list alone (#13.7)', () => {
  const role = (extra: string) =>
    loadDesiredStateFromText(`version: 1\nroles:\n  - name: R\n    permissions:\n      ${TS}: { inquire: All }\n${extra === 'empty' ? '    tableSetup: []\n' : ''}`).state!.roles[0]!;
  it('absent: nothing planned about the list, even on a live role whose list is known', () => {
    const l = live({ roles: [liveRole('R', 3, { [TS]: { inquire: 'All' } }, { customize: { SystemTableSetup: ['Service / Service Board'] } })] });
    const changes = diff({ desired: desired({ roles: [role('absent')] }), live: l, state: undefined, resolved: resolveNames(desired(), l) }).changes;
    expect(changes).toEqual([]);
  });
  it('tableSetup: [] means allow none', () => {
    const l = live({ roles: [liveRole('R', 3, { [TS]: { inquire: 'All' } }, { customize: { SystemTableSetup: ['Service / Service Board'] } })] });
    const changes = diff({ desired: desired({ roles: [role('empty')] }), live: l, state: undefined, resolved: resolveNames(desired(), l) }).changes;
    expect(changes.map((c) => [c.action, c.address, c.after])).toEqual([['update', 'role:R/tableSetup', { list: 'SystemTableSetup', items: [] }]]);
  });
});
