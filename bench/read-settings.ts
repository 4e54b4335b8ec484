// Benchmark: read every security role and each role's settings from a simulator with latency and a per-key
// rate limit, as `plan` does, and compare the wall time with the floor set by the rate and by
// concurrency x latency. Prints figures only; it asserts nothing except that the data came back complete.
// Usage: node dist/bench/read-settings.js [--roles 100] [--latency 50] [--rate 600] [--concurrency 8] [--throttle 0]
// Past the limit (about a minute): --roles 70 --rate 60 shows the pacing against the 60 s sliding window.
import { parseArgs } from 'node:util';
import { createSimAdminClient } from '../src/sim/admin-client.js';
import { startSimulator } from '../src/sim/start-simulator.js';

interface Scenario { name: string; roles: number; latencyMs: number; ratePerMinute: number; concurrency: number; throttleRate: number }

const { values } = parseArgs({
  options: {
    roles: { type: 'string' }, latency: { type: 'string' }, rate: { type: 'string' },
    concurrency: { type: 'string' }, throttle: { type: 'string' },
  },
});

const custom = Object.values(values).some((v) => v !== undefined);
const scenarios: Scenario[] = custom
  ? [{
      name: 'custom',
      roles: Number(values.roles ?? 100), latencyMs: Number(values.latency ?? 50), ratePerMinute: Number(values.rate ?? 600),
      concurrency: Number(values.concurrency ?? 8), throttleRate: Number(values.throttle ?? 0),
    }]
  : [
      { name: 'brief: 100 roles, 50 ms, 600/min', roles: 100, latencyMs: 50, ratePerMinute: 600, concurrency: 8, throttleRate: 0 },
      { name: 'same, concurrency 1 (sequential)', roles: 100, latencyMs: 50, ratePerMinute: 600, concurrency: 1, throttleRate: 0 },
      { name: 'same, 5% random 429 (Retry-After 1 s)', roles: 100, latencyMs: 50, ratePerMinute: 600, concurrency: 8, throttleRate: 0.05 },
    ];

interface SimStatsBody { total: number; throttled: number; rateLimited: number; faults: { throttles: number } }

async function runScenario(s: Scenario): Promise<void> {
  const sim = await startSimulator({ roles: s.roles, latencyMs: s.latencyMs, rateLimitPerMinute: s.ratePerMinute, throttleRate: s.throttleRate });
  const client = createSimAdminClient(sim, {
    concurrency: s.concurrency,
    maxConnections: Math.max(s.concurrency, 1),
  });
  try {
    const started = performance.now();
    const roles = await client.listSecurityRoles();
    const settings = await Promise.all(roles.map((r) => client.listRoleSettings(r.id)));
    const wallMs = performance.now() - started;
    const rows = settings.reduce((n, list) => n + list.length, 0);
    if (settings.some((list) => list.length === 0)) throw new Error('a role came back without settings');
    const stats = (await (await fetch(`${sim.url}/__sim/stats`)).json()) as SimStatsBody;
    const requests = client.requestCount();
    const rateFloorMs = (requests / s.ratePerMinute) * 60_000;
    // A sliding 60 s window lets the first `rate` requests through at once: only the excess waits.
    const windowFloorMs = requests > s.ratePerMinute ? 60_000 : 0;
    const concurrencyFloorMs = Math.ceil(requests / s.concurrency) * s.latencyMs;
    console.log(`-- ${s.name}`);
    console.log(`   roles ${roles.length}, setting rows ${rows}, requests ${requests} (sim saw ${stats.total}), 429s ${stats.throttled} (rate limit ${stats.rateLimited}, random ${stats.faults.throttles}); every request succeeded (a 429 left unretried would have failed the run)`);
    console.log(`   wall ${(wallMs / 1000).toFixed(2)} s`);
    console.log(`   floor: requests/concurrency x latency = ${(concurrencyFloorMs / 1000).toFixed(2)} s; requests/rate = ${(rateFloorMs / 1000).toFixed(2)} s (a steady-rate view; the sliding window admits ${s.ratePerMinute} at once, so the real rate floor is ${(windowFloorMs / 1000).toFixed(0)} s)`);
    console.log(`   wall / concurrency floor = ${(wallMs / Math.max(concurrencyFloorMs, 1)).toFixed(2)}x; ${(wallMs / requests).toFixed(1)} ms per request`);
  } finally {
    await client.close();
    await sim.close();
  }
}

for (const s of scenarios) await runScenario(s);
