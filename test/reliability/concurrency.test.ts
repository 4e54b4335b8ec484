// Concurrency: five applies started together on one workspace (one state dir). Without --lock-timeout exactly
// the lock holder applies and the rest fail fast with exit 5 naming it; with --lock-timeout they queue and run
// one after another. Either way nothing is created twice: the creations reported across all runs add up to
// what one apply creates, the PSA holds no duplicate, and the state file parses with a serial that grew.
import { readFileSync } from 'node:fs';
import { loadSimData } from '../../src/sim/persist.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StateFile } from '../../src/model/state.js';
import { exampleFile } from './helpers/converge.js';
import { printFigures } from './helpers/print-figures.js';
import { looksLikeCrash, runCli } from './helpers/run-cli.js';
import type { CliResult } from './helpers/run-cli.js';
import { fingerprint, startTarget } from './helpers/sim-target.js';
import type { SimTarget } from './helpers/sim-target.js';

const PARALLEL = 5;
let target: SimTarget | undefined;
let dir: string | undefined;
afterEach(async () => {
  await target?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface ApplyJson {
  applied: { operation: string; result: string }[];
  plan: { operations: { type: string }[] };
}

const created = (r: CliResult): number => {
  if (r.code !== 8 && r.code !== 0) return 0;
  return (JSON.parse(r.stdout) as ApplyJson).applied.filter((a) => a.result === 'created').length;
};

async function startTogether(extra: string[]): Promise<{ runs: CliResult[]; expectedCreates: number }> {
  target = await startTarget({ seed: 1, latencyMs: 15, jitterMs: 10 });
  dir = await mkdtemp(join(tmpdir(), 'cwctl-concurrency-'));
  const args = ['-f', exampleFile('msp'), '--state-dir', join(dir, '.cwctl'), 'apply', '--auto-approve', '--format', 'json', ...extra];
  const runs = await Promise.all(Array.from({ length: PARALLEL }, () => runCli(args, { cwd: dir!, env: target!.env, limitMs: 180_000 })));
  // What one apply creates: the create operations of the plan of whichever run applied first.
  const first = runs.find((r) => created(r) > 0);
  const expectedCreates = first ? (JSON.parse(first.stdout) as ApplyJson).plan.operations.filter((o) => /^create(Role|Member|Mapping|CrossReference)/.test(o.type)).length : -1;
  return { runs, expectedCreates };
}

function checkCommon(runs: CliResult[], expectedCreates: number, label: string): void {
  const state = JSON.parse(readFileSync(join(dir!, '.cwctl', 'state.json'), 'utf8')) as StateFile;
  const fp = fingerprint(target!.sim);
  printFigures(`concurrency: ${PARALLEL} applies at once, ${label}`, runs.map((r, i) => ({
    run: i, exit: r.code, ms: Math.round(r.ms), created: created(r), note: (r.stderr.split('\n').find((l) => /error/.test(l)) ?? '').slice(0, 90),
  })).concat([{ run: 'sum', exit: '', ms: '', created: runs.reduce((n, r) => n + created(r), 0), note: `expected ${expectedCreates}; duplicates ${fp.duplicates.length}; state serial ${state.serial}` } as never]));
  for (const r of runs) expect(looksLikeCrash(r.stderr), r.stderr).toBe(false);
  expect(fp.duplicates).toEqual([]);
  expect(expectedCreates).toBeGreaterThan(0);
  expect(runs.reduce((n, r) => n + created(r), 0)).toBe(expectedCreates);
  expect(state.serial).toBeGreaterThan(0);
}

describe('five applies on one workspace', () => {
  it('without --lock-timeout: the holder applies, the others exit 5 naming it', async () => {
    const { runs, expectedCreates } = await startTogether([]);
    checkCommon(runs, expectedCreates, 'no --lock-timeout');
    const codes = runs.map((r) => r.code);
    for (const c of codes) expect([5, 8]).toContain(c);
    expect(codes.filter((c) => c === 8).length).toBeGreaterThanOrEqual(1);
    for (const r of runs.filter((x) => x.code === 5)) expect(r.stderr).toMatch(/lock/i);
  });

  it('with --lock-timeout 120s: they queue, each exits 8, one after another', async () => {
    const { runs, expectedCreates } = await startTogether(['--lock-timeout', '120s']);
    checkCommon(runs, expectedCreates, '--lock-timeout 120s');
    for (const r of runs) expect(r.code, r.stderr).toBe(8);
    // Queued, not overlapping: the runs that created nothing still had to wait for the one that did.
    const creator = runs.find((r) => created(r) > 0)!;
    const others = runs.filter((r) => r !== creator).map((r) => r.ms).sort((a, b) => a - b);
    expect(others[others.length - 1]!).toBeGreaterThan(creator.ms * 0.5);
  });
});

describe('two applies on the embedded sandbox (its PSA is a file under the state dir)', () => {
  it('queued with --lock-timeout: the second loads the sandbox after the first wrote it, so nothing is lost or made twice', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cwctl-sandbox-concurrency-'));
    const stateDir = join(dir, '.cwctl');
    const args = ['-f', exampleFile('msp'), '--state-dir', stateDir, 'apply', '--auto-approve', '--format', 'json', '--lock-timeout', '120s'];
    // No CWCTL_SITE: both runs open the sandbox at <state dir>/sandbox.json.
    const env = { PATH: process.env.PATH };
    const runs = await Promise.all([0, 1].map(() => runCli(args, { cwd: dir!, env, limitMs: 180_000 })));
    for (const r of runs) {
      expect(looksLikeCrash(r.stderr), r.stderr).toBe(false);
      expect(r.code, r.stderr).toBe(8);
    }
    const first = runs.find((r) => created(r) > 0)!;
    const expectedCreates = (JSON.parse(first.stdout) as ApplyJson).plan.operations.filter((o) => /^create(Role|Member|Mapping|CrossReference)/.test(o.type)).length;
    printFigures('concurrency: 2 applies at once on the sandbox, --lock-timeout 120s', runs.map((r, i) => ({ run: i, exit: r.code, ms: Math.round(r.ms), created: created(r) })));
    // The second run found the first one's objects (a stale copy of the sandbox would have made them again).
    expect(expectedCreates).toBeGreaterThan(0);
    expect(runs.reduce((n, r) => n + created(r), 0)).toBe(expectedCreates);
    // Every object state records is in the sandbox file, under the id state holds, once.
    const data = loadSimData(join(stateDir, 'sandbox.json'))!;
    const state = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as StateFile;
    const roles = data.tables.securityRoles;
    for (const [address, record] of Object.entries(state.resources)) {
      if (record.kind !== 'role' || record.psaId === undefined) continue;
      const name = address.slice('role:'.length);
      expect(roles.filter((r) => r.name === name).map((r) => r.id), address).toEqual([record.psaId]);
    }
    const members = data.tables.members.map((m) => (m.identifier as string).toLowerCase());
    expect(new Set(members).size).toBe(members.length);
  });
});
