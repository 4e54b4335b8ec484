// Turns Changes into Operations: plain serializable steps with dependsOn and an executor chosen from the
// client's capabilities (guided while the PSA cannot write it through its API; never hard-coded here).
// Names are already resolved to ids (resolve-names.ts); ids created earlier in the same apply are refs.
// Pure; it does not order (order.ts) and does not judge safety (safety.ts).
import jsonpatch from 'fast-json-patch';
import { compareFunctionKeys, functionNamesOf } from '../catalogue/find-function.js';
import type { Levels } from '../catalogue/types.js';
import { LEVEL_KINDS } from '../catalogue/types.js';
import type { Address } from '../model/address.js';
import { crossReferenceAddress, mappingAddress, memberAddress, roleAddress } from '../model/address.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveMapping, LiveState } from '../model/live.js';
import type {
  CrossReferenceBody, Executor, IdOrRef, LevelCell, MappingBody, MemberBody, Operation, RefId, RefPatchOperation,
} from '../model/operation.js';
import type { Change } from '../model/plan.js';
import type { Capabilities } from '../psa/client.js';
import { parseAddress } from '../model/parse-address.js';
import type { ResolvedNames } from './resolve-names.js';
import { NONE_LEVELS, findLiveCrossReference } from './snapshot.js';
import { readItems, readLevels } from '../model/read-json.js';

export interface OperationsInput {
  desired: DesiredState;
  live: LiveState;
  resolved: ResolvedNames;
  capabilities: Capabilities;
  changes: Change[];
}

export const operationId = (type: Operation['type'], address: Address): string => `${type}:${address}`;


/**
 * fast-json-patch's diff in the PSA's dialect: no leading slash, and a reference (an object) replaced whole
 * with the desired value instead of patched inside (`securityRole/id` is wrong and may answer a false 200).
 */
export function toPsaPatch(from: Record<string, unknown>, to: Record<string, JsonPatchValue>): RefPatchOperation[] {
  const out: RefPatchOperation[] = [];
  const seen = new Set<string>();
  for (const op of jsonpatch.compare(from, to)) {
    const top = op.path.split('/')[1] ?? '';
    if (!top || seen.has(top)) continue;
    seen.add(top);
    if (op.op === 'remove' && op.path === `/${top}`) {
      out.push({ op: 'remove', path: top });
    } else {
      // add, replace, or a change nested inside a reference: the PSA takes the whole top-level value.
      out.push({ op: 'replace', path: top, value: to[top] ?? null });
    }
  }
  // compare() walks keys in reverse; a stable order keeps plans and checksums reproducible.
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
type JsonPatchValue = string | number | boolean | null | RefId;

const refOrId = (value: IdOrRef): RefId => ({ id: value });

/** A member's managed fields as a PSA body (live side: ids from the live record). */
function liveMemberBody(live: LiveState, identifier: string, managed: Set<string>): Record<string, JsonPatchValue> {
  const m = live.members[identifier];
  const body: Record<string, JsonPatchValue> = {};
  if (!m) return body;
  body.name = m.name;
  body.inactiveFlag = m.inactive;
  if (m.role) body.securityRole = refOrId(m.role.id);
  if (m.level) body.structureLevel = refOrId(m.level.id);
  if (managed.has('location') && m.location) body.defaultLocation = refOrId(m.location.id);
  if (managed.has('businessUnit') && m.businessUnit) body.defaultDepartment = refOrId(m.businessUnit.id);
  if (managed.has('email')) body.emailAddress = m.email ?? null;
  return body;
}

function desiredMemberBody(input: OperationsInput, identifier: string): MemberBody | undefined {
  const m = input.desired.members.find((d) => d.identifier === identifier);
  const r = input.resolved.members[identifier];
  if (!m || !r?.role) return undefined;
  const body: MemberBody = { identifier: m.identifier, name: m.name, inactiveFlag: m.inactive, securityRole: refOrId(r.role.id) };
  if (r.level) body.structureLevel = refOrId(r.level.id);
  if (r.location) {
    body.defaultLocation = refOrId(r.location.id);
    body.securityLocation = refOrId(r.location.id);
  }
  if (r.businessUnit) body.defaultDepartment = refOrId(r.businessUnit.id);
  if (m.email !== undefined) body.emailAddress = m.email;
  return body;
}

function mappingBody(input: OperationsInput, name: string): MappingBody | undefined {
  const m = input.desired.managedDevices.find((d) => d.name === name);
  if (!m) return undefined;
  return { name: m.name, solution: m.solution, loginBy: m.loginBy, defaultBillingLevel: m.defaultBillingLevel, ...(m.portalUrl !== undefined ? { portalUrl: m.portalUrl } : {}) };
}

function crossReferenceBody(input: OperationsInput, address: Address): CrossReferenceBody | undefined {
  const parsed = parseAddress(address);
  if (parsed?.kind !== 'crossReference') return undefined;
  const mapping = input.desired.managedDevices.find((d) => d.name === parsed.mapping);
  const x = mapping?.crossReferences.find((c) => crossReferenceAddress(parsed.mapping, c.vendorType, c.vendorLevel) === address);
  if (!x) return undefined;
  const r = input.resolved.crossReferences[address];
  const body: CrossReferenceBody = { vendorType: x.vendorType };
  if (x.vendorLevel) body.vendorLevel = x.vendorLevel;
  if (r?.configurationType) body.configurationType = { id: r.configurationType.id };
  if (r?.agreementType) body.agreementType = { id: r.agreementType.id };
  if (r?.product) body.product = { id: r.product.id };
  return body;
}

function liveCrossReferenceBody(mapping: LiveMapping | undefined, vendorType: string, vendorLevel: string | null, managed: CrossReferenceBody): Record<string, JsonPatchValue> {
  const x = findLiveCrossReference(mapping, vendorType, vendorLevel);
  const body: Record<string, JsonPatchValue> = { vendorType };
  if (!x) return body;
  if (managed.vendorLevel !== undefined) body.vendorLevel = x.vendorLevel;
  if (managed.configurationType && x.configurationType) body.configurationType = { id: x.configurationType.id };
  if (managed.agreementType && x.agreementType) body.agreementType = { id: x.agreementType.id };
  if (managed.product && x.product) body.product = { id: x.product.id };
  body.inactiveFlag = x.inactive;
  return body;
}

/** The first declared member of a role: once its keys are known, they can read the role's customize lists. */
function verifierOf(input: OperationsInput, role: string): string | undefined {
  return input.desired.members.filter((m) => m.role === role).map((m) => m.identifier).sort()[0];
}

/** The old name of a `rename` change (`before.name` of a role, `before.identifier` of a member). */
function renamedFrom(c: Change, field: 'name' | 'identifier'): string | undefined {
  const before = c.before;
  const value = before && typeof before === 'object' && !Array.isArray(before) ? before[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export function buildOperations(input: OperationsInput): Operation[] {
  const { live, capabilities, changes } = input;
  const ops: Operation[] = [];
  const created = new Set(changes.filter((c) => c.action === 'create').map((c) => c.address));
  const guidedUnless = (can: boolean): Executor => (can ? 'api' : 'guided');
  const roleIdOf = (role: string): IdOrRef => live.roles[role]?.psaId ?? { ref: roleAddress(role) };
  const dependsOnRole = (role: string): string[] => (created.has(roleAddress(role)) ? [operationId('createRole', roleAddress(role))] : []);

  // Level cells grouped per role, in catalogue order: one operation per role.
  const cellsByRole = new Map<string, { key: string; before: Levels; after: Levels; address: Address }[]>();
  for (const c of changes) {
    const p = parseAddress(c.address);
    if (p?.kind !== 'setting') continue;
    const list = cellsByRole.get(p.role) ?? [];
    list.push({ key: p.functionKey, before: readLevels(c.before) ?? NONE_LEVELS, after: readLevels(c.after) ?? NONE_LEVELS, address: c.address });
    cellsByRole.set(p.role, list);
  }

  for (const c of changes) {
    const p = parseAddress(c.address);
    if (!p) continue;
    switch (p.kind) {
      case 'role': {
        if (c.action === 'create') {
          ops.push({ id: operationId('createRole', c.address), type: 'createRole', address: c.address, dependsOn: [], executor: 'api', summary: `create role ${p.role}`, name: p.role });
        } else if (c.action === 'rename') {
          const roleId = live.roles[p.role]?.psaId;
          const from = renamedFrom(c, 'name');
          if (roleId === undefined || from === undefined) break;
          ops.push({
            id: operationId('renameRole', c.address), type: 'renameRole', address: c.address, dependsOn: [], executor: guidedUnless(capabilities.renameRole),
            summary: `rename role ${from} to ${p.role}`, from, name: p.role, roleId,
          });
        } else if (c.action === 'delete') {
          const roleId = live.roles[p.role]?.psaId;
          if (roleId === undefined) break;
          ops.push({ id: operationId('deleteRole', c.address), type: 'deleteRole', address: c.address, dependsOn: [], executor: 'api', summary: `delete role ${p.role}`, name: p.role, roleId });
        }
        break;
      }
      case 'setting': {
        const cells = cellsByRole.get(p.role);
        if (!cells) break; // already emitted for this role
        cellsByRole.delete(p.role);
        const levelCells: LevelCell[] = [];
        for (const cell of [...cells].sort((a, b) => compareFunctionKeys(a.key, b.key))) {
          const { module, function: fn } = functionNamesOf(cell.key);
          for (const kind of LEVEL_KINDS) {
            if (cell.before[kind] !== cell.after[kind]) levelCells.push({ module, function: fn, kind, from: cell.before[kind], to: cell.after[kind] });
          }
        }
        const address = roleAddress(p.role);
        ops.push({
          id: operationId('setRoleLevels', address), type: 'setRoleLevels', address, dependsOn: dependsOnRole(p.role),
          executor: guidedUnless(capabilities.writeRoleSettings),
          summary: `set ${levelCells.length} level(s) on role ${p.role}`, role: p.role, roleId: roleIdOf(p.role), cells: levelCells,
        });
        break;
      }
      case 'customize': {
        const before = readItems(c.before) ?? null;
        const after = readItems(c.after) ?? [];
        const add = after.filter((i) => !before?.includes(i));
        const remove = (before ?? []).filter((i) => !after.includes(i));
        const verifyAs = verifierOf(input, p.role);
        ops.push({
          id: operationId('setCustomizeItems', c.address), type: 'setCustomizeItems', address: c.address, dependsOn: dependsOnRole(p.role),
          executor: guidedUnless(capabilities.writeCustomizeItems),
          summary: `${p.list === 'SystemTableSetup' ? 'Table Setup' : p.list} of role ${p.role}: allow ${add.length}, remove ${remove.length}${before === null ? ' (live list unknown)' : ''}`,
          role: p.role, roleId: roleIdOf(p.role), list: p.list, add, remove, ...(verifyAs ? { verifyAs } : {}),
        });
        break;
      }
      case 'member': {
        const liveMember = live.members[p.identifier];
        if (c.action === 'create') {
          const body = desiredMemberBody(input, p.identifier);
          if (!body) break;
          const role = input.resolved.members[p.identifier]?.role?.name;
          ops.push({
            id: operationId('createMember', c.address), type: 'createMember', address: c.address, dependsOn: role ? dependsOnRole(role) : [],
            executor: 'api', summary: `create API member ${p.identifier}`, identifier: p.identifier, body,
          });
        } else if (c.action === 'update' && liveMember) {
          const body = desiredMemberBody(input, p.identifier);
          if (!body) break;
          const declared = input.desired.members.find((m) => m.identifier === p.identifier);
          const managed = new Set(['location', 'businessUnit', 'email'].filter((f) => declared?.[f as 'location'] !== undefined));
          const to: Record<string, JsonPatchValue> = { ...body };
          delete to.identifier;
          delete to.securityLocation;
          const patch = toPsaPatch(liveMemberBody(live, p.identifier, managed), to);
          // The security location follows the location a person sees on the member screen.
          const loc = patch.find((o) => o.path === 'defaultLocation');
          if (loc) patch.push({ op: 'replace', path: 'securityLocation', value: loc.value ?? null });
          if (patch.length === 0) break;
          const role = input.resolved.members[p.identifier]?.role?.name;
          ops.push({
            id: operationId('patchMember', c.address), type: 'patchMember', address: c.address, dependsOn: role ? dependsOnRole(role) : [],
            executor: 'api', summary: `update API member ${p.identifier}: ${patch.map((o) => o.path).join(', ')}`,
            identifier: p.identifier, memberId: liveMember.psaId, patch,
          });
        } else if (c.action === 'rename' && liveMember) {
          const from = renamedFrom(c, 'identifier');
          if (from === undefined) break;
          // The public API takes identifier in a PATCH of /system/apiMembers/{id} (reference section 6).
          ops.push({
            id: operationId('renameMember', c.address), type: 'renameMember', address: c.address, dependsOn: [], executor: 'api',
            summary: `rename API member ${from} to ${p.identifier}`, from, identifier: p.identifier, memberId: liveMember.psaId,
          });
        } else if (c.action === 'delete' && liveMember) {
          ops.push({
            id: operationId('deactivateMember', c.address), type: 'deactivateMember', address: c.address, dependsOn: [], executor: 'api',
            summary: `deactivate API member ${p.identifier}`, identifier: p.identifier, memberId: liveMember.psaId,
          });
        }
        break;
      }
      case 'apiKey': {
        if (c.action !== 'create') break;
        const member = memberAddress(p.identifier);
        const memberId: IdOrRef = live.members[p.identifier]?.psaId ?? { ref: member };
        ops.push({
          id: operationId('createApiKey', c.address), type: 'createApiKey', address: c.address,
          dependsOn: created.has(member) ? [operationId('createMember', member)] : [],
          executor: guidedUnless(capabilities.writeApiKeys), summary: `create API key '${p.description}' for ${p.identifier}`,
          identifier: p.identifier, memberId, description: p.description,
        });
        break;
      }
      case 'mapping': {
        const liveMapping = live.managedDevices[p.mapping];
        if (c.action === 'create') {
          const body = mappingBody(input, p.mapping);
          if (body) ops.push({ id: operationId('createMapping', c.address), type: 'createMapping', address: c.address, dependsOn: [], executor: 'api', summary: `create managed-devices mapping ${p.mapping}`, name: p.mapping, body });
        } else if (c.action === 'update' && liveMapping) {
          const body = mappingBody(input, p.mapping);
          if (!body) break;
          const from: Record<string, unknown> = { name: liveMapping.name, solution: liveMapping.solution, loginBy: liveMapping.loginBy, defaultBillingLevel: liveMapping.defaultBillingLevel };
          if (body.portalUrl !== undefined) from.portalUrl = liveMapping.portalUrl;
          const patch = toPsaPatch(from, { ...body });
          if (patch.length > 0) ops.push({ id: operationId('patchMapping', c.address), type: 'patchMapping', address: c.address, dependsOn: [], executor: 'api', summary: `update mapping ${p.mapping}: ${patch.map((o) => o.path).join(', ')}`, name: p.mapping, mappingId: liveMapping.psaId, patch });
        } else if (c.action === 'delete' && liveMapping) {
          const children = changes
            .filter((x) => x.action === 'delete' && x.address.startsWith(`${c.address}/xref:`))
            .map((x) => operationId('deleteCrossReference', x.address));
          ops.push({ id: operationId('deleteMapping', c.address), type: 'deleteMapping', address: c.address, dependsOn: children, executor: 'api', summary: `delete mapping ${p.mapping}`, name: p.mapping, mappingId: liveMapping.psaId });
        }
        break;
      }
      case 'crossReference': {
        const parent = mappingAddress(p.mapping);
        const liveMapping = live.managedDevices[p.mapping];
        const liveX = findLiveCrossReference(liveMapping, p.vendorType, p.vendorLevel);
        const label = `${p.vendorType}${p.vendorLevel ? ` / ${p.vendorLevel}` : ''}`;
        if (c.action === 'create') {
          const body = crossReferenceBody(input, c.address);
          if (!body) break;
          ops.push({
            id: operationId('createCrossReference', c.address), type: 'createCrossReference', address: c.address,
            dependsOn: created.has(parent) ? [operationId('createMapping', parent)] : [], executor: 'api',
            summary: `create cross reference ${label} in ${p.mapping}`, mapping: p.mapping, mappingId: liveMapping?.psaId ?? { ref: parent }, body,
          });
        } else if (c.action === 'update' && liveMapping && liveX) {
          const body = crossReferenceBody(input, c.address);
          if (!body) break;
          const to: Record<string, JsonPatchValue> = { ...body, inactiveFlag: false };
          const patch = toPsaPatch(liveCrossReferenceBody(liveMapping, p.vendorType, p.vendorLevel, body), to);
          if (patch.length > 0) ops.push({ id: operationId('patchCrossReference', c.address), type: 'patchCrossReference', address: c.address, dependsOn: [], executor: 'api', summary: `update cross reference ${label} in ${p.mapping}: ${patch.map((o) => o.path).join(', ')}`, mapping: p.mapping, mappingId: liveMapping.psaId, crossReferenceId: liveX.psaId, patch });
        } else if (c.action === 'delete' && liveMapping && liveX) {
          ops.push({ id: operationId('deleteCrossReference', c.address), type: 'deleteCrossReference', address: c.address, dependsOn: [], executor: 'api', summary: `delete cross reference ${label} in ${p.mapping}`, mapping: p.mapping, mappingId: liveMapping.psaId, crossReferenceId: liveX.psaId });
        }
        break;
      }
    }
  }

  // What is planned on a renamed object waits for the rename: a person finds the role under its new name, and a
  // patch of a member checks the identifier behind its id.
  for (const op of ops) {
    if (op.type === 'renameRole' || op.type === 'renameMember') continue;
    const rename = ops.find((r) => (r.type === 'renameRole' || r.type === 'renameMember') && (op.address === r.address || op.address.startsWith(`${r.address}/`)));
    if (rename && !op.dependsOn.includes(rename.id)) op.dependsOn.push(rename.id);
  }

  // A role goes only once nobody holds it any more: after its members are re-pointed or deactivated.
  for (const op of ops) {
    if (op.type !== 'deleteRole') continue;
    for (const other of ops) {
      if ((other.type === 'patchMember' || other.type === 'deactivateMember') && live.members[other.identifier]?.role?.id === op.roleId) op.dependsOn.push(other.id);
    }
  }
  return ops;
}
