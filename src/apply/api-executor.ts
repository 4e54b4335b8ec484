// Runs one API operation against the PSA, idempotently: create-if-absent by natural key (role name, member
// identifier, integration name, cross reference vendorType|vendorLevel), patch only fields that differ after
// a fresh read, deactivate members instead of deleting them. A retried or resumed apply never duplicates.
// Must not write state or print: it returns what happened and the PSA id for apply-plan to record.
import { CwctlError, ExitCode } from '../errors.js';
import type { Address } from '../model/address.js';
import type { Operation } from '../model/operation.js';
import type { CallOptions, PsaClient } from '../psa/client.js';
import { PsaApiError } from '../psa/errors.js';
import { equalsCondition } from '../psa/condition-literal.js';
import type { PsaPatchOperation, SecurityRole } from '../psa/types.js';
import type { IdLookup } from './resolve-refs.js';
import { resolveBody, resolveId, resolvePatch } from './resolve-refs.js';

export type ApiResult = 'created' | 'found' | 'updated' | 'unchanged' | 'deleted' | 'absent' | 'deactivated';

export interface ApiOutcome {
  result: ApiResult;
  /** PSA id of the object the operation created or touched (absent after a delete). */
  psaId?: number;
  /** What was sent, for the debug log; never holds secrets. */
  detail?: string;
}

export interface ApiExecutionContext {
  client: PsaClient;
  lookup: IdLookup;
  /** Addresses cwctl owns (recorded in state): deletes and deactivations refuse anything else. */
  owns: (address: Address) => boolean;
  /** The PSA id state records for an owned address, if any: a patch must not be pointed at another object. */
  ownedId?: (address: Address) => number | undefined;
  /**
   * The roles as one listing shared by every createRole of an apply (see sharedRoleListing). Without it, each
   * createRole reads the PSA by its name first (one more request per new role).
   */
  roles?: RoleListing;
  signal?: AbortSignal;
}

/** Finds a security role by name, case-insensitively, in one listing read once and shared. */
export interface RoleListing {
  find(name: string, call: CallOptions): Promise<SecurityRole | undefined>;
}

/**
 * One read of all roles (id and name), made when the first createRole asks and shared by the rest, instead of a
 * name lookup before every POST: an apply of N new roles sends N + 1 requests for them, not 2N. A role made by
 * someone else after that read is still caught: the PSA refuses a second role of the same name, and createRole
 * then looks the name up before failing (a POST whose answer was lost is re-checked by name in the PSA client).
 * A failed read is not kept, so a later createRole reads again.
 */
export function sharedRoleListing(client: PsaClient, planRead?: { at: number; freshMs: number }): RoleListing {
  let listing: Promise<readonly SecurityRole[]> | undefined;
  return {
    async find(name, call) {
      // A plan creates only the roles its own read did not find: while that read is fresh, it is this listing
      // (issue #14: no second read moments later). The PSA's refusal of a duplicate name stays the backstop.
      if (!listing && planRead && Date.now() - planRead.at <= planRead.freshMs) return undefined;
      listing ??= client.listSecurityRoles({ ...call, fields: ['id', 'name'] }).catch((error: unknown) => {
        listing = undefined;
        throw error;
      });
      return findByName(await listing, (r) => r.name, name);
    },
  };
}

export async function executeApiOperation(op: Operation, ctx: ApiExecutionContext): Promise<ApiOutcome> {
  const { client } = ctx;
  const call: CallOptions = ctx.signal ? { signal: ctx.signal } : {};
  switch (op.type) {
    case 'createRole': {
      const byName = async (): Promise<SecurityRole | undefined> =>
        findByName(await client.listSecurityRoles({ ...call, ...nameCondition('name', op.name) }), (r) => r.name, op.name);
      const existing = ctx.roles ? await ctx.roles.find(op.name, call) : await byName();
      if (existing) return { result: 'found', psaId: existing.id };
      let created: SecurityRole;
      try {
        created = await client.createSecurityRole({ name: op.name }, call);
      } catch (error) {
        // The shared listing may predate a role someone else made since: a refusal (a duplicate name) is checked
        // by name once, so that role is found as before rather than failing the apply.
        const meanwhile = ctx.roles && refusedOutright(error) ? await byName() : undefined;
        if (meanwhile) return { result: 'found', psaId: meanwhile.id, detail: 'created by someone else during this apply' };
        throw error;
      }
      return { result: 'created', psaId: created.id };
    }
    case 'deleteRole': {
      assertOwned(ctx, op.address, op.id);
      const [role] = (await client.listSecurityRoles({ ...call, conditions: `id=${op.roleId}` })).filter((r) => r.id === op.roleId);
      if (!role) return { result: 'absent' };
      const condition = `securityRole/id=${op.roleId}`;
      const users = [
        ...(await client.listApiMembers({ ...call, conditions: condition, fields: ['id', 'identifier', 'securityRole'] }))
          .filter((m) => m.securityRole?.id === op.roleId).map((m) => m.identifier),
        ...(await client.listMembers({ ...call, conditions: condition, fields: ['id', 'identifier', 'securityRole'] }))
          .filter((m) => m.securityRole?.id === op.roleId).map((m) => m.identifier),
      ];
      if (users.length > 0) {
        throw new CwctlError(`refusing to delete role ${op.name}: still used by ${[...new Set(users)].join(', ')}`, {
          exitCode: ExitCode.Unsafe,
          code: 'role-in-use',
          hint: 'move those members to another role first (or keep the role in the YAML)',
        });
      }
      await client.deleteSecurityRole(op.roleId, call);
      return { result: 'deleted' };
    }
    case 'createMember': {
      const body = resolveBody(op.body, ctx.lookup, op.id);
      const existing = findByName(
        await client.listApiMembers({ ...call, ...nameCondition('identifier', op.identifier) }),
        (m) => m.identifier,
        op.identifier,
      );
      if (!existing) {
        const created = await client.createApiMember(body, call);
        return { result: 'created', psaId: created.id };
      }
      // Created by an earlier, interrupted run (or by hand): bring it to the body instead of failing or duplicating.
      const patch = patchToward(body, existing);
      if (patch.length === 0) return { result: 'found', psaId: existing.id };
      await client.patchApiMember(existing.id, patch, call);
      return { result: 'updated', psaId: existing.id, detail: describePatch(patch) };
    }
    case 'patchMember': {
      assertSameObject(ctx, op.address, op.memberId, op.id);
      const live = await client.getApiMember(op.memberId, call);
      assertIdentifier(live.identifier, op.identifier, op.id);
      const patch = onlyDiffering(resolvePatch(op.patch, ctx.lookup, op.id), live);
      if (patch.length === 0) return { result: 'unchanged', psaId: op.memberId };
      await client.patchApiMember(op.memberId, patch, call);
      return { result: 'updated', psaId: op.memberId, detail: describePatch(patch) };
    }
    case 'renameMember': {
      // A `moved:` rename: the same id, a new identifier. Done already (a retried apply) is not done twice.
      assertSameObject(ctx, op.address, op.memberId, op.id);
      const live = await client.getApiMember(op.memberId, call);
      if (live.identifier === op.identifier) return { result: 'unchanged', psaId: op.memberId };
      if (live.identifier?.toLowerCase() !== op.identifier.toLowerCase()) assertIdentifier(live.identifier, op.from, op.id);
      let after: { identifier?: string };
      try {
        after = await client.patchApiMember(op.memberId, [{ op: 'replace', path: 'identifier', value: op.identifier }], call);
      } catch (error) {
        // The reference reads identifier as writable; a PSA that refuses it leaves the rename to a person.
        const status = error instanceof PsaApiError ? error.status : undefined;
        if (refusedOutright(error) && status !== 401 && status !== 403) throw renameRefused(op, `HTTP ${status ?? '?'}`);
        throw error;
      }
      // A PSA that answers 200 but keeps the identifier (the field read-only there) is caught by the answer itself.
      if (after.identifier !== op.identifier) throw renameRefused(op, `the PSA kept '${after.identifier ?? ''}'`);
      return { result: 'updated', psaId: op.memberId, detail: 'replace identifier' };
    }
    case 'deactivateMember': {
      assertOwned(ctx, op.address, op.id);
      assertSameObject(ctx, op.address, op.memberId, op.id);
      const live = await client.getApiMember(op.memberId, call);
      assertIdentifier(live.identifier, op.identifier, op.id);
      if (live.inactiveFlag === true) return { result: 'unchanged', psaId: op.memberId };
      await client.patchApiMember(op.memberId, [{ op: 'replace', path: 'inactiveFlag', value: true }], call);
      return { result: 'deactivated', psaId: op.memberId };
    }
    case 'createMapping': {
      const existing = findByName(
        await client.listManagedDevicesIntegrations({ ...call, ...nameCondition('name', op.name) }),
        (m) => m.name,
        op.name,
      );
      if (!existing) {
        const created = await client.createManagedDevicesIntegration(op.body, call);
        return { result: 'created', psaId: created.id };
      }
      const patch = patchToward(op.body, existing);
      if (patch.length === 0) return { result: 'found', psaId: existing.id };
      await client.patchManagedDevicesIntegration(existing.id, patch, call);
      return { result: 'updated', psaId: existing.id, detail: describePatch(patch) };
    }
    case 'patchMapping': {
      assertSameObject(ctx, op.address, op.mappingId, op.id);
      const [live] = (await client.listManagedDevicesIntegrations({ ...call, conditions: `id=${op.mappingId}` })).filter((m) => m.id === op.mappingId);
      if (!live) throw notFound(op.id, `managed devices integration ${op.name} (id ${op.mappingId})`);
      const patch = onlyDiffering(resolvePatch(op.patch, ctx.lookup, op.id), live);
      if (patch.length === 0) return { result: 'unchanged', psaId: op.mappingId };
      await client.patchManagedDevicesIntegration(op.mappingId, patch, call);
      return { result: 'updated', psaId: op.mappingId, detail: describePatch(patch) };
    }
    case 'deleteMapping': {
      assertOwned(ctx, op.address, op.id);
      const [live] = (await client.listManagedDevicesIntegrations({ ...call, conditions: `id=${op.mappingId}` })).filter((m) => m.id === op.mappingId);
      if (!live) return { result: 'absent' };
      await client.deleteManagedDevicesIntegration(op.mappingId, call);
      return { result: 'deleted' };
    }
    case 'createCrossReference': {
      const mappingId = resolveId(op.mappingId, ctx.lookup, op.id);
      const rows = await client.listCrossReferences(mappingId, call);
      const key = crossReferenceKey(op.body.vendorType, op.body.vendorLevel);
      const existing = rows.find((r) => crossReferenceKey(r.vendorType, r.vendorLevel) === key);
      if (!existing) {
        const created = await client.createCrossReference(mappingId, op.body, call);
        return { result: 'created', psaId: created.id };
      }
      const patch = patchToward(op.body, existing);
      if (patch.length === 0) return { result: 'found', psaId: existing.id };
      await client.patchCrossReference(mappingId, existing.id, patch, call);
      return { result: 'updated', psaId: existing.id, detail: describePatch(patch) };
    }
    case 'patchCrossReference': {
      assertSameObject(ctx, op.address, op.crossReferenceId, op.id);
      const live = (await client.listCrossReferences(op.mappingId, call)).find((r) => r.id === op.crossReferenceId);
      if (!live) throw notFound(op.id, `cross reference ${op.crossReferenceId} of ${op.mapping}`);
      const patch = onlyDiffering(resolvePatch(op.patch, ctx.lookup, op.id), live);
      if (patch.length === 0) return { result: 'unchanged', psaId: op.crossReferenceId };
      await client.patchCrossReference(op.mappingId, op.crossReferenceId, patch, call);
      return { result: 'updated', psaId: op.crossReferenceId, detail: describePatch(patch) };
    }
    case 'deleteCrossReference': {
      assertOwned(ctx, op.address, op.id);
      const live = (await client.listCrossReferences(op.mappingId, call)).find((r) => r.id === op.crossReferenceId);
      if (!live) return { result: 'absent' };
      await client.deleteCrossReference(op.mappingId, op.crossReferenceId, call);
      return { result: 'deleted' };
    }
    case 'renameRole':
    case 'setRoleLevels':
    case 'setCustomizeItems':
    case 'createApiKey':
      // The public API has no write for these; the planner must have routed them to the guided executor.
      throw new CwctlError(`operation ${op.id} was planned for the API executor, but the PSA API cannot ${op.type}`, {
        exitCode: ExitCode.Internal,
        code: 'no-api-for-operation',
      });
  }
}

/** A 4xx answer (not 408/429) means the PSA refused the request: it certainly created nothing. */
export function refusedOutright(error: unknown): boolean {
  const status = error instanceof PsaApiError ? error.status : undefined;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** The `vendorType|vendorLevel` natural key of a cross reference (an absent level equals an empty one). */
export function crossReferenceKey(vendorType: string | null | undefined, vendorLevel: string | null | undefined): string {
  return `${(vendorType ?? '').trim().toLowerCase()}|${(vendorLevel ?? '').trim().toLowerCase()}`;
}

/**
 * Patch operations that take `live` to the fields of `desired` that differ. References compare by id;
 * fields absent from `desired` are left alone (the PSA defaults them; cwctl only manages what it sent).
 */
export function patchToward(desired: object, live: object): PsaPatchOperation[] {
  const patch: PsaPatchOperation[] = [];
  const fields: [string, unknown][] = Object.entries(desired);
  for (const [path, value] of fields) {
    if (value === undefined) continue;
    if (!sameValue(value, fieldOf(live, path))) patch.push({ op: 'replace', path, value });
  }
  return patch;
}

/** Drops patch operations that the live record already satisfies (re-read first, then send only the rest). */
export function onlyDiffering(patch: readonly PsaPatchOperation[], live: object): PsaPatchOperation[] {
  return patch.filter((p) => {
    const current = fieldOf(live, p.path);
    if (p.op === 'remove') return current !== undefined && current !== null && current !== '';
    return !sameValue(p.value, current);
  });
}

/**
 * One top-level field of a PSA record by its patch path. The records are typed interfaces (ApiMember, ...), which
 * have no index signature; a patch path is any string, so the field is read as unknown rather than cast to a map.
 */
function fieldOf(record: object, path: string): unknown {
  const value: unknown = Reflect.get(record, path);
  return value;
}

function sameValue(desired: unknown, live: unknown): boolean {
  if (isIdRef(desired)) return isIdRef(live) && live.id === desired.id;
  if (desired === null || desired === '') return live === null || live === undefined || live === '';
  if (typeof desired === 'string' && typeof live === 'string') return desired === live;
  return desired === live;
}

function isIdRef(value: unknown): value is { id: number } {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'number';
}

/** A server-side filter for a natural key, when the value is safe to quote; the result is filtered again locally. */
/** The client's one quoting policy (psa/condition-literal.ts): no condition for a name it cannot quote. */
function nameCondition(field: string, value: string): { conditions?: string } {
  const conditions = equalsCondition(field, value);
  return conditions === undefined ? {} : { conditions };
}

/** Exact match first, else case-insensitive (the PSA treats these names case-insensitively). */
function findByName<T>(rows: readonly T[], nameOf: (row: T) => string | undefined, name: string): T | undefined {
  return rows.find((r) => nameOf(r) === name) ?? rows.find((r) => nameOf(r)?.toLowerCase() === name.toLowerCase());
}

function assertOwned(ctx: ApiExecutionContext, address: Address, operationId: string): void {
  if (ctx.owns(address)) return;
  throw new CwctlError(`refusing ${operationId}: cwctl did not create or adopt ${address} (it is not in the state)`, {
    exitCode: ExitCode.Unsafe,
    code: 'not-owned',
    hint: 'cwctl deletes only what it owns; remove it in the PSA by hand, or import it first',
  });
}

/** A patch or deactivation of an owned object goes to the id state recorded for it, not to another one. */
function assertSameObject(ctx: ApiExecutionContext, address: Address, psaId: number, operationId: string): void {
  const recorded = ctx.ownedId?.(address);
  if (recorded === undefined || recorded === psaId) return;
  throw new CwctlError(`refusing ${operationId}: it names PSA id ${psaId}, but state records ${address} as id ${recorded}`, {
    exitCode: ExitCode.Unsafe,
    code: 'not-owned',
    hint: 'make a new plan (cwctl plan), review it, then apply that',
  });
}

/** The member behind an id is the one the operation is about (API member identifiers are case-insensitive). */
function assertIdentifier(live: string | undefined, expected: string, operationId: string): void {
  if (live !== undefined && live.toLowerCase() === expected.toLowerCase()) return;
  throw new CwctlError(`refusing ${operationId}: the PSA member behind its id is ${live === undefined ? 'unnamed' : `'${live}'`}, not '${expected}'`, {
    exitCode: ExitCode.Unsafe,
    code: 'not-owned',
    hint: 'make a new plan (cwctl plan), review it, then apply that',
  });
}

/** The PSA did not take a new identifier: the rename is left to a person at the member screen. */
function renameRefused(op: Extract<Operation, { type: 'renameMember' }>, why: string): CwctlError {
  return new CwctlError(`operation ${op.id}: the PSA did not rename API member ${op.from} to ${op.identifier} (${why})`, {
    exitCode: ExitCode.Partial,
    code: 'rename-refused',
    hint: `rename it in the PSA (System > Members > API Members > ${op.from} > Member ID: ${op.identifier}), then run cwctl apply again: the plan then only records the move`,
  });
}

function notFound(operationId: string, what: string): CwctlError {
  return new CwctlError(`operation ${operationId}: ${what} no longer exists in the PSA`, {
    exitCode: ExitCode.Partial,
    code: 'gone',
    hint: 'someone changed the PSA since the plan was made; run cwctl plan again',
  });
}

function describePatch(patch: readonly PsaPatchOperation[]): string {
  return patch.map((p) => `${p.op} ${p.path}`).join(', ');
}
