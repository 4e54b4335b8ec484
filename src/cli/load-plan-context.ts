// One path from the command line to a Plan, shared by plan, apply and drift: load and validate the desired
// state (diagnostics to stderr, exit 3 on error), open the target PSA, read state and the live PSA, build the
// plan. Returns everything and a close(); on failure it closes what it opened. Prints only diagnostics.
import { openKeyIntake } from '../apply/key-intake.js';
import { loadDesiredState } from '../config/load-desired-state.js';
import { CwctlError, ExitCode } from '../errors.js';
import type { DesiredState } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { LiveState } from '../model/live.js';
import type { Plan } from '../model/plan.js';
import type { StateFile } from '../model/state.js';
import { PlanInputError, buildPlan } from '../plan/build-plan.js';
import type { Credentials } from '../psa/client.js';
import { readLiveState } from '../psa/read-live-state.js';
import { assertStateTarget, readStateFile } from '../state/state-file.js';
import type { OpenedTarget } from './open-target.js';
import { openTarget } from './open-target.js';
import { printErr } from './output.js';
import { interruptSignal } from './interrupt.js';
import type { GlobalArgs } from './options.js';
import { renderDiagnostics } from './views/diagnostics.js';
import { describeRejectedKeys, memberKeyReads } from './member-keys.js';
import { registerSecret } from './redact.js';

export interface PlanContextOptions {
  file: string;
  stateDir: string;
  credentialsFile?: string | undefined;
  debug?: boolean;
  signal?: AbortSignal;
  /** Keys of integration members, to read their roles' customize lists (apply passes what it verified). */
  memberCredentials?: Record<string, Credentials>;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/** The plan-context options every report command takes straight from its global arguments. */
export function planContextOptionsOf(argv: Pick<GlobalArgs, 'file' | 'stateDir' | 'credentialsFile' | 'debug'>): PlanContextOptions {
  return { file: argv.file, stateDir: argv.stateDir, credentialsFile: argv.credentialsFile, debug: argv.debug, signal: interruptSignal() };
}

export interface PlanContext {
  desired: DesiredState;
  /** Warnings from loading (errors stop before a context exists). */
  diagnostics: Diagnostic[];
  opened: OpenedTarget;
  state: StateFile | null;
  live: LiveState;
  plan: Plan;
  close(): Promise<void>;
}

/** Loads and validates the desired state; prints its diagnostics; exit 3 when it has errors. */
export async function loadValidDesiredState(file: string): Promise<{ desired: DesiredState; diagnostics: Diagnostic[] }> {
  const { state, diagnostics } = await loadDesiredState(file);
  if (diagnostics.length > 0) printErr(renderDiagnostics(diagnostics, process.stderr));
  if (!state) {
    throw new CwctlError(`${file} is not valid`, { exitCode: ExitCode.InvalidInput, code: 'invalid-desired-state', hint: `cwctl validate -f ${file} shows the same problems` });
  }
  return { desired: state, diagnostics };
}

export async function loadPlanContext(options: PlanContextOptions): Promise<PlanContext> {
  const { desired, diagnostics } = await loadValidDesiredState(options.file);
  const opened = await openTarget({
    psa: desired.psa,
    stateDir: options.stateDir,
    credentialsFile: options.credentialsFile,
    ...(options.env ? { env: options.env } : {}),
    ...(options.debug ? { debugLog: (line: string) => printErr(line) } : {}),
  });
  try {
    const state = await readStateFile(options.stateDir);
    if (state) assertStateTarget(state, opened.target, options.stateDir);
    // Table Setup shows only to a member of the role, with its own keys: plan and drift read it with the pairs
    // apply would use (CWCTL_NEW_KEY_<MEMBER>), so they see what apply sees and a saved plan is not stale there.
    const keys = options.memberCredentials
      ? undefined
      : memberKeyReads(desired, await openKeyIntake({ env: options.env ?? process.env, onSecret: registerSecret }), opened.clientId);
    const memberCredentials = options.memberCredentials ?? keys?.credentials();
    const live = await readLiveState(opened.client, { desired, state }, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(opened.callerIdentifier ? { callerIdentifier: opened.callerIdentifier } : {}),
      ...(memberCredentials && Object.keys(memberCredentials).length > 0 ? { memberCredentials } : {}),
      ...(keys ? { onMemberKeyRejected: keys.onRejected } : {}),
    });
    // What the read could not make sense of (a Table Setup item naming no screen, an unidentified caller).
    if (live.warnings && live.warnings.length > 0) printErr(renderDiagnostics(live.warnings, process.stderr));
    for (const line of describeRejectedKeys(keys?.rejected ?? [])) printErr(`warning: ${line}`);
    let plan: Plan;
    try {
      plan = buildPlan({
        desired,
        live,
        state: state ?? undefined,
        capabilities: opened.client.capabilities,
        now: (options.now?.() ?? new Date()).toISOString(),
        target: opened.target,
        sandbox: opened.sandbox,
      });
    } catch (error) {
      if (error instanceof PlanInputError) printErr(renderDiagnostics(error.diagnostics, process.stderr));
      throw error;
    }
    return { desired, diagnostics, opened, state, live, plan, close: () => opened.close() };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
