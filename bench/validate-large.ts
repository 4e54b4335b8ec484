// Benchmark: validate a generated 5 MB desired-state file (valid: many roles with profiles, explicit permissions
// and Table Setup lists, and members). The target figure is what a user waits for: `cwctl validate -f FILE`
// as a fresh process (Node start, argument parsing, read, parse, shape and rules, output), the median of several
// runs (target: under 1 s). Then, in this process, the time of each stage (fast js-yaml path and, for comparison,
// the `yaml` Document path that files with problems take) and of loadDesiredState with normalize (what plan
// uses). Asserts that the file really is valid, so every figure is of a full run. Then files full of errors (the
// throughput of bad input, which must stay linear). Exits 1 when a target is missed.
// Usage: node dist/bench/validate-large.js [--mb 5] [--runs 7]
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkDesiredState, loadDesiredState } from '../src/config/load-desired-state.js';
import { loadYamlFiles } from '../src/config/load.js';
import { FastSpans } from '../src/config/load-fast.js';
import { normalize } from '../src/config/normalize.js';
import { validateDesiredState } from '../src/config/validate-desired-state.js';

const { values } = parseArgs({ options: { mb: { type: 'string' }, runs: { type: 'string' } } });
const targetBytes = Number(values.mb ?? 5) * 1024 * 1024;
const runs = Number(values.runs ?? 7);
const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const PROFILE_NAMES = ['brightgauge', 'datto-rmm', 'kaseya-quote-manager', 'wise-sync', 'scalepad-lifecycle-manager'];

function buildFile(): { text: string; roles: number; members: number } {
  const parts: string[] = ['version: 1', 'roles:'];
  const members: string[] = ['members:'];
  let size = 0;
  let n = 0;
  while (size < targetBytes) {
    const role = [
      `  - name: Role ${n}`,
      `    description: Generated role ${n} for the validate benchmark`,
      `    profiles: [${PROFILE_NAMES[n % PROFILE_NAMES.length]}]`,
      '    permissions:',
      '      Service Desk / Service Tickets: { add: All, edit: My, delete: None, inquire: All }',
      '      companies / contacts: { inquire: All }',
      '      Time and Expense / Time Entry: { add: My, edit: My, inquire: All }',
      '      Finance / Agreements: { inquire: All }',
      '      Project / Project Tickets: { add: My, edit: My, inquire: All }',
      '      System / Member Maintenance: { inquire: All }',
      '    tableSetup: [Service / Service Board, Company / Company Status, Agreements / Agreement Type]',
      `    unlisted: ${n % 2 === 0 ? 'none' : 'ignore'}`,
    ].join('\n');
    const member = [
      `  - identifier: m${n}`,
      `    name: Member ${n}`,
      `    role: Role ${n}`,
      '    level: Corporate (Level 1)',
      '    location: Tampa',
      '    businessUnit: Admin',
      `    apiKeys: [{ description: key ${n} production }, { description: key ${n} staging }]`,
    ].join('\n');
    parts.push(role);
    members.push(member);
    size += role.length + member.length + 2;
    n++;
  }
  return { text: `${parts.join('\n')}\n${members.join('\n')}\n`, roles: n, members: n };
}

const ms = (from: number): string => `${(performance.now() - from).toFixed(0)} ms`;

const dir = await mkdtemp(join(tmpdir(), 'cwctl-bench-'));
try {
  const { text, roles, members } = buildFile();
  const file = join(dir, 'cwctl.yaml');
  await writeFile(file, text);
  console.log(`file: ${(text.length / (1024 * 1024)).toFixed(2)} MB, ${text.split('\n').length} lines, ${roles} roles, ${members} members`);

  // 1. The CLI as a user runs it: a fresh process each time.
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'validate', '-f', file], { encoding: 'utf8' });
    wall.push(performance.now() - started);
    if (r.status !== 0 || !r.stdout.includes('valid (')) throw new Error(`cwctl validate failed (exit ${String(r.status)}): ${r.stderr.slice(0, 500)}`);
  }
  wall.sort((a, b) => a - b);
  const median = wall[Math.floor(wall.length / 2)]!;
  console.log(`cwctl validate -f ${(text.length / (1024 * 1024)).toFixed(0)}MB (fresh process, ${runs} runs): median ${median.toFixed(0)} ms, min ${wall[0]!.toFixed(0)} ms, max ${wall.at(-1)!.toFixed(0)} ms`);

  // 2. In this process: the first check (code not yet optimized, as in the CLI), then each stage warm.
  let t = performance.now();
  const first = await checkDesiredState(file);
  const firstMs = performance.now() - t;
  if (!first.config) {
    console.log(first.diagnostics.slice(0, 5));
    throw new Error('generated file did not validate');
  }
  console.log(`first checkDesiredState in process (read, parse, shape, rules; cold code): ${firstMs.toFixed(0)} ms`);

  t = performance.now();
  const loaded = await loadYamlFiles(file);
  console.log(`  read + parse, fast path (js-yaml + node offsets): ${ms(t)}${loaded.documents[0]?.spans instanceof FastSpans ? '' : ' (fast path NOT taken)'}`);
  t = performance.now();
  await loadYamlFiles(file, { exact: true });
  console.log(`  read + parse, yaml Document path (for comparison; used when a file has problems): ${ms(t)}`);
  t = performance.now();
  const checked = validateDesiredState(loaded);
  console.log(`  secrets + schema + rules:             ${ms(t)}`);
  t = performance.now();
  const state = normalize(checked.config!);
  console.log(`  normalize (${state.roles.length} roles; plan needs it, validate does not): ${ms(t)}`);

  const loads: number[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    await loadDesiredState(file);
    loads.push(performance.now() - t);
  }
  console.log(`loadDesiredState (check + normalize, as plan reads it), warm, best of 3: ${Math.min(...loads).toFixed(0)} ms (runs: ${loads.map((r) => r.toFixed(0)).join(', ')} ms)`);
  console.log(`target: cwctl validate of 5 MB under 1000 ms: ${median < 1000 ? 'met' : 'missed'} (median ${median.toFixed(0)} ms)`);
  console.log(`heap used: ${(process.memoryUsage().heapUsed / (1024 * 1024)).toFixed(0)} MB`);
  let missed = median >= 1000;

  // 3. Bad input stays linear: files full of errors, as the CLI runs them (before the fix: 43 s for 50,000 roles
  // without a name, 49 s for 8,000 unknown functions, a 5-million-character name hung at 2.9 GB). Targets: 10 s
  // each, a quarter of the old figures, with room for a loaded CI machine (measured 7.9, 5.9 and 3.2 s at load 15
  // on 2 cores).
  const bad: { name: string; text: string; errors: number; targetMs: number }[] = [
    { name: '50,000 roles without a name', text: `version: 1\nroles:\n${'- {}\n'.repeat(50_000)}`, errors: 50_000, targetMs: 10_000 },
    {
      name: '8,000 unknown functions',
      text: `version: 1\nroles:\n  - name: R\n    permissions:\n${Array.from({ length: 8000 }, (_, i) => `      Foo / Bar Baz ${i}: { inquire: All }`).join('\n')}\n`,
      errors: 8000,
      targetMs: 10_000,
    },
    {
      name: 'a 5-million-character role name',
      text: `version: 1\nroles:\n  - name: Ops\nmembers:\n  - { identifier: m1, name: M, role: ${'x'.repeat(5_000_000)}, level: L }\n`,
      errors: 1,
      targetMs: 10_000,
    },
  ];
  for (const b of bad) {
    const badFile = join(dir, 'bad.yaml');
    await writeFile(badFile, b.text);
    const started = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'validate', '-f', badFile], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const took = performance.now() - started;
    const tally = /^(\d+) errors?, \d+ warnings?$/m.exec(r.stderr);
    if (r.status !== 3 || Number(tally?.[1]) !== b.errors) throw new Error(`${b.name}: expected exit 3 and ${b.errors} errors, got exit ${String(r.status)}: ${r.stderr.slice(-300)}`);
    const perSecond = (b.errors / (took / 1000)).toFixed(0);
    const met = took < b.targetMs;
    missed ||= !met;
    console.log(`bad input: ${b.name} (${(b.text.length / (1024 * 1024)).toFixed(2)} MB): ${took.toFixed(0)} ms, ${perSecond} errors/s, ${r.stderr.length} bytes printed; target under ${b.targetMs} ms: ${met ? 'met' : 'missed'}`);
  }
  if (missed) {
    console.log('validate-large: a target was missed');
    process.exitCode = 1;
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
