// Routes of /system/apiMembers (GET, POST, GET/PUT/PATCH by id, /count, /default) and /system/members
// (API members included with licenseClass "A"; GET, POST, GET/PUT/PATCH, /count, /{id}/deactivate,
// /{memberIdentifier}/tokens). Neither has DELETE in the public API, so the server answers 405 for it.

import type { JsonObject } from '../json.js';
import { notFound } from '../psa-error.js';
import { API_MEMBER, MEMBER, knownFieldsOf } from '../resources.js';
import type { RouteDef } from '../router.js';
import { intParam } from '../router.js';
import { crudRoutes, itemResponse } from './common.js';

export function memberRoutes(): RouteDef[] {
  return [
    ...crudRoutes({
      spec: API_MEMBER,
      base: '/system/apiMembers',
      methods: { list: true, create: true, get: true, put: true, patch: true, count: true },
      scope: (ctx, row) => ctx.store.isApiMember(row),
      onCreate: () => ({ licenseClass: 'A' }),
    }),
    {
      template: '/system/apiMembers/default',
      handlers: {
        // The template a new API member starts from: server defaults, no id assigned yet.
        GET: (ctx) => {
          const level = ctx.store.rows('structureLevels')[0];
          const body: JsonObject = {
            id: 0, identifier: '', name: '', emailAddress: '', inactiveFlag: false, excludedServiceBoardIds: [], blockPriceFlag: false, blockCostFlag: false,
            ...(level ? { structureLevel: ctx.store.renderRef('structureLevel', 'structureLevels', { id: level.id as number }, ctx.apiBase) } : {}),
          };
          return { status: 200, body };
        },
      },
    },
    ...crudRoutes({
      spec: MEMBER,
      base: '/system/members',
      methods: { list: true, create: true, get: true, put: true, patch: true, count: true },
    }),
    {
      template: '/system/members/{memberIdentifier}',
      handlers: {
        GET: (ctx) => {
          const row = ctx.store.memberByIdentifier(ctx.params.memberIdentifier ?? '');
          if (!row) throw notFound(`member '${ctx.params.memberIdentifier ?? ''}'`);
          return itemResponse(ctx, ctx.store.render(MEMBER, row, ctx.apiBase), knownFieldsOf(MEMBER));
        },
      },
    },
    {
      template: '/system/members/{id}/deactivate',
      handlers: {
        // [INF] status: the spec says 200 without a body schema; the simulator answers 200 with no body.
        POST: (ctx) => {
          ctx.store.deactivateMember(intParam(ctx, 'id'), ctx.caller?.identifier ?? 'unknown');
          return { status: 200 };
        },
      },
    },
    {
      template: '/system/members/{memberIdentifier}/tokens',
      handlers: { POST: (ctx) => ({ status: 200, body: ctx.store.createToken(ctx.params.memberIdentifier ?? '') }) },
    },
  ];
}
