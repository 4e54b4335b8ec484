// CWCTL_LOG: the log level a person sets once in their shell or CI instead of passing --debug to every command.
// `debug` logs every PSA request (credentials redacted, as --debug does) and shows stacks of internal errors;
// error, warn and info are the default output. An unknown value is bad input, not silently ignored.
import { didYouMean, suggestName } from '../config/suggest.js';
import { CwctlError, ExitCode } from '../errors.js';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function readLogLevel(env: NodeJS.ProcessEnv): LogLevel {
  const raw = env.CWCTL_LOG?.trim().toLowerCase();
  if (raw === undefined || raw === '') return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  if (raw === 'trace') return 'debug';
  throw new CwctlError(`CWCTL_LOG='${env.CWCTL_LOG ?? ''}' is not a log level`, {
    exitCode: ExitCode.InvalidInput,
    code: 'log-level',
    hint: didYouMean(suggestName(raw, LOG_LEVELS)) ?? `use one of ${LOG_LEVELS.join(', ')}`,
  });
}
