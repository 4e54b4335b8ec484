// `cwctl apply [plan.json]`: plans (or takes a saved plan), shows it, asks (or --auto-approve), applies API
// operations and verifies guided steps, prints the checklist of what a person still has to do (exit 8 until
// every step is verified), takes new API keys and hands them to a sink. Thin: src/apply does the work.
// Never prints a private key; asks nothing when stdin is not a terminal.
import { createInterface } from 'node:readline';
import type { Argv, CommandModule } from 'yargs';
import type { ApplyReporter, RunApplyOutcome, SnapshotContext } from '../../apply/apply-plan.js';
import { PLAN_READ_FRESH_MS, runApply } from '../../apply/apply-plan.js';
import type { KeyPrompt } from '../../apply/key-intake.js';
import { newKeysFileMissing, openKeyIntake } from '../../apply/key-intake.js';
import type { GuidedStepState } from '../../apply/guided-executor.js';
import { createKeySink } from '../../apply/key-sink.js';
import { createLiveChecklistFeed } from '../../apply/live-checklist-feed.js';
import { assertPlanIntact, readSavedPlan } from '../../apply/saved-plan.js';
import { CwctlError, ExitCode } from '../../errors.js';
import type { Address } from '../../model/address.js';
import type { LiveState } from '../../model/live.js';
import type { Plan } from '../../model/plan.js';
import type { StateFile } from '../../model/state.js';
import { PlanInputError } from '../../plan/build-plan.js';
import { targetPlanner } from '../../plan/plan-against-target.js';
import type { Planner } from '../../plan/plan-against-target.js';
import type { LivePrefetch } from '../../psa/prefetch-live-state.js';
import { verifyPlanSources, withSources } from '../../plan/plan-sources.js';
import { buildStateResources } from '../../plan/snapshot.js';
import type { ReadLiveStateOptions } from '../../psa/read-live-state.js';
import { readLiveState } from '../../psa/read-live-state.js';
import { writeFileAtomic } from '../../state/atomic-write.js';
import { acquireLock, currentUser } from '../../state/lock.js';
import { parseDuration } from '../../state/parse-duration.js';
import { readStateFile } from '../../state/state-file.js';
import { crashTestHook } from '../crash-test-hook.js';
import { requestExitCode } from '../exit-status.js';
import { takeEarly } from '../early-start.js';
import { interruptSignal } from '../interrupt.js';
import { currentClientOptions } from '../request-timeout.js';
import { loadValidDesiredState, printUnsettled } from '../load-plan-context.js';
import { memberKeyReads, rejectedKeysError } from '../member-keys.js';
import type { OpenedTarget } from '../open-target.js';
import { isSandboxTarget, openTarget } from '../open-target.js';
import type { GlobalArgs } from '../options.js';
import { paint, printErr, printJson, printOut } from '../output.js';
import type { ApplyProgress } from '../progress.js';
import { startApplyProgress, useLiveProgress } from '../progress.js';
import { registerSecret } from '../redact.js';
import { renderDiagnostics } from '../views/diagnostics.js';
import { checklistLines, renderChecklistMarkdown, renderChecklistSummaryText, renderChecklistText } from '../views/checklist.js';
import { renderPlanText } from '../views/plan-text.js';
import type { ChecklistServer } from '../serve/checklist-server.js';
import { serveChecklist, servePortOf } from '../serve/serve-option.js';
import { selectionOf, withTargetOptions } from '../target-options.js';
import type { TargetArgs } from '../target-options.js';

interface ApplyArgs extends Omit<GlobalArgs, 'file'>, TargetArgs {
  /** -f: undefined when not given (a saved plan then names its own files; else cwctl.yaml). */
  file?: string;
  plan?: string;
  'auto-approve': boolean;
  wait: boolean;
  timeout: string;
  'lock-timeout': string;
  'allow-escalation': boolean;
  'allow-deletes': boolean;
  confirm: string[];
  who?: string;
  'new-keys'?: string;
  'keys-out'?: string;
  'checklist-out'?: string;
  'refresh-only': boolean;
  serve?: string;
}

/** -f when neither given nor recorded in a saved plan. */
const DEFAULT_FILE = 'cwctl.yaml';

const isInteractive = (): boolean => process.stdin.isTTY === true && process.stderr.isTTY === true && process.env.CI !== 'true';

/** One line read from the terminal; with `hidden`, typed characters are not echoed. */
function askLine(question: string, hidden = false): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (hidden) {
      // Swallow the echo of what is typed (readline writes it through _writeToOutput).
      Object.assign(rl, {
        _writeToOutput: (s: string) => {
          if (s === question || s.includes('\n')) process.stderr.write(s.includes('\n') ? '\n' : s);
        },
      });
    }
    // Ctrl-C at a prompt: readline catches it (raw mode), so pass it on to the run's interrupt handling.
    rl.on('SIGINT', () => {
      rl.close();
      resolve('');
      process.kill(process.pid, 'SIGINT');
    });
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer.trim());
    });
  });
}

const hiddenKeyPrompt: KeyPrompt = async (identifier, description) => {
  printErr(`\nThe API key "${description}" of ${identifier}: paste the pair shown in the PSA (Enter to skip).`);
  const publicKey = await askLine(`  public key of ${identifier}: `);
  if (publicKey === '') return undefined;
  const privateKey = await askLine(`  private key of ${identifier} (hidden): `, true);
  return privateKey === '' ? undefined : { publicKey, privateKey };
};

export const applyCommand: CommandModule<GlobalArgs, ApplyArgs> = {
  builder: (y: Argv<GlobalArgs>) =>
    withTargetOptions(y)
      // No default here: without -f, a saved plan's own record of its files is used (and checked).
      .option('file', { type: 'string', default: undefined, global: true, describe: 'Desired-state YAML file or directory (default: the files a saved plan records, else cwctl.yaml)' })
      .positional('plan', { type: 'string', describe: 'A plan saved with cwctl plan --out (refused if stale)' })
      .option('auto-approve', { type: 'boolean', default: false, describe: 'Apply without asking (required without a terminal)' })
      .option('wait', { type: 'boolean', default: false, describe: 'Keep the checklist open and tick steps off as the PSA comes to match' })
      .option('timeout', { type: 'string', default: '30m', describe: 'How long --wait waits for the guided steps' })
      .option('lock-timeout', { type: 'string', default: '0', describe: 'How long to wait for another run holding the state lock (e.g. 30s)' })
      .option('allow-escalation', { type: 'boolean', default: false, describe: 'Allow changes that raise privileges' })
      .option('allow-deletes', { type: 'boolean', default: false, describe: 'Allow deletes beyond the safety cap' })
      .option('confirm', { type: 'string', array: true, default: [] as string[], describe: 'ADDRESS of a guided step you did and cwctl cannot read back (repeatable)' })
      .option('who', { type: 'string', describe: 'Who confirms (default $USER); recorded in state with --confirm' })
      .option('new-keys', { type: 'string', describe: 'File of new API key pairs: MEMBER=PUBLIC:PRIVATE lines or JSON (or CWCTL_NEW_KEY_<MEMBER>)' })
      .option('keys-out', { type: 'string', describe: 'Write verified new key pairs here (0600); in GitHub Actions they become masked step outputs' })
      .option('refresh-only', { type: 'boolean', default: false, describe: 'Only record in state what changed in the PSA since the last apply (the drift); change nothing in the PSA' })
      .option('checklist-out', { type: 'string', describe: 'Write the guided checklist as markdown to this file' })
      .option('serve', { type: 'string', describe: 'With --wait: also show the live checklist as a page on http://127.0.0.1:PORT/ (no PORT or 0: any free port; the URL is printed)' })
      .example('cwctl apply', 'plan, show, ask, apply')
      .example('cwctl plan --out plan.json && cwctl apply plan.json', 'apply exactly the reviewed plan')
      .example('cwctl apply --auto-approve --new-keys keys.env --keys-out secrets.env', 'CI, handing over new API keys')
      .example('cwctl apply --wait --serve', 'keep the checklist open in a browser beside the PSA screens'),
  handler: async (args) => {
    const signal = interruptSignal();
    const env = process.env;
    const who = args.who ?? currentUser(env);
    const lockTimeoutMs = parseDuration(args['lock-timeout'], '--lock-timeout');
    // Checked before anything is opened; the page is started below, once the live checklist feed exists.
    const servePort = await servePortOf(args);
    if (args['refresh-only']) {
      if (args.plan) throw new CwctlError('--refresh-only takes no saved plan', { exitCode: ExitCode.InvalidInput, code: 'invalid-flags', hint: 'run cwctl apply --refresh-only without plan.json' });
      const { runRefreshOnly } = await import('./apply-refresh-only.js');
      await runRefreshOnly({ ...args, file: args.file ?? DEFAULT_FILE, autoApprove: args['auto-approve'], lockTimeoutMs, who, ...(isInteractive() ? { ask: (q: string) => askLine(q) } : {}) });
      return;
    }
    const waitMs = args.wait ? parseDuration(args.timeout, '--timeout') : undefined;
    const savedPlan = args.plan ? await readSavedPlan(args.plan) : undefined;
    // An edited plan is refused before anything is opened (runApply checks again, for library callers).
    if (savedPlan && args.plan) assertPlanIntact(savedPlan, args.plan);
    // Without -f, a saved plan is applied only from the very files it was made from (each checked by digest).
    const file = args.file ?? (savedPlan?.sources !== undefined && args.plan ? await verifyPlanSources(savedPlan, args.plan) : DEFAULT_FILE);
    const interactive = isInteractive();
    // The live checklist on the terminal (--wait) and the key prompt drawn below it: loaded only for a run that
    // may show them (issue #14: a CI or JSON apply loads nothing it does not use).
    const showLive = args.wait && args.format === 'text';
    const terminal = showLive || interactive ? await import('../live-checklist-terminal.js') : undefined;
    // The reads main.ts started before this command loaded (early-start.ts), when they were made for these options.
    let early = await takeEarly({ file, stateDir: args.stateDir, credentialsFile: args.credentialsFile, client: currentClientOptions(), signal, env });
    let loaded: Awaited<ReturnType<typeof loadValidDesiredState>>;
    try {
      loaded = await loadValidDesiredState(file, { holdLiveChecked: true });
    } catch (error) {
      await early?.opened.close();
      throw error;
    }
    const { desired, held } = loaded;
    if (early && desired.psa !== undefined) {
      // Not reached (a file naming its PSA is not read early), but a file's own psa: block always wins.
      await early.opened.close();
      early = undefined;
    }
    let heldShown = false;
    // The sandbox's PSA is a file under the state dir, loaded when it opens: a second apply that loaded it before
    // the first released the lock would write its stale copy over the first one's work. So take the lock first,
    // and let go of it only once the sandbox has flushed its data file (after opened.close()).
    const heldLock = isSandboxTarget(desired.psa, env)
      ? await acquireLock({ stateDir: args.stateDir, operation: 'apply', who, timeoutMs: lockTimeoutMs, signal })
      : undefined;
    let opened: OpenedTarget;
    try {
      opened = early?.opened ?? await openTarget({
        psa: desired.psa,
        stateDir: args.stateDir,
        credentialsFile: args.credentialsFile,
        ...(args.debug ? { debugLog: (line: string) => printErr(line) } : {}),
      });
    } catch (error) {
      await heldLock?.release();
      throw error;
    }
    let progress: ApplyProgress | undefined;
    // The live checklist: the apply loop publishes each verification round to this one feed; the terminal view
    // subscribes below, and anything else that shows the checklist (a --serve page) subscribes to it too.
    const checklist = createLiveChecklistFeed({ target: opened.target });
    const liveView = showLive ? terminal?.showLiveChecklist(checklist, { stream: process.stderr, redraw: useLiveProgress(env) }) : undefined;
    let guidedStates: readonly GuidedStepState[] = [];
    let page: ChecklistServer | undefined;
    try {
      // --serve: the same feed as a page on loopback; a port in use fails here, before anything is changed.
      if (servePort !== undefined) page = await serveChecklist(checklist, servePort, printErr);
      // --wait: a --new-keys file not there yet is watched for (the person, or `cwctl sim operator`, writes it
      // once the keys exist in the PSA); it is read, mode and owner checked, when it appears.
      const newKeys = args['new-keys'];
      if (args.wait && newKeys !== undefined && (await newKeysFileMissing(newKeys))) {
        printErr(`Watching for ${newKeys}: new API key pairs are read from it once it appears (it must be mode 0600, e.g. written by cwctl sim operator).`);
      }
      const keys = await openKeyIntake({
        env,
        file: newKeys,
        waitForFile: args.wait,
        // The prompt draws below the live checklist, shown first with what this round verified so far.
        prompt: interactive && terminal ? (identifier, description) => terminal.askBelowChecklist(checklist, guidedStates, liveView, () => hiddenKeyPrompt(identifier, description)) : undefined,
        onSecret: registerSecret,
      });
      // Workflow commands only when stdout is the text a runner reads: a markdown/JSON report is captured by a
      // program (the Action puts it in the job summary), where a mask line would itself leak the key.
      const keySink = createKeySink({ keysOut: args['keys-out'], env, emitWorkflowCommand: args.format === 'text' ? printOut : undefined });
      if (keySink && !args['keys-out'] && args.format !== 'text') {
        printErr(`note: new API keys, if any, go to ${keySink.describe}`);
      }
      // Table Setup is read with members' own pairs; one the PSA refuses is reported at the end (exit 3, naming
      // its variable or file) while the rest of the apply goes on with that list unread.
      const memberKeys = memberKeyReads(desired, keys);
      const liveReadOptions = (): ReadLiveStateOptions => ({
        signal,
        memberCredentials: memberKeys.credentials(),
        onMemberKeyRejected: memberKeys.onRejected,
        ...(opened.callerIdentifier ? { callerIdentifier: opened.callerIdentifier } : {}),
      });
      const readLive = (state: StateFile | null) => readLiveState(opened.client, { desired, state }, liveReadOptions());
      // What the plan read, moments ago: the end-of-apply snapshot is built from it when nothing since could have
      // made it differ from what is live (applyPlan says when), instead of reading every role a second time.
      let planLive: LiveState | undefined;
      // --target/--exclude, or the selection a saved plan was made with (so its checksum compares like for like).
      const plannerFor = (to: Pick<OpenedTarget, 'client' | 'target' | 'sandbox'>, prefetch?: LivePrefetch): Planner => targetPlanner({
        desired,
        to,
        read: () => ({ ...liveReadOptions(), ...(prefetch ? { prefetch } : {}) }),
        selection: savedPlan?.selection ?? selectionOf(args),
        onLive: (live) => {
          planLive = live;
          if (heldShown) return;
          heldShown = true;
          printUnsettled(held, live);
        },
      });
      const planFrom = plannerFor(opened);
      // The first plan (under the lock) may take over the early reads: only if no other apply wrote state since they
      // began (no lock was held then, and the state file is the same one now) and they began within the freshness
      // window of a plan's read. Later plans read for themselves.
      let unusedEarly = early;
      let earlyUsedAt: number | undefined;
      const firstPlanFrom = async (state: StateFile | null): Promise<Plan> => {
        const reads = unusedEarly;
        unusedEarly = undefined;
        if (reads && Date.now() - reads.startedAt <= PLAN_READ_FRESH_MS && (await reads.stateUnchanged())) {
          earlyUsedAt = reads.startedAt;
          return plannerFor({ client: reads.settings.client, target: opened.target, sandbox: opened.sandbox }, reads.prefetch)(state);
        }
        return planFrom(state);
      };
      const snapshot = async (addresses: Address[], context: SnapshotContext) =>
        buildStateResources(context.planReadStands && planLive ? planLive : await readLive(await readStateFile(args.stateDir)), addresses, new Date().toISOString());

      const reporter: ApplyReporter = {
        operationStarted: (op) => progress?.reporter.operationStarted?.(op),
        operationFinished: (op, o) => progress?.reporter.operationFinished?.(op, o),
        operationFailed: (op, e) => progress?.reporter.operationFailed?.(op, e),
        beforeGuided: async (s) => {
          await progress?.reporter.beforeGuided?.(s);
          guidedStates = s;
          checklist.publish(s);
        },
        guidedRound: (s) => {
          guidedStates = s;
          checklist.publish(s);
          // A view redrawn in place shows the count itself; plain lines between its draws would break it.
          if (!liveView?.redraws) progress?.reporter.guidedRound?.(s);
        },
        note: (l) => progress?.reporter.note?.(l),
      };
      let outcome: RunApplyOutcome;
      try {
        outcome = await runApply({
          client: opened.client,
          stateDir: args.stateDir,
          target: opened.target,
          lockTimeoutMs,
          heldLock,
          savedPlan,
          planReadBegan: () => earlyUsedAt,
          // A saved plan's record of its files is provenance (checked above without -f); the fresh plan carries
          // it too, so that the checksums compare what apply acts on.
          buildPlan: async (state) => {
            const fresh = await firstPlanFrom(state);
            return savedPlan?.sources ? withSources(fresh, savedPlan.sources) : fresh;
          },
          allowEscalation: args['allow-escalation'],
          allowDeletes: args['allow-deletes'],
          who,
          keys,
          keySink,
          confirmations: args.confirm,
          signal,
          reporter,
          snapshot,
          roleOfMember: (identifier) => desired.members.find((m) => m.identifier.toLowerCase() === identifier.toLowerCase())?.role,
          ...(waitMs !== undefined ? { wait: { timeoutMs: waitMs, initialPollMs: Number(env.CWCTL_WAIT_POLL_MS ?? 2000) } } : {}),
          ...crashTestHook(env),
          approve: async (plan) => {
            if (args.format === 'text') printOut(renderPlanText(plan, process.stdout));
            if (args['auto-approve']) return true;
            if (!interactive) {
              throw new CwctlError('apply needs an approval and there is no terminal to ask on', {
                exitCode: ExitCode.InvalidInput,
                code: 'approval-required',
                hint: 'review the plan, then run cwctl apply --auto-approve (or apply a saved plan: cwctl plan --out plan.json && cwctl apply plan.json)',
              });
            }
            const answer = await askLine('\nApply these changes? Only "yes" is accepted: ');
            return answer === 'yes';
          },
          beforeApply: (plan) => {
            progress = startApplyProgress(plan, args.format === 'text' && useLiveProgress(env));
          },
        });
      } catch (error) {
        if (error instanceof PlanInputError) printErr(renderDiagnostics(error.diagnostics, process.stderr));
        throw error;
      } finally {
        await progress?.finish();
      }
      if (outcome.guided.length > 0) checklist.publish(outcome.guided, outcome.pending > 0 ? 'stopped' : 'finished');
      liveView?.stop();
      report(args, outcome, liveView?.shown === true);
      if (args['checklist-out'] && outcome.plan.guided.length > 0) {
        await writeFileAtomic(args['checklist-out'], renderChecklistMarkdown(outcome.plan, checklistLines(outcome.plan, outcome.guided.length > 0 ? outcome.guided : undefined)));
        if (args.format === 'text') printErr(`checklist written to ${args['checklist-out']}`);
      }
      if (outcome.approved && outcome.pending > 0) requestExitCode(ExitCode.WaitingOnGuided);
      if (memberKeys.rejected.length > 0) throw rejectedKeysError(memberKeys.rejected);
    } finally {
      // An apply that failed or was interrupted mid-checklist: the page and the terminal see it stopped.
      if (checklist.current().phase === 'waiting' && guidedStates.length > 0) checklist.publish(guidedStates, 'stopped');
      liveView?.stop();
      await page?.close();
      await opened.close();
      await heldLock?.release();
      // main.ts exits right after the handler: let a large report (JSON of a big plan) reach a slow pipe first.
      await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
    }
  },
};

/** `liveShown`: the live checklist was on screen (stderr); the text report then sums it up instead of repeating it. */
function report(args: ApplyArgs, outcome: RunApplyOutcome, liveShown: boolean): void {
  const { plan } = outcome;
  const lines = checklistLines(plan, outcome.guided.length > 0 ? outcome.guided : undefined);
  if (args.format === 'json') {
    printJson({
      approved: outcome.approved,
      applied: outcome.completed.map((c) => ({ operation: c.op.id, result: c.outcome.result, ...(c.outcome.psaId !== undefined ? { psaId: c.outcome.psaId } : {}) })),
      adopted: plan.adopt.map((a) => a.address),
      guided: lines.map((l) => ({ ...l.step, done: l.done, ...(l.note ? { note: l.note } : {}) })),
      pending: outcome.pending,
      state: { lineage: outcome.state.lineage, serial: outcome.state.serial },
      plan,
    });
    return;
  }
  if (args.format === 'markdown') {
    printOut(renderChecklistMarkdown(plan, lines));
    return;
  }
  if (!outcome.approved) {
    printOut('Apply cancelled: nothing was changed.');
    return;
  }
  if (plan.operations.length === 0 && plan.adopt.length === 0) {
    printOut('No changes. The PSA matches the desired state.');
    return;
  }
  const created = outcome.completed.filter((c) => c.outcome.result === 'created').length;
  const changed = outcome.completed.filter((c) => ['updated', 'deactivated', 'deleted'].includes(c.outcome.result)).length;
  const unchanged = outcome.completed.length - created - changed;
  const text = liveShown ? renderChecklistSummaryText(lines, process.stdout) : renderChecklistText(lines, process.stdout);
  if (text) printOut(text);
  const verified = lines.filter((l) => l.done).length;
  printOut(
    `${paint(outcome.pending > 0 ? 'yellow' : 'green', outcome.pending > 0 ? 'Apply waiting on guided steps' : 'Apply complete')}: ` +
      `${created} created, ${changed} changed, ${unchanged} already right, ${plan.adopt.length} adopted; ` +
      `${verified} of ${lines.length} guided step(s) verified. State serial ${outcome.state.serial}.`,
  );
}
