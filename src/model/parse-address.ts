// Splits an Address back into its parts (the inverse of the builders in address.ts), so snapshots,
// drift and renderers can find the live object an address names. Pure; no I/O.
import type { CustomizeIdentifier } from '../catalogue/types.js';
import type { Address } from '../model/address.js';

export type ParsedAddress =
  | { kind: 'role'; role: string }
  | { kind: 'setting'; role: string; functionKey: string }
  | { kind: 'customize'; role: string; list: CustomizeIdentifier }
  | { kind: 'member'; identifier: string }
  | { kind: 'apiKey'; identifier: string; description: string }
  | { kind: 'mapping'; mapping: string }
  | { kind: 'crossReference'; mapping: string; vendorType: string; vendorLevel: string | null };

const MAPPING_PREFIX = 'mapping:managedDevices/';

/** Parses an address; undefined when it is not one cwctl builds. */
export function parseAddress(address: Address): ParsedAddress | undefined {
  if (address.startsWith('role:')) {
    const rest = address.slice('role:'.length);
    const setting = rest.indexOf('/setting:');
    if (setting !== -1) return { kind: 'setting', role: rest.slice(0, setting), functionKey: rest.slice(setting + '/setting:'.length) };
    if (rest.endsWith('/tableSetup')) return { kind: 'customize', role: rest.slice(0, -'/tableSetup'.length), list: 'SystemTableSetup' };
    const customize = rest.indexOf('/customize:');
    if (customize !== -1) {
      return { kind: 'customize', role: rest.slice(0, customize), list: rest.slice(customize + '/customize:'.length) as CustomizeIdentifier };
    }
    return { kind: 'role', role: rest };
  }
  if (address.startsWith('member:')) {
    const rest = address.slice('member:'.length);
    const key = rest.indexOf('/apiKey:');
    if (key !== -1) return { kind: 'apiKey', identifier: rest.slice(0, key), description: rest.slice(key + '/apiKey:'.length) };
    return { kind: 'member', identifier: rest };
  }
  if (address.startsWith(MAPPING_PREFIX)) {
    const rest = address.slice(MAPPING_PREFIX.length);
    const xref = rest.indexOf('/xref:');
    if (xref === -1) return { kind: 'mapping', mapping: rest };
    const pair = rest.slice(xref + '/xref:'.length);
    const bar = pair.indexOf('|');
    return {
      kind: 'crossReference',
      mapping: rest.slice(0, xref),
      vendorType: bar === -1 ? pair : pair.slice(0, bar),
      vendorLevel: bar === -1 ? null : pair.slice(bar + 1),
    };
  }
  return undefined;
}
