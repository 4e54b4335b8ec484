import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestOf } from '../model/canonical-json.js';
import { streamDigestOf } from './stream-digest.js';

describe('streamDigestOf', () => {
  it('equals digestOf for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => streamDigestOf(v) === digestOf(v)), { numRuns: 500 });
  });
  it('equals digestOf with undefined members, nested arrays, unicode and long strings (chunking)', () => {
    const v = { b: [1, { z: undefined, a: 'é\u2028"\\' }, null], a: 'x'.repeat(200_000), c: { y: true, x: -0.5 } };
    expect(streamDigestOf(v)).toBe(digestOf(v));
  });
});
