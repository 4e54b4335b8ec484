// Renders a Plan for a terminal, Terraform style: `+ ~ -` per object, a module x function grid of level
// changes (`None -> All`, an up-arrow on escalations), [guided] on what a person must do, adoptions, drift,
// safety findings, the ordered operations and a one-line summary. Pure: returns a string; colour via paint().
import { LEVEL_KINDS } from '../../catalogue/types.js';
import type { Levels } from '../../catalogue/types.js';
import type { JsonObject, JsonValue } from '../../model/json.js';
import type { Change, Plan } from '../../model/plan.js';
import { isImplicitAdoption } from '../../plan/build-plan.js';
import type { ChangeGroup } from '../../plan/group-changes.js';
import { groupChanges } from '../../plan/group-changes.js';
import { parseAddress } from '../../model/parse-address.js';
import { readItems, readLevels } from '../../model/read-json.js';
import { NONE_LEVELS } from '../../plan/snapshot.js';
import type { Colour } from '../output.js';
import { paint } from '../output.js';
import { escapeTerminal as esc } from './escape-terminal.js';

export const UP = '\u2191';
const SIGN = { create: '+', update: '~', delete: '-', replace: '-/+', rename: '>' } as const;
const SIGN_COLOUR: Record<keyof typeof SIGN, Colour> = { create: 'green', update: 'yellow', delete: 'red', replace: 'magenta', rename: 'cyan' };

const plural = (n: number, noun: string, many = `${noun}s`): string => `${n} ${n === 1 ? noun : many}`;
const asObject = (v: JsonValue): JsonObject => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
// Every value shown comes from the YAML or the PSA: escaped (no raw newline or escape sequence reaches the terminal).
const show = (v: JsonValue | undefined): string => (v === null || v === undefined ? '(none)' : esc(typeof v === 'string' ? v : JSON.stringify(v)));
const itemsOf = (v: JsonValue): string[] => readItems(v) ?? [];
const listLabel = (list: string): string => (list === 'SystemTableSetup' ? 'Table Setup' : `Customize ${list}`);

/** The summary line: "Plan: 3 to create, 2 to change, 0 to destroy; 40 guided steps; 0 drifted". */
export function renderSummaryLine(plan: Plan): string {
  const s = plan.summary;
  const extras = [
    ...(s.adopt > 0 ? [`${s.adopt} adopted`] : []),
    ...(s.escalations > 0 ? [plural(s.escalations, 'escalation')] : []),
  ];
  return `Plan: ${s.create} to create, ${s.update} to change, ${s.delete + s.replace} to destroy; ${plural(plan.guided.length, 'guided step')}; ${s.drift} drifted${extras.length > 0 ? `; ${extras.join('; ')}` : ''}`;
}

/** Which changes a person must make (their operation runs on the guided executor). */
export function guidedAddresses(plan: Plan): Set<string> {
  const out = new Set<string>();
  for (const op of plan.operations) {
    if (op.executor !== 'guided') continue;
    if (op.type === 'setRoleLevels') for (const c of op.cells) out.add(`${op.address}/setting:${c.module} / ${c.function}`);
    else out.add(op.address);
  }
  return out;
}

export interface GridRow {
  key: string;
  cells: Record<keyof Levels, string>;
  escalation: boolean;
}

/** One row per function whose levels change: each column "None -> All", or empty when unchanged. */
export function levelGrid(parts: readonly Change[]): GridRow[] {
  const rows: GridRow[] = [];
  for (const change of parts) {
    const parsed = parseAddress(change.address);
    if (parsed?.kind !== 'setting') continue;
    const before = readLevels(change.before) ?? NONE_LEVELS;
    const after = readLevels(change.after) ?? NONE_LEVELS;
    const cells = { add: '', edit: '', delete: '', inquire: '' };
    for (const k of LEVEL_KINDS) if (before[k] !== after[k]) cells[k] = `${before[k]} -> ${after[k]}`;
    rows.push({ key: parsed.functionKey, cells, escalation: change.escalation === true });
  }
  return rows;
}

function fieldMoves(change: Change): string[] {
  const before = asObject(change.before);
  const after = asObject(change.after);
  return Object.keys(after)
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => `${esc(k)}: ${show(before[k])} -> ${show(after[k])}`);
}

function fieldList(value: JsonValue, skip: string[] = []): string {
  return Object.entries(asObject(value))
    .filter(([k, v]) => v !== null && !skip.includes(k))
    .map(([k, v]) => `${esc(k)}: ${show(v)}`)
    .join(', ');
}

function renderGroup(group: ChangeGroup, guided: Set<string>, stream: NodeJS.WriteStream | undefined): string[] {
  const sign = paint(SIGN_COLOUR[group.action], SIGN[group.action], stream);
  const up = group.escalation ? ` ${paint('red', UP, stream)}` : '';
  const reason = group.self?.reason ? paint('dim', ` (${esc(group.self.reason)})`, stream) : '';
  const lines = [`  ${sign} ${group.kind} ${paint('bold', esc(group.name), stream)}${up}${reason}`];
  const pad = '      ';
  const tag = paint('cyan', '[guided]', stream);
  // A `moved:` rename: the same PSA object under a new name (its levels and fields are not touched by it).
  if (group.rename) {
    const guidedRename = guided.has(group.rename.address);
    for (const m of fieldMoves(group.rename)) lines.push(`${pad}${m}${guidedRename ? ` ${tag}` : ''}`);
  }
  if (group.kind === 'member' && group.self) {
    if (group.self.action === 'create') lines.push(`${pad}${fieldList(group.self.after, ['identifier'])}`);
    else if (group.self.action === 'update') {
      // The arrow goes on what raises privilege: the role and reactivation.
      for (const m of fieldMoves(group.self)) lines.push(`${pad}${m}${group.self.escalation && /^(role|inactive):/.test(m) ? ` ${paint('red', UP, stream)}` : ''}`);
    }
    else if (group.self.action === 'delete') lines.push(`${pad}inactive: false -> true`);
  }
  if (group.kind === 'mapping' && group.self) {
    if (group.self.action === 'create') lines.push(`${pad}${fieldList(group.self.after, ['name'])}`);
    else if (group.self.action === 'update') for (const m of fieldMoves(group.self)) lines.push(`${pad}${m}`);
  }
  const grid = levelGrid(group.parts);
  if (grid.length > 0) {
    const anyGuided = group.parts.some((p) => guided.has(p.address));
    lines.push(`${pad}levels${anyGuided ? ` ${tag}` : ''}: ${plural(grid.length, 'function')}`);
    const keys = grid.map((r) => esc(r.key));
    const w = Math.max(17, ...keys.map((k) => k.length));
    const cw = Math.max(7, ...grid.flatMap((r) => LEVEL_KINDS.map((k) => esc(r.cells[k]).length)));
    lines.push(paint('dim', `${pad}  ${'Module / Function'.padEnd(w)}  ${['Add', 'Edit', 'Delete', 'Inquire'].map((h) => h.padEnd(cw)).join('  ')}`.trimEnd(), stream));
    for (const [i, row] of grid.entries()) {
      const text = `${pad}  ${keys[i]!.padEnd(w)}  ${LEVEL_KINDS.map((k) => esc(row.cells[k]).padEnd(cw)).join('  ')}`.trimEnd();
      lines.push(`${text}${row.escalation ? ` ${paint('red', UP, stream)}` : ''}`);
    }
  }
  for (const part of group.parts) {
    const parsed = parseAddress(part.address);
    const g = guided.has(part.address) ? ` ${tag}` : '';
    const up2 = part.escalation ? ` ${paint('red', UP, stream)}` : '';
    if (parsed?.kind === 'customize') {
      const before = part.before === null ? null : new Set(itemsOf(part.before));
      const after = itemsOf(part.after);
      const afterSet = new Set(after);
      const added = after.filter((i) => !before?.has(i));
      const removed = before ? [...before].filter((i) => !afterSet.has(i)) : [];
      const unknown = part.before === null ? paint('dim', ' (live list unknown: set exactly these)', stream) : '';
      lines.push(`${pad}${esc(listLabel(parsed.list))}${g}${up2}:${unknown}`);
      for (const i of added) lines.push(`${pad}  ${paint('green', '+', stream)} ${esc(i)}`);
      for (const i of removed) lines.push(`${pad}  ${paint('red', '-', stream)} ${esc(i)}`);
    } else if (parsed?.kind === 'apiKey') {
      lines.push(`${pad}${paint('green', '+', stream)} API key '${esc(parsed.description)}'${g}`);
    } else if (parsed?.kind === 'crossReference') {
      const label = esc(`${parsed.vendorType}${parsed.vendorLevel ? ` / ${parsed.vendorLevel}` : ''}`);
      const sign2 = paint(SIGN_COLOUR[part.action === 'noop' ? 'update' : part.action], SIGN[part.action === 'noop' ? 'update' : part.action], stream);
      const detail = part.action === 'create' ? fieldList(part.after, ['vendorType', 'vendorLevel', 'inactive']) : part.action === 'update' ? fieldMoves(part).join(', ') : '';
      lines.push(`${pad}${sign2} cross reference ${label}${detail ? `: ${detail}` : ''}`);
    }
  }
  return lines;
}

export function renderPlanText(plan: Plan, stream?: NodeJS.WriteStream): string {
  const out: string[] = [];
  const where = plan.target.sandbox ? 'the sandbox' : `company "${esc(plan.target.company)}" at ${esc(plan.target.site)}`;
  out.push(paint('bold', `cwctl plan for ${where}`, stream));
  out.push(paint('dim', `state: ${plan.stateLineage ? `lineage ${esc(plan.stateLineage)}, serial ${plan.stateSerial ?? 0}` : 'none yet (nothing owned)'}; live PSA read in ${plural(plan.requestCount, 'request')}`, stream));
  out.push('');
  const guided = guidedAddresses(plan);
  const groups = groupChanges(plan.changes);
  if (groups.length === 0) {
    out.push(paint('green', 'No changes. The PSA matches the desired state.', stream));
  } else {
    out.push('cwctl will make these changes:');
    for (const group of groups) out.push(...renderGroup(group, guided, stream));
  }
  const adopt = plan.adopt.filter((a) => !isImplicitAdoption(a.address, plan.changes));
  if (adopt.length > 0) {
    out.push('', `Adopted (already as declared; the next apply records them in state): ${plural(adopt.length, 'object')}`);
    for (const a of adopt) out.push(`  = ${esc(a.address)}`);
  }
  if (plan.drift.length > 0) {
    out.push('', paint('yellow', `Drift since the last apply (${plural(plan.drift.length, 'change')} made in the PSA, outside cwctl):`, stream));
    for (const d of plan.drift) out.push(`  ! ${esc(d.summary)}`);
  }
  if (plan.safety.length > 0) {
    out.push('', paint('red', 'Safety: apply refuses these unless allowed:', stream));
    for (const f of plan.safety) {
      const mark = f.kind === 'escalation' ? UP : '!';
      const allow = f.allowFlag ? `allow with ${f.allowFlag}` : 'nothing allows this: change the file';
      out.push(`  ${paint('red', mark, stream)} ${f.kind} ${esc(f.address)}: ${esc(f.message)} (${allow})`);
    }
  }
  if (plan.operations.length > 0) {
    out.push('', `Operations, in order (${plural(plan.operations.length, 'operation')}):`);
    const width = String(plan.operations.length).length;
    // Steps counted once per operation id: filtering every step for every operation was O(ops x steps).
    const stepsOf = new Map<string, number>();
    for (const s of plan.guided) stepsOf.set(s.operationId, (stepsOf.get(s.operationId) ?? 0) + 1);
    plan.operations.forEach((op, i) => {
      const steps = stepsOf.get(op.id) ?? 0;
      const exec = op.executor === 'guided' ? paint('cyan', '[guided]', stream) : paint('dim', '[api]   ', stream);
      out.push(`  ${String(i + 1).padStart(width)}. ${exec} ${esc(op.summary)}${op.executor === 'guided' ? ` (${plural(steps, 'step')} in the PSA screens)` : ''}`);
    });
    if (plan.guided.length > 0) out.push(paint('dim', '  [guided] steps are a checklist for a person; cwctl apply lists them with click paths and verifies each one.', stream));
  }
  out.push('', paint('bold', renderSummaryLine(plan), stream));
  return `${out.join('\n')}\n`;
}
