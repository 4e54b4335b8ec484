// The files a saved plan was made from (the -f path, its *.yaml and its profiles/), each with a digest, so that
// `cwctl apply plan.json` without -f can reload exactly them and prove they did not change. A saved plan is
// untrusted: its paths must be relative and stay inside the working directory, and every file is hashed and
// compared before a byte of it is parsed (a hostile path costs a hash, never shows its content).
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { userProfilesDir } from '../catalogue/profiles/load-user-profiles.js';
import { MAX_FILE_BYTES } from '../config/load-limits.js';
import { CwctlError, ExitCode } from '../errors.js';
import { sha256Hex } from '../model/canonical-json.js';
import type { Plan, PlanSources } from '../model/plan.js';
import { planChecksumOf } from './plan-checksum.js';

/** The plan with its sources recorded, sealed again: the checksum covers the sources too. */
export function withSources(plan: Plan, sources: PlanSources): Plan {
  const { checksum: _checksum, ...rest } = plan;
  const sourced = { ...rest, sources };
  return { ...sourced, checksum: planChecksumOf(sourced) };
}

const digestOfBytes = (bytes: Buffer): string => `sha256:${sha256Hex(bytes)}`;
const toPosix = (path: string): string => path.split(sep).join('/');

/** The files the desired state at `file` is read from, as the loaders read them (sorted, stable). */
async function sourceFilesOf(file: string): Promise<string[]> {
  const files: string[] = [];
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    const names = (await readdir(file, { withFileTypes: true })).filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name)).map((e) => e.name).sort();
    files.push(...names.map((n) => join(file, n)));
  } else if (info) {
    files.push(file);
  }
  const profiles = await userProfilesDir(file);
  if ((await stat(profiles).catch(() => undefined))?.isDirectory()) {
    const names = (await readdir(profiles, { withFileTypes: true })).filter((e) => e.isFile() && /\.(ya?ml|json)$/i.test(e.name)).map((e) => e.name).sort();
    files.push(...names.map((n) => join(profiles, n)));
  }
  return files;
}

/**
 * The sources of the desired state at `file`, paths relative to `cwd`; undefined when `file` is outside `cwd`
 * (such a plan is applied with -f only: a saved plan never names a path outside the working directory).
 */
export async function readPlanSources(file: string, cwd = process.cwd()): Promise<PlanSources | undefined> {
  const root = toPosix(relative(cwd, resolve(cwd, file)));
  if (!isInside(root)) return undefined;
  const files = [];
  for (const path of await sourceFilesOf(join(cwd, root))) {
    const relPath = toPosix(relative(cwd, path));
    if (!isInside(relPath)) return undefined;
    files.push({ path: relPath, digest: digestOfBytes(await readFile(path)) });
  }
  return { file: root === '' ? '.' : root, files };
}

/** A relative path that stays inside the directory it is relative to. */
function isInside(path: string): boolean {
  if (path.includes('\0') || path.includes('\\') || isAbsolute(path) || /^[a-zA-Z]:/.test(path)) return false;
  const normal = toPosix(normalize(path));
  return normal !== '..' && !normal.startsWith('../') && !path.split('/').includes('..');
}

function unsafePath(planFile: string, path: unknown): CwctlError {
  return new CwctlError(`${planFile} names a source file outside the working directory, or not a file: ${JSON.stringify(path)}`, {
    exitCode: ExitCode.InvalidInput,
    code: 'invalid-plan',
    hint: 'apply only a plan cwctl plan --out wrote, from the directory it was made in; or pass the YAML with -f',
  });
}

function changed(planFile: string, what: string): CwctlError {
  return new CwctlError(`the saved plan ${planFile} is stale: ${what} since it was made`, {
    exitCode: ExitCode.LockedOrStale,
    code: 'stale-plan-sources',
    hint: `re-run cwctl plan --out ${planFile}, review it, then apply that`,
  });
}

/**
 * Proves the files a saved plan records (plan.sources, present) are the ones in `cwd` now, byte for byte, and no
 * file was added; returns the -f path to load them from. Hostile or malformed sources are refused (exit 3),
 * changed, missing or added files make the plan stale (exit 5).
 */
export async function verifyPlanSources(plan: Plan, planFile: string, cwd = process.cwd()): Promise<string> {
  const sources: unknown = plan.sources;
  if (typeof sources !== 'object' || sources === null || Array.isArray(sources)) throw unsafePath(planFile, sources);
  const { file, files } = sources as { file?: unknown; files?: unknown };
  if (typeof file !== 'string' || !isInside(file)) throw unsafePath(planFile, file);
  if (!Array.isArray(files)) throw unsafePath(planFile, files);
  const recorded = new Map<string, string>();
  for (const entry of files as unknown[]) {
    const { path, digest } = (typeof entry === 'object' && entry !== null ? entry : {}) as { path?: unknown; digest?: unknown };
    if (typeof path !== 'string' || !isInside(path) || typeof digest !== 'string') throw unsafePath(planFile, path);
    recorded.set(path, digest);
  }
  for (const [path, digest] of recorded) {
    let bytes: Buffer;
    try {
      // Only a regular file of a size the loader would read is hashed (a FIFO or a device would never end).
      const info = await stat(join(cwd, path));
      if (!info.isFile() || info.size > MAX_FILE_BYTES) throw unsafePath(planFile, path);
      bytes = await readFile(join(cwd, path));
    } catch (error) {
      if (error instanceof CwctlError) throw error;
      throw changed(planFile, `${path} is gone`);
    }
    if (digestOfBytes(bytes) !== digest) throw changed(planFile, `${path} changed`);
  }
  const now = await readPlanSources(file, cwd);
  const added = (now?.files ?? []).map((f) => f.path).filter((p) => !recorded.has(p));
  if (added.length > 0) throw changed(planFile, `${added[0]} was added`);
  return file;
}
