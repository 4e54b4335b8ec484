// Writes the shape check (schema/cwctl.schema.json) as standalone validation code with ajv's standalone mode,
// so cwctl does not load ajv and compile the schema on every run (about 170 ms of a cold `cwctl validate`).
// The output is checked in as generated/shape-validator.ts; test/config/shape-validator.test.ts fails when it
// no longer matches the schema (UPDATE_GENERATED=1 rewrites it). Used by that test only, never at run time.

import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import schemaJson from '../../schema/cwctl.schema.json' with { type: 'json' };

/** The options the shape check is compiled with: every error, with its data and parent schema (for messages). */
export const SHAPE_VALIDATOR_OPTIONS = { allErrors: true, verbose: true, strict: true } as const;

const UCS2_REQUIRE = 'require("ajv/dist/runtime/ucs2length").default';

export function buildShapeValidatorSource(): string {
  const ajv = new Ajv({ ...SHAPE_VALIDATOR_OPTIONS, code: { source: true, esm: true } });
  let code = standaloneCode.default(ajv, ajv.compile(schemaJson));
  // ajv's ESM output still requires its runtime helper for minLength/maxLength (code points, not UTF-16 units).
  const needsUcs2 = code.includes(UCS2_REQUIRE);
  // Node hands a CommonJS module's exports object to a default import, bundlers (vitest) its `default`: take either.
  code = code.split(UCS2_REQUIRE).join('(ucs2length.default ?? ucs2length)');
  // ajv gathers a referenced schema's errors (each role is one) with `vErrors = vErrors.concat(...)`, which copies
  // every earlier error each time: 50,000 bad roles took 43 s. Appending in place keeps it linear.
  code = code.replace(
    /vErrors = vErrors === null \? (validate\d+)\.errors : vErrors\.concat\(\1\.errors\);/g,
    (_match: string, fn: string) => `if (vErrors === null) vErrors = ${fn}.errors; else for (const e of ${fn}.errors) vErrors.push(e);`,
  );
  if (code.includes('.concat(')) throw new Error('the standalone shape validator still gathers errors with concat (quadratic)');
  if (code.includes('require(')) throw new Error('the standalone shape validator requires a module this generator does not map');
  return [
    '// @ts-nocheck',
    '// GENERATED from schema/cwctl.schema.json by src/config/shape-validator-source.ts: do not edit.',
    '// Regenerate with: UPDATE_GENERATED=1 npx vitest run test/config/shape-validator.test.ts',
    ...(needsUcs2 ? ["import ucs2length from 'ajv/dist/runtime/ucs2length.js';"] : []),
    code,
    '',
  ].join('\n');
}
