// Routes of the integration mappings and their lookups: /company/managedDevicesIntegrations (+ /info...) with
// the child collections crossReferences, logins and notifications (full CRUD; 404 when the parent is missing;
// the parent reference comes from the URL), /company/configurations/types, /finance/agreements/types and
// /procurement/catalog (full CRUD).

import type { JsonObject } from '../json.js';
import { isJsonObject } from '../json.js';
import { notFound } from '../psa-error.js';
import type { ResourceSpec } from '../resources.js';
import { AGREEMENT_TYPE, CATALOG_ITEM, CONFIGURATION_TYPE, CROSS_REFERENCE, MANAGED_DEVICES_INTEGRATION, MDI_LOGIN, MDI_NOTIFICATION } from '../resources.js';
import type { RouteContext, RouteDef } from '../router.js';
import { intParam } from '../router.js';
import { crudRoutes } from './common.js';

const ALL = { list: true, create: true, get: true, put: true, patch: true, delete: true, count: true } as const;
const MDI = '/company/managedDevicesIntegrations';

function childRoutes(spec: ResourceSpec, name: string): RouteDef[] {
  const parentId = (ctx: RouteContext): number => intParam(ctx, 'parentId');
  return crudRoutes({
    spec,
    base: `${MDI}/{parentId}/${name}`,
    methods: ALL,
    checkParent: (ctx) => {
      if (!ctx.store.get('managedDevicesIntegrations', parentId(ctx))) throw notFound(`managedDevicesIntegration ${parentId(ctx)}`);
    },
    scope: (ctx, row: JsonObject) => isJsonObject(row.managedDevicesIntegration) && row.managedDevicesIntegration.id === parentId(ctx),
    onCreate: (ctx) => ({ managedDevicesIntegration: { id: parentId(ctx) } }),
  });
}

export function companyRoutes(): RouteDef[] {
  return [
    ...crudRoutes({ spec: MANAGED_DEVICES_INTEGRATION, base: MDI, methods: ALL, info: ['id', 'name', 'solution', 'managementItSetupType', '_info'] }),
    ...childRoutes(CROSS_REFERENCE, 'crossReferences'),
    ...childRoutes(MDI_LOGIN, 'logins'),
    ...childRoutes(MDI_NOTIFICATION, 'notifications'),
    ...crudRoutes({ spec: CONFIGURATION_TYPE, base: '/company/configurations/types', methods: ALL }),
    ...crudRoutes({ spec: AGREEMENT_TYPE, base: '/finance/agreements/types', methods: ALL }),
    ...crudRoutes({ spec: CATALOG_ITEM, base: '/procurement/catalog', methods: ALL }),
  ];
}
