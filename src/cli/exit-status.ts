// The exit code a command asks for when it ends normally (e.g. 2: changes present). Failures throw
// CwctlError instead. Read once by main.ts, which is the only place that exits the process.
import type { ExitCode } from '../errors.js';

let requested: ExitCode = 0;

export function requestExitCode(code: ExitCode): void {
  requested = code;
}

export function requestedExitCode(): ExitCode {
  return requested;
}
