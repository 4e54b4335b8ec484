// The checked-in standalone shape validator must be what ajv makes of the schema today, and must judge files
// exactly as ajv compiling the schema at run time would.
import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import schemaJson from '../../schema/cwctl.schema.json' with { type: 'json' };
import { validateShapeValue } from '../../src/config/schema.js';
import { buildShapeValidatorSource, SHAPE_VALIDATOR_OPTIONS } from '../../src/config/shape-validator-source.js';

const GENERATED = 'src/config/generated/shape-validator.ts';

describe('generated shape validator', () => {
  it('matches the schema (UPDATE_GENERATED=1 rewrites it)', () => {
    const source = buildShapeValidatorSource();
    if (process.env.UPDATE_GENERATED) writeFileSync(GENERATED, source);
    expect(readFileSync(GENERATED, 'utf8'), 'schema changed: regenerate with UPDATE_GENERATED=1 npx vitest run test/config/shape-validator.test.ts').toBe(source);
  });

  it.each([
    ['a valid file', { version: 1, roles: [{ name: 'A', permissions: { 'Service Desk / Service Tickets': { inquire: 'All' } } }] }],
    ['an unknown key and a wrong type', { version: 1, roles: [{ name: 'A', colour: 'red', unlisted: 3 }] }],
    ['an empty name and a missing version', { roles: [{ name: '' }] }],
    ['an empty identifier', { version: 1, members: [{ identifier: '', name: 'X', role: 'A', level: 'Corporate (Level 1)' }] }],
    ['astral characters at the length limit (30 code points, 60 UTF-16 units)', { version: 1, mappings: { managedDevices: [{ name: '😀'.repeat(30), solution: 'S' }] } }],
    ['astral characters over the length limit', { version: 1, mappings: { managedDevices: [{ name: '😀'.repeat(31), solution: 'S' }] } }],
  ])('gives the errors ajv gives for %s', (name, value) => {
    const compiled = new Ajv(SHAPE_VALIDATOR_OPTIONS).compile(schemaJson);
    compiled(value);
    const errors = validateShapeValue(value);
    expect(errors).toEqual(compiled.errors ?? []);
    expect(errors.length > 0).toBe(!name.startsWith('a valid') && !name.includes('at the length limit'));
  });
});
