// LiveState: what readLiveState(client) saw in the PSA, keyed by natural key, with PSA ids. Never secrets.
// Types only.
import type { CustomizeIdentifier, FunctionKey, Levels } from '../catalogue/types.js';

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
  /**
   * Every item a Customize list can hold in this PSA (Table Setup: "Category / Name" of each setup screen;
   * configuration types by name), read only for lists a role writes as "all except".
   */
  customizeChoices?: Partial<Record<CustomizeIdentifier, string[]>>;
  /** Requests readLiveState made (a reported figure). */
  requestCount: number;
}
