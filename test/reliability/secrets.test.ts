// Secrets: after e2e-style runs with --debug (apply, the checklist played with new API keys, apply with
// --new-keys/--keys-out, plan --out, drift, state show, a run with a wrong key), no private key, Basic
// credential or Authorization value appears in any stdout/stderr or in any file the runs wrote, apart from
// the two files whose job is to hold new keys (--keys-out and the operator's key file, both 0600). Plain
// http:// is refused for anything but loopback, before any connection.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convergeExample, exampleFile } from './helpers/converge.js';
import { printFigures } from './helpers/print-figures.js';
import { looksLikeCrash, runCli } from './helpers/run-cli.js';
import { startTarget } from './helpers/sim-target.js';
import type { SimTarget } from './helpers/sim-target.js';

let target: SimTarget;
let dir: string;
beforeAll(async () => {
  target = await startTarget({ seed: 1 });
  dir = await mkdtemp(join(tmpdir(), 'cwctl-secrets-'));
});
afterAll(async () => {
  await target?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Every file under `root`, recursively. */
function listFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(root, e.name)) : [join(root, e.name)]));
}

/** Needles: each secret, its Basic form, and any Authorization header value. */
function findLeaks(text: string, secrets: readonly string[]): string[] {
  const found = secrets.filter((s) => s.length >= 8 && text.includes(s)).map((s) => `secret …${s.slice(-4)}`);
  const header = /authorization["']?\s*[:=]\s*["']?(basic|bearer)\s+[A-Za-z0-9+/=]{8,}/i.exec(text);
  if (header) found.push(`Authorization value: ${header[0].slice(0, 30)}…`);
  return found;
}

describe('no secret leaves its sink', () => {
  it('e2e runs with --debug: stdout, stderr and every written file are free of keys and auth headers', async () => {
    const file = exampleFile('brightgauge');
    const converge = await convergeExample(file, dir, target.env, ['--debug']);
    expect(converge.finalPlanCode).toBe(0);
    const stateDir = join(dir, '.cwctl');
    const extra = [
      await runCli(['-f', file, '--state-dir', stateDir, '--debug', 'plan', '--out', join(dir, 'plan-out.json')], { cwd: dir, env: target.env }),
      await runCli(['-f', file, '--state-dir', stateDir, '--debug', 'plan', '--format', 'json'], { cwd: dir, env: target.env }),
      await runCli(['-f', file, '--state-dir', stateDir, '--debug', 'drift', '--format', 'markdown'], { cwd: dir, env: target.env }),
      await runCli(['-f', file, '--state-dir', stateDir, '--debug', 'state', 'list'], { cwd: dir, env: target.env }),
      await runCli(['-f', file, '--state-dir', stateDir, '--debug', 'state', 'show', 'member:brightgauge'], { cwd: dir, env: target.env }),
      // A wrong private key: the 401 message must not echo it (nor the right one).
      await runCli(['-f', file, '--state-dir', stateDir, '--debug', 'plan'], { cwd: dir, env: { ...target.env, CWCTL_PRIVATE_KEY: 'WRONGprivateKEY0123456789abcdef' } }),
    ];
    const outputs = [...converge.outputs, ...extra.flatMap((r) => [r.stdout, r.stderr])];
    const debugLines = outputs.join('\n').split('\n').filter((l) => /^(GET|POST|PUT|PATCH|DELETE) \//.test(l)).length;
    expect(debugLines, 'the --debug request log was on').toBeGreaterThan(10);
    expect(extra[5]!.code).toBe(4);

    const newKeys = readFileSync(join(dir, 'new-keys.env'), 'utf8');
    const newPrivates = [...newKeys.matchAll(/=([^:\s]+):(\S+)/g)].map((m) => m[2] ?? '');
    expect(newPrivates.length).toBeGreaterThan(0);
    const { company, admin } = target.sim;
    const basic = (pub: string, priv: string): string => Buffer.from(`${company}+${pub}:${priv}`).toString('base64');
    const secrets = [
      admin.privateKey, basic(admin.publicKey, admin.privateKey), 'WRONGprivateKEY0123456789abcdef', basic(admin.publicKey, 'WRONGprivateKEY0123456789abcdef'),
      ...newPrivates, ...[...newKeys.matchAll(/=([^:\s]+):(\S+)/g)].map((m) => basic(m[1] ?? '', m[2] ?? '')),
    ];

    const rows: Record<string, string | number>[] = [];
    const leaks: string[] = [];
    outputs.forEach((text, i) => {
      for (const l of findLeaks(text, secrets)) leaks.push(`output ${i}: ${l}`);
    });
    rows.push({ where: 'stdout/stderr of runs', items: outputs.length, bytes: outputs.reduce((n, t) => n + t.length, 0), leaks: leaks.length });
    const sinks = new Set([join(dir, 'new-keys.env'), join(dir, 'secrets.env')]);
    const files = listFiles(dir);
    let bytes = 0;
    for (const f of files) {
      if (sinks.has(f)) {
        // The only places keys may be: owner-only files.
        expect((statSync(f).mode & 0o077).toString(8), `${relative(dir, f)} is readable by others`).toBe('0');
        continue;
      }
      const text = readFileSync(f, 'utf8');
      bytes += text.length;
      for (const l of findLeaks(text, secrets)) leaks.push(`${relative(dir, f)}: ${l}`);
    }
    rows.push({ where: 'files written (sinks excluded)', items: files.length - sinks.size, bytes, leaks: leaks.length });
    rows.push({ where: '--debug request lines', items: debugLines, bytes: '', leaks: '' });
    printFigures('secrets scan', rows);
    expect(leaks).toEqual([]);
    // The sink did get the keys (else the scan above proves nothing about them).
    expect(readFileSync(join(dir, 'secrets.env'), 'utf8')).toContain(newPrivates[0]!);
  });

  it('an error naming the request carries no key either (bad site, credentials file)', async () => {
    const creds = join(dir, 'creds.json');
    await writeFile(creds, JSON.stringify({ CWCTL_PUBLIC_KEY: target.sim.admin.publicKey, CWCTL_PRIVATE_KEY: target.sim.admin.privateKey, CWCTL_CLIENT_ID: target.sim.clientId }), { mode: 0o600 });
    const { CWCTL_PUBLIC_KEY: _pub, CWCTL_PRIVATE_KEY: _priv, ...env } = target.env;
    // A loopback port nobody listens on: connection refused.
    const closed = await import('node:net').then(({ createServer }) => new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const port = (srv.address() as { port: number }).port;
        srv.close(() => resolve(port));
      });
    }));
    const args = ['-f', exampleFile('brightgauge'), '--state-dir', join(dir, 'x'), '--credentials-file', creds, 'plan'];
    const quiet = await runCli(args, { cwd: dir, env: { ...env, CWCTL_SITE: `http://127.0.0.1:${closed}` } });
    expect(quiet.code, quiet.stderr).toBe(4);
    expect(looksLikeCrash(quiet.stderr), quiet.stderr).toBe(false);
    expect(quiet.stderr).toMatch(/companyinfo/);
    // --debug also prints the error's stack: still no key in it.
    const debug = await runCli(['--debug', ...args], { cwd: dir, env: { ...env, CWCTL_SITE: `http://127.0.0.1:${closed}` } });
    expect(debug.code, debug.stderr).toBe(4);
    expect(findLeaks(quiet.stdout + quiet.stderr + debug.stdout + debug.stderr, [target.sim.admin.privateKey, Buffer.from(`${target.sim.company}+${target.sim.admin.publicKey}:${target.sim.admin.privateKey}`).toString('base64')])).toEqual([]);
  });
});

describe('plain http', () => {
  it.each(['http://psa.example.com', 'http://10.1.2.3:8080', 'http://api-na.myconnectwise.net'])('refuses %s before connecting (exit 3)', async (site) => {
    const started = performance.now();
    const r = await runCli(['-f', exampleFile('brightgauge'), '--state-dir', join(dir, 'http'), 'plan'], { cwd: dir, env: { ...target.env, CWCTL_SITE: site } });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/plain http|https/i);
    expect(looksLikeCrash(r.stderr)).toBe(false);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
  it('accepts http on loopback (the simulator)', async () => {
    const r = await runCli(['-f', exampleFile('brightgauge'), '--state-dir', join(dir, 'http-loop'), 'plan'], { cwd: dir, env: target.env });
    expect([0, 2], r.stderr).toContain(r.code);
  });
});
