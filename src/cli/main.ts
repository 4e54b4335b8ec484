#!/usr/bin/env node
// Entry point and the one error boundary: runs the yargs app, maps errors to the exit-code table,
// prints expected failures without a stack trace, and is the only place that exits the process.
import { ExitCode, isCwctlError } from '../errors.js';
import { requestedExitCode } from './exit-status.js';
import { startEarly } from './early-start.js';
import { interruptSignal, wasInterrupted } from './interrupt.js';
import { paint, printErr } from './output.js';
import { redactSecrets } from './redact.js';

async function main(): Promise<number> {
  // Not yargs' hideBin: importing yargs/helpers loads yargs' parser and its text layout before the first request.
  const argv = process.argv.slice(2);
  const debug = argv.includes('--debug') || process.env.CWCTL_LOG?.trim().toLowerCase() === 'debug';
  try {
    // A plan's first reads go out before yargs and the command's modules load (early-start.ts); the app is
    // imported after them for that reason.
    await startEarly(argv, process.env, interruptSignal);
    const { buildApp } = await import('./app.js');
    await (await buildApp(argv)).parseAsync();
    return wasInterrupted() ? ExitCode.Interrupted : requestedExitCode();
  } catch (error: unknown) {
    if (wasInterrupted()) {
      printErr('interrupted: stopped cleanly (lock released, state consistent)');
      return ExitCode.Interrupted;
    }
    if (isCwctlError(error)) {
      printErr(`${paint('red', 'error', process.stderr)}: ${redactSecrets(error.message)}`);
      if (error.hint) printErr(`  ${paint('cyan', 'hint', process.stderr)}: ${redactSecrets(error.hint)}`);
      // An expected failure has said all there is to say: no stack, even with --debug (that is for bugs).
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    printErr(`${paint('red', 'internal error', process.stderr)}: ${redactSecrets(message)}`);
    if (debug && error instanceof Error && error.stack) printErr(redactSecrets(error.stack));
    else printErr('  this is a bug in cwctl; run again with --debug for details and please report it');
    return ExitCode.Internal;
  }
}

/** Resolves once everything written to the stream so far has been handed to the OS (pipes are asynchronous). */
const drained = (stream: NodeJS.WriteStream): Promise<void> => new Promise((resolve) => stream.write('', () => resolve()));

const code = await main();
process.exitCode = code;
// Exit explicitly (a keep-alive socket must not hold the process open), but only once stdout and stderr are
// flushed: exiting at once cut a large `apply --format json` short when stdout was a slow pipe.
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);
