// Shows the live checklist feed on the terminal while `apply --wait` polls. On a terminal tall enough it redraws
// the grouped checklist in place; otherwise (CI, a pipe, a checklist taller than the screen) it prints the
// checklist once and then one line per step as it ticks off, never the same line twice, and a closing line.
// Writes to the given stream only (stderr: stdout stays for the report).
import type { LiveStepState } from '../apply/live-checklist.js';
import type { LiveChecklistPublisher } from '../apply/live-checklist-feed.js';
import type { LiveChecklistFeed, LiveChecklistSnapshot } from '../model/live-checklist.js';
import { escapeTerminalReport } from './views/escape-terminal.js';
import { renderLiveChecklistText, renderLiveConfirm, renderLiveSummary, renderLiveTick } from './views/live-checklist-text.js';

export interface LiveChecklistTerminal {
  /** Before something else writes to the terminal (a key prompt): the next draw starts below it. */
  pause(): void;
  /** Stops listening (the closing line was printed when a finished or stopped snapshot came). */
  stop(): void;
  /** Whether this view redraws in place (then the plain progress lines would only get in its way). */
  readonly redraws: boolean;
  /** Whether the checklist was shown (then the final report need not print it again). */
  readonly shown: boolean;
}

export interface LiveChecklistTerminalOptions {
  stream: NodeJS.WriteStream;
  /** Redraw in place (a person watches a terminal); false appends lines (CI, logs). */
  redraw: boolean;
}

const lineKey = (clickPath: string, address: string, instruction: string): string => `${clickPath}\u0000${address}\u0000${instruction}`;

// eslint-disable-next-line no-control-regex
const COLOUR = /\u001b\[[0-9;]*m/g;

/** The rows lines take on a terminal `columns` wide (colour codes take none; each line at least one). */
export function screenRows(lines: readonly string[], columns: number | undefined): number {
  const width = columns !== undefined && columns > 0 ? columns : Number.POSITIVE_INFINITY;
  return lines.reduce((rows, line) => rows + Math.max(1, Math.ceil([...line.replace(COLOUR, '')].length / width)), 0);
}

export function showLiveChecklist(feed: LiveChecklistFeed, options: LiveChecklistTerminalOptions): LiveChecklistTerminal {
  const { stream } = options;
  // Text is escaped by the renderer; this removes anything left but colour, as printErr does. Cursor moves are ours.
  const write = (lines: readonly string[]): void => {
    if (lines.length > 0) stream.write(`${escapeTerminalReport(lines.join('\n'))}\n`);
  };
  let shown = false;
  let drawn = 0; // screen rows of the last in-place draw still on the screen
  let closed = false;
  const ticked = new Set<string>();
  // --confirm commands already printed (appending): a step may only become confirm-only after a round.
  const confirmsSaid = new Set<string>();

  const fitsScreen = (rows: number): boolean => options.redraw && rows < (stream.rows ?? 24) - 1;

  const onSnapshot = (snapshot: LiveChecklistSnapshot): void => {
    if (snapshot.total === 0 || closed) return;
    const full = renderLiveChecklistText(snapshot, stream);
    // Screen rows, not lines: a line wider than the terminal wraps, and the cursor moves up by rows.
    const rows = screenRows(full, stream.columns);
    if (fitsScreen(rows)) {
      // Up to the first row of the last draw, clear to the end of the screen, draw again.
      if (drawn > 0) stream.write(`\u001b[${drawn}F\u001b[J`);
      write(full);
      drawn = rows;
      shown = true;
      if (snapshot.phase !== 'waiting') closed = true;
      return;
    }
    drawn = 0;
    if (!shown) {
      write(full);
      shown = true;
      for (const group of snapshot.groups) {
        for (const line of group.lines) {
          if (line.status === 'done') ticked.add(lineKey(group.clickPath, line.address, line.instruction));
          else if (line.confirmWith) confirmsSaid.add(line.confirmWith);
        }
      }
    } else {
      const ticks: string[] = [];
      for (const group of snapshot.groups) {
        for (const line of group.lines) {
          const key = lineKey(group.clickPath, line.address, line.instruction);
          if (line.status === 'pending' && line.confirmWith && !confirmsSaid.has(line.confirmWith)) {
            confirmsSaid.add(line.confirmWith);
            ticks.push(renderLiveConfirm(group, line, stream));
          }
          if (line.status !== 'done' || ticked.has(key)) continue;
          ticked.add(key);
          ticks.push(renderLiveTick(group, line, stream));
        }
      }
      write(ticks);
    }
    if (snapshot.phase !== 'waiting') {
      closed = true;
      write([renderLiveSummary(snapshot, stream)]);
    }
  };

  const unsubscribe = feed.subscribe(onSnapshot);
  onSnapshot(feed.current());
  return {
    redraws: options.redraw,
    get shown() {
      return shown;
    },
    pause: () => {
      drawn = 0;
    },
    stop: () => {
      unsubscribe();
    },
  };
}

/**
 * Asks something (a member's new key pair) below the live checklist. The prompt comes mid-round, before the
 * round is published: the steps this round already verified (the level steps the person just clicked) are
 * published first, so the checklist above the prompt shows them ticked; then the next draw starts below it.
 */
export function askBelowChecklist<T>(
  feed: LiveChecklistPublisher,
  states: readonly LiveStepState[],
  view: LiveChecklistTerminal | undefined,
  ask: () => Promise<T>,
): Promise<T> {
  if (states.length > 0) feed.publish(states);
  view?.pause();
  return ask();
}
