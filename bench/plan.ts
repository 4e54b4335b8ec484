// Benchmark of `plan`: a generated tenant (simulator with 200 roles and 1000 members, 50 ms latency; all roles
// declared, a few levels changed, 100 API members to create) planned
// in process (readLiveState + buildPlan) against the floor set by concurrency x latency (and by a rate limit,
// when one is given), plus peak RSS and the CPU time of the diff and of a whole buildPlan over 50,000 settings.
// Prints figures and whether each target is met; asserts only that the plan came back complete.
// Usage: node dist/bench/plan.js [--roles 200] [--members 1000] [--latency 50] [--concurrency 8] [--rate 0]
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { listFunctionKeys } from '../src/catalogue/find-function.js';
import type { Level, Levels } from '../src/catalogue/types.js';
import type { DesiredRole, DesiredState } from '../src/model/desired.js';
import type { LiveRole } from '../src/model/live.js';
import { buildPlan } from '../src/plan/build-plan.js';
import { diff } from '../src/plan/diff.js';
import { NOW, desired, desiredMapping, desiredMember, desiredRole, live, liveRole } from '../src/plan/fixtures.js';
import { resolveNames } from '../src/plan/resolve-names.js';
import { PUBLIC_API_CAPABILITIES } from '../src/psa/client.js';
import { createSimAdminClient } from '../src/sim/admin-client.js';
import { readLiveState } from '../src/psa/read-live-state.js';

interface SimChild {
  child: ChildProcess;
  url: string;
  company: string;
  clientId: string;
  admin: { publicKey: string; privateKey: string; memberIdentifier: string };
  roleNames: string[];
}

/**
 * The simulator runs in its own process: its CPU and memory are the PSA's, not the plan's (in process it
 * would share the event loop and the RSS figure with the code being measured).
 */
async function startSimChild(options: { roles: number; members: number; latencyMs: number; ratePerMinute: number }): Promise<SimChild> {
  const module = pathToFileURL(fileURLToPath(new URL('../src/sim/start-simulator.js', import.meta.url))).href;
  // The simulator's server sets TCP_NODELAY itself (a large settings answer would otherwise wait on Nagle).
  const script = `
    const { startSimulator } = await import(${JSON.stringify(module)});
    const sim = await startSimulator(${JSON.stringify({ port: 0, roles: options.roles, members: options.members, latencyMs: options.latencyMs, ...(options.ratePerMinute > 0 ? { rateLimitPerMinute: options.ratePerMinute } : {}) })});
    const roleNames = sim.store.data.tables.securityRoles.map((r) => r.name);
    process.stdout.write(JSON.stringify({ url: sim.url, company: sim.company, clientId: sim.clientId, admin: sim.admin, roleNames }) + String.fromCharCode(10));
    process.on('SIGTERM', () => sim.close().then(() => process.exit(0)));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    rl.once('line', (l) => {
      rl.close();
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${String(code)})`)));
  });
  return { child, ...(JSON.parse(line) as Omit<SimChild, 'child'>) };
}

export interface PlanBenchOptions {
  roles?: number;
  members?: number;
  latencyMs?: number;
  concurrency?: number;
  /** Requests per minute the simulator allows (0: no limit). */
  ratePerMinute?: number;
  /** Settings in the pure diff figure. */
  settings?: number;
}

export interface PlanBenchFigures {
  roles: number;
  members: number;
  latencyMs: number;
  concurrency: number;
  ratePerMinute: number;
  wallMs: number;
  /** Of which reading the live PSA. */
  readMs: number;
  requests: number;
  /** requests / concurrency x latency. */
  concurrencyFloorMs: number;
  /** Whole minutes the rate window forces: floor((requests - 1) / rate) x 60 s (0 when unlimited or under it). */
  rateFloorMs: number;
  floorMs: number;
  ratio: number;
  changes: number;
  operations: number;
  peakRssMb: number;
  /** Including the synthetic 50,000-cell plan. */
  peakRssAfterDiffMb: number;
  diffSettings: number;
  diffCpuMs: number;
  buildPlanCpuMs: number;
}

const LEVELS: Level[] = ['None', 'My', 'All'];

/** Deterministic pseudo-random levels (no Math.random: runs compare). */
function levelsFor(i: number, j: number): Partial<Levels> {
  const pick = (k: number): Level => LEVELS[(i * 31 + j * 17 + k * 7) % 3] as Level;
  return { add: pick(1), edit: pick(2), delete: pick(3), inquire: pick(4) };
}

/**
 * A tenant as a CI plan usually sees it: every live role declared (so plan reads all their settings) as it
 * is, except one level in every 20th role; 100 API members to create; one cross reference re-typed.
 */
function generatedDesired(liveRoles: Record<string, LiveRole>, members: number): DesiredState {
  const keys = listFunctionKeys();
  const names = Object.keys(liveRoles).filter((n) => n !== 'Admin').sort();
  const roles: DesiredRole[] = names.map((name, i) => {
    const permissions: Record<string, Partial<Levels>> = {};
    for (const [key, setting] of Object.entries(liveRoles[name]?.settings ?? {})) permissions[key] = { ...setting.levels };
    if (i % 20 === 0) permissions[keys[i % keys.length] as string] = levelsFor(i, 0);
    return desiredRole(name, permissions, { unlisted: i % 2 === 0 ? 'none' : 'ignore' });
  });
  const planned = Math.min(members, 100);
  return desired({
    roles,
    members: Array.from({ length: planned }, (_, i) => desiredMember(`bench${String(i).padStart(4, '0')}`, names[i % names.length] as string, { location: 'Tampa', businessUnit: 'Services' })),
    managedDevices: [desiredMapping('Kaseya VSA', { crossReferences: [{ vendorType: 'Workstation', vendorLevel: 'Managed', configurationType: 'Managed Server' }] })],
  });
}

/** A pure diff over `settings` cells: roles of the full catalogue, each cell differing from live by rotation. */
function measureDiff(settings: number): { cells: number; diffCpuMs: number; buildPlanCpuMs: number } {
  const keys = listFunctionKeys();
  const roleCount = Math.ceil(settings / keys.length);
  const liveRoles: LiveRole[] = [];
  const desiredRoles: DesiredRole[] = [];
  for (let i = 0; i < roleCount; i++) {
    const have: Record<string, Partial<Levels>> = {};
    const want: Record<string, Partial<Levels>> = {};
    keys.forEach((key, j) => {
      have[key] = levelsFor(i, j);
      want[key] = levelsFor(i + 1, j);
    });
    liveRoles.push(liveRole(`Bench ${i}`, 1000 + i, have));
    desiredRoles.push(desiredRole(`Bench ${i}`, want));
  }
  const d = desired({ roles: desiredRoles });
  const l = live({ roles: liveRoles });
  const resolved = resolveNames(d, l);
  let t = process.cpuUsage();
  diff({ desired: d, live: l, state: undefined, resolved });
  const du = process.cpuUsage(t);
  t = process.cpuUsage();
  buildPlan({ desired: d, live: l, state: undefined, capabilities: PUBLIC_API_CAPABILITIES, now: NOW, target: { site: 'bench', company: 'bench' }, sandbox: true });
  const bu = process.cpuUsage(t);
  return { cells: roleCount * keys.length, diffCpuMs: (du.user + du.system) / 1000, buildPlanCpuMs: (bu.user + bu.system) / 1000 };
}

export async function runPlanBench(options: PlanBenchOptions = {}): Promise<PlanBenchFigures> {
  const roles = options.roles ?? 200;
  const members = options.members ?? 1000;
  const latencyMs = options.latencyMs ?? 50;
  const concurrency = options.concurrency ?? 8;
  const ratePerMinute = options.ratePerMinute ?? 0;
  const sim = await startSimChild({ roles, members, latencyMs, ratePerMinute });
  const client = createSimAdminClient(sim, {
    concurrency,
    maxConnections: concurrency,
  });
  try {
    // Untimed: what the tenant looks like, to declare it (this also pays discovery, which every run pays once).
    const everyRole = desired({ roles: sim.roleNames.map((name) => desiredRole(name, {}, { unlisted: 'ignore' })) });
    const tenant = await readLiveState(client, { desired: everyRole }, { callerIdentifier: sim.admin.memberIdentifier });
    const d = generatedDesired(tenant.roles, members);
    const before = client.requestCount();
    const started = performance.now();
    const l = await readLiveState(client, { desired: d }, { callerIdentifier: sim.admin.memberIdentifier });
    const readMs = performance.now() - started;
    const plan = buildPlan({ desired: d, live: l, state: undefined, capabilities: client.capabilities, now: NOW, target: { site: 'bench', company: 'bench' }, sandbox: false });
    const wallMs = performance.now() - started;
    const requests = client.requestCount() - before;
    if (Object.keys(l.roles).length < d.roles.length) throw new Error(`read ${Object.keys(l.roles).length} roles of ${d.roles.length}`);
    const concurrencyFloorMs = (requests / concurrency) * latencyMs;
    // A per-minute window lets the first `rate` requests through at once; each further `rate` waits a minute.
    const rateFloorMs = ratePerMinute > 0 ? Math.floor(Math.max(0, requests - 1) / ratePerMinute) * 60_000 : 0;
    const floorMs = Math.max(concurrencyFloorMs, rateFloorMs);
    // RSS of the plan itself, before the synthetic 50,000-cell diff below allocates its own inputs.
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const pure = measureDiff(options.settings ?? 50_000);
    return {
      roles, members, latencyMs, concurrency, ratePerMinute, wallMs, requests, concurrencyFloorMs, rateFloorMs, floorMs,
      readMs, ratio: wallMs / floorMs, changes: plan.changes.length, operations: plan.operations.length,
      peakRssMb, peakRssAfterDiffMb: process.resourceUsage().maxRSS / 1024, diffSettings: pure.cells, diffCpuMs: pure.diffCpuMs, buildPlanCpuMs: pure.buildPlanCpuMs,
    };
  } finally {
    await client.close();
    sim.child.kill('SIGTERM');
  }
}

export function formatPlanBench(f: PlanBenchFigures): string {
  const mark = (ok: boolean): string => (ok ? 'ok' : 'MISSED');
  return [
    `tenant: ${f.roles} roles, ${f.members} members, ${f.latencyMs} ms latency, concurrency ${f.concurrency}${f.ratePerMinute ? `, ${f.ratePerMinute} requests/min` : ''}`,
    `plan wall time      ${f.wallMs.toFixed(0)} ms for ${f.requests} requests (read ${f.readMs.toFixed(0)} ms; ${f.changes} changes, ${f.operations} operations)`,
    `floor               ${f.floorMs.toFixed(0)} ms (requests/concurrency x latency ${f.concurrencyFloorMs.toFixed(0)} ms; requests/rate ${f.rateFloorMs.toFixed(0)} ms)`,
    `ratio to floor      ${f.ratio.toFixed(2)}x   target <= 1.3x: ${mark(f.ratio <= 1.3)}`,
    `peak RSS            ${f.peakRssMb.toFixed(0)} MB   target < 200 MB: ${mark(f.peakRssMb < 200)} (${f.peakRssAfterDiffMb.toFixed(0)} MB after the 50,000-cell plan below)`,
    `diff CPU            ${f.diffCpuMs.toFixed(0)} ms for ${f.diffSettings} settings   target < 300 ms: ${mark(f.diffCpuMs < 300)}`,
    `buildPlan CPU       ${f.buildPlanCpuMs.toFixed(0)} ms for the same (diff, safety, operations, order, checklist, checksum)`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { roles: { type: 'string' }, members: { type: 'string' }, latency: { type: 'string' }, concurrency: { type: 'string' }, rate: { type: 'string' } },
  });
  const figures = await runPlanBench({
    ...(values.roles ? { roles: Number(values.roles) } : {}),
    ...(values.members ? { members: Number(values.members) } : {}),
    ...(values.latency ? { latencyMs: Number(values.latency) } : {}),
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
    ...(values.rate ? { ratePerMinute: Number(values.rate) } : {}),
  });
  console.log(formatPlanBench(figures));
}
