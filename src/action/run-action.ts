// The GitHub Action's entry: runs the built cwctl (plan | apply | drift) as a child process, writes its markdown
// report to the job summary, sets the step outputs, masks the keys it handles and, on a pull request, keeps ONE
// plan comment up to date. GitHub API calls happen here, in-process (tests stub them); it never prints a key.
import { realpathSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXIT_CODE_TABLE } from '../errors.js';
import { ActionInputError, readActionInputs } from './read-action-inputs.js';
import type { ActionCommand, ActionInputs } from './read-action-inputs.js';
import { createCliRunner } from './run-cli.js';
import type { CliResult, CliRunner } from './run-cli.js';
import { keyOutputs, readHandedOverKeys } from './hand-over-keys.js';
import { planChecksumMarker, readReviewedPlan } from './read-reviewed-plan.js';
import type { ReviewedPlan } from './read-reviewed-plan.js';
import { planCommentMarker, upsertPrComment } from './upsert-pr-comment.js';
import type { FetchLike, UpsertResult } from './upsert-pr-comment.js';
import { appendOutputs, appendSummary, formatAnnotation, formatInert, formatMask } from './workflow-commands.js';

export interface RunActionOptions {
  env: NodeJS.ProcessEnv;
  fetch?: FetchLike;
  runCli?: CliRunner;
  /** Receives the step's log: workflow commands and the CLI's echoed output (default: stdout). */
  log?: (text: string) => void;
}

export interface ActionResult {
  /** What the step exits with (2 becomes 0 unless fail-on-changes). */
  exitCode: number;
  /** What cwctl exited with. */
  cliExitCode: number;
  outputs: Record<string, string>;
  comment?: UpsertResult;
}

/** Keys and tokens the Action sees; each is masked in the log before anything else is printed. */
const SECRET_VARIABLES = ['CWCTL_PUBLIC_KEY', 'CWCTL_PRIVATE_KEY', 'CWCTL_CLIENT_ID', 'INPUT_GITHUB_TOKEN'] as const;

/** The exit codes that are a normal outcome of each command rather than a failure of cwctl. */
const REPORTING_CODES: Readonly<Record<ActionCommand, readonly number[]>> = {
  plan: [0, 2],
  drift: [0, 2],
  apply: [0, 8],
};

function slugOf(config: string): string {
  return config.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'cwctl';
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** The config as the person knows it: its path from the repository root (one comment per config). */
export function configName(inputs: Pick<ActionInputs, 'workingDirectory' | 'config'>): string {
  return posix.normalize(posix.join(inputs.workingDirectory.replace(/\\/g, '/'), inputs.config.replace(/\\/g, '/')));
}

/** A one-word reading of the run for the `outcome` output, so a workflow need not know the exit-code table. */
export function outcomeOf(command: ActionCommand, code: number): string {
  if (command === 'apply') return code === 0 ? 'applied' : code === 8 ? 'waiting-on-guided-steps' : 'failed';
  return code === 0 ? 'in-sync' : code === 2 ? 'changes' : 'failed';
}

/** The options of extra-args a plan understands too (apply-only flags such as --allow-deletes would be refused). */
export function planArgsFrom(extraArgs: readonly string[]): string[] {
  const shared = ['--state-dir', '--credentials-file', '--request-timeout'];
  const out: string[] = [];
  for (let i = 0; i < extraArgs.length; i++) {
    const arg = extraArgs[i] ?? '';
    if (shared.some((o) => arg.startsWith(`${o}=`))) out.push(arg);
    else if (shared.includes(arg) && extraArgs[i + 1] !== undefined) out.push(arg, extraArgs[++i] ?? '');
  }
  return out;
}

function meaningOf(code: number): string {
  return EXIT_CODE_TABLE.find((e) => e.code === code)?.meaning ?? 'unknown exit code';
}

/** How apply on merge runs: a saved plan (the one reviewed on the pull request) and whether its escalations are allowed. */
export interface ApplyChoice {
  planFile?: string;
  allowEscalation?: boolean;
}

/** The cwctl command line for an Action command: markdown on stdout, the plan saved as JSON. */
export function buildCliArgs(inputs: ActionInputs, planJsonPath: string, apply: ApplyChoice = {}): string[] {
  const common = ['-f', inputs.config, '--format', 'markdown'];
  switch (inputs.command) {
    case 'plan':
      return ['plan', ...common, '--out', planJsonPath, '--detailed-exitcode', ...inputs.extraArgs];
    case 'apply':
      // CI has no one to answer a prompt: the merge to main was the approval.
      return ['apply', ...(apply.planFile ? [apply.planFile] : []), ...common, '--auto-approve', ...(apply.allowEscalation ? ['--allow-escalation'] : []), ...inputs.extraArgs];
    case 'drift':
      return ['drift', ...common, ...inputs.extraArgs];
  }
}

/** The environment cwctl runs with: the job's, plus site/company from inputs, without the Action's own inputs. */
export function buildCliEnv(env: NodeJS.ProcessEnv, inputs: ActionInputs): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!key.startsWith('INPUT_')) out[key] = value;
  if (inputs.site) out.CWCTL_SITE = inputs.site;
  if (inputs.company) out.CWCTL_COMPANY = inputs.company;
  // Markdown goes to a summary and a comment: colour codes would show as garbage there.
  out.NO_COLOR = '1';
  delete out.FORCE_COLOR;
  return out;
}

/** The report as markdown: cwctl's own markdown, or the error it printed when it failed. */
export function renderReport(inputs: ActionInputs, result: CliResult): string {
  const heading = `### cwctl ${inputs.command} · \`${configName(inputs)}\``;
  const normal = REPORTING_CODES[inputs.command].includes(result.exitCode);
  let stdout = stripAnsi(result.stdout).trim();
  // cwctl's markdown may open with a hidden marker (drift: to find its issue again); keep it the first line.
  const marker = /^<!--[^\n]*-->\n?/.exec(stdout)?.[0];
  if (marker) stdout = stdout.slice(marker.length).trim();
  // When cwctl's report has its own heading, keep it and say which config it is for below it.
  const firstLine = stdout.split('\n', 1)[0] ?? '';
  const headed = normal && /^#{1,6} /.test(firstLine);
  if (headed) stdout = stdout.slice(firstLine.length).trim();
  const title = headed ? `${firstLine}\n\nConfig: \`${configName(inputs)}\`` : heading;
  const top = marker ? `${marker.trim()}\n${title}` : title;
  if (normal && stdout !== '') return `${top}\n\n${stdout}\n`;
  if (headed) return `${top}\n`;
  const stderr = stripAnsi(result.stderr).trim().split('\n').slice(-40).join('\n');
  const parts = [top, '', `**cwctl ${inputs.command} exited ${result.exitCode}: ${meaningOf(result.exitCode)}.**`];
  if (stdout !== '') parts.push('', stdout);
  if (stderr !== '') parts.push('', '```text', stderr.replace(/```/g, "'''"), '```');
  return `${parts.join('\n')}\n`;
}

interface PullRequestEvent {
  number: number;
  headSha: string | undefined;
}

async function readPullRequest(env: NodeJS.ProcessEnv): Promise<PullRequestEvent | undefined> {
  if (env.GITHUB_EVENT_NAME !== 'pull_request' && env.GITHUB_EVENT_NAME !== 'pull_request_target') return undefined;
  if (!env.GITHUB_EVENT_PATH) return undefined;
  const payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as {
    number?: unknown;
    pull_request?: { number?: unknown; head?: { sha?: unknown } };
  };
  const number = payload.pull_request?.number ?? payload.number;
  if (typeof number !== 'number') return undefined;
  const sha = payload.pull_request?.head?.sha;
  return { number, headSha: typeof sha === 'string' ? sha : undefined };
}

interface SavedPlanFacts {
  checksum: string;
  escalations: number;
}

/** The checksum and escalation count of the plan cwctl saved, or undefined when it wrote none (or not a plan). */
async function readSavedPlanFacts(path: string): Promise<SavedPlanFacts | undefined> {
  try {
    const plan = JSON.parse(await readFile(path, 'utf8')) as { checksum?: unknown; safety?: { allowFlag?: unknown }[] };
    if (typeof plan.checksum !== 'string') return undefined;
    const escalations = Array.isArray(plan.safety) ? plan.safety.filter((f) => f.allowFlag === '--allow-escalation').length : 0;
    return { checksum: plan.checksum, escalations };
  } catch {
    return undefined;
  }
}

function renderCommentBody(marker: string, report: string, result: CliResult, env: NodeJS.ProcessEnv, pr: PullRequestEvent, saved: SavedPlanFacts | undefined, label: string | undefined): string {
  const facts = [`exit ${result.exitCode}`];
  if (pr.headSha) facts.push(`commit ${pr.headSha.slice(0, 7)}`);
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    facts.push(`[workflow run](${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID})`);
  }
  // The checksum lets apply on merge take exactly this plan, and only while it is still what main would plan.
  const checksum = saved ? `${planChecksumMarker(saved.checksum)}\n` : '';
  const escalation = saved && saved.escalations > 0
    ? label
      ? `\n> Apply on merge refuses the escalation(s) above unless this pull request carries the label \`${label}\` when it is merged; the label allows them for this reviewed plan only.\n`
      : '\n> Apply on merge refuses the escalation(s) above (no escalation label is configured): run apply with `--allow-escalation` by hand after review.\n'
    : '';
  return `${marker}\n${report}${escalation}\n${checksum}<sub>${facts.join(' · ')} · updated by cwctl on every push</sub>\n`;
}

/** Lines put under the report's first line (its heading), where a reader of the summary sees them first. */
function withNotes(report: string, notes: readonly string[]): string {
  if (notes.length === 0) return report;
  const at = report.indexOf('\n');
  const head = at < 0 ? report : report.slice(0, at);
  const rest = at < 0 ? '' : report.slice(at + 1);
  return `${head}\n\n${notes.join('\n\n')}\n${rest}`;
}

interface ReviewedApply {
  choice?: ApplyChoice;
  reviewed?: ReviewedPlan;
  /** Said in the summary: which plan was applied and why. */
  note?: string;
  /** Set when apply must not run (reviewed-plan: require and no fresh reviewed plan). */
  refusal?: string;
}

interface ChooseReviewedPlanInput {
  inputs: ActionInputs;
  env: NodeJS.ProcessEnv;
  runCli: CliRunner;
  cwd: string;
  cliEnv: NodeJS.ProcessEnv;
  planJsonPath: string;
  fetch: FetchLike;
  log: (text: string) => void;
}

/**
 * Apply on merge: find the pull request the pushed commit came from and the checksum of the plan the Action
 * commented there, plan afresh, and apply that saved plan when the checksums agree (the reviewed plan is still
 * fresh). Only then may the PR's escalation label allow its escalations: the allowance covers exactly the plan a
 * person read, never a later one. Otherwise plan afresh as before (prefer) or refuse (require).
 */
async function chooseReviewedPlan(input: ChooseReviewedPlanInput): Promise<ReviewedApply> {
  const { inputs, env, log } = input;
  if (inputs.reviewedPlan === 'off') return {};
  const fallback = (why: string): ReviewedApply => {
    if (inputs.reviewedPlan === 'require') return { refusal: `${why}; reviewed-plan: require applies only the plan reviewed on the merged pull request` };
    log(`cwctl: ${why}; planning afresh\n`);
    return {};
  };
  if (env.GITHUB_EVENT_NAME !== 'push' || !env.GITHUB_SHA) return fallback(`event '${env.GITHUB_EVENT_NAME ?? 'none'}' is not a push of a merged pull request`);
  if (!inputs.githubToken || !env.GITHUB_REPOSITORY) return fallback('no github-token or GITHUB_REPOSITORY to find the reviewed plan with');
  let reviewed: ReviewedPlan | undefined;
  try {
    reviewed = await readReviewedPlan({
      apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
      token: inputs.githubToken,
      repository: env.GITHUB_REPOSITORY,
      sha: env.GITHUB_SHA,
      marker: planCommentMarker(configName(inputs)),
      fetch: input.fetch,
    });
  } catch (error) {
    return fallback(`could not read the pull request of ${env.GITHUB_SHA.slice(0, 7)}: ${error instanceof Error ? error.message : String(error)} (the workflow needs permissions: pull-requests: read)`);
  }
  if (!reviewed) return fallback(`commit ${env.GITHUB_SHA.slice(0, 7)} comes from no merged pull request`);
  if (!reviewed.checksum) return fallback(`pull request #${reviewed.pullRequest} has no cwctl plan comment for ${configName(inputs)}`);

  const args = ['plan', '-f', inputs.config, '--format', 'json', '--out', input.planJsonPath, ...planArgsFrom(inputs.extraArgs)];
  log(`cwctl ${args.join(' ')}  (in ${input.cwd}; to compare with the plan reviewed on #${reviewed.pullRequest})\n`);
  const planned = await input.runCli({ args, cwd: input.cwd, env: input.cliEnv, onStderr: (chunk) => log(formatInert(chunk)) });
  const fresh = planned.exitCode === 0 || planned.exitCode === 2 ? await readSavedPlanFacts(input.planJsonPath) : undefined;
  if (!fresh) return { ...fallback(`cwctl plan exited ${planned.exitCode} (${meaningOf(planned.exitCode)})`), reviewed };
  const short = (c: string): string => c.slice(0, 'sha256:'.length + 12);
  if (fresh.checksum !== reviewed.checksum) {
    const why = `the plan reviewed on pull request #${reviewed.pullRequest} (${short(reviewed.checksum)}) is no longer what cwctl plans now (${short(fresh.checksum)}): the PSA or the state moved since the review`;
    if (inputs.reviewedPlan === 'require') return { reviewed, refusal: `${why}. Re-run the plan on a pull request and review it again.` };
    log(formatAnnotation('warning', `cwctl: ${why}; applying the fresh plan, with no escalation allowed by the label`));
    return { reviewed, note: `> Applied a fresh plan: ${why}. No escalation was allowed by a label.` };
  }
  const allowEscalation = inputs.escalationLabel !== undefined && reviewed.labels.includes(inputs.escalationLabel);
  const allowed = allowEscalation && fresh.escalations > 0 ? ` Its ${fresh.escalations} escalation(s) are allowed by the label \`${inputs.escalationLabel ?? ''}\` on that pull request.` : '';
  return {
    reviewed,
    choice: { planFile: input.planJsonPath, allowEscalation },
    note: `> Applied the plan reviewed on pull request #${reviewed.pullRequest} (${short(reviewed.checksum)}), still fresh.${allowed}`,
  };
}

export async function runAction(options: RunActionOptions): Promise<ActionResult> {
  const { env } = options;
  const log = options.log ?? ((text: string) => void process.stdout.write(text));
  for (const name of SECRET_VARIABLES) {
    const value = env[name];
    if (value && value.trim() !== '') log(formatMask(value.trim()));
  }

  let inputs: ActionInputs;
  try {
    inputs = readActionInputs(env);
  } catch (error) {
    // ActionInputError, or an unclosed quote in extra-args: both are bad input.
    if (!(error instanceof ActionInputError) && !(error instanceof Error)) throw error;
    log(formatAnnotation('error', `cwctl action: ${error.message}`));
    return { exitCode: 3, cliExitCode: 3, outputs: { exitcode: '3', outcome: 'failed', 'has-changes': 'false', 'plan-json': '', 'reviewed-plan': '', report: '' } };
  }

  const cwd = resolve(env.GITHUB_WORKSPACE ?? process.cwd(), inputs.workingDirectory);
  const tempDir = join(env.RUNNER_TEMP ?? tmpdir(), 'cwctl-action');
  await mkdir(tempDir, { recursive: true });
  const slug = slugOf(configName(inputs));
  const planJsonPath = join(tempDir, `plan-${slug}.json`);
  const reportPath = join(tempDir, `${inputs.command}-${slug}.md`);

  // A plan left by an earlier step must not pass for this run's plan when this one fails before planning.
  await rm(planJsonPath, { force: true });
  // New API keys verified by an apply go to a private file, never to cwctl's stdout (which becomes the summary):
  // the Action masks them and makes them step outputs itself.
  const keysPath = join(tempDir, `keys-${slug}.env`);
  await rm(keysPath, { force: true });

  const runCli = options.runCli ?? createCliRunner();
  const fetchImpl = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));
  const cliEnv = buildCliEnv(env, inputs);
  const notes: string[] = [];
  let result: CliResult;
  let applied: ReviewedApply = {};
  if (inputs.command === 'apply') {
    applied = await chooseReviewedPlan({ inputs, env, runCli, cwd, cliEnv, planJsonPath, fetch: fetchImpl, log });
    if (applied.note) notes.push(applied.note);
  }
  if (applied.refusal) {
    // Nothing was applied: the reviewed plan is stale or missing and the workflow asked for that plan only.
    result = { exitCode: 5, stdout: '', stderr: applied.refusal };
    log(formatAnnotation('error', `cwctl apply: ${applied.refusal}`));
  } else {
    const args = buildCliArgs(inputs, planJsonPath, applied.choice);
    if (inputs.command === 'apply' && !inputs.extraArgs.includes('--keys-out')) args.push('--keys-out', keysPath);
    log(`cwctl ${args.join(' ')}  (in ${cwd})\n`);
    result = await runCli({ args, cwd, env: cliEnv, onStderr: (chunk) => log(formatInert(chunk)) });
    if (result.stdout !== '') log(formatInert(result.stdout));
  }
  if (inputs.command === 'apply' && result.exitCode === 8) {
    notes.push(
      `> **Waiting on guided steps** (exit 8): cwctl did what the API can; a person must do the checklist below in the PSA, then re-run this job. ` +
        (inputs.failOnGuidedSteps ? 'The step fails so the run shows the PSA is not yet as the YAML says.' : 'The step does not fail (`fail-on-guided-steps: false`); the `outcome` output is `waiting-on-guided-steps`.'),
    );
  }

  const report = withNotes(renderReport(inputs, result), notes);
  await writeFile(reportPath, report, 'utf8');
  await appendSummary(env.GITHUB_STEP_SUMMARY, report);

  let planJson = '';
  if (inputs.command === 'plan') {
    try {
      await readFile(planJsonPath, 'utf8');
      planJson = planJsonPath;
    } catch {
      // No plan was written (cwctl failed before planning): the output stays empty.
    }
  }
  const outputs: Record<string, string> = {
    exitcode: String(result.exitCode),
    outcome: outcomeOf(inputs.command, result.exitCode),
    'reviewed-plan': applied.choice?.planFile && applied.reviewed ? String(applied.reviewed.pullRequest) : '',
    'has-changes': String(result.exitCode === 2 || result.exitCode === 8),
    'plan-json': planJson,
    report: reportPath,
  };
  const keys = await readHandedOverKeys(keysPath);
  for (const key of keys) log(formatMask(key.privateKey) + formatMask(key.publicKey));
  Object.assign(outputs, keyOutputs(keys));
  await appendOutputs(env.GITHUB_OUTPUT, outputs);
  await rm(keysPath, { force: true });

  let comment: UpsertResult | undefined;
  const pr = inputs.command === 'plan' && inputs.commentOnPr ? await readPullRequest(env) : undefined;
  if (pr) {
    if (!inputs.githubToken || !env.GITHUB_REPOSITORY) {
      log(formatAnnotation('warning', 'cwctl: no github-token or GITHUB_REPOSITORY, so the plan was not commented on the pull request'));
    } else {
      const marker = planCommentMarker(configName(inputs));
      try {
        comment = await upsertPrComment({
          apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
          token: inputs.githubToken,
          repository: env.GITHUB_REPOSITORY,
          issueNumber: pr.number,
          marker,
          body: renderCommentBody(marker, report, result, env, pr, planJson ? await readSavedPlanFacts(planJson) : undefined, inputs.escalationLabel),
          fetch: fetchImpl,
        });
        log(`cwctl: ${comment.action} the plan comment on pull request #${pr.number}\n`);
      } catch (error) {
        // A fork's read-only token cannot comment: the summary still holds the plan, so warn, do not fail.
        const message = error instanceof Error ? error.message : String(error);
        log(formatAnnotation('warning', `cwctl: could not comment on pull request #${pr.number}: ${message} (the workflow needs permissions: pull-requests: write)`));
      }
    }
  }

  if (inputs.command === 'apply' && result.exitCode === 8) {
    log(formatAnnotation('warning', `cwctl apply is waiting on guided steps (exit 8${inputs.failOnGuidedSteps ? '' : ', not failing the step: fail-on-guided-steps is false'}): the job summary holds the checklist; do it in the PSA, then re-run this job`));
  } else if (!REPORTING_CODES[inputs.command].includes(result.exitCode) && !applied.refusal) {
    log(formatAnnotation('error', `cwctl ${inputs.command} exited ${result.exitCode}: ${meaningOf(result.exitCode)}`));
  }
  const passes = (result.exitCode === 2 && !inputs.failOnChanges) || (inputs.command === 'apply' && result.exitCode === 8 && !inputs.failOnGuidedSteps);
  const exitCode = passes ? 0 : result.exitCode;
  return { exitCode, cliExitCode: result.exitCode, outputs, ...(comment ? { comment } : {}) };
}

function isMain(): boolean {
  const invoked = process.argv[1];
  if (!invoked) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(invoked)).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  runAction({ env: process.env })
    .then((result) => {
      process.exitCode = result.exitCode;
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stdout.write(formatAnnotation('error', `cwctl action failed: ${message}`));
      process.exitCode = 1;
    });
}
