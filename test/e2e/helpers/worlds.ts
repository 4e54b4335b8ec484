// The worlds every end-to-end example test runs against: the simulator's built-in catalogue and the independent
// world of test/worlds (built from public vendor pages, not from src/catalogue). One helper so that a test is
// written once and `describe.each(WORLDS)` runs it on both; the translations below are what a person at that
// PSA's screens does when a checklist names a row in another spelling. Test code only.
import { join } from 'node:path';
import { findFunction, functionKey } from '../../../src/catalogue/find-function.js';
import type { SimulatorOptions } from '../../../src/sim/start-simulator.js';
import { DEFAULT_WORLD, loadWorld } from '../../../src/sim/world.js';
import type { SimWorld } from '../../../src/sim/world.js';
import { ROOT } from './cli.js';

export interface TestWorld {
  /** Short label shown in test names. */
  label: string;
  /** What startSimulator needs to serve this world. */
  options: SimulatorOptions;
  world: SimWorld;
  /** "Module / Function" as this world's PSA spells the catalogue function `key` (the key itself when it is the same row). */
  functionKey(key: string): string;
  /** The settings row a person picks for a checklist line naming `module` / `fn` (exact name first, then the catalogue's aliases). */
  row(module: string, fn: string): { moduleName: string; moduleFunctionName: string };
  /** This world's name for a structure level written in the catalogue's form ("Corporate (Level 1)" -> "Corporate"). */
  level(name: string): string;
  /** A function this world has and the catalogue has never heard of, if any ("Module / Function"). */
  unknownFunction: string | undefined;
}

function buildTestWorld(label: string, world: SimWorld, options: SimulatorOptions): TestWorld {
  const exact = new Map<string, { moduleName: string; moduleFunctionName: string }>();
  const byCatalogueKey = new Map<string, { moduleName: string; moduleFunctionName: string }>();
  let unknownFunction: string | undefined;
  for (const m of world.modules) {
    for (const f of m.functions) {
      const row = { moduleName: m.name, moduleFunctionName: f.name };
      exact.set(functionKey(m.name, f.name).toLowerCase(), row);
      const found = findFunction(functionKey(m.name, f.name));
      if (found.kind === 'found') byCatalogueKey.set(found.ref.key, row);
      else unknownFunction ??= functionKey(m.name, f.name);
    }
  }
  const row = (module: string, fn: string): { moduleName: string; moduleFunctionName: string } => {
    const key = `${module} / ${fn}`;
    const hit = exact.get(key.toLowerCase());
    if (hit) return hit;
    const found = findFunction(key);
    const mapped = found.kind === 'found' ? byCatalogueKey.get(found.ref.key) : undefined;
    if (!mapped) throw new Error(`the ${label} world has no row for '${key}'`);
    return mapped;
  };
  return {
    label,
    options,
    world,
    functionKey: (key) => {
      const at = key.indexOf(' / ');
      const r = row(key.slice(0, at), key.slice(at + 3));
      return `${r.moduleName} / ${r.moduleFunctionName}`;
    },
    row,
    level: (name) => {
      const bare = name.replace(/\s*\(Level \d\)$/, '').toLowerCase();
      const hit = world.structureLevels.find((l) => l.toLowerCase() === name.toLowerCase() || l.replace(/\s*\(Level \d\)$/, '').toLowerCase() === bare);
      if (!hit) throw new Error(`the ${label} world has no structure level '${name}'`);
      return hit;
    },
    unknownFunction,
  };
}

const INDEPENDENT_FILE = join(ROOT, 'test', 'worlds', 'independent.json');

export const WORLDS: readonly TestWorld[] = [
  buildTestWorld('built-in', DEFAULT_WORLD, {}),
  buildTestWorld('independent', loadWorld(INDEPENDENT_FILE), { world: INDEPENDENT_FILE }),
];
