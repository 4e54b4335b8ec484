// Stable string ids for everything cwctl manages: the key of changes, operations, state and diagnostics.
// Builders and a parser only; no I/O.

/** e.g. `role:BrightGaugeAPI`, `role:BrightGaugeAPI/setting:Service Desk / Service Tickets`, `member:bg/apiKey:prod`. */
export type Address = string;

export const roleAddress = (role: string): Address => `role:${role}`;
export const settingAddress = (role: string, functionKey: string): Address => `role:${role}/setting:${functionKey}`;
/** A customize allow-list of a role; `tableSetup` is the SystemTableSetup list. */
export const customizeAddress = (role: string, list: string): Address =>
  list === 'SystemTableSetup' ? `role:${role}/tableSetup` : `role:${role}/customize:${list}`;
export const memberAddress = (identifier: string): Address => `member:${identifier}`;
export const apiKeyAddress = (identifier: string, description: string): Address => `member:${identifier}/apiKey:${description}`;
export const mappingAddress = (name: string): Address => `mapping:managedDevices/${name}`;
export const crossReferenceAddress = (mapping: string, vendorType: string, vendorLevel?: string | null): Address =>
  `mapping:managedDevices/${mapping}/xref:${vendorType}${vendorLevel ? `|${vendorLevel}` : ''}`;

export type AddressKind = 'role' | 'setting' | 'customize' | 'member' | 'apiKey' | 'mapping' | 'crossReference';

/** What kind of object an address names (for state records and display). */
export function addressKind(address: Address): AddressKind {
  if (address.startsWith('role:')) {
    if (address.includes('/setting:')) return 'setting';
    if (address.endsWith('/tableSetup') || address.includes('/customize:')) return 'customize';
    return 'role';
  }
  if (address.startsWith('member:')) return address.includes('/apiKey:') ? 'apiKey' : 'member';
  return address.includes('/xref:') ? 'crossReference' : 'mapping';
}

/** The top-level object an address belongs to (`role:X/setting:...` -> `role:X`). */
export function parentAddress(address: Address): Address {
  const slash = address.indexOf('/', address.indexOf(':'));
  if (address.startsWith('mapping:managedDevices/')) {
    const xref = address.indexOf('/xref:');
    return xref === -1 ? address : address.slice(0, xref);
  }
  return slash === -1 ? address : address.slice(0, slash);
}

/** What a `moved:` entry may name: a role or an API member (`role:Name`, `member:identifier`). */
export interface MovableAddress {
  kind: 'role' | 'member';
  name: string;
}

/** `role:Name` or `member:identifier`; anything else (a setting, a key, a mapping) cannot be moved. */
export function parseMovableAddress(address: unknown): MovableAddress | undefined {
  if (typeof address !== 'string') return undefined;
  const m = /^(role|member):([^/]+)$/.exec(address);
  const name = m?.[2]?.trim();
  return m && name ? { kind: m[1] as 'role' | 'member', name } : undefined;
}
