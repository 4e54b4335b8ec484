// The guided checklist: what a person must do in the PSA screens, exact and ordered, one line per cell,
// as text (with ticks for what cwctl has verified) or markdown (--checklist-out; each line carries a
// machine-readable note that `cwctl sim operator --checklist` plays). Pure: returns strings, never prints.
import type { GuidedAction } from '../../model/guided-action.js';
import type { GuidedStep, Plan } from '../../model/plan.js';
import { paint } from '../output.js';
import { escapeTerminal as esc } from './escape-terminal.js';

export interface ChecklistLine {
  step: GuidedStep;
  done: boolean;
  note?: string | undefined;
}

export type { GuidedAction } from '../../model/guided-action.js';

export function checklistLines(plan: Plan, states?: readonly { step: GuidedStep; done: boolean; note?: string }[]): ChecklistLine[] {
  if (states) return states.map((s) => ({ step: s.step, done: s.done, note: s.note }));
  return plan.guided.map((step) => ({ step, done: false }));
}

export function renderChecklistText(lines: readonly ChecklistLine[], stream?: NodeJS.WriteStream): string {
  if (lines.length === 0) return '';
  const pending = lines.filter((l) => !l.done).length;
  const out = [
    paint('bold', `Guided steps: ${pending} of ${lines.length} to do in the PSA (its API cannot make these changes)`, stream),
  ];
  lines.forEach((line, i) => {
    const box = line.done ? paint('green', '[x]', stream) : '[ ]';
    // Click paths and instructions carry role, function and table names from the YAML or the PSA: escaped.
    const where = line.step.clickPath ? `${esc(line.step.clickPath)}: ` : '';
    out.push(`  ${box} ${String(i + 1).padStart(2)}. ${where}${esc(line.step.instruction)}`);
    if (!line.done && line.note) out.push(paint('dim', `         ${esc(line.note)}`, stream));
  });
  if (pending > 0) {
    out.push('', 'Then run cwctl apply again (or keep one open with --wait): each line is ticked off once the PSA shows it.');
  }
  return out.join('\n');
}

/**
 * The end of an apply whose live checklist was on screen the whole time: the counts and what is left, one line
 * per pending step (the full checklist was just shown; printing it again would scroll it away).
 */
export function renderChecklistSummaryText(lines: readonly ChecklistLine[], stream?: NodeJS.WriteStream): string {
  if (lines.length === 0) return '';
  const left = lines.filter((l) => !l.done);
  if (left.length === 0) return paint('green', `Guided steps: all ${lines.length} done.`, stream);
  const out = [paint('bold', `Guided steps: ${lines.length - left.length} of ${lines.length} done, ${left.length} left:`, stream)];
  for (const line of left) out.push(`  [ ] ${line.step.clickPath ? `${esc(line.step.clickPath)}: ` : ''}${esc(line.step.instruction)}`);
  out.push('Then run cwctl apply --wait again: each line is ticked off once the PSA shows it.');
  return out.join('\n');
}

export function renderChecklistMarkdown(plan: Plan, lines: readonly ChecklistLine[]): string {
  const pending = lines.filter((l) => !l.done).length;
  const out = [
    `## cwctl checklist: ${pending} of ${lines.length} step${lines.length === 1 ? '' : 's'} to do in ConnectWise PSA`,
    '',
    `Target: company \`${esc(plan.target.company).replace(/`/g, "'")}\` at \`${esc(plan.target.site).replace(/`/g, "'")}\`. The PSA API cannot make these changes; do them in the PSA screens, in order,`,
    'then run `cwctl apply` again: it reads the PSA back and ticks each line off once it is true.',
    '',
  ];
  for (const line of lines) {
    const action = playable(line.step.action);
    const where = line.step.clickPath ? `**${escapeMd(line.step.clickPath)}**: ` : '';
    const data = action ? ` <!-- cwctl:${JSON.stringify(action).replace(/--/g, '\\u002d\\u002d')} -->` : '';
    out.push(`- [${line.done ? 'x' : ' '}] ${where}${escapeMd(line.step.instruction)}${data}`);
  }
  return `${out.join('\n')}\n`;
}

/** An action `cwctl sim operator` can play; an operation without a screen of its own only a person can do. */
function playable(action: GuidedAction | undefined): Exclude<GuidedAction, { t: 'other' }> | undefined {
  return action && action.t !== 'other' ? action : undefined;
}

/** Every action of a plan's checklist, in order (a customize list once, however many lines it has). */
export function planActions(plan: Plan): GuidedAction[] {
  const out: GuidedAction[] = [];
  const seen = new Set<string>();
  for (const step of plan.guided) {
    const action = playable(step.action);
    if (!action) continue;
    const key = JSON.stringify(action);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(action);
  }
  // Guided operations without a step of their own still need doing.
  for (const op of plan.operations) {
    if (op.executor !== 'guided' || plan.guided.some((s) => s.operationId === op.id)) continue;
    if (op.type === 'setRoleLevels') for (const c of op.cells) out.push({ t: 'level', role: op.role, module: c.module, function: c.function, kind: c.kind, from: c.from, to: c.to });
    else if (op.type === 'setCustomizeItems') out.push({ t: 'customize', role: op.role, list: op.list, add: [...op.add], remove: [...op.remove] });
    else if (op.type === 'createApiKey') out.push({ t: 'apiKey', member: op.identifier, description: op.description });
  }
  return out;
}

/** Reads the actions back from a markdown checklist (unticked lines only: ticked ones are done). */
export function parseChecklistActions(markdown: string): GuidedAction[] {
  const out: GuidedAction[] = [];
  const seen = new Set<string>();
  for (const line of markdown.split(/\r?\n/)) {
    const match = /^- \[ \] .*<!-- cwctl:(\{.*\}) -->\s*$/.exec(line);
    if (!match) continue;
    const json = (match[1] as string).replace(/\\u002d\\u002d/g, '--');
    if (seen.has(json)) continue;
    seen.add(json);
    out.push(JSON.parse(json) as GuidedAction);
  }
  return out;
}

// `>` mid-line is plain text in markdown; `<` could open an HTML tag, so it is escaped like emphasis marks. Control
// characters first: a newline in a name would otherwise start a forged checklist line (with its own cwctl: note).
const escapeMd = (text: string): string => esc(text).replace(/([*_`[\]<])/g, '\\$1');
