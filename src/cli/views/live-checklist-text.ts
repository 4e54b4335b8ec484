// The live checklist as terminal text: the whole snapshot grouped by role or member and screen (its click path
// once, then the cells to do there), or one line for a step that just ticked off. Pure: returns strings.
import type { LiveChecklistGroup, LiveChecklistLine, LiveChecklistSnapshot } from '../../model/live-checklist.js';
import { paint } from '../output.js';
import { escapeTerminal as esc } from './escape-terminal.js';

const ownerTitle = (owner: LiveChecklistGroup['owner']): string => (owner.kind === 'role' ? `Security role ${esc(owner.name)}` : `API member ${esc(owner.name)}`);

function headline(snapshot: LiveChecklistSnapshot): string {
  const where = `${esc(snapshot.target.company)} at ${esc(snapshot.target.site)}`;
  if (snapshot.phase === 'finished') return `Checklist: all ${snapshot.total} steps done in ${where}`;
  const left = snapshot.total - snapshot.done;
  const tail = snapshot.phase === 'stopped' ? 'left when apply stopped' : 'to do in the PSA screens; each ticks off once the PSA shows it';
  return `Checklist: ${left} of ${snapshot.total} step${snapshot.total === 1 ? '' : 's'} ${tail} (${where})`;
}

const confirmText = (command: string): string => `cwctl cannot read this back; once done, confirm it when this apply ends: ${esc(command)}`;

/** `sayConfirm` false: a later line of the screen has the same command (one address, several lines): said once. */
function lineText(line: LiveChecklistLine, stream?: NodeJS.WriteStream, sayConfirm = true): string[] {
  const box = line.status === 'done' ? paint('green', '[x]', stream) : '[ ]';
  const out = [`      ${box} ${esc(line.instruction)}`];
  if (line.status === 'pending' && line.confirmWith) {
    if (sayConfirm) out.push(paint('dim', `          ${confirmText(line.confirmWith)}`, stream));
  }
  else if (line.status === 'pending' && line.note) out.push(paint('dim', `          ${esc(line.note)}`, stream));
  return out;
}

/** The whole checklist: one block per owner, one click path per screen, then its lines. */
export function renderLiveChecklistText(snapshot: LiveChecklistSnapshot, stream?: NodeJS.WriteStream): string[] {
  if (snapshot.total === 0) return [];
  const out = [paint('bold', headline(snapshot), stream)];
  let owner = '';
  for (const group of snapshot.groups) {
    const key = `${group.owner.kind}:${group.owner.name}`;
    if (key !== owner) {
      owner = key;
      out.push(`  ${ownerTitle(group.owner)}`);
    }
    const allDone = group.lines.every((l) => l.status === 'done');
    out.push(`    ${paint(allDone ? 'green' : 'bold', esc(group.clickPath || '(no screen: a person confirms it)'), stream)}`);
    group.lines.forEach((line, i) => {
      const later = group.lines.slice(i + 1).some((l) => l.status === 'pending' && l.confirmWith === line.confirmWith);
      out.push(...lineText(line, stream, !later));
    });
  }
  return out;
}

/** One step that just ticked off, with its screen (for output that is appended to, never redrawn). */
export function renderLiveTick(group: LiveChecklistGroup, line: LiveChecklistLine, stream?: NodeJS.WriteStream): string {
  const where = group.clickPath ? `${esc(group.clickPath)}: ` : '';
  return `  ${paint('green', '[x]', stream)} ${where}${esc(line.instruction)}`;
}

/** A pending step that can now only be confirmed by a person (for output that is appended to). */
export function renderLiveConfirm(group: LiveChecklistGroup, line: LiveChecklistLine, stream?: NodeJS.WriteStream): string {
  const where = group.clickPath ? `${esc(group.clickPath)}: ` : '';
  return `  [ ] ${where}${esc(line.instruction)}\n${paint('dim', `      ${confirmText(line.confirmWith ?? '')}`, stream)}`;
}

/** The closing line of the live view. */
export function renderLiveSummary(snapshot: LiveChecklistSnapshot, stream?: NodeJS.WriteStream): string {
  return paint(snapshot.phase === 'finished' ? 'green' : 'yellow', headline(snapshot), stream);
}
