// LiveState: what readLiveState(client) saw in the PSA, keyed by natural key, with PSA ids. Never secrets.
// Types only.
import type { CustomizeIdentifier, FunctionKey, Levels } from '../catalogue/types.js';
import type { Diagnostic } from './diagnostic.js';

export interface NamedRef {
  id: number;
  name: string;
}

/** `_info` of a record, where the PSA gives it: who changed it last and when (used to explain drift). */
export interface LiveInfo {
  lastUpdated?: string;
  updatedBy?: string;
}

export interface LiveSetting {
  psaId: number;
  levels: Levels;
  info?: LiveInfo;
}

export interface LiveRole {
  psaId: number;
  name: string;
  adminFlag: boolean;
  inactive: boolean;
  roleType?: string | null;
  info?: LiveInfo;
  /** Canonical "Module / Function" -> levels; read only for roles the plan needs. */
  settings: Record<FunctionKey, LiveSetting>;
  /**
   * Customize allow-lists where they could be read (only through a member of this role, with its own keys:
   * GET /system/mySecurity/customizeItems). Absent = unknown, which the plan must not mistake for empty.
   */
  customize?: Partial<Record<CustomizeIdentifier, string[]>>;
  /** The identifier of the member whose keys the customize lists were read with. */
  customizeReadAs?: string;
}

export interface LiveMember {
  psaId: number;
  identifier: string;
  name: string;
  email?: string | null;
  role: NamedRef | null;
  level: NamedRef | null;
  location: NamedRef | null;
  businessUnit: NamedRef | null;
  inactive: boolean;
  /** true for API members (licenseClass A / /system/apiMembers). */
  apiMember: boolean;
  info?: LiveInfo;
}

export interface LiveCrossReference {
  psaId: number;
  vendorType: string;
  vendorLevel: string | null;
  configurationType: NamedRef | null;
  agreementType: NamedRef | null;
  product: { id: number; identifier: string } | null;
  inactive: boolean;
  info?: LiveInfo;
}

export interface LiveMapping {
  psaId: number;
  name: string;
  solution: string;
  loginBy: 'Global' | 'Member' | null;
  defaultBillingLevel: 'Detail' | 'Summary';
  portalUrl: string | null;
  crossReferences: LiveCrossReference[];
  info?: LiveInfo;
}

/** Name -> id tables that the YAML's names resolve through (reference section 11.6). */
export interface LiveLookups {
  structureLevels: NamedRef[];
  locations: NamedRef[];
  departments: { id: number; identifier: string; name: string }[];
  configurationTypes: NamedRef[];
  agreementTypes: NamedRef[];
  catalogItems: { id: number; identifier: string }[];
}

/** A function as the PSA lists it on a role's settings (the live catalogue; it wins over the built-in one). */
export interface LiveFunction {
  /** moduleName and moduleFunctionName as the PSA spells them. */
  module: string;
  name: string;
  /** false: the PSA offers no "My" level for this function (myAllFlag); absent: the PSA did not say. */
  myAllFlag?: boolean;
  /** true: the function carries a Customize allow-list (customFlag). */
  customFlag?: boolean;
}

/** A Table Setup screen as GET /system/setupScreens lists it. */
export interface LiveSetupScreen {
  id: number;
  category: string;
  name: string;
}

/** What the live PSA says exists: functions (from the settings rows read) and Table Setup screens. */
export interface LiveCatalogue {
  /** Canonical key (catalogue/find-function.ts) -> the function; empty when no role's settings were read. */
  functions: Record<FunctionKey, LiveFunction>;
  /** Absent when the screens were not read. */
  setupScreens?: LiveSetupScreen[];
}

export interface LiveState {
  target: { site: string; company: string };
  readAt: string;
  roles: Record<string, LiveRole>;
  /** API members and members referenced by the desired state or state, by identifier. */
  members: Record<string, LiveMember>;
  managedDevices: Record<string, LiveMapping>;
  lookups: LiveLookups;
  /** The member whose keys cwctl runs with (never downgraded or deactivated by a plan). */
  caller?: { identifier: string; roleName?: string };
  /** The PSA's own list of functions and screens; absent on a LiveState built by hand (tests): the catalogue stands in. */
  catalogue?: LiveCatalogue;
  /** Warnings about what was read (a customize item that names no screen, an unidentified caller). */
  warnings?: Diagnostic[];
  /**
   * Every item a Customize list can hold in this PSA (Table Setup: "Category / Name" of each setup screen;
   * configuration types by name), read only for lists a role writes as "all except".
   */
  customizeChoices?: Partial<Record<CustomizeIdentifier, string[]>>;
  /** Requests readLiveState made (a reported figure). */
  requestCount: number;
}
