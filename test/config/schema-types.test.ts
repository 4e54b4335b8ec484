// Fails when schema/cwctl.schema.json and the TypeScript types of the file (src/model/desired.ts) drift apart:
// each object's property names in the schema must equal an exhaustive key list typed against the interface
// (`satisfies Record<keyof X, true>` fails to compile when the interface gains or loses a key).
import { describe, expect, it } from 'vitest';
import { DESIRED_STATE_SCHEMA } from '../../src/config/schema.js';
import type { CustomizeIdentifier, LevelKind } from '../../src/catalogue/types.js';
import type {
  ApiKeyFile, CrossReferenceFile, DesiredStateFile, ManagedDevicesMappingFile, MappingsFile, MemberFile, MovedFile, PsaTargetFile, RoleFile,
} from '../../src/model/desired.js';

const keys = <T>(record: Record<keyof T, true>): string[] => Object.keys(record).sort();

const FILE = keys<DesiredStateFile>({ version: true, psa: true, roles: true, members: true, mappings: true, moved: true } satisfies Record<keyof DesiredStateFile, true>);
const MOVED = keys<MovedFile>({ from: true, to: true } satisfies Record<keyof MovedFile, true>);
const PSA = keys<PsaTargetFile>({ site: true, company: true } satisfies Record<keyof PsaTargetFile, true>);
const ROLE = keys<RoleFile>({
  name: true, description: true, profiles: true, permissions: true, tableSetup: true, customize: true, unlisted: true, external: true,
} satisfies Record<keyof RoleFile, true>);
const MEMBER = keys<MemberFile>({
  identifier: true, name: true, role: true, level: true, location: true, businessUnit: true, email: true, inactive: true, apiKeys: true,
} satisfies Record<keyof MemberFile, true>);
const API_KEY = keys<ApiKeyFile>({ description: true } satisfies Record<keyof ApiKeyFile, true>);
const MAPPINGS = keys<MappingsFile>({ managedDevices: true } satisfies Record<keyof MappingsFile, true>);
const MANAGED = keys<ManagedDevicesMappingFile>({
  name: true, solution: true, loginBy: true, defaultBillingLevel: true, portalUrl: true, crossReferences: true,
} satisfies Record<keyof ManagedDevicesMappingFile, true>);
const XREF = keys<CrossReferenceFile>({
  vendorType: true, vendorLevel: true, configurationType: true, agreementType: true, product: true,
} satisfies Record<keyof CrossReferenceFile, true>);
const LEVEL_COLUMNS = keys<Record<LevelKind, true>>({ add: true, edit: true, delete: true, inquire: true });
const CUSTOMIZE = keys<Record<CustomizeIdentifier, true>>({
  CompanyReports: true, FinanceReports: true, MarketingReports: true, ProcurementReports: true, ProjectReports: true, SalesReports: true,
  ServiceReports: true, SystemReports: true, TimeAndExpenseReports: true, CompanyConfigurations: true, FinanceAgreements: true,
  ProjectScheduling: true, ServiceResourceScheduling: true, SystemManageHostedApi: true, SystemMyAccount: true, SystemCustomMenuEntry: true,
  SystemMassMaintenance: true, SystemTableSetup: true,
} satisfies Record<CustomizeIdentifier, true>);

interface SchemaNode { properties?: Record<string, SchemaNode>; items?: SchemaNode; $ref?: string; additionalProperties?: boolean | SchemaNode; required?: string[]; enum?: unknown[] }
const schema = DESIRED_STATE_SCHEMA as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };
const deref = (n: SchemaNode): SchemaNode => (n.$ref ? schema.definitions[n.$ref.replace('#/definitions/', '')]! : n);
const propsOf = (n: SchemaNode): string[] => Object.keys(deref(n).properties ?? {}).sort();
const top = schema.properties!;

describe('schema/cwctl.schema.json matches src/model/desired.ts', () => {
  it.each([
    ['DesiredStateFile', schema as SchemaNode, FILE],
    ['PsaTargetFile', top.psa!, PSA],
    ['RoleFile', top.roles!.items!, ROLE],
    ['MemberFile', top.members!.items!, MEMBER],
    ['ApiKeyFile', deref(top.members!.items!).properties!.apiKeys!.items!, API_KEY],
    ['MappingsFile', top.mappings!, MAPPINGS],
    ['ManagedDevicesMappingFile', top.mappings!.properties!.managedDevices!.items!, MANAGED],
    ['CrossReferenceFile', deref(top.mappings!.properties!.managedDevices!.items!).properties!.crossReferences!.items!, XREF],
    ['MovedFile', top.moved!.items!, MOVED],
    ['permission levels', deref(top.roles!.items!).properties!.permissions!.additionalProperties as SchemaNode, LEVEL_COLUMNS],
    ['customize', deref(top.roles!.items!).properties!.customize!, CUSTOMIZE],
  ])('%s has the same keys', (_name, node, expected) => {
    expect(propsOf(node)).toEqual(expected);
  });

  it('is strict on every object (additionalProperties: false) except the permissions map', () => {
    const objects: SchemaNode[] = [schema, top.psa!, top.mappings!, ...Object.values(schema.definitions)];
    for (const o of objects) if ((o as { type?: string }).type === 'object') expect(o.additionalProperties).toBe(false);
  });

  it('requires what the types require', () => {
    expect(schema.required).toEqual(['version']);
    expect(deref(top.roles!.items!).required).toEqual(['name']);
    expect(deref(top.members!.items!).required?.sort()).toEqual(['identifier', 'level', 'name', 'role']);
    expect(deref(top.mappings!.properties!.managedDevices!.items!).required?.sort()).toEqual(['name', 'solution']);
  });

  it('carries the enum values of the types', () => {
    const role = deref(top.roles!.items!).properties!;
    expect(role.unlisted!.enum).toEqual(['none', 'ignore'] satisfies RoleFile['unlisted'][]);
    const md = deref(top.mappings!.properties!.managedDevices!.items!).properties!;
    expect(md.loginBy!.enum).toEqual(['Global', 'Member'] satisfies ManagedDevicesMappingFile['loginBy'][]);
    expect(md.defaultBillingLevel!.enum).toEqual(['Detail', 'Summary'] satisfies ManagedDevicesMappingFile['defaultBillingLevel'][]);
  });

  it('gives every property a description for editors', () => {
    const missing: string[] = [];
    const walk = (n: SchemaNode, path: string): void => {
      const d = deref(n);
      for (const [k, v] of Object.entries(d.properties ?? {})) {
        if (!(v as { description?: string }).description && !v.$ref) missing.push(`${path}.${k}`);
        walk(v, `${path}.${k}`);
      }
      if (d.items) walk(d.items, `${path}[]`);
    };
    walk(schema, '$');
    expect(missing).toEqual([]);
  });
});
