// The resource endpoints of the PSA API, as a table: one row per PsaClient method, naming the path, what the
// answer is checked against, and for POSTs the natural key a retry looks the record up by (so a lost answer never
// makes a twin). Adding an endpoint is one row here (and its signature in client.ts). No HTTP here: rows call
// an EndpointIo, which the HTTP client provides.
import { CwctlError, ExitCode } from '../errors.js';
import type { CallOptions, ListOptions, PsaClient } from './client.js';
import { SHAPES } from './check-shape.js';
import type { Shape } from './check-shape.js';
import { equalsCondition } from './condition-literal.js';
import type { Expect, Method } from './http-transport.js';
import type {
  AgreementType, ApiMember, ApiMemberCreate, CatalogItem, ConfigurationType, CorporateStructureLevel, Department, Location,
  ManagedDevicesCrossReference, ManagedDevicesIntegration, ManagedDevicesIntegrationCreate, Member,
  MySecurity, MySecurityCustomizeItem, PsaPatchOperation, SecurityRole, SecurityRoleSetting, SetupScreen, SystemInfo,
} from './types.js';

/** Before a POST is sent again: the record it may already have created, found by its natural key. */
export type Recheck = (signal: AbortSignal | undefined) => Promise<unknown>;

/** What a row needs of the client: one GET, one write, or a whole listing. */
export interface EndpointIo {
  get<T>(path: string, expect: 'record' | 'object', options?: CallOptions): Promise<T>;
  send<T>(method: Method, path: string, body: unknown, options: CallOptions | undefined, expect: Expect, recheck?: Recheck): Promise<T>;
  list<T>(path: string, options: ListOptions | undefined, shape: Shape): Promise<T[]>;
}

/** The PsaClient members that are not resource endpoints (identity, discovery, lifecycle). */
type CoreMember = 'target' | 'capabilities' | 'withCredentials' | 'requestCount' | 'maxConcurrency' | 'companyInfo' | 'close';
export type EndpointName = Exclude<keyof PsaClient, CoreMember>;
export type EndpointMethods = Pick<PsaClient, EndpointName>;
type Row<K extends EndpointName> = (io: EndpointIo, ...args: Parameters<PsaClient[K]>) => ReturnType<PsaClient[K]>;

function checkId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 0) {
    throw new CwctlError(`invalid PSA record id ${String(id)}`, { exitCode: ExitCode.Internal, code: 'invalid-id' });
  }
  return id;
}

const sameText = (a: unknown, b: unknown): boolean =>
  (typeof a === 'string' ? a : '').toLowerCase() === (typeof b === 'string' ? b : '').toLowerCase();

/** One record found by a natural key, for POST rechecks: the condition narrows the listing, `match` decides. */
async function findOne(io: EndpointIo, path: string, conditions: string | undefined, match: (row: Record<string, unknown>) => boolean, signal: AbortSignal | undefined): Promise<Record<string, unknown> | undefined> {
  const rows = await io.list<Record<string, unknown>>(path, { ...(conditions ? { conditions } : {}), ...(signal ? { signal } : {}) }, { id: 'id' });
  return rows.find(match);
}

const byName = (io: EndpointIo, path: string, key: string, value: string): Recheck => (signal) =>
  findOne(io, path, equalsCondition(key, value), (row) => sameText(row[key], value), signal);

// Row builders. Ids are checked before anything is sent (an invalid id throws at the call, as a bug).
type IdPath = (id: number) => string;
type ChildPath = (parentId: number, id: number) => string;

const info = <T>(path: string) => (io: EndpointIo, options?: CallOptions): Promise<T> => io.get<T>(path, 'object', options);
const list = <T>(path: string, shape: Shape) => (io: EndpointIo, options?: ListOptions): Promise<T[]> => io.list<T>(path, options, shape);
const listUnder = <T>(pathOf: IdPath, shape: Shape) => (io: EndpointIo, id: number, options?: ListOptions): Promise<T[]> =>
  io.list<T>(pathOf(checkId(id)), options, shape);
const getById = <T>(pathOf: IdPath) => (io: EndpointIo, id: number, options?: CallOptions): Promise<T> => io.get<T>(pathOf(checkId(id)), 'record', options);
/** POST whose natural key is one text field, compared without regard to case (as the PSA does). */
const create = <T, B>(path: string, key: keyof B & string) => (io: EndpointIo, body: B, options?: CallOptions): Promise<T> =>
  io.send<T>('POST', path, body, options, 'record', byName(io, path, key, String(body[key])));
const patchById = <T>(pathOf: IdPath) => (io: EndpointIo, id: number, patch: PsaPatchOperation[], options?: CallOptions): Promise<T> =>
  io.send<T>('PATCH', pathOf(checkId(id)), patch, options, 'record');
const deleteById = (pathOf: IdPath) => (io: EndpointIo, id: number, options?: CallOptions): Promise<void> =>
  io.send<undefined>('DELETE', pathOf(checkId(id)), undefined, options, 'none');
const patchChild = <T>(pathOf: ChildPath) => (io: EndpointIo, parentId: number, id: number, patch: PsaPatchOperation[], options?: CallOptions): Promise<T> =>
  io.send<T>('PATCH', pathOf(checkId(parentId), checkId(id)), patch, options, 'record');
const deleteChild = (pathOf: ChildPath) => (io: EndpointIo, parentId: number, id: number, options?: CallOptions): Promise<void> =>
  io.send<undefined>('DELETE', pathOf(checkId(parentId), checkId(id)), undefined, options, 'none');

const ROLES = '/system/securityroles';
const API_MEMBERS = '/system/apiMembers';
const INTEGRATIONS = '/company/managedDevicesIntegrations';
const crossReferences = (integrationId: number): string => `${INTEGRATIONS}/${integrationId}/crossReferences`;

/** A cross-reference POST: natural key (vendorType, vendorLevel) within the integration; no level matches a missing/empty one. */
const createCrossReference: Row<'createCrossReference'> = (io, integrationId, body, options) => {
  const path = crossReferences(checkId(integrationId));
  const recheck: Recheck = (signal) => findOne(io, path, equalsCondition('vendorType', body.vendorType),
    (row) => sameText(row.vendorType, body.vendorType) && sameText(row.vendorLevel ?? '', body.vendorLevel ?? ''), signal);
  return io.send<ManagedDevicesCrossReference>('POST', path, body, options, 'record', recheck);
};

export const ENDPOINTS: { readonly [K in EndpointName]: Row<K> } = {
  systemInfo: info<SystemInfo>('/system/info'),

  listSecurityRoles: list<SecurityRole>(ROLES, SHAPES.securityRoles),
  getSecurityRole: getById<SecurityRole>((id) => `${ROLES}/${id}`),
  createSecurityRole: create<SecurityRole, { name: string; roleType?: string }>(ROLES, 'name'),
  deleteSecurityRole: deleteById((id) => `${ROLES}/${id}`),
  listRoleSettings: listUnder<SecurityRoleSetting>((roleId) => `/system/securityRoles/${roleId}/settings`, SHAPES.settings),

  listApiMembers: list<ApiMember>(API_MEMBERS, SHAPES.apiMembers),
  getApiMember: getById<ApiMember>((id) => `${API_MEMBERS}/${id}`),
  createApiMember: create<ApiMember, ApiMemberCreate>(API_MEMBERS, 'identifier'),
  patchApiMember: patchById<ApiMember>((id) => `${API_MEMBERS}/${id}`),
  listMembers: list<Member>('/system/members', SHAPES.members),

  getMySecurity: list<MySecurity>('/system/mySecurity', SHAPES.mySecurity),
  listMyCustomizeItems: list<MySecurityCustomizeItem>('/system/mySecurity/customizeItems', SHAPES.customizeItems),
  listSetupScreens: list<SetupScreen>('/system/setupScreens', SHAPES.setupScreens),

  listLocations: list<Location>('/system/locations', SHAPES.named),
  listDepartments: list<Department>('/system/departments', SHAPES.departments),
  listStructureLevels: list<CorporateStructureLevel>('/system/myCompany/corporateStructureLevels', SHAPES.named),
  listConfigurationTypes: list<ConfigurationType>('/company/configurations/types', SHAPES.typed),
  listAgreementTypes: list<AgreementType>('/finance/agreements/types', SHAPES.typed),
  listCatalogItems: list<CatalogItem>('/procurement/catalog', SHAPES.catalog),

  listManagedDevicesIntegrations: list<ManagedDevicesIntegration>(INTEGRATIONS, SHAPES.integrations),
  createManagedDevicesIntegration: create<ManagedDevicesIntegration, ManagedDevicesIntegrationCreate>(INTEGRATIONS, 'name'),
  patchManagedDevicesIntegration: patchById<ManagedDevicesIntegration>((id) => `${INTEGRATIONS}/${id}`),
  deleteManagedDevicesIntegration: deleteById((id) => `${INTEGRATIONS}/${id}`),
  listCrossReferences: listUnder<ManagedDevicesCrossReference>(crossReferences, SHAPES.crossReferences),
  createCrossReference,
  patchCrossReference: patchChild<ManagedDevicesCrossReference>((integrationId, id) => `${crossReferences(integrationId)}/${id}`),
  deleteCrossReference: deleteChild((integrationId, id) => `${crossReferences(integrationId)}/${id}`),
};
