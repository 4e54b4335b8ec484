// Benchmark of `cwctl plan` as a user runs it: a fresh `node dist/cli/main.js plan` process (Node start,
// module loading, YAML, the live read, the diff, the rendering) against a simulator holding the full tenant
// (200 roles x the whole catalogue, 1,000 API members, 30 mappings with cross references, 50 ms latency).
// The floor is counted from the MINIMUM requests such a plan needs (not from what cwctl sent):
// ceil(minimum / concurrency) x latency. Also the memory of a 2,000-role plan and of an import.
// Exits 1 when a target is missed, so a miss is seen. Usage:
//   node dist/bench/plan-cli.js [--roles 200] [--members 1000] [--mappings 30] [--latency 50] [--runs 5] [--only plan|memory] [--cpu-prof DIR]
//     [--keep DIR] (DIR keeps the generated YAML, to profile loading it without a simulator)
//     [--compare OTHER/dist/cli/main.js] (an A/B, run by run)
//   CWCTL_BENCH_TRACE=DIR: each CLI run writes there when each request started, had its headers and ended, and its path
//   (trace-PID.json) and the main thread's stalls over 6 ms (stalls-PID.json), in ms since its start.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Document } from 'yaml';
import type { DesiredRole } from '../src/model/desired.js';
import { desired, desiredRole } from '../src/plan/fixtures.js';
import { createHttpPsaClient } from '../src/psa/http-client.js';
import { readLiveState } from '../src/psa/read-live-state.js';
import { API_MEMBER, CROSS_REFERENCE, MANAGED_DEVICES_INTEGRATION } from '../src/sim/resources.js';
import type { JsonObject } from '../src/model/json.js';
import { machineNote, percentile, printFigures } from '../test/reliability/helpers/print-figures.js';
import { CLI, runCli } from '../test/reliability/helpers/run-cli.js';
import { startTarget } from '../test/reliability/helpers/sim-target.js';
import type { SimTarget } from '../test/reliability/helpers/sim-target.js';

const { values } = parseArgs({
  options: {
    roles: { type: 'string' }, members: { type: 'string' }, mappings: { type: 'string' }, latency: { type: 'string' },
    runs: { type: 'string' }, 'big-roles': { type: 'string' }, only: { type: 'string' }, 'cpu-prof': { type: 'string' },
    keep: { type: 'string' }, compare: { type: 'string' },
  },
});
/** --compare OTHER/dist/cli/main.js: each run of this build is followed by one of that build, as an A/B on a busy machine. */
const COMPARE = values.compare;
const ROLES = Number(values.roles ?? 200);
const API_MEMBERS = Number(values.members ?? 1000);
const MAPPINGS = Number(values.mappings ?? 30);
const LATENCY = Number(values.latency ?? 50);
const RUNS = Number(values.runs ?? 5);
const BIG_ROLES = Number(values['big-roles'] ?? 2000);
/** The CLI's default requests in flight. */
const CONCURRENCY = 8;
/** The PSA's largest page. */
const PAGE = 1000;
const TARGET_RATIO = 1.3;
const TARGET_REQUEST_SLACK = 1.02;
const TARGET_PLAN_RSS_MB = 200;
const TARGET_IMPORT_RSS_MB = 300;

let missed = 0;
const check = (ok: boolean, what: string): string => {
  if (!ok) missed++;
  return ok ? 'ok' : `MISSED (${what})`;
};

/** A preload that reports the CLI process's peak RSS on exit, so memory is measured as the user's process. */
async function writeRssProbe(dir: string): Promise<string> {
  const file = join(dir, 'rss-probe.mjs');
  // --cpu-prof DIR: also a V8 CPU profile of every CLI run there (where the time goes beyond the floor).
  const profDir = values['cpu-prof'];
  const profiler = profDir === undefined ? '' : `const session = new Session(); session.connect(); session.post('Profiler.enable'); session.post('Profiler.start');
process.on('exit', () => session.post('Profiler.stop', (e, r) => { if (!e) writeFileSync(${JSON.stringify(profDir)} + '/cli-' + process.pid + '.cpuprofile', JSON.stringify(r.profile)); }));\n`;
  // Also the time from process start to the first request: start-up the user waits through before any I/O.
  // Preloads run in worker threads too (the YAML parse worker): the probe acts in the main thread only.
  await writeFile(file, `import { writeFileSync } from 'node:fs';
import { subscribe } from 'node:diagnostics_channel';
import { Session } from 'node:inspector';
import { isMainThread } from 'node:worker_threads';
if (isMainThread) {
${profiler}let firstMs = -1;
// When the last answer was in (its trailers): the wall after it is the plan's own tail (diff, rendering, exit).
let lastEndMs = -1;
subscribe('undici:request:trailers', () => { lastEndMs = performance.now(); });
// With CWCTL_BENCH_TRACE, also every stall of the main thread over 6 ms (a 1 ms timer that fired late): a long task
// holds back the answers in flight and so the next requests.
if (process.env.CWCTL_BENCH_TRACE) {
  const stalls = []; let last = performance.now();
  setInterval(() => { const now = performance.now(); if (now - last > 6) stalls.push([last, now]); last = now; }, 1).unref();
  process.on('exit', () => writeFileSync(process.env.CWCTL_BENCH_TRACE + '/stalls-' + process.pid + '.json', JSON.stringify(stalls)));
}
const trace = process.env.CWCTL_BENCH_TRACE ? [] : undefined;
// undici's diagnostics channels: every request, whether sent by fetch or by a dispatcher's request().
const times = new WeakMap();
subscribe('undici:request:create', ({ request }) => { const t0 = performance.now(); if (firstMs < 0) firstMs = t0; times.set(request, [t0]); });
if (trace) {
  subscribe('undici:request:headers', ({ request }) => times.get(request)?.push(performance.now()));
  subscribe('undici:request:trailers', ({ request }) => { const t = times.get(request); if (t) trace.push([t[0], t[1] ?? t[0], performance.now(), request.method + ' ' + request.path]); });
}
if (trace) process.on('exit', () => writeFileSync(process.env.CWCTL_BENCH_TRACE + '/trace-' + process.pid + '.json', JSON.stringify(trace)));
process.on('exit', () => { try { writeFileSync(process.env.CWCTL_BENCH_RSS_FILE, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, firstRequestMs: firstMs, lastAnswerMs: lastEndMs, cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000, mainBusyMs: performance.eventLoopUtilization().active })); } catch {} });\n}\n`);
  return file;
}

/** Grows the seeded simulator into the benchmark tenant: API members and mappings, straight into its store. */
function growTenant(t: SimTarget, apiMembers: number, mappings: number): void {
  const store = t.sim.store;
  const tables = store.data.tables;
  const roles = tables.securityRoles.filter((r) => r.name !== 'Admin');
  const ref = (rows: JsonObject[], i: number): { id: number } => ({ id: rows[i % rows.length]?.id as number });
  for (let i = 0; i < apiMembers; i++) {
    store.create(API_MEMBER, {
      identifier: `bench${String(i).padStart(4, '0')}`, name: `Bench API ${i}`, securityRole: ref(roles, i),
      structureLevel: ref(tables.structureLevels, 0), securityLocation: ref(tables.locations, i), defaultLocation: ref(tables.locations, i),
      defaultDepartment: ref(tables.departments, i), timeZone: ref(tables.timeZones, 0),
    }, 'bench', { licenseClass: 'A' });
  }
  for (let i = 1; i < mappings; i++) {
    const mdi = store.create(MANAGED_DEVICES_INTEGRATION, {
      name: `Bench RMM ${String(i).padStart(2, '0')}`, solution: `Bench RMM ${i}`, loginBy: 'Global', defaultBillingLevel: 'Detail',
    }, 'bench').id as number;
    for (const vendorType of ['Workstation', 'Server']) {
      store.create(CROSS_REFERENCE, {
        vendorType, vendorLevel: 'Managed', configurationType: ref(tables.configurationTypes, i), agreementType: ref(tables.agreementTypes, i),
        product: ref(tables.catalogItems, i),
      }, 'bench', { managedDevicesIntegration: { id: mdi } });
    }
  }
}

interface TenantYaml {
  text: string;
  /** The same tenant as several files of at most `chunk` roles each (for tenants over the 10 MB file cap). */
  split(chunk: number): string[];
  roles: number;
  members: number;
  mappings: number;
  crossReferences: number;
}

/** The tenant as YAML, every role, API member and mapping declared as it is live, with a few changes. */
async function tenantYaml(t: SimTarget, apiMemberPrefix: string): Promise<TenantYaml> {
  const client = createHttpPsaClient({
    target: { site: t.sim.url, company: t.sim.company },
    credentials: { publicKey: t.sim.admin.publicKey, privateKey: t.sim.admin.privateKey, clientId: t.sim.clientId },
  });
  try {
    const roleNames = t.sim.store.data.tables.securityRoles.map((r) => r.name as string).filter((n) => n !== 'Admin');
    const everyRole = desired({ roles: roleNames.map((name): DesiredRole => desiredRole(name, {}, { unlisted: 'ignore' })) });
    const live = await readLiveState(client, { desired: everyRole }, { callerIdentifier: t.sim.admin.memberIdentifier });
    const tables = t.sim.store.data.tables;
    const text = (v: unknown): string => (typeof v === 'string' ? v : '');
    const nameOf = (table: JsonObject[], v: unknown): string => {
      const id = (v as { id?: number } | null)?.id;
      return text(table.find((r) => r.id === id)?.name);
    };
    const roles = roleNames.map((name, i) => {
      const permissions: Record<string, Record<string, string>> = {};
      for (const [key, setting] of Object.entries(live.roles[name]?.settings ?? {})) {
        const cells = Object.fromEntries(Object.entries(setting.levels).filter(([, l]) => l !== 'None'));
        if (Object.keys(cells).length > 0) permissions[key] = cells;
      }
      // Every 20th role drops its first granted function (unlisted: none makes it None): a plan with something
      // to say, as a CI plan usually has.
      const first = Object.keys(permissions)[0];
      if (i % 20 === 0 && first !== undefined) delete permissions[first];
      return { name, permissions };
    });
    const members = tables.members
      .filter((m) => m.licenseClass === 'A' && text(m.identifier).startsWith(apiMemberPrefix))
      .map((m) => ({
        identifier: m.identifier, name: m.name, role: nameOf(tables.securityRoles, m.securityRole), level: nameOf(tables.structureLevels, m.structureLevel),
        location: nameOf(tables.locations, m.defaultLocation), businessUnit: nameOf(tables.departments, m.defaultDepartment),
      }));
    const mappings = tables.managedDevicesIntegrations.map((mdi) => ({
      name: mdi.name, solution: mdi.solution, loginBy: mdi.loginBy, defaultBillingLevel: mdi.defaultBillingLevel,
      ...(mdi.portalUrl ? { portalUrl: mdi.portalUrl } : {}),
      crossReferences: tables.crossReferences.filter((x) => (x.managedDevicesIntegration as { id: number }).id === mdi.id).map((x) => ({
        vendorType: x.vendorType, ...(x.vendorLevel ? { vendorLevel: x.vendorLevel } : {}),
        configurationType: nameOf(tables.configurationTypes, x.configurationType), agreementType: nameOf(tables.agreementTypes, x.agreementType),
        product: text(tables.catalogItems.find((c) => c.id === (x.product as { id: number }).id)?.identifier),
      })),
    }));
    const doc = new Document({ version: 1, roles, members, mappings: { managedDevices: mappings } });
    const split = (chunk: number): string[] => {
      const files: string[] = [];
      for (let i = 0; i < roles.length; i += chunk) {
        const part = i === 0 ? { version: 1, roles: roles.slice(i, i + chunk), members, mappings: { managedDevices: mappings } } : { version: 1, roles: roles.slice(i, i + chunk) };
        files.push(new Document(part).toString({ lineWidth: 0 }));
      }
      return files;
    };
    return {
      text: doc.toString({ lineWidth: 0 }), split, roles: roles.length, members: members.length, mappings: mappings.length,
      crossReferences: mappings.reduce((n, m) => n + m.crossReferences.length, 0),
    };
  } finally {
    await client.close();
  }
}

/**
 * The fewest requests a plan of this tenant can make: discovery, the role list, one settings page per declared
 * role (a role has far fewer than 1,000 functions), the caller's identity, the API members in whole pages, the
 * three lookups members resolve through, the mapping list, one cross-reference list per mapping and the three
 * lookups cross references resolve through.
 */
function minimumPlanRequests(y: TenantYaml, totalRoles: number, totalApiMembers: number): number {
  return 1 + Math.ceil(totalRoles / PAGE) + y.roles + 1 + Math.ceil(totalApiMembers / PAGE) + 3 + 1 + y.mappings + 3;
}

async function runTimed(args: string[], dir: string, env: NodeJS.ProcessEnv, probe: string, cli?: string): Promise<{ code: number; ms: number; rssMb: number; firstRequestMs: number; lastAnswerMs: number; cpuMs: number; mainBusyMs: number; stderr: string; stdout: string }> {
  const rssFile = join(dir, `rss-${Date.now()}-${Math.random()}.txt`);
  const result = await runCli(args, { cwd: dir, env: { ...env, NODE_OPTIONS: `--import=${probe}`, CWCTL_BENCH_RSS_FILE: rssFile, ...(process.env.CWCTL_BENCH_TRACE ? { CWCTL_BENCH_TRACE: process.env.CWCTL_BENCH_TRACE } : {}) }, limitMs: 600_000, ...(cli ? { cli } : {}) });
  const probed = JSON.parse(await readFile(rssFile, 'utf8').catch(() => '{}')) as { maxRssKb?: number; firstRequestMs?: number; lastAnswerMs?: number; cpuMs?: number; mainBusyMs?: number };
  return { code: result.code, ms: result.ms, rssMb: (probed.maxRssKb ?? 0) / 1024, firstRequestMs: probed.firstRequestMs ?? -1, lastAnswerMs: probed.lastAnswerMs ?? -1, cpuMs: probed.cpuMs ?? -1, mainBusyMs: probed.mainBusyMs ?? -1, stderr: result.stderr, stdout: result.stdout };
}

/**
 * Where a run's wall went besides the start: from its first request to its last answer (what the floor stands
 * for), and the tail after it (the diff, the rendering, the exit). The probe's clock starts with the process, a
 * few ms after the spawn the wall is measured from.
 */
function phaseMs(r: { ms: number; firstRequestMs: number; lastAnswerMs: number }): { network: number; tail: number } | undefined {
  if (r.firstRequestMs < 0 || r.lastAnswerMs < r.firstRequestMs) return undefined;
  return { network: r.lastAnswerMs - r.firstRequestMs, tail: Math.max(0, r.ms - r.lastAnswerMs) };
}

/** The two phases as table cells ('?' when the run made no request the probe saw). */
function phases(r: { ms: number; firstRequestMs: number; lastAnswerMs: number }): Record<string, string> {
  const p = phaseMs(r);
  return { 'ms 1st request to last answer': p ? p.network.toFixed(0) : '?', 'ms after last answer': p ? p.tail.toFixed(0) : '?' };
}

async function benchTenantPlan(dir: string, probe: string): Promise<void> {
  const t = await startTarget({ seed: 1, roles: ROLES });
  try {
    growTenant(t, API_MEMBERS, MAPPINGS);
    const y = await tenantYaml(t, 'bench');
    const file = join(dir, 'tenant.yaml');
    await writeFile(file, y.text);
    const totalRoles = t.sim.store.data.tables.securityRoles.length;
    const totalApiMembers = t.sim.store.data.tables.members.filter((m) => m.licenseClass === 'A').length;
    const minimum = minimumPlanRequests(y, totalRoles, totalApiMembers);
    const floorMs = Math.ceil(minimum / CONCURRENCY) * LATENCY;
    t.sim.faults.update({ latencyMs: LATENCY });
    const args = ['-f', file, '--state-dir', join(dir, '.cwctl'), 'plan', '--format', 'json'];
    const rows: Record<string, string | number>[] = [];
    const walls: number[] = [];
    const compareWalls: number[] = [];
    // The CLI's CPU time (all its threads): steadier than the wall on a busy machine, for an A/B.
    const cpus: number[] = [];
    const compareCpu: number[] = [];
    const networkMs: number[] = [];
    const tailMs: number[] = [];
    let requests = 0;
    for (let run = 0; run < RUNS; run++) {
      t.sim.stats.reset();
      // The simulator's CPU (this process) while it served the run: on a small machine it shares the cores with
      // the CLI, which a real PSA does not.
      const simCpuBefore = process.cpuUsage();
      const r = await runTimed(args, dir, t.env, probe);
      const simCpu = process.cpuUsage(simCpuBefore);
      const stats = t.sim.stats.snapshot();
      requests = stats.total;
      if (r.code !== 0 && r.code !== 2) {
        missed++;
        console.log(`   plan FAILED with exit ${r.code}:\n${r.stderr.slice(-1500)}`);
        return;
      }
      walls.push(r.ms);
      cpus.push(r.cpuMs);
      const phase = phaseMs(r);
      if (phase) {
        networkMs.push(phase.network);
        tailMs.push(phase.tail);
      }
      if (COMPARE) {
        const b = await runTimed(args, dir, t.env, probe, COMPARE);
        compareWalls.push(b.ms);
        compareCpu.push(b.cpuMs);
        // An A/B of speed is worth nothing if the two builds do not plan the same.
        // The checksum covers all of a plan but when it was made and how many requests it took.
        const planOf = (stdout: string): unknown => (JSON.parse(stdout) as { checksum?: unknown }).checksum;
        if (planOf(b.stdout) !== planOf(r.stdout)) {
          missed++;
          await writeFile(join(dir, 'plan-this.json'), r.stdout);
          await writeFile(join(dir, 'plan-compare.json'), b.stdout);
          console.log(`   run ${run + 1}: the two builds' plans DIFFER (plan-this.json, plan-compare.json; --keep DIR keeps them)`);
        }
        rows.push({ run: `${run + 1} (compare)`, exit: b.code, requests: '', 'ms wall': b.ms.toFixed(0), 'wall/floor': (b.ms / floorMs).toFixed(2), 'ms to 1st request': b.firstRequestMs.toFixed(0), ...phases(b), 'ms CPU': b.cpuMs.toFixed(0), 'ms main busy': b.mainBusyMs.toFixed(0), 'MB peak RSS': b.rssMb.toFixed(0), 'ms sim CPU': '' });
      }
      rows.push({ run: run + 1, exit: r.code, requests: stats.total, 'ms wall': r.ms.toFixed(0), 'wall/floor': (r.ms / floorMs).toFixed(2), 'ms to 1st request': r.firstRequestMs.toFixed(0), ...phases(r), 'ms CPU': r.cpuMs.toFixed(0), 'ms main busy': r.mainBusyMs.toFixed(0), 'MB peak RSS': r.rssMb.toFixed(0), 'ms sim CPU': ((simCpu.user + simCpu.system) / 1000).toFixed(0) });
    }
    printFigures(`plan (CLI): ${y.roles} roles, ${y.members} API members, ${y.mappings} mappings / ${y.crossReferences} cross references; ${LATENCY} ms latency, ${CONCURRENCY} in flight`, rows);
    const median = percentile(walls, 50);
    if (COMPARE) console.log(`   compare            ${COMPARE}: median ${percentile(compareWalls, 50).toFixed(0)} ms against this build's ${median.toFixed(0)} ms; CPU ${percentile(compareCpu, 50).toFixed(0)} ms against ${percentile(cpus, 50).toFixed(0)} ms`);
    console.log(`   minimum requests   ${minimum} (discovery, role list, ${y.roles} settings pages, caller, API member pages, lookups, ${y.mappings} cross-reference lists)`);
    console.log(`   floor              ${floorMs} ms = ceil(${minimum} / ${CONCURRENCY}) x ${LATENCY} ms`);
    console.log(`   requests sent      ${requests} = ${(requests / minimum).toFixed(3)}x the minimum   target <= ${TARGET_REQUEST_SLACK}x: ${check(requests <= minimum * TARGET_REQUEST_SLACK, `${requests} > ${Math.floor(minimum * TARGET_REQUEST_SLACK)}`)}`);
    if (networkMs.length > 0) {
      console.log(`   where it went      first request to last answer ${percentile(networkMs, 50).toFixed(0)} ms (${(percentile(networkMs, 50) / floorMs).toFixed(2)}x the floor), after the last answer ${percentile(tailMs, 50).toFixed(0)} ms (medians)`);
    }
    console.log(`   median wall        ${median.toFixed(0)} ms = ${(median / floorMs).toFixed(2)}x the floor (node start included)   target <= ${TARGET_RATIO}x: ${check(median <= floorMs * TARGET_RATIO, `${median.toFixed(0)} ms > ${(floorMs * TARGET_RATIO).toFixed(0)} ms`)}`);
  } finally {
    await t.close();
  }
}

/** Peak RSS of a plan of BIG_ROLES declared roles (no latency: memory, not time), and of importing them. */
async function benchMemory(dir: string, probe: string): Promise<void> {
  const t = await startTarget({ seed: 1, roles: BIG_ROLES });
  try {
    const y = await tenantYaml(t, '\u0000none');
    // Over the 10 MB cap of one file: a directory of files, as the cap's hint tells a user to do.
    const file = join(dir, 'big');
    await mkdir(file);
    await Promise.all(y.split(500).map((text, i) => writeFile(join(file, `roles-${i}.yaml`), text)));
    const plan = await runTimed(['-f', file, '--state-dir', join(dir, '.cwctl-big'), 'plan', '--format', 'json'], dir, t.env, probe);
    const importDir = join(dir, 'import');
    const imported = await runTimed(['--state-dir', join(dir, '.cwctl-import'), 'import', '--out', join(importDir, 'cwctl.yaml')], dir, t.env, probe);
    printFigures(`memory: ${y.roles} declared roles (CLI peak RSS)`, [
      { run: 'plan', exit: plan.code, 's wall': (plan.ms / 1000).toFixed(1), 'MB peak RSS': plan.rssMb.toFixed(0), target: `< ${TARGET_PLAN_RSS_MB} MB` },
      { run: 'import', exit: imported.code, 's wall': (imported.ms / 1000).toFixed(1), 'MB peak RSS': imported.rssMb.toFixed(0), target: `< ${TARGET_IMPORT_RSS_MB} MB` },
    ]);
    console.log(`   plan:   ${check((plan.code === 0 || plan.code === 2) && plan.rssMb > 0 && plan.rssMb < TARGET_PLAN_RSS_MB, `exit ${plan.code}, ${plan.rssMb.toFixed(0)} MB${plan.code === 0 || plan.code === 2 ? "" : `: ${plan.stderr.slice(-600)}`}`)}`);
    console.log(`   import: ${check(imported.code === 0 && imported.rssMb > 0 && imported.rssMb < TARGET_IMPORT_RSS_MB, `exit ${imported.code}, ${imported.rssMb.toFixed(0)} MB${imported.code === 0 ? '' : `: ${imported.stderr.slice(-600)}`}`)}`);
  } finally {
    await t.close();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'cwctl-bench-plan-cli-'));
try {
  console.log(`CLI: ${CLI}`);
  console.log(machineNote());
  const probe = await writeRssProbe(dir);
  // --only plan | memory: one half while working on it (npm run bench runs both).
  if (values.only !== 'memory') await benchTenantPlan(dir, probe);
  if (values.only !== 'plan') await benchMemory(dir, probe);
} finally {
  if (values.keep !== undefined) await cp(dir, values.keep, { recursive: true });
  await rm(dir, { recursive: true, force: true });
}
console.log(missed === 0 ? '\nplan-cli: every target met' : `\nplan-cli: ${missed} target(s) MISSED`);
process.exitCode = missed === 0 ? 0 : 1;
