// Tiers ("rewst:actions"), optional rows and rows in a vendor's words: what a role gets from each.
import { describe, expect, it } from 'vitest';
import { loadDesiredStateFromText } from '../../config/load-desired-state-from-text.js';
import { findCatalogueMisses } from '../../config/rules/check-profiles.js';
import { findProfile, listProfileNames, PROFILES } from './index.js';

const load = (profiles: string): ReturnType<typeof loadDesiredStateFromText> =>
  loadDesiredStateFromText(`version: 1\nroles:\n  - name: R\n    profiles: [${profiles}]\n`);

describe('profile tiers', () => {
  it('adds a tier to the base rows, cell by cell, and names the result profile:tier', () => {
    const base = findProfile('manageengine-endpoint-central')!;
    const asset = findProfile('manageengine-endpoint-central:asset-sync')!;
    expect(asset.name).toBe('manageengine-endpoint-central:asset-sync');
    for (const key of Object.keys(base.permissions)) expect(asset.permissions[key]).toEqual(base.permissions[key]);
    expect(asset.permissions['Companies / Configurations']).toEqual({ add: 'All', edit: 'All', inquire: 'All' });
    expect(base.permissions['Companies / Configurations']).toBeUndefined();
    // A tier row on a base row keeps the higher level of each cell.
    const budget = findProfile('crushbank:ticket-budgeter')!;
    expect(budget.permissions['System / Table Setup']).toEqual({ edit: 'All', inquire: 'All' });
  });

  it('selects the base rows by their tier name too, and refuses an unknown tier with the tiers as hint', () => {
    expect(findProfile('manageengine-endpoint-central:basic')?.permissions).toEqual(findProfile('manageengine-endpoint-central')!.permissions);
    expect(findProfile('manageengine-endpoint-central:nope')).toBeUndefined();
    const { diagnostics } = load('manageengine-endpoint-central:asset-snyc');
    const error = diagnostics.find((d) => d.code === 'unknown-profile');
    expect(error?.hint).toBe("did you mean 'manageengine-endpoint-central:asset-sync'?");
    expect(listProfileNames()).toContain('crushbank:kba-articles');
  });

  it('grants two tiers named side by side (merged by the highest level)', () => {
    const { state, diagnostics } = load('manageengine-endpoint-central:asset-sync, manageengine-endpoint-central:helpdesk');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const p = state!.roles[0]!.permissions;
    expect(p['Companies / Configurations']?.add).toBe('All');
    expect(p['Service Desk / Service Tickets']?.edit).toBe('All');
    expect(p['Companies / Company Maintenance']?.inquire).toBe('All');
  });
});

describe('optional rows and vendor spellings', () => {
  it('shows optional rows but never grants them', () => {
    const central = findProfile('n-able-n-central')!;
    expect(central.optional?.['Finance / Agreements']).toEqual({ edit: 'All', inquire: 'All' });
    const { state } = load('n-able-n-central');
    expect(state!.roles[0]!.permissions['Finance / Agreements']).toEqual({ add: 'None', edit: 'None', delete: 'None', inquire: 'None' });
    expect(state!.roles[0]!.permissions['Companies / Configurations']?.delete).toBe('All');
  });

  it('keeps a function the catalogue lacks as the vendor wrote it, with a warning and no error', () => {
    const { state, diagnostics } = load('n-able-passportal');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const warning = diagnostics.find((d) => d.code === 'profile-beyond-catalogue');
    expect(warning?.summary).toContain("function 'System / Security'");
    expect(warning?.hint).toContain('plan checks these against the live PSA');
    expect(state!.roles[0]!.permissions['System / Security']).toEqual({ add: 'All', edit: 'All', delete: 'All', inquire: 'All' });
  });

  it('canonicalises a spelling the catalogue knows ("Close Service Ticket", "Time & Expenses")', () => {
    const central = findProfile('n-able-n-central')!;
    expect(central.permissions['Service Desk / Close Service Tickets']).toBeDefined();
    expect(central.permissions['Service Desk / Close Service Ticket']).toBeUndefined();
  });

  it('reports every catalogue miss of every profile without throwing', () => {
    for (const p of PROFILES) expect(() => findCatalogueMisses(findProfile(p.name)!)).not.toThrow();
    expect(findCatalogueMisses(findProfile('brightgauge')!)).toEqual([]);
    expect(findCatalogueMisses(findProfile('hudu')!)).toContain('System / API Reports add=All');
  });
});

describe('recognising a tier in a live grid', () => {
  it('recognises "profile:tier" and a canonicalised vendor row (import writes profiles: [name:tier])', async () => {
    const { recogniseProfiles } = await import('../../inspect/recognise-profiles.js');
    const { mergeProfiles } = await import('../merge-profiles.js');
    const grid = mergeProfiles([findProfile('manageengine-endpoint-central:helpdesk')!]).permissions;
    expect(recogniseProfiles(grid).map((p) => p.name)).toEqual(['manageengine-endpoint-central:helpdesk']);
    // N-central writes "Close Service Ticket": recognised once canonical.
    const central = mergeProfiles([findProfile('n-able-n-central')!]).permissions;
    expect(Object.keys(central)).toContain('Service Desk / Close Service Tickets');
    expect(recogniseProfiles(central).map((p) => p.name)).toEqual(['n-able-n-central']);
  });
});
