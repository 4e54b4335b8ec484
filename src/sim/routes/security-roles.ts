// Routes of /system/securityroles (GET, POST, GET/DELETE by id, /count, /info...), the read-only role settings
// under /system/securityRoles/{parentId}/settings, and /system/mySecurity (+ /customizeItems/) for the caller.
// No PUT/PATCH on roles and no writes on settings: the public API has none, so the server answers 405.

import type { JsonObject } from '../json.js';
import { isJsonObject } from '../json.js';
import { notFound } from '../psa-error.js';
import { SECURITY_ROLE } from '../resources.js';
import type { RouteContext, RouteDef } from '../router.js';
import { intParam } from '../router.js';
import { countResponse, crudRoutes, itemResponse, listResponse } from './common.js';

const SETTING_FIELDS = new Set([
  'id', 'addlevel', 'editlevel', 'deletelevel', 'inquirelevel', 'modulefunctionname', 'modulefunctiondescription', 'myallflag',
  'modulefunctionidentifier', 'reportflag', 'restrictflag', 'customflag', 'moduledescription', 'moduleidentifier', 'modulename', 'sortorder', '_info',
]);
const MY_SECURITY_FIELDS = new Set([...SETTING_FIELDS, 'member']);
const CUSTOMIZE_FIELDS = new Set(['id', 'customizeidentifier', 'itemidentifier']);

function settingsOf(ctx: RouteContext): JsonObject[] {
  const roleId = intParam(ctx, 'parentId');
  if (!ctx.store.get('securityRoles', roleId)) throw notFound(`securityRole ${roleId}`);
  return ctx.store.roleSettings(roleId);
}

function callerRoleId(ctx: RouteContext): number | undefined {
  const member = ctx.caller ? ctx.store.get('members', ctx.caller.memberId) : undefined;
  const ref = member?.securityRole;
  return isJsonObject(ref) && typeof ref.id === 'number' ? ref.id : undefined;
}

function mySecurityRows(ctx: RouteContext): JsonObject[] {
  const roleId = callerRoleId(ctx);
  if (roleId === undefined || !ctx.store.get('securityRoles', roleId) || !ctx.caller) return [];
  const member = ctx.store.get('members', ctx.caller.memberId) as JsonObject;
  const memberRef = ctx.store.renderRef('member', 'members', { id: member.id as number }, ctx.apiBase);
  return ctx.store.roleSettings(roleId).map((s) => {
    const { _info, ...rest } = s;
    return { ...rest, member: memberRef, ...(_info !== undefined ? { _info } : {}) };
  });
}

export function securityRoleRoutes(): RouteDef[] {
  return [
    ...crudRoutes({
      spec: SECURITY_ROLE,
      base: '/system/securityroles',
      methods: { list: true, create: true, get: true, delete: true, count: true },
      info: ['id', 'name', 'roleType', 'inactiveFlag', '_info'],
      afterCreate: (ctx, row) => ctx.store.initRoleSecurity(row.id as number),
    }),
    { template: '/system/securityRoles/{parentId}/settings', handlers: { GET: (ctx) => listResponse(ctx, settingsOf(ctx), SETTING_FIELDS) } },
    { template: '/system/securityRoles/{parentId}/settings/count', handlers: { GET: (ctx) => countResponse(ctx, settingsOf(ctx), SETTING_FIELDS) } },
    {
      template: '/system/securityRoles/{parentId}/settings/{id}',
      handlers: {
        GET: (ctx) => {
          const row = settingsOf(ctx).find((s) => s.id === intParam(ctx, 'id'));
          if (!row) throw notFound(`securityRoleSetting ${ctx.params.id ?? ''}`);
          return itemResponse(ctx, row, SETTING_FIELDS);
        },
      },
    },
    { template: '/system/mySecurity', handlers: { GET: (ctx) => listResponse(ctx, mySecurityRows(ctx), MY_SECURITY_FIELDS) } },
    {
      template: '/system/mySecurity/customizeItems',
      handlers: {
        GET: (ctx) => {
          const roleId = callerRoleId(ctx);
          const rows = roleId === undefined || !ctx.store.get('securityRoles', roleId) ? [] : ctx.store.customizeItems(roleId);
          return listResponse(ctx, rows, CUSTOMIZE_FIELDS);
        },
      },
    },
  ];
}
