// Reads what `cwctl check` needs from the live PSA (one API member, its role's settings, who else holds the role,
// the names of locations and business units, and the role's Customize lists when the member's own keys are given)
// and compares it with an integration profile. Read-only: it never writes to the PSA and never logs a key.
import { findProfile, listProfileNames, PROFILES } from '../catalogue/profiles/index.js';
import type { CustomizeIdentifier, FunctionKey, IntegrationProfile, Levels } from '../catalogue/types.js';
import { suggest } from '../config/suggest.js';
import { CwctlError, ExitCode } from '../errors.js';
import { canonicalFunctionKey } from '../catalogue/find-function.js';
import type { CallOptions, MemberKeys, PsaClient } from '../psa/client.js';
import { readLiveLevel } from '../psa/read-live-level.js';
import type { ApiMember, PsaReference } from '../psa/types.js';
import { buildCheckReport } from './build-check-report.js';
import type { CheckReport } from './build-check-report.js';

export interface CheckMemberOptions extends CallOptions {
  client: PsaClient;
  profile: string;
  member: string;
  /** The member's own API keys, to read its role's Table Setup access (the only way the API shows it). */
  memberKeys?: MemberKeys;
  /** Identifier of the member the client runs as: when it is the member checked, its own lists are read. */
  callerIdentifier?: string;
}


function nameOf(ref: PsaReference | null | undefined, table: { id: number; name: string }[]): string | null {
  if (!ref) return null;
  return ref.name ?? table.find((row) => row.id === ref.id)?.name ?? `#${ref.id}`;
}

/** The profile by name, title or alias; an unknown one is invalid input with a did-you-mean. */
export function resolveProfile(name: string): IntegrationProfile {
  const profile = findProfile(name);
  if (profile) return profile;
  const guess = suggest(name, PROFILES.flatMap((p) => [{ spelling: p.name, value: p.name }, { spelling: p.title, value: p.name }]));
  throw new CwctlError(`unknown integration profile '${name}'`, {
    exitCode: ExitCode.InvalidInput,
    code: 'unknown-profile',
    hint: guess ? `did you mean '${guess}'? (cwctl profiles list shows all)` : `known profiles: ${listProfileNames().join(', ')}`,
  });
}

export async function checkMember(options: CheckMemberOptions): Promise<CheckReport> {
  const { client } = options;
  const call: CallOptions = options.signal ? { signal: options.signal } : {};
  const profile = resolveProfile(options.profile);

  const apiMembers = await client.listApiMembers(call);
  const wanted = options.member.toLowerCase();
  const member: ApiMember | undefined = apiMembers.find((m) => m.identifier.toLowerCase() === wanted);
  if (!member) {
    const guess = suggest(options.member, apiMembers.map((m) => ({ spelling: m.identifier, value: m.identifier })));
    throw new CwctlError(`no API member '${options.member}' in the PSA`, {
      exitCode: ExitCode.InvalidInput,
      code: 'unknown-member',
      hint: guess
        ? `did you mean '${guess}'?`
        : `API members: ${apiMembers.map((m) => m.identifier).slice(0, 12).join(', ')}${apiMembers.length > 12 ? ', ...' : ''}`,
    });
  }

  const [levels, locations, departments, members] = await Promise.all([
    client.listStructureLevels(call),
    client.listLocations(call),
    client.listDepartments(call),
    client.listMembers(call),
  ]);
  const roleId = member.securityRole?.id;
  const roleLevels: Record<FunctionKey, Levels> = {};
  let roleName: string | null = null;
  if (roleId !== undefined) {
    const [role, settings] = await Promise.all([client.getSecurityRole(roleId, call), client.listRoleSettings(roleId, call)]);
    roleName = role.name;
    for (const s of settings) {
      const where = (field: string) => (): string => `role '${role.name}', ${s.moduleName} / ${s.moduleFunctionName}, ${field} (settings row id ${s.id})`;
      roleLevels[canonicalFunctionKey(s.moduleName, s.moduleFunctionName)] = {
        add: readLiveLevel(s.addLevel, where('addLevel')),
        edit: readLiveLevel(s.editLevel, where('editLevel')),
        delete: readLiveLevel(s.deleteLevel, where('deleteLevel')),
        inquire: readLiveLevel(s.inquireLevel, where('inquireLevel')),
      };
    }
  }

  // Who else holds the role decides whether the fix may change it in place.
  const sharedWith = new Set<string>();
  if (roleId !== undefined) {
    for (const m of [...apiMembers, ...members]) {
      if (m.securityRole?.id === roleId && !m.inactiveFlag && m.identifier.toLowerCase() !== wanted) sharedWith.add(m.identifier);
    }
  }

  let customize: Partial<Record<CustomizeIdentifier, string[]>> | undefined;
  const self = options.callerIdentifier?.toLowerCase() === wanted;
  if (options.memberKeys || self) {
    const reader = options.memberKeys ? client.withCredentials(options.memberKeys) : client;
    customize = {};
    for (const item of await reader.listMyCustomizeItems(call)) (customize[item.customizeIdentifier] ??= []).push(item.itemIdentifier);
    // A list the profile needs and the PSA returned nothing for is read, and empty.
    for (const list of Object.keys(profile.customize) as CustomizeIdentifier[]) customize[list] ??= [];
  }

  const departmentName = member.defaultDepartment
    ? (member.defaultDepartment.name ?? departments.find((d) => d.id === member.defaultDepartment?.id)?.name ?? `#${member.defaultDepartment.id}`)
    : null;
  return buildCheckReport({
    profile,
    member: {
      identifier: member.identifier,
      name: member.name ?? member.identifier,
      role: roleId !== undefined && roleName !== null ? { id: roleId, name: roleName } : null,
      level: nameOf(member.structureLevel, levels),
      location: nameOf(member.defaultLocation ?? member.securityLocation, locations),
      businessUnit: departmentName,
      inactive: member.inactiveFlag === true,
    },
    roleLevels,
    ...(customize ? { customize } : {}),
    roleSharedWith: [...sharedWith].sort(),
    locations: locations.map((l) => l.name),
    businessUnits: departments.map((d) => d.name),
  });
}
