// Wire shapes of the ConnectWise PSA REST API (v3.0) that cwctl reads and writes, after
// shared/reference/psa-api.md and psa-openapi-subset.json. Shared by the HTTP client and the simulator.
// Types only. Fields cwctl does not use are left out; responses may carry more.
import type { CustomizeIdentifier, Level } from '../catalogue/types.js';

export type PsaInfo = Record<string, string>;

export interface PsaReference {
  id: number;
  name?: string;
  identifier?: string;
  _info?: PsaInfo;
}

export interface CompanyInfo {
  CompanyName: string;
  Codebase: string;       // "v2025_8/" (trailing slash)
  VersionCode: string;
  VersionNumber: string;
  CompanyID: string;
  IsCloud: string | boolean;
}

export interface SystemInfo {
  version: string;
  isCloud: boolean;
  serverTimeZone?: string;
  cloudRegion?: string;
}

export interface SecurityRole {
  id: number;
  name: string;
  roleType?: string | null;
  adminFlag?: boolean | null;
  inactiveFlag?: boolean | null;
  _info?: PsaInfo;
}

export interface SecurityRoleSetting {
  id: number;
  addLevel: Level | null;
  editLevel: Level | null;
  deleteLevel: Level | null;
  inquireLevel: Level | null;
  moduleIdentifier: string;
  moduleName: string;
  moduleDescription?: string;
  moduleFunctionIdentifier: string;
  moduleFunctionName: string;
  moduleFunctionDescription?: string;
  myAllFlag?: boolean | null;
  reportFlag?: boolean | null;
  restrictFlag?: boolean | null;
  customFlag?: boolean | null;
  sortOrder?: number | null;
  _info?: PsaInfo;
}

export interface ApiMember {
  id: number;
  identifier: string;
  name?: string;
  emailAddress?: string | null;
  inactiveFlag?: boolean;
  inactiveDate?: string | null;
  securityRole?: PsaReference | null;
  structureLevel?: PsaReference | null;
  securityLocation?: PsaReference | null;
  defaultLocation?: PsaReference | null;
  defaultDepartment?: PsaReference | null;
  notes?: string | null;
  _info?: PsaInfo;
}

/** Body of POST /system/apiMembers: references by id. */
export interface ApiMemberCreate {
  identifier: string;
  name: string;
  emailAddress?: string;
  inactiveFlag?: boolean;
  securityRole: { id: number };
  structureLevel?: { id: number };
  securityLocation?: { id: number };
  defaultLocation?: { id: number };
  defaultDepartment?: { id: number };
}

/** PSA JSON Patch: path WITHOUT a leading slash; references replaced whole. */
export interface PsaPatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

export interface Member {
  id: number;
  identifier: string;
  firstName?: string;
  lastName?: string;
  licenseClass?: 'A' | 'C' | 'F' | 'X';
  inactiveFlag?: boolean;
  adminFlag?: boolean;
  securityRole?: PsaReference | null;
  _info?: PsaInfo;
}

export interface MySecurityCustomizeItem {
  id: number;
  customizeIdentifier: CustomizeIdentifier;
  itemIdentifier: string;
}

export interface SetupScreen {
  id: number;
  category: string;
  name: string;
  description?: string;
  moduleIdentifier?: string;
  moduleName?: string;
  _info?: PsaInfo;
}

export interface Location { id: number; name: string; _info?: PsaInfo }
export interface Department { id: number; identifier: string; name: string; _info?: PsaInfo }
export interface CorporateStructureLevel { id: number; name: string }
export interface ConfigurationType { id: number; name: string; inactiveFlag?: boolean; _info?: PsaInfo }
export interface AgreementType { id: number; name: string; inactiveFlag?: boolean; _info?: PsaInfo }
export interface CatalogItem { id: number; identifier: string; description?: string; inactiveFlag?: boolean; _info?: PsaInfo }

export interface ManagedDevicesIntegration {
  id: number;
  name: string;
  solution: string;
  portalUrl?: string | null;
  loginBy: 'Global' | 'Member' | null;
  defaultBillingLevel: 'Detail' | 'Summary';
  managementItSetupType?: string | null;
  matchOnSerialNumberFlag?: boolean | null;
  disableNewCrossReferencesFlag?: boolean | null;
  configBillCustomerFlag?: boolean | null;
  _info?: PsaInfo;
}

export interface ManagedDevicesIntegrationCreate {
  name: string;
  solution: string;
  portalUrl?: string;
  loginBy: 'Global' | 'Member';
  defaultBillingLevel: 'Detail' | 'Summary';
}

export interface ManagedDevicesCrossReference {
  id: number;
  managedDevicesIntegration?: PsaReference | null;
  vendorType?: string | null;
  vendorLevel?: string | null;
  agreementType?: PsaReference | null;
  product?: { id: number; identifier?: string; serializedFlag?: boolean; _info?: PsaInfo } | null;
  configurationType?: PsaReference | null;
  inactiveFlag?: boolean | null;
  _info?: PsaInfo;
}

export interface ManagedDevicesCrossReferenceCreate {
  vendorType: string;
  vendorLevel?: string;
  agreementType?: { id: number };
  product?: { id: number };
  configurationType?: { id: number };
}

/** PSA error body (ErrorResponseMessage); 429 may instead carry `{error, message}`. */
export interface PsaErrorBody {
  code?: string;
  message?: string;
  errors?: { code?: string; message?: string; resource?: string; field?: string }[] | null;
  error?: string;
}

/** GET /system/mySecurity: the calling member's settings (SecurityRoleSetting rows plus the member). */
export interface MySecurity extends Omit<SecurityRoleSetting, 'id'> {
  id: number;
  member?: PsaReference | null;
}
