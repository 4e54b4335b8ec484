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
    // `on`, not `once`: with `once` a second Ctrl-C (people press it twice in a terminal) met Node's default
    // handler, which ends the process without an 'exit' event, so the state lock was left behind. Now the
    // second one goes through process.exit, whose 'exit' handlers release the lock (state/lock.ts).
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  return controller.signal;
}

export const wasInterrupted = (): boolean => controller.signal.aborted;
