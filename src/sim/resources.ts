// Field-level descriptions of the PSA resources the simulator serves (types, limits, required fields,
// references, write-only secrets), after psa-api.md and psa-openapi-subset.json (2025.8), plus the generic
// validation that turns a request body into a stored row. Pure: no HTTP, no store mutation.
// Stored rows keep references as `{id}` only; names and `_info` hrefs are resolved when a row is rendered.

import type { Json, JsonObject } from './json.js';
import { isJsonObject } from './json.js';
import type { PsaValidationError } from './psa-error.js';

export type TableName =
  | 'securityRoles' | 'members' | 'locations' | 'departments' | 'structureLevels' | 'timeZones'
  | 'configurationTypes' | 'agreementTypes' | 'catalogItems' | 'managedDevicesIntegrations'
  | 'crossReferences' | 'mdiLogins' | 'mdiNotifications' | 'callbacks';

export const TABLE_NAMES: readonly TableName[] = [
  'securityRoles', 'members', 'locations', 'departments', 'structureLevels', 'timeZones', 'configurationTypes',
  'agreementTypes', 'catalogItems', 'managedDevicesIntegrations', 'crossReferences', 'mdiLogins', 'mdiNotifications', 'callbacks',
];

export type FieldSpec =
  | { kind: 'string'; max?: number; required?: boolean; writeOnly?: boolean; readOnly?: boolean; default?: string | null }
  | { kind: 'int' | 'number'; required?: boolean; readOnly?: boolean; default?: number | null }
  | { kind: 'bool'; required?: boolean; readOnly?: boolean; default?: boolean }
  | { kind: 'datetime'; required?: boolean; readOnly?: boolean }
  | { kind: 'enum'; values: readonly string[]; required?: boolean; readOnly?: boolean; default?: string | null; ci?: boolean }
  | { kind: 'ref'; table: TableName; required?: boolean; readOnly?: boolean }
  | { kind: 'intArray'; required?: boolean; readOnly?: boolean }
  /** A reference into a table the simulator does not model: kept as sent (must carry a numeric id). */
  | { kind: 'object'; required?: boolean; readOnly?: boolean };

export interface ResourceSpec {
  /** The resource word PSA puts in validation errors ("securityRole object is invalid"). */
  resource: string;
  table: TableName;
  fields: Readonly<Record<string, FieldSpec>>;
  /** Fields unique across the table, compared case-insensitively. */
  unique?: readonly string[];
}

/** Path (under apis/3.0) where a row of each table is addressed, for reference `_info` hrefs. */
export const TABLE_HREF: Readonly<Record<TableName, string>> = {
  securityRoles: '/system/securityroles',
  members: '/system/members',
  locations: '/system/locations',
  departments: '/system/departments',
  structureLevels: '/system/myCompany/corporateStructureLevels',
  timeZones: '/system/timeZoneSetups',
  configurationTypes: '/company/configurations/types',
  agreementTypes: '/finance/agreements/types',
  catalogItems: '/procurement/catalog',
  managedDevicesIntegrations: '/company/managedDevicesIntegrations',
  crossReferences: '/company/managedDevicesIntegrations/crossReferences',
  mdiLogins: '/company/managedDevicesIntegrations/logins',
  mdiNotifications: '/company/managedDevicesIntegrations/notifications',
  callbacks: '/system/callbacks',
};

/** Which of a target row's fields a reference to it carries (besides id and _info). */
export const REF_FIELDS: Readonly<Record<TableName, readonly string[]>> = {
  securityRoles: ['name'],
  members: ['identifier', 'name'],
  locations: ['name'],
  departments: ['identifier', 'name'],
  structureLevels: ['name'],
  timeZones: ['name'],
  configurationTypes: ['name'],
  agreementTypes: ['name'],
  catalogItems: ['identifier', 'serializedFlag'],
  managedDevicesIntegrations: ['name'],
  crossReferences: ['vendorType'],
  mdiLogins: ['username'],
  mdiNotifications: ['logType'],
  callbacks: ['description'],
};

const s = (max?: number, extra: { required?: boolean; writeOnly?: boolean } = {}): FieldSpec => ({ kind: 'string', ...(max ? { max } : {}), ...extra });
const b = (): FieldSpec => ({ kind: 'bool', default: false });
const ref = (table: TableName, required = false): FieldSpec => ({ kind: 'ref', table, ...(required ? { required } : {}) });

export const SECURITY_ROLE: ResourceSpec = {
  resource: 'securityRole',
  table: 'securityRoles',
  fields: { name: s(30, { required: true }), roleType: s(30), adminFlag: b(), inactiveFlag: b() },
  unique: ['name'],
};

export const API_MEMBER: ResourceSpec = {
  resource: 'apiMember',
  table: 'members',
  fields: {
    identifier: s(15, { required: true }),
    name: s(30),
    emailAddress: s(250),
    inactiveFlag: b(),
    inactiveDate: { kind: 'datetime' },
    timeZone: ref('timeZones'),
    securityRole: ref('securityRoles'),
    structureLevel: ref('structureLevels'),
    securityLocation: ref('locations'),
    defaultLocation: ref('locations'),
    defaultDepartment: ref('departments'),
    salesDefaultLocation: ref('locations'),
    notes: s(),
    excludedServiceBoardIds: { kind: 'intArray' },
    blockPriceFlag: b(),
    blockCostFlag: b(),
  },
  unique: ['identifier'],
};

const CONTACT_CHOICE = ['Office', 'Mobile', 'Home'] as const;

export const MEMBER: ResourceSpec = {
  resource: 'member',
  table: 'members',
  fields: {
    identifier: s(15, { required: true }),
    password: s(60, { writeOnly: true }),
    licenseClass: { kind: 'enum', values: ['A', 'C', 'F', 'X'], required: true },
    firstName: s(30, { required: true }),
    middleInitial: s(1),
    lastName: s(30, { required: true }),
    title: s(50),
    hireDate: { kind: 'datetime', required: true },
    officeEmail: s(250),
    primaryEmail: s(250),
    defaultEmail: { kind: 'enum', values: CONTACT_CHOICE, required: true },
    officePhone: s(15),
    defaultPhone: { kind: 'enum', values: CONTACT_CHOICE, required: true },
    securityRole: ref('securityRoles', true),
    adminFlag: b(),
    structureLevel: ref('structureLevels'),
    securityLocation: ref('locations'),
    defaultLocation: ref('locations'),
    defaultDepartment: ref('departments'),
    timeZone: ref('timeZones'),
    inactiveFlag: b(),
    inactiveDate: { kind: 'datetime' },
    notes: s(),
  },
  unique: ['identifier'],
};

export const LOCATION: ResourceSpec = {
  resource: 'location',
  table: 'locations',
  fields: {
    name: s(50, { required: true }),
    structureLevel: ref('structureLevels', true),
    ownerLevelId: { kind: 'int' },
    reportsTo: ref('locations'),
    manager: ref('members'),
    overrideCity: s(50),
    overrideState: s(50),
    locationFlag: b(),
    clientFlag: b(),
  },
};

export const DEPARTMENT: ResourceSpec = {
  resource: 'department',
  table: 'departments',
  fields: { identifier: s(15, { required: true }), name: s(50, { required: true }) },
  unique: ['identifier'],
};

export const STRUCTURE_LEVEL: ResourceSpec = {
  resource: 'corporateStructureLevel',
  table: 'structureLevels',
  fields: { name: s(50, { required: true }) },
};

export const CONFIGURATION_TYPE: ResourceSpec = {
  resource: 'configurationType',
  table: 'configurationTypes',
  fields: { name: s(50, { required: true }), inactiveFlag: b(), systemFlag: b(), connectWiseId: { kind: 'string', readOnly: true } },
};

const BILL = ['Billable', 'DoNotBill', 'NoCharge', 'NoDefault'] as const;

export const AGREEMENT_TYPE: ResourceSpec = {
  resource: 'agreementType',
  table: 'agreementTypes',
  fields: {
    name: s(50, { required: true }),
    defaultFlag: b(),
    inactiveFlag: b(),
    prefixSuffixOption: { kind: 'enum', values: ['Prefix', 'Suffix'] },
    invoicePreSuffix: s(5),
    employeeCompRate: { kind: 'enum', values: ['Actual', 'Hourly'], required: true },
    employeeCompNotExceed: { kind: 'enum', values: ['Billing', 'Amount', 'Percent'], required: true },
    invoicingCycle: { kind: 'enum', values: ['ContractYear', 'CalendarYear'], required: true },
    billTime: { kind: 'enum', values: BILL, required: true },
    billExpenses: { kind: 'enum', values: BILL, required: true },
    billProducts: { kind: 'enum', values: BILL, required: true },
    applicationUnits: { kind: 'enum', values: ['Amount', 'Hours', 'Incidents'] },
    invoiceDescription: s(4000),
    integrationXRef: s(50),
    connectWiseId: { kind: 'string', readOnly: true },
  },
};

export const CATALOG_ITEM: ResourceSpec = {
  resource: 'catalogItem',
  table: 'catalogItems',
  fields: {
    identifier: s(75, { required: true }),
    description: s(60, { required: true }),
    inactiveFlag: b(),
    // Required references into product subcategory/type tables the simulator does not model: kept as sent.
    subcategory: { kind: 'object', required: true },
    type: { kind: 'object', required: true },
    productClass: { kind: 'enum', values: ['Agreement', 'Bundle', 'Inventory', 'NonInventory', 'Service'], default: 'NonInventory' },
    serializedFlag: b(),
    customerDescription: s(6000, { required: true }),
    manufacturerPartNumber: s(50),
    vendorSku: s(50),
    integrationXRef: s(50),
    price: { kind: 'number' },
    cost: { kind: 'number' },
    billableOption: { kind: 'enum', values: BILL },
    agreementType: ref('agreementTypes'),
  },
  unique: ['identifier'],
};

export const MANAGED_DEVICES_INTEGRATION: ResourceSpec = {
  resource: 'managedDevicesIntegration',
  table: 'managedDevicesIntegrations',
  fields: {
    name: s(30, { required: true }),
    solution: s(30, { required: true }),
    portalUrl: s(200),
    loginBy: { kind: 'enum', values: ['Global', 'Member'], required: true },
    globalLoginUsername: s(50),
    // [INF] stored, never returned (psa-api.md §11.7 item 5).
    globalLoginPassword: s(50, { writeOnly: true }),
    defaultBillingLevel: { kind: 'enum', values: ['Detail', 'Summary'], required: true },
    managementItSetupType: s(),
    defaultLocation: ref('locations'),
    defaultDepartment: ref('departments'),
    matchOnSerialNumberFlag: b(),
    disableNewCrossReferencesFlag: b(),
    configBillCustomerFlag: b(),
  },
};

export const CROSS_REFERENCE: ResourceSpec = {
  resource: 'managedDevicesIntegrationCrossReference',
  table: 'crossReferences',
  fields: {
    managedDevicesIntegration: { kind: 'ref', table: 'managedDevicesIntegrations', readOnly: true },
    vendorType: s(255),
    vendorLevel: s(255),
    agreementType: ref('agreementTypes'),
    product: ref('catalogItems'),
    configurationType: ref('configurationTypes'),
    inactiveFlag: b(),
  },
};

export const MDI_LOGIN: ResourceSpec = {
  resource: 'managedDevicesIntegrationLogin',
  table: 'mdiLogins',
  fields: {
    managedDevicesIntegration: { kind: 'ref', table: 'managedDevicesIntegrations', readOnly: true },
    username: s(50, { required: true }),
    password: s(50, { writeOnly: true }),
    member: ref('members', true),
  },
};

export const MDI_NOTIFICATION: ResourceSpec = {
  resource: 'managedDevicesIntegrationNotification',
  table: 'mdiNotifications',
  fields: {
    managedDevicesIntegration: { kind: 'ref', table: 'managedDevicesIntegrations', readOnly: true },
    // The recipient table is not modelled: the id is kept as given, its name echoed back.
    notifyWho: { kind: 'object', required: true },
    member: ref('members'),
    logType: { kind: 'enum', values: ['All', 'Error', 'NewManagedSolution', 'NewDeviceType', 'NewConfiguration', 'NewAddition', 'Info'], required: true },
  },
};

export const CALLBACK: ResourceSpec = {
  resource: 'callbackEntry',
  table: 'callbacks',
  fields: {
    description: s(100),
    url: s(undefined, { required: true }),
    objectId: { kind: 'int', required: true },
    type: s(undefined, { required: true }),
    level: s(undefined, { required: true }),
    memberId: { kind: 'int', readOnly: true },
    payloadVersion: s(),
    inactiveFlag: b(),
    isSoapCallbackFlag: b(),
    isSelfSuppressedFlag: b(),
    connectWiseID: { kind: 'string', readOnly: true },
  },
};

/** Lower-case top-level names a list query may mention (for the unknown-field 400). */
export function knownFieldsOf(spec: ResourceSpec, extra: readonly string[] = []): ReadonlySet<string> {
  return new Set(['id', '_info', ...Object.keys(spec.fields), ...extra].map((f) => f.toLowerCase()));
}

/** Looks a row up by table and id; supplied by the store so validation can check references. */
export type RowLookup = (table: TableName, id: number) => JsonObject | undefined;

export interface BuildResult {
  row: JsonObject;
  errors: PsaValidationError[];
}

function fieldError(spec: ResourceSpec, field: string, code: string, message: string): PsaValidationError {
  return { code, message, resource: spec.resource, field };
}

function defaultFor(f: FieldSpec): Json | undefined {
  if (f.kind === 'bool') return f.default ?? false;
  if (f.kind === 'intArray') return [];
  if ('default' in f && f.default !== undefined) return f.default;
  return undefined;
}

/**
 * Builds the stored row a POST or PUT body describes: unknown body keys are ignored (the PSA's JSON binder
 * does the same), read-only fields keep `base` values, omitted writable fields reset to defaults (PUT semantics).
 * Returns every field error at once, in field order.
 */
export function buildRow(spec: ResourceSpec, body: unknown, base: JsonObject | undefined, lookup: RowLookup): BuildResult {
  const errors: PsaValidationError[] = [];
  const row: JsonObject = {};
  if (!isJsonObject(body)) {
    return { row, errors: [fieldError(spec, '', 'InvalidObject', `The request body must be a JSON object describing a ${spec.resource}.`)] };
  }
  const keyOf = new Map(Object.keys(body).map((k) => [k.toLowerCase(), k]));
  for (const [name, f] of Object.entries(spec.fields)) {
    const bodyKey = keyOf.get(name.toLowerCase());
    const present = bodyKey !== undefined && body[bodyKey] !== undefined;
    const raw: Json | undefined = present ? (body[bodyKey]) : undefined;
    if (f.readOnly) {
      if (base && base[name] !== undefined) row[name] = base[name];
      continue;
    }
    if (!present || raw === null || (raw === '' && f.kind !== 'string')) {
      if (f.kind === 'string' && f.writeOnly && !present && base && base[name] !== undefined) {
        // A write-only secret the caller cannot read back is kept when omitted, or PUT would wipe it.
        row[name] = base[name];
        continue;
      }
      const d = defaultFor(f);
      if (d !== undefined) row[name] = d;
      else if (raw === null) row[name] = null;
      continue;
    }
    switch (f.kind) {
      case 'string':
        if (typeof raw !== 'string') { errors.push(fieldError(spec, name, 'InvalidField', `The ${name} field must be a string.`)); break; }
        if (f.max !== undefined && raw.length > f.max) {
          errors.push(fieldError(spec, name, 'OutOfRange', `The ${name} field must be at most ${f.max} characters (got ${raw.length}).`));
          break;
        }
        row[name] = raw;
        break;
      case 'int':
      case 'number':
        if (typeof raw !== 'number' || (f.kind === 'int' && !Number.isInteger(raw))) {
          errors.push(fieldError(spec, name, 'InvalidField', `The ${name} field must be ${f.kind === 'int' ? 'an integer' : 'a number'}.`));
          break;
        }
        row[name] = raw;
        break;
      case 'bool':
        if (typeof raw !== 'boolean') { errors.push(fieldError(spec, name, 'InvalidField', `The ${name} field must be true or false.`)); break; }
        row[name] = raw;
        break;
      case 'datetime':
        if (typeof raw !== 'string' || Number.isNaN(Date.parse(raw))) {
          errors.push(fieldError(spec, name, 'InvalidField', `The ${name} field must be an ISO 8601 date-time.`));
          break;
        }
        row[name] = new Date(raw).toISOString().replace(/\.\d{3}Z$/, 'Z');
        break;
      case 'enum': {
        const hit = typeof raw === 'string' ? f.values.find((v) => v.toLowerCase() === raw.toLowerCase()) : undefined;
        if (hit === undefined) {
          errors.push(fieldError(spec, name, 'InvalidField', `The ${name} field must be one of ${f.values.join(', ')}.`));
          break;
        }
        row[name] = hit;
        break;
      }
      case 'intArray':
        if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'number' || !Number.isInteger(v))) {
          errors.push(fieldError(spec, name, 'InvalidField', `The ${name} field must be an array of integers.`));
          break;
        }
        row[name] = raw;
        break;
      case 'object':
        if (!isJsonObject(raw) || typeof raw.id !== 'number') {
          errors.push(fieldError(spec, name, 'InvalidField', `The ${name} reference must be an object with a numeric id.`));
          break;
        }
        row[name] = raw;
        break;
      case 'ref': {
        // Writes name references by id only ([INF], psa-api.md §11.6).
        const id = isJsonObject(raw) ? raw.id : undefined;
        if (typeof id !== 'number' || !Number.isInteger(id)) {
          errors.push(fieldError(spec, name, 'InvalidField', `The ${name} reference must be an object with a numeric id, e.g. {"id": 7}.`));
          break;
        }
        if (!lookup(f.table, id)) {
          errors.push(fieldError(spec, name, 'InvalidReference', `The ${name} reference id ${id} does not exist.`));
          break;
        }
        row[name] = { id };
        break;
      }
    }
  }
  for (const [name, f] of Object.entries(spec.fields)) {
    if (!f.required || f.readOnly) continue;
    const v = row[name];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (!errors.some((e) => e.field === name)) errors.push(fieldError(spec, name, 'MissingRequiredField', `The ${name} field is required.`));
    }
  }
  return { row, errors };
}

/** The writable view of a stored row: what a PATCH is applied to before the result is validated like a PUT. */
export function writableView(spec: ResourceSpec, row: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [name, f] of Object.entries(spec.fields)) {
    if (f.readOnly || (f.kind === 'string' && f.writeOnly)) continue;
    if (row[name] !== undefined) out[name] = row[name];
  }
  return out;
}
