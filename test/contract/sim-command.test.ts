// `cwctl sim` as a command module: prints eval-able export lines that authenticate, serves until SIGTERM,
// then flushes the data file and returns; bad flags are usage errors (exit 3).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { simCommand } from '../../src/cli/commands/sim.js';
import { CwctlError } from '../../src/errors.js';

type Handler = (argv: Record<string, unknown>) => Promise<void>;
const handler = simCommand.handler as unknown as Handler;
const defaults = { port: 0, latency: 0, jitter: 0, 'fault-rate': 0, 'throttle-rate': 0, 'drop-rate': 0, 'rate-limit': 0, seed: 1, company: 'acme', 'require-client-id': true };

afterEach(() => { vi.restoreAllMocks(); });

describe('cwctl sim', () => {
  it('prints export lines that work, then stops on SIGTERM and flushes the data file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwctl-simcmd-'));
    const data = join(dir, 'psa.json');
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const running = handler({ ...defaults, data });
      for (let i = 0; i < 100 && !out.includes('CWCTL_CLIENT_ID'); i++) await new Promise((r) => setTimeout(r, 20));
      const env = Object.fromEntries([...out.matchAll(/^export (CWCTL_\w+)=(.*)$/gm)].map((m) => [m[1], m[2]!.replace(/^'|'$/g, '')]));
      expect(Object.keys(env).sort()).toEqual(['CWCTL_CLIENT_ID', 'CWCTL_COMPANY', 'CWCTL_PRIVATE_KEY', 'CWCTL_PUBLIC_KEY', 'CWCTL_SITE']);
      expect(env.CWCTL_COMPANY).toBe('acme');
      const auth = `Basic ${Buffer.from(`${env.CWCTL_COMPANY}+${env.CWCTL_PUBLIC_KEY}:${env.CWCTL_PRIVATE_KEY}`).toString('base64')}`;
      const r = await fetch(`${env.CWCTL_SITE}/v4_6_release/apis/3.0/system/securityroles`, {
        method: 'POST', headers: { Authorization: auth, clientId: env.CWCTL_CLIENT_ID!, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'FromCli' }),
      });
      expect(r.status).toBe(201);
      process.emit('SIGTERM', 'SIGTERM');
      await running;
      expect(existsSync(data)).toBe(true);
      expect(readFileSync(data, 'utf8')).toContain('"FromCli"');
      await expect(fetch(`${env.CWCTL_SITE}/login/companyinfo/acme`)).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [{ port: 70000 }, /--port/],
    [{ 'fault-rate': 1.5 }, /--fault-rate/],
    [{ company: 'bad company' }, /--company/],
    [{ roles: 0 }, /--roles/],
    [{ data: join(tmpdir(), 'cwctl-no-such-folder-7f3a', 'psa.json') }, /--data .*: the folder .*cwctl-no-such-folder-7f3a does not exist/],
  ])('refuses %o as invalid input', async (bad, message) => {
    const err = await handler({ ...defaults, ...bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CwctlError);
    expect((err as CwctlError).exitCode).toBe(3);
    expect((err as CwctlError).message).toMatch(message);
  });

  it('names a data file it cannot read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwctl-simcmd-'));
    const file = join(dir, 'bad.json');
    await import('node:fs').then((fs) => fs.writeFileSync(file, '{"formatVersion": 99}'));
    try {
      const err = await handler({ ...defaults, data: file }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CwctlError);
      expect((err as CwctlError).message).toMatch(/bad\.json: formatVersion 99 is not supported/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
