// `cwctl audit` as data: for every live API member, the integration profiles its role fits (grants every cell of),
// what the role grants beyond the closest one, which members share the role, and who runs as Admin. Pure: given
// what was read, no I/O. "Beyond least privilege" is a cell above the closest fitting profile (optional rows of
// that profile excepted), a role no profile fits, or an Admin role.
import { mergeProfiles } from '../catalogue/merge-profiles.js';
import { normalizeName } from '../catalogue/normalize-name.js';
import { LEVEL_KINDS, LEVEL_RANK } from '../catalogue/types.js';
import type { FunctionKey, IntegrationProfile, Level, LevelKind, Levels } from '../catalogue/types.js';

export interface AuditRole {
  id: number;
  name: string;
  admin: boolean;
  /** Canonical "Module / Function" -> levels; functions not listed are None. */
  levels: Record<FunctionKey, Levels>;
}

export interface AuditInput {
  target: { site: string; company: string };
  apiMembers: { identifier: string; name: string; inactive: boolean; roleId: number | null }[];
  /** Every member (API or not) and its role, to tell who shares a role. */
  holders: { identifier: string; apiMember: boolean; inactive: boolean; roleId: number | null }[];
  roles: AuditRole[];
  /** Every profile and tier to match against ("rewst", "rewst:actions", ...). */
  profiles: IntegrationProfile[];
}

export interface AuditCell {
  function: FunctionKey;
  kind: LevelKind;
  have: Level;
  /** What the closest fitting profile asks for (None when no profile fits). */
  need: Level;
}

export type AuditVerdict = 'least-privilege' | 'beyond' | 'admin' | 'no-profile' | 'no-role' | 'inactive';

export interface AuditMember {
  identifier: string;
  name: string;
  inactive: boolean;
  role: { id: number; name: string; admin: boolean } | null;
  /** Profiles whose every cell the role grants, closest first (fewest cells beyond). */
  fits: { profile: string; title: string; beyond: number }[];
  /** The closest fit, or null when no profile fits. */
  closest: string | null;
  /** Cells the role grants beyond the closest fit (every granted cell when none fits). */
  beyond: AuditCell[];
  /** Cells beyond the closest fit that its page marks optional: granted, but documented. */
  optionalGranted: AuditCell[];
  /** Other members (API or not) holding the same role. */
  sharesRoleWith: string[];
  verdict: AuditVerdict;
}

export interface AuditReport {
  target: { site: string; company: string };
  members: AuditMember[];
  /** Roles held by more than one active member, with who holds them. */
  sharedRoles: { role: string; members: string[] }[];
  /** Active API members whose role is an Admin role. */
  admins: string[];
  /** true when some active API member has more than least privilege (exit 2). */
  beyondLeastPrivilege: boolean;
  notes: string[];
}

const NONE: Levels = { add: 'None', edit: 'None', delete: 'None', inquire: 'None' };

/** Folded key -> levels, so a vendor's spelling of a function meets the PSA's ("Service Ticket - Finance"). */
function foldedLevels(levels: Readonly<Record<FunctionKey, Levels>>): Map<string, { key: FunctionKey; levels: Levels }> {
  const out = new Map<string, { key: FunctionKey; levels: Levels }>();
  for (const [key, l] of Object.entries(levels)) out.set(normalizeName(key), { key, levels: l });
  return out;
}

interface Candidate {
  profile: IntegrationProfile;
  need: Map<string, { key: FunctionKey; levels: Levels }>;
  optional: Map<string, { key: FunctionKey; levels: Levels }>;
}

function candidatesOf(profiles: readonly IntegrationProfile[]): Candidate[] {
  return profiles.map((profile) => ({
    profile,
    need: foldedLevels(mergeProfiles([profile]).permissions),
    optional: foldedLevels(mergeProfiles([{ ...profile, permissions: profile.optional ?? {} }]).permissions),
  }));
}

/** Cells the role grants above `need` (all granted cells when need is empty); and whether every need is met. */
function compare(role: Map<string, { key: FunctionKey; levels: Levels }>, need: Candidate['need'], known: ReadonlySet<string>): { fits: boolean; beyond: AuditCell[] } {
  for (const [folded, wanted] of need) {
    // A function no role read from this PSA lists is one this PSA does not have (a vendor's misspelling, an older
    // edition's name): no role can grant it, so it does not decide the fit.
    if (!known.has(folded)) continue;
    const have = role.get(folded)?.levels ?? NONE;
    if (LEVEL_KINDS.some((k) => LEVEL_RANK[have[k]] < LEVEL_RANK[wanted.levels[k]])) return { fits: false, beyond: [] };
  }
  const beyond: AuditCell[] = [];
  for (const [folded, { key, levels }] of role) {
    const wanted = need.get(folded)?.levels ?? NONE;
    for (const kind of LEVEL_KINDS) {
      if (LEVEL_RANK[levels[kind]] > LEVEL_RANK[wanted[kind]]) beyond.push({ function: key, kind, have: levels[kind], need: wanted[kind] });
    }
  }
  return { fits: true, beyond };
}

function auditMember(member: AuditInput['apiMembers'][number], input: AuditInput, candidates: Candidate[], roleById: Map<number, AuditRole>, known: ReadonlySet<string>): AuditMember {
  const role = member.roleId === null ? undefined : roleById.get(member.roleId);
  const sharesRoleWith = member.roleId === null ? [] : [...new Set(input.holders
    .filter((h) => h.roleId === member.roleId && !h.inactive && h.identifier.toLowerCase() !== member.identifier.toLowerCase())
    .map((h) => h.identifier))].sort();
  const base = { identifier: member.identifier, name: member.name, inactive: member.inactive, sharesRoleWith };
  if (!role) return { ...base, role: null, fits: [], closest: null, beyond: [], optionalGranted: [], verdict: member.inactive ? 'inactive' : 'no-role' };

  const granted = foldedLevels(role.levels);
  const fitting = candidates
    .map((c) => ({ c, ...compare(granted, c.need, known) }))
    .filter((r) => r.fits && r.c.need.size > 0)
    // Closest first: fewest cells beyond; then the larger profile (it explains more of the role); then by name.
    .sort((a, b) => a.beyond.length - b.beyond.length || b.c.need.size - a.c.need.size || a.c.profile.name.localeCompare(b.c.profile.name));
  const best = fitting[0];
  const all = best ? best.beyond : compare(granted, new Map(), known).beyond;
  const isOptional = (cell: AuditCell): boolean => {
    const row = best?.c.optional.get(normalizeName(cell.function))?.levels;
    return row !== undefined && LEVEL_RANK[cell.have] <= LEVEL_RANK[row[cell.kind]];
  };
  const beyond = all.filter((cell) => !isOptional(cell));
  const optionalGranted = all.filter(isOptional);
  const verdict: AuditVerdict = member.inactive ? 'inactive' : role.admin ? 'admin' : !best && beyond.length > 0 ? 'no-profile' : beyond.length > 0 ? 'beyond' : 'least-privilege';
  return {
    ...base,
    role: { id: role.id, name: role.name, admin: role.admin },
    fits: fitting.slice(0, 5).map((f) => ({ profile: f.c.profile.name, title: f.c.profile.title, beyond: f.beyond.length })),
    closest: best?.c.profile.name ?? null,
    beyond,
    optionalGranted,
    verdict,
  };
}

export function buildAuditReport(input: AuditInput): AuditReport {
  const candidates = candidatesOf(input.profiles);
  const roleById = new Map(input.roles.map((r) => [r.id, r]));
  // The functions this PSA has: every one a role read lists (the PSA lists every function on every role).
  const known = new Set(input.roles.flatMap((r) => Object.keys(r.levels).map(normalizeName)));
  const members = [...input.apiMembers]
    .sort((a, b) => a.identifier.localeCompare(b.identifier))
    .map((m) => auditMember(m, input, candidates, roleById, known));

  const byRole = new Map<number, string[]>();
  for (const h of input.holders) {
    if (h.roleId === null || h.inactive) continue;
    const list = byRole.get(h.roleId) ?? [];
    if (!list.includes(h.identifier)) list.push(h.identifier);
    byRole.set(h.roleId, list);
  }
  const apiRoleIds = new Set(input.apiMembers.map((m) => m.roleId));
  const sharedRoles = [...byRole]
    .filter(([id, holders]) => holders.length > 1 && apiRoleIds.has(id))
    .map(([id, holders]) => ({ role: roleById.get(id)?.name ?? `#${id}`, members: holders.sort() }))
    .sort((a, b) => a.role.localeCompare(b.role));
  const admins = members.filter((m) => m.verdict === 'admin').map((m) => m.identifier);
  const flagged = new Set<AuditVerdict>(['beyond', 'admin', 'no-profile']);
  const notes = [
    'Customize lists (Table Setup access) are not compared: the PSA shows a role\'s lists only to a member of that role, with its own keys (cwctl check --member reads them).',
  ];
  if (members.some((m) => m.verdict === 'no-profile')) {
    notes.push('A role no profile fits: if it serves an integration cwctl does not know, describe it in profiles/ beside your YAML (cwctl profiles show NAME --format json shows the format).');
  }
  return { target: input.target, members, sharedRoles, admins, beyondLeastPrivilege: members.some((m) => flagged.has(m.verdict)), notes };
}
