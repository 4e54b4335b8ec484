// In-process entry point: loads (or seeds and writes) the data file, builds the store, starts the HTTP server on
// loopback and returns its URL, credentials and a close() that flushes pending writes. Used by tests, the
// sandbox and `cwctl sim`. Does not print anything: callers decide what to show.

import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { FaultInjector } from './faults.js';
import { SimDataFileError, loadSimData, saveSimData } from './persist.js';
import { buildSeedData } from './seed.js';
import { createSimServer } from './server.js';
import { SimStats } from './stats.js';
import type { SimCatalogue } from './store.js';
import { SimStore } from './store.js';
import type { SimData } from './store.js';
import { DEFAULT_WORLD, SimWorldError, loadWorld, parseWorld } from './world.js';
import type { SimWorld } from './world.js';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  /** Persist here: loaded when present, else seeded and written. Written atomically after changes. */
  dataFile?: string;
  seed?: number;
  latencyMs?: number;
  jitterMs?: number;
  /** Probability of an injected 500. */
  faultRate?: number;
  /** Probability of an injected 429 (Retry-After) besides the rate limit. */
  throttleRate?: number;
  /** Probability of a dropped connection. */
  dropRate?: number;
  /** Requests per minute per API key before 429; 0/undefined = no limit. */
  rateLimitPerMinute?: number;
  roles?: number;
  members?: number;
  company?: string;
  /** Require the clientId header on API calls (default true; see server.ts). */
  requireClientId?: boolean;
  /** Debounce of data-file writes in ms (default 25); close() always flushes. */
  persistDebounceMs?: number;
  /** Catalogue to seed from (tests); defaults to the real catalogue. */
  catalogue?: SimCatalogue;
  /**
   * The security content to serve instead of the built-in catalogue: a parsed world or the path of a world file
   * (world.ts). A data file remembers its world: loading it with another world is an error.
   */
  world?: SimWorld | string;
  /**
   * Another process may write the data file while this one runs (the sandbox of an `apply --wait` while
   * `cwctl sim operator` plays the checklist on it): re-read it before a request when it changed on disk.
   */
  followDataFile?: boolean;
}

export interface RunningSimulator {
  /** http://127.0.0.1:PORT */
  url: string;
  company: string;
  clientId: string;
  admin: { publicKey: string; privateKey: string; memberIdentifier: string };
  /** The name of the world served ("built-in catalogue" by default). */
  world: string;
  store: SimStore;
  faults: FaultInjector;
  stats: SimStats;
  /** Writes the data file now if anything changed (no-op without dataFile). */
  flush(): void;
  close(): Promise<void>;
}

export const DEFAULT_COMPANY = 'cwctlsim';

/** Identifies one version of a file (mtime, size, inode: an atomic rename gives a new inode); undefined when absent. */
function fileStamp(file: string): string | undefined {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    return undefined;
  }
}
export const DEFAULT_SEED = 1;

/** Refuses option values the simulator cannot honour, naming the option. */
function checkOptions(opts: SimulatorOptions): void {
  for (const k of ['faultRate', 'throttleRate', 'dropRate'] as const) {
    const v = opts[k];
    if (v !== undefined && !(v >= 0 && v <= 1)) throw new RangeError(`startSimulator: ${k} must be a probability from 0 to 1 (got ${v})`);
  }
  for (const k of ['port', 'latencyMs', 'jitterMs', 'rateLimitPerMinute', 'roles', 'members', 'seed'] as const) {
    const v = opts[k];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new RangeError(`startSimulator: ${k} must be a non-negative integer (got ${v})`);
  }
}

/**
 * The world a loaded data file was seeded from (re-validated: the file may have been edited), refusing a --world
 * that differs from it, since role settings are stored by the world's function names.
 */
function worldOfData(data: SimData, file: string, asked: SimWorld | undefined): SimWorld | undefined {
  let stored: SimWorld | undefined;
  try {
    stored = data.world === undefined ? undefined : parseWorld(data.world, 'its world');
  } catch (e) {
    if (e instanceof SimWorldError) throw new SimDataFileError(file, e.message);
    throw e;
  }
  if (asked && JSON.stringify(asked) !== JSON.stringify(stored)) {
    throw new SimDataFileError(file, `was seeded from ${stored ? `the world '${stored.name}'` : 'the built-in catalogue'}, not from the world '${asked.name}'`);
  }
  return stored;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  checkOptions(opts);
  const world = typeof opts.world === 'string' ? loadWorld(opts.world) : opts.world;
  const seed = opts.seed ?? DEFAULT_SEED;
  let data = opts.dataFile ? loadSimData(opts.dataFile) : undefined;
  const fresh = data === undefined;
  const catalogue: SimCatalogue = opts.catalogue ?? (data ? worldOfData(data, opts.dataFile as string, world) : world) ?? DEFAULT_WORLD;
  data ??= buildSeedData({ company: opts.company ?? DEFAULT_COMPANY, seed, ...(opts.roles ? { roles: opts.roles } : {}), ...(opts.members ? { members: opts.members } : {}) }, catalogue);
  if (fresh && world) data.world = world;
  const store = new SimStore(data, catalogue);
  const stats = new SimStats();
  const faults = new FaultInjector({
    latencyMs: opts.latencyMs ?? 0,
    jitterMs: opts.jitterMs ?? 0,
    errorRate: opts.faultRate ?? 0,
    throttleRate: opts.throttleRate ?? 0,
    dropRate: opts.dropRate ?? 0,
    rateLimitPerMinute: opts.rateLimitPerMinute ?? 0,
  }, seed);

  let written = fresh ? -1 : store.version;
  let timer: NodeJS.Timeout | undefined;
  // What the data file was when this simulator last read or wrote it, to tell another process's write from its own.
  let stamp = opts.dataFile && !fresh ? fileStamp(opts.dataFile) : undefined;
  const flush = (): void => {
    if (timer) { clearTimeout(timer); timer = undefined; }
    if (!opts.dataFile || written === store.version) return;
    saveSimData(opts.dataFile, store.data);
    written = store.version;
    stamp = fileStamp(opts.dataFile);
  };
  if (opts.dataFile && fresh) flush();
  const follow = (): void => {
    if (!opts.dataFile || !opts.followDataFile) return;
    const now = fileStamp(opts.dataFile);
    if (now === undefined || now === stamp) return;
    // Changes of its own not yet written win (its client has been told they were made); the next write keeps them.
    if (written !== store.version) return;
    let next: SimData | undefined;
    try {
      next = loadSimData(opts.dataFile);
    } catch {
      return; // half a write from a process that does not write atomically: read it on a later request
    }
    stamp = now;
    // Another sandbox's file (other company or keys) is not this one's world: it is ignored, never served.
    if (!next || next.company !== store.data.company || next.clientId !== store.data.clientId) return;
    store.reload(next);
  };
  const debounce = opts.persistDebounceMs ?? 25;
  const onChange = (): void => {
    if (!opts.dataFile) return;
    if (debounce <= 0) { flush(); return; }
    timer ??= setTimeout(flush, debounce);
  };

  const server = createSimServer({ store, faults, stats, requireClientId: opts.requireClientId ?? true, onChange, beforeRequest: follow });
  server.keepAliveTimeout = 5000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    company: store.data.company,
    clientId: store.data.clientId,
    admin: { ...store.data.bootstrap },
    world: 'name' in catalogue && typeof catalogue.name === 'string' ? catalogue.name : DEFAULT_WORLD.name,
    store,
    faults,
    stats,
    flush,
    close(): Promise<void> {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((err) => {
          try { flush(); } catch (e) { reject(e instanceof Error ? e : new Error(String(e))); return; }
          if (err) reject(err); else resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
