// Paging helpers: query reading (clamps, errors), ordering, projection, and the Link header in both modes.
import { describe, expect, it } from 'vitest';
import type { JsonObject } from './json.js';
import { filterRows, pageRows, projectFields, readListQuery } from './paging.js';
import { SimHttpError } from './psa-error.js';

const rows: JsonObject[] = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, name: `Role ${String.fromCharCode(76 - i)}`, securityRole: { id: i % 3, name: `R${i % 3}` } }));
const known = new Set(['id', 'name', 'securityrole']);
const q = (s: string, header?: string) => readListQuery(new URLSearchParams(s), header, known);

describe('readListQuery', () => {
  it('defaults, clamps and reads parameter names case-insensitively', () => {
    expect(q('')).toMatchObject({ page: 1, pageSize: 25, forwardOnly: false });
    expect(q('PAGESIZE=5000&Page=3')).toMatchObject({ page: 3, pageSize: 1000 });
    expect(q('pageSize=0').pageSize).toBe(25);
  });
  it('refuses bad numbers, unknown fields and orderBy with forward-only', () => {
    expect(() => q('page=abc')).toThrow(SimHttpError);
    expect(() => q('fields=id,nmae')).toThrow(/did you mean 'name'/);
    expect(() => q('orderBy=name sideways')).toThrow(/orderBy/);
    expect(() => q('orderBy=name', 'forward-only')).toThrow(/forward-only/);
  });
});

describe('filterRows / projectFields', () => {
  it('orders by several keys and ties by id', () => {
    const out = filterRows(rows, q('orderBy=securityRole/id desc, name asc'));
    expect(out.slice(0, 4).map((r) => r.id)).toEqual([12, 9, 6, 3]);
  });
  it('projects nested fields', () => {
    expect(projectFields(rows[0]!, [['id'], ['securityRole', 'name']])).toEqual({ id: 1, securityRole: { name: 'R0' } });
    expect(projectFields(rows[0]!, [['NAME']])).toEqual({ name: 'Role L' });
  });
});

describe('pageRows', () => {
  const base = 'http://h/v4_6_release/apis/3.0/system/securityroles';
  it('builds first/prev/next/last and keeps other parameters', () => {
    const params = new URLSearchParams('conditions=id>0&pageSize=5&page=2');
    const p = pageRows(rows, q(params.toString()), base, params);
    expect(p.items.map((r) => r.id)).toEqual([6, 7, 8, 9, 10]);
    expect(p.link).toBe([
      `<${base}?conditions=id%3E0&pageSize=5&page=1>; rel="first"`,
      `<${base}?conditions=id%3E0&pageSize=5&page=1>; rel="prev"`,
      `<${base}?conditions=id%3E0&pageSize=5&page=3>; rel="next"`,
      `<${base}?conditions=id%3E0&pageSize=5&page=3>; rel="last"`,
    ].join(', '));
  });
  it('forward-only returns ids after pageId and links the last id', () => {
    const params = new URLSearchParams('pageSize=5&pageId=4');
    const p = pageRows([...rows].reverse(), q(params.toString(), 'forward-only'), base, params);
    expect(p.items.map((r) => r.id)).toEqual([5, 6, 7, 8, 9]);
    expect(p.link).toBe(`<${base}?pageSize=5&pageId=9>; rel="next"`);
    const past = new URLSearchParams('pageSize=5&pageId=1000');
    expect(pageRows(rows, q(past.toString(), 'forward-only'), base, past)).toEqual({ items: [], link: undefined });
  });
});
