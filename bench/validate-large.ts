// Benchmark: validate a generated 5 MB desired-state file (valid: many roles with profiles, explicit permissions
// and Table Setup lists, and members) and report the time of each stage (read+parse, shape+rules, normalize)
// (fast js-yaml path and, for comparison, the `yaml` Document path) and of the whole `loadDesiredState`. Prints figures only (target: whole validate under 1 s); asserts that the
// file really is valid, so the figure is of a full run.
// Usage: node dist/bench/validate-large.js [--mb 5]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDesiredState } from '../src/config/load-desired-state.js';
import { loadYamlFiles } from '../src/config/load.js';
import { normalize } from '../src/config/normalize.js';
import { validateDesiredState } from '../src/config/validate-desired-state.js';

const { values } = parseArgs({ options: { mb: { type: 'string' } } });
const targetBytes = Number(values.mb ?? 5) * 1024 * 1024;
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

  // Warm-up run (ajv compiles the schema once per process: reported separately below).
  let t = performance.now();
  const first = await loadDesiredState(file);
  const firstMs = performance.now() - t;
  if (!first.state) {
    console.log(first.diagnostics.slice(0, 5));
    throw new Error('generated file did not validate');
  }
  console.log(`first loadDesiredState (includes schema compile, catalogue indexes): ${firstMs.toFixed(0)} ms`);

  t = performance.now();
  const loaded = await loadYamlFiles(file, { fast: true });
  console.log(`  read + parse, fast path (js-yaml + node offsets): ${ms(t)}${loaded.documents[0]?.fast ? '' : ' (fast path NOT taken)'}`);
  t = performance.now();
  await loadYamlFiles(file);
  console.log(`  read + parse, yaml Document path (for comparison; used when a file has problems): ${ms(t)}`);
  t = performance.now();
  const checked = validateDesiredState(loaded);
  console.log(`  secrets + schema + rules:             ${ms(t)}`);
  t = performance.now();
  const state = normalize(checked.config!);
  console.log(`  normalize (${state.roles.length} roles):            ${ms(t)}`);

  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    await loadDesiredState(file);
    runs.push(performance.now() - t);
  }
  const best = Math.min(...runs);
  console.log(`loadDesiredState, warm, best of 3: ${best.toFixed(0)} ms (runs: ${runs.map((r) => r.toFixed(0)).join(', ')} ms)`);
  console.log(`target: whole validate of 5 MB under 1000 ms: ${firstMs < 1000 ? 'met' : 'missed'} (first run ${firstMs.toFixed(0)} ms)`);
  console.log(`heap used: ${(process.memoryUsage().heapUsed / (1024 * 1024)).toFixed(0)} MB`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
