// The Action's entry end to end: runAction in this process (GitHub API stubbed with nock, network disabled except
// loopback) running the built CLI as a child against the simulator, with a fake GITHUB_* environment: the step
// summary holds the plan, one PR comment is created and then updated (not duplicated), outputs are set.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/run-action.js';
import { createCliRunner } from '../../src/action/run-cli.js';
import type { Plan } from '../../src/model/plan.js';
import { CLI, ROOT, runCwctl, startSim } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';
import { parseOutputs } from './parse-outputs.js';

const API = 'https://api.github.com';
let handle: SimHandle;
let workspace: string;
let env: NodeJS.ProcessEnv;
const comments: { id: number; body: string }[] = [];

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1/);
  handle = await startSim();
  workspace = await mkdtemp(join(tmpdir(), 'cwctl-action-ws-'));
  // The repository's desired state: what the PSA has (imported), plus one change a pull request proposes.
  const imported = await runCwctl(['import', '--roles', 'Read Only', '--members', 'itglue'], { cwd: workspace, env: handle.env });
  expect(imported.code).toBe(0);
  const yaml = await readFile(join(workspace, 'cwctl.yaml'), 'utf8');
  await writeFile(join(workspace, 'cwctl.yaml'), yaml.replace('    name: IT Glue Sync', '    name: IT Glue Sync 2'));
  await writeFile(join(workspace, 'event.json'), JSON.stringify({ pull_request: { number: 4, head: { sha: '0123456789abcdef' } } }));
  env = {
    ...handle.env,
    GITHUB_WORKSPACE: workspace, RUNNER_TEMP: workspace, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(workspace, 'event.json'),
    GITHUB_STEP_SUMMARY: join(workspace, 'summary.md'), GITHUB_OUTPUT: join(workspace, 'output'), GITHUB_REPOSITORY: 'acme/psa',
    GITHUB_API_URL: API, INPUT_COMMAND: 'plan', INPUT_GITHUB_TOKEN: 'ghs_test_token', INPUT_COMMENT_ON_PR: 'true',
  };
  await writeFile(env.GITHUB_STEP_SUMMARY!, '');
  await writeFile(env.GITHUB_OUTPUT!, '');
  nock(API)
    .persist()
    .get('/repos/acme/psa/issues/4/comments').query(true).reply(200, () => comments)
    .post('/repos/acme/psa/issues/4/comments').reply(201, (_uri, body: { body: string }) => {
      comments.push({ id: comments.length + 100, body: body.body });
      return { id: comments.length + 99 };
    })
    .patch(/\/repos\/acme\/psa\/issues\/comments\/\d+/).reply(200, (uri, body: { body: string }) => {
      const id = Number(uri.split('/').pop());
      const comment = comments.find((c) => c.id === id)!;
      comment.body = body.body;
      return { id };
    });
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await handle.close();
});

describe('the Action against the simulator', () => {
  it('plans on a pull request: summary, outputs, one comment created then updated', async () => {
    let log = '';
    const runCli = createCliRunner(CLI);
    const first = await runAction({ env, runCli, fetch: globalThis.fetch, log: (t) => void (log += t) });
    expect(first.cliExitCode).toBe(2);
    expect(first.exitCode).toBe(0);
    expect(first.comment?.action).toBe('created');
    expect(log).toContain(`::add-mask::${handle.sim.admin.privateKey}`);

    const summary = await readFile(env.GITHUB_STEP_SUMMARY!, 'utf8');
    expect(summary).toContain('Config: `cwctl.yaml`');
    expect(summary).toContain('| name | IT Glue Sync | IT Glue Sync 2 |');
    expect(summary).not.toContain(handle.sim.admin.privateKey);
    const outputs = parseOutputs(await readFile(env.GITHUB_OUTPUT!, 'utf8'));
    expect(outputs).toMatchObject({ exitcode: '2', 'has-changes': 'true' });
    const plan = JSON.parse(await readFile(outputs['plan-json']!, 'utf8')) as Plan;
    expect(plan.changes.map((c) => c.address)).toEqual(['member:itglue']);

    const second = await runAction({ env, runCli, fetch: globalThis.fetch, log: () => undefined });
    expect(second.comment?.action).toBe('updated');
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith('<!-- cwctl-plan:cwctl.yaml -->\n### cwctl plan')).toBe(true);
    expect(comments[0]!.body).toContain('member **itglue**');
  });

  it('runs drift: exit 2 passes as a report, the marker stays first in the report file', async () => {
    await writeFile(env.GITHUB_OUTPUT!, '');
    const result = await runAction({ env: { ...env, INPUT_COMMAND: 'drift', GITHUB_EVENT_NAME: 'schedule' }, runCli: createCliRunner(CLI), log: () => undefined });
    expect(result.cliExitCode).toBe(2);
    expect(result.exitCode).toBe(0);
    expect(result.comment).toBeUndefined();
    const outputs = parseOutputs(await readFile(env.GITHUB_OUTPUT!, 'utf8'));
    const report = await readFile(outputs.report!, 'utf8');
    expect(report.split('\n')[0]).toBe('<!-- cwctl-drift:cwctl.yaml -->');
    expect(report).toContain('1 pending');
  });

  it('applies on push: API changes done (exit 0); a level change waits on guided steps (exit 8, checklist in the summary)', async () => {
    const push = { ...env, INPUT_COMMAND: 'apply', GITHUB_EVENT_NAME: 'push' };
    const applied = await runAction({ env: push, runCli: createCliRunner(CLI), log: () => undefined });
    expect(applied.cliExitCode).toBe(0);
    expect(applied.exitCode).toBe(0);
    const members = await handle.api<{ identifier: string; name: string }[]>('GET', '/system/apiMembers?conditions=identifier%3D%22itglue%22');
    expect(members[0]?.name).toBe('IT Glue Sync 2');

    const yaml = await readFile(join(workspace, 'cwctl.yaml'), 'utf8');
    await writeFile(join(workspace, 'cwctl.yaml'), yaml.replace(/^(\s+)Finance \/ Reports: \{ inquire: All \}$/m, '$1Finance / Reports: { inquire: None }'));
    await writeFile(env.GITHUB_STEP_SUMMARY!, '');
    let log = '';
    const waiting = await runAction({ env: push, runCli: createCliRunner(CLI), log: (t) => void (log += t) });
    expect(waiting.cliExitCode).toBe(8);
    expect(waiting.exitCode).toBe(8);
    expect(waiting.outputs['has-changes']).toBe('true');
    const summary = await readFile(env.GITHUB_STEP_SUMMARY!, 'utf8');
    expect(summary).toContain('## cwctl checklist: 1 of 1 step to do in ConnectWise PSA');
    expect(summary).toMatch(/- \[ \] \*\*System > Security Roles > Read Only > Finance > Reports\*\*: .*Inquire.*All.*None/);
    expect(log).toContain('::warning::cwctl apply is waiting on guided steps');
  });

  it('runs as action.yml runs it: node dist/src/action/run-action.js finds the built CLI itself', async () => {
    await writeFile(env.GITHUB_OUTPUT!, '');
    // Asynchronous: the simulator serves from this very process.
    const child = await new Promise<{ status: number | null; stdout: string }>((resolve, reject) => {
      const proc = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'action', 'run-action.js')], {
        env: { ...env, INPUT_COMMAND: 'drift', GITHUB_EVENT_NAME: 'schedule' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let stdout = '';
      proc.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      proc.on('error', reject);
      proc.on('close', (status) => resolve({ status, stdout }));
    });
    expect(child.stdout).toContain(`::add-mask::${handle.sim.admin.privateKey}`);
    expect(child.status).toBe(0); // drift found: a report, not a failure
    const outputs = parseOutputs(await readFile(env.GITHUB_OUTPUT!, 'utf8'));
    expect(outputs).toMatchObject({ exitcode: '2', 'has-changes': 'true' });
  });
});
