// The reads of a plan that need nothing from the desired state (discovery, the role list, the caller), started
// before the YAML is loaded, and the fields a live read asks for. Its own small module so a command can send
// these before the rest of the live read, the catalogue and the YAML loader have been loaded at all.
import type { ListOptions, PsaClient } from './client.js';
import type { SecurityRole } from './types.js';

export const ROLE_FIELDS = ['id', 'name', 'roleType', 'adminFlag', 'inactiveFlag', '_info'];
/** What a plan needs of a setting row: a third of the bytes of the full row (descriptions, flags, identifiers). */
export const SETTING_FIELDS = [
  'id', 'moduleName', 'moduleFunctionName', 'addLevel', 'editLevel', 'deleteLevel', 'inquireLevel', 'myAllFlag', 'customFlag', '_info',
];

/** The identifier of the member whose keys the client uses (GET /system/mySecurity, one field: one row is enough). */
export function readCaller(client: PsaClient, base: ListOptions): Promise<string | undefined> {
  return client.getMySecurity({ ...base, fields: ['member'] }).then((rows) => rows.find((row) => row.member?.identifier)?.member?.identifier);
}

/** The reads of a plan that need nothing from the desired state. */
export interface LivePrefetch {
  roles: Promise<SecurityRole[]>;
  caller: Promise<string | undefined>;
  /** The client's request count when the reads began: readLiveState counts its requests from here (a plan says how many it made). */
  requestsBefore: number;
}

/**
 * Starts the reads that need nothing from the YAML (discovery, the role list, the caller) so they travel while
 * the desired state is still being parsed and validated; readLiveState then takes them (option `prefetch`).
 * A failure surfaces where readLiveState awaits it, never as an unhandled rejection.
 */
export function prefetchLiveState(client: PsaClient, options: { signal?: AbortSignal } = {}): LivePrefetch {
  const base: ListOptions = options.signal ? { signal: options.signal } : {};
  const requestsBefore = client.requestCount();
  const roles = client.listSecurityRoles({ ...base, fields: ROLE_FIELDS });
  const caller = readCaller(client, base);
  roles.catch(() => undefined);
  caller.catch(() => undefined);
  return { roles, caller, requestsBefore };
}
