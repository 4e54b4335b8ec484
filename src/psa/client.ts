// The PsaClient interface: resource-level access to one PSA (real or simulated), plus what it can write.
// The planner chooses executors from `capabilities`, never from hard-coded knowledge of the public API.
// Interface and small constants only; the HTTP implementation lives in http-client.ts.
import type {
  AgreementType, ApiMember, ApiMemberCreate, CatalogItem, CompanyInfo, ConfigurationType, CorporateStructureLevel,
  Department, Location, ManagedDevicesCrossReference, ManagedDevicesCrossReferenceCreate, ManagedDevicesIntegration,
  ManagedDevicesIntegrationCreate, Member, MySecurity, MySecurityCustomizeItem, PsaPatchOperation, SecurityRole,
  SecurityRoleSetting, SetupScreen, SystemInfo,
} from './types.js';

/** What this PSA lets cwctl write through its API. Everything false here is done by the guided executor. */
export interface Capabilities {
  /** Add/Edit/Delete/Inquire levels of a role's module functions. */
  writeRoleSettings: boolean;
  /** Customize allow-lists (Table Setup access and the like). */
  writeCustomizeItems: boolean;
  /** Create API key pairs for a member. */
  writeApiKeys: boolean;
  /** Rename a security role (no PUT/PATCH on roles in the public API). */
  renameRole: boolean;
}

/** The public PSA REST API as documented (shared/reference/psa-api.md sections 4-6). */
export const PUBLIC_API_CAPABILITIES: Readonly<Capabilities> = Object.freeze({
  writeRoleSettings: false,
  writeCustomizeItems: false,
  writeApiKeys: false,
  renameRole: false,
});

export interface PsaTarget {
  /** Host (`api-na.myconnectwise.net`) or base URL (`https://psa.example.com`, `http://127.0.0.1:PORT` for loopback only). */
  site: string;
  company: string;
}

/** Never logged, never serialized: see psa/credentials.ts for loading and redaction. */
export interface Credentials {
  publicKey: string;
  privateKey: string;
  clientId: string;
}

/**
 * A member's own key pair, for a client derived with withCredentials. The clientId names the integration, not the
 * member (the PSA wants the same one on every request), so a derived client sends its parent's unless given one.
 */
export type MemberKeys = Pick<Credentials, 'publicKey' | 'privateKey'> & { clientId?: string };

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ListOptions extends CallOptions {
  conditions?: string;
  /** `fields` projection, e.g. ['id', 'name', 'securityRole/name']. */
  fields?: string[];
  orderBy?: string;
  /** Defaults to the maximum (1000). */
  pageSize?: number;
  /** Reject with PageLimitExceeded (after one page) when the listing needs more pages than this. */
  pageLimit?: number;
}

export interface PsaClient {
  readonly target: PsaTarget;
  readonly capabilities: Capabilities;
  /**
   * A client for the same PSA authenticating as another member (to verify its keys and its own security); it sends
   * this client's clientId unless the keys name one.
   */
  withCredentials(credentials: MemberKeys): PsaClient;
  /** Requests sent so far by this client and the clients derived from it (for reports and benchmarks). */
  requestCount(): number;
  /** How many requests this client keeps in flight at most (callers size their own parallelism to it). */
  readonly maxConcurrency: number;

  companyInfo(options?: CallOptions): Promise<CompanyInfo>;
  systemInfo(options?: CallOptions): Promise<SystemInfo>;

  listSecurityRoles(options?: ListOptions): Promise<SecurityRole[]>;
  getSecurityRole(id: number, options?: CallOptions): Promise<SecurityRole>;
  createSecurityRole(body: { name: string; roleType?: string }, options?: CallOptions): Promise<SecurityRole>;
  deleteSecurityRole(id: number, options?: CallOptions): Promise<void>;
  listRoleSettings(roleId: number, options?: ListOptions): Promise<SecurityRoleSetting[]>;

  listApiMembers(options?: ListOptions): Promise<ApiMember[]>;
  getApiMember(id: number, options?: CallOptions): Promise<ApiMember>;
  createApiMember(body: ApiMemberCreate, options?: CallOptions): Promise<ApiMember>;
  patchApiMember(id: number, patch: PsaPatchOperation[], options?: CallOptions): Promise<ApiMember>;
  listMembers(options?: ListOptions): Promise<Member[]>;

  /** The calling member's own settings and customize lists (the only read of Table Setup access there is). */
  getMySecurity(options?: ListOptions): Promise<MySecurity[]>;
  listMyCustomizeItems(options?: ListOptions): Promise<MySecurityCustomizeItem[]>;
  listSetupScreens(options?: ListOptions): Promise<SetupScreen[]>;

  listLocations(options?: ListOptions): Promise<Location[]>;
  listDepartments(options?: ListOptions): Promise<Department[]>;
  listStructureLevels(options?: ListOptions): Promise<CorporateStructureLevel[]>;
  listConfigurationTypes(options?: ListOptions): Promise<ConfigurationType[]>;
  listAgreementTypes(options?: ListOptions): Promise<AgreementType[]>;
  listCatalogItems(options?: ListOptions): Promise<CatalogItem[]>;

  listManagedDevicesIntegrations(options?: ListOptions): Promise<ManagedDevicesIntegration[]>;
  createManagedDevicesIntegration(body: ManagedDevicesIntegrationCreate, options?: CallOptions): Promise<ManagedDevicesIntegration>;
  patchManagedDevicesIntegration(id: number, patch: PsaPatchOperation[], options?: CallOptions): Promise<ManagedDevicesIntegration>;
  deleteManagedDevicesIntegration(id: number, options?: CallOptions): Promise<void>;
  listCrossReferences(integrationId: number, options?: ListOptions): Promise<ManagedDevicesCrossReference[]>;
  createCrossReference(integrationId: number, body: ManagedDevicesCrossReferenceCreate, options?: CallOptions): Promise<ManagedDevicesCrossReference>;
  patchCrossReference(integrationId: number, id: number, patch: PsaPatchOperation[], options?: CallOptions): Promise<ManagedDevicesCrossReference>;
  deleteCrossReference(integrationId: number, id: number, options?: CallOptions): Promise<void>;

  /** Release pooled connections. */
  close(): Promise<void>;
}
