// Reads the Action's inputs from the environment (action.yml maps each `inputs.*` to an INPUT_* variable,
// since a composite action does not export them itself) and checks them. Pure: no I/O, no process exit.
import { splitArgs } from './split-args.js';

export const ACTION_COMMANDS = ['plan', 'apply', 'drift'] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

export interface ActionInputs {
  command: ActionCommand;
  /** The desired-state file (or directory), relative to the working directory. */
  config: string;
  workingDirectory: string;
  site: string | undefined;
  company: string | undefined;
  githubToken: string | undefined;
  commentOnPr: boolean;
  /** Exit 2 (changes or drift present) fails the step only when this is set. */
  failOnChanges: boolean;
  extraArgs: string[];
  /** Exit 8 (apply waiting on guided steps) fails the step unless this is false; it is labelled either way. */
  failOnGuidedSteps: boolean;
  /** Apply on merge: apply the plan reviewed on the pull request when it is still fresh (prefer), only that (require), or plan afresh (off). */
  reviewedPlan: ReviewedPlanMode;
  /** A pull-request label that allows an escalation in the plan reviewed on that one PR; undefined: never. */
  escalationLabel: string | undefined;
}

export const REVIEWED_PLAN_MODES = ['prefer', 'require', 'off'] as const;
export type ReviewedPlanMode = (typeof REVIEWED_PLAN_MODES)[number];
export const DEFAULT_ESCALATION_LABEL = 'cwctl-allow-escalation';

/** A bad input: reported as an `::error::` annotation and exit 3 (invalid input). */
export class ActionInputError extends Error {
  override readonly name = 'ActionInputError';
}

function readInput(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function readBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = readInput(env, name);
  if (value === undefined) return fallback;
  // The YAML 1.2 core schema booleans, as actions/toolkit's getBooleanInput accepts them.
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new ActionInputError(`input ${name.toLowerCase().replace(/_/g, '-')} must be true or false, not '${value}'`);
}

function readChoice<T extends string>(env: NodeJS.ProcessEnv, name: string, choices: readonly T[], fallback: T): T {
  const value = readInput(env, name);
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new ActionInputError(`input ${name.toLowerCase().replace(/_/g, '-')} must be one of ${choices.join(', ')}, not '${value}'`);
}

/** The label input: absent means the default label, an explicit empty value turns the label off. */
function readLabel(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.INPUT_ESCALATION_LABEL;
  if (raw === undefined) return DEFAULT_ESCALATION_LABEL;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function readActionInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const command = readInput(env, 'COMMAND');
  if (command === undefined) throw new ActionInputError(`input command is required: one of ${ACTION_COMMANDS.join(', ')}`);
  if (!(ACTION_COMMANDS as readonly string[]).includes(command)) {
    throw new ActionInputError(`input command must be one of ${ACTION_COMMANDS.join(', ')}, not '${command}'`);
  }
  return {
    command: command as ActionCommand,
    config: readInput(env, 'CONFIG') ?? 'cwctl.yaml',
    workingDirectory: readInput(env, 'WORKING_DIRECTORY') ?? '.',
    site: readInput(env, 'SITE'),
    company: readInput(env, 'COMPANY'),
    githubToken: readInput(env, 'GITHUB_TOKEN'),
    commentOnPr: readBoolean(env, 'COMMENT_ON_PR', true),
    failOnChanges: readBoolean(env, 'FAIL_ON_CHANGES', false),
    extraArgs: splitArgs(readInput(env, 'EXTRA_ARGS') ?? ''),
    failOnGuidedSteps: readBoolean(env, 'FAIL_ON_GUIDED_STEPS', true),
    reviewedPlan: readChoice(env, 'REVIEWED_PLAN', REVIEWED_PLAN_MODES, 'prefer'),
    escalationLabel: readLabel(env),
  };
}
