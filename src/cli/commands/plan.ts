// `cwctl plan`: reads the desired state and the live PSA and shows what apply would do (text, markdown or
// JSON), optionally saving the plan (--out, written atomically) for `cwctl apply plan.json`. Read-only:
// never writes to the PSA or the state. --detailed-exitcode: 0 nothing to change, 2 changes present.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { CwctlError, ExitCode } from '../../errors.js';
import { writeFileAtomic } from '../../state/atomic-write.js';
import { requestExitCode } from '../exit-status.js';
import { loadPlanContext, planContextOptionsOf } from '../load-plan-context.js';
import type { GlobalArgs } from '../options.js';
import { paint, printErr, printOut } from '../output.js';
import { renderPlanJson } from '../views/plan-json.js';
import { renderPlanMarkdown } from '../views/plan-markdown.js';
import { renderPlanText } from '../views/plan-text.js';
import { readPlanSources, withSources } from '../../plan/plan-sources.js';
import { selectTargets } from '../../plan/select-targets.js';
import { selectionOf, withTargetOptions } from '../target-options.js';
import type { TargetArgs } from '../target-options.js';

interface PlanArgs extends GlobalArgs, TargetArgs {
  out?: string;
  'detailed-exitcode': boolean;
}

export const planCommand: CommandModule<GlobalArgs, PlanArgs> = {
  builder: (y: Argv<GlobalArgs>) =>
    withTargetOptions(y)
      .option('out', { type: 'string', describe: 'Also save the plan as JSON here (for `cwctl apply FILE`)' })
      .option('detailed-exitcode', { type: 'boolean', default: false, describe: 'Exit 2 when there are changes, 0 when none' })
      .example('cwctl plan -f examples/msp', 'plan against the sandbox (no PSA needed)')
      .example('cwctl plan --out plan.json --detailed-exitcode', 'save the plan; exit 2 if it changes anything')
      .example('cwctl plan --format markdown >> "$GITHUB_STEP_SUMMARY"', 'a plan for a pull request'),
  handler: async (argv) => {
    const context = await loadPlanContext(planContextOptionsOf(argv));
    try {
      const selected = selectTargets(context.plan, selectionOf(argv));
      // A saved plan records the files it was made from, so `cwctl apply plan.json` can check them without -f.
      const sources = argv.out ? await readPlanSources(argv.file) : undefined;
      const plan = sources ? withSources(selected, sources) : selected;
      if (argv.out) {
        const out = resolve(argv.out);
        try {
          await mkdir(dirname(out), { recursive: true });
          await writeFileAtomic(out, renderPlanJson(plan));
        } catch (error) {
          throw new CwctlError(`cannot write the plan to ${argv.out}: ${(error as Error).message}`, { exitCode: ExitCode.InvalidInput, code: 'plan-out', hint: 'choose a writable path for --out' });
        }
      }
      if (argv.format === 'json') printOut(renderPlanJson(plan));
      else if (argv.format === 'markdown') printOut(renderPlanMarkdown(plan));
      else {
        printOut(renderPlanText(plan));
        if (argv.out) printErr(`${paint('dim', 'saved', process.stderr)} ${argv.out}: apply it with cwctl apply ${argv.out}`);
        const refusing = plan.safety.length > 0;
        if (refusing) printErr(paint('yellow', `apply will refuse this plan until the ${plan.safety.length} safety finding(s) above are allowed or fixed`, process.stderr));
      }
      if (argv['detailed-exitcode'] && plan.changes.length > 0) requestExitCode(ExitCode.ChangesPresent);
    } finally {
      await context.close();
    }
  },
};
