// Loads and saves the simulator's data file atomically (temp file in the same directory, fsync, rename,
// then fsync of the directory where the platform allows it), so a crash leaves the old or the new file,
// never half of one. Only file I/O; it does not know the store's rules.

import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, existsSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import type { SimData } from './store.js';
import { SIM_FORMAT_VERSION } from './store.js';

export class SimDataFileError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'SimDataFileError';
  }
}

/** Reads a data file; undefined when it does not exist. Throws SimDataFileError for a file it cannot use. */
export function loadSimData(file: string): SimData | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    throw new SimDataFileError(file, `not valid JSON (${m})`);
  }
  if (parsed === null || typeof parsed !== 'object') throw new SimDataFileError(file, 'expected a JSON object');
  const data = parsed as Partial<SimData>;
  if (data.formatVersion !== SIM_FORMAT_VERSION) {
    throw new SimDataFileError(file, `formatVersion ${JSON.stringify(data.formatVersion ?? null)} is not supported (expected ${SIM_FORMAT_VERSION})`);
  }
  for (const k of ['company', 'bootstrap', 'tables', 'roleLevels', 'roleCustomize', 'apiKeys', 'nextIds'] as const) {
    if (data[k] === undefined) throw new SimDataFileError(file, `missing field '${k}'`);
  }
  data.tokens ??= [];
  return data as SimData;
}

/** Writes text to `file` atomically. */
export function writeFileAtomic(file: string, text: string): void {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, file);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
  try {
    const dfd = openSync(dir, 'r');
    try { fsyncSync(dfd); } finally { closeSync(dfd); }
  } catch {
    // Directory fsync is not possible everywhere (e.g. Windows); the rename is still atomic.
  }
}

export function saveSimData(file: string, data: SimData): void {
  writeFileAtomic(file, `${JSON.stringify(data, null, 1)}\n`);
}
