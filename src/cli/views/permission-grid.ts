// The permission grid behind `cwctl show [ROLE...]`: for each role, every function any side grants, with the
// four levels as the YAML wants them, as the PSA has them, and as the role's integration profiles need them;
// each cell marked as a pending change, drift (the PSA moved since the last apply) or an escalation (from the
// plan's safety pass). Pure: built from a plan context, rendered as text here and as HTML in its own module.
import type { FunctionKey, Level, LevelKind, Levels } from '../../catalogue/types.js';
import { LEVEL_KINDS, LEVEL_RANK } from '../../catalogue/types.js';
import { findProfile } from '../../catalogue/profiles/index.js';
import { settingAddress } from '../../model/address.js';
import type { DesiredState } from '../../model/desired.js';
import type { LiveState } from '../../model/live.js';
import type { Plan } from '../../model/plan.js';
import { liveLevels } from '../../plan/snapshot.js';
import { paint } from '../output.js';
import { UP } from './plan-text.js';

export type CellMark = 'same' | 'change' | 'drift' | 'escalation';

export interface GridCell {
  /** null: cwctl does not manage this cell (an external role, or `unlisted: ignore` and not listed). */
  desired: Level | null;
  /** null: the role does not exist in the PSA (yet). */
  live: Level | null;
  /** The highest level the role's profiles ask for; null when the role has no profiles. */
  profile: Level | null;
  mark: CellMark;
}

export interface GridRow {
  key: FunctionKey;
  cells: Record<LevelKind, GridCell>;
  /** The YAML grants more than the role's profiles need (least privilege). */
  beyondProfiles: boolean;
}

export interface GridRole {
  name: string;
  external: boolean;
  exists: boolean;
  adminFlag: boolean;
  profiles: { name: string; title: string }[];
  rows: GridRow[];
  counts: { change: number; drift: number; escalation: number; beyondProfiles: number };
}

export interface PermissionGrid {
  target: Plan['target'];
  generatedAt: string;
  roles: GridRole[];
}

const NONE: Level = 'None';

function profileLevels(names: readonly string[], key: FunctionKey): Levels | null {
  if (names.length === 0) return null;
  const out: Levels = { add: NONE, edit: NONE, delete: NONE, inquire: NONE };
  for (const name of names) {
    const wanted = findProfile(name)?.permissions[key];
    for (const kind of LEVEL_KINDS) {
      const level = wanted?.[kind];
      if (level && LEVEL_RANK[level] > LEVEL_RANK[out[kind]]) out[kind] = level;
    }
  }
  return out;
}

/** The grid for the named roles (all declared roles when none are named), in the order they are declared. */
export function buildPermissionGrid(input: { desired: DesiredState; live: LiveState; plan: Plan; roles?: readonly string[] }): PermissionGrid {
  const { desired, live, plan } = input;
  const escalated = new Set(plan.changes.filter((c) => c.escalation).map((c) => c.address));
  const drifted = new Set(plan.drift.map((d) => d.address));
  const wanted = input.roles && input.roles.length > 0 ? new Set(input.roles) : undefined;
  const roles: GridRole[] = [];
  for (const role of desired.roles) {
    if (wanted && !wanted.has(role.name)) continue;
    const liveRole = live.roles[role.name];
    const keys = new Set<FunctionKey>([...Object.keys(role.permissions), ...Object.keys(liveRole?.settings ?? {})]);
    for (const name of role.profiles) for (const key of Object.keys(findProfile(name)?.permissions ?? {})) keys.add(key);
    const counts = { change: 0, drift: 0, escalation: 0, beyondProfiles: 0 };
    const rows: GridRow[] = [];
    for (const key of [...keys].sort((a, b) => a.localeCompare(b))) {
      const want = role.external ? undefined : role.permissions[key];
      const have = liveRole ? liveLevels(liveRole, key) : undefined;
      const need = profileLevels(role.profiles, key);
      const address = settingAddress(role.name, key);
      const cells = {} as Record<LevelKind, GridCell>;
      let any = false;
      let beyond = false;
      for (const kind of LEVEL_KINDS) {
        const d = want ? want[kind] : null;
        const l = have ? have[kind] : null;
        const p = need ? need[kind] : null;
        if ((d ?? NONE) !== NONE || (l ?? NONE) !== NONE || (p ?? NONE) !== NONE) any = true;
        const differs = d !== null && d !== (l ?? NONE);
        const mark: CellMark = differs && escalated.has(address) && LEVEL_RANK[d] > LEVEL_RANK[l ?? NONE] ? 'escalation'
          : differs && drifted.has(address) ? 'drift'
          : differs ? 'change'
          : 'same';
        if (d !== null && p !== null && LEVEL_RANK[d] > LEVEL_RANK[p]) beyond = true;
        cells[kind] = { desired: d, live: l, profile: p, mark };
      }
      if (!any) continue;
      for (const kind of LEVEL_KINDS) {
        const mark = cells[kind].mark;
        if (mark !== 'same') counts[mark]++;
      }
      if (beyond) counts.beyondProfiles++;
      rows.push({ key, cells, beyondProfiles: beyond });
    }
    roles.push({
      name: role.name,
      external: role.external,
      exists: liveRole !== undefined,
      adminFlag: liveRole?.adminFlag ?? false,
      profiles: role.profiles.map((name) => ({ name, title: findProfile(name)?.title ?? name })),
      rows,
      counts,
    });
  }
  return { target: plan.target, generatedAt: plan.createdAt, roles };
}

/** One cell as text: `All`, `None -> All` (a change), with a mark: up-arrow escalation, `~` drift. */
export function cellText(cell: GridCell): string {
  const live = cell.live ?? '-';
  // A role not in the PSA yet: only what it will grant is worth reading.
  const unchanged = cell.desired === null || cell.desired === live || (cell.live === null && cell.desired === 'None');
  const value = unchanged ? live : `${live} -> ${cell.desired}`;
  return cell.mark === 'escalation' ? `${value} ${UP}` : cell.mark === 'drift' ? `${value} ~` : value;
}

export function renderPermissionGridText(grid: PermissionGrid, stream: NodeJS.WriteStream = process.stdout): string {
  const out: string[] = [`Permission grid for ${grid.target.sandbox ? 'the sandbox' : `${grid.target.site} (${grid.target.company})`}: live -> desired`];
  if (grid.roles.length === 0) out.push('', 'No roles.');
  for (const role of grid.roles) {
    const facts = [
      role.exists ? 'in the PSA' : 'not in the PSA yet',
      ...(role.external ? ['external: cwctl never changes it'] : []),
      ...(role.adminFlag ? ['ADMIN FLAG: grants everything whatever its levels'] : []),
      ...(role.profiles.length > 0 ? [`profiles: ${role.profiles.map((p) => p.name).join(', ')}`] : []),
    ];
    out.push('', `${paint('bold', `role ${role.name}`, stream)} (${facts.join('; ')})`);
    if (role.rows.length === 0) {
      out.push('  no function granted on any side');
      continue;
    }
    const width = Math.max(18, ...role.rows.map((r) => r.key.length));
    const col = Math.max(7, ...role.rows.flatMap((r) => LEVEL_KINDS.map((k) => cellText(r.cells[k]).length)));
    const head = ['Add', 'Edit', 'Delete', 'Inquire'].map((h) => h.padEnd(col)).join(' ');
    out.push(`  ${'Module / Function'.padEnd(width)}  ${head}${role.profiles.length > 0 ? ' profiles need' : ''}`);
    for (const row of role.rows) {
      const cells = LEVEL_KINDS.map((k) => {
        const text = cellText(row.cells[k]).padEnd(col);
        const mark = row.cells[k].mark;
        return mark === 'same' ? text : paint(mark === 'escalation' ? 'red' : mark === 'drift' ? 'yellow' : 'cyan', text, stream);
      }).join(' ');
      const need = role.profiles.length > 0 ? ` ${LEVEL_KINDS.map((k) => (row.cells[k].profile ?? NONE).slice(0, 1)).join('')}${row.beyondProfiles ? ' +beyond' : ''}` : '';
      out.push(`  ${row.key.padEnd(width)}  ${cells}${need}`);
    }
    const c = role.counts;
    out.push(`  ${c.change} change(s), ${c.drift} drifted, ${c.escalation} escalation(s)${role.profiles.length > 0 ? `, ${c.beyondProfiles} function(s) beyond its profiles` : ''}`);
  }
  out.push('', `Legend: "live -> desired" a pending change; ${UP} an escalation apply refuses without --allow-escalation; ~ drift (changed in the PSA since the last apply); "profiles need" as N/M/A per Add, Edit, Delete, Inquire.`);
  return out.join('\n');
}
