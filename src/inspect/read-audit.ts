// Reads what `cwctl audit` needs from the live PSA: every API member, every member's role (to tell who shares
// one), the roles and the settings of each role an API member holds. Read-only: never writes, never logs a key.
import { allProfiles, findProfile } from '../catalogue/profiles/index.js';
import type { FunctionKey, IntegrationProfile, Level, Levels } from '../catalogue/types.js';
import { canonicalFunctionKey } from '../catalogue/find-function.js';
import type { CallOptions, PsaClient } from '../psa/client.js';
import { buildAuditReport } from './build-audit-report.js';
import type { AuditReport, AuditRole } from './build-audit-report.js';

const level = (value: Level | null | undefined): Level => value ?? 'None';

/** Every profile and every tier of one, as a role may fit any of them. */
export function auditCandidates(): IntegrationProfile[] {
  const out: IntegrationProfile[] = [];
  for (const p of allProfiles()) {
    const base = findProfile(p.name);
    if (base) out.push(base);
    for (const t of p.tiers ?? []) {
      const tier = findProfile(`${p.name}:${t.name}`);
      if (tier) out.push(tier);
    }
  }
  return out;
}

export async function readAudit(client: PsaClient, options: CallOptions = {}): Promise<AuditReport> {
  const call: CallOptions = options.signal ? { signal: options.signal } : {};
  const [apiMembers, members, roles] = await Promise.all([
    client.listApiMembers({ ...call, pageSize: 1000 }),
    client.listMembers({ ...call, pageSize: 1000 }),
    client.listSecurityRoles({ ...call, pageSize: 1000 }),
  ]);
  const held = new Set(apiMembers.map((m) => m.securityRole?.id).filter((id): id is number => id !== undefined));
  const auditRoles: AuditRole[] = await Promise.all(roles.filter((r) => held.has(r.id)).map(async (r) => {
    const levels: Record<FunctionKey, Levels> = {};
    for (const s of await client.listRoleSettings(r.id, { ...call, pageSize: 1000 })) {
      levels[canonicalFunctionKey(s.moduleName, s.moduleFunctionName)] = {
        add: level(s.addLevel), edit: level(s.editLevel), delete: level(s.deleteLevel), inquire: level(s.inquireLevel),
      };
    }
    return { id: r.id, name: r.name, admin: r.adminFlag === true, levels };
  }));
  return buildAuditReport({
    target: { site: client.target.site, company: client.target.company },
    apiMembers: apiMembers.map((m) => ({ identifier: m.identifier, name: m.name ?? m.identifier, inactive: m.inactiveFlag === true, roleId: m.securityRole?.id ?? null })),
    holders: [
      ...apiMembers.map((m) => ({ identifier: m.identifier, apiMember: true, inactive: m.inactiveFlag === true, roleId: m.securityRole?.id ?? null })),
      ...members.map((m) => ({ identifier: m.identifier, apiMember: false, inactive: m.inactiveFlag === true, roleId: m.securityRole?.id ?? null })),
    ],
    roles: auditRoles,
    profiles: auditCandidates(),
  });
}
