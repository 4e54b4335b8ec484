// `cwctl show` with the built CLI on the sandbox: a saved plan renders without -f and without a PSA; the
// permission grid is written as one HTML file; an unknown role is exit 3 with a did-you-mean.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cwctl-show-'));
  const planned = await runCli(['plan', '-f', join(ROOT, 'examples', 'brightgauge'), '--out', 'plan.json'], { cwd: dir, timeoutMs: 120_000 });
  expect(planned.code).toBe(0);
}, 120_000);

describe('cwctl show', () => {
  it('renders a saved plan with no desired-state file and no PSA (text, markdown, json)', async () => {
    const text = await runCli(['show', 'plan.json', '--state-dir', join(dir, 'nowhere')], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('+ role BrightGaugeAPI');
    expect(text.stdout).toMatch(/Plan: \d+ to create/);
    const markdown = await runCli(['show', 'plan.json', '--format', 'markdown'], { cwd: dir });
    expect(markdown.stdout).toContain('BrightGaugeAPI');
    const json = JSON.parse((await runCli(['show', 'plan.json', '--format', 'json'], { cwd: dir })).stdout) as { checksum: string };
    const saved = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as { checksum: string };
    expect(json.checksum).toBe(saved.checksum);
  });

  it('refuses a file that is not a plan as bad input', async () => {
    await writeFile(join(dir, 'other.json'), '{"hello": 1}');
    const run = await runCli(['show', 'other.json'], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('is not a saved cwctl plan');
  });

  it('writes the permission grid as a static HTML page, and names an unknown role with a did-you-mean', async () => {
    const file = join(ROOT, 'examples', 'brightgauge');
    const html = await runCli(['show', 'BrightGaugeAPI', '-f', file, '--format', 'html', '--out', 'grid.html'], { cwd: dir, timeoutMs: 120_000 });
    expect(html.code).toBe(0);
    const page = await readFile(join(dir, 'grid.html'), 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<h2>Role BrightGaugeAPI</h2>');
    expect(page).toContain('Service Desk / Service Tickets');
    expect(page).toMatch(/<td class="change"[^>]*>- -&gt; All<\/td>/);
    const unknown = await runCli(['show', 'BrightGaugeApl', '-f', file], { cwd: dir, timeoutMs: 120_000 });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain("did you mean 'BrightGaugeAPI'?");
  }, 120_000);
});

describe('cwctl fmt', () => {
  it('--check exits 2 naming the file and writes nothing; fmt then rewrites it and --check passes', async () => {
    const messy = 'version: 1\nroles:\n- name: R   # kept\n  permissions:\n    Service Desk / Service Tickets: {inquire: All}\n';
    await writeFile(join(dir, 'messy.yaml'), messy);
    const check = await runCli(['fmt', '--check', '-f', 'messy.yaml'], { cwd: dir });
    expect(check.code).toBe(2);
    expect(check.stdout).toContain('would reformat messy.yaml');
    expect(await readFile(join(dir, 'messy.yaml'), 'utf8')).toBe(messy);
    expect((await runCli(['fmt', '-f', 'messy.yaml'], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'messy.yaml'), 'utf8')).toContain('  - name: R   # kept\n');
    expect((await runCli(['fmt', '--check', '-f', 'messy.yaml'], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'broken.yaml'), 'roles: [a\n');
    const broken = await runCli(['fmt', '-f', 'broken.yaml'], { cwd: dir });
    expect(broken.code).toBe(3);
    expect(broken.stderr).toMatch(/broken\.yaml:\d+:\d+/);
  });
});
