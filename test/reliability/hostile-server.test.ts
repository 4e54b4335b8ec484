// Hostile server: cwctl plan and apply against a PSA (a proxy over the simulator) that answers HTML, cut-short
// JSON, wrong types, a 200 with an error body, an endless or looping Link chain, drops, 500s, a redirect
// elsewhere, or stalls. Every run must end in exit 4 (7 when writes had begun) naming the request, with no
// stack trace, no hang, no lock left behind and no torn or temporary state file; after the server behaves
// again, apply converges with no duplicate. Figures: exit, time and requests per case.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateFile } from '../../src/model/state.js';
import { PsaApiError } from '../../src/psa/errors.js';
import { createHttpPsaClient } from '../../src/psa/http-client.js';
import { exampleFile } from './helpers/converge.js';
import { printFigures } from './helpers/print-figures.js';
import type { Row } from './helpers/print-figures.js';
import { looksLikeCrash, runCli } from './helpers/run-cli.js';
import { fingerprint, startTarget } from './helpers/sim-target.js';
import type { SimTarget } from './helpers/sim-target.js';
import { startHostileServer } from './hostile-server/start-hostile-server.js';
import type { HostileMode, HostileServer } from './hostile-server/start-hostile-server.js';

const ROLES = /^\/system\/securityroles$/i;
const READ_MODES: HostileMode[] = ['html', 'truncated', 'wrong-types', 'not-a-list', 'error-200', 'empty-200', 'endless-link', 'self-link', 'drop', 'status-500', 'redirect'];

let target: SimTarget;
let hostile: HostileServer;
let dir: string;
const rows: Row[] = [];

beforeAll(async () => {
  target = await startTarget({ seed: 1 });
  hostile = await startHostileServer(target.sim.url);
  dir = await mkdtemp(join(tmpdir(), 'cwctl-hostile-server-'));
});
afterAll(async () => {
  printFigures('hostile server (cwctl against a misbehaving PSA)', rows);
  await hostile?.close();
  await target?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => ({ ...target.env, CWCTL_SITE: hostile.url });

/** What must hold of a state dir after any failed run: no lock, no temp file (in cache/ either), state (if any) parses. */
function checkStateDir(stateDir: string): StateFile | null {
  if (!existsSync(stateDir)) return null;
  const names = readdirSync(stateDir);
  expect(names.filter((n) => n !== 'state.json' && n !== 'sandbox.json' && n !== 'cache'), `left in ${stateDir}`).toEqual([]);
  // The codebase cache (D37) holds its file and its .gitignore, never a temp file left behind.
  if (names.includes('cache')) expect(readdirSync(join(stateDir, 'cache')).filter((n) => n !== 'codebases.json' && n !== '.gitignore'), `left in ${stateDir}/cache`).toEqual([]);
  if (!names.includes('state.json')) return null;
  const state = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as StateFile;
  expect(state.formatVersion).toBe(1);
  expect(Number.isInteger(state.serial)).toBe(true);
  return state;
}

describe('reads from a hostile PSA', () => {
  it.each(READ_MODES)('GET /system/securityroles answers %s: plan exits 4 naming the request, no hang', async (mode) => {
    hostile.setRules([{ method: 'GET', path: ROLES, mode }]);
    const seenBefore = hostile.seen.length;
    const stateDir = join(dir, `read-${mode}`);
    const r = await runCli(['-f', exampleFile('brightgauge'), '--state-dir', stateDir, 'plan'], { cwd: dir, env: env(), limitMs: 90_000 });
    rows.push({ case: `read: ${mode}`, command: 'plan', exit: r.code, ms: Math.round(r.ms), requests: hostile.seen.length - seenBefore, message: (r.stderr.split('\n').find((l) => l.includes('error')) ?? r.stderr.split('\n')[0] ?? '').slice(0, 100) });
    expect(r.hung, 'hung').toBe(false);
    expect(r.code, r.stderr).toBe(4);
    expect(looksLikeCrash(r.stderr), r.stderr).toBe(false);
    expect(r.stderr).toMatch(/GET \/system\/securityroles/i);
    expect(checkStateDir(stateDir)).toBeNull();
  });
});

interface WriteCase {
  mode: HostileMode;
  /** The role is created in the PSA before the answer is lost or mangled. */
  forwardFirst: boolean;
}
const WRITE_CASES: WriteCase[] = [
  ...(['html', 'status-500'] as HostileMode[]).map((mode) => ({ mode, forwardFirst: false })),
  ...(['drop', 'truncated', 'html', 'error-200'] as HostileMode[]).map((mode) => ({ mode, forwardFirst: true })),
];

describe('writes to a hostile PSA (a fresh simulator each)', () => {
  it.each(WRITE_CASES)('POST /system/securityroles answers $mode (written first: $forwardFirst): apply stops or recovers, state intact, then converges with no duplicate', async ({ mode, forwardFirst }) => {
    const own = await startTarget({ seed: 1 });
    const proxy = await startHostileServer(own.sim.url, [{ method: 'POST', path: ROLES, mode, forwardFirst }]);
    try {
      const stateDir = join(dir, `write-${mode}-${forwardFirst ? 'after' : 'before'}`);
      const args = ['-f', exampleFile('brightgauge'), '--state-dir', stateDir, 'apply', '--auto-approve'];
      const penv = { ...own.env, CWCTL_SITE: proxy.url };
      const r = await runCli(args, { cwd: dir, env: penv, limitMs: 90_000 });
      const before = checkStateDir(stateDir);
      proxy.setRules([]);
      const again = await runCli(args, { cwd: dir, env: penv, limitMs: 90_000 });
      rows.push({
        case: `write: ${mode}${forwardFirst ? ' after the write' : ''}`, command: 'apply; apply', exit: `${r.code}; ${again.code}`, ms: Math.round(r.ms),
        requests: proxy.seen.length, message: (r.stderr.split('\n').find((l) => l.includes('error')) ?? '').slice(0, 100),
      });
      expect(r.hung, 'hung').toBe(false);
      expect(looksLikeCrash(r.stderr), r.stderr).toBe(false);
      // A retried write whose answer was lost is found by its name and not sent again: apply may then go on (8).
      expect(forwardFirst ? [4, 7, 8] : [4, 7], r.stderr).toContain(r.code);
      if (r.code !== 8) expect(r.stderr).toMatch(/POST \/system\/securityroles/i);
      expect([0, 8], again.stdout + again.stderr).toContain(again.code);
      const after = checkStateDir(stateDir);
      expect(after).not.toBeNull();
      if (before) expect(after!.serial).toBeGreaterThanOrEqual(before.serial);
      const fp = fingerprint(own.sim);
      expect(fp.duplicates).toEqual([]);
      expect(fp.text).toContain('"name":"BrightGaugeAPI"');
    } finally {
      await proxy.close();
      await own.close();
    }
  });
});

describe('discovery and stalls', () => {
  it.each(['html', 'wrong-types', 'status-500'] as HostileMode[])('GET /login/companyinfo answers %s: exit 4 naming it', async (mode) => {
    hostile.setRules([{ path: /^\/login\/companyinfo\//i, mode }]);
    const r = await runCli(['-f', exampleFile('brightgauge'), '--state-dir', join(dir, `discovery-${mode}`), 'plan'], { cwd: dir, env: env(), limitMs: 90_000 });
    rows.push({ case: `discovery: ${mode}`, command: 'plan', exit: r.code, ms: Math.round(r.ms), requests: '', message: (r.stderr.split('\n').find((l) => l.includes('error')) ?? '').slice(0, 100) });
    expect(r.code, r.stderr).toBe(4);
    expect(looksLikeCrash(r.stderr), r.stderr).toBe(false);
    expect(r.stderr).toMatch(/companyinfo/i);
  });

  it('a stalled answer ends in a timeout error naming the request (client option requestTimeoutMs; the CLI has no flag for it)', async () => {
    hostile.setRules([{ method: 'GET', path: ROLES, mode: 'stall' }]);
    const client = createHttpPsaClient({
      target: { site: hostile.url, company: target.sim.company },
      credentials: { publicKey: target.sim.admin.publicKey, privateKey: target.sim.admin.privateKey, clientId: target.sim.clientId },
      requestTimeoutMs: 300,
      retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 50 },
    });
    const started = performance.now();
    const error = await client.listSecurityRoles().then(() => undefined, (e: unknown) => e);
    const ms = performance.now() - started;
    await client.close();
    rows.push({ case: 'read: stall (client, 300 ms timeout, 2 retries)', command: 'listSecurityRoles', exit: error instanceof PsaApiError ? error.exitCode : 'none', ms: Math.round(ms), requests: '', message: error instanceof Error ? error.message.slice(0, 100) : '' });
    expect(error).toBeInstanceOf(PsaApiError);
    expect((error as PsaApiError).exitCode).toBe(4);
    expect((error as PsaApiError).message).toMatch(/GET \/system\/securityroles/i);
    expect(ms).toBeLessThan(3000);
  });
});
