// Routes of the system lookups: /system/info, /system/setupScreens (read-only catalogue), /system/locations,
// /system/departments, /system/myCompany/corporateStructureLevels (read-only: 405 on writes) and
// /system/callbacks (full CRUD; memberId is set from the caller).

import type { JsonObject } from '../json.js';
import { notFound } from '../psa-error.js';
import { CALLBACK, DEPARTMENT, LOCATION, STRUCTURE_LEVEL } from '../resources.js';
import type { RouteContext, RouteDef } from '../router.js';
import { intParam } from '../router.js';
import { countResponse, crudRoutes, itemResponse, listResponse } from './common.js';

const SCREEN_FIELDS = new Set(['id', 'category', 'name', 'description', 'moduledescription', 'moduleidentifier', 'modulename', '_info']);

function screens(ctx: RouteContext): JsonObject[] {
  const moduleName = new Map(ctx.store.catalogue.modules.map((m) => [m.identifier, m.name]));
  return ctx.store.catalogue.setupScreens.map((sc) => ({
    id: sc.id,
    category: sc.category,
    name: sc.name,
    description: sc.description ?? `${sc.category} / ${sc.name}`,
    moduleDescription: moduleName.get(sc.moduleIdentifier) ?? sc.moduleName,
    moduleIdentifier: sc.moduleIdentifier,
    moduleName: sc.moduleName,
    _info: { lastUpdated: '2025-06-02T14:00:00Z', updatedBy: 'seed' },
  }));
}

/** Corporate structure levels carry only {id, name}: no `_info` (schema 2025.8). */
function levels(ctx: RouteContext): JsonObject[] {
  return ctx.store.rows('structureLevels').map((r) => ({ id: r.id as number, name: r.name as string }));
}
const LEVEL_FIELDS = new Set(['id', 'name']);

export function systemRoutes(): RouteDef[] {
  void STRUCTURE_LEVEL;
  return [
    {
      template: '/system/info',
      handlers: {
        GET: () => ({
          status: 200,
          body: { version: 'v2025.8.98765', isCloud: false, serverTimeZone: 'Eastern Standard Time', licenseBits: [], cloudRegion: 'NA', maxWorkFlowRecordsAllowed: 100 },
        }),
      },
    },
    { template: '/system/setupScreens', handlers: { GET: (ctx) => listResponse(ctx, screens(ctx), SCREEN_FIELDS) } },
    { template: '/system/setupScreens/count', handlers: { GET: (ctx) => countResponse(ctx, screens(ctx), SCREEN_FIELDS) } },
    {
      template: '/system/setupScreens/{id}',
      handlers: {
        GET: (ctx) => {
          const row = screens(ctx).find((s) => s.id === intParam(ctx, 'id'));
          if (!row) throw notFound(`setupScreen ${ctx.params.id ?? ''}`);
          return itemResponse(ctx, row, SCREEN_FIELDS);
        },
      },
    },
    ...crudRoutes({ spec: LOCATION, base: '/system/locations', methods: { list: true, create: true, get: true, put: true, patch: true, delete: true, count: true } }),
    ...crudRoutes({ spec: DEPARTMENT, base: '/system/departments', methods: { list: true, create: true, get: true, put: true, patch: true, delete: true, count: true } }),
    { template: '/system/myCompany/corporateStructureLevels', handlers: { GET: (ctx) => listResponse(ctx, levels(ctx), LEVEL_FIELDS) } },
    { template: '/system/myCompany/corporateStructureLevels/count', handlers: { GET: (ctx) => countResponse(ctx, levels(ctx), LEVEL_FIELDS) } },
    {
      template: '/system/myCompany/corporateStructureLevels/{id}',
      handlers: {
        GET: (ctx) => {
          const row = levels(ctx).find((l) => l.id === intParam(ctx, 'id'));
          if (!row) throw notFound(`corporateStructureLevel ${ctx.params.id ?? ''}`);
          return itemResponse(ctx, row, LEVEL_FIELDS);
        },
      },
    },
    ...crudRoutes({
      spec: CALLBACK,
      base: '/system/callbacks',
      methods: { list: true, create: true, get: true, put: true, patch: true, delete: true, count: true },
      onCreate: (ctx) => ({ memberId: ctx.caller?.memberId ?? null, connectWiseID: `cb-${Date.now().toString(36)}` }),
    }),
  ];
}
