// The shape check: schema/cwctl.schema.json through ajv, its errors turned into Diagnostics at the YAML's own
// line:col in plain words ("roles[0].permissions['Service Desk / Service Tickets']: unknown key 'inquiry'
// (expected add, edit, delete, inquire)"). Shape only: names, levels and cross-field rules are rules/*.ts.

import type { ErrorObject } from 'ajv';
import generatedShapeValidator from './generated/shape-validator.js';
import schemaJson from '../../schema/cwctl.schema.json' with { type: 'json' };
import type { Diagnostic } from '../model/diagnostic.js';
import type { DesiredStateFile } from '../model/desired.js';
import { spanOf } from './load.js';
import type { LoadedDocument, YamlPath } from './load.js';
import { didYouMean, suggestName } from './suggest.js';

/** The JSON Schema of the v1 file, as shipped in schema/. */
export const DESIRED_STATE_SCHEMA: Readonly<Record<string, unknown>> = schemaJson;

// The schema compiled ahead of time (shape-validator-source.ts; a test keeps it in step with the schema), so a
// run loads no ajv compiler. Typed here: the generated code is unchecked JavaScript.
type ShapeValidate = ((data: unknown) => data is DesiredStateFile) & { errors?: ErrorObject[] | null };
const shapeValidator = generatedShapeValidator as ShapeValidate;

/** ajv's errors for a value (none when its shape is right). */
export function validateShapeValue(value: unknown): ErrorObject[] {
  return shapeValidator(value) ? [] : [...(shapeValidator.errors ?? [])];
}

/** JSON pointer -> path segments, with array indexes as numbers (read off the value itself). */
export function pointerToPath(pointer: string, value: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let current: unknown = value;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = Number(segment);
      out.push(index);
      current = current[index];
    } else {
      out.push(segment);
      current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return out;
}

/** `roles[0].permissions['Service Desk / Service Tickets']`: how a path reads in a message. */
export function renderPath(path: YamlPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `['${segment.replace(/'/g, "\\'")}']`;
  }
  return out === '' ? 'top level' : out;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'a string',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
  null: 'nothing',
};

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  // The value itself is not echoed: it could be a secret typed in the wrong place.
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return `${String(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return typeof value;
}

function expectedKeys(error: ErrorObject): string[] {
  const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  return Object.keys(parent?.properties ?? {});
}

/** One ajv error as a Diagnostic at the YAML's own line:col (also used for the profile schema). */
export function translate(error: ErrorObject, doc: LoadedDocument): Diagnostic {
  const path = pointerToPath(error.instancePath, doc.value);
  const where = renderPath(path);
  const base = { severity: 'error' as const, code: 'schema' as const };
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const expected = expectedKeys(error);
      const hint = didYouMean(suggestName(key, expected));
      return {
        ...base,
        code: 'unknown-key',
        summary: `${where}: unknown key '${key}' (expected ${expected.join(', ')})`,
        ...(hint ? { hint } : {}),
        source: spanOf(doc, [...path, key], 'key'),
      };
    }
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      return {
        ...base,
        code: 'missing-key',
        summary: `${where}: missing required key '${missing}'`,
        ...(missing === 'version' && path.length === 0 ? { hint: 'start the file with "version: 1"' } : {}),
        source: spanOf(doc, path),
      };
    }
    case 'type': {
      const wanted = String((error.params as { type: string }).type);
      return {
        ...base,
        code: 'wrong-type',
        summary: `${where}: expected ${TYPE_WORDS[wanted] ?? wanted}, got ${describeValue(error.data)}`,
        source: spanOf(doc, path),
      };
    }
    case 'const': {
      const allowed = (error.params as { allowedValue: unknown }).allowedValue;
      return {
        ...base,
        summary: `${where}: must be ${JSON.stringify(allowed)}, got ${describeValue(error.data)}`,
        ...(path[0] === 'version' ? { hint: 'this cwctl reads format version 1: write "version: 1"' } : {}),
        source: spanOf(doc, path),
      };
    }
    case 'enum': {
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const got = typeof error.data === 'string' ? `'${error.data}'` : describeValue(error.data);
      const hint = typeof error.data === 'string' ? didYouMean(suggestName(error.data, allowed)) : undefined;
      return {
        ...base,
        summary: `${where}: ${got} is not one of ${allowed.join(', ')}`,
        ...(hint ? { hint } : {}),
        source: spanOf(doc, path),
      };
    }
    case 'minLength':
      return { ...base, summary: `${where}: must not be empty`, source: spanOf(doc, path) };
    case 'maxLength': {
      const limit = (error.params as { limit: number }).limit;
      const length = typeof error.data === 'string' ? error.data.length : 0;
      return { ...base, code: 'too-long', summary: `${where}: ${length} characters, the PSA allows at most ${limit}`, source: spanOf(doc, path) };
    }
    case 'pattern':
      return { ...base, summary: `${where}: not a valid ${String(path.at(-1) ?? 'value')}`, source: spanOf(doc, path) };
    default:
      return { ...base, summary: `${where}: ${error.message ?? 'invalid'}`, source: spanOf(doc, path) };
  }
}

/**
 * Checks one document's shape. `skipKeys` holds JSON pointers of keys already reported (secrets), so the same key
 * is not reported twice as "unknown".
 */
export function validateShape(doc: LoadedDocument, skipKeys: ReadonlySet<string> = new Set()): Diagnostic[] {
  return checkShape(doc, skipKeys).diagnostics;
}

/** validateShape, also handing back ajv's errors (validate-desired-state.ts prunes what they refuse for the rules). */
export function checkShape(doc: LoadedDocument, skipKeys: ReadonlySet<string> = new Set()): { diagnostics: Diagnostic[]; errors: ErrorObject[] } {
  const errors = validateShapeValue(doc.value);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'additionalProperties') {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      if (skipKeys.has(`${error.instancePath}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`)) continue;
    }
    const d = translate(error, doc);
    const id = `${d.source?.line}:${d.source?.column}:${d.summary}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(d);
  }
  return { diagnostics: out, errors };
}
