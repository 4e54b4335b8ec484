// Renders a Plan as Markdown for a pull request or a job summary: the summary line, a table of objects,
// a collapsible <details> per role with its level grid and lists, the guided checklist, adoptions, drift and
// safety findings. Pure: returns a string; no colour, no secrets (a plan holds none).
import { LEVEL_KINDS } from '../../catalogue/types.js';
import type { JsonObject, JsonValue } from '../../model/json.js';
import type { Change, Plan } from '../../model/plan.js';
import { isImplicitAdoption } from '../../plan/build-plan.js';
import { groupChanges } from '../../plan/group-changes.js';
import type { ChangeGroup } from '../../plan/group-changes.js';
import { parseAddress } from '../../model/parse-address.js';
import { readItems } from '../../model/read-json.js';
import { escapeTerminal as esc } from './escape-terminal.js';
import { UP, guidedAddresses, levelGrid, renderSummaryLine } from './plan-text.js';

const SIGN = { create: '+', update: '~', delete: '-', replace: '-/+', rename: '>' } as const;
// Outside text (names from the YAML or the PSA) is escaped: no control character or HTML tag reaches the reader.
const text = (t: string): string => esc(t).replace(/</g, '&lt;');
const cell = (t: string): string => text(t.replace(/\r?\n/g, ' ')).replace(/\|/g, '\\|');
const arrow = (t: string): string => t.replace(/ -> /g, ' → ');
const asObject = (v: JsonValue): JsonObject => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const show = (v: JsonValue | undefined): string => (v === null || v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));
const itemsOf = (v: JsonValue): string[] => readItems(v) ?? [];

function describeGroup(group: ChangeGroup, guided: Set<string>): string {
  const bits: string[] = [];
  const grid = levelGrid(group.parts);
  const anyGuided = group.parts.some((p) => guided.has(p.address));
  if (group.self?.action === 'create') bits.push('create');
  if (group.rename) {
    const before = asObject(group.rename.before);
    const from = before.name ?? before.identifier;
    bits.push(`rename from ${typeof from === 'string' ? from : '?'}`);
  }
  if (group.self?.action === 'delete') bits.push(group.kind === 'member' ? 'deactivate' : 'delete');
  if (group.self?.action === 'update') bits.push(`update ${Object.keys(asObject(group.self.after)).filter((k) => JSON.stringify(asObject(group.self?.before ?? null)[k] ?? null) !== JSON.stringify(asObject(group.self?.after ?? null)[k] ?? null)).join(', ')}`);
  if (grid.length > 0) bits.push(`${grid.length} function level change${grid.length === 1 ? '' : 's'}`);
  const lists = group.parts.filter((p) => parseAddress(p.address)?.kind === 'customize').length;
  if (lists > 0) bits.push(`${lists} customize list${lists === 1 ? '' : 's'}`);
  const keys = group.parts.filter((p) => parseAddress(p.address)?.kind === 'apiKey').length;
  if (keys > 0) bits.push(`${keys} API key${keys === 1 ? '' : 's'}`);
  const xrefs = group.parts.filter((p) => parseAddress(p.address)?.kind === 'crossReference').length;
  if (xrefs > 0) bits.push(`${xrefs} cross reference${xrefs === 1 ? '' : 's'}`);
  return `${bits.join('; ')}${anyGuided ? ' _(guided)_' : ''}${group.escalation ? ` ${UP} escalation` : ''}`;
}

function fieldTable(change: Change): string[] {
  const before = asObject(change.before);
  const after = asObject(change.after);
  const keys = Object.keys(after).filter((k) => change.action === 'create' ? after[k] !== null : JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
  if (keys.length === 0) return [];
  return ['| field | before | after |', '| --- | --- | --- |', ...keys.map((k) => `| ${cell(k)} | ${cell(change.action === 'create' ? '' : show(before[k]))} | ${cell(show(after[k]))} |`), ''];
}

function groupDetails(group: ChangeGroup): string[] {
  const body: string[] = [];
  if (group.self && group.self.action !== 'delete') body.push(...fieldTable(group.self));
  const grid = levelGrid(group.parts);
  if (grid.length > 0) {
    body.push('| Module / Function | Add | Edit | Delete | Inquire |', '| --- | --- | --- | --- | --- |');
    for (const row of grid) body.push(`| ${cell(row.key)}${row.escalation ? ` ${UP}` : ''} | ${LEVEL_KINDS.map((k) => arrow(cell(row.cells[k]))).join(' | ')} |`);
    body.push('');
  }
  for (const part of group.parts) {
    const parsed = parseAddress(part.address);
    if (parsed?.kind === 'customize') {
      const before = part.before === null ? null : new Set(itemsOf(part.before));
      const after = itemsOf(part.after);
      body.push(`**${parsed.list === 'SystemTableSetup' ? 'Table Setup' : text(parsed.list)}**${part.before === null ? ' (live list unknown: set exactly these)' : ''}${part.escalation ? ` ${UP}` : ''}`, '');
      const afterSet = new Set(after);
      for (const i of after.filter((x) => !before?.has(x))) body.push(`- \`+\` ${text(i)}`);
      for (const i of before ? [...before].filter((x) => !afterSet.has(x)) : []) body.push(`- \`-\` ${text(i)}`);
      body.push('');
    } else if (parsed?.kind === 'apiKey') {
      body.push(`- \`+\` API key '${text(parsed.description)}'`, '');
    } else if (parsed?.kind === 'crossReference') {
      body.push(`**\`${SIGN[part.action === 'noop' ? 'update' : part.action]}\` cross reference ${text(`${parsed.vendorType}${parsed.vendorLevel ? ` / ${parsed.vendorLevel}` : ''}`)}**`, '');
      if (part.action !== 'delete') body.push(...fieldTable(part));
    }
  }
  return body;
}

export function renderPlanMarkdown(plan: Plan): string {
  const out: string[] = [];
  const where = plan.target.sandbox ? 'the sandbox' : `\`${text(plan.target.company).replace(/`/g, "'")}\` at \`${text(plan.target.site).replace(/`/g, "'")}\``;
  out.push(`### cwctl plan for ${where}`, '', `**${renderSummaryLine(plan)}**`, '');
  out.push(`State: ${plan.stateLineage ? `lineage \`${plan.stateLineage}\`, serial ${plan.stateSerial ?? 0}` : 'none yet'} · checksum \`${plan.checksum}\``, '');
  const guided = guidedAddresses(plan);
  const groups = groupChanges(plan.changes);
  if (groups.length === 0) {
    out.push('No changes: the PSA matches the desired state.', '');
  } else {
    out.push('| | object | change |', '| --- | --- | --- |');
    for (const g of groups) out.push(`| \`${SIGN[g.action]}\` | ${g.kind} **${cell(g.name)}** | ${cell(describeGroup(g, guided))} |`);
    out.push('');
    for (const g of groups) {
      const body = groupDetails(g);
      if (body.length === 0) continue;
      out.push(`<details><summary>${g.kind} ${text(g.name)}: ${describeGroup(g, guided).replace(/_/g, '')}</summary>`, '', ...body, '</details>', '');
    }
  }
  if (plan.guided.length > 0) {
    out.push(`<details><summary>Guided steps (${plan.guided.length}): what a person does in the PSA screens</summary>`, '');
    out.push('| # | where | what | verified by |', '| --- | --- | --- | --- |');
    plan.guided.forEach((s, i) => out.push(`| ${i + 1} | ${cell(s.clickPath)} | ${cell(arrow(s.instruction))} | ${s.verify} |`));
    out.push('', '</details>', '');
  }
  const adopt = plan.adopt.filter((a) => !isImplicitAdoption(a.address, plan.changes));
  if (adopt.length > 0) {
    out.push(`<details><summary>Adopted (${adopt.length}): already as declared, recorded by the next apply</summary>`, '');
    for (const a of adopt) out.push(`- \`${text(a.address).replace(/`/g, "'")}\``);
    out.push('', '</details>', '');
  }
  if (plan.drift.length > 0) {
    out.push(`#### Drift since the last apply (${plan.drift.length})`, '');
    for (const d of plan.drift) out.push(`- ${arrow(text(d.summary))}`);
    out.push('');
  }
  if (plan.safety.length > 0) {
    out.push('#### Safety: apply refuses these unless allowed', '', '| kind | object | why | allowed by |', '| --- | --- | --- | --- |');
    for (const f of plan.safety) out.push(`| ${f.kind === 'escalation' ? `${UP} ` : ''}${f.kind} | \`${cell(f.address)}\` | ${cell(f.message)} | ${f.allowFlag ? `\`${f.allowFlag}\`` : 'nothing: change the file'} |`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
