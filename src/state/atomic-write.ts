// Writes a file so that a crash at any instant leaves either the old content or the new one, never a
// torn file: temp file in the same directory, fsync, rename over the target, fsync the directory.
// Must not be used for appends or for files other processes hold open for writing.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** File mode of the new file (e.g. 0o600 for secrets). Default 0o644. */
  mode?: number;
}

export async function writeFileAtomic(path: string, data: string, options: AtomicWriteOptions = {}): Promise<void> {
  await writeFileAtomicPieces(path, [data], options);
}

/** Pieces of a file are gathered up to this many characters before each write. */
const WRITE_CHUNK = 1 << 20;

/**
 * The same, with the text given in pieces, written as they come: a large file (the state after importing 2,000
 * roles is 27 MB of JSON) is never held whole, neither as one string nor as its bytes.
 */
export async function writeFileAtomicPieces(path: string, pieces: Iterable<string>, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = options.mode ?? 0o644;
  // 'wx': never follow or reuse an existing file (a planted symlink cannot redirect a secret).
  const handle = await open(temp, 'wx', mode);
  try {
    let pending = '';
    for (const piece of pieces) {
      pending += piece;
      if (pending.length >= WRITE_CHUNK) {
        await handle.writeFile(pending, 'utf8');
        pending = '';
      }
    }
    if (pending !== '') await handle.writeFile(pending, 'utf8');
    // The umask may have narrowed the mode; a secret file must be exactly `mode`.
    await handle.chmod(mode);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes the rename durable. Some platforms (Windows) cannot open a directory: then rename is all we get. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort: EISDIR/EPERM/EINVAL on platforms without directory fsync
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes temp files that writers killed mid-write (SIGKILL, power loss) left in `dir`. Only files of processes
 * no longer alive on this host are touched, so call it where no other writer can be at work (under the lock).
 * Returns how many were removed.
 */
export async function removeStaleTempFiles(dir: string): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const pid = Number(TEMP_NAME.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    await unlink(join(dir, name)).then(() => (removed += 1), () => undefined);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but someone else's; only ESRCH means gone.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
