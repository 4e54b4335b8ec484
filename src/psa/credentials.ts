// Loads the PSA API keys cwctl authenticates with (CWCTL_PUBLIC_KEY, CWCTL_PRIVATE_KEY, CWCTL_CLIENT_ID or a
// credentials file) and the new member key pairs an operator hands over (CWCTL_NEW_KEY_<MEMBER>=PUBLIC:PRIVATE).
// Error messages name variables, files and lines, never a value: nothing read here may reach a log.
// Refuses a credentials file that other users can read (POSIX), with the chmod that fixes it.
import { readFile, stat } from 'node:fs/promises';
import { suggestName } from '../config/suggest.js';
import { CwctlError, ExitCode } from '../errors.js';
import type { Credentials } from './client.js';

export interface LoadCredentialsOptions {
  env?: NodeJS.ProcessEnv;
  /** --credentials-file: JSON {publicKey, privateKey, clientId} or KEY=VALUE lines with the CWCTL_* names. */
  file?: string;
}

const ENV_NAMES = { publicKey: 'CWCTL_PUBLIC_KEY', privateKey: 'CWCTL_PRIVATE_KEY', clientId: 'CWCTL_CLIENT_ID' } as const;
type Field = keyof typeof ENV_NAMES;
const FIELDS: readonly Field[] = ['publicKey', 'privateKey', 'clientId'];
/** Other cwctl variables a shared env file may hold; accepted and ignored here. */
const OTHER_CWCTL_NAMES = new Set(['CWCTL_SITE', 'CWCTL_COMPANY']);

interface Located { value: string; where: string }
type Partial3 = Partial<Record<Field, Located>>;

function invalid(message: string, hint?: string): CwctlError {
  return new CwctlError(message, { exitCode: ExitCode.InvalidInput, code: 'invalid-credentials', ...(hint ? { hint } : {}) });
}

/** Checks a key's form without ever echoing it. */
function checkValue(field: Field, located: Located): string {
  const value = located.value.trim();
  if (value === '') throw invalid(`${located.where}: ${ENV_NAMES[field]} is empty`);
  if (/\s/.test(value)) throw invalid(`${located.where}: ${ENV_NAMES[field]} contains white space (a paste error?)`);
  if (field === 'publicKey' && value.includes(':')) throw invalid(`${located.where}: ${ENV_NAMES[field]} contains ':' which Basic auth cannot carry in the user name`);
  return value;
}

function complete(found: Partial3, source: string): Credentials | undefined {
  const present = FIELDS.filter((f) => found[f] !== undefined);
  if (present.length === 0) return undefined;
  const missing = FIELDS.filter((f) => found[f] === undefined);
  if (missing.length > 0) {
    throw invalid(
      `incomplete API credentials in ${source}: ${missing.map((f) => ENV_NAMES[f]).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing (${present.map((f) => ENV_NAMES[f]).join(', ')} ${present.length === 1 ? 'is' : 'are'} set)`,
      'set all three: CWCTL_PUBLIC_KEY, CWCTL_PRIVATE_KEY and CWCTL_CLIENT_ID (the clientId comes from developer.connectwise.com/ClientID)',
    );
  }
  return {
    publicKey: checkValue('publicKey', found.publicKey as Located),
    privateKey: checkValue('privateKey', found.privateKey as Located),
    clientId: checkValue('clientId', found.clientId as Located),
  };
}

export async function loadCredentials(opts: LoadCredentialsOptions = {}): Promise<Credentials | undefined> {
  if (opts.file !== undefined) {
    const creds = await readCredentialsFile(opts.file);
    if (!creds) throw invalid(`${opts.file}: no credentials in the file`, 'write CWCTL_PUBLIC_KEY=..., CWCTL_PRIVATE_KEY=..., CWCTL_CLIENT_ID=... lines, or JSON {"publicKey","privateKey","clientId"}');
    return creds;
  }
  const env = opts.env ?? process.env;
  const found: Partial3 = {};
  for (const f of FIELDS) {
    const value = env[ENV_NAMES[f]];
    if (value !== undefined && value !== '') found[f] = { value, where: 'environment' };
  }
  return complete(found, 'the environment');
}

async function readCredentialsFile(file: string): Promise<Credentials | undefined> {
  let text: string;
  try {
    if (process.platform !== 'win32') {
      const info = await stat(file);
      if ((info.mode & 0o044) !== 0) {
        const who = (info.mode & 0o004) !== 0 ? 'every user' : 'its group';
        throw invalid(`${file}: credentials file is readable by ${who} (mode ${(info.mode & 0o777).toString(8).padStart(3, '0')}); refusing to use it`, `chmod 600 '${file}'`);
      }
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof CwctlError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(`${file}: cannot read the credentials file (${code === 'ENOENT' ? 'no such file' : code ?? 'unknown error'})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.trimStart().startsWith('{') ? parseJsonFile(file, text) : parseEnvFile(file, text);
}

const JSON_KEYS: Record<string, Field> = {
  publickey: 'publicKey', privatekey: 'privateKey', clientid: 'clientId',
  cwctl_public_key: 'publicKey', cwctl_private_key: 'privateKey', cwctl_client_id: 'clientId',
};

function parseJsonFile(file: string, text: string): Credentials | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // JSON.parse messages quote parts of the input: report only the position.
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    const pos = at ? Number(at[1]) : undefined;
    const where = pos === undefined ? file : `${file}:${lineCol(text, pos)}`;
    throw invalid(`${where}: the credentials file is not valid JSON`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalid(`${file}:1:1: expected a JSON object {"publicKey", "privateKey", "clientId"}`);
  const found: Partial3 = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const field = JSON_KEYS[key.toLowerCase()];
    const where = `${file}:${lineCol(text, Math.max(0, text.indexOf(`"${key}"`)))}`;
    if (!field) {
      const guess = suggestName(key, ['publicKey', 'privateKey', 'clientId']);
      throw invalid(`${where}: unknown field '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}`);
    }
    if (typeof value !== 'string') throw invalid(`${where}: field '${key}' must be a string`);
    found[field] = { value, where };
  }
  return complete(found, file);
}

function parseEnvFile(file: string, text: string): Credentials | undefined {
  const found: Partial3 = {};
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const col = raw.indexOf(line.charAt(0)) + 1;
    const where = `${file}:${index + 1}:${col}`;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw invalid(`${where}: expected NAME=VALUE`);
    const name = (m[1] ?? '').toUpperCase();
    let value = m[2] ?? '';
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2] ?? '';
    const field = FIELDS.find((f) => ENV_NAMES[f] === name);
    if (field) {
      found[field] = { value, where };
      return;
    }
    if (OTHER_CWCTL_NAMES.has(name) || name.startsWith('CWCTL_NEW_KEY_') || !name.startsWith('CWCTL_')) return;
    const guess = suggestName(name, Object.values(ENV_NAMES));
    throw invalid(`${where}: unknown variable ${m[1] ?? ''}${guess ? ` (did you mean ${guess}?)` : ''}`);
  });
  return complete(found, file);
}

function lineCol(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return `${line}:${col}`;
}

export interface MemberKeyPair {
  publicKey: string;
  privateKey: string;
  /** The variable it came from, e.g. CWCTL_NEW_KEY_BRIGHTGAUGE (for messages; never the value). */
  envName: string;
}

const MEMBER_KEY_PREFIX = 'CWCTL_NEW_KEY_';

/** The env suffix for a member identifier: upper-cased, every non-alphanumeric character as `_`. */
export function memberKeyEnvSuffix(identifier: string): string {
  return identifier.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/**
 * One variable's pairs. A member with several new keys (production, staging) gets them all in its one variable,
 * separated by white space or new lines: a pair itself never holds white space, so the split is unambiguous.
 */
function parseMemberKeyPairs(name: string, raw: string): MemberKeyPair[] {
  const pairs = raw.trim().split(/\s+/).filter((p) => p !== '');
  if (pairs.length === 0) throw invalid(`${name}: expected PUBLIC:PRIVATE (the public key, a colon, the private key)`);
  return pairs.map((value) => {
    const colon = value.indexOf(':');
    if (colon <= 0 || colon === value.length - 1) {
      throw invalid(
        `${name}: expected PUBLIC:PRIVATE (the public key, a colon, the private key)${pairs.length > 1 ? '; several pairs are separated by spaces or new lines' : ''}`,
        pairs.length > 1 ? 'a space inside a pair splits it in two: check for a paste error' : undefined,
      );
    }
    return { publicKey: value.slice(0, colon), privateKey: value.slice(colon + 1), envName: name };
  });
}

/**
 * New API key pairs handed over by the operator, keyed by the raw env suffix (`BRIGHTGAUGE` for
 * CWCTL_NEW_KEY_BRIGHTGAUGE), every pair a variable holds, in order. Use memberKeyEnvSuffix to match an identifier.
 */
export function readMemberKeyListsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, MemberKeyPair[]> {
  const out: Record<string, MemberKeyPair[]> = {};
  for (const [name, raw] of Object.entries(env)) {
    if (!name.toUpperCase().startsWith(MEMBER_KEY_PREFIX) || raw === undefined) continue;
    const suffix = name.slice(MEMBER_KEY_PREFIX.length);
    if (suffix === '') throw invalid(`${name}: the member is missing from the variable name`, 'name it CWCTL_NEW_KEY_<MEMBER ID>, e.g. CWCTL_NEW_KEY_BRIGHTGAUGE');
    out[suffix.toUpperCase()] = parseMemberKeyPairs(name, raw);
  }
  return out;
}

/** The first pair of each variable: enough to read as that member (check, import). */
export function readMemberKeysFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, MemberKeyPair> {
  const out: Record<string, MemberKeyPair> = {};
  for (const [suffix, pairs] of Object.entries(readMemberKeyListsFromEnv(env))) if (pairs[0]) out[suffix] = pairs[0];
  return out;
}

/** The pair for a member identifier, matching its env form case-insensitively. */
export function findMemberKeys(keys: Record<string, MemberKeyPair>, identifier: string): MemberKeyPair | undefined {
  return keys[memberKeyEnvSuffix(identifier)];
}
