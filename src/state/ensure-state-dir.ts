// Creates the state folder (--state-dir) when missing; a path that exists but is not a folder (a file, or a
// file somewhere above it) is invalid input naming the flag, not an internal error from mkdir.
import { mkdir, stat } from 'node:fs/promises';
import { CwctlError, ExitCode } from '../errors.js';

export function notAStateDir(stateDir: string, why: string): CwctlError {
  return new CwctlError(`--state-dir ${stateDir} cannot be used as the state folder: ${why}`, {
    exitCode: ExitCode.InvalidInput,
    code: 'state-dir-not-a-folder',
    hint: 'pass a folder (cwctl creates it when missing), e.g. --state-dir .cwctl',
  });
}

export async function ensureStateDir(stateDir: string): Promise<void> {
  try {
    await mkdir(stateDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw notAStateDir(stateDir, 'it is a file, not a folder');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw notAStateDir(stateDir, `it cannot be created (${code})`);
    throw error;
  }
  // mkdir -p succeeds on an existing folder only; stat guards file systems that answer otherwise.
  if (!(await stat(stateDir)).isDirectory()) throw notAStateDir(stateDir, 'it is not a folder');
}
