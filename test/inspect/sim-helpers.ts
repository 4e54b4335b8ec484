// Test helpers for the GitOps e2e tests: the shared simulator and CLI runner of test/e2e/helpers (re-exported
// under the names these tests use), plus small callers that play the integrator and the person at the screens.
// Test code only: binds 127.0.0.1 port 0, no other network.
import { runCli, startTestSimulator } from '../e2e/helpers/cli.js';
import type { CliRun, TestSimulator } from '../e2e/helpers/cli.js';
import type { TestWorld } from '../e2e/helpers/worlds.js';

export { CLI, ROOT } from '../e2e/helpers/cli.js';
export type { CliRun } from '../e2e/helpers/cli.js';
export type SimHandle = TestSimulator;

/** A fresh simulator serving `world` (test/e2e/helpers/worlds.ts), by default the built-in catalogue. */
export const startSim = (world?: TestWorld): Promise<SimHandle> => startTestSimulator(world?.options ?? {});

export const runCwctl = (args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliRun> =>
  runCli(args, { cwd: options.cwd, env: options.env, timeoutMs: 120_000 });

/** "Module / Function" -> the /__sim/ui settings row that sets those levels (the world's row for that function, when given). */
export function uiSetting(key: string, levels: Partial<Record<'add' | 'edit' | 'delete' | 'inquire', string>>, world?: TestWorld): Record<string, string> {
  const at = key.indexOf(' / ');
  const row: Record<string, string> = world ? { ...world.row(key.slice(0, at), key.slice(at + 3)) } : { moduleName: key.slice(0, at), moduleFunctionName: key.slice(at + 3) };
  for (const [kind, level] of Object.entries(levels)) row[`${kind}Level`] = level;
  return row;
}

export async function lookupId(handle: SimHandle, path: string, name: string): Promise<number> {
  const rows = await handle.api<{ id: number; name: string }[]>('GET', `${path}?pageSize=1000`);
  const row = rows.find((r) => r.name === name);
  if (!row) throw new Error(`no ${name} in ${path}: ${rows.map((r) => r.name).join(', ')}`);
  return row.id;
}
