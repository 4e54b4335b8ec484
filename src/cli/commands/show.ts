// `cwctl show plan.json` renders a saved plan (no -f, no PSA: the plan holds everything); `cwctl show [ROLE...]`
// shows the permission grid of the declared roles (all, or those named): desired vs live per function, drift
// and escalations marked, against the roles' integration profiles, as text, JSON, markdown-free HTML (--format
// html, a static self-contained file; --out FILE writes it atomically). Read-only: never writes to the PSA.
import { stat } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { didYouMean, suggestName } from '../../config/suggest.js';
import { CwctlError, ExitCode } from '../../errors.js';
import { writeFileAtomic } from '../../state/atomic-write.js';
import { loadPlanContext, planContextOptionsOf } from '../load-plan-context.js';
import type { GlobalArgs } from '../options.js';
import { FORMATS, printErr, printJson, printOut } from '../output.js';
import { buildPermissionGrid, renderPermissionGridText } from '../views/permission-grid.js';
import { renderPermissionGridHtml } from '../views/permission-grid-html.js';
import { renderPlanJson } from '../views/plan-json.js';
import { renderPlanMarkdown } from '../views/plan-markdown.js';
import { renderPlanText } from '../views/plan-text.js';
import { readSavedPlan } from '../../apply/saved-plan.js';

interface ShowArgs extends Omit<GlobalArgs, 'format'> {
  format: (typeof FORMATS)[number] | 'html';
  things: string[];
  out: string | undefined;
}

/** A saved plan is named by a path to a file (plan.json); role names are not files. */
async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function emit(text: string, out: string | undefined): Promise<void> {
  if (!out) {
    printOut(text);
    return;
  }
  try {
    await writeFileAtomic(out, text.endsWith('\n') ? text : `${text}\n`);
  } catch (error) {
    throw new CwctlError(`cannot write ${out}: ${(error as Error).message}`, { exitCode: ExitCode.InvalidInput, code: 'show-out', hint: 'choose a writable path for --out' });
  }
  printErr(`wrote ${out}`);
}

export const showCommand: CommandModule<GlobalArgs, ShowArgs> = {
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('things', { type: 'string', array: true, default: [] as string[], describe: 'A saved plan (plan.json), or role names (default: every declared role)' })
      .option('format', { type: 'string', choices: [...FORMATS, 'html'] as const, default: 'text' as const, describe: 'Report format (html: the permission grid as a static page)' })
      .option('out', { type: 'string', describe: 'Write the report to this file instead of stdout' })
      .example('cwctl show plan.json', 'render a saved plan (no -f, no PSA needed)')
      .example('cwctl show BrightGaugeAPI', 'the permission grid of one role: desired vs live, drift, escalations')
      .example('cwctl show --format html --out grid.html', 'every role as a page for an audit'),
  handler: async (args) => {
    const things = args.things.map(String);
    if (things.length === 1 && (things[0]!.endsWith('.json') || (await isFile(things[0]!)))) {
      const plan = await readSavedPlan(things[0]!);
      if (args.format === 'html') throw new CwctlError('a saved plan renders as text, markdown or json', { exitCode: ExitCode.InvalidInput, code: 'usage', hint: 'the html grid is for roles: cwctl show --format html' });
      await emit(args.format === 'json' ? renderPlanJson(plan) : args.format === 'markdown' ? renderPlanMarkdown(plan) : renderPlanText(plan, args.out ? undefined : process.stdout), args.out);
      return;
    }
    const context = await loadPlanContext(planContextOptionsOf(args));
    try {
      const declared = context.desired.roles.map((r) => r.name);
      for (const name of things) {
        if (!declared.includes(name)) {
          throw new CwctlError(`no role '${name}' in ${args.file}`, {
            exitCode: ExitCode.InvalidInput,
            code: 'unknown-role',
            hint: didYouMean(suggestName(name, declared)) ?? `the roles are ${declared.join(', ') || '(none)'}`,
          });
        }
      }
      const grid = buildPermissionGrid({ desired: context.desired, live: context.live, plan: context.plan, roles: things });
      if (args.format === 'json') {
        if (args.out) await emit(`${JSON.stringify({ formatVersion: 1, ...grid }, null, 2)}\n`, args.out);
        else printJson(grid);
      } else if (args.format === 'html') await emit(renderPermissionGridHtml(grid), args.out);
      else await emit(renderPermissionGridText(grid, args.out ? undefined : process.stdout), args.out);
    } finally {
      await context.close();
    }
  },
};
