// The desired state: what the user wrote (DesiredStateFile, the YAML's shape) and what cwctl plans from
// (DesiredState: normalized, profiles expanded, names canonical). Types only.
import type { CustomizeIdentifier, FunctionKey, Level, Levels } from '../catalogue/types.js';
import type { SourceSpan } from './diagnostic.js';

// ---- The file as written (v1). Mirrors schema/cwctl.schema.json; a test keeps the two in step. ----

export interface DesiredStateFile {
  version: 1;
  psa?: PsaTargetFile;
  roles?: RoleFile[];
  members?: MemberFile[];
  mappings?: MappingsFile;
  moved?: MovedFile[];
}

/** A rename, as Terraform's `moved` block: `role:Old` -> `role:New`, or `member:old` -> `member:new`. */
export interface MovedFile {
  from: string;
  to: string;
}

export interface PsaTargetFile {
  /** `api-na.myconnectwise.net`, or `https://psa.example.com` for on-premises. */
  site: string;
  company: string;
}

export interface RoleFile {
  name: string;
  description?: string;
  profiles?: string[];
  /** "Module / Function" -> the levels set; unspecified levels are None (unlisted: none). */
  permissions?: Record<string, Partial<Record<'add' | 'edit' | 'delete' | 'inquire', string>>>;
  /** Shorthand for customize.SystemTableSetup: "Category / Name", or every table the PSA offers but some. */
  tableSetup?: string[] | AllExceptFile;
  /** Allow-lists; SystemTableSetup and CompanyConfigurations may also be written as `{allExcept: [...]}`. */
  customize?: Partial<Record<CustomizeIdentifier, string[] | AllExceptFile>>;
  unlisted?: 'none' | 'ignore';
  /** The role exists in the PSA and is managed elsewhere: members may reference it, cwctl never changes it. */
  external?: boolean;
}

/** A Customize list as a deny-list: every item the live PSA offers except these (a vendor's "all except"). */
export interface AllExceptFile {
  allExcept: string[];
}

/** The Customize lists that may be written as `allExcept`: those whose full list cwctl can read from the PSA. */
export const ALL_EXCEPT_LISTS = ['SystemTableSetup', 'CompanyConfigurations'] as const satisfies readonly CustomizeIdentifier[];

export interface MemberFile {
  identifier: string;
  name: string;
  role: string;
  level: string;
  location?: string;
  businessUnit?: string;
  email?: string;
  inactive?: boolean;
  apiKeys?: ApiKeyFile[];
}

export interface ApiKeyFile {
  description: string;
}

export interface MappingsFile {
  managedDevices?: ManagedDevicesMappingFile[];
}

export interface ManagedDevicesMappingFile {
  name: string;
  solution: string;
  loginBy?: 'Global' | 'Member';
  defaultBillingLevel?: 'Detail' | 'Summary';
  portalUrl?: string;
  crossReferences?: CrossReferenceFile[];
}

export interface CrossReferenceFile {
  vendorType: string;
  vendorLevel?: string;
  configurationType?: string;
  agreementType?: string;
  /** Catalog item identifier. */
  product?: string;
}

// ---- Normalized desired state ----

export interface DesiredState {
  psa?: { site: string; company: string };
  roles: DesiredRole[];
  members: DesiredMember[];
  managedDevices: DesiredMapping[];
  /** Renames declared with `moved:` (absent = none); checked by config/rules/check-moved.ts. */
  moved?: DesiredMove[];
  /** Files it was loaded from (for messages). */
  files: string[];
}

export interface DesiredRole {
  name: string;
  external: boolean;
  unlisted: 'none' | 'ignore';
  profiles: string[];
  /**
   * Canonical "Module / Function" -> four levels. With `unlisted: none` every catalogue function is present
   * (unset = None); with `ignore` only the listed ones, and cwctl leaves the others alone.
   */
  permissions: Record<FunctionKey, Levels>;
  /** Allow-lists per customize identifier; a list absent here is not managed. */
  customize: Partial<Record<CustomizeIdentifier, string[]>>;
  /**
   * Lists written as "all except": the list is every item the live PSA offers but these (plus any item
   * `customize` names). Planned against the live list (`LiveState.customizeChoices`); `customize` holds the list key.
   */
  customizeAllExcept?: Partial<Record<CustomizeIdentifier, string[]>>;
  source?: SourceSpan;
}

export interface DesiredMember {
  identifier: string;
  name: string;
  /** Role name (declared or external). */
  role: string;
  /** Corporate structure level name, e.g. "Corporate (Level 1)". */
  level: string;
  location?: string;
  businessUnit?: string;
  email?: string;
  inactive: boolean;
  apiKeys: { description: string }[];
  source?: SourceSpan;
}

/** A declared rename of a role or an API member; both addresses of the same kind. */
export interface DesiredMove {
  kind: 'role' | 'member';
  /** Old and new name (role) or identifier (member). */
  from: string;
  to: string;
  source?: SourceSpan;
}

export interface DesiredMapping {
  name: string;
  solution: string;
  loginBy: 'Global' | 'Member';
  defaultBillingLevel: 'Detail' | 'Summary';
  portalUrl?: string;
  crossReferences: DesiredCrossReference[];
  source?: SourceSpan;
}

export interface DesiredCrossReference {
  vendorType: string;
  vendorLevel?: string;
  configurationType?: string;
  agreementType?: string;
  product?: string;
  source?: SourceSpan;
}

export type { Level, Levels };
