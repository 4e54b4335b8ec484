// The head start of a plan: its first reads are sent before yargs, the command's modules and the YAML loader have
// been loaded (about a third of a second), when the command line is a plain `plan`, `drift` or `apply` and the PSA
// comes from CWCTL_SITE (no file of the desired state has a `psa:` line). It opens the target, sends the reads that need
// nothing from the YAML (discovery, the role list, the caller) and, from a quick look at the files' lines
// (scan-role-names.ts), the settings of the roles they declare. loadPlanContext takes these over only when its own
// options came out the same (file, credentials file, timeout, parallelism, signal); otherwise they are closed and
// it opens the target itself, as it would have. A wrong guess here costs a few read-only requests, never a result.
// An apply plans under the state lock: it starts early only when no lock is held, and uses what was read only if
// the state file is the very one it was when the reads began (stateUnchanged), so no other apply ran in between.
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_DEPTH, MAX_FILE_BYTES } from '../config/load-limits.js';
import { LOCK_FILE_NAME } from '../state/lock.js';
import { STATE_FILE_NAME } from '../state/state-file.js';
import { scanRoleNames } from '../config/scan-role-names.js';
import type { LivePrefetch } from '../psa/prefetch-live-state.js';
import { prefetchLiveState } from '../psa/prefetch-live-state.js';
import type { OpenedTarget } from './open-target.js';
import { openTarget } from './open-target.js';
import type { ClientOptions } from './request-timeout.js';
import { clientOptionsOf } from './request-timeout.js';
import type { SettingsPrefetch } from './settings-prefetch.js';
import { prefetchRoleSettings } from './settings-prefetch.js';

export interface EarlyReads {
  opened: OpenedTarget;
  prefetch: LivePrefetch;
  settings: SettingsPrefetch;
  /** When the reads began (Date.now()). */
  startedAt: number;
  /** Whether the state file is the one it was when the reads began (an apply asks under the lock). */
  stateUnchanged(): Promise<boolean>;
}

/** What the early reads were made for: they are used only by a run whose options are these. */
export interface EarlyKey {
  file: string;
  stateDir: string;
  credentialsFile: string | undefined;
  client: ClientOptions;
  signal: AbortSignal | undefined;
  env: NodeJS.ProcessEnv;
}

/** The commands that read the live PSA for a plan first thing. */
const EARLY_COMMANDS = new Set(['plan', 'drift', 'apply']);

/** Options of plan, drift and apply that take a value (besides the ones read above). */
const VALUE_OPTIONS = ['format', 'out', 'target', 'exclude', 'new-keys', 'keys-out', 'checklist-out', 'timeout', 'lock-timeout', 'who', 'confirm', 'serve'];

/** What identifies the state file's content without reading it: an atomic write makes a new file (inode). */
async function stateStamp(stateDir: string): Promise<string> {
  try {
    const info = await stat(join(stateDir, STATE_FILE_NAME));
    return `${info.ino}:${info.size}:${info.mtimeMs}`;
  } catch {
    return 'none';
  }
}

let started: { key: EarlyKey; reads: Promise<EarlyReads | undefined> } | undefined;

/** At most this many files, and bytes in all, are looked at early (more takes the normal path). */
const MAX_EARLY_FILES = 64;
const MAX_EARLY_BYTES = 16 * 1024 * 1024;

/** The desired-state files' texts, or undefined when they may name a PSA (`psa:`), are too large or cannot be read. */
async function readTargetlessFiles(path: string): Promise<string[] | undefined> {
  try {
    const info = await stat(path);
    const files = info.isFile() ? [path] : (await readdir(path)).filter((f) => /\.ya?ml$/i.test(f)).sort().map((f) => join(path, f));
    if (files.length > MAX_EARLY_FILES) return undefined;
    const texts: string[] = [];
    let total = 0;
    for (const f of files) {
      // The loader's own cap, checked before reading (the loader says why such a file is refused).
      const { size } = await stat(f);
      total += size;
      if (size > MAX_FILE_BYTES || total > MAX_EARLY_BYTES) return undefined;
      const read = await readFile(f, 'utf8');
      // As the loader reads it: without a byte-order mark (so the parse started early is found by its text).
      const text = read.charCodeAt(0) === 0xfeff ? read.slice(1) : read;
      if (/^["']?psa["']?\s*:/m.test(text) || /^\s*\{/.test(text)) return undefined;
      texts.push(text);
    }
    return texts;
  } catch {
    return undefined;
  }
}

/**
 * Opens the target and starts the reads that need nothing from the YAML, when the target comes from CWCTL_SITE and
 * no file may name another. Anything that goes wrong here (no keys, say) is left for the normal path to report after
 * the YAML's own diagnostics: this returns undefined.
 */
export async function openEarly(key: EarlyKey, options: { debugLog?: (line: string) => void } = {}): Promise<EarlyReads | undefined> {
  const { env, signal } = key;
  if (!env.CWCTL_SITE || !env.CWCTL_COMPANY) return undefined;
  // Another run holds the state lock (an apply under way): what it changes would make these reads stale.
  if (existsSync(join(key.stateDir, LOCK_FILE_NAME))) return undefined;
  const startedAt = Date.now();
  const stamp = await stateStamp(key.stateDir);
  const texts = await readTargetlessFiles(key.file);
  if (!texts) return undefined;
  try {
    // No state dir: it serves only the sandbox, which a CWCTL_SITE target is not.
    const opened = await openTarget({
      psa: undefined, stateDir: '', codebaseCacheDir: key.stateDir, credentialsFile: key.credentialsFile, env, clientOptions: key.client,
      ...(options.debugLog ? { debugLog: options.debugLog } : {}),
    });
    const reads = {
      opened, prefetch: prefetchLiveState(opened.client, signal ? { signal } : {}), settings: prefetchRoleSettings(opened.client, signal), startedAt,
      stateUnchanged: async () => (await stateStamp(key.stateDir)) === stamp,
    };
    // The declared roles' settings as soon as the role list is in, before the YAML is even parsed.
    reads.settings.start(texts.flatMap(scanRoleNames), reads.prefetch.roles);
    // And the parse of a large file, on a worker thread while this one loads the rest of the command.
    const { startParse } = await import('../config/parse-off-thread.js');
    for (const text of texts) startParse(text, MAX_DEPTH);
    return reads;
  } catch {
    return undefined;
  }
}

/** The global options of a plain plan/drift command line, or undefined for anything else (help, a saved plan, --debug). */
export function earlyKeyOf(argv: readonly string[], env: NodeJS.ProcessEnv, signal: () => AbortSignal): EarlyKey | undefined {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        file: { type: 'string', short: 'f' }, 'credentials-file': { type: 'string' }, 'request-timeout': { type: 'string' },
        parallelism: { type: 'string' }, debug: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' },
        'state-dir': { type: 'string' }, 'refresh-only': { type: 'boolean' },
        // The other options that take a value, so their values are not taken for positionals.
        ...Object.fromEntries(VALUE_OPTIONS.map((name) => [name, { type: 'string', multiple: true }])),
      },
      strict: false,
      allowPositionals: true,
    });
    const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    // The command and nothing else: a second word (a saved plan for apply, a stray value) takes the normal path.
    if (positionals.length !== 1 || !EARLY_COMMANDS.has(positionals[0] ?? '') || values.help !== undefined || values.version !== undefined) return undefined;
    // A debug run logs every request from its first: it takes the normal path.
    if (values.debug !== undefined || env.CWCTL_LOG?.trim().toLowerCase() === 'debug') return undefined;
    // An apply of a saved plan (a positional, refused above), or recording drift only, takes the normal path.
    if (values['refresh-only'] !== undefined) return undefined;
    return {
      file: text(values.file) ?? 'cwctl.yaml',
      stateDir: text(values['state-dir']) ?? env.CWCTL_STATE_DIR ?? '.cwctl',
      credentialsFile: text(values['credentials-file']),
      client: clientOptionsOf({ requestTimeout: text(values['request-timeout']), parallelism: text(values.parallelism) }, env),
      // Asked for only here: it installs the Ctrl-C handler, which a command that never asks for it must not get.
      signal: signal(),
      env,
    };
  } catch {
    return undefined;
  }
}

/**
 * main.ts, before the app is loaded: starts the early reads of this command line, if it is one they suit. Resolves
 * once they are on their way (nothing here waits on the network).
 */
export async function startEarly(argv: readonly string[], env: NodeJS.ProcessEnv, signal: () => AbortSignal): Promise<void> {
  const key = earlyKeyOf(argv, env, signal);
  if (!key) return;
  const reads = openEarly(key);
  started = { key, reads };
  await reads;
}

const sameKey = (a: EarlyKey, b: EarlyKey): boolean =>
  a.file === b.file && a.stateDir === b.stateDir && a.credentialsFile === b.credentialsFile && a.signal === b.signal && a.env === b.env &&
  a.client.requestTimeoutMs === b.client.requestTimeoutMs && a.client.maxConnections === b.client.maxConnections;

/** The early reads started for exactly these options (handed over once), else undefined; others are closed. */
export async function takeEarly(key: EarlyKey): Promise<EarlyReads | undefined> {
  const mine = started;
  started = undefined;
  if (!mine) return undefined;
  const reads = await mine.reads;
  if (reads && sameKey(mine.key, key)) return reads;
  await reads?.opened.close();
  return undefined;
}
