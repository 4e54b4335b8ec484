// runAction with a fake GITHUB_* environment and a scripted CLI (the real CLI against the simulator is in
// run-action-sim.test.ts): masks, step summary, outputs, one PR comment created then updated, exit codes.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliResult, RunCliOptions } from '../../src/action/run-cli.js';
import { runAction } from '../../src/action/run-action.js';
import { parseOutputs } from './parse-outputs.js';

const API = 'https://api.github.com';
let dir: string;
let env: NodeJS.ProcessEnv;
let log: string;

function scripted(result: CliResult, seen: RunCliOptions[] = []) {
  return (options: RunCliOptions): Promise<CliResult> => {
    seen.push(options);
    const out = options.args[options.args.indexOf('--out') + 1];
    if (options.args[0] === 'plan' && out && result.exitCode < 3) return writeFile(out, '{"formatVersion":1}').then(() => result);
    return Promise.resolve(result);
  };
}

beforeAll(() => nock.disableNetConnect());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cwctl-action-'));
  await writeFile(join(dir, 'event.json'), JSON.stringify({ number: 12, pull_request: { number: 12, head: { sha: 'abcdef1234567' } } }));
  await writeFile(join(dir, 'summary.md'), '');
  await writeFile(join(dir, 'output'), '');
  log = '';
  env = {
    PATH: process.env.PATH, GITHUB_WORKSPACE: dir, RUNNER_TEMP: dir, GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md'), GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_REPOSITORY: 'acme/psa', GITHUB_API_URL: API, GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '77',
    INPUT_COMMAND: 'plan', INPUT_CONFIG: 'cwctl.yaml', INPUT_GITHUB_TOKEN: 'ghs_token_1234', INPUT_COMMENT_ON_PR: 'true',
    CWCTL_PUBLIC_KEY: 'pubkey123456', CWCTL_PRIVATE_KEY: 'privkey-very-secret', CWCTL_CLIENT_ID: 'client-1',
  };
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('runAction (scripted CLI)', () => {
  it('plans, writes summary and outputs, masks keys, creates the comment and then updates it', async () => {
    const markdown = '## Plan: 1 to create\n\n| address | action |\n|---|---|\n| role:X | create |\n';
    const seen: RunCliOptions[] = [];
    const comments: { id: number; body: string }[] = [{ id: 5, body: 'a review' }];
    nock(API)
      .get('/repos/acme/psa/issues/12/comments').query(true).times(2).reply(200, () => comments)
      .post('/repos/acme/psa/issues/12/comments').reply(201, (_uri, body: { body: string }) => {
        comments.push({ id: 900, body: body.body });
        return { id: 900 };
      })
      .patch('/repos/acme/psa/issues/comments/900').reply(200, (_uri, body: { body: string }) => {
        comments[1]!.body = body.body;
        return { id: 900 };
      });

    const first = await runAction({ env, fetch: globalThis.fetch, runCli: scripted({ exitCode: 2, stdout: markdown, stderr: '' }, seen), log: (t) => void (log += t) });
    expect(first.exitCode).toBe(0); // changes are a report, not a failure
    expect(first.cliExitCode).toBe(2);
    expect(first.comment?.action).toBe('created');

    const second = await runAction({ env, fetch: globalThis.fetch, runCli: scripted({ exitCode: 0, stdout: '## No changes\n', stderr: '' }, seen), log: (t) => void (log += t) });
    expect(second.comment).toMatchObject({ action: 'updated', commentId: 900 });
    expect(comments).toHaveLength(2);
    expect(comments[1]!.body.startsWith('<!-- cwctl-plan:cwctl.yaml -->\n## No changes\n\nConfig: `cwctl.yaml`')).toBe(true);
    expect(comments[1]!.body).toContain('commit abcdef1');
    expect(comments[1]!.body).toContain('https://github.com/acme/psa/actions/runs/77');

    expect(seen[0]!.cwd).toBe(dir);
    expect(seen[0]!.env.CWCTL_PRIVATE_KEY).toBe('privkey-very-secret');
    expect(seen[0]!.env.INPUT_GITHUB_TOKEN).toBeUndefined();

    const summary = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('| role:X | create |');
    expect(summary).toContain('## No changes');
    const outputs = parseOutputs(await readFile(join(dir, 'output'), 'utf8'));
    expect(outputs).toMatchObject({ exitcode: '0', 'has-changes': 'false' });
    expect(outputs['plan-json']).toBe(join(dir, 'cwctl-action', 'plan-cwctl.yaml.json'));
    expect(await readFile(outputs.report!, 'utf8')).toContain('## No changes');

    for (const secret of ['privkey-very-secret', 'pubkey123456', 'ghs_token_1234']) expect(log).toContain(`::add-mask::${secret}\n`);
    expect(log.indexOf('::add-mask::')).toBe(0);
  });

  it('fails the step on exit 2 only with fail-on-changes, and on any real failure', async () => {
    env.GITHUB_EVENT_NAME = 'push';
    const changes = await runAction({ env: { ...env, INPUT_FAIL_ON_CHANGES: 'true' }, runCli: scripted({ exitCode: 2, stdout: '# p', stderr: '' }), log: () => undefined });
    expect(changes.exitCode).toBe(2);
    expect(changes.outputs['has-changes']).toBe('true');
    const broken = await runAction({ env, runCli: scripted({ exitCode: 4, stdout: '', stderr: 'error: PSA down' }), log: (t) => void (log += t) });
    expect(broken.exitCode).toBe(4);
    expect(broken.outputs['plan-json']).toBe('');
    expect(log).toContain('::error::cwctl plan exited 4: PSA or network error after retries');
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain('error: PSA down');
  });

  it('apply waiting on guided steps exits 8 with the checklist in the summary and a warning', async () => {
    env.INPUT_COMMAND = 'apply';
    const result = await runAction({ env, runCli: scripted({ exitCode: 8, stdout: '## Guided steps\n- [ ] System > Security Roles > X\n', stderr: '' }), log: (t) => void (log += t) });
    expect(result.exitCode).toBe(8);
    expect(result.comment).toBeUndefined(); // apply never comments
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain('- [ ] System > Security Roles > X');
    expect(log).toContain('::warning::cwctl apply is waiting on guided steps');
  });

  it('apply hands new API keys over as masked step outputs, never through cwctl\'s report, and removes the file', async () => {
    env.INPUT_COMMAND = 'apply';
    const seen: RunCliOptions[] = [];
    const { createKeySink } = await import('../../src/apply/key-sink.js');
    const writeKeys = async (options: RunCliOptions): Promise<CliResult> => {
      seen.push(options);
      const path = options.args[options.args.indexOf('--keys-out') + 1]!;
      // The CLI's own file sink writes the pair, exactly as `cwctl apply --keys-out` does.
      const sink = createKeySink({ keysOut: path, env: {} })!;
      await sink.put({ identifier: 'brightgauge', description: 'BrightGauge production', publicKey: 'PUBK1234', privateKey: 'PRIVATE-abcdef-9876', verifiedAt: '2026-11-23T00:00:00Z' });
      return { exitCode: 0, stdout: '## Apply complete\n', stderr: '' };
    };
    const result = await runAction({ env, runCli: writeKeys, log: (t) => void (log += t) });
    expect(result.exitCode).toBe(0);
    expect(seen[0]!.args).toContain('--keys-out');
    const maskAt = log.indexOf('::add-mask::PRIVATE-abcdef-9876');
    expect(maskAt).toBeGreaterThanOrEqual(0);
    const outputs = parseOutputs(await readFile(join(dir, 'output'), 'utf8'));
    expect(outputs.brightgauge_brightgauge_production_private_key).toBe('PRIVATE-abcdef-9876');
    expect(outputs.brightgauge_brightgauge_production_public_key).toBe('PUBK1234');
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).not.toContain('PRIVATE-abcdef-9876');
    const keysFile = seen[0]!.args[seen[0]!.args.indexOf('--keys-out') + 1]!;
    await expect(readFile(keysFile, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('warns, and does not fail, when GitHub refuses the comment', async () => {
    nock(API).get('/repos/acme/psa/issues/12/comments').query(true).reply(403, { message: 'Resource not accessible by integration' });
    const result = await runAction({ env, fetch: globalThis.fetch, runCli: scripted({ exitCode: 0, stdout: '# ok', stderr: '' }), log: (t) => void (log += t) });
    expect(result.exitCode).toBe(0);
    expect(log).toContain('::warning::cwctl: could not comment on pull request #12: GET /repos/acme/psa/issues/12/comments: 403');
  });

  it('rejects a bad command input with exit 3 and an error annotation, running nothing', async () => {
    const seen: RunCliOptions[] = [];
    const result = await runAction({ env: { ...env, INPUT_COMMAND: 'destroy' }, runCli: scripted({ exitCode: 0, stdout: '', stderr: '' }, seen), log: (t) => void (log += t) });
    expect(result.exitCode).toBe(3);
    expect(seen).toHaveLength(0);
    expect(log).toContain("::error::cwctl action: input command must be one of plan, apply, drift, not 'destroy'");
  });
});
