// The simulator's own endpoints under /__sim (NOT part of the PSA API): the screens a person uses in the PSA
// (role levels, Table Setup and other Customize lists, role rename, API keys of a member), fault control
// and request statistics. They need no PSA auth; they stand for the person at the screen.

import type { CustomizeIdentifier } from '../../catalogue/types.js';
import type { FaultInjector } from '../faults.js';
import { checkFaultConfig } from '../faults.js';
import type { JsonObject } from '../json.js';
import { jsonObjectOf } from '../json.js';
import { notFound, psaError } from '../psa-error.js';
import { SECURITY_ROLE } from '../resources.js';
import type { RouteContext, RouteDef } from '../router.js';
import { intParam } from '../router.js';
import type { SimStats } from '../stats.js';

export interface SimControl {
  faults: FaultInjector;
  stats: SimStats;
}

function apiMemberId(ctx: RouteContext): number {
  const id = intParam(ctx, 'id');
  const row = ctx.store.get('members', id);
  if (!row) throw notFound(`member ${id}`);
  return id;
}

const INDEX = {
  note: 'Simulator-only endpoints: NOT part of the ConnectWise PSA API. They stand for a person at the PSA screens and need no auth.',
  api: '/v4_6_release/apis/3.0/ (or /vYYYY_N/apis/3.0/) with Basic company+public:private and a clientId header',
  endpoints: [
    'GET|PUT /__sim/ui/securityRoles/{id}/settings  body [{moduleName, moduleFunctionName, addLevel?, editLevel?, deleteLevel?, inquireLevel?}]',
    'GET|PUT /__sim/ui/securityRoles/{id}/tableSetup  body ["Category / Name", ...]',
    'GET /__sim/ui/securityRoles/{id}/customize; GET|PUT /__sim/ui/securityRoles/{id}/customize/{customizeIdentifier}',
    'PUT /__sim/ui/securityRoles/{id}  body {name?, roleType?, adminFlag?, inactiveFlag?}',
    'GET|POST /__sim/ui/apiMembers/{id}/apiKeys  body {description}; DELETE /__sim/ui/apiMembers/{id}/apiKeys/{keyId}',
    'GET|PUT /__sim/faults; GET /__sim/stats; POST /__sim/stats/reset',
  ],
};

export function simUiRoutes(control: SimControl): RouteDef[] {
  return [
    { template: '/__sim', handlers: { GET: () => ({ status: 200, body: INDEX }) } },
    {
      template: '/__sim/ui/securityRoles/{id}/settings',
      handlers: {
        GET: (ctx) => ({ status: 200, body: ctx.store.roleSettings(intParam(ctx, 'id')) }),
        PUT: (ctx) => ({ status: 200, body: ctx.store.setRoleLevels(intParam(ctx, 'id'), ctx.body) }),
      },
    },
    {
      template: '/__sim/ui/securityRoles/{id}/tableSetup',
      handlers: {
        GET: (ctx) => { ctx.store.role(intParam(ctx, 'id')); return { status: 200, body: ctx.store.customizeOf(intParam(ctx, 'id')).SystemTableSetup ?? [] }; },
        PUT: (ctx) => ({ status: 200, body: ctx.store.setRoleCustomize(intParam(ctx, 'id'), 'SystemTableSetup', ctx.body) }),
      },
    },
    {
      template: '/__sim/ui/securityRoles/{id}/customize',
      handlers: { GET: (ctx) => { ctx.store.role(intParam(ctx, 'id')); return { status: 200, body: ctx.store.customizeOf(intParam(ctx, 'id')) as JsonObject }; } },
    },
    {
      template: '/__sim/ui/securityRoles/{id}/customize/{customizeIdentifier}',
      handlers: {
        GET: (ctx) => {
          ctx.store.role(intParam(ctx, 'id'));
          const cid = (ctx.params.customizeIdentifier ?? '') as CustomizeIdentifier;
          return { status: 200, body: ctx.store.customizeOf(intParam(ctx, 'id'))[cid] ?? [] };
        },
        PUT: (ctx) => ({ status: 200, body: ctx.store.setRoleCustomize(intParam(ctx, 'id'), (ctx.params.customizeIdentifier ?? '') as CustomizeIdentifier, ctx.body) }),
      },
    },
    {
      template: '/__sim/ui/securityRoles/{id}',
      handlers: { PUT: (ctx) => ({ status: 200, body: ctx.store.render(SECURITY_ROLE, ctx.store.updateRoleFromUi(intParam(ctx, 'id'), ctx.body), ctx.apiBase) }) },
    },
    {
      template: '/__sim/ui/apiMembers/{id}/apiKeys',
      handlers: {
        GET: (ctx) => ({ status: 200, body: ctx.store.listApiKeys(apiMemberId(ctx)) }),
        POST: (ctx) => {
          const body = ctx.body as { description?: unknown } | undefined;
          return { status: 201, body: ctx.store.createApiKey(apiMemberId(ctx), body?.description) };
        },
      },
    },
    {
      template: '/__sim/ui/apiMembers/{id}/apiKeys/{keyId}',
      handlers: { DELETE: (ctx) => { ctx.store.deleteApiKey(apiMemberId(ctx), intParam(ctx, 'keyId')); return { status: 204 }; } },
    },
    {
      template: '/__sim/faults',
      handlers: {
        GET: () => ({ status: 200, body: jsonObjectOf(control.faults.config) }),
        PUT: (ctx) => {
          const r = checkFaultConfig(ctx.body);
          if ('error' in r) throw psaError(400, 'InvalidRequest', `faults: ${r.error}`);
          return { status: 200, body: jsonObjectOf(control.faults.update(r.config)) };
        },
      },
    },
    { template: '/__sim/stats', handlers: { GET: () => ({ status: 200, body: jsonObjectOf(control.stats.snapshot()) }) } },
    { template: '/__sim/stats/reset', handlers: { POST: () => { control.stats.reset(); return { status: 204 }; } } },
  ];
}
