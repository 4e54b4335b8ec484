// Small builders of desired, live and state values for the plan's table-driven tests (and the bench):
// defaults that match the simulator's seed names, overridable per case. No I/O; not used by the CLI.
import { listFunctionKeys } from '../catalogue/find-function.js';
import type { CustomizeIdentifier, Levels } from '../catalogue/types.js';
import type { Address, AddressKind } from '../model/address.js';
import { addressKind } from '../model/address.js';
import { digestOf } from '../model/canonical-json.js';
import type { DesiredMapping, DesiredMember, DesiredRole, DesiredState } from '../model/desired.js';
import type { JsonValue } from '../model/json.js';
import type { LiveCrossReference, LiveLookups, LiveMapping, LiveMember, LiveRole, LiveState } from '../model/live.js';
import type { StateFile, StateResource } from '../model/state.js';

export const NOW = '2026-01-01T00:00:00.000Z';

export const levels = (l: Partial<Levels> = {}): Levels => ({ add: 'None', edit: 'None', delete: 'None', inquire: 'None', ...l });

export function desiredRole(name: string, permissions: Record<string, Partial<Levels>> = {}, opts: Partial<DesiredRole> = {}): DesiredRole {
  const unlisted = opts.unlisted ?? 'none';
  const full: Record<string, Levels> = {};
  if (unlisted === 'none') for (const key of listFunctionKeys()) full[key] = levels();
  for (const [key, l] of Object.entries(permissions)) full[key] = levels(l);
  return { name, external: false, unlisted, profiles: [], permissions: full, customize: {}, ...opts, ...(opts.permissions ? {} : { permissions: full }) };
}

export function desiredMember(identifier: string, role: string, opts: Partial<DesiredMember> = {}): DesiredMember {
  return { identifier, name: `${identifier} API`, role, level: 'Corporate (Level 1)', inactive: false, apiKeys: [], ...opts };
}

export function desiredMapping(name: string, opts: Partial<DesiredMapping> = {}): DesiredMapping {
  return { name, solution: name, loginBy: 'Global', defaultBillingLevel: 'Summary', crossReferences: [], ...opts };
}

export function desired(parts: Partial<DesiredState> = {}): DesiredState {
  return { roles: [], members: [], managedDevices: [], files: ['cwctl.yaml'], ...parts };
}

export function liveRole(name: string, psaId: number, settings: Record<string, Partial<Levels>> = {}, opts: Partial<LiveRole> = {}): LiveRole {
  const out: LiveRole['settings'] = {};
  let n = psaId * 1000;
  for (const [key, l] of Object.entries(settings)) out[key] = { psaId: ++n, levels: levels(l), info: { updatedBy: 'admin1', lastUpdated: '2025-12-01T10:00:00Z' } };
  return { psaId, name, adminFlag: false, inactive: false, settings: out, ...opts };
}

export function liveMember(identifier: string, psaId: number, role: { id: number; name: string } | null, opts: Partial<LiveMember> = {}): LiveMember {
  return {
    psaId, identifier, name: `${identifier} API`, email: null, role, level: { id: 1, name: 'Corporate (Level 1)' },
    location: { id: 10, name: 'Tampa' }, businessUnit: { id: 20, name: 'Admin' }, inactive: false, apiMember: true, ...opts,
  };
}

export function liveMapping(name: string, psaId: number, crossReferences: LiveCrossReference[] = [], opts: Partial<LiveMapping> = {}): LiveMapping {
  return { psaId, name, solution: name, loginBy: 'Global', defaultBillingLevel: 'Summary', portalUrl: null, crossReferences, ...opts };
}

export function liveCrossReference(psaId: number, vendorType: string, opts: Partial<LiveCrossReference> = {}): LiveCrossReference {
  return { psaId, vendorType, vendorLevel: null, configurationType: null, agreementType: null, product: null, inactive: false, ...opts };
}

export const LOOKUPS: LiveLookups = {
  structureLevels: [{ id: 1, name: 'Corporate (Level 1)' }, { id: 2, name: 'Region (Level 2)' }],
  locations: [{ id: 10, name: 'Tampa' }, { id: 11, name: 'Orlando' }],
  departments: [{ id: 20, identifier: 'Admin', name: 'Admin' }, { id: 21, identifier: 'HelpDesk', name: 'Help Desk' }],
  configurationTypes: [{ id: 30, name: 'Managed Workstation' }, { id: 31, name: 'Managed Server' }],
  agreementTypes: [{ id: 40, name: 'Managed Services' }, { id: 41, name: 'Block Time' }],
  catalogItems: [{ id: 50, identifier: 'RMM-WS' }, { id: 51, identifier: 'RMM-SRV' }],
};

/**
 * A LiveState. The caller defaults to a member outside every fixture (`cwctl-admin` on role `Admin`), as a PSA that
 * names it would; `caller: null` is a PSA whose mySecurity named no member (safety then fails closed).
 */
export function live(parts: { roles?: LiveRole[]; members?: LiveMember[]; mappings?: LiveMapping[]; caller?: LiveState['caller'] | null } = {}): LiveState {
  const caller = parts.caller === undefined ? { identifier: 'cwctl-admin', roleName: 'Admin' } : parts.caller;
  return {
    target: { site: 'sandbox', company: 'sandbox' },
    readAt: NOW,
    roles: Object.fromEntries((parts.roles ?? []).map((r) => [r.name, r])),
    members: Object.fromEntries((parts.members ?? []).map((m) => [m.identifier, m])),
    managedDevices: Object.fromEntries((parts.mappings ?? []).map((m) => [m.name, m])),
    lookups: LOOKUPS,
    ...(caller ? { caller } : {}),
    requestCount: 0,
  };
}

/** A state owning the given addresses; `applied` values default to null (digest of null). */
export function stateOf(resources: Record<Address, Partial<StateResource> & { applied?: JsonValue }>): StateFile {
  const out: Record<Address, StateResource> = {};
  for (const [address, r] of Object.entries(resources)) {
    const kind: AddressKind = addressKind(address);
    out[address] = { kind, digest: digestOf(r.applied ?? null), appliedAt: NOW, ...r };
  }
  return { formatVersion: 1, lineage: '00000000-0000-4000-8000-000000000000', serial: 3, target: { site: 'sandbox', company: 'sandbox' }, resources: out };
}

export const customizeOf = (list: CustomizeIdentifier, items: string[]): Partial<Record<CustomizeIdentifier, string[]>> => ({ [list]: items });
