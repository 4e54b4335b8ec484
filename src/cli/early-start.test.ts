import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../sim/start-simulator.js';
import type { RunningSimulator } from '../sim/start-simulator.js';
import { earlyKeyOf, openEarly, startEarly, takeEarly } from './early-start.js';
import type { EarlyKey } from './early-start.js';

const signal = new AbortController().signal;
const env = { CWCTL_SITE: 'http://127.0.0.1:9', CWCTL_COMPANY: 'acme' };

describe('earlyKeyOf: which command lines start early', () => {
  it('a plain plan or drift, with its file, credentials file, timeout and parallelism', () => {
    const key = earlyKeyOf(['plan', '-f', 'roles/', '--out', 'plan.json', '--credentials-file', 'k.env', '--parallelism', '4', '--request-timeout', '5s', '--target', 'role:A'], env, () => signal);
    expect(key).toMatchObject({ file: 'roles/', stateDir: '.cwctl', credentialsFile: 'k.env', client: { requestTimeoutMs: 5000, maxConnections: 4 }, signal });
    expect(earlyKeyOf(['drift'], { ...env, CWCTL_REQUEST_TIMEOUT: '2m', CWCTL_PARALLELISM: '3' }, () => signal)).toMatchObject({
      file: 'cwctl.yaml', credentialsFile: undefined, client: { requestTimeoutMs: 120_000, maxConnections: 3 },
    });
  });

  it('nothing else: other commands, help, version, --debug, CWCTL_LOG=debug, a bad value', () => {
    let asked = 0;
    const ask = (): AbortSignal => {
      asked++;
      return signal;
    };
    for (const argv of [['validate'], ['apply', 'plan.json'], ['apply', '--refresh-only'], ['sim'], ['plan', '--help'], ['plan', '-h'], ['--version'], ['plan', '--debug'], ['plan', '--parallelism', 'lots'], ['plan', 'extra'], []]) {
      expect(earlyKeyOf(argv, env, ask)).toBeUndefined();
    }
    expect(earlyKeyOf(['plan'], { ...env, CWCTL_LOG: 'debug' }, ask)).toBeUndefined();
    // The interrupt signal (and with it the Ctrl-C handler) is never asked for by a command line that does not start early.
    expect(asked).toBe(0);
  });
});

describe('openEarly and takeEarly', () => {
  let sim: RunningSimulator;
  let dir: string;
  let simEnv: NodeJS.ProcessEnv;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, roles: 3 });
    dir = await mkdtemp(join(tmpdir(), 'cwctl-early-'));
    simEnv = { CWCTL_SITE: sim.url, CWCTL_COMPANY: sim.company, CWCTL_PUBLIC_KEY: sim.admin.publicKey, CWCTL_PRIVATE_KEY: sim.admin.privateKey, CWCTL_CLIENT_ID: sim.clientId };
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });
  const keyOf = (file: string, more: Partial<EarlyKey> = {}): EarlyKey => ({
    file, stateDir: join(dir, '.cwctl'), credentialsFile: undefined, client: { requestTimeoutMs: undefined, maxConnections: undefined }, signal, env: simEnv, ...more,
  });

  it('does not start when a file may name its own PSA, is missing, or there is no CWCTL_SITE', async () => {
    await writeFile(join(dir, 'psa.yaml'), 'version: 1\npsa:\n  site: x\n  company: y\n');
    expect(await openEarly(keyOf(join(dir, 'psa.yaml')))).toBeUndefined();
    expect(await openEarly(keyOf(join(dir, 'missing.yaml')))).toBeUndefined();
    await writeFile(join(dir, 'plain.yaml'), 'version: 1\nroles: []\n');
    expect(await openEarly(keyOf(join(dir, 'plain.yaml'), { env: { CWCTL_COMPANY: 'x' } }))).toBeUndefined();
  });

  it('hands its reads over only to a run with the same options; otherwise closes them', async () => {
    const file = join(dir, 'plain.yaml');
    sim.stats.reset();
    await startEarly(['plan', '-f', file, '--state-dir', join(dir, '.cwctl')], simEnv, () => signal);
    const other = await takeEarly(keyOf(file, { client: { requestTimeoutMs: 20_000, maxConnections: 2 } }));
    expect(other).toBeUndefined();
    // Taken once: a second ask finds nothing.
    expect(await takeEarly(keyOf(file, { client: { requestTimeoutMs: 20_000, maxConnections: undefined } }))).toBeUndefined();

    await startEarly(['plan', '-f', file, '--state-dir', join(dir, '.cwctl')], simEnv, () => signal);
    const same = await takeEarly(keyOf(file, { client: { requestTimeoutMs: 20_000, maxConnections: undefined } }));
    expect(same).toBeDefined();
    expect((await same!.prefetch.roles).map((r) => r.name)).toContain('Admin');
    expect(await same!.stateUnchanged()).toBe(true);
    await same!.opened.close();
  });

  it('an apply does not start while another run holds the state lock, and knows when the state changed since', async () => {
    const file = join(dir, 'plain.yaml');
    const stateDir = join(dir, 'locked');
    await mkdir(stateDir, { recursive: true });
    await writeFile(join(stateDir, 'state.lock'), '{}');
    expect(await openEarly(keyOf(file, { stateDir }))).toBeUndefined();
    await rm(join(stateDir, 'state.lock'));
    const reads = await openEarly(keyOf(file, { stateDir }));
    expect(reads).toBeDefined();
    expect(await reads!.stateUnchanged()).toBe(true);
    await writeFile(join(stateDir, 'state.json'), '{}');
    expect(await reads!.stateUnchanged()).toBe(false);
    await reads!.opened.close();
  });
});
