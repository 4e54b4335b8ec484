// Hostile input: thousands of generated and mutated desired-state files thrown at validate and plan, in
// process for speed (loadDesiredState + buildPlan against a LiveState read once from a seeded simulator) and
// a seeded sample through the built CLI. Every one must end in exit 0, 2 or 3 (never 1, never a stack trace)
// within 2 s; an alias bomb and a 50 MB file are refused quickly with a clear message. Seeded: a failure
// prints the seed and the shrunk counterexample.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDiagnostics } from '../../src/cli/views/diagnostics.js';
import { loadDesiredState } from '../../src/config/load-desired-state.js';
import { CwctlError } from '../../src/errors.js';
import type { LiveState } from '../../src/model/live.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { PUBLIC_API_CAPABILITIES } from '../../src/psa/client.js';
import { createHttpPsaClient } from '../../src/psa/http-client.js';
import { readLiveState } from '../../src/psa/read-live-state.js';
import { exampleFile } from './helpers/converge.js';
import { percentile, printFigures } from './helpers/print-figures.js';
import { looksLikeCrash, runCli } from './helpers/run-cli.js';
import { startTarget } from './helpers/sim-target.js';
import type { SimTarget } from './helpers/sim-target.js';
import { generatedDocument, mutatedExample, plausibleDocument, rawBytes, readExampleTexts } from './helpers/yaml-arbitraries.js';

const SEED = Number(process.env.CWCTL_RELIABILITY_SEED ?? 20261123);
const RUNS = { generated: 600, plausible: 400, mutated: 800, raw: 200 };
const CLI_SAMPLE = 40;
const CLI_PLAN_SAMPLE = 10;
const LIMIT_MS = 2000;

let dir: string;
let live: LiveState;
let target: SimTarget;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cwctl-hostile-input-'));
  target = await startTarget({ seed: 1 });
  // One LiveState for every in-process plan: the seeded PSA as the whole-MSP example sees it.
  const { state } = await loadDesiredState(exampleFile('msp'));
  if (!state) throw new Error('examples/msp does not validate');
  const client = createHttpPsaClient({
    target: { site: target.sim.url, company: target.sim.company },
    credentials: { publicKey: target.sim.admin.publicKey, privateKey: target.sim.admin.privateKey, clientId: target.sim.clientId },
  });
  live = await readLiveState(client, { desired: state, state: null }, { callerIdentifier: target.sim.admin.memberIdentifier });
  await client.close();
});

afterAll(async () => {
  await target?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  validate: number;
  plan: number;
  ms: number;
  errors: number;
  /** Error diagnostics that name no file:line:col. */
  unplaced: number;
  failure?: string;
}

let counter = 0;
/** validate and plan in process, mapped to the exit codes the CLI would give (1 = a throw nobody expected). */
async function judge(content: string | Uint8Array): Promise<Outcome> {
  const file = join(dir, `doc-${counter++ % 8}.yaml`);
  await writeFile(file, content);
  const started = performance.now();
  const out: Outcome = { validate: 1, plan: 1, ms: 0, errors: 0, unplaced: 0 };
  try {
    const { state, diagnostics } = await loadDesiredState(file);
    renderDiagnostics(diagnostics);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    out.errors = errors.length;
    out.unplaced = errors.filter((d) => !d.source || !(d.source.line >= 1) || !(d.source.column >= 1)).length;
    out.validate = state && errors.length === 0 ? 0 : 3;
    if (!state) {
      out.plan = 3;
    } else {
      try {
        const plan = buildPlan({ desired: state, live, state: undefined, capabilities: PUBLIC_API_CAPABILITIES, now: '2026-11-23T00:00:00.000Z', target: live.target, sandbox: false });
        JSON.stringify(plan);
        out.plan = plan.operations.length + plan.adopt.length > 0 ? 2 : 0;
      } catch (error) {
        if (error instanceof CwctlError && error.exitCode === 3) out.plan = 3;
        else throw error;
      }
    }
  } catch (error) {
    out.failure = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
  }
  out.ms = performance.now() - started;
  return out;
}

const figures: Record<string, string | number>[] = [];
const tally = (kind: string, outcomes: Outcome[]): void => {
  const ms = outcomes.map((o) => o.ms);
  figures.push({
    kind,
    docs: outcomes.length,
    'validate 0/3': `${outcomes.filter((o) => o.validate === 0).length}/${outcomes.filter((o) => o.validate === 3).length}`,
    'plan 0/2/3': `${outcomes.filter((o) => o.plan === 0).length}/${outcomes.filter((o) => o.plan === 2).length}/${outcomes.filter((o) => o.plan === 3).length}`,
    'exit 1': outcomes.filter((o) => o.failure !== undefined).length,
    'errors unplaced': `${outcomes.reduce((n, o) => n + o.unplaced, 0)}/${outcomes.reduce((n, o) => n + o.errors, 0)}`,
    'p50 ms': percentile(ms, 50).toFixed(1),
    'p99 ms': percentile(ms, 99).toFixed(1),
    'max ms': Math.max(...ms).toFixed(1),
  });
};

async function checkAll<T>(kind: string, arb: fc.Arbitrary<T>, numRuns: number, content: (v: T) => string | Uint8Array, seedOffset: number): Promise<void> {
  const outcomes: Outcome[] = [];
  try {
    await fc.assert(
      fc.asyncProperty(arb, async (value) => {
        const o = await judge(content(value));
        outcomes.push(o);
        if (o.failure) throw new Error(`exit 1 (unexpected throw): ${o.failure}`);
        expect([0, 3]).toContain(o.validate);
        expect([0, 2, 3]).toContain(o.plan);
        expect(o.ms).toBeLessThan(LIMIT_MS);
      }),
      { seed: SEED + seedOffset, numRuns, endOnFailure: false },
    );
  } finally {
    // Shrinking re-runs failures; the figures count the first numRuns only.
    tally(kind, outcomes.slice(0, numRuns));
  }
}

describe('hostile input, in process (validate + plan)', () => {
  it(`${RUNS.generated} generated documents`, async () => {
    await checkAll('generated', generatedDocument, RUNS.generated, (t) => t, 1);
  });
  it(`${RUNS.plausible} plausible documents (real names, random combinations)`, async () => {
    await checkAll('plausible', plausibleDocument, RUNS.plausible, (t) => t, 4);
  });
  it(`${RUNS.mutated} mutations of the examples`, async () => {
    await checkAll('mutated examples', mutatedExample(readExampleTexts()), RUNS.mutated, (m) => m.text, 2);
  });
  it(`${RUNS.raw} raw byte and unicode files`, async () => {
    await checkAll('raw bytes', rawBytes, RUNS.raw, (b) => b, 3);
  });
  afterAll(() => printFigures(`hostile input in process (seed ${SEED})`, figures));
});

describe('hostile input, through the built CLI', () => {
  /** Node start and module load of the CLI on this machine (`--version`): the 2 s limit is for the work after it. */
  let startupMs = 0;
  beforeAll(async () => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push((await runCli(['--version'], { cwd: dir, env: target.env })).ms);
    // The slowest of three: on a busy machine start-up alone varies by a few hundred ms.
    startupMs = Math.max(...times);
  });

  it(`${CLI_SAMPLE} documents through cwctl validate, ${CLI_PLAN_SAMPLE} through cwctl plan: exit 0/2/3, no stack trace, under 2 s`, async () => {
    const examples = readExampleTexts();
    const texts = [
      ...fc.sample(generatedDocument, { seed: SEED + 10, numRuns: CLI_SAMPLE / 4 }),
      ...fc.sample(plausibleDocument, { seed: SEED + 12, numRuns: CLI_SAMPLE / 4 }),
      ...fc.sample(mutatedExample(examples), { seed: SEED + 11, numRuns: CLI_SAMPLE / 2 }).map((m) => m.text),
    ];
    const rows: { command: string; code: number; ms: number }[] = [];
    const bad: string[] = [];
    for (const [i, text] of texts.entries()) {
      const file = join(dir, `cli-${i}.yaml`);
      await writeFile(file, text);
      const commands: string[][] = [['validate']];
      if (i % Math.ceil(CLI_SAMPLE / CLI_PLAN_SAMPLE) === 0) commands.push(['plan', '--detailed-exitcode']);
      for (const command of commands) {
        const r = await runCli(['-f', file, '--state-dir', join(dir, `state-${i}`), ...command], { cwd: dir, env: target.env, limitMs: 20_000 });
        rows.push({ command: command[0] ?? '', code: r.code, ms: r.ms });
        const allowed = command[0] === 'validate' ? [0, 3] : [0, 2, 3];
        if (!allowed.includes(r.code) || looksLikeCrash(r.stderr) || r.ms >= LIMIT_MS + startupMs) {
          bad.push(`${file} ${command.join(' ')}: exit ${r.code} in ${Math.round(r.ms)} ms\n${r.stderr.slice(0, 1500)}`);
        }
      }
    }
    const by = (c: string) => rows.filter((r) => r.command === c);
    printFigures(`hostile input through the CLI (seed ${SEED}; CLI start-up ${Math.round(startupMs)} ms, limit 2 s after it)`, ['validate', 'plan'].map((c) => ({
      command: c,
      runs: by(c).length,
      'exit 0/2/3': `${by(c).filter((r) => r.code === 0).length}/${by(c).filter((r) => r.code === 2).length}/${by(c).filter((r) => r.code === 3).length}`,
      other: by(c).filter((r) => ![0, 2, 3].includes(r.code)).length,
      'p50 ms': Math.round(percentile(by(c).map((r) => r.ms), 50)),
      'max ms': Math.round(Math.max(...by(c).map((r) => r.ms))),
    })));
    expect(bad, bad.join('\n\n')).toEqual([]);
  });

  it('refuses an alias bomb, a 50 MB file and absurd nesting quickly, naming the problem and the file', async () => {
    const anchors = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) anchors.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const cases: { name: string; content: string | Buffer; expect: RegExp }[] = [
      { name: 'alias-bomb.yaml', content: `version: 1\n${anchors.join('\n')}\nroles: *l\n`, expect: /alias/i },
      { name: 'fifty-mb.yaml', content: Buffer.alloc(50 * 1024 * 1024, 'version: 1\n# padding padding padding\n'), expect: /MB/ },
      { name: 'deep.yaml', content: `version: 1\nroles: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, expect: /deep|nest/i },
      { name: 'deep-block.yaml', content: `version: 1\nroles:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}- a:`).join('\n')}\n`, expect: /deep|nest|YAML/i },
    ];
    const rows: Record<string, string | number>[] = [];
    try {
      for (const c of cases) {
        const file = join(dir, c.name);
        await writeFile(file, c.content);
        // The refusal itself, in process: under 2 s of work.
        const t0 = performance.now();
        const loaded = await loadDesiredState(file);
        const libMs = performance.now() - t0;
        // End to end through the CLI: the same refusal, no hang (start-up and a loaded machine included).
        const r = await runCli(['-f', file, 'validate'], { cwd: dir, env: target.env, limitMs: 30_000 });
        rows.push({ file: c.name, bytes: Buffer.byteLength(c.content), 'ms in process': Math.round(libMs), exit: r.code, 'ms CLI': Math.round(r.ms), message: r.stderr.split('\n')[0]?.replace(dir, '…').slice(0, 100) ?? '' });
        expect(loaded.state).toBeUndefined();
        expect(libMs).toBeLessThan(LIMIT_MS);
        expect(r.code, r.stderr).toBe(3);
        expect(looksLikeCrash(r.stderr), r.stderr).toBe(false);
        expect(r.stderr).toMatch(c.expect);
        expect(r.stderr).toContain(c.name);
        expect(r.ms).toBeLessThan(10_000);
      }
    } finally {
      printFigures('refused input (cwctl validate)', rows);
    }
  });
});
