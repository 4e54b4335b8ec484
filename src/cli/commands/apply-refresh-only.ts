// `cwctl apply --refresh-only`: shows what changed in the PSA since the last apply (the drift report) and, once
// approved, records those live values in state as the new baseline. Never writes to the PSA. Under the state
// lock from before the (sandbox) PSA is opened until state is written, as apply is.
import { CwctlError, ExitCode } from '../../errors.js';
import { buildDriftReport } from '../../inspect/drift-report.js';
import { refreshState } from '../../inspect/refresh-state.js';
import { acquireLock } from '../../state/lock.js';
import { writeStateFile } from '../../state/state-file.js';
import { loadPlanContext, planContextOptionsOf } from '../load-plan-context.js';
import type { GlobalArgs } from '../options.js';
import { printJson, printOut } from '../output.js';
import { renderDriftText } from '../views/drift-text.js';

export interface RefreshOnlyArgs extends GlobalArgs {
  autoApprove: boolean;
  lockTimeoutMs: number;
  who: string;
  /** Asks the person; undefined when there is no terminal to ask on. */
  ask?: (question: string) => Promise<string>;
}

export async function runRefreshOnly(args: RefreshOnlyArgs): Promise<void> {
  const options = planContextOptionsOf(args);
  const lock = await acquireLock({ stateDir: args.stateDir, operation: 'apply --refresh-only', who: args.who, timeoutMs: args.lockTimeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
  try {
    const context = await loadPlanContext(options);
    try {
      const report = buildDriftReport(context.plan, context.state);
      if (!context.state || report.drift.length === 0) {
        if (args.format === 'json') printJson({ refreshed: [], kept: [], state: context.state ? { serial: context.state.serial } : null });
        else printOut('No drift: the PSA still matches what state records. State unchanged.');
        return;
      }
      const result = refreshState(context.state, context.live, report.drift, new Date().toISOString());
      if (args.format === 'text') {
        printOut(renderDriftText({ ...report, pending: [], restores: [] }));
        printOut(`--refresh-only records these live values in state (${result.refreshed.length} record(s)); the PSA is not changed.`);
      }
      if (!args.autoApprove) {
        if (!args.ask) {
          throw new CwctlError('apply --refresh-only needs an approval and there is no terminal to ask on', {
            exitCode: ExitCode.InvalidInput, code: 'approval-required', hint: 'review cwctl drift, then run cwctl apply --refresh-only --auto-approve',
          });
        }
        if ((await args.ask('\nRecord the live values in state? Only "yes" is accepted: ')) !== 'yes') {
          printOut('Refresh cancelled: state unchanged.');
          return;
        }
      }
      const written = result.refreshed.length > 0 ? await writeStateFile(args.stateDir, result.state) : context.state;
      if (args.format === 'json') printJson({ refreshed: result.refreshed, kept: result.kept, state: { serial: written.serial } });
      else {
        printOut(`State refreshed: ${result.refreshed.length} record(s) now hold the live values. State serial ${written.serial}.`);
        if (result.kept.length > 0) printOut(`Kept as they were (gone from the PSA or unreadable): ${result.kept.join(', ')}; cwctl state rm forgets one.`);
      }
    } finally {
      await context.close();
    }
  } finally {
    await lock.release();
  }
}
