// The Action's small modules: argument splitting, input reading, the runner file formats and the report text.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionInputError, readActionInputs } from '../../src/action/read-action-inputs.js';
import { buildCliArgs, buildCliEnv, configName, renderReport } from '../../src/action/run-action.js';
import { splitArgs } from '../../src/action/split-args.js';
import { appendOutputs, formatInert, formatMask, formatOutput } from '../../src/action/workflow-commands.js';

describe('splitArgs', () => {
  it.each([
    ['', []],
    ['--allow-deletes', ['--allow-deletes']],
    ['  --a   b ', ['--a', 'b']],
    [`--state-dir "state dir/prod" --x 'a b'`, ['--state-dir', 'state dir/prod', '--x', 'a b']],
    [String.raw`a\ b "c\"d" ''`, ['a b', 'c"d', '']],
    ['$HOME *', ['$HOME', '*']],
  ])('%j -> %j', (text, expected) => {
    expect(splitArgs(text)).toEqual(expected);
  });
  it('refuses an unclosed quote', () => {
    expect(() => splitArgs('--x "open')).toThrow(/unclosed " quote/);
  });
});

describe('readActionInputs', () => {
  it('reads every input with its default', () => {
    expect(readActionInputs({ INPUT_COMMAND: 'plan' })).toEqual({
      command: 'plan', config: 'cwctl.yaml', workingDirectory: '.', site: undefined, company: undefined,
      githubToken: undefined, commentOnPr: true, failOnChanges: false, extraArgs: [],
      failOnGuidedSteps: true, reviewedPlan: 'prefer', escalationLabel: 'cwctl-allow-escalation',
    });
    const inputs = readActionInputs({
      INPUT_COMMAND: ' drift ', INPUT_CONFIG: 'psa.yaml', INPUT_WORKING_DIRECTORY: 'sites/eu', INPUT_SITE: 'api-eu.myconnectwise.net',
      INPUT_COMPANY: 'acme', INPUT_GITHUB_TOKEN: 'ghs_x', INPUT_COMMENT_ON_PR: 'false', INPUT_FAIL_ON_CHANGES: 'TRUE',
      INPUT_EXTRA_ARGS: '--state-dir "a b"',
    });
    expect(inputs).toMatchObject({ command: 'drift', config: 'psa.yaml', commentOnPr: false, failOnChanges: true, extraArgs: ['--state-dir', 'a b'] });
  });
  it('reads the apply-on-merge inputs; an explicitly empty escalation label turns the label off', () => {
    expect(readActionInputs({ INPUT_COMMAND: 'apply', INPUT_FAIL_ON_GUIDED_STEPS: 'false', INPUT_REVIEWED_PLAN: 'require', INPUT_ESCALATION_LABEL: 'psa-escalate' }))
      .toMatchObject({ failOnGuidedSteps: false, reviewedPlan: 'require', escalationLabel: 'psa-escalate' });
    expect(readActionInputs({ INPUT_COMMAND: 'apply', INPUT_ESCALATION_LABEL: '  ' }).escalationLabel).toBeUndefined();
    expect(() => readActionInputs({ INPUT_COMMAND: 'apply', INPUT_REVIEWED_PLAN: 'always' })).toThrow(/reviewed-plan must be one of prefer, require, off, not 'always'/);
  });
  it('refuses a missing or unknown command and a non-boolean flag', () => {
    expect(() => readActionInputs({})).toThrow(ActionInputError);
    expect(() => readActionInputs({ INPUT_COMMAND: 'destroy' })).toThrow(/one of plan, apply, drift, not 'destroy'/);
    expect(() => readActionInputs({ INPUT_COMMAND: 'plan', INPUT_COMMENT_ON_PR: 'yes' })).toThrow(/comment-on-pr must be true or false/);
  });
});

describe('workflow commands', () => {
  it('masks values with the toolkit escaping, so a multi-line key is one command', () => {
    expect(formatMask('a%b\nc')).toBe('::add-mask::a%25b%0Ac\n');
  });
  it('writes outputs in the heredoc form with a delimiter not found in the value', async () => {
    const text = formatOutput('plan', 'line 1\nline 2');
    const [first, ...rest] = text.trimEnd().split('\n');
    const delimiter = first!.replace('plan<<', '');
    expect(delimiter).toMatch(/^ghadelimiter_[0-9a-f-]{36}$/);
    expect(rest).toEqual(['line 1', 'line 2', delimiter]);

    const dir = await mkdtemp(join(tmpdir(), 'cwctl-out-'));
    const file = join(dir, 'output');
    await appendOutputs(file, { exitcode: '2', 'has-changes': 'true' });
    await appendOutputs(file, { more: 'x' });
    const written = await readFile(file, 'utf8');
    expect(written).toMatch(/^exitcode<<(\S+)\n2\n\1\nhas-changes<<(\S+)\ntrue\n\2\nmore<<(\S+)\nx\n\3\n$/);
  });
  it('echoes CLI output between stop-commands and its token so it cannot issue commands', () => {
    const text = formatInert('::set-env name=X::1\n');
    const token = /^::stop-commands::(\S+)\n/.exec(text)?.[1];
    expect(token).toBeDefined();
    expect(text.endsWith(`::set-env name=X::1\n::${token}::\n`)).toBe(true);
  });
});

describe('the CLI command line and environment', () => {
  const base = readActionInputs({ INPUT_COMMAND: 'plan', INPUT_EXTRA_ARGS: '--allow-deletes', INPUT_SITE: 'psa.example.com', INPUT_COMPANY: 'acme' });
  it('plans as markdown with the JSON plan saved and the detailed exit code', () => {
    expect(buildCliArgs(base, '/tmp/p.json')).toEqual([
      'plan', '-f', 'cwctl.yaml', '--format', 'markdown', '--out', '/tmp/p.json', '--detailed-exitcode', '--allow-deletes',
    ]);
    expect(buildCliArgs({ ...base, command: 'apply' }, 'x')).toContain('--auto-approve');
    expect(buildCliArgs({ ...base, command: 'drift' }, 'x').slice(0, 5)).toEqual(['drift', '-f', 'cwctl.yaml', '--format', 'markdown']);
  });
  it('passes the keys through, sets the target from inputs and drops the inputs (the token among them)', () => {
    const env = buildCliEnv({ PATH: '/bin', CWCTL_PRIVATE_KEY: 'k', INPUT_GITHUB_TOKEN: 'ghs', FORCE_COLOR: '1' }, base);
    expect(env).toEqual({ PATH: '/bin', CWCTL_PRIVATE_KEY: 'k', CWCTL_SITE: 'psa.example.com', CWCTL_COMPANY: 'acme', NO_COLOR: '1' });
  });
  it('names a config by its path from the repository root', () => {
    expect(configName({ workingDirectory: '.', config: 'cwctl.yaml' })).toBe('cwctl.yaml');
    expect(configName({ workingDirectory: 'sites/eu/', config: './cwctl.yaml' })).toBe('sites/eu/cwctl.yaml');
  });
});

describe('renderReport', () => {
  const inputs = readActionInputs({ INPUT_COMMAND: 'drift' });
  it("keeps cwctl's hidden marker as the first line, above the heading", () => {
    const report = renderReport(inputs, { exitCode: 2, stdout: '<!-- cwctl-drift:cwctl.yaml -->\n## Drift\n- x\n', stderr: '' });
    expect(report.split('\n')).toEqual(['<!-- cwctl-drift:cwctl.yaml -->', '## Drift', '', 'Config: `cwctl.yaml`', '', '- x', '']);
  });
  it('adds a heading naming the config when cwctl printed none', () => {
    const report = renderReport(inputs, { exitCode: 0, stdout: 'No changes.\n', stderr: '' });
    expect(report).toBe('### cwctl drift · `cwctl.yaml`\n\nNo changes.\n');
  });
  it('shows the exit meaning and the end of stderr when cwctl failed', () => {
    const report = renderReport(inputs, { exitCode: 4, stdout: '', stderr: '\u001b[31merror\u001b[0m: PSA unreachable\n' });
    expect(report).toContain('exited 4: PSA or network error after retries');
    expect(report).toContain('```text\nerror: PSA unreachable\n```');
  });
});
