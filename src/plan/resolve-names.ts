// Resolves the names the YAML uses (roles, structure levels, locations, business units, configuration and
// agreement types, catalog items by identifier) to PSA ids through the live lookup tables, at plan time.
// Pure: an unknown or ambiguous name becomes an error Diagnostic with a did-you-mean, never an exception.
import { suggestName } from '../config/suggest.js';
import type { Address } from '../model/address.js';
import { crossReferenceAddress, roleAddress } from '../model/address.js';
import type { DesiredState } from '../model/desired.js';
import type { Diagnostic, SourceSpan } from '../model/diagnostic.js';
import type { LiveState, NamedRef } from '../model/live.js';
import type { IdOrRef } from '../model/operation.js';

export interface ResolvedRole {
  id: IdOrRef;
  /** The role's name as the PSA spells it (or as declared when it is still to be created). */
  name: string;
}

export interface ResolvedMember {
  role?: ResolvedRole;
  level?: NamedRef;
  location?: NamedRef;
  businessUnit?: { id: number; identifier: string; name: string };
}

export interface ResolvedCrossReference {
  configurationType?: NamedRef;
  agreementType?: NamedRef;
  product?: { id: number; identifier: string };
}

export interface ResolvedNames {
  members: Record<string, ResolvedMember>;
  crossReferences: Record<Address, ResolvedCrossReference>;
  diagnostics: Diagnostic[];
}

type Found<T> = { kind: 'found'; item: T } | { kind: 'missing'; hint?: string } | { kind: 'ambiguous'; count: number };

/** Exact match first, then a unique case-insensitive one; several equal names are ambiguous (ids would be a guess). */
function findByName<T>(items: readonly T[], wanted: string, keysOf: (item: T) => string[]): Found<T> {
  const exact = items.filter((i) => keysOf(i).includes(wanted));
  if (exact.length === 1 && exact[0] !== undefined) return { kind: 'found', item: exact[0] };
  if (exact.length > 1) return { kind: 'ambiguous', count: exact.length };
  const lower = wanted.toLowerCase();
  const loose = items.filter((i) => keysOf(i).some((k) => k.toLowerCase() === lower));
  if (loose.length === 1 && loose[0] !== undefined) return { kind: 'found', item: loose[0] };
  if (loose.length > 1) return { kind: 'ambiguous', count: loose.length };
  const hint = suggestName(wanted, items.flatMap(keysOf));
  return hint ? { kind: 'missing', hint } : { kind: 'missing' };
}

/** "Corporate (Level 1)" -> "corporate": the PSA may name a structure level with or without its "(Level N)". */
const LEVEL_SUFFIX = /\s*\(\s*level\s*\d+\s*\)\s*$/i;
const levelStem = (name: string): string => name.replace(LEVEL_SUFFIX, '').trim().toLowerCase();

/**
 * A structure level by name, then by its stem when exactly one level has it ("Corporate" = "Corporate (Level 1)"),
 * but only where one side has no "(Level N)": "Corporate (Level 9)" is not "Corporate (Level 1)".
 */
export function findStructureLevel(levels: readonly NamedRef[], wanted: string): Found<NamedRef> {
  const found = findByName(levels, wanted, (l) => [l.name]);
  if (found.kind !== 'missing') return found;
  const stem = levelStem(wanted);
  const suffixed = LEVEL_SUFFIX.test(wanted);
  const same = levels.filter((l) => levelStem(l.name) === stem && !(suffixed && LEVEL_SUFFIX.test(l.name)));
  if (same.length === 1 && same[0] !== undefined) return { kind: 'found', item: same[0] };
  if (same.length > 1) return { kind: 'ambiguous', count: same.length };
  return found;
}

/** Whether two structure-level names name the same level by the rule findStructureLevel applies. */
export function sameStructureLevel(a: string, b: string): boolean {
  return findStructureLevel([{ id: 0, name: a }], b).kind === 'found';
}

interface Context {
  diagnostics: Diagnostic[];
  address: Address;
  source: SourceSpan | undefined;
}

function report<T>(ctx: Context, found: Found<T>, what: string, field: string, name: string, listHint: string): T | undefined {
  if (found.kind === 'found') return found.item;
  const base = { severity: 'error' as const, address: ctx.address, ...(ctx.source ? { source: ctx.source } : {}) };
  if (found.kind === 'ambiguous') {
    ctx.diagnostics.push({
      ...base,
      code: 'ambiguous-name',
      summary: `${field}: ${found.count} ${what}s in the PSA are named '${name}'`,
      hint: `rename one of them in the PSA (${listHint}) so cwctl does not have to guess an id`,
    });
    return undefined;
  }
  ctx.diagnostics.push({
    ...base,
    code: 'unknown-name',
    summary: `${field}: no ${what} named '${name}' in the PSA`,
    hint: found.hint ? `did you mean '${found.hint}'? (${listHint})` : `the PSA lists them under ${listHint}`,
  });
  return undefined;
}

/** A lookup by name that answers each name once (the lookups are pure; a Found is only read). */
function memo<T>(find: (name: string) => Found<T>): (name: string) => Found<T> {
  const found = new Map<string, Found<T>>();
  return (name) => {
    let hit = found.get(name);
    if (hit === undefined) {
      hit = find(name);
      found.set(name, hit);
    }
    return hit;
  };
}

export function resolveNames(desired: DesiredState, live: LiveState): ResolvedNames {
  const diagnostics: Diagnostic[] = [];
  const members: Record<string, ResolvedMember> = {};
  const crossReferences: Record<Address, ResolvedCrossReference> = {};
  const { lookups } = live;
  const declared = new Map(desired.roles.filter((r) => !r.external).map((r) => [r.name, r]));
  const liveRoles = Object.values(live.roles);
  // 1,000 members name a handful of roles, levels, locations and business units: each name is looked up once.
  const roleFound = memo((name: string) => findByName(liveRoles, name, (r) => [r.name]));
  const levelFound = memo((name: string) => findStructureLevel(lookups.structureLevels, name));
  const locationFound = memo((name: string) => findByName(lookups.locations, name, (l) => [l.name]));
  const departmentFound = memo((name: string) => findByName(lookups.departments, name, (d) => [d.name, d.identifier]));

  for (const m of desired.members) {
    const ctx: Context = { diagnostics, address: `member:${m.identifier}`, source: m.source };
    const out: ResolvedMember = {};
    const declaredRole = declared.get(m.role);
    if (declaredRole) {
      const liveRole = live.roles[declaredRole.name];
      out.role = liveRole ? { id: liveRole.psaId, name: liveRole.name } : { id: { ref: roleAddress(declaredRole.name) }, name: declaredRole.name };
    } else {
      const role = report(ctx, roleFound(m.role), 'security role', 'role', m.role, 'System > Security Roles');
      if (role) out.role = { id: role.psaId, name: role.name };
    }
    const level = report(ctx, levelFound(m.level), 'structure level', 'level', m.level, 'System > Setup Tables > Corporate Structure');
    if (level) out.level = level;
    if (m.location !== undefined) {
      const loc = report(ctx, locationFound(m.location), 'location', 'location', m.location, 'System > Setup Tables > Location');
      if (loc) out.location = loc;
    }
    if (m.businessUnit !== undefined) {
      const dep = report(ctx, departmentFound(m.businessUnit), 'business unit', 'businessUnit', m.businessUnit, 'System > Setup Tables > Business Unit');
      if (dep) out.businessUnit = dep;
    }
    members[m.identifier] = out;
  }

  for (const mapping of desired.managedDevices) {
    for (const x of mapping.crossReferences) {
      const address = crossReferenceAddress(mapping.name, x.vendorType, x.vendorLevel);
      const ctx: Context = { diagnostics, address, source: x.source ?? mapping.source };
      const out: ResolvedCrossReference = {};
      if (x.configurationType !== undefined) {
        const t = report(ctx, findByName(lookups.configurationTypes, x.configurationType, (c) => [c.name]), 'configuration type', 'configurationType', x.configurationType, 'Setup Tables > Configuration Types');
        if (t) out.configurationType = t;
      }
      if (x.agreementType !== undefined) {
        const t = report(ctx, findByName(lookups.agreementTypes, x.agreementType, (c) => [c.name]), 'agreement type', 'agreementType', x.agreementType, 'Setup Tables > Agreement Types');
        if (t) out.agreementType = t;
      }
      if (x.product !== undefined) {
        const p = report(ctx, findByName(lookups.catalogItems, x.product, (c) => [c.identifier]), 'catalog item', 'product', x.product, 'Procurement > Product Catalog');
        if (p) out.product = p;
      }
      crossReferences[address] = out;
    }
  }

  for (const role of desired.roles.filter((r) => r.external)) {
    if (live.roles[role.name]) continue;
    const ctx: Context = { diagnostics, address: roleAddress(role.name), source: role.source };
    report(ctx, findByName(liveRoles, role.name, (r) => [r.name]), 'security role', 'external role', role.name, 'System > Security Roles');
  }
  return { members, crossReferences, diagnostics };
}
