import { describe, expect, it } from 'vitest';
import { canonicalJson, digestOf } from './canonical-json.js';

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
});
