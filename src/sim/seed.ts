// Builds the starting data of a simulated mid-size MSP: roles with plausible levels over the full catalogue,
// locations, business units, structure levels, ~40 members (a few API members), lookup tables and one
// managed-devices integration. Deterministic for a given seed (records are stamped with a fixed date).
// Must not touch files or the network; `roles`/`members` grow the tenant for benchmarks.

import type { CatalogueFunction, CustomizeIdentifier, Level, LevelKind, Levels } from '../catalogue/types.js';
import type { JsonObject } from './json.js';
import { createRng, pick } from './random.js';
import type { Rng } from './random.js';
import type { SimCatalogue, SimData, StoredLevels } from './store.js';
import { functionKey } from '../catalogue/find-function.js';
import { sha256Hex } from '../model/canonical-json.js';
import { SimStore, generateKey } from './store.js';
import { DEFAULT_STRUCTURE_LEVELS } from './world.js';
import { AGREEMENT_TYPE, CATALOG_ITEM, CONFIGURATION_TYPE, CROSS_REFERENCE, MANAGED_DEVICES_INTEGRATION } from './resources.js';

export interface SeedOptions {
  company: string;
  seed: number;
  /** Total roles wanted (the seven named ones, then "Role 0008"...). */
  roles?: number;
  /** Total members wanted (default about 40). */
  members?: number;
  clientId?: string;
}

export const SEED_DATE = '2025-06-02T14:00:00Z';
export const ADMIN_IDENTIFIER = 'cwctl-admin';
/** A fixed GUID: the simulator accepts any non-empty clientId; this is the one it prints. */
export const SIM_CLIENT_ID = '7c1b2f9e-5a44-4c8e-9d3a-0f6b1e2d3c4a';

type Policy = (module: string, fn: CatalogueFunction) => Partial<Levels>;

const ALL4: Levels = { add: 'All', edit: 'All', delete: 'All', inquire: 'All' };
const READ: Partial<Levels> = { inquire: 'All' };

function has(module: string, ...words: string[]): boolean {
  return words.some((w) => module.toLowerCase().includes(w));
}

/** Role name -> levels wanted per function (clamped later to what each column offers). */
const POLICIES: Record<string, Policy> = {
  Admin: () => ALL4,
  Technician: (m, fn) => {
    if (has(m, 'service', 'time')) return { add: 'All', edit: 'My', delete: 'My', inquire: 'All' };
    if (has(m, 'compan')) return fn.name === 'Configuration - Display Passwords' ? READ : { add: 'All', edit: 'All', delete: 'None', inquire: 'All' };
    if (has(m, 'project')) return { add: 'My', edit: 'My', inquire: 'All' };
    if (has(m, 'system')) return fn.name === 'My Account' ? { edit: 'All', inquire: 'All' } : {};
    if (has(m, 'procurement')) return { inquire: 'All' };
    return {};
  },
  Dispatcher: (m) => {
    if (has(m, 'service')) return { add: 'All', edit: 'All', delete: 'My', inquire: 'All' };
    if (has(m, 'compan', 'project', 'time')) return READ;
    return {};
  },
  Finance: (m) => {
    if (has(m, 'finance', 'procurement')) return ALL4;
    if (has(m, 'compan', 'time', 'sales')) return READ;
    if (has(m, 'service', 'project')) return { inquire: 'All' };
    return {};
  },
  Sales: (m) => {
    if (has(m, 'sales', 'marketing')) return ALL4;
    if (has(m, 'compan')) return { add: 'All', edit: 'All', inquire: 'All' };
    if (has(m, 'procurement', 'finance')) return READ;
    return {};
  },
  'Service Manager': (m) => {
    if (has(m, 'service', 'project', 'time')) return ALL4;
    if (has(m, 'compan')) return { add: 'All', edit: 'All', delete: 'My', inquire: 'All' };
    if (has(m, 'finance', 'procurement', 'sales', 'system')) return READ;
    return {};
  },
  'Read Only': () => READ,
};

export const SEEDED_ROLE_NAMES = Object.keys(POLICIES);

function clamp(wanted: Level | undefined, offered: readonly Level[]): Level {
  const rank = { None: 0, My: 1, All: 2 } as const;
  let best: Level = 'None';
  for (const l of offered) if (rank[l] <= rank[wanted ?? 'None'] && rank[l] >= rank[best]) best = l;
  return best;
}

const FIRST = ['Alex', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery', 'Quinn', 'Drew', 'Maria', 'David', 'Priya', 'Chen', 'Fatima', 'Luis', 'Hannah', 'Omar', 'Grace', 'Ethan', 'Sofia', 'Noah', 'Emma', 'Liam'];
const LAST = ['Smith', 'Johnson', 'Garcia', 'Nguyen', 'Patel', 'Brown', 'Miller', 'Davis', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Moore', 'Martin', 'Lee', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright'];

function memberRoleFor(i: number, rng: Rng): string {
  if (i < 3) return 'Admin';
  const weights: [string, number][] = [['Technician', 0.45], ['Dispatcher', 0.1], ['Finance', 0.1], ['Sales', 0.15], ['Service Manager', 0.1], ['Read Only', 0.1]];
  let r = rng();
  for (const [name, w] of weights) { if (r < w) return name; r -= w; }
  return 'Technician';
}

/** Seeds a fresh SimData. */
export function buildSeedData(opts: SeedOptions, catalogue: SimCatalogue): SimData {
  const rng = createRng(opts.seed);
  const data: SimData = {
    formatVersion: 1,
    company: opts.company,
    clientId: opts.clientId ?? SIM_CLIENT_ID,
    seed: opts.seed,
    bootstrap: { memberIdentifier: ADMIN_IDENTIFIER, publicKey: '', privateKey: '' },
    nextIds: {},
    tables: {
      securityRoles: [], members: [], locations: [], departments: [], structureLevels: [], timeZones: [], configurationTypes: [],
      agreementTypes: [], catalogItems: [], managedDevicesIntegrations: [], crossReferences: [], mdiLogins: [], mdiNotifications: [], callbacks: [],
    },
    roleLevels: {},
    roleCustomize: {},
    apiKeys: [],
    tokens: [],
  };
  const store = new SimStore(data, catalogue, () => new Date(SEED_DATE));
  const by = 'seed';
  const ins = (table: Parameters<SimStore['insertRow']>[0], row: JsonObject): number => store.insertRow(table, row, by).id as number;

  // Corporate structure levels (read-only table; the world's names, by default the PSA's captions).
  // A world may name fewer levels, or name them without "(Level N)"; locations use the deepest one there is.
  const levelIds = (catalogue.structureLevels ?? DEFAULT_STRUCTURE_LEVELS).map((name) => ins('structureLevels', { name }));
  const levels = [0, 1, 2].map((i) => levelIds[Math.min(i, levelIds.length - 1)] as number);
  const tz = ['Eastern Standard Time', 'Central Standard Time', 'Pacific Standard Time'].map((name) => ins('timeZones', { name }));
  const locations = [
    ['Tampa', 'Tampa', 'FL', 0], ['Orlando', 'Orlando', 'FL', 1], ['Jacksonville', 'Jacksonville', 'FL', 1], ['Atlanta', 'Atlanta', 'GA', 1], ['Remote', '', '', 2],
  ].map(([name, city, state, lvl]) => ins('locations', {
    name: name as string, structureLevel: { id: levels[lvl as number] as number }, overrideCity: city as string, overrideState: state as string, locationFlag: true, clientFlag: false,
  }));
  const departments = [['Admin', 'Admin'], ['Services', 'Services'], ['Sales', 'Sales'], ['Finance', 'Finance'], ['Projects', 'Projects'], ['HelpDesk', 'Help Desk']]
    .map(([identifier, name]) => ins('departments', { identifier: identifier as string, name: name as string }));

  // Roles.
  const roleIds = new Map<string, number>();
  const wantRoles = Math.max(SEEDED_ROLE_NAMES.length, opts.roles ?? SEEDED_ROLE_NAMES.length);
  for (let i = 0; i < wantRoles; i++) {
    const name = SEEDED_ROLE_NAMES[i] ?? `Role ${String(i + 1).padStart(4, '0')}`;
    const id = ins('securityRoles', { name, roleType: '', adminFlag: name === 'Admin', inactiveFlag: false });
    roleIds.set(name, id);
    store.initRoleSecurity(id);
    const policy: Policy = POLICIES[name] ?? POLICIES[pick(rng, SEEDED_ROLE_NAMES.slice(1))] ?? (() => READ);
    const lv = data.roleLevels[String(id)] as Record<string, StoredLevels>;
    for (const module of catalogue.modules) {
      for (const fn of module.functions) {
        const want = policy(module.name, fn);
        const out = { add: 'None', edit: 'None', delete: 'None', inquire: 'None' } as Record<LevelKind, Level>;
        for (const k of ['add', 'edit', 'delete', 'inquire'] as const) out[k] = clamp(want[k], fn.offers[k]);
        if (out.add !== 'None' || out.edit !== 'None' || out.delete !== 'None' || out.inquire !== 'None') {
          lv[functionKey(module.name, fn.name)] = { ...out, lastUpdated: SEED_DATE, updatedBy: by };
        }
      }
    }
    const screens = catalogue.setupScreens.map((sc) => `${sc.category} / ${sc.name}`);
    const custom = data.roleCustomize[String(id)] as Partial<Record<CustomizeIdentifier, string[]>>;
    if (name === 'Admin') {
      custom.SystemTableSetup = screens;
      custom.SystemManageHostedApi = ['ConnectWise Chat', 'ScreenConnect'];
      custom.CompanyConfigurations = ['Managed Workstation', 'Managed Server', 'Network Device', 'Firewall'];
    } else if (name === 'Service Manager') {
      custom.SystemTableSetup = catalogue.setupScreens.filter((sc) => /service|company|agreement/i.test(sc.category)).map((sc) => `${sc.category} / ${sc.name}`);
    } else if (name === 'Finance') {
      custom.SystemTableSetup = catalogue.setupScreens.filter((sc) => /agreement|finance|procurement/i.test(sc.category)).map((sc) => `${sc.category} / ${sc.name}`);
    }
  }

  // Members.
  const used = new Set<string>();
  const uniqueIdentifier = (base: string): string => {
    const b = base.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 15) || 'member';
    let id = b;
    for (let n = 2; used.has(id); n++) id = `${b.slice(0, 15 - String(n).length)}${n}`;
    used.add(id);
    return id;
  };
  const memberCount = Math.max(8, opts.members ?? 40);
  const apiMembers = [
    { identifier: ADMIN_IDENTIFIER, name: 'cwctl Admin API', role: 'Admin' },
    { identifier: 'automate', name: 'Automate Integration', role: 'Admin' },
    { identifier: 'itglue', name: 'IT Glue Sync', role: 'Read Only' },
    { identifier: 'quoter', name: 'Quoter', role: 'Sales' },
  ];
  const locOf = (i: number): number => locations[i % locations.length] as number;
  const depOf = (i: number): number => departments[i % departments.length] as number;
  for (let i = 0; i < memberCount - apiMembers.length; i++) {
    const first = pick(rng, FIRST);
    const last = pick(rng, LAST);
    const identifier = uniqueIdentifier(`${first[0] ?? 'x'}${last}`);
    const role = memberRoleFor(i, rng);
    const license = i > 0 && rng() < 0.08 ? 'X' : 'F';
    ins('members', {
      identifier, licenseClass: license, firstName: first, lastName: last, name: `${first} ${last}`,
      title: role === 'Admin' ? 'Owner' : role, hireDate: `20${String(12 + Math.floor(rng() * 12)).padStart(2, '0')}-0${1 + Math.floor(rng() * 9)}-15T00:00:00Z`,
      officeEmail: `${identifier}@${opts.company.toLowerCase()}.example`, defaultEmail: 'Office', officePhone: '8135550100', defaultPhone: 'Office',
      securityRole: { id: roleIds.get(role) as number }, adminFlag: role === 'Admin',
      structureLevel: { id: levels[0] as number }, securityLocation: { id: locOf(i) }, defaultLocation: { id: locOf(i) },
      defaultDepartment: { id: depOf(i + 1) }, timeZone: { id: tz[0] as number }, inactiveFlag: rng() < 0.05,
    });
  }
  for (const am of apiMembers) {
    uniqueIdentifier(am.identifier);
    ins('members', {
      identifier: am.identifier, licenseClass: 'A', name: am.name, emailAddress: '', securityRole: { id: roleIds.get(am.role) as number },
      structureLevel: { id: levels[0] as number }, securityLocation: { id: locations[0] as number }, defaultLocation: { id: locations[0] as number },
      defaultDepartment: { id: departments[0] as number }, timeZone: { id: tz[0] as number }, inactiveFlag: false, excludedServiceBoardIds: [],
      blockPriceFlag: false, blockCostFlag: false, notes: '',
    });
  }

  // Lookup tables.
  const cfg = ['Managed Workstation', 'Managed Server', 'Network Device', 'Firewall', 'Printer', 'Mobile Device', 'Virtual Machine', 'Backup Appliance']
    .map((name) => store.create(CONFIGURATION_TYPE, { name }, by).id as number);
  const agreementBase = { employeeCompRate: 'Actual', employeeCompNotExceed: 'Billing', invoicingCycle: 'ContractYear', billTime: 'Billable', billExpenses: 'Billable', billProducts: 'Billable' };
  const agr = ['Managed Services', 'Block Time', 'Break Fix', 'Backup Services', 'Security Services', 'Microsoft 365']
    .map((name, i) => store.create(AGREEMENT_TYPE, { ...agreementBase, name, defaultFlag: i === 0, applicationUnits: i === 1 ? 'Hours' : 'Amount' }, by).id as number);
  const items: [string, string, string, number][] = [
    ['RMM-WS', 'Managed Workstation (RMM)', 'Managed Services', 49],
    ['RMM-SRV', 'Managed Server (RMM)', 'Managed Services', 149],
    ['RMM-NET', 'Managed Network Device', 'Managed Services', 29],
    ['BACKUP-SRV', 'Server Backup', 'Backup', 89],
    ['BACKUP-WS', 'Workstation Backup', 'Backup', 15],
    ['AV-WS', 'Endpoint Protection', 'Security', 8],
    ['M365-BP', 'Microsoft 365 Business Premium', 'Licensing', 22],
    ['LABOR-REMOTE', 'Remote Labor (hourly)', 'Labor', 150],
  ];
  const subcategories = [...new Set(items.map((it) => it[2]))];
  const cat = items.map(([identifier, description, subcategory, price]) => store.create(CATALOG_ITEM, {
    identifier, description, customerDescription: description, subcategory: { id: subcategories.indexOf(subcategory) + 1, name: subcategory },
    type: { id: 1, name: 'Service' }, productClass: 'Service', price, cost: Math.round(price * 0.4),
  }, by).id as number);
  const mdi = store.create(MANAGED_DEVICES_INTEGRATION, {
    name: 'Kaseya VSA', solution: 'Kaseya VSA', portalUrl: 'https://vsa.example.net', loginBy: 'Global', globalLoginUsername: 'psa-sync',
    defaultBillingLevel: 'Summary', defaultLocation: { id: locations[0] }, defaultDepartment: { id: departments[1] },
  }, by).id as number;
  store.create(CROSS_REFERENCE, { vendorType: 'Workstation', vendorLevel: 'Managed', configurationType: { id: cfg[0] }, agreementType: { id: agr[0] }, product: { id: cat[0] } }, by, { managedDevicesIntegration: { id: mdi } });
  store.create(CROSS_REFERENCE, { vendorType: 'Server', vendorLevel: 'Managed', configurationType: { id: cfg[1] }, agreementType: { id: agr[0] }, product: { id: cat[1] } }, by, { managedDevicesIntegration: { id: mdi } });

  // The bootstrap admin key pair, derived from the seed so `--seed N` reproduces it.
  const admin = store.memberByIdentifier(ADMIN_IDENTIFIER) as JsonObject;
  const publicKey = generateKey(rng);
  const privateKey = generateKey(rng);
  data.bootstrap = { memberIdentifier: ADMIN_IDENTIFIER, publicKey, privateKey };
  data.apiKeys.push({ id: store.nextId('apiKeys'), memberId: admin.id as number, description: 'cwctl simulator bootstrap', publicKey, privateKeySha256: sha256Hex(privateKey), createdAt: SEED_DATE });
  return data;
}
