// `cwctl drift`: read-only. Reports out-of-band drift (the PSA changed since the last apply: who and when where the
// PSA says) apart from pending changes (the YAML changed and was not applied). Exit 0 in sync, 2 otherwise.
// Never writes to the PSA or the state.
import type { CommandModule } from 'yargs';
import { ExitCode } from '../../errors.js';
import { buildDriftReport } from '../../inspect/drift-report.js';
import { requestExitCode } from '../exit-status.js';
import { loadPlanContext, planContextOptionsOf } from '../load-plan-context.js';
import type { GlobalArgs } from '../options.js';
import { printJson, printOut } from '../output.js';
import { renderDriftMarkdown } from '../views/drift-markdown.js';
import { renderDriftText } from '../views/drift-text.js';

export const driftCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  builder: (y) => y.epilogue('Exit 0: in sync; 2: drift or pending changes. --format markdown suits an issue body or a job summary.'),
  handler: async (argv) => {
    const context = await loadPlanContext(planContextOptionsOf(argv));
    try {
      const report = buildDriftReport(context.plan, context.state);
      if (argv.format === 'json') printJson(report);
      else if (argv.format === 'markdown') printOut(renderDriftMarkdown(report, argv.file));
      else printOut(renderDriftText(report));
      requestExitCode(report.inSync ? ExitCode.Success : ExitCode.ChangesPresent);
    } finally {
      await context.close();
    }
  },
};
