// Reads the full list of items a Customize list can hold, for the lists some desired role writes as "all except"
// (`tableSetup: {allExcept: [...]}`): every Table Setup screen, every active configuration type. Read-only; reads
// nothing when no role needs it.
import type { CustomizeIdentifier } from '../catalogue/types.js';
import type { DesiredState } from '../model/desired.js';
import type { ListOptions, PsaClient } from './client.js';
import type { SetupScreen } from './types.js';

/** The Table Setup screens, when the caller reads them anyway: the same listing then serves both (one request). */
export type SetupScreensRead = () => Promise<readonly Pick<SetupScreen, 'category' | 'name'>[]>;

/** The lists (of those cwctl can enumerate) some role declares as "all except". */
export function listsNeedingChoices(desired: DesiredState): Set<CustomizeIdentifier> {
  const out = new Set<CustomizeIdentifier>();
  for (const role of desired.roles) for (const id of Object.keys(role.customizeAllExcept ?? {}) as CustomizeIdentifier[]) out.add(id);
  return out;
}

export async function readCustomizeChoices(
  client: PsaClient, desired: DesiredState, base: ListOptions, setupScreens: SetupScreensRead = () => client.listSetupScreens(base),
): Promise<Partial<Record<CustomizeIdentifier, string[]>> | undefined> {
  const lists = listsNeedingChoices(desired);
  if (lists.size === 0) return undefined;
  const out: Partial<Record<CustomizeIdentifier, string[]>> = {};
  const reads: Promise<void>[] = [];
  if (lists.has('SystemTableSetup')) {
    reads.push(setupScreens().then((rows) => {
      out.SystemTableSetup = rows.map((r) => `${r.category} / ${r.name}`);
    }));
  }
  if (lists.has('CompanyConfigurations')) {
    reads.push(client.listConfigurationTypes({ ...base, fields: ['id', 'name', 'inactiveFlag'] }).then((rows) => {
      out.CompanyConfigurations = rows.filter((r) => r.inactiveFlag !== true).map((r) => r.name);
    }));
  }
  await Promise.all(reads);
  return out;
}
