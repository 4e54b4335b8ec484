// Reads and writes the state lockfile (.cwctl/state.json): lineage fixed at creation, serial +1 on every
// write, the target PSA it belongs to, and the resources cwctl owns. Writes are atomic, so a crash leaves
// a true state. Must never hold a secret, and never be applied to another PSA than its target.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CwctlError, ExitCode } from '../errors.js';
import type { Address } from '../model/address.js';
import type { StateFile, StateResource } from '../model/state.js';
import { STATE_FORMAT_VERSION } from '../model/state.js';
import { writeFileAtomicPieces } from './atomic-write.js';
import { ensureStateDir, notAStateDir } from './ensure-state-dir.js';

export const STATE_FILE_NAME = 'state.json';

export const stateFilePath = (stateDir: string): string => join(stateDir, STATE_FILE_NAME);

/** A new, empty state for a target; serial 0 means "never written". */
export function newStateFile(target: { site: string; company: string }): StateFile {
  return { formatVersion: STATE_FORMAT_VERSION, lineage: randomUUID(), serial: 0, target: { ...target }, resources: {} };
}

/** The state in `stateDir`, or null when there is none yet. Invalid content is exit 3 naming the file and place. */
export async function readStateFile(stateDir: string): Promise<StateFile | null> {
  const path = stateFilePath(stateDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw notAStateDir(stateDir, 'it is a file, not a folder');
    throw new CwctlError(`cannot read ${path}: ${(error as Error).message}`, { exitCode: ExitCode.InvalidInput, code: 'state-unreadable' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const where = jsonErrorPosition(text, (error as Error).message);
    throw new CwctlError(`${path}${where}: the state file is not valid JSON (${(error as Error).message})`, {
      exitCode: ExitCode.InvalidInput,
      code: 'state-invalid',
      hint: 'restore it from version control or a backup; cwctl writes it atomically, so a torn file means it was edited by hand',
    });
  }
  return checkStateShape(value, path);
}

/**
 * Writes `state` with serial + 1 and returns what was written. The caller keeps the returned object as the
 * new current state (serial is the optimistic-concurrency token saved plans are checked against).
 */
export async function writeStateFile(stateDir: string, state: StateFile): Promise<StateFile> {
  const next: StateFile = { ...state, serial: state.serial + 1, resources: sortResources(state.resources) };
  await ensureStateDir(stateDir);
  await writeFileAtomicPieces(stateFilePath(stateDir), statePieces(next));
  return next;
}

/**
 * `${JSON.stringify(state, null, 2)}\n` in pieces, one per resource: the state after importing 2,000 roles is
 * 27 MB of text, which was held whole (and again as its bytes for the write) at the peak of import's memory.
 * Byte for byte the same text (state-file.test.ts compares).
 */
export function* statePieces(state: StateFile): Generator<string> {
  const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`);
  let first = true;
  for (const [key, value] of Object.entries(state)) {
    const head = `${first ? '{' : ','}\n  ${JSON.stringify(key)}: `;
    if (key === 'resources' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      let firstResource = true;
      for (const [address, resource] of Object.entries(value as Record<string, unknown>)) {
        const text = JSON.stringify(resource, null, 2) as string | undefined;
        if (text === undefined) continue;
        yield `${firstResource ? `${head}{` : ','}\n    ${JSON.stringify(address)}: ${indent(text, '    ')}`;
        firstResource = false;
      }
      yield firstResource ? `${head}{}` : '\n  }';
    } else {
      const text = JSON.stringify(value, null, 2) as string | undefined;
      if (text === undefined) continue;
      yield `${head}${indent(text, '  ')}`;
    }
    first = false;
  }
  yield first ? '{}\n' : '\n}\n';
}

/** Refuses (exit 5) a state that belongs to another PSA than the one this run talks to. */
export function assertStateTarget(state: StateFile, target: { site: string; company: string }, stateDir: string): void {
  if (sameTarget(state.target, target)) return;
  throw new CwctlError(
    `the state in ${stateFilePath(stateDir)} belongs to ${describeTarget(state.target)}, not to ${describeTarget(target)}`,
    {
      exitCode: ExitCode.LockedOrStale,
      code: 'state-target-mismatch',
      hint: 'use another --state-dir (one state per PSA), or point -f/CWCTL_SITE/CWCTL_COMPANY at the PSA this state belongs to',
    },
  );
}

export function sameTarget(a: { site: string; company: string }, b: { site: string; company: string }): boolean {
  return normalizeSite(a.site) === normalizeSite(b.site) && a.company.toLowerCase() === b.company.toLowerCase();
}

const normalizeSite = (site: string): string => site.toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
const describeTarget = (t: { site: string; company: string }): string => `company "${t.company}" at ${t.site}`;

function sortResources(resources: Record<Address, StateResource>): Record<Address, StateResource> {
  const sorted: Record<Address, StateResource> = {};
  for (const key of Object.keys(resources).sort()) sorted[key] = resources[key] as StateResource;
  return sorted;
}

function checkStateShape(value: unknown, path: string): StateFile {
  const fail = (field: string, expected: string): never => {
    throw new CwctlError(`${path}: field "${field}" ${expected}`, {
      exitCode: ExitCode.InvalidInput,
      code: 'state-invalid',
      hint: 'the state file is written by cwctl only; restore it from version control or a backup',
    });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('(root)', 'must be an object');
  const v = value as Record<string, unknown>;
  if (v.formatVersion !== STATE_FORMAT_VERSION) {
    return fail('formatVersion', `must be ${STATE_FORMAT_VERSION} (found ${JSON.stringify(v.formatVersion)}; a newer cwctl may have written it)`);
  }
  if (typeof v.lineage !== 'string' || v.lineage === '') return fail('lineage', 'must be a non-empty string');
  if (typeof v.serial !== 'number' || !Number.isInteger(v.serial) || v.serial < 0) return fail('serial', 'must be a non-negative integer');
  const target = v.target as Record<string, unknown> | undefined;
  if (!target || typeof target.site !== 'string' || typeof target.company !== 'string') return fail('target', 'must be {site, company}');
  if (typeof v.resources !== 'object' || v.resources === null || Array.isArray(v.resources)) return fail('resources', 'must be an object');
  for (const [address, resource] of Object.entries(v.resources as Record<string, unknown>)) {
    const r = resource as Record<string, unknown> | null;
    if (!r || typeof r.kind !== 'string' || typeof r.digest !== 'string' || typeof r.appliedAt !== 'string') {
      fail(`resources["${address}"]`, 'must have kind, digest and appliedAt');
    }
  }
  return value as StateFile;
}

/** ` (line L, column C)` from a JSON.parse message carrying a position, else ''. */
function jsonErrorPosition(text: string, message: string): string {
  const match = /position (\d+)/.exec(message);
  if (!match) return '';
  const offset = Number(match[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `:${line}:${column}`;
}
