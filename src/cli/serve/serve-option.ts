// `cwctl apply --wait --serve [PORT]`: the option's checks and the one line that says where the page is.
// Checked before anything is opened, and the server started before the plan is applied, so a bad flag or a
// port in use fails the run before it changes anything in the PSA. The server's module (its page included) is
// loaded only with --serve.
import { CwctlError, ExitCode } from '../../errors.js';
import type { LiveChecklistFeed } from '../../model/live-checklist.js';
import type { ChecklistServer } from './checklist-server.js';

/** The port --serve asks for (0: any free one), or undefined without --serve; refused without --wait. */
export async function servePortOf(args: { serve?: string | undefined; wait: boolean }): Promise<number | undefined> {
  if (args.serve === undefined) return undefined;
  if (!args.wait) {
    throw new CwctlError('--serve shows the live checklist of --wait, and this run does not wait', {
      exitCode: ExitCode.InvalidInput,
      code: 'invalid-flags',
      hint: 'run cwctl apply --wait --serve (or drop --serve)',
    });
  }
  const { parseServePort } = await import('./checklist-server.js');
  return parseServePort(args.serve);
}

/** Starts the page for `feed` and says where it is (on stderr: stdout may be a JSON or markdown report). */
export async function serveChecklist(feed: LiveChecklistFeed, port: number, say: (line: string) => void): Promise<ChecklistServer> {
  const { startChecklistServer } = await import('./checklist-server.js');
  const server = await startChecklistServer({ feed, port });
  say(`The checklist, ticking itself off as the PSA comes to match: ${server.url} (this machine only)`);
  return server;
}
