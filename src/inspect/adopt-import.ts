// Adopts an import into the state lockfile under the state lock: every imported object recorded with its live
// snapshot (so the next plan is empty and drift has a baseline), and each customize list as read, or, where no
// API can read it, as confirmed by the import. Touches only the state dir; never writes a secret.
import { digestOf } from '../model/canonical-json.js';
import type { LiveState } from '../model/live.js';
import type { StateFile } from '../model/state.js';
import { buildStateResources, snapshotCustomize } from '../plan/snapshot.js';
import { acquireLock, currentUser } from '../state/lock.js';
import { assertStateTarget, newStateFile, readStateFile, writeStateFile } from '../state/state-file.js';
import type { ImportResult } from './import-live.js';

export interface AdoptImportOptions {
  stateDir: string;
  target: { site: string; company: string };
  imported: Pick<ImportResult, 'live' | 'addresses' | 'lists'>;
  now: string;
  lockTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface AdoptResult {
  state: StateFile;
  adopted: number;
  /** Lists recorded as confirmed by the import because no API could read them. */
  confirmedLists: number;
}

export async function adoptImport(options: AdoptImportOptions): Promise<AdoptResult> {
  const lock = await acquireLock({
    stateDir: options.stateDir,
    operation: 'import',
    timeoutMs: options.lockTimeoutMs ?? 0,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    const current = (await readStateFile(options.stateDir)) ?? newStateFile(options.target);
    assertStateTarget(current, options.target, options.stateDir);
    const live: LiveState = options.imported.live;
    const resources = { ...current.resources, ...buildStateResources(live, options.imported.addresses, options.now) };
    let confirmedLists = 0;
    for (const list of options.imported.lists) {
      if (list.known) {
        Object.assign(resources, buildStateResources(live, [list.address], options.now));
        continue;
      }
      const applied = snapshotCustomize(list.list, list.items);
      resources[list.address] = {
        kind: 'customize',
        digest: digestOf(applied),
        applied,
        appliedAt: options.now,
        verifiedBy: 'person',
        confirmedBy: { who: `${currentUser()} (cwctl import; the PSA API cannot read this list)`, at: options.now },
      };
      confirmedLists++;
    }
    const state = await writeStateFile(options.stateDir, { ...current, resources });
    return { state, adopted: options.imported.addresses.length + options.imported.lists.length, confirmedLists };
  } finally {
    await lock.release();
  }
}
