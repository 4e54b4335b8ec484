// Operations: the ordered, serializable steps of an apply. Plain data (a union on `type`), never closures.
// Ids known only after an earlier step are references ({ref: address}) resolved at apply time.
// Which executor runs an operation comes from the client's capabilities, decided by the planner.
import type { CustomizeIdentifier, Level, LevelKind } from '../catalogue/types.js';
import type { Address } from './address.js';

/** A PSA id created by an earlier operation, resolved at apply from what that operation recorded. */
export interface Ref {
  ref: Address;
}
export type IdOrRef = number | Ref;
export const isRef = (value: unknown): value is Ref =>
  typeof value === 'object' && value !== null && typeof (value as { ref?: unknown }).ref === 'string';

/** A PSA reference in a request body: `{id}`, the id possibly still a Ref. */
export interface RefId {
  id: IdOrRef;
}

export type Executor = 'api' | 'guided';

interface OperationBase {
  /** Unique within a plan: `${type}:${address}`. */
  id: string;
  address: Address;
  /** Ids of operations that must complete first. */
  dependsOn: string[];
  executor: Executor;
  /** One line for progress output, e.g. "create role BrightGaugeAPI". */
  summary: string;
}

/** A patch operation whose value may hold refs (references are replaced whole, PSA style). */
export interface RefPatchOperation {
  op: 'add' | 'replace' | 'remove';
  /** No leading slash: `securityRole`, `inactiveFlag`. */
  path: string;
  value?: string | number | boolean | null | RefId;
}

export interface LevelCell {
  module: string;
  function: string;
  kind: LevelKind;
  from: Level;
  to: Level;
}

export interface CreateRoleOperation extends OperationBase {
  type: 'createRole';
  name: string;
}
export interface DeleteRoleOperation extends OperationBase {
  type: 'deleteRole';
  name: string;
  roleId: number;
}
/** A `moved:` rename of a role: same PSA id, new name (the public API has no PUT/PATCH on roles: guided). */
export interface RenameRoleOperation extends OperationBase {
  type: 'renameRole';
  /** The name the PSA has now, and the new one. */
  from: string;
  name: string;
  roleId: number;
}
export interface SetRoleLevelsOperation extends OperationBase {
  type: 'setRoleLevels';
  role: string;
  roleId: IdOrRef;
  /** Only the cells that must change, in catalogue order. */
  cells: LevelCell[];
}
export interface SetCustomizeItemsOperation extends OperationBase {
  type: 'setCustomizeItems';
  role: string;
  roleId: IdOrRef;
  list: CustomizeIdentifier;
  add: string[];
  remove: string[];
  /** Member of this role whose own keys can read the list back; else a person confirms. */
  verifyAs?: string;
}
export interface MemberBody {
  identifier: string;
  name: string;
  emailAddress?: string;
  inactiveFlag?: boolean;
  securityRole: RefId;
  structureLevel?: RefId;
  securityLocation?: RefId;
  defaultLocation?: RefId;
  defaultDepartment?: RefId;
}
export interface CreateMemberOperation extends OperationBase {
  type: 'createMember';
  identifier: string;
  body: MemberBody;
}
export interface PatchMemberOperation extends OperationBase {
  type: 'patchMember';
  identifier: string;
  memberId: number;
  patch: RefPatchOperation[];
}
/** A `moved:` rename of an API member: PATCH identifier on the same id, read back. */
export interface RenameMemberOperation extends OperationBase {
  type: 'renameMember';
  /** The identifier the PSA has now, and the new one. */
  from: string;
  identifier: string;
  memberId: number;
}
export interface DeactivateMemberOperation extends OperationBase {
  type: 'deactivateMember';
  identifier: string;
  memberId: number;
}
export interface CreateApiKeyOperation extends OperationBase {
  type: 'createApiKey';
  identifier: string;
  memberId: IdOrRef;
  description: string;
}
export interface MappingBody {
  name: string;
  solution: string;
  loginBy: 'Global' | 'Member';
  defaultBillingLevel: 'Detail' | 'Summary';
  portalUrl?: string;
}
export interface CreateMappingOperation extends OperationBase {
  type: 'createMapping';
  name: string;
  body: MappingBody;
}
export interface PatchMappingOperation extends OperationBase {
  type: 'patchMapping';
  name: string;
  mappingId: number;
  patch: RefPatchOperation[];
}
export interface DeleteMappingOperation extends OperationBase {
  type: 'deleteMapping';
  name: string;
  mappingId: number;
}
export interface CrossReferenceBody {
  vendorType: string;
  vendorLevel?: string;
  configurationType?: { id: number };
  agreementType?: { id: number };
  product?: { id: number };
}
export interface CreateCrossReferenceOperation extends OperationBase {
  type: 'createCrossReference';
  mapping: string;
  mappingId: IdOrRef;
  body: CrossReferenceBody;
}
export interface PatchCrossReferenceOperation extends OperationBase {
  type: 'patchCrossReference';
  mapping: string;
  mappingId: number;
  crossReferenceId: number;
  patch: RefPatchOperation[];
}
export interface DeleteCrossReferenceOperation extends OperationBase {
  type: 'deleteCrossReference';
  mapping: string;
  mappingId: number;
  crossReferenceId: number;
}

export type Operation =
  | CreateRoleOperation
  | DeleteRoleOperation
  | RenameRoleOperation
  | SetRoleLevelsOperation
  | SetCustomizeItemsOperation
  | CreateMemberOperation
  | PatchMemberOperation
  | RenameMemberOperation
  | DeactivateMemberOperation
  | CreateApiKeyOperation
  | CreateMappingOperation
  | PatchMappingOperation
  | DeleteMappingOperation
  | CreateCrossReferenceOperation
  | PatchCrossReferenceOperation
  | DeleteCrossReferenceOperation;

export type OperationType = Operation['type'];
