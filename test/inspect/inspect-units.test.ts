// Pure parts of import and drift: globs, profile recognition, drift vs pending classification, move descriptions.
import { describe, expect, it } from 'vitest';
import { mergeProfiles } from '../../src/catalogue/merge-profiles.js';
import { findProfile } from '../../src/catalogue/profiles/index.js';
import type { Levels } from '../../src/catalogue/types.js';
import { appliedValueOf, buildDriftReport, describeMove } from '../../src/inspect/drift-report.js';
import { matchesAnyGlob, splitGlobs } from '../../src/inspect/match-glob.js';
import { recogniseProfiles } from '../../src/inspect/recognise-profiles.js';
import type { Change, DriftItem, Plan } from '../../src/model/plan.js';
import type { StateFile } from '../../src/model/state.js';

describe('globs', () => {
  it.each([
    ['BrightGauge API', ['bright*'], true],
    ['BrightGauge API', ['*API'], true],
    ['Reporting', ['rep?rting'], true],
    ['Reporting', ['Report'], false],
    ['a.b', ['a?b'], true],
    ['a+b', ['a+b'], true],
    ['anything', [], true],
  ])('%s against %j -> %s', (name, globs, expected) => {
    expect(matchesAnyGlob(name, globs)).toBe(expected);
  });
  it('splits comma-separated and repeated values', () => {
    expect(splitGlobs(['a*, b', 'c'])).toEqual(['a*', 'b', 'c']);
    expect(splitGlobs('x')).toEqual(['x']);
    expect(splitGlobs(undefined)).toEqual([]);
  });
});

describe('recogniseProfiles', () => {
  const grid = (name: string): Record<string, Levels> => mergeProfiles([findProfile(name)!]).permissions;
  it('recognises each built-in profile from its exact grid', () => {
    for (const name of ['brightgauge', 'datto-rmm', 'kaseya-quote-manager', 'wise-sync', 'scalepad-lifecycle-manager']) {
      expect(recogniseProfiles(grid(name)).map((p) => p.name)).toEqual([name]);
    }
  });
  it('ignores explicit None cells but refuses one cell more or less', () => {
    const exact = { ...grid('brightgauge'), 'Finance / Reports': { add: 'None', edit: 'None', delete: 'None', inquire: 'None' } as Levels };
    expect(recogniseProfiles(exact).map((p) => p.name)).toEqual(['brightgauge']);
    const more = { ...grid('brightgauge'), 'Finance / Reports': { add: 'None', edit: 'None', delete: 'None', inquire: 'All' } as Levels };
    expect(recogniseProfiles(more)).toEqual([]);
    const fewer = { ...grid('brightgauge') };
    delete fewer[Object.keys(fewer)[0]!];
    expect(recogniseProfiles(fewer)).toEqual([]);
    expect(recogniseProfiles({})).toEqual([]);
  });
  it('recognises two profiles merged on one role (highest level per cell)', () => {
    const both = mergeProfiles([findProfile('brightgauge')!, findProfile('datto-rmm')!]).permissions;
    expect(recogniseProfiles(both).map((p) => p.name)).toEqual(['brightgauge', 'datto-rmm']);
  });
});

const levels = (inquire: string, add = 'None') => ({ add, edit: 'None', delete: 'None', inquire });

function plan(changes: Change[], drift: DriftItem[] = []): Plan {
  return {
    formatVersion: 1, createdAt: '2026-11-23T00:00:00Z', target: { site: 's', company: 'c', sandbox: false }, stateLineage: 'l', stateSerial: 3,
    changes, drift, operations: [], guided: [], adopt: [], safety: [],
    summary: { create: 0, update: 0, delete: 0, replace: 0, api: 0, guided: 0, drift: drift.length, escalations: 0, adopt: 0 },
    checksum: 'x', requestCount: 7,
  };
}
const state: StateFile = {
  formatVersion: 1, lineage: 'l', serial: 3, target: { site: 's', company: 'c' },
  resources: {
    'role:Ops': { kind: 'role', digest: 'd', appliedAt: '2026-11-01T00:00:00Z', applied: { name: 'Ops', adminFlag: false, settings: { 'Service Desk / Service Tickets': levels('All') } } },
    'member:ops': { kind: 'member', digest: 'd', appliedAt: '2026-11-02T00:00:00Z', applied: { identifier: 'ops', name: 'Ops', location: 'Tampa' } },
  },
};

describe('buildDriftReport', () => {
  it('finds the applied value of a level cell inside its role, None when the snapshot leaves it out', () => {
    expect(appliedValueOf(state, 'role:Ops/setting:Service Desk / Service Tickets')).toEqual(levels('All'));
    expect(appliedValueOf(state, 'role:Ops/setting:Finance / Invoicing')).toEqual(levels('None'));
    expect(appliedValueOf(state, 'role:Other/setting:Finance / Invoicing')).toBeUndefined();
  });

  it('counts a change that asks for what was applied as restoring drift, and anything else as pending', () => {
    const restore: Change = { address: 'role:Ops/setting:Service Desk / Service Tickets', action: 'update', before: levels('None'), after: levels('All') };
    const yamlEdit: Change = { address: 'role:Ops/setting:Finance / Invoicing', action: 'update', before: levels('None'), after: levels('All') };
    const memberRestore: Change = { address: 'member:ops', action: 'update', before: { identifier: 'ops', name: 'X', location: 'Tampa' }, after: { identifier: 'ops', name: 'Ops', location: 'Tampa' } };
    const memberEdit: Change = { address: 'member:ops', action: 'update', before: { identifier: 'ops', name: 'Ops', location: 'Tampa' }, after: { identifier: 'ops', name: 'Ops', location: 'Orlando' } };
    const created: Change = { address: 'role:New', action: 'create', before: null, after: { name: 'New' } };
    const recreated: Change = { address: 'member:ops', action: 'create', before: null, after: { identifier: 'ops' } };
    const drift: DriftItem = { address: restore.address, summary: 's', before: levels('All'), after: levels('None'), updatedBy: 'jane' };
    const report = buildDriftReport(plan([restore, yamlEdit, memberRestore, memberEdit, created, recreated], [drift]), state);
    expect(report.restores).toEqual([restore, memberRestore, recreated]);
    expect(report.pending).toEqual([yamlEdit, memberEdit, created]);
    expect(report.inSync).toBe(false);
    expect(report.state).toEqual({ serial: 3, lastAppliedAt: '2026-11-02T00:00:00Z' });
  });

  it('is in sync only with no drift and no change; without state everything is pending', () => {
    expect(buildDriftReport(plan([]), state).inSync).toBe(true);
    const c: Change = { address: 'role:Ops/setting:Service Desk / Service Tickets', action: 'update', before: levels('None'), after: levels('All') };
    const noState = buildDriftReport(plan([c]), null);
    expect(noState).toMatchObject({ inSync: false, pending: [c], restores: [], state: null });
  });
});

describe('describeMove', () => {
  it.each([
    [levels('All'), levels('None', 'My'), 'add None -> My, inquire All -> None'],
    [{ name: 'a', location: null }, { name: 'a', location: 'Tampa' }, 'location none -> Tampa'],
    [{ list: 'SystemTableSetup', items: ['A / B', 'C / D'] }, { list: 'SystemTableSetup', items: ['C / D', 'E / F'] }, '+ E / F; - A / B'],
    [{ name: 'x' }, null, 'deleted'],
    [null, { name: 'x' }, 'created'],
    [false, true, 'false -> true'],
  ])('%j -> %j', (before, after, expected) => {
    expect(describeMove(before, after)).toBe(expected);
  });
});
