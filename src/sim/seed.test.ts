// The seeded MSP: deterministic per seed, levels within what each column offers, the expected roles and members,
// and a large tenant on request.
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../catalogue/modules.js';
import { SETUP_SCREENS } from '../catalogue/setup-screens.js';
import { ADMIN_IDENTIFIER, SEEDED_ROLE_NAMES, buildSeedData } from './seed.js';
import { sha256Hex as sha256 } from '../model/canonical-json.js';
import { SimStore } from './store.js';

const catalogue = { modules: CATALOGUE, setupScreens: SETUP_SCREENS };

describe('buildSeedData', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = JSON.stringify(buildSeedData({ company: 'acme', seed: 5 }, catalogue));
    expect(JSON.stringify(buildSeedData({ company: 'acme', seed: 5 }, catalogue))).toBe(a);
    expect(JSON.stringify(buildSeedData({ company: 'acme', seed: 6 }, catalogue))).not.toBe(a);
  });

  it('seeds the named roles with levels each column offers; Admin has the highest offered everywhere', () => {
    const data = buildSeedData({ company: 'acme', seed: 1 }, catalogue);
    const store = new SimStore(data, catalogue);
    expect(store.rows('securityRoles').map((r) => r.name)).toEqual(SEEDED_ROLE_NAMES);
    for (const role of store.rows('securityRoles')) {
      for (const s of store.roleSettings(role.id as number)) {
        const entry = store.catalogueEntries.find((e) => e.settingId === s.id)!;
        expect(entry.fn.offers.add).toContain(s.addLevel);
        expect(entry.fn.offers.inquire).toContain(s.inquireLevel);
        if (role.name === 'Admin') expect(s.inquireLevel).toBe(entry.fn.offers.inquire[entry.fn.offers.inquire.length - 1]);
      }
    }
    const readOnly = store.rows('securityRoles').find((r) => r.name === 'Read Only')!;
    expect(store.roleSettings(readOnly.id as number).every((s) => s.addLevel === 'None' && s.editLevel === 'None')).toBe(true);
    expect(store.customizeOf(1).SystemTableSetup).toHaveLength(SETUP_SCREENS.length);
  });

  it('has about 40 members, four API members, unique identifiers of at most 15 characters, and the admin key', () => {
    const data = buildSeedData({ company: 'acme', seed: 1 }, catalogue);
    const members = data.tables.members;
    expect(members).toHaveLength(40);
    expect(members.filter((m) => m.licenseClass === 'A').map((m) => m.identifier)).toEqual([ADMIN_IDENTIFIER, 'automate', 'itglue', 'quoter']);
    const ids = members.map((m) => m.identifier as string);
    expect(new Set(ids.map((i) => i.toLowerCase())).size).toBe(ids.length);
    expect(ids.every((i) => i.length <= 15)).toBe(true);
    expect(data.apiKeys[0]!.privateKeySha256).toBe(sha256(data.bootstrap.privateKey));
    expect(data.bootstrap.privateKey).toMatch(/^\w{16}$/);
  });

  it('grows to a large tenant on request', () => {
    const data = buildSeedData({ company: 'acme', seed: 1, roles: 60, members: 700 }, catalogue);
    expect(data.tables.securityRoles).toHaveLength(60);
    expect(data.tables.members).toHaveLength(700);
    expect(data.tables.securityRoles.every((r) => (r.name as string).length <= 30)).toBe(true);
  });
});
