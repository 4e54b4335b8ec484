// Progress of an apply: on a terminal a listr2 task list (one task per API operation), then the guided
// verification as plain lines (the checklist itself is printed after); in CI (CI=true) or when not on a TTY,
// one plain line per event. Writes to stderr only,
// so stdout stays for the report; never shows request details or secrets. listr2 is loaded only for a task list
// (a JSON report or a CI log never shows one: issue #14, nothing loaded that the run does not use).
import type { ApiOutcome } from '../apply/api-executor.js';
import type { ApplyReporter } from '../apply/apply-plan.js';
import type { GuidedStepState } from '../apply/guided-executor.js';
import type { Operation } from '../model/operation.js';
import type { Plan } from '../model/plan.js';
import { paint, printErr } from './output.js';
import { redactSecrets } from './redact.js';
import { escapeTerminal as esc } from './views/escape-terminal.js';

export interface ApplyProgress {
  reporter: ApplyReporter;
  /** Settles the task list (tasks never started are shown as skipped). */
  finish(): Promise<void>;
}

/** Live task lists only where a person watches a terminal. */
export function useLiveProgress(env: NodeJS.ProcessEnv = process.env, stream: NodeJS.WriteStream = process.stderr): boolean {
  return stream.isTTY === true && env.CI !== 'true' && env.CI !== '1' && env.TERM !== 'dumb';
}

export function startApplyProgress(plan: Plan, live: boolean): ApplyProgress {
  return live ? listrProgress(plan) : plainProgress();
}

// Operation summaries carry names from the YAML, outcomes and errors words from the PSA: escaped (escape-terminal.ts).
const describeOutcome = (outcome: ApiOutcome): string =>
  `${outcome.result}${outcome.psaId !== undefined ? ` (id ${outcome.psaId})` : ''}${outcome.detail ? `: ${esc(outcome.detail)}` : ''}`;

const errorText = (error: unknown): string => esc(redactSecrets(error instanceof Error ? error.message : String(error)), 2000);

function plainProgress(): ApplyProgress {
  let lastDone = -1;
  return {
    reporter: {
      operationFinished: (op, outcome) => printErr(`  ${paint('green', 'ok', process.stderr)}   ${esc(op.summary)}: ${describeOutcome(outcome)}`),
      operationFailed: (op, error) => printErr(`  ${paint('red', 'fail', process.stderr)} ${esc(op.summary)}: ${errorText(error)}`),
      guidedRound: (states) => {
        const done = states.filter((s) => s.done).length;
        if (done !== lastDone) printErr(`  guided steps verified: ${done} of ${states.length}`);
        lastDone = done;
      },
      note: (line) => printErr(`  ${line}`),
    },
    finish: () => Promise.resolve(),
  };
}

interface Deferred {
  resolve(title: string): void;
  reject(error: Error): void;
  promise: Promise<string>;
  started: boolean;
}

const SKIP = '\u0000skip';

function deferred(): Deferred {
  let resolve!: (title: string) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A failure is shown by listr; nobody else awaits it.
  promise.catch(() => undefined);
  return { resolve, reject, promise, started: false };
}

function listrProgress(plan: Plan): ApplyProgress {
  const apiOps = plan.operations.filter((op) => op.executor === 'api');
  const waits = new Map<string, Deferred>(apiOps.map((op) => [op.id, deferred()]));
  const plain = plainProgress();

  const tasks = apiOps.map((op: Operation) => ({
    title: esc(op.summary),
    task: async (_ctx: unknown, task: { title: string; skip: (message: string) => void }) => {
      const title = await (waits.get(op.id) as Deferred).promise;
      if (title === SKIP) task.skip(`${esc(op.summary)}: not run`);
      else task.title = title;
    },
  }));
  // The tasks wait on their deferreds, so events that come while listr2 loads are shown once it runs.
  const running = apiOps.length > 0
    ? import('listr2').then(({ Listr }) => new Listr(tasks, {
      concurrent: true,
      exitOnError: false,
      registerSignalListeners: false,
      rendererOptions: { collapseSubtasks: false },
    }).run()).then(() => undefined, () => undefined)
    : Promise.resolve();
  let settled = false;
  // The task list owns the terminal until the API operations are over; guided steps (which may prompt for a
  // key) then print plain lines below it.
  const settle = async (): Promise<void> => {
    if (settled) return;
    settled = true;
    for (const d of waits.values()) d.resolve(SKIP);
    await running;
  };

  return {
    reporter: {
      operationStarted: (op) => {
        const d = waits.get(op.id);
        if (d) d.started = true;
      },
      operationFinished: (op, outcome) => waits.get(op.id)?.resolve(`${esc(op.summary)}: ${describeOutcome(outcome)}`),
      operationFailed: (op, error) => waits.get(op.id)?.reject(new Error(`${esc(op.summary)}: ${errorText(error)}`)),
      beforeGuided: settle,
      guidedRound: (states: readonly GuidedStepState[]) => plain.reporter.guidedRound?.(states),
      note: (line) => plain.reporter.note?.(line),
    },
    finish: settle,
  };
}
