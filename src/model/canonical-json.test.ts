import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digestOf } from './canonical-json.js';

/** The definition: JSON.stringify with every object's keys sorted (the implementation before the direct writer). */
function reference(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const record = v as Record<string, unknown>;
      return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]]));
    }
    return v;
  });
}

describe('canonicalJson', () => {
  it('sorts keys at every depth so equal objects serialise equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  });
  it('keeps array order (order is meaningful in lists)', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
  it('gives equal digests for reordered keys and different ones for different values', () => {
    expect(digestOf({ x: 1, y: 2 })).toBe(digestOf({ y: 2, x: 1 }));
    expect(digestOf({ x: 1 })).not.toBe(digestOf({ x: 2 }));
    expect(digestOf({ x: 1 })).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
  it('keeps a "__proto__" key that JSON.parse produced (it must not vanish from the digest)', () => {
    const parsed = JSON.parse('{"__proto__": false, "a": 1}') as unknown;
    expect(canonicalJson(parsed)).toBe('{"__proto__":false,"a":1}');
    expect(digestOf(parsed)).not.toBe(digestOf({ a: 1 }));
  });
  it('writes exactly what JSON.stringify with sorted keys writes, for any JSON-like value', () => {
    const leaf = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date());
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node')), fc.dictionary(fc.string(), tie('node'))),
    })).node;
    fc.assert(fc.property(value, (v) => {
      expect(canonicalJson(v)).toBe(reference(v));
    }), { numRuns: 500 });
  });
  it('writes runs of objects of one shape, shapes interleaved past what it remembers, and keys inserted in another order alike', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ b: i, a: `x${i}`, 10: true, 9: null, c: undefined }));
    const reordered = rows.map((r) => ({ c: r.c, 9: r[9], a: r.a, b: r.b, 10: r[10] }));
    expect(canonicalJson(rows)).toBe(reference(rows));
    expect(canonicalJson(reordered)).toBe(canonicalJson(rows));
    const mixed = Array.from({ length: 60 }, (_, i) => ({ [`k${i % 11}`]: i, z: { [`q${i % 3}`]: [i, { y: i }] }, a: i % 2 }));
    expect(canonicalJson(mixed)).toBe(reference(mixed));
  });
  it('lists integer-like keys first in numeric order, as digests recorded by earlier versions did', () => {
    expect(canonicalJson({ b: 1, 10: 'x', a: 2, 9: 'y', '': 0 })).toBe('{"9":"y","10":"x","":0,"a":2,"b":1}');
  });
  it('skips undefined and functions in objects and writes null for them in lists, as JSON does', () => {
    const v = { a: undefined, b: () => 1, c: [undefined, () => 1, Number.NaN, -0], d: new Date(0) };
    expect(canonicalJson(v)).toBe('{"c":[null,null,null,0],"d":"1970-01-01T00:00:00.000Z"}');
    expect(canonicalJson(v)).toBe(reference(v));
    expect(canonicalJson(undefined)).toBe(reference(undefined));
  });
});
