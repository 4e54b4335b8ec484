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
import { PlanInputError } from '../plan/build-plan.js';
import { planAgainstTarget } from '../plan/plan-against-target.js';
import { resolveMoves } from '../plan/resolve-moves.js';
import type { MemberKeys } from '../psa/client.js';
import { assertStateTarget, readStateFile } from '../state/state-file.js';
import type { OpenedTarget } from './open-target.js';
import { openTarget } from './open-target.js';
import { printErr } from './output.js';
import { interruptSignal } from './interrupt.js';
import type { GlobalArgs } from './options.js';
import { renderDiagnostics } from './views/diagnostics.js';
import { describeRejectedKeys, memberKeyReads } from './member-keys.js';
import { registerSecret } from './redact.js';
import { openEarly, takeEarly } from './early-start.js';
import type { EarlyKey } from './early-start.js';
import { currentClientOptions } from './request-timeout.js';

export interface PlanContextOptions {
  file: string;
  stateDir: string;
  credentialsFile?: string | undefined;
  debug?: boolean;
  signal?: AbortSignal;
  /** Keys of integration members, to read their roles' customize lists (apply passes what it verified). */
  memberCredentials?: Record<string, MemberKeys>;
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

/**
 * Offline guesses the live PSA settles at plan: a function or Table Setup screen cwctl's catalogue lacks. Plan
 * holds these warnings until it has read the PSA's own lists; where the PSA answered, its verdict (an error with
 * a live did-you-mean, or nothing) replaces the guess.
 */
const SETTLED_BY_LIVE: Record<string, (live: LiveState) => boolean> = {
  'unknown-function': (live) => Object.keys(live.catalogue?.functions ?? {}).length > 0,
  'unknown-table': (live) => live.catalogue?.setupScreens !== undefined,
};

/** Prints the held warnings the live read could not settle (the PSA listed no functions or screens). */
export function printUnsettled(held: readonly Diagnostic[], live: LiveState): void {
  const unsettled = held.filter((d) => !SETTLED_BY_LIVE[d.code]?.(live));
  if (unsettled.length > 0) printErr(renderDiagnostics(unsettled, process.stderr));
}

/**
 * Loads and validates the desired state; prints its diagnostics; exit 3 when it has errors. With `holdLiveChecked`,
 * the warnings the live PSA settles are returned in `held` instead of printed (plan prints what is left of them).
 */
export async function loadValidDesiredState(
  file: string, options: { holdLiveChecked?: boolean; onRoleNames?: (names: string[]) => void } = {},
): Promise<{ desired: DesiredState; diagnostics: Diagnostic[]; held: Diagnostic[] }> {
  const { state, diagnostics } = await loadDesiredState(file, options.onRoleNames ? { onRoleNames: options.onRoleNames } : {});
  const holds = (d: Diagnostic): boolean => options.holdLiveChecked === true && state !== undefined && d.severity === 'warning' && d.code in SETTLED_BY_LIVE;
  const held = diagnostics.filter(holds);
  const shown = diagnostics.filter((d) => !holds(d));
  if (shown.length > 0) printErr(renderDiagnostics(shown, process.stderr));
  if (!state) {
    throw new CwctlError(`${file} is not valid`, { exitCode: ExitCode.InvalidInput, code: 'invalid-desired-state', hint: `cwctl validate -f ${file} shows the same problems` });
  }
  return { desired: state, diagnostics, held };
}

export async function loadPlanContext(options: PlanContextOptions): Promise<PlanContext> {
  const targetOptions = (psa: DesiredState['psa']): Parameters<typeof openTarget>[0] => ({
    psa,
    stateDir: options.stateDir,
    credentialsFile: options.credentialsFile,
    ...(options.env ? { env: options.env } : {}),
    ...(options.debug ? { debugLog: (line: string) => printErr(line) } : {}),
  });
  // The first requests travel while the YAML is parsed and validated, when the target is known without it: taken
  // over from main's early start when it was made for these options, else started here.
  const earlyKey: EarlyKey = {
    file: options.file, stateDir: options.stateDir, credentialsFile: options.credentialsFile, client: currentClientOptions(), signal: options.signal,
    env: options.env ?? process.env,
  };
  const early = (options.debug ? undefined : await takeEarly(earlyKey)) ??
    await openEarly(earlyKey, options.debug ? { debugLog: (line: string) => printErr(line) } : {});
  let loaded: Awaited<ReturnType<typeof loadValidDesiredState>>;
  try {
    // Once the files are parsed (before they are checked), the declared roles' settings are asked for.
    loaded = await loadValidDesiredState(options.file, {
      holdLiveChecked: true,
      ...(early ? { onRoleNames: (names: string[]) => early.settings.start(names, early.prefetch.roles) } : {}),
    });
  } catch (error) {
    await early?.opened.close();
    throw error;
  }
  const { desired, diagnostics, held } = loaded;
  const useEarly = early !== undefined && desired.psa === undefined;
  if (early && !useEarly) await early.opened.close();
  const opened = useEarly ? early.opened : await openTarget(targetOptions(desired.psa));
  try {
    const state = await readStateFile(options.stateDir);
    if (state) assertStateTarget(state, opened.target, options.stateDir);
    // Table Setup shows only to a member of the role, with its own keys: plan and drift read it with the pairs
    // apply would use (CWCTL_NEW_KEY_<MEMBER>), so they see what apply sees and a saved plan is not stale there.
    const keys = options.memberCredentials
      ? undefined
      : memberKeyReads(desired, await openKeyIntake({ env: options.env ?? process.env, onSecret: registerSecret }));
    const memberCredentials = options.memberCredentials ?? keys?.credentials();
    let found: { plan: Plan; live: LiveState };
    try {
      found = await planAgainstTarget({
        desired,
        // With the early start, the client whose role-settings reads began while the YAML was being checked.
        to: useEarly ? { client: early.settings.client, target: opened.target, sandbox: opened.sandbox } : opened,
        state,
        read: {
          ...(options.signal ? { signal: options.signal } : {}),
          ...(opened.callerIdentifier ? { callerIdentifier: opened.callerIdentifier } : {}),
          ...(memberCredentials && Object.keys(memberCredentials).length > 0 ? { memberCredentials } : {}),
          ...(keys ? { onMemberKeyRejected: keys.onRejected } : {}),
          ...(useEarly ? { prefetch: early.prefetch } : {}),
        },
        onLive: (live) => {
          printUnsettled(held, live);
          // What the read could not make sense of (a Table Setup item naming no screen, an unidentified caller).
          if (live.warnings && live.warnings.length > 0) printErr(renderDiagnostics(live.warnings, process.stderr));
          for (const line of describeRejectedKeys(keys?.rejected ?? [])) printErr(`warning: ${line}`);
        },
        ...(options.now ? { now: options.now } : {}),
      });
    } catch (error) {
      if (error instanceof PlanInputError) printErr(renderDiagnostics(error.diagnostics, process.stderr));
      throw error;
    }
    const { plan, live } = found;
    // A `moved:` entry already done or not needed (neither in state nor in the PSA): said, not fatal.
    const moveWarnings = resolveMoves({ desired, live, state: state ?? undefined }).diagnostics.filter((d) => d.severity === 'warning');
    if (moveWarnings.length > 0) printErr(renderDiagnostics(moveWarnings, process.stderr));
    return { desired, diagnostics, opened, state, live, plan, close: () => opened.close() };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
