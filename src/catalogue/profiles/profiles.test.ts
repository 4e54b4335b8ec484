import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getFunction } from '../find-function.js';
import { findSetupScreen } from '../find-setup-screen.js';
import { mergeProfiles } from '../merge-profiles.js';
import { LEVEL_KINDS } from '../types.js';
import { findProfile, PROFILES } from './index.js';

describe('PROFILES', () => {
  it('has the five seed integrations, each from its own seed file, and vendor profiles beside them', () => {
    const seeds = ['brightgauge', 'datto-rmm', 'kaseya-quote-manager', 'wise-sync', 'scalepad-lifecycle-manager'];
    expect(PROFILES.map((p) => p.name).slice(0, 5)).toEqual(seeds);
    expect(new Set(PROFILES.filter((p) => p.seed).map((p) => p.seed)).size).toBe(5);
    // Names are unique: a second file with the same name would shadow the first.
    expect(new Set(PROFILES.map((p) => p.name)).size).toBe(PROFILES.length);
  });

  it.each(PROFILES.map((p) => [p.name, p] as const))('%s says where it was read, and when', (_n, p) => {
    expect(p.source?.url, 'source.url').toMatch(/^(https?:\/\/\S+|shared\/seeds\/\S+)$/);
    expect(p.source?.read, 'source.read').toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Date.parse(p.source!.read)).not.toBeNaN();
    expect(Object.keys(p.permissions).length + (p.tiers?.length ?? 0), 'a profile grants something').toBeGreaterThan(0);
    expect(p.name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it.each(PROFILES.map((p) => [p.name, p] as const))('%s: rows name a function and levels; tables are known', (_n, p) => {
    const rows = [p.permissions, p.optional ?? {}, ...(p.tiers ?? []).map((t) => t.permissions)];
    for (const row of rows) {
      for (const [key, levels] of Object.entries(row)) {
        // "Module / Function"; a function the catalogue lacks stays in the vendor's words (validate warns).
        expect(key).toMatch(/^[^/]+ \/ .+$/);
        expect(Object.keys(levels).length, key).toBeGreaterThan(0);
        for (const kind of Object.keys(levels)) expect(LEVEL_KINDS).toContain(kind);
        for (const l of Object.values(levels)) expect(['None', 'My', 'All']).toContain(l);
      }
    }
    // "Category / Name"; a table the catalogue lacks stays in the vendor's words (validate warns).
    for (const t of p.customize.SystemTableSetup ?? []) expect(t).toMatch(/^[^/]+ \/ .+$/);
    expect(p.member.level).toBe('Corporate (Level 1)');
  });

  it('keeps the seed profiles within the catalogue (functions and offered levels)', () => {
    for (const p of PROFILES.filter((x) => x.seed)) {
      for (const [key, levels] of Object.entries(p.permissions)) {
        const ref = getFunction(key);
        expect(ref, `${key} is not a canonical catalogue key`).toBeDefined();
        for (const kind of LEVEL_KINDS) {
          const l = levels[kind];
          if (l) expect(ref!.function.offers[kind], `${key}.${kind}=${l}`).toContain(l);
        }
      }
      for (const t of p.customize.SystemTableSetup ?? []) expect(findSetupScreen(t)?.name, t).toBeDefined();
    }
  });

  it('reads BrightGauge as Inquire=All only, 49 functions', () => {
    const bg = findProfile('brightgauge')!;
    const rows = Object.values(bg.permissions);
    expect(rows).toHaveLength(49);
    for (const r of rows) expect(r).toEqual({ inquire: 'All' });
  });

  it('reads the Datto RMM table cell by cell', () => {
    const d = findProfile('Datto RMM')!;
    expect(d.permissions['Companies / Configurations']).toEqual({ add: 'All', edit: 'All', inquire: 'All' });
    expect(d.permissions['System / Table Setup']).toEqual({ add: 'All', inquire: 'All' });
    expect(d.permissions['Finance / Agreements']).toEqual({ edit: 'All', inquire: 'All' });
  });

  it('gives Kaseya every offered column, reports Inquire only, and requires location and business unit', () => {
    const k = findProfile('kaseya')!;
    expect(k.permissions['Companies / Company Maintenance']).toEqual({ add: 'All', edit: 'All', delete: 'All', inquire: 'All' });
    expect(k.permissions['Sales / Reports']).toEqual({ inquire: 'All' });
    expect(k.member).toMatchObject({ requiresLocation: true, requiresBusinessUnit: true });
  });

  it('carries the Wise-Sync and ScalePad Table Setup lists', () => {
    expect(findProfile('wise-sync')!.customize.SystemTableSetup).toHaveLength(10);
    expect(findProfile('ScalePad')!.customize.SystemTableSetup).toHaveLength(16);
  });

  // Adding a profile is one file plus its line in built-in.ts; this catches the forgotten line.
  it('lists every profile file of this folder in built-in.ts', async () => {
    const notProfiles = new Set(['built-in.ts', 'index.ts', 'levels.ts', 'load-user-profiles.ts']);
    const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !notProfiles.has(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const exports = Object.values((await import(/* @vite-ignore */ new URL(`./${file}`, import.meta.url).href)) as Record<string, unknown>);
      const listed = exports.filter((value) => PROFILES.includes(value as (typeof PROFILES)[number]));
      expect(listed, `${file} exports a profile listed in built-in.ts`).toHaveLength(1);
    }
  });

  it('finds nothing for an unknown name', () => {
    expect(findProfile('autotask')).toBeUndefined();
  });
});

describe('mergeProfiles', () => {
  it('takes the highest level per cell and unions the lists', () => {
    const bg = findProfile('brightgauge')!;
    const sp = findProfile('scalepad-lifecycle-manager')!;
    const ws = findProfile('wise-sync')!;
    const m = mergeProfiles([bg, sp, ws]);
    // BrightGauge inquire All + ScalePad add/edit All on Service Tickets
    expect(m.permissions['Service Desk / Service Tickets']).toEqual({ add: 'All', edit: 'All', delete: 'None', inquire: 'All' });
    // Wise-Sync all-four on Table Setup beats both inquire-only rows
    expect(m.permissions['System / Table Setup']).toEqual({ add: 'All', edit: 'All', delete: 'All', inquire: 'All' });
    expect(m.customize.SystemTableSetup).toHaveLength(26);
    expect(m.member).toEqual({ level: 'Corporate (Level 1)', requiresLocation: true, requiresBusinessUnit: true });
  });

  it('is order-independent on levels', () => {
    const a = mergeProfiles(PROFILES);
    const b = mergeProfiles([...PROFILES].reverse());
    expect(b.permissions).toEqual(a.permissions);
  });

  it('merges nothing to nothing', () => {
    expect(mergeProfiles([])).toEqual({
      permissions: {}, customize: {}, member: { level: undefined, requiresLocation: false, requiresBusinessUnit: false },
    });
  });
});
