// A simulator for one reliability scenario: started on 127.0.0.1:0 with the scenario's faults, the env a CLI
// run needs to reach it as its admin, and a fingerprint of everything cwctl manages (ids and timestamps
// left out) so two runs can be compared and duplicates counted. Test code only.
import { createHash } from 'node:crypto';
import type { JsonObject } from '../../../src/model/json.js';
import type { FaultConfig } from '../../../src/sim/faults.js';
import { startSimulator } from '../../../src/sim/start-simulator.js';
import type { RunningSimulator, SimulatorOptions } from '../../../src/sim/start-simulator.js';

export interface SimTarget {
  sim: RunningSimulator;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startTarget(options: SimulatorOptions = {}): Promise<SimTarget> {
  const sim = await startSimulator({ port: 0, ...options });
  return {
    sim,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      USER: 'reliability',
      CWCTL_SITE: sim.url,
      CWCTL_COMPANY: sim.company,
      CWCTL_PUBLIC_KEY: sim.admin.publicKey,
      CWCTL_PRIVATE_KEY: sim.admin.privateKey,
      CWCTL_CLIENT_ID: sim.clientId,
      NO_COLOR: '1',
      CI: 'true',
    },
    close: () => sim.close(),
  };
}

/** Sets the fault mix (PUT /__sim/faults does the same over HTTP; in-process is simpler). */
export function setFaults(t: SimTarget, faults: Partial<FaultConfig>): void {
  t.sim.faults.update(faults);
}

/** A stored field as text for keys and sorting (the sim stores JSON values). */
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));

const refId = (v: unknown): number | undefined => (typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'number' ? (v as { id: number }).id : undefined);

export interface Fingerprint {
  /** Canonical JSON of the managed objects (names, levels, lists, references by name). */
  text: string;
  digest: string;
  /** Objects that exist more than once under one natural key (must stay empty). */
  duplicates: string[];
  counts: { roles: number; apiMembers: number; apiKeys: number; mappings: number; crossReferences: number };
}

/** Everything an apply can touch, by natural key, so a clean run and a faulted run compare equal. */
export function fingerprint(sim: RunningSimulator): Fingerprint {
  const d = sim.store.data;
  const nameOf = (table: keyof typeof d.tables, id: number | undefined, field = 'name'): string | null => {
    if (id === undefined) return null;
    const row = d.tables[table].find((r) => r.id === id);
    return row ? str(row[field]) : `#${id}`;
  };
  const duplicates: string[] = [];
  const seen = new Map<string, number>();
  const note = (key: string): void => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 2) duplicates.push(key);
  };
  const roles = [...d.tables.securityRoles].sort((a, b) => str(a.name).localeCompare(str(b.name))).map((r) => {
    note(`role:${str(r.name).toLowerCase()}`);
    const levels = d.roleLevels[str(r.id)] ?? {};
    const settings = Object.fromEntries(Object.entries(levels).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [v.add, v.edit, v.delete, v.inquire].join('/')]));
    // An empty list and no list are the same grant (a person may have saved an empty Table Setup list).
    const customize = Object.fromEntries(Object.entries(d.roleCustomize[str(r.id)] ?? {}).filter(([, v]) => (v ?? []).length > 0).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...(v ?? [])].sort()]));
    return { name: r.name, adminFlag: r.adminFlag, inactive: r.inactiveFlag, settings, customize };
  });
  const apiMembers = d.tables.members.filter((m) => m.licenseClass === 'A').sort((a, b) => str(a.identifier).localeCompare(str(b.identifier))).map((m) => {
    note(`member:${str(m.identifier).toLowerCase()}`);
    const keys = d.apiKeys.filter((k) => k.memberId === m.id).map((k) => k.description).sort();
    for (const k of keys) note(`member:${str(m.identifier)}/apiKey:${k}`);
    return {
      identifier: m.identifier, name: m.name, inactive: m.inactiveFlag,
      role: nameOf('securityRoles', refId(m.securityRole)), level: nameOf('structureLevels', refId(m.structureLevel)),
      location: nameOf('locations', refId(m.defaultLocation)), businessUnit: nameOf('departments', refId(m.defaultDepartment)),
      apiKeys: keys,
    };
  });
  const mappings = [...d.tables.managedDevicesIntegrations].sort((a, b) => str(a.name).localeCompare(str(b.name))).map((i) => {
    note(`mapping:${str(i.name).toLowerCase()}`);
    const xrefs = d.tables.crossReferences.filter((x) => refId(x.managedDevicesIntegration) === i.id).map((x: JsonObject) => {
      note(`mapping:${str(i.name)}/xref:${str(x.vendorType)}/${str(x.vendorLevel ?? '')}`);
      return {
        vendorType: x.vendorType, vendorLevel: x.vendorLevel ?? null, inactive: x.inactiveFlag,
        configurationType: nameOf('configurationTypes', refId(x.configurationType)),
        agreementType: nameOf('agreementTypes', refId(x.agreementType)),
        product: nameOf('catalogItems', refId(x.product), 'identifier'),
      };
    }).sort((a, b) => `${str(a.vendorType)}/${str(a.vendorLevel)}`.localeCompare(`${str(b.vendorType)}/${str(b.vendorLevel)}`));
    const { id: _id, _info: _i, managedDevicesIntegration: _m, ...rest } = i as JsonObject & { id?: unknown; _info?: unknown; managedDevicesIntegration?: unknown };
    return { ...rest, crossReferences: xrefs };
  });
  const text = JSON.stringify({ roles, apiMembers, mappings });
  return {
    text,
    digest: createHash('sha256').update(text).digest('hex').slice(0, 16),
    duplicates,
    counts: {
      roles: roles.length, apiMembers: apiMembers.length, apiKeys: apiMembers.reduce((n, m) => n + m.apiKeys.length, 0),
      mappings: mappings.length, crossReferences: mappings.reduce((n, m) => n + m.crossReferences.length, 0),
    },
  };
}

/** Where two fingerprints differ, briefly: object keys that differ, with the first differing field. */
export function diffFingerprints(expected: string, actual: string, limit = 6): string[] {
  type Tree = Record<string, { name?: unknown; identifier?: unknown }[]>;
  const a = JSON.parse(expected) as Tree;
  const b = JSON.parse(actual) as Tree;
  const out: string[] = [];
  for (const section of Object.keys(a)) {
    const key = (o: { name?: unknown; identifier?: unknown }): string => str(o.name ?? o.identifier);
    const left = new Map((a[section] ?? []).map((o) => [key(o), o]));
    const right = new Map((b[section] ?? []).map((o) => [key(o), o]));
    for (const k of new Set([...left.keys(), ...right.keys()])) {
      const l = left.get(k);
      const r = right.get(k);
      if (!l || !r) { out.push(`${section}/${k}: ${l ? 'missing' : 'unexpected'}`); continue; }
      const lf = l as Record<string, unknown>;
      const rf = r as Record<string, unknown>;
      for (const field of new Set([...Object.keys(lf), ...Object.keys(rf)])) {
        const lv = lf[field];
        const rv = rf[field];
        if (JSON.stringify(lv) === JSON.stringify(rv)) continue;
        if (lv && rv && typeof lv === 'object' && typeof rv === 'object' && !Array.isArray(lv)) {
          const inner = [...new Set([...Object.keys(lv), ...Object.keys(rv)])].filter((x) => JSON.stringify((lv as Record<string, unknown>)[x]) !== JSON.stringify((rv as Record<string, unknown>)[x]));
          out.push(`${section}/${k}.${field}: ${inner.slice(0, 3).map((x) => `${x}: ${JSON.stringify((lv as Record<string, unknown>)[x])} -> ${JSON.stringify((rv as Record<string, unknown>)[x])}`).join('; ')}${inner.length > 3 ? ` (+${inner.length - 3})` : ''}`);
        } else {
          out.push(`${section}/${k}.${field}: ${JSON.stringify(lv)?.slice(0, 80)} -> ${JSON.stringify(rv)?.slice(0, 80)}`);
        }
      }
    }
  }
  return out.slice(0, limit);
}
