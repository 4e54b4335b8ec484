// Small builders for profile rows, so each profile file reads like its vendor's table.
// They only shape data; which levels a vendor asks for is decided (and commented) in each profile file.

import { getFunction } from '../find-function.js';
import type { FunctionKey, Levels } from '../types.js';

/** "Inquire Level > All", the other columns left at None. */
export const INQUIRE_ALL: Partial<Levels> = { inquire: 'All' };

/** Every column the function offers set to All (a vendor's "set to All" / "All for all levels"). */
export function allOffered(key: FunctionKey): Partial<Levels> {
  const ref = getFunction(key);
  // A key that is not in the catalogue is a data bug in a profile: the profiles test catches it at once.
  if (!ref) throw new Error(`profile row names unknown function ${key}`);
  const out: Partial<Levels> = {};
  for (const column of ['add', 'edit', 'delete', 'inquire'] as const) {
    if (ref.function.offers[column].includes('All')) out[column] = 'All';
  }
  return out;
}
