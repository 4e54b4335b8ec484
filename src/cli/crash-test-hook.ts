// TEST ONLY, used by test/e2e/crash-apply.test.ts and test/reliability: CWCTL_TEST_KILL_AFTER_OPS=N makes apply
// write state once per operation and SIGKILL its own process right after the N-th write, to prove a crash at
// any operation boundary leaves a true state. Not a user feature; never set it in real use. It lives in the CLI
// so that library code never kills the process it runs in.
import type { ApplyPlanOptions } from '../apply/apply-plan.js';

export function crashTestHook(env: NodeJS.ProcessEnv): Pick<ApplyPlanOptions, 'writeEach' | 'afterStateWrite'> {
  const killAfter = env.CWCTL_TEST_KILL_AFTER_OPS ? Number(env.CWCTL_TEST_KILL_AFTER_OPS) : undefined;
  if (killAfter === undefined || !Number.isInteger(killAfter)) return {};
  return {
    writeEach: true,
    afterStateWrite: (writes) => {
      if (writes >= killAfter) process.kill(process.pid, 'SIGKILL');
    },
  };
}
