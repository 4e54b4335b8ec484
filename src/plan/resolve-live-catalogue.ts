// Checks the desired state against what the live PSA says exists, and rewrites its names to the live ones:
// permission keys to the functions the PSA lists (through the one matcher, catalogue/find-function.ts), Table Setup
// items to the screens GET /system/setupScreens lists ("Category / Name" as the PSA spells them). The built-in
// catalogue is only a guess: here a name is an error (exit 3) only when the live PSA disagrees, with a did-you-mean
// from the live names. Pure; a LiveState without a live catalogue (built by hand) passes through unchanged.
import { buildFunctionIndex, compareFunctionKeys } from '../catalogue/find-function.js';
import type { FunctionIndex } from '../catalogue/find-function.js';
import { buildScreenIndex, setupScreenKey } from '../catalogue/find-setup-screen.js';
import { LEVEL_KINDS } from '../catalogue/types.js';
import type { FunctionKey, Levels } from '../catalogue/types.js';
import { didYouMean, suggestName } from '../config/suggest.js';
import { customizeAddress, roleAddress, settingAddress } from '../model/address.js';
import type { DesiredRole, DesiredState } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { LiveState } from '../model/live.js';

export interface ResolvedCatalogue {
  /** The desired state in the live PSA's names (the same object when nothing needed renaming). */
  desired: DesiredState;
  diagnostics: Diagnostic[];
}

const isNone = (l: Levels): boolean => LEVEL_KINDS.every((k) => l[k] === 'None');

/**
 * Every key a function the live PSA lists under that very key, in catalogue order (strictly: keys are unique):
 * what the general path would keep as it is.
 */
function livesInOrder(keys: readonly string[], functions: Readonly<Record<string, unknown>>): boolean {
  let previous: string | undefined;
  for (const key of keys) {
    // "__proto__" (a key JSON.parse can make) is not copied by the general path's `permissions[key] =`: left to it.
    if (key === '__proto__' || !functions[key]) return false;
    if (previous !== undefined && compareFunctionKeys(previous, key) >= 0) return false;
    previous = key;
  }
  return true;
}

/** The same keys in the same order, each with the very same levels object. */
function sameEntries(a: Readonly<Record<string, Levels>>, b: Readonly<Record<string, Levels>>): boolean {
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key !== others[i] || a[key] !== b[key]) return false;
  }
  return true;
}

export function resolveLiveCatalogue(desired: DesiredState, live: LiveState): ResolvedCatalogue {
  const catalogue = live.catalogue;
  if (!catalogue) return { desired, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const functionKeys = Object.keys(catalogue.functions);
  // Built only when a key is not a live function's own (a typo, an alias, another spelling): an import plans without it.
  let index: FunctionIndex | undefined;
  const functions = (): FunctionIndex => (index ??= buildFunctionIndex(functionKeys));
  const screens = catalogue.setupScreens ? buildScreenIndex(catalogue.setupScreens) : undefined;
  // The last key list found live and in order: the roles of one file list the same functions alike, checked once.
  let inOrder: readonly string[] = [];
  const keysInOrder = (keys: readonly string[]): boolean => {
    if (keys.length === inOrder.length && keys.every((k, i) => k === inOrder[i])) return true;
    if (!livesInOrder(keys, catalogue.functions)) return false;
    inOrder = keys;
    return true;
  };
  const roles = desired.roles.map((role): DesiredRole => {
    if (role.external) return role;
    const where = role.source ? { source: role.source } : {};
    /** My where the PSA offers none: an error at this function of the role. */
    const checkMy = (key: FunctionKey, levels: Levels): void => {
      if (levels.add !== 'My' && levels.edit !== 'My' && levels.delete !== 'My' && levels.inquire !== 'My') return;
      if (catalogue.functions[key]?.myAllFlag !== false) return;
      const my = LEVEL_KINDS.filter((k) => levels[k] === 'My');
      diagnostics.push({
        severity: 'error', code: 'level-not-offered', address: settingAddress(role.name, key), ...where,
        summary: `role '${role.name}': the PSA offers no My level for ${key} (${my.join(', ')}: My)`,
        hint: 'use None or All for this function (its myAllFlag is false in the PSA)',
      });
    };
    let permissions = role.permissions;
    const keys = Object.keys(role.permissions);
    if (functionKeys.length > 0 && keysInOrder(keys)) {
      // The usual case (what import writes): every key is a live function's own, in catalogue order. Nothing to
      // rename or reorder, so the role keeps its own object, as the general path below would conclude.
      for (const key of keys) checkMy(key, role.permissions[key]!);
    } else if (functionKeys.length > 0) {
      permissions = {};
      for (const [key, levels] of Object.entries(role.permissions)) {
        const found = catalogue.functions[key] ? { kind: 'found' as const, key } : functions().find(key);
        if (found.kind === 'found') {
          checkMy(found.key, levels);
          const had = permissions[found.key];
          // Two spellings of one function: the one that grants something wins (the validator warned of the pair).
          if (!had || isNone(had)) permissions[found.key] = levels;
          continue;
        }
        // The catalogue fills every function it knows with None; one this PSA lacks is simply not there.
        if (isNone(levels)) continue;
        if (found.kind === 'ambiguous') {
          diagnostics.push({
            severity: 'error', code: 'ambiguous-function', address: roleAddress(role.name), ...where,
            summary: `role '${role.name}': '${key}' names several functions of the PSA`,
            hint: `name the module: ${found.candidates.map((c) => `'${c}'`).join(', ')}`,
          });
          continue;
        }
        diagnostics.push({
          severity: 'error', code: 'unknown-function', address: roleAddress(role.name), ...where,
          summary: `role '${role.name}': the PSA has no function '${key}'`,
          hint: didYouMean(suggestName(key, functions().keys())) ?? 'cwctl import writes the functions this PSA lists',
        });
      }
      permissions = Object.fromEntries(Object.entries(permissions).sort(([a], [b]) => compareFunctionKeys(a, b)));
      // Nothing renamed or reordered: the role keeps its own object, so a plan of 2,000 roles does not hold a
      // second copy of every grid for as long as the plan lives.
      if (sameEntries(permissions, role.permissions)) permissions = role.permissions;
    }
    const tables = role.customize.SystemTableSetup;
    if (!screens || tables === undefined) return permissions === role.permissions ? role : { ...role, permissions };
    const items: string[] = [];
    const liveItems = live.roles[role.name]?.customize?.SystemTableSetup ?? [];
    for (const item of tables) {
      const screen = screens.find(item);
      if (screen || liveItems.includes(item)) {
        // An item naming no screen that the role's live list holds exactly as written is the PSA's own spelling
        // (read raw, with a warning): it matches itself, so an import plans clean.
        const key = screen ? setupScreenKey(screen) : item;
        if (!items.includes(key)) items.push(key);
        continue;
      }
      diagnostics.push({
        severity: 'error', code: 'unknown-table', address: customizeAddress(role.name, 'SystemTableSetup'), ...where,
        summary: `role '${role.name}': the PSA has no Table Setup screen '${item}'`,
        hint: didYouMean(suggestName(item, screens.keys())) ?? 'GET /system/setupScreens (Setup Tables in the PSA) lists them',
      });
    }
    return { ...role, permissions, customize: { ...role.customize, SystemTableSetup: items } };
  });
  return { desired: { ...desired, roles }, diagnostics };
}
