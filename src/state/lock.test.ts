import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CwctlError } from '../errors.js';
import { acquireLock, forceUnlock, isLockStale, lockFilePath, readLock } from './lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cwctl-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('state lock', () => {
  it('holds {id, operation, who, host, pid, createdAt} and releases only its own lock', async () => {
    const lock = await acquireLock({ stateDir: dir, operation: 'apply', who: 'alice' });
    const onDisk = JSON.parse(await readFile(lockFilePath(dir), 'utf8'));
    expect(onDisk).toMatchObject({ id: lock.info.id, operation: 'apply', who: 'alice', host: hostname(), pid: process.pid });
    expect(Date.parse(onDisk.createdAt)).not.toBeNaN();
    await lock.release();
    expect(await readLock(dir)).toBeNull();
    await lock.release(); // twice is harmless
  });

  it('lets exactly one of two simultaneous takers win; the other fails with exit 5 naming the holder', async () => {
    const results = await Promise.allSettled([
      acquireLock({ stateDir: dir, operation: 'apply', who: 'one' }),
      acquireLock({ stateDir: dir, operation: 'apply', who: 'two' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const error = lost[0]!.reason as CwctlError;
    expect(error.exitCode).toBe(5);
    const holder = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>>).value;
    expect(error.message).toContain(holder.info.who);
    expect(error.message).toContain(`pid ${process.pid}`);
    expect(error.message).toContain(holder.info.createdAt);
    await holder.release();
  });

  it('waits with --lock-timeout and takes the lock once the holder lets go', async () => {
    const first = await acquireLock({ stateDir: dir, operation: 'apply' });
    const started = Date.now();
    setTimeout(() => void first.release(), 300);
    const second = await acquireLock({ stateDir: dir, operation: 'apply', timeoutMs: 5000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await readLock(dir))?.id).toBe(second.info.id);
    await second.release();
  });

  it('gives up after the timeout when the holder stays', async () => {
    const first = await acquireLock({ stateDir: dir, operation: 'apply' });
    const started = Date.now();
    await expect(acquireLock({ stateDir: dir, operation: 'apply', timeoutMs: 400 })).rejects.toMatchObject({ exitCode: 5, code: 'state-locked' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    await first.release();
  });

  it('reports a lock of a dead process on this host as stale, with the exact command to clear it', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const info = { id: 'dead-beef', operation: 'apply', who: 'bob', host: hostname(), pid: gone, createdAt: '2026-01-01T00:00:00.000Z' };
    await writeFile(lockFilePath(dir), JSON.stringify(info));
    expect(isLockStale(info)).toBe(true);
    expect(isLockStale({ ...info, host: 'elsewhere' })).toBe(false);
    const error = (await acquireLock({ stateDir: dir, operation: 'apply' }).catch((e: unknown) => e)) as CwctlError;
    expect(error.exitCode).toBe(5);
    expect(error.code).toBe('state-lock-stale');
    expect(error.hint).toContain(`cwctl state force-unlock dead-beef --state-dir "${dir}"`);
  });

  it('force-unlock needs the exact id', async () => {
    const lock = await acquireLock({ stateDir: dir, operation: 'apply' });
    await expect(forceUnlock(dir, 'wrong')).rejects.toMatchObject({ exitCode: 5, code: 'lock-id-mismatch' });
    expect((await forceUnlock(dir, lock.info.id)).id).toBe(lock.info.id);
    expect(await readLock(dir)).toBeNull();
    // the former holder's release must not remove someone else's new lock
    const next = await acquireLock({ stateDir: dir, operation: 'apply' });
    await lock.release();
    expect((await readLock(dir))?.id).toBe(next.info.id);
    await next.release();
  });
});
