// Plan's head start on the slowest part of its live read: the settings of every declared role (one request per
// role, most of a plan's requests). They are asked for as soon as the role list has arrived and the names are
// known (first from a look at the files' lines, early-start.ts; then from the parsed YAML), while the YAML is
// parsed, checked and normalized, and handed to readLiveState when it asks for the same role with the same
// options. Only names the files declare are read, matched to the live list as readLiveState matches them
// (exactly, else ignoring case), so it sends no request readLiveState would not send; an invalid file stops the
// plan, and what was read ahead is dropped.
import type { ListOptions, PsaClient } from '../psa/client.js';
import { SETTING_FIELDS } from '../psa/prefetch-live-state.js';
import type { SecurityRole, SecurityRoleSetting } from '../psa/types.js';

export interface SettingsPrefetch {
  /** The client to hand to readLiveState: its listRoleSettings answers from what was read ahead. */
  client: PsaClient;
  /** Reads ahead the settings of these declared roles once the role list is in (a role at most once, however often asked). */
  start(roleNames: readonly string[], roles: Promise<SecurityRole[]>): void;
}

/**
 * At most this many roles are read ahead. Their raw rows wait, unconverted, until readLiveState takes them, and
 * now that the early start sends them before the YAML is even parsed they wait longer: at 128, a 2,000-role plan
 * peaked at about 220 MB; at 64, 196 MB, with the 200-role plan's time the same (A/B, 2,847 vs 2,798 ms). 64 is
 * eight rounds of the default bound, more than the checks of a large file take.
 */
export const MAX_READ_AHEAD = 64;

const options = (signal: AbortSignal | undefined): ListOptions => ({ ...(signal ? { signal } : {}), pageSize: 1000, fields: SETTING_FIELDS });

/** Whether readLiveState asks with the options the read ahead used (else it goes to the PSA itself). */
function sameRead(asked: ListOptions | undefined, signal: AbortSignal | undefined): boolean {
  return asked !== undefined && asked.pageSize === 1000 && asked.signal === signal && asked.conditions === undefined &&
    asked.fields?.length === SETTING_FIELDS.length && asked.fields.every((f, i) => f === SETTING_FIELDS[i]);
}

export function prefetchRoleSettings(client: PsaClient, signal: AbortSignal | undefined): SettingsPrefetch {
  const ahead = new Map<number, Promise<SecurityRoleSetting[]>>();
  // Every role read ahead, handed over or not: start() is called twice (names scanned from the files' lines, then
  // the parsed names), and a role readLiveState already took must not be read ahead again.
  const requested = new Set<number>();
  const listRoleSettings = (roleId: number, asked?: ListOptions): Promise<SecurityRoleSetting[]> => {
    const read = sameRead(asked, signal) ? ahead.get(roleId) : undefined;
    // Handed over once: a later read of the same role (after a write) goes to the PSA.
    if (read) ahead.delete(roleId);
    return read ?? client.listRoleSettings(roleId, asked);
  };
  const wrapped = new Proxy(client, {
    get(target, property) {
      if (property === 'listRoleSettings') return listRoleSettings;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    client: wrapped,
    start(roleNames, roles) {
      roles.then((rows) => {
        const byName = new Map<string, SecurityRole>();
        for (const r of rows) if (!byName.has(r.name)) byName.set(r.name, r);
        const lower = new Map<string, SecurityRole>(rows.map((r) => [r.name.toLowerCase(), r]));
        for (const name of roleNames) {
          const role = byName.get(name) ?? lower.get(name.toLowerCase());
          if (!role || requested.has(role.id)) continue;
          if (ahead.size >= MAX_READ_AHEAD) break;
          requested.add(role.id);
          const read = client.listRoleSettings(role.id, options(signal));
          // Awaited by readLiveState if it asks; a failure it never asks about must not be an unhandled rejection.
          read.catch(() => undefined);
          ahead.set(role.id, read);
        }
      }, () => undefined);
    },
  };
}
