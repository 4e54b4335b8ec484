// Compares one live API member and its role with an integration profile: the cells the role lacks (why a sync
// fails), the cells it grants beyond the profile (least privilege), the member's own requirements, and the
// smallest fix as YAML and as click paths. Pure: it is given what was read; no I/O, no console.
import { Document, isScalar } from 'yaml';
import { listFunctions } from '../catalogue/find-function.js';
import { mergeProfiles } from '../catalogue/merge-profiles.js';
import { normalizeName } from '../catalogue/normalize-name.js';
import { LEVEL_KINDS, LEVEL_RANK } from '../catalogue/types.js';
import type { CustomizeIdentifier, FunctionKey, IntegrationProfile, Level, LevelKind, Levels } from '../catalogue/types.js';
import type { GuidedAction } from '../model/guided-action.js';
import { apiMemberPath, clickPathOf, instructionOf } from '../plan/guided-wording.js';

export interface CheckMemberFacts {
  identifier: string;
  name: string;
  role: { id: number; name: string } | null;
  level: string | null;
  location: string | null;
  businessUnit: string | null;
  inactive: boolean;
}

export interface CheckInput {
  profile: IntegrationProfile;
  member: CheckMemberFacts;
  /** The role's levels by canonical "Module / Function" (functions not listed are None). */
  roleLevels: Record<FunctionKey, Levels>;
  /** Customize lists of the role as read with the member's own keys; absent = could not be read. */
  customize?: Partial<Record<CustomizeIdentifier, string[]>>;
  /** Other members (identifiers) holding the same role: a fix on the role changes them too. */
  roleSharedWith: string[];
  /** Names the PSA offers, to suggest in the fix when the member lacks one. */
  locations: string[];
  businessUnits: string[];
}

export interface CellFinding {
  function: FunctionKey;
  kind: LevelKind;
  have: Level;
  need: Level;
}

export interface MemberFinding {
  field: 'role' | 'level' | 'location' | 'businessUnit' | 'inactive';
  have: string | null;
  need: string;
  message: string;
}

export interface CustomizeFinding {
  list: CustomizeIdentifier;
  required: string[];
  /** `unverified`: the list can only be read with the member's own keys, which cwctl was not given. */
  status: 'ok' | 'missing' | 'unverified';
  missing: string[];
  /** Items the role allows beyond the profile. */
  extra: string[];
}

export interface CheckReport {
  profile: { name: string; title: string };
  member: CheckMemberFacts;
  /** What the integration needs and the role lacks: the cause of a failing sync. */
  missing: CellFinding[];
  /** What the role grants beyond the integration's needs. */
  excess: CellFinding[];
  memberIssues: MemberFinding[];
  customize: CustomizeFinding[];
  roleSharedWith: string[];
  /** true when nothing is missing, nothing is in excess and the member meets every requirement. */
  fits: boolean;
  /** The smallest fix, as YAML to adopt and as click paths in the PSA screens; null when it fits. */
  fix: { yaml: string; clickPaths: string[] } | null;
  /** What a person should know besides the findings (a shared role, an unverified list). */
  notes: string[];
}

const NONE: Levels = { add: 'None', edit: 'None', delete: 'None', inquire: 'None' };

/** The role name a fix proposes when the member's role is shared: "BrightGauge API", at most 30 characters. */
export function proposeRoleName(profile: IntegrationProfile): string {
  return `${profile.title} API`.slice(0, 30);
}

function compareCells(profile: IntegrationProfile, roleLevels: Record<FunctionKey, Levels>): { missing: CellFinding[]; excess: CellFinding[] } {
  const needed = mergeProfiles([profile]).permissions;
  const missing: CellFinding[] = [];
  const excess: CellFinding[] = [];
  // Catalogue order first, then anything the PSA showed that the catalogue lacks (so nothing is hidden).
  const keys = [...listFunctions().map((f) => f.key)];
  for (const key of [...Object.keys(roleLevels), ...Object.keys(needed)]) if (!keys.includes(key)) keys.push(key);
  for (const key of keys) {
    const need = needed[key] ?? NONE;
    const have = roleLevels[key] ?? NONE;
    for (const kind of LEVEL_KINDS) {
      if (LEVEL_RANK[have[kind]] < LEVEL_RANK[need[kind]]) missing.push({ function: key, kind, have: have[kind], need: need[kind] });
      else if (LEVEL_RANK[have[kind]] > LEVEL_RANK[need[kind]]) excess.push({ function: key, kind, have: have[kind], need: need[kind] });
    }
  }
  return { missing, excess };
}

function checkMemberFields(input: CheckInput): MemberFinding[] {
  const { member, profile } = input;
  const out: MemberFinding[] = [];
  if (!member.role) out.push({ field: 'role', have: null, need: 'a security role', message: 'the member has no security role' });
  if (member.inactive) out.push({ field: 'inactive', have: 'inactive', need: 'active', message: 'the member is inactive: the integration cannot log in' });
  if (!member.level || normalizeName(member.level) !== normalizeName(profile.member.level)) {
    out.push({
      field: 'level',
      have: member.level,
      need: profile.member.level,
      message: `${profile.title} needs Level ${profile.member.level} (a lower level limits what it can see)`,
    });
  }
  if (profile.member.requiresLocation && !member.location) {
    out.push({ field: 'location', have: null, need: 'a location', message: `${profile.title} needs the member's Location set` });
  }
  if (profile.member.requiresBusinessUnit && !member.businessUnit) {
    out.push({ field: 'businessUnit', have: null, need: 'a business unit', message: `${profile.title} needs the member's Business Unit set` });
  }
  return out;
}

function checkCustomize(input: CheckInput): CustomizeFinding[] {
  const out: CustomizeFinding[] = [];
  for (const [list, items] of Object.entries(input.profile.customize) as [CustomizeIdentifier, readonly string[]][]) {
    const required = [...items];
    const live = input.customize?.[list];
    if (!live) {
      out.push({ list, required, status: 'unverified', missing: [], extra: [] });
      continue;
    }
    const have = new Set(live.map(normalizeName));
    const want = new Set(required.map(normalizeName));
    const missing = required.filter((i) => !have.has(normalizeName(i)));
    const extra = live.filter((i) => !want.has(normalizeName(i)));
    out.push({ list, required, status: missing.length ? 'missing' : 'ok', missing, extra });
  }
  return out;
}

function renderFixYaml(input: CheckInput, memberIssues: MemberFinding[], roleName: string): string {
  const { profile, member } = input;
  const needsLocation = memberIssues.some((i) => i.field === 'location');
  const needsUnit = memberIssues.some((i) => i.field === 'businessUnit');
  const memberNode: Record<string, string | boolean> = {
    identifier: member.identifier,
    name: member.name,
    role: roleName,
    level: profile.member.level,
  };
  if (member.location || needsLocation) memberNode.location = member.location ?? input.locations[0] ?? '';
  if (member.businessUnit || needsUnit) memberNode.businessUnit = member.businessUnit ?? input.businessUnits[0] ?? '';
  const doc = new Document({ roles: [{ name: roleName, profiles: [profile.name], unlisted: 'none' }], members: [memberNode] });
  // Where cwctl had to pick a name for a missing field, say so beside it: the person chooses.
  const note = (path: (string | number)[], options: string[]): void => {
    const node = doc.getIn(path, true);
    if (isScalar(node)) node.comment = ` required by ${profile.name}: pick one of ${options.slice(0, 8).join(', ')}${options.length > 8 ? ', ...' : ''}`;
  };
  if (needsLocation) note(['members', 0, 'location'], input.locations);
  if (needsUnit) note(['members', 0, 'businessUnit'], input.businessUnits);
  return doc.toString({ lineWidth: 0 });
}

function renderClickPaths(input: CheckInput, missing: CellFinding[], excess: CellFinding[], memberIssues: MemberFinding[], customize: CustomizeFinding[]): string[] {
  const role = input.member.role?.name ?? '(role)';
  const actions: GuidedAction[] = [];
  // Kinds in column order (add, edit, delete, inquire) within each function, functions in the order found.
  const functions = [...new Set([...missing, ...excess].map((c) => c.function))];
  for (const key of functions) {
    const [module, fn] = key.split(' / ');
    for (const kind of LEVEL_KINDS) {
      for (const c of [...missing, ...excess]) {
        if (c.function === key && c.kind === kind) actions.push({ t: 'level', role, module: module ?? key, function: fn ?? key, kind, from: c.have, to: c.need });
      }
    }
  }
  for (const list of customize) {
    if (list.status === 'missing') actions.push({ t: 'customize', role, list: list.list, add: list.missing, remove: [] });
  }
  // One line per screen: its click path once, then what to do there (the checklist words, plan/guided-wording.ts).
  const byScreen = new Map<string, string[]>();
  for (const action of actions) byScreen.set(clickPathOf(action), [...(byScreen.get(clickPathOf(action)) ?? []), instructionOf(action)]);
  const paths = [...byScreen].map(([path, todo]) => `${path}: ${todo.join('; ')}`);
  const memberPath = apiMemberPath(input.member.identifier);
  for (const issue of memberIssues) {
    if (issue.field === 'level') paths.push(`${memberPath} > Level: ${issue.have ?? '(none)'} -> ${issue.need}`);
    if (issue.field === 'location') paths.push(`${memberPath} > Location: set one (${input.locations.slice(0, 5).join(', ')})`);
    if (issue.field === 'businessUnit') paths.push(`${memberPath} > Business Unit: set one (${input.businessUnits.slice(0, 5).join(', ')})`);
    if (issue.field === 'inactive') paths.push(`${memberPath} > Inactive: clear the box`);
    if (issue.field === 'role') paths.push(`${memberPath} > Role ID: pick a role that grants ${input.profile.title}'s permissions`);
  }
  return paths;
}

export function buildCheckReport(input: CheckInput): CheckReport {
  const { missing, excess } = compareCells(input.profile, input.roleLevels);
  const memberIssues = checkMemberFields(input);
  const customize = checkCustomize(input);
  const fits = missing.length === 0 && excess.length === 0 && memberIssues.length === 0 && !customize.some((c) => c.status === 'missing');
  const report: CheckReport = {
    profile: { name: input.profile.name, title: input.profile.title },
    member: input.member,
    missing,
    excess,
    memberIssues,
    customize,
    roleSharedWith: input.roleSharedWith,
    fits,
    fix: null,
    notes: [],
  };
  const shared = input.roleSharedWith.length > 0;
  const roleName = shared || !input.member.role ? proposeRoleName(input.profile) : input.member.role.name;
  const notes = report.notes;
  if (shared && input.member.role && !fits) {
    notes.push(
      `${input.member.role.name} is also the role of ${input.roleSharedWith.join(', ')}: changing its levels changes theirs too. ` +
        `The YAML gives ${input.member.identifier} a role of its own (${roleName}); the click paths change the shared role in place.`,
    );
  }
  if (customize.some((c) => c.status === 'unverified')) {
    notes.push(
      `Table Setup access can only be read with ${input.member.identifier}'s own API keys (CWCTL_NEW_KEY_${input.member.identifier.toUpperCase().replace(/[^A-Z0-9]/g, '_')}=PUBLIC:PRIVATE); it was not checked.`,
    );
  }
  if (!fits) report.fix = { yaml: renderFixYaml(input, memberIssues, roleName), clickPaths: renderClickPaths(input, missing, excess, memberIssues, customize) };
  return report;
}
