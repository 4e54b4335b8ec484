// Rule: `moved:` entries (renames) are well formed: both addresses of one kind (role:/member:), the new one
// declared (and not external), the old one no longer declared, each address moved once, and no chain or cycle
// (A -> B, B -> C must be written A -> C). Whether the old name still exists is for the plan to say (it needs
// state and the live PSA): a move already done there is a warning, not an error.

import type { MovableAddress } from '../../model/address.js';
import { parseMovableAddress } from '../../model/address.js';
import type { Diagnostic, DiagnosticCode } from '../../model/diagnostic.js';
import type { MovedFile } from '../../model/desired.js';
import { at, renderSpan } from '../loaded-config.js';
import type { LoadedConfig, Sourced } from '../loaded-config.js';

const keyOf = (a: MovableAddress): string => `${a.kind}:${a.name.toLowerCase()}`;

export function checkMoved(config: LoadedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const roles = new Map(config.roles.map((r) => [String(r.value.name ?? '').toLowerCase(), r.value]));
  const members = new Set(config.members.map((m) => String(m.value.identifier ?? '').toLowerCase()));
  const moves: { item: Sourced<MovedFile>; from: MovableAddress; to: MovableAddress }[] = [];
  for (const item of config.moved ?? []) {
    const from = parseMovableAddress(item.value.from);
    const to = parseMovableAddress(item.value.to);
    if (!from || !to) continue; // the schema reports it
    const error = (code: DiagnosticCode, summary: string, hint: string, field: 'from' | 'to'): void => {
      out.push({ severity: 'error', code, summary, hint, source: at(item, field) });
    };
    if (from.kind !== to.kind) {
      error('moved-kind-mismatch', `moved: ${item.value.from} -> ${item.value.to} changes the kind of object`, 'a role moves to a role (role:New), a member to a member (member:new)', 'to');
      continue;
    }
    if (keyOf(from) === keyOf(to)) {
      error('moved-cycle', `moved: ${item.value.from} -> ${item.value.to} moves an address to itself`, 'remove this entry (names are compared without regard to case)', 'to');
      continue;
    }
    const declared = (a: MovableAddress): boolean => (a.kind === 'role' ? roles.has(a.name.toLowerCase()) : members.has(a.name.toLowerCase()));
    if (!declared(to)) {
      error('moved-target-undeclared', `moved: ${item.value.to} is not declared in ${to.kind}s:`, `declare the ${to.kind} under its new ${to.kind === 'role' ? 'name' : 'identifier'}, or remove this entry`, 'to');
    } else if (to.kind === 'role' && roles.get(to.name.toLowerCase())?.external === true) {
      error('moved-external-role', `moved: role '${to.name}' is external: cwctl never renames it`, 'rename it in the PSA yourself, or drop external: true', 'to');
    }
    if (declared(from)) {
      error('moved-source-declared', `moved: ${item.value.from} is still declared`, `after a rename only the new ${from.kind === 'role' ? 'name' : 'identifier'} is declared; remove the old one`, 'from');
    }
    moves.push({ item, from, to });
  }
  // Each address is moved from once and to once.
  for (const side of ['from', 'to'] as const) {
    const first = new Map<string, Sourced<MovedFile>>();
    for (const m of moves) {
      const key = keyOf(m[side]);
      const earlier = first.get(key);
      if (earlier) {
        out.push({
          severity: 'error',
          code: 'moved-duplicate',
          summary: `moved: ${m.item.value[side]} is moved ${side === 'from' ? 'from' : 'to'} twice: here and at ${renderSpan(at(earlier, side))}`,
          hint: 'keep one entry per renamed object',
          source: at(m.item, side),
        });
      } else first.set(key, m.item);
    }
  }
  // A `to` that another entry moves on again: a chain (or, back to where it began, a cycle).
  const byFrom = new Map(moves.map((m) => [keyOf(m.from), m]));
  for (const m of moves) {
    const next = byFrom.get(keyOf(m.to));
    if (!next) continue;
    const seen = new Set([keyOf(m.from)]);
    let cursor: typeof next | undefined = next;
    while (cursor && !seen.has(keyOf(cursor.to))) {
      seen.add(keyOf(cursor.from));
      cursor = byFrom.get(keyOf(cursor.to));
    }
    const cycle = cursor !== undefined;
    out.push({
      severity: 'error',
      code: cycle ? 'moved-cycle' : 'moved-chain',
      summary: cycle
        ? `moved: ${m.item.value.from} -> ${m.item.value.to} is part of a cycle (see ${renderSpan(at(next.item, 'from'))})`
        : `moved: ${m.item.value.to} is moved on again at ${renderSpan(at(next.item, 'from'))}`,
      hint: cycle ? 'a rename goes one way: remove the entries that lead back' : `write one entry from the first name to the last (${m.item.value.from} -> the final name)`,
      source: at(m.item, 'to'),
    });
  }
  return out;
}
