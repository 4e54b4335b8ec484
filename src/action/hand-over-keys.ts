// API keys created during an apply in CI: cwctl writes the verified pairs to a private temp file (--keys-out);
// this module reads them back, masks every value in the job log first, and returns them as step outputs.
// It never prints a key; the caller deletes the file once the outputs are written.
import { readFile } from 'node:fs/promises';
import { keyOutputName } from '../apply/key-sink.js';

export interface HandedOverKey {
  identifier: string;
  description: string;
  publicKey: string;
  privateKey: string;
}

/** Parses the keys file format of src/apply/key-sink.ts (`# member: "description", verified ...` then `MEMBER=PUB:PRIV`). */
export function parseKeysFile(text: string): HandedOverKey[] {
  const keys: HandedOverKey[] = [];
  let pending: { identifier: string; description: string } | undefined;
  for (const line of text.split(/\r?\n/)) {
    const header = /^# (.+?): ("(?:[^"\\]|\\.)*"), verified /.exec(line);
    if (header?.[1] && header[2]) {
      pending = { identifier: header[1], description: JSON.parse(header[2]) as string };
      continue;
    }
    const pair = /^([A-Za-z0-9_]+)=([^:\s]+):(\S+)$/.exec(line);
    if (pair?.[2] && pair[3] && pending) {
      keys.push({ ...pending, publicKey: pair[2], privateKey: pair[3] });
      pending = undefined;
    }
  }
  return keys;
}

/** Reads the file cwctl wrote; a missing file means no key was handed over in this run. */
export async function readHandedOverKeys(path: string): Promise<HandedOverKey[]> {
  try {
    return parseKeysFile(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Step output names: `<member>_<description>_public_key` and `..._private_key`, lower case. */
export function keyOutputs(keys: readonly HandedOverKey[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const name = `${keyOutputName(key.identifier)}_${keyOutputName(key.description)}`.toLowerCase().replace(/_+/g, '_');
    out[`${name}_public_key`] = key.publicKey;
    out[`${name}_private_key`] = key.privateKey;
  }
  return out;
}
