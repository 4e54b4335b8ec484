// One AbortSignal for the whole run, aborted on SIGINT/SIGTERM, so a command can stop between steps,
// release its lock and leave state consistent; main.ts then exits 130.
import { setMaxListeners } from 'node:events';

const controller = new AbortController();
// Every request in flight listens on this one signal; dozens at once is normal, not a leak.
setMaxListeners(10_000, controller.signal);
let installed = false;

export function interruptSignal(): AbortSignal {
  if (!installed) {
    installed = true;
    const onSignal = (name: NodeJS.Signals): void => {
      if (controller.signal.aborted) process.exit(130); // a second Ctrl-C: leave at once
      controller.abort(new Error(`interrupted by ${name}`));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return controller.signal;
}

export const wasInterrupted = (): boolean => controller.signal.aborted;
