// Building blocks the resource route files share: list/count responses over rendered rows, and a CRUD route
// factory over a ResourceSpec that only wires the methods the public API has (the server answers 405 for the rest).
// No HTTP here beyond RouteResult values.

import type { JsonObject } from '../json.js';
import { filterRows, pageRows, readListQuery } from '../paging.js';
import { notFound } from '../psa-error.js';
import type { ResourceSpec } from '../resources.js';
import { knownFieldsOf } from '../resources.js';
import type { Handler, RouteContext, RouteDef, RouteResult } from '../router.js';
import { intParam } from '../router.js';

function paginationType(ctx: RouteContext): string | undefined {
  const v = ctx.headers['pagination-type'];
  return Array.isArray(v) ? v[0] : v;
}

/** A list answer: conditions, orderBy, paging (navigable or forward-only) and fields over already rendered rows. */
export function listResponse(ctx: RouteContext, rows: readonly JsonObject[], known: ReadonlySet<string>): RouteResult {
  const q = readListQuery(ctx.query, paginationType(ctx), known);
  const filtered = filterRows(rows, q);
  const page = pageRows(filtered, q, ctx.selfUrl, ctx.query);
  return { status: 200, body: page.items, headers: page.link ? { Link: page.link } : {} };
}

/**
 * A list answer straight from stored rows: without conditions or orderBy only the requested page is rendered
 * (large tenants stay fast); otherwise every row is rendered so conditions can read reference names.
 */
export function listFromStored(ctx: RouteContext, stored: readonly JsonObject[], render: (row: JsonObject) => JsonObject, known: ReadonlySet<string>): RouteResult {
  const q = readListQuery(ctx.query, paginationType(ctx), known);
  if (q.conditions || q.orderBy.length > 0) {
    const page = pageRows(filterRows(stored.map(render), q), q, ctx.selfUrl, ctx.query);
    return { status: 200, body: page.items, headers: page.link ? { Link: page.link } : {} };
  }
  const byId = isSortedById(stored) ? stored : [...stored].sort((a, b) => (a.id as number) - (b.id as number));
  const page = pageRows(byId, q, ctx.selfUrl, ctx.query, render);
  return { status: 200, body: page.items, headers: page.link ? { Link: page.link } : {} };
}

function isSortedById(rows: readonly JsonObject[]): boolean {
  for (let i = 1; i < rows.length; i++) if ((rows[i - 1]?.id as number) > (rows[i]?.id as number)) return false;
  return true;
}

/** `/count` with the same conditions as the list. */
export function countResponse(ctx: RouteContext, rows: readonly JsonObject[], known: ReadonlySet<string>): RouteResult {
  const q = readListQuery(ctx.query, undefined, known);
  return { status: 200, body: { count: filterRows(rows, { conditions: q.conditions, orderBy: [] }).length } };
}

/** A single record, honouring `fields`. */
export function itemResponse(ctx: RouteContext, row: JsonObject, known: ReadonlySet<string>, status = 200): RouteResult {
  const q = readListQuery(ctx.query, undefined, known);
  const body = q.fields ? pageRows([row], { ...q, page: 1, pageSize: 1, forwardOnly: false }, ctx.selfUrl, ctx.query).items[0] ?? {} : row;
  return { status, body };
}

export function pickKeys(row: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const k of keys) if (row[k] !== undefined) out[k] = row[k];
  return out;
}

export interface CrudOptions {
  spec: ResourceSpec;
  /** Collection path, e.g. '/system/locations' or '/company/managedDevicesIntegrations/{parentId}/crossReferences'. */
  base: string;
  methods: { list?: boolean; create?: boolean; get?: boolean; put?: boolean; patch?: boolean; delete?: boolean; count?: boolean };
  /** Rows of this collection (e.g. only API members, only children of the parent). */
  scope?: (ctx: RouteContext, row: JsonObject) => boolean;
  /** Called before listing/creating: throws 404 when a parent does not exist. */
  checkParent?: (ctx: RouteContext) => void;
  /** Server-set fields on create (parent reference, caller id...). */
  onCreate?: (ctx: RouteContext) => JsonObject;
  /** Runs after a successful create (e.g. a new role gets its empty settings). */
  afterCreate?: (ctx: RouteContext, row: JsonObject) => void;
  /** Extra rendered fields (beyond the spec) that conditions may name. */
  extraFields?: readonly string[];
  /** `/info` variants: the keys the Info schema keeps. */
  info?: readonly string[];
}

function by(ctx: RouteContext): string {
  return ctx.caller?.identifier ?? 'unknown';
}

/** Route definitions for one resource family. */
export function crudRoutes(o: CrudOptions): RouteDef[] {
  const { spec } = o;
  const known = knownFieldsOf(spec, o.extraFields);
  const inScope = (ctx: RouteContext, row: JsonObject): boolean => (o.scope ? o.scope(ctx, row) : true);
  const stored = (ctx: RouteContext): JsonObject[] => {
    o.checkParent?.(ctx);
    return o.scope ? ctx.store.rows(spec.table).filter((r) => inScope(ctx, r)) : [...ctx.store.rows(spec.table)];
  };
  const rendered = (ctx: RouteContext): JsonObject[] => stored(ctx).map((r) => ctx.store.render(spec, r, ctx.apiBase));
  const find = (ctx: RouteContext): JsonObject => {
    o.checkParent?.(ctx);
    const row = ctx.store.get(spec.table, intParam(ctx, 'id'));
    if (!row || !inScope(ctx, row)) throw notFound(`${spec.resource} ${ctx.params.id ?? ''}`);
    return row;
  };
  const collection: Partial<Record<'GET' | 'POST', Handler>> = {};
  if (o.methods.list) collection.GET = (ctx) => listFromStored(ctx, stored(ctx), (r) => ctx.store.render(spec, r, ctx.apiBase), known);
  if (o.methods.create) {
    collection.POST = (ctx) => {
      o.checkParent?.(ctx);
      const row = ctx.store.create(spec, ctx.body, by(ctx), o.onCreate ? o.onCreate(ctx) : {});
      o.afterCreate?.(ctx, row);
      return { status: 201, body: ctx.store.render(spec, row, ctx.apiBase) };
    };
  }
  const item: RouteDef['handlers'] = {};
  if (o.methods.get) item.GET = (ctx) => itemResponse(ctx, ctx.store.render(spec, find(ctx), ctx.apiBase), known);
  if (o.methods.put) item.PUT = (ctx) => ({ status: 200, body: ctx.store.render(spec, ctx.store.replace(spec, find(ctx).id as number, ctx.body, by(ctx)), ctx.apiBase) });
  if (o.methods.patch) item.PATCH = (ctx) => ({ status: 200, body: ctx.store.render(spec, ctx.store.patch(spec, find(ctx).id as number, ctx.body, by(ctx)), ctx.apiBase) });
  if (o.methods.delete) item.DELETE = (ctx) => { ctx.store.remove(spec, find(ctx).id as number); return { status: 204 }; };
  const defs: RouteDef[] = [
    { template: o.base, handlers: collection },
    { template: `${o.base}/{id}`, handlers: item },
  ];
  if (o.methods.count) {
    defs.push({
      template: `${o.base}/count`,
      handlers: {
        GET: (ctx) => {
          const q = readListQuery(ctx.query, undefined, known);
          return q.conditions ? countResponse(ctx, rendered(ctx), known) : { status: 200, body: { count: stored(ctx).length } };
        },
      },
    });
  }
  if (o.info) {
    const infoKeys = o.info;
    const infoKnown = new Set(infoKeys.map((k) => k.toLowerCase()));
    const infoRows = (ctx: RouteContext): JsonObject[] => rendered(ctx).map((r) => pickKeys(r, infoKeys));
    defs.push(
      { template: `${o.base}/info`, handlers: { GET: (ctx) => listResponse(ctx, infoRows(ctx), infoKnown) } },
      { template: `${o.base}/info/count`, handlers: { GET: (ctx) => countResponse(ctx, infoRows(ctx), infoKnown) } },
      { template: `${o.base}/{id}/info`, handlers: { GET: (ctx) => itemResponse(ctx, pickKeys(ctx.store.render(spec, find(ctx), ctx.apiBase), infoKeys), infoKnown) } },
    );
  }
  return defs;
}
