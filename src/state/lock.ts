// The state lock: an exclusive create of .cwctl/state.lock holding {id, operation, who, host, pid, createdAt},
// so two applies never write one state. Waits up to a timeout with backoff, then fails (exit 5) naming the
// holder; a lock whose process is gone on this host is reported as stale with the command that clears it.
// Never removes a lock it does not hold, except through forceUnlock with the lock's id.
import { randomUUID } from 'node:crypto';
import { unlinkSync, readFileSync } from 'node:fs';
import { link, open, readFile, unlink } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { CwctlError, ExitCode } from '../errors.js';
import { sleep } from '../sleep.js';
import type { LockInfo } from '../model/state.js';
import { removeStaleTempFiles } from './atomic-write.js';
import { ensureStateDir } from './ensure-state-dir.js';

export const LOCK_FILE_NAME = 'state.lock';
export const lockFilePath = (stateDir: string): string => join(stateDir, LOCK_FILE_NAME);

export interface HeldLock {
  info: LockInfo;
  path: string;
  /** Removes the lock if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

export interface AcquireLockOptions {
  stateDir: string;
  /** What the holder is doing, shown to whoever waits: "apply", "state rm". */
  operation: string;
  /** How long to wait for another holder to finish; 0 = fail at once. */
  timeoutMs?: number;
  who?: string;
  signal?: AbortSignal;
}

/** Who runs cwctl: $USER, else the OS account. */
export function currentUser(env: NodeJS.ProcessEnv = process.env): string {
  if (env.USER) return env.USER;
  if (env.USERNAME) return env.USERNAME;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export async function acquireLock(options: AcquireLockOptions): Promise<HeldLock> {
  const path = lockFilePath(options.stateDir);
  await ensureStateDir(options.stateDir);
  const info: LockInfo = {
    id: randomUUID(),
    operation: options.operation,
    who: options.who ?? currentUser(),
    host: hostname(),
    pid: process.pid,
    createdAt: new Date().toISOString(),
  };
  const deadline = Date.now() + (options.timeoutMs ?? 0);
  let delay = 50;
  for (;;) {
    if (await tryCreateLock(path, info)) {
      // Holding the lock, no other cwctl writes here: clear what writers killed mid-write left behind.
      await removeStaleTempFiles(options.stateDir);
      return holdLock(path, info);
    }
    const holder = await readLock(options.stateDir);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw lockedError(options.stateDir, holder);
    if (options.signal?.aborted) throw lockedError(options.stateDir, holder);
    // Backoff with jitter so several waiters do not retry in step.
    await sleep(Math.min(remaining, delay * (0.75 + Math.random() / 2)), options.signal);
    delay = Math.min(delay * 2, 2000);
  }
}

/** The current lock, or null. A lock being written this very instant reads as null content-wise; retry briefly. */
export async function readLock(stateDir: string): Promise<LockInfo | null> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    let text: string;
    try {
      text = await readFile(lockFilePath(stateDir), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const parsed = parseLock(text);
    if (parsed) return parsed;
    await sleep(20);
  }
  // Unreadable content (hand-edited, or a foreign file): report it with an id nobody can guess.
  return { id: '(unreadable)', operation: 'unknown', who: 'unknown', host: 'unknown', pid: 0, createdAt: 'unknown' };
}

/** true when the holder ran on this host and its process is gone. Locks of other hosts are never judged. */
export function isLockStale(info: LockInfo): boolean {
  if (info.host !== hostname() || info.pid <= 0) return false;
  try {
    process.kill(info.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Removes the lock if its id is `id`; exit 5 otherwise. Returns the lock removed. */
export async function forceUnlock(stateDir: string, id: string): Promise<LockInfo> {
  const current = await readLock(stateDir);
  if (!current) {
    throw new CwctlError(`no lock to remove: ${lockFilePath(stateDir)} does not exist`, { exitCode: ExitCode.InvalidInput, code: 'no-lock' });
  }
  if (current.id !== id && !(current.id === '(unreadable)' && id === current.id)) {
    throw new CwctlError(`lock id ${id} does not match the lock held (${describeHolder(current)})`, {
      exitCode: ExitCode.LockedOrStale,
      code: 'lock-id-mismatch',
      hint: 'force-unlock needs the exact id of the lock, as printed by the run that found it',
    });
  }
  await unlink(lockFilePath(stateDir));
  return current;
}

export function describeHolder(info: LockInfo): string {
  return `${info.who} on ${info.host} (pid ${info.pid}, "${info.operation}" since ${info.createdAt}, lock id ${info.id})`;
}

export function forceUnlockCommand(stateDir: string, id: string): string {
  const dirFlag = stateDir === '.cwctl' ? '' : ` --state-dir ${JSON.stringify(stateDir)}`;
  return `cwctl state force-unlock ${id}${dirFlag}`;
}

function lockedError(stateDir: string, holder: LockInfo | null): CwctlError {
  if (!holder) {
    return new CwctlError('the state lock was busy and then vanished; try again', { exitCode: ExitCode.LockedOrStale, code: 'state-locked' });
  }
  if (isLockStale(holder)) {
    return new CwctlError(`the state is locked by a run that is no longer running: ${describeHolder(holder)} (stale lock)`, {
      exitCode: ExitCode.LockedOrStale,
      code: 'state-lock-stale',
      hint: `make sure no cwctl runs on this state, then clear it with: ${forceUnlockCommand(stateDir, holder.id)}`,
    });
  }
  return new CwctlError(`the state is locked by ${describeHolder(holder)}`, {
    exitCode: ExitCode.LockedOrStale,
    code: 'state-locked',
    hint: 'wait for that run to finish, or wait for it with --lock-timeout 5m',
  });
}

/** Atomic create with content: write a private temp file, then hard-link it to the lock name (fails if taken). */
async function tryCreateLock(path: string, info: LockInfo): Promise<boolean> {
  const text = `${JSON.stringify(info, null, 2)}\n`;
  const temp = `${path}.${info.id}.tmp`;
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') return createExclusive(path, text);
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Fallback for file systems without hard links: `wx` create (a reader may briefly see it empty; readLock retries). */
async function createExclusive(path: string, text: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o644);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function holdLock(path: string, info: LockInfo): HeldLock {
  let released = false;
  // Synchronous, so nothing can end the process between deciding to let go and the lock being gone: an async
  // release that a second Ctrl-C (process.exit) cut short after it had unhooked the exit handler left the lock.
  const letGo = (): void => {
    if (released) return;
    try {
      if (parseLock(readFileSync(path, 'utf8'))?.id === info.id) unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    released = true;
    process.removeListener('exit', onExit);
  };
  // If the process ends without reaching release() (a second Ctrl-C calls process.exit), still let go.
  const onExit = (): void => {
    try {
      letGo();
    } catch {
      // nothing more can be done while exiting; `cwctl state force-unlock` names it
    }
  };
  process.once('exit', onExit);
  return {
    info,
    path,
    release: () => {
      try {
        letGo();
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}

function parseLock(text: string): LockInfo | null {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.id === 'string' && typeof v.pid === 'number' && typeof v.host === 'string') {
      return { id: v.id, operation: String(v.operation), who: String(v.who), host: v.host, pid: v.pid, createdAt: String(v.createdAt) };
    }
  } catch {
    // partial or foreign content
  }
  return null;
}
