// Reads the PSA back to learn whether a guided step came true: role levels through the settings API,
// customize lists through mySecurity/customizeItems with a member's own keys, a new API key by calling the
// API with it (system/info, system/mySecurity). Read-only; never writes to the PSA, state or console.
// Rows are matched by the one alias-aware matcher (catalogue/find-function.ts) and Table Setup items through the
// live screens, exactly as plan read them: a step plan sees as done is never left pending here.
import { canonicalFunctionKey } from '../catalogue/find-function.js';
import { buildScreenIndex, setupScreenKey } from '../catalogue/find-setup-screen.js';
import type { CustomizeIdentifier, Level, LevelKind } from '../catalogue/types.js';
import type { LevelCell } from '../model/operation.js';
import type { CallOptions, PsaClient } from '../psa/client.js';
import { readLiveLevel } from '../psa/read-live-level.js';
import type { SecurityRoleSetting } from '../psa/types.js';

const LEVEL_FIELD: Record<LevelKind, 'addLevel' | 'editLevel' | 'deleteLevel' | 'inquireLevel'> = {
  add: 'addLevel',
  edit: 'editLevel',
  delete: 'deleteLevel',
  inquire: 'inquireLevel',
};

/** What verifying a level reads of a settings row (the row id names it in an error). */
const VERIFY_SETTING_FIELDS = ['id', 'moduleName', 'moduleFunctionName', 'addLevel', 'editLevel', 'deleteLevel', 'inquireLevel'];

const norm = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The read readCellLevels makes of a role's settings. One request per role, unfiltered: a module filter would need
 * the PSA's spelling of the module, which may not be the one the plan shows ("Marketing Reports" for the
 * catalogue's "Marketing / Reports"). Only the fields read here: a full row is three times the bytes
 * (descriptions, identifiers, flags), 200 roles' worth of parsing.
 */
export function readRoleSettings(client: PsaClient, roleId: number, call: CallOptions = {}): Promise<SecurityRoleSetting[]> {
  return client.listRoleSettings(roleId, { ...call, pageSize: 1000, fields: VERIFY_SETTING_FIELDS });
}

/**
 * The live level of each cell (null when the function is not on the role), in the order given. `read`: a
 * readRoleSettings of this role already under way (made after the role was created), used instead of another.
 */
export async function readCellLevels(
  client: PsaClient,
  roleId: number,
  cells: readonly LevelCell[],
  call: CallOptions = {},
  read?: Promise<SecurityRoleSetting[]>,
): Promise<(Level | null)[]> {
  const settings = await (read ?? readRoleSettings(client, roleId, call));
  const byKey = new Map<string, SecurityRoleSetting>();
  for (const row of settings) {
    const key = canonicalFunctionKey(row.moduleName, row.moduleFunctionName);
    if (!byKey.has(key)) byKey.set(key, row);
  }
  return cells.map((cell) => {
    const row = byKey.get(canonicalFunctionKey(cell.module, cell.function));
    if (!row) return null;
    const field = LEVEL_FIELD[cell.kind];
    return readLiveLevel(row[field], () => `role id ${roleId}, ${row.moduleName} / ${row.moduleFunctionName}, ${field} (settings row id ${row.id})`);
  });
}

export interface CustomizeCheck {
  ok: boolean;
  /** Items that should be on the list and are not. */
  missing: string[];
  /** Items that should be off the list and are still on. */
  extra: string[];
}

/** Checks a customize list as the member sees it (its own keys: the only read of these lists there is). */
export async function checkCustomizeItems(
  memberClient: PsaClient,
  list: CustomizeIdentifier,
  add: readonly string[],
  remove: readonly string[],
  call: CallOptions = {},
): Promise<CustomizeCheck> {
  const rows = await memberClient.listMyCustomizeItems({ ...call, conditions: `customizeIdentifier="${list}"` });
  const items = rows.filter((r) => r.customizeIdentifier === list).map((r) => String(r.itemIdentifier));
  // Table Setup items may come as screen ids or names: compare through the live screens, as plan does.
  let keyOf = (item: string): string => norm(item);
  if (list === 'SystemTableSetup') {
    const screens = await memberClient.listSetupScreens({ ...call, fields: ['id', 'category', 'name'] }).catch(() => undefined);
    if (screens) {
      const index = buildScreenIndex(screens);
      keyOf = (item) => {
        const screen = index.find(item);
        return norm(screen ? setupScreenKey(screen) : item);
      };
    }
  }
  const live = new Set(items.map(keyOf));
  const missing = add.filter((item) => !live.has(keyOf(item)));
  const extra = remove.filter((item) => live.has(keyOf(item)));
  return { ok: missing.length === 0 && extra.length === 0, missing, extra };
}

export type KeyCheck = { ok: true; memberId: number | undefined } | { ok: false; reason: string };

/**
 * Calls the API with a new pair: it must authenticate (system/info) and act as the expected member, which
 * system/mySecurity names. When the role is known, the member's live role (read by the admin client) must match.
 */
export async function checkApiKey(
  adminClient: PsaClient,
  keyClient: PsaClient,
  expect: { identifier: string; memberId?: number | undefined; roleName?: string | undefined },
  call: CallOptions = {},
): Promise<KeyCheck> {
  try {
    await keyClient.systemInfo(call);
  } catch (error) {
    return { ok: false, reason: `the key does not authenticate (${shortReason(error)})` };
  }
  let rows;
  try {
    rows = await keyClient.getMySecurity({ ...call, fields: ['id', 'member'] });
  } catch (error) {
    return { ok: false, reason: `system/mySecurity refused the key (${shortReason(error)})` };
  }
  const member = rows[0]?.member;
  if (!member) return { ok: false, reason: 'system/mySecurity returned no member: the key belongs to a member without a security role' };
  const sameMember =
    (member.identifier !== undefined && norm(member.identifier) === norm(expect.identifier)) ||
    (expect.memberId !== undefined && member.id === expect.memberId);
  if (!sameMember) {
    return { ok: false, reason: `the key belongs to member ${member.identifier ?? `#${member.id}`}, not to ${expect.identifier}` };
  }
  if (expect.roleName !== undefined) {
    const live = await adminClient.getApiMember(member.id, call);
    const role = live.securityRole?.name;
    if (role !== undefined && norm(role) !== norm(expect.roleName)) {
      return { ok: false, reason: `member ${expect.identifier} has role ${role}, not ${expect.roleName}` };
    }
  }
  return { ok: true, memberId: member.id };
}

/** A failure's message without anything that could carry a credential. */
function shortReason(error: unknown): string {
  if (error && typeof error === 'object' && 'status' in error && typeof (error as { status?: unknown }).status === 'number') {
    return `HTTP ${(error as { status: number }).status}`;
  }
  return error instanceof Error ? error.message.split('\n')[0] ?? 'error' : 'error';
}
