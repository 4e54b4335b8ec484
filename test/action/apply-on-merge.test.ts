// Apply on merge with a scripted CLI and the GitHub API stubbed (nock): the plan reviewed on the merged pull
// request is applied when it is still fresh, its escalations are allowed only by that PR's label, a stale or
// missing reviewed plan falls back (prefer) or refuses (require), and exit 8 can be a labelled non-failure.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checksumInComment } from '../../src/action/read-reviewed-plan.js';
import { runAction } from '../../src/action/run-action.js';
import type { CliResult, RunCliOptions } from '../../src/action/run-cli.js';
import { parseOutputs } from './parse-outputs.js';

const API = 'https://api.github.com';
const REVIEWED = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;
const MARKER = '<!-- cwctl-plan:cwctl.yaml -->';
let dir: string;
let env: NodeJS.ProcessEnv;
let log: string;

/** A CLI whose plan writes a plan with the given checksum (and one escalation), and whose apply exits `applyExit`. */
function scripted(checksum: string, applyExit: number, seen: RunCliOptions[]) {
  return async (options: RunCliOptions): Promise<CliResult> => {
    seen.push(options);
    if (options.args[0] === 'plan') {
      const out = options.args[options.args.indexOf('--out') + 1]!;
      await writeFile(out, JSON.stringify({ formatVersion: 1, checksum, safety: [{ kind: 'escalation', allowFlag: '--allow-escalation' }] }));
      return { exitCode: 2, stdout: '{}', stderr: '' };
    }
    return { exitCode: applyExit, stdout: applyExit === 8 ? '## Guided steps\n- [ ] System > Security Roles > X\n' : '## Apply complete\n', stderr: '' };
  };
}

function githubHas(pr: { labels: string[]; comments: { body: string; type: string }[] }): void {
  nock(API)
    .get('/repos/acme/psa/commits/c0ffee1234567/pulls').reply(200, [{ number: 7, merged_at: '2026-12-01T00:00:00Z', labels: pr.labels.map((name) => ({ name })) }])
    .get('/repos/acme/psa/issues/7/comments').query(true).reply(200, pr.comments.map((c, i) => ({ id: i + 1, body: c.body, user: { type: c.type } })));
}

const botComment = (checksum: string) => ({ body: `${MARKER}\n### cwctl plan\n\n<!-- cwctl-plan-checksum:${checksum} -->\n`, type: 'Bot' });

beforeAll(() => nock.disableNetConnect());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cwctl-merge-'));
  await writeFile(join(dir, 'summary.md'), '');
  await writeFile(join(dir, 'output'), '');
  log = '';
  env = {
    PATH: process.env.PATH, GITHUB_WORKSPACE: dir, RUNNER_TEMP: dir, GITHUB_EVENT_NAME: 'push', GITHUB_SHA: 'c0ffee1234567',
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'), GITHUB_OUTPUT: join(dir, 'output'), GITHUB_REPOSITORY: 'acme/psa', GITHUB_API_URL: API,
    INPUT_COMMAND: 'apply', INPUT_CONFIG: 'cwctl.yaml', INPUT_GITHUB_TOKEN: 'ghs_token_1234',
  };
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const applyCall = (seen: RunCliOptions[]): string[] => seen.find((s) => s.args[0] === 'apply')?.args ?? [];

describe('apply on merge takes the plan reviewed on the pull request', () => {
  it('applies the reviewed plan, still fresh, and allows its escalation by the PR label only', async () => {
    githubHas({ labels: ['cwctl-allow-escalation'], comments: [botComment(REVIEWED)] });
    const seen: RunCliOptions[] = [];
    const result = await runAction({ env, fetch: globalThis.fetch, runCli: scripted(REVIEWED, 0, seen), log: (t) => void (log += t) });
    expect(result.exitCode).toBe(0);
    const args = applyCall(seen);
    expect(args[1]).toBe(join(dir, 'cwctl-action', 'plan-cwctl.yaml.json'));
    expect(args).toContain('--allow-escalation');
    expect(result.outputs).toMatchObject({ 'reviewed-plan': '7', outcome: 'applied' });
    const summary = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('Applied the plan reviewed on pull request #7');
    expect(summary).toContain('allowed by the label `cwctl-allow-escalation`');
  });

  it('applies the reviewed plan without --allow-escalation when the PR has no label', async () => {
    githubHas({ labels: ['docs'], comments: [botComment(REVIEWED)] });
    const seen: RunCliOptions[] = [];
    await runAction({ env, fetch: globalThis.fetch, runCli: scripted(REVIEWED, 6, seen), log: (t) => void (log += t) });
    expect(applyCall(seen)[1]).toContain('plan-cwctl.yaml.json');
    expect(applyCall(seen)).not.toContain('--allow-escalation');
  });

  it('a stale reviewed plan: prefer applies a fresh plan without the label allowance; require refuses with exit 5', async () => {
    githubHas({ labels: ['cwctl-allow-escalation'], comments: [botComment(REVIEWED)] });
    const seen: RunCliOptions[] = [];
    const preferred = await runAction({ env, fetch: globalThis.fetch, runCli: scripted(OTHER, 0, seen), log: (t) => void (log += t) });
    expect(preferred.exitCode).toBe(0);
    expect(applyCall(seen)[1]).toBe('-f');
    expect(applyCall(seen)).not.toContain('--allow-escalation');
    expect(log).toContain('::warning::cwctl: the plan reviewed on pull request #7');
    expect(preferred.outputs['reviewed-plan']).toBe('');

    githubHas({ labels: ['cwctl-allow-escalation'], comments: [botComment(REVIEWED)] });
    const strict: RunCliOptions[] = [];
    const refused = await runAction({ env: { ...env, INPUT_REVIEWED_PLAN: 'require' }, fetch: globalThis.fetch, runCli: scripted(OTHER, 0, strict), log: (t) => void (log += t) });
    expect(refused.exitCode).toBe(5);
    expect(applyCall(strict)).toEqual([]);
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain('is no longer what cwctl plans now');
  });

  it('ignores a comment with the marker that a person (not a bot) wrote', async () => {
    githubHas({ labels: ['cwctl-allow-escalation'], comments: [{ ...botComment(REVIEWED), type: 'User' }] });
    const seen: RunCliOptions[] = [];
    await runAction({ env, fetch: globalThis.fetch, runCli: scripted(REVIEWED, 0, seen), log: (t) => void (log += t) });
    expect(seen.map((s) => s.args[0])).toEqual(['apply']);
    expect(applyCall(seen)).not.toContain('--allow-escalation');
    expect(log).toContain('has no cwctl plan comment');
  });

  it('exit 8 is a labelled outcome that fails the step unless fail-on-guided-steps is false', async () => {
    const seen: RunCliOptions[] = [];
    const failing = await runAction({ env: { ...env, INPUT_REVIEWED_PLAN: 'off' }, runCli: scripted(REVIEWED, 8, seen), log: (t) => void (log += t) });
    expect(failing.exitCode).toBe(8);
    const passing = await runAction({ env: { ...env, INPUT_REVIEWED_PLAN: 'off', INPUT_FAIL_ON_GUIDED_STEPS: 'false' }, runCli: scripted(REVIEWED, 8, seen), log: (t) => void (log += t) });
    expect(passing.exitCode).toBe(0);
    expect(passing.cliExitCode).toBe(8);
    expect(passing.outputs.outcome).toBe('waiting-on-guided-steps');
    expect(log).toContain('not failing the step: fail-on-guided-steps is false');
    const summary = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('**Waiting on guided steps** (exit 8)');
    expect(summary).toContain('- [ ] System > Security Roles > X');
    expect(parseOutputs(await readFile(join(dir, 'output'), 'utf8')).outcome).toBe('waiting-on-guided-steps');
  });
});

describe('the plan comment on the pull request', () => {
  it('carries the plan checksum and says how its escalation can be allowed', async () => {
    await writeFile(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7, head: { sha: 'abc1234' } } }));
    let posted = '';
    nock(API)
      .get('/repos/acme/psa/issues/7/comments').query(true).reply(200, [])
      .post('/repos/acme/psa/issues/7/comments').reply(201, (_uri, body: { body: string }) => {
        posted = body.body;
        return { id: 1 };
      });
    const seen: RunCliOptions[] = [];
    await runAction({ env: { ...env, INPUT_COMMAND: 'plan', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(dir, 'event.json') }, fetch: globalThis.fetch, runCli: scripted(REVIEWED, 0, seen), log: () => undefined });
    expect(checksumInComment(posted)).toBe(REVIEWED);
    expect(posted).toContain('unless this pull request carries the label `cwctl-allow-escalation`');
  });
});
