// List query handling shared by every collection route: conditions, orderBy, navigable and forward-only
// paging with RFC 5988 Link headers, `fields` projection and counts. Pure: takes rows and query values,
// returns rows and header text; throws SimHttpError (400) for what it cannot honour.

import { ConditionsError, evaluateConditions, listConditionPaths, parseConditions, readPath } from './conditions.js';
import type { ConditionNode } from './conditions.js';
import type { Json, JsonObject } from './json.js';
import { suggestName } from '../config/suggest.js';
import { psaError } from './psa-error.js';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 1000;

export interface ListQuery {
  conditions?: ConditionNode;
  orderBy: { path: string[]; desc: boolean }[];
  fields?: string[][];
  page: number;
  pageSize: number;
  forwardOnly: boolean;
  pageId: number;
}

/** Query parameter lookup ignoring case, as ASP.NET binds them. */
export function readParam(params: URLSearchParams, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of params) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function readInt(params: URLSearchParams, name: string): number | undefined {
  const raw = readParam(params, name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw psaError(400, 'InvalidRequest', `The value '${raw}' is not valid for ${name}.`);
  return Number(raw);
}

function checkPath(path: string[], known: ReadonlySet<string> | undefined, where: string, position?: number): void {
  if (!known) return;
  const top = (path[0] ?? '').toLowerCase();
  if (known.has(top)) return;
  const hint = suggestName(path[0] ?? '', known);
  const at = position === undefined ? '' : ` at position ${position}`;
  throw psaError(400, 'InvalidRequest', `${where}: unknown field '${path.join('/')}'${at}${hint ? ` (did you mean '${hint}'?)` : ''}`);
}

/**
 * Reads conditions/orderBy/fields/page/pageSize/pageId and the `pagination-type` header.
 * `knownFields` (lower-case top-level names) turns unknown fields into a 400 instead of an empty result.
 */
export function readListQuery(params: URLSearchParams, paginationType: string | undefined, knownFields?: ReadonlySet<string>): ListQuery {
  const forwardOnly = (paginationType ?? '').toLowerCase() === 'forward-only';
  let conditions: ConditionNode | undefined;
  const condText = readParam(params, 'conditions');
  if (condText !== undefined && condText.trim() !== '') {
    try {
      conditions = parseConditions(condText);
    } catch (e) {
      if (e instanceof ConditionsError) throw psaError(400, 'InvalidRequest', `conditions: ${e.message}`);
      throw e;
    }
    for (const p of listConditionPaths(conditions)) checkPath(p.path, knownFields, 'conditions', p.position);
  }
  const orderBy: ListQuery['orderBy'] = [];
  const orderText = readParam(params, 'orderBy');
  if (orderText !== undefined && orderText.trim() !== '') {
    if (forwardOnly) throw psaError(400, 'InvalidRequest', 'orderBy is not allowed with forward-only pagination (results are ordered by id).');
    for (const part of orderText.split(',')) {
      const m = /^\s*([A-Za-z_][\w/]*)\s*(asc|desc)?\s*$/i.exec(part);
      if (!m) throw psaError(400, 'InvalidRequest', `orderBy: cannot read '${part.trim()}' (expected 'field asc' or 'field desc')`);
      const path = (m[1] as string).split('/');
      checkPath(path, knownFields, 'orderBy');
      orderBy.push({ path, desc: (m[2] ?? 'asc').toLowerCase() === 'desc' });
    }
  }
  let fields: string[][] | undefined;
  const fieldsText = readParam(params, 'fields');
  if (fieldsText !== undefined && fieldsText.trim() !== '') {
    fields = fieldsText.split(',').map((f) => f.trim()).filter((f) => f !== '').map((f) => f.split('/'));
    for (const f of fields) checkPath(f, knownFields, 'fields');
  }
  const page = Math.max(1, readInt(params, 'page') ?? 1);
  let pageSize = readInt(params, 'pageSize') ?? DEFAULT_PAGE_SIZE;
  // [INF] behaviour past the documented maximum is unknown; clamp like most clients expect.
  if (pageSize > MAX_PAGE_SIZE) pageSize = MAX_PAGE_SIZE;
  if (pageSize < 1) pageSize = DEFAULT_PAGE_SIZE;
  const pageId = Math.max(0, readInt(params, 'pageId') ?? 0);
  return { ...(conditions ? { conditions } : {}), orderBy, ...(fields ? { fields } : {}), page, pageSize, forwardOnly, pageId };
}

function compareForSort(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  const sa = (typeof a === 'string' ? a : JSON.stringify(a)).toLowerCase();
  const sb = (typeof b === 'string' ? b : JSON.stringify(b)).toLowerCase();
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Rows matching the conditions, ordered by orderBy (then id). */
export function filterRows(rows: readonly JsonObject[], q: Pick<ListQuery, 'conditions' | 'orderBy'>): JsonObject[] {
  const cond = q.conditions;
  const out = cond ? rows.filter((r) => evaluateConditions(cond, r)) : [...rows];
  out.sort((x, y) => {
    for (const o of q.orderBy) {
      const c = compareForSort(readPath(x, o.path), readPath(y, o.path));
      if (c !== 0) return o.desc ? -c : c;
    }
    return (x.id as number) - (y.id as number);
  });
  return out;
}

/** Keeps only the requested fields (nested `a/b` paths keep a sub-object), as the PSA does with `fields`. */
export function projectFields(record: JsonObject, fields: readonly string[][] | undefined): JsonObject {
  if (!fields) return record;
  const out: JsonObject = {};
  for (const path of fields) {
    let src: Json | undefined = record;
    let dst: JsonObject = out;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i] as string;
      if (src === null || typeof src !== 'object' || Array.isArray(src)) break;
      // Field names are case-insensitive; the exact spelling (what clients send) is found without a scan.
      const key = Object.prototype.hasOwnProperty.call(src, seg) ? seg : Object.keys(src).find((k) => k.toLowerCase() === seg.toLowerCase());
      if (key === undefined) break;
      const val: Json = src[key] as Json;
      if (i === path.length - 1) { dst[key] = val; break; }
      if (val === null || typeof val !== 'object' || Array.isArray(val)) { dst[key] = val; break; }
      const existing = dst[key];
      if (existing === undefined || existing === null || typeof existing !== 'object' || Array.isArray(existing)) dst[key] = {};
      dst = dst[key] as JsonObject;
      src = val;
    }
  }
  return out;
}

function pageLink(baseUrl: string, params: URLSearchParams, set: Record<string, string>, rel: string): string {
  const p = new URLSearchParams();
  for (const [k, v] of params) {
    const lk = k.toLowerCase();
    if (lk === 'page' || lk === 'pagesize' || lk === 'pageid') continue;
    p.append(k, v);
  }
  for (const [k, v] of Object.entries(set)) p.set(k, v);
  return `<${baseUrl}?${p.toString()}>; rel="${rel}"`;
}

export interface PageResult {
  items: JsonObject[];
  link: string | undefined;
}

/**
 * Cuts one page from already filtered and ordered rows and builds the Link header.
 * Navigable: first/prev/next/last (prev/next only where they exist). Forward-only: rows with id > pageId by
 * id ascending, and a rel="next" carrying the last id returned; an empty page carries no Link at all (public
 * evidence: clients stop on the missing header).
 */
export function pageRows(rows: readonly JsonObject[], q: ListQuery, baseUrl: string, params: URLSearchParams, render: (row: JsonObject) => JsonObject = (r) => r): PageResult {
  const size = String(q.pageSize);
  if (q.forwardOnly) {
    const after = rows.filter((r) => (r.id as number) > q.pageId).sort((a, b) => (a.id as number) - (b.id as number));
    const items = after.slice(0, q.pageSize);
    const last = items[items.length - 1];
    if (last === undefined) return { items: [], link: undefined };
    return { items: items.map((r) => projectFields(render(r), q.fields)), link: pageLink(baseUrl, params, { pageSize: size, pageId: String(Number(last.id)) }, 'next') };
  }
  const total = rows.length;
  const last = Math.max(1, Math.ceil(total / q.pageSize));
  const start = (q.page - 1) * q.pageSize;
  const items = rows.slice(start, start + q.pageSize).map((r) => projectFields(render(r), q.fields));
  const links = [pageLink(baseUrl, params, { pageSize: size, page: '1' }, 'first')];
  if (q.page > 1) links.push(pageLink(baseUrl, params, { pageSize: size, page: String(Math.min(q.page - 1, last)) }, 'prev'));
  if (q.page < last) links.push(pageLink(baseUrl, params, { pageSize: size, page: String(q.page + 1) }, 'next'));
  links.push(pageLink(baseUrl, params, { pageSize: size, page: String(last) }, 'last'));
  return { items, link: links.join(', ') };
}
