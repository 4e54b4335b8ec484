// Progress of an apply: on a terminal a listr2 task list (one task per API operation, the guided steps as a
// live checklist); in CI (CI=true) or when not on a TTY, one plain line per event. Writes to stderr only,
// so stdout stays for the report; never shows request details or secrets.
import { Listr } from 'listr2';
import type { ListrTaskWrapper } from 'listr2';
import type { ApiOutcome } from '../apply/api-executor.js';
import type { ApplyReporter } from '../apply/apply-plan.js';
import type { GuidedStepState } from '../apply/guided-executor.js';
import type { Operation } from '../model/operation.js';
import type { Plan } from '../model/plan.js';
import { paint, printErr } from './output.js';
import { redactSecrets } from './redact.js';

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

const describeOutcome = (outcome: ApiOutcome): string =>
  `${outcome.result}${outcome.psaId !== undefined ? ` (id ${outcome.psaId})` : ''}${outcome.detail ? `: ${outcome.detail}` : ''}`;

const errorText = (error: unknown): string => redactSecrets(error instanceof Error ? error.message : String(error));

function plainProgress(): ApplyProgress {
  let lastDone = -1;
  return {
    reporter: {
      operationFinished: (op, outcome) => printErr(`  ${paint('green', 'ok', process.stderr)}   ${op.summary}: ${describeOutcome(outcome)}`),
      operationFailed: (op, error) => printErr(`  ${paint('red', 'fail', process.stderr)} ${op.summary}: ${errorText(error)}`),
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
  const guidedDone = deferred();
  let guidedTask: ListrTaskWrapper<unknown, never, never> | undefined;
  let lastGuided: readonly GuidedStepState[] = [];

  const tasks = apiOps.map((op: Operation) => ({
    title: op.summary,
    task: async (_ctx: unknown, task: { title: string; skip: (message: string) => void }) => {
      const title = await (waits.get(op.id) as Deferred).promise;
      if (title === '\u0000skip') task.skip(`${op.summary}: not run`);
      else task.title = title;
    },
  }));
  if (plan.guided.length > 0) {
    tasks.push({
      title: `Guided steps: verifying ${plan.guided.length} line(s) against the PSA`,
      task: async (_ctx: unknown, task: { title: string; skip: (message: string) => void }) => {
        guidedTask = task as unknown as ListrTaskWrapper<unknown, never, never>;
        task.title = await guidedDone.promise;
      },
    });
  }
  const listr = new Listr(tasks, {
    concurrent: true,
    exitOnError: false,
    registerSignalListeners: false,
    rendererOptions: { collapseSubtasks: false },
  });
  const running = listr.run().catch(() => undefined);

  return {
    reporter: {
      operationStarted: (op) => {
        const d = waits.get(op.id);
        if (d) d.started = true;
      },
      operationFinished: (op, outcome) => waits.get(op.id)?.resolve(`${op.summary}: ${describeOutcome(outcome)}`),
      operationFailed: (op, error) => waits.get(op.id)?.reject(new Error(`${op.summary}: ${errorText(error)}`)),
      guidedRound: (states) => {
        lastGuided = states;
        if (guidedTask) {
          guidedTask.output = states.map((s) => `${s.done ? '[x]' : '[ ]'} ${s.step.clickPath ? `${s.step.clickPath}: ` : ''}${s.step.instruction}`).join('\n');
        }
      },
    },
    finish: async () => {
      for (const d of waits.values()) d.resolve('\u0000skip');
      const done = lastGuided.filter((s) => s.done).length;
      guidedDone.resolve(`Guided steps: ${done} of ${plan.guided.length} verified`);
      await running;
    },
  };
}
