// The types of the fields cwctl reads from each PSA list, checked on every page, so that a server answering
// `"name": 42` fails as a PSA error naming the request and the field (exit 4) instead of crashing a later
// stage. Only present, non-null fields are checked: `fields` projections and nullable columns stay legal.

/** `id`: a record id, a positive safe integer (the PSA's ids are; 0, -1, 1.5 or 2^60 name nothing cwctl can use). */
export type FieldType = 'id' | 'number' | 'string' | 'boolean' | 'ref';
export type Shape = Readonly<Record<string, FieldType>>;

export const isPsaId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

const matches = (value: unknown, type: FieldType): boolean =>
  type === 'id'
    ? isPsaId(value)
    : type === 'ref'
      ? typeof value === 'object' && value !== null && !Array.isArray(value) && isPsaId((value as { id?: unknown }).id)
      : typeof value === type;

const describe = (value: unknown): string =>
  Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;

// Every page of every list is checked (200 roles' settings are 22,000 rows): the fields of a shape are listed once.
const fieldsOf = new WeakMap<Shape, readonly (readonly [string, FieldType])[]>();

/** The first field of the first item that has the wrong type, in words; undefined when all fit. */
export function findShapeError(items: readonly unknown[], shape: Shape, firstIndex = 0): string | undefined {
  let fields = fieldsOf.get(shape);
  if (!fields) {
    fields = Object.entries(shape);
    fieldsOf.set(shape, fields);
  }
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return `item ${firstIndex + i} is ${describe(item)}, expected an object`;
    const record = item as Record<string, unknown>;
    for (const [field, type] of fields) {
      const value = record[field];
      if (value === undefined || value === null || matches(value, type)) continue;
      const expected = type === 'ref' ? 'a reference {id, ...} with a positive integer id' : type === 'id' ? 'a positive integer id' : `a ${type}`;
      return `item ${firstIndex + i}: field '${field}' is ${describe(value)}, expected ${expected}`;
    }
  }
  return undefined;
}

const LEVELS = { addLevel: 'string', editLevel: 'string', deleteLevel: 'string', inquireLevel: 'string' } as const;
const SETTING: Shape = { id: 'id', moduleName: 'string', moduleFunctionName: 'string', moduleIdentifier: 'string', moduleFunctionIdentifier: 'string', ...LEVELS };
const NAMED: Shape = { id: 'id', name: 'string' };

/** What cwctl reads of each collection it lists. */
export const SHAPES = {
  securityRoles: { id: 'id', name: 'string', adminFlag: 'boolean', inactiveFlag: 'boolean' },
  settings: SETTING,
  mySecurity: SETTING,
  apiMembers: {
    id: 'id', identifier: 'string', name: 'string', emailAddress: 'string', inactiveFlag: 'boolean',
    securityRole: 'ref', structureLevel: 'ref', securityLocation: 'ref', defaultLocation: 'ref', defaultDepartment: 'ref',
  },
  members: { id: 'id', identifier: 'string', inactiveFlag: 'boolean', securityRole: 'ref' },
  customizeItems: { id: 'id', customizeIdentifier: 'string', itemIdentifier: 'string' },
  setupScreens: { id: 'id', category: 'string', name: 'string' },
  named: NAMED,
  departments: { id: 'id', identifier: 'string', name: 'string' },
  typed: { ...NAMED, inactiveFlag: 'boolean' },
  catalog: { id: 'id', identifier: 'string', inactiveFlag: 'boolean' },
  integrations: { id: 'id', name: 'string', solution: 'string' },
  crossReferences: {
    id: 'id', vendorType: 'string', vendorLevel: 'string', inactiveFlag: 'boolean',
    agreementType: 'ref', configurationType: 'ref', product: 'ref',
  },
} as const satisfies Record<string, Shape>;
