// Onboarding in CI, end to end with real git repositories, the built CLI and the simulator: a repository started
// with `cwctl import` applies cleanly (the imported Admin role is no escalation), and re-running the apply job
// after exit 8 works from the state the first attempt committed, through the example workflow's own commit step
// (which rebases on a main that moved meanwhile) and a checkout of the branch tip.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/run-action.js';
import { createCliRunner } from '../../src/action/run-cli.js';
import { CLI, ROOT, runCwctl, startSim } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';

let handle: SimHandle;
let root: string;
const origin = (): string => join(root, 'origin.git');
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();

/** What actions/checkout@v4 with `ref: ${{ github.ref }}` gives a job: a clone at the tip of main. */
function checkout(name: string): string {
  const dir = join(root, name);
  git(root, 'clone', '-q', origin(), dir);
  return dir;
}

/** The example apply workflow's "Commit the state back" step, run as the runner would (bash, GITHUB_* set). */
async function commitStateStep(cwd: string, sha: string): Promise<void> {
  type Step = { name?: string; run?: string };
  const workflow = load(await readFile(join(ROOT, 'examples', 'workflows', 'apply-on-merge.yml'), 'utf8')) as { jobs: { apply: { steps: Step[] } } };
  const script = workflow.jobs.apply.steps.find((s) => s.name === 'Commit the state back')?.run;
  expect(script).toBeDefined();
  execFileSync('bash', ['-e', '-c', script!], { cwd, env: { ...process.env, GITHUB_SHA: sha, GITHUB_REF_NAME: 'main' }, stdio: 'pipe' });
}

function actionEnv(workspace: string): NodeJS.ProcessEnv {
  return {
    ...handle.env, PATH: process.env.PATH, GITHUB_WORKSPACE: workspace, RUNNER_TEMP: join(root, 'runner-temp'), GITHUB_EVENT_NAME: 'push',
    INPUT_COMMAND: 'apply', INPUT_REVIEWED_PLAN: 'off',
  };
}

beforeAll(async () => {
  handle = await startSim();
  root = await mkdtemp(join(tmpdir(), 'cwctl-onboard-'));
  git(root, 'init', '-q', '--bare', origin());
  const first = checkout('laptop');
  const imported = await runCwctl(['import'], { cwd: first, env: handle.env });
  expect(imported.code).toBe(0);
  git(first, 'add', 'cwctl.yaml', '.cwctl/state.json');
  git(first, 'commit', '-qm', 'cwctl import');
  git(first, 'push', '-q', 'origin', 'HEAD:main');
}, 120_000);
afterAll(async () => {
  await handle.close();
});

describe('onboarding in CI', () => {
  it('applies an imported repository with nothing to do: the Admin role is not refused as an escalation', async () => {
    const ws = checkout('ci-1');
    expect(await readFile(join(ws, 'cwctl.yaml'), 'utf8')).toMatch(/- name: Admin\n/);
    const result = await runAction({ env: actionEnv(ws), runCli: createCliRunner(CLI), log: () => undefined });
    expect(result.cliExitCode).toBe(0);
    expect(result.outputs.outcome).toBe('applied');
  });

  it('re-running the apply job after exit 8 starts from the state the first attempt committed', async () => {
    // A merged change that needs a person: lower a level on an imported role (a guided step).
    const laptop = join(root, 'laptop');
    git(laptop, 'pull', '-q', 'origin', 'main');
    const yaml = await readFile(join(laptop, 'cwctl.yaml'), 'utf8');
    const at = yaml.indexOf('- name: Read Only\n');
    expect(at).toBeGreaterThan(0);
    const changed = yaml.slice(0, at) + yaml.slice(at).replace(/^(\s+)Finance \/ Reports: \{ inquire: All \}$/m, '$1Finance / Reports: { inquire: None }');
    expect(changed).not.toBe(yaml);
    await writeFile(join(laptop, 'cwctl.yaml'), changed);
    git(laptop, 'commit', '-qam', 'Read Only loses Finance reports');
    git(laptop, 'push', '-q', 'origin', 'HEAD:main');
    const merged = git(laptop, 'rev-parse', 'HEAD');

    const attempt1 = checkout('ci-2');
    const first = await runAction({ env: { ...actionEnv(attempt1), GITHUB_SHA: merged }, runCli: createCliRunner(CLI), log: () => undefined });
    expect(first.cliExitCode).toBe(8);
    // main moves while the job runs (someone merges docs): the workflow's step rebases the state commit on top.
    git(laptop, 'commit', '-q', '--allow-empty', '-m', 'docs');
    git(laptop, 'push', '-q', 'origin', 'HEAD:main');
    const stateBefore = JSON.parse(await readFile(join(attempt1, '.cwctl', 'state.json'), 'utf8')) as { serial: number };
    await commitStateStep(attempt1, merged);
    expect(git(attempt1, 'log', '-1', '--format=%s', 'origin/main')).toMatch(/^cwctl: state after apply of [0-9a-f]{7} \[skip ci\]$/);

    // The person does the checklist in the PSA screens.
    const planned = await runCwctl(['plan', '--out', 'remaining.json'], { cwd: attempt1, env: handle.env });
    expect(planned.code).toBe(0);
    const played = await runCwctl(['sim', 'operator', '--plan', 'remaining.json'], { cwd: attempt1, env: handle.env });
    expect(played.code).toBe(0);

    // The re-run checks out the branch tip: the committed state, not the one at the pushed commit.
    const attempt2 = checkout('ci-2-rerun');
    const rerunState = JSON.parse(await readFile(join(attempt2, '.cwctl', 'state.json'), 'utf8')) as { serial: number };
    expect(rerunState.serial).toBe(stateBefore.serial);
    const second = await runAction({ env: { ...actionEnv(attempt2), GITHUB_SHA: merged, GITHUB_RUN_ATTEMPT: '2' }, runCli: createCliRunner(CLI), log: () => undefined });
    expect(second.cliExitCode).toBe(0);
    expect(second.outputs.outcome).toBe('applied');
  }, 120_000);
});
