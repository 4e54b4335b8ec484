// `apply --wait` on the sandbox shows the live checklist grouped by role and screen and ticks it off as
// `cwctl sim operator`, run as a second process against the same sandbox (.cwctl/sandbox.json), plays it:
// the sandbox of the waiting apply follows its data file, the new key pair the operator writes to
// .cwctl/new-keys.env is read while apply waits, and apply ends with exit 0.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, runCli } from './helpers/cli.js';

const YAML = `version: 1
roles:
  - name: Live API
    unlisted: ignore
    permissions: { Service Desk / Service Tickets: { inquire: All, edit: My }, Finance / Invoicing: { inquire: All } }
  - name: Other API
    unlisted: ignore
    permissions: { Service Desk / Service Tickets: { inquire: All } }
members:
  - { identifier: livem, name: Live, role: Live API, level: Corporate (Level 1), location: Tampa, businessUnit: Admin, apiKeys: [{ description: live key }] }
`;

let dir: string;
// The sandbox: no CWCTL_SITE, so both processes open <dir>/.cwctl/sandbox.json.
const env = { NO_COLOR: '1', CWCTL_WAIT_POLL_MS: '100' };

beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'cwctl-live-checklist-'));
  await writeFile(join(dir, 'cwctl.yaml'), YAML);
}, 300_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('apply --wait with cwctl sim operator in another process', () => {
  it('shows the checklist grouped by role and screen, ticks it off as the operator plays it, and exits 0', async () => {
    const planned = await runCli(['plan', '--out', 'plan.json'], { cwd: dir, env, timeoutMs: 120_000 });
    expect(planned.code, planned.stderr).toBe(0);
    // Where `sim operator` writes the pairs it makes: not there yet when apply starts, so apply watches for it.

    let operator: Promise<{ code: number; stdout: string; stderr: string }> | undefined;
    const apply = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'apply', '--auto-approve', '--allow-escalation', '--wait', '--timeout', '240s', '--new-keys', join('.cwctl', 'new-keys.env')], {
        cwd: dir,
        env: { PATH: process.env.PATH, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      const killer = setTimeout(() => child.kill('SIGKILL'), 280_000);
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        stderr += c;
        // The person starts once the checklist is shown (the roles exist by then).
        if (!operator && /guided steps verified: 0 of 5/.test(stderr)) operator = runCli(['sim', 'operator', '--plan', 'plan.json'], { cwd: dir, env, timeoutMs: 120_000 });
      });
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(killer);
        resolve({ code, stdout, stderr });
      });
    });
    expect(operator, apply.stderr).toBeDefined();
    const played = await operator!;
    expect(played.code, played.stderr).toBe(0);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);

    const out = apply.stderr;
    // Grouped: the role once, each screen's click path once, then its cells, before anything ticked off.
    const shown = out.slice(out.indexOf('Checklist: 5 of 5 steps to do'));
    expect(shown).toMatch(
      /^ {2}Security role Live API\n {4}System > Security Roles > Live API > Finance > Invoicing\n {6}\[ \] Inquire Level: None -> All\n {4}System > Security Roles > Live API > Service Desk > Service Tickets\n {6}\[ \] Edit Level: None -> My\n {6}\[ \] Inquire Level: None -> All\n {2}Security role Other API\n/m,
    );
    expect(shown).toMatch(
      /^ {2}API member livem\n {4}System > Members > API Members > livem > API Keys\n {6}\[ \] New: description 'live key'/m,
    );
    // Ticked off one line each, after the checklist was shown, and closed once.
    const ticks = out.slice(out.indexOf('Checklist: 5 of 5 steps to do')).match(/^ {2}\[x\] .*$/gm) ?? [];
    expect(ticks.sort()).toEqual([
      "  [x] System > Members > API Members > livem > API Keys: New: description 'live key' (copy both keys; the private key is shown once)",
      '  [x] System > Security Roles > Live API > Finance > Invoicing: Inquire Level: None -> All',
      '  [x] System > Security Roles > Live API > Service Desk > Service Tickets: Edit Level: None -> My',
      '  [x] System > Security Roles > Live API > Service Desk > Service Tickets: Inquire Level: None -> All',
      '  [x] System > Security Roles > Other API > Service Desk > Service Tickets: Inquire Level: None -> All',
    ]);
    expect(out.match(/Checklist: all 5 steps done/g)).toHaveLength(1);
    expect(apply.stdout).toMatch(/Apply complete: .*5 of 5 guided step\(s\) verified/);
    expect(out).toContain(`Watching for ${join('.cwctl', 'new-keys.env')}: new API key pairs are read from it once it appears`);
    // The live view showed the checklist: the report sums it up rather than printing all of it again.
    expect(apply.stdout).toContain('Guided steps: all 5 done.');
    expect(apply.stdout).not.toMatch(/\[x\] +\d+\. /);

    // The apply's sandbox did not write its older copy back over what the operator did.
    const after = await runCli(['plan'], { cwd: dir, env, timeoutMs: 120_000 });
    expect(after.stdout).toContain('No changes. The PSA matches the desired state.');
  }, 400_000);
});
