// Simulator worlds: the shipped independent world validates and is what the simulator then serves (its spellings,
// functions the catalogue lacks, its offers, Table Setup items as screen ids, levels without "(Level N)"); a bad
// world file is refused naming file and field; a data file remembers its world; `cwctl sim --world` is exit 3 on a
// bad file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simCommand } from '../../src/cli/commands/sim.js';
import { CATALOGUE } from '../../src/catalogue/modules.js';
import { CwctlError } from '../../src/errors.js';
import { SimDataFileError } from '../../src/sim/persist.js';
import { startSimulator } from '../../src/sim/start-simulator.js';
import { SimWorldError, WORLD_LIMITS, loadWorld, parseWorld } from '../../src/sim/world.js';
import type { Client, Loose } from './harness.js';
import { startClient } from './harness.js';

const INDEPENDENT = join(import.meta.dirname, '..', 'worlds', 'independent.json');
const fn = (name: string, offers: Loose = { add: ['None'], edit: ['None'], delete: ['None'], inquire: ['None', 'All'] }): Loose => ({ name, identifier: name.replace(/\W/g, ''), offers });
const minimal = (): Loose => ({ name: 'tiny', modules: [{ name: 'Service Desk', identifier: 'Service', functions: [fn('Service Tickets')] }] });

describe('the independent world file', () => {
  const world = loadWorld(INDEPENDENT);
  const keys = world.modules.flatMap((m) => m.functions.map((f) => `${m.name} / ${f.name}`));
  const catalogueKeys = new Set(CATALOGUE.flatMap((m) => m.functions.map((f) => `${m.name} / ${f.name}`)));

  it('has the 2017 matrix counts where it matters (19 Service Desk, 16 System functions)', () => {
    expect(world.modules.find((m) => m.name === 'Service Desk')?.functions).toHaveLength(19);
    expect(world.modules.find((m) => m.name === 'System')?.functions).toHaveLength(16);
  });

  it('is not the catalogue: vendor spellings, functions it lacks, offers that differ, screen ids, plain level names', () => {
    for (const spelled of ['Companies / Teams Members', 'Companies / UserCentric', 'Companies / Configuration – Display Passwords', 'Service Desk / Service Ticket- Dependencies', 'Time and Expense / Time Entry']) {
      expect(keys).toContain(spelled);
      expect(catalogueKeys.has(spelled)).toBe(false);
    }
    expect(keys.filter((k) => k.includes('Unnamed')).length).toBe(13);
    const finance = world.modules.find((m) => m.name === 'Finance')!;
    expect(finance.functions.find((f) => f.name === 'Billing View Time')?.offers.edit).toEqual(['None', 'All']); // Barracuda: Edit All
    expect(CATALOGUE.find((m) => m.name === 'Finance')!.functions.find((f) => f.name === 'Billing View Time')?.offers.edit).toEqual(['None']);
    expect(world.customizeItemIdentifier).toBe('screenId');
    expect(world.structureLevels).toEqual(['Corporate', 'Location', 'Business Unit']);
  });
});

describe('a simulator serving the independent world', () => {
  let c: Client;
  beforeAll(async () => { c = await startClient({ world: INDEPENDENT }); });
  afterAll(async () => { await c.sim.close(); });

  it('serves its functions, offers, setup screens, structure levels and screen-id customize items', async () => {
    expect(c.sim.world).toBe('independent public sources (2026-12)');
    const settings = (await c.call('GET', '/system/securityRoles/1/settings?pageSize=1000')).body as Loose[];
    expect(settings).toHaveLength(101);
    expect(settings.map((s) => s.moduleFunctionName)).toContain('Unnamed Service Desk Function 19');
    const passwords = settings.find((s) => s.moduleFunctionName === 'Configuration – Display Passwords');
    expect(passwords).toMatchObject({ moduleName: 'Companies', myAllFlag: false, editLevel: 'All' }); // Admin: highest offered
    const levels = (await c.call('GET', '/system/myCompany/corporateStructureLevels')).body as Loose[];
    expect(levels.map((l) => l.name)).toEqual(['Corporate', 'Location', 'Business Unit']);
    const screens = (await c.call('GET', '/system/setupScreens?pageSize=1000')).body as Loose[];
    expect(screens[0]).toMatchObject({ id: 5001, category: 'Service', name: 'Service Board' });
    // The admin (role Admin) holds every screen; items come back as screen ids, as this world's PSA spells them.
    const items = ((await c.call('GET', '/system/mySecurity/customizeItems/?pageSize=1000')).body as Loose[]).filter((i) => i.customizeIdentifier === 'SystemTableSetup');
    expect(items).toHaveLength(screens.length);
    expect(items[0]).toEqual({ id: 5001, customizeIdentifier: 'SystemTableSetup', itemIdentifier: '5001' });
  });

  it('takes a vendor-documented cell the catalogue calls impossible, and refuses My where the world does not offer it', async () => {
    const role = (await c.call('POST', '/system/securityroles', { name: 'Barracuda' })).body.id as number;
    const ok = await c.ui('PUT', `/__sim/ui/securityRoles/${role}/settings`, [{ moduleName: 'Finance', moduleFunctionName: 'Billing View Time', addLevel: 'All', editLevel: 'All', inquireLevel: 'All' }]);
    expect(ok.status).toBe(200);
    const my = await c.ui('PUT', `/__sim/ui/securityRoles/${role}/settings`, [{ moduleName: 'Companies', moduleFunctionName: 'Company Maintenance', editLevel: 'My' }]);
    expect(my.status).toBe(400);
    expect(my.body.message).toMatch(/not offered \(choose None, All\)/);
    // Table Setup at the screen: a screen id, a name or "Category / Name" all pick the same screen.
    const put = await c.ui('PUT', `/__sim/ui/securityRoles/${role}/tableSetup`, ['5001', 'Company Status', 'Invoicing/Tax Code']);
    expect(put.body).toEqual(['Service / Service Board', 'Company / Company Status', 'Invoicing / Tax Code']);
  });
});

describe('world validation', () => {
  const bad = (mutate: (w: Loose) => void): string => {
    const w = minimal();
    mutate(w);
    try {
      parseWorld(w, 'w.json');
    } catch (e) {
      expect(e).toBeInstanceOf(SimWorldError);
      return (e as Error).message;
    }
    throw new Error('accepted');
  };

  it.each<[string, (w: Loose) => void, RegExp]>([
    ['no modules', (w) => { delete w.modules; }, /^w\.json: modules: must be an array$/],
    ['a level that is not one', (w) => { w.modules[0].functions[0].offers.edit = ['None', 'Some']; }, /modules\[0\]\.functions\[0\]\.offers\.edit\[1\]: "Some" is not a level/],
    ['a column without None', (w) => { w.modules[0].functions[0].offers.add = ['All']; }, /offers\.add: must include "None"/],
    ['a repeated function', (w) => { w.modules[0].functions.push(fn('service tickets')); }, /functions\[1\]\.name: function of Service Desk 'service tickets' repeats modules\[0\]\.functions\[0\]\.name/],
    ['an unknown customize list', (w) => { w.modules[0].functions[0].customize = 'SystemTableSetp'; }, /customize: "SystemTableSetp" is not a customize list of the PSA \(did you mean 'SystemTableSetup'\?\)/],
    ['a screen without id', (w) => { w.setupScreens = [{ category: 'Service', name: 'Board' }]; }, /setupScreens\[0\]\.id: must be a positive integer/],
    ['a repeated screen id', (w) => { w.setupScreens = [{ id: 1, category: 'A', name: 'B' }, { id: 1, category: 'C', name: 'D' }]; }, /setupScreens\[1\]\.id: id 1 repeats/],
    ['an unknown item form', (w) => { w.customizeItemIdentifier = 'guid'; }, /customizeItemIdentifier: "guid" is not one of screenId, categoryName, name/],
    ['six structure levels', (w) => { w.structureLevels = ['a', 'b', 'c', 'd', 'e', 'f']; }, /structureLevels: has 6 entries; at most 5/],
    ['a control character', (w) => { w.modules[0].name = 'Service\nDesk'; }, /modules\[0\]\.name: must not contain control characters/],
  ])('refuses %s, naming the field', (_what, mutate, message) => {
    expect(bad(mutate)).toMatch(message);
  });

  it('ignores unknown fields and bounds the file size', () => {
    expect(parseWorld({ ...minimal(), sources: ['x'], extra: 1 }, 'w.json').modules[0]?.functions[0]?.name).toBe('Service Tickets');
    const dir = mkdtempSync(join(tmpdir(), 'cwctl-world-'));
    try {
      const big = join(dir, 'big.json');
      writeFileSync(big, JSON.stringify({ ...minimal(), pad: 'x'.repeat(WORLD_LIMITS.bytes) }));
      expect(() => loadWorld(big)).toThrow(/big\.json: the file is \d+ bytes; a world file is at most 1048576/);
      expect(() => loadWorld(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read the world file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a data file remembers its world and refuses another one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwctl-world-'));
    try {
      const dataFile = join(dir, 'psa.json');
      const first = await startSimulator({ dataFile, world: parseWorld(minimal(), 'tiny.json') });
      await first.close();
      const again = await startSimulator({ dataFile });
      expect(again.world).toBe('tiny');
      expect(again.store.catalogueEntries.map((e) => e.key)).toEqual(['Service Desk / Service Tickets']);
      await again.close();
      await expect(startSimulator({ dataFile, world: INDEPENDENT })).rejects.toThrow(SimDataFileError);
      await expect(startSimulator({ dataFile, world: INDEPENDENT })).rejects.toThrow(/seeded from the world 'tiny', not from the world 'independent/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cwctl sim --world with a bad file is exit 3 naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwctl-world-'));
    try {
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify({ modules: [{ name: 'X', functions: [] }] }));
      const handler = simCommand.handler as unknown as (argv: Record<string, unknown>) => Promise<void>;
      const err = await handler({ port: 0, latency: 0, jitter: 0, 'fault-rate': 0, 'throttle-rate': 0, 'drop-rate': 0, 'rate-limit': 0, seed: 1, company: 'acme', 'require-client-id': true, world: file }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CwctlError);
      expect((err as CwctlError).exitCode).toBe(3);
      expect((err as CwctlError).message).toMatch(/bad\.json: modules\[0\]\.functions: must have at least 1 entry/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
