// Requests per second the PSA simulator serves on this machine: the simulator runs in a child process
// (so client and server do not share one event loop), the client drives keep-alive GETs through an undici
// Agent with bounded concurrency for a fixed time per scenario, then prints req/s and latency percentiles.
// Stops by itself (BENCH_SECONDS per scenario, default 5).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { startSimulator } from '../src/sim/start-simulator.js';

interface Ready { url: string; company: string; clientId: string; publicKey: string; privateKey: string }

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function serve(roles?: number, members?: number): Promise<void> {
  const sim = await startSimulator({ seed: 1, ...(roles ? { roles } : {}), ...(members ? { members } : {}) });
  const ready: Ready = { url: sim.url, company: sim.company, clientId: sim.clientId, publicKey: sim.admin.publicKey, privateKey: sim.admin.privateKey };
  process.send?.(ready);
  process.on('message', (m) => { if (m === 'stop') void sim.close().then(() => process.exit(0)); });
}

function startChild(args: string[]): Promise<{ ready: Ready; stop: () => Promise<void> }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (ready) => resolve({
      ready: ready as Ready,
      stop: () => new Promise<void>((done) => { child.once('exit', () => done()); child.send('stop'); setTimeout(() => child.kill(), 3000).unref(); }),
    }));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function scenario(name: string, ready: Ready, path: string): Promise<void> {
  const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 10_000, pipelining: 1 });
  const headers = {
    authorization: `Basic ${Buffer.from(`${ready.company}+${ready.publicKey}:${ready.privateKey}`).toString('base64')}`,
    clientid: ready.clientId,
    accept: 'application/vnd.connectwise.com+json; version=2025.8',
  };
  const url = `${ready.url}/v4_6_release/apis/3.0${path}`;
  const latencies: number[] = [];
  let bytes = 0;
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const res = await request(url, { dispatcher: agent, headers });
      const body = await res.body.arrayBuffer();
      if (res.statusCode !== 200) errors++;
      bytes += body.byteLength;
      latencies.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await agent.close();
  latencies.sort((a, b) => a - b);
  const rps = latencies.length / elapsed;
  console.log(
    `${name.padEnd(44)} ${rps.toFixed(0).padStart(6)} req/s  p50 ${percentile(latencies, 50).toFixed(2)} ms  p99 ${percentile(latencies, 99).toFixed(2)} ms  ` +
    `${(bytes / elapsed / 1e6).toFixed(1)} MB/s  ${latencies.length} requests, ${errors} non-200`,
  );
  if (errors > 0) process.exitCode = 1;
}

async function main(): Promise<void> {
  console.log(`simulator throughput: ${SECONDS}s per scenario, ${CONCURRENCY} keep-alive connections, server in a child process`);
  const small = await startChild([]);
  await scenario('GET securityroles (list, 7 roles)', small.ready, '/system/securityroles');
  await scenario('GET members pageSize=25 (40 members)', small.ready, '/system/members');
  await scenario('GET role settings pageSize=1000 (~110 rows)', small.ready, '/system/securityRoles/1/settings?pageSize=1000');
  await scenario('GET members conditions+fields', small.ready, `/system/members?conditions=${encodeURIComponent('securityRole/name="Technician" and inactiveFlag=false')}&fields=id,identifier`);
  await small.stop();
  const large = await startChild(['500', '5000']);
  await scenario('large tenant: GET members page 10 of 5000', large.ready, '/system/members?page=10&pageSize=100');
  await scenario('large tenant: GET roles/count conditions', large.ready, `/system/securityroles/count?conditions=${encodeURIComponent('name like "Role 01*"')}`);
  await large.stop();
}

if (process.argv[2] === '--serve') {
  const [roles, members] = process.argv.slice(3).map(Number);
  await serve(roles, members);
} else {
  await main();
}
