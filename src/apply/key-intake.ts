// Takes the API key pairs an operator created in the PSA screens: from CWCTL_NEW_KEY_<MEMBER> variables (several
// pairs of one member separated by spaces or new lines),
// a --new-keys file (lines `MEMBER=PUBLIC:PRIVATE`, one per key, or JSON), or a hidden prompt the CLI supplies.
// Holds pairs in memory only; reports every private key to onSecret (redaction) and never prints or stores one.
import { readFile, stat } from 'node:fs/promises';
import { CwctlError, ExitCode } from '../errors.js';
import { memberKeyEnvSuffix, readMemberKeyListsFromEnv } from '../psa/credentials.js';

export interface NewKeyPair {
  publicKey: string;
  privateKey: string;
  /** Where it came from (a variable name or file:line), for messages; never the value. */
  source: string;
}

/** Asks a person for a member's new pair (hidden input); undefined when they skip it. */
export type KeyPrompt = (identifier: string, description: string) => Promise<{ publicKey: string; privateKey: string } | undefined>;

export interface KeyIntake {
  /** Pairs handed over for a member, in the order given (a member may get several keys), without asking. */
  candidates(identifier: string): NewKeyPair[];
  /** Asks the prompt for a member's pair, once per member and description; undefined without a prompt. */
  ask(identifier: string, description: string): Promise<NewKeyPair | undefined>;
  /** Whether a pair is known without asking. */
  has(identifier: string): boolean;
  /** The first pair known without asking, if any. */
  known(identifier: string): NewKeyPair | undefined;
  /**
   * Reads the --new-keys file again if it changed since it was last read (an `apply --wait` while a person, or
   * `cwctl sim operator`, adds the pairs of keys made meanwhile). Pairs already known stay.
   */
  refresh?(): Promise<void>;
  /** The --new-keys file pairs are read from (for messages: where the person should write a pair). */
  readonly file?: string;
}

export interface KeyIntakeOptions {
  env?: NodeJS.ProcessEnv;
  /** --new-keys FILE */
  file?: string | undefined;
  /**
   * apply --wait: a --new-keys file that does not exist yet is waited for (a person, or `cwctl sim operator`,
   * creates it later); it is read, with the same mode and owner checks, once it appears. Without it a missing
   * file is an error.
   */
  waitForFile?: boolean;
  prompt?: KeyPrompt | undefined;
  onSecret?: (value: string) => void;
}

export async function openKeyIntake(options: KeyIntakeOptions = {}): Promise<KeyIntake> {
  const keys = new Map<string, NewKeyPair[]>();
  const onSecret = options.onSecret ?? (() => undefined);
  const add = (identifier: string, pair: NewKeyPair): void => {
    const suffix = memberKeyEnvSuffix(identifier);
    const list = keys.get(suffix) ?? [];
    if (!list.some((p) => p.publicKey === pair.publicKey)) list.push(pair);
    keys.set(suffix, list);
  };
  // A file comes first: it is the more specific hand-over; the environment adds to it.
  const stampOf = async (file: string): Promise<string> => {
    const s = await stat(file);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  };
  let fileStamp = '';
  if (options.file !== undefined) {
    fileStamp = await stampOf(options.file).catch(() => '');
    // Missing and waited for: refresh() reads it once it is there (fileStamp '' never equals a real stamp).
    if (fileStamp !== '' || !options.waitForFile || (await fileExists(options.file))) {
      for (const [identifier, pair] of await readNewKeysFile(options.file)) add(identifier, pair);
    }
  }
  for (const [suffix, pairs] of Object.entries(readMemberKeyListsFromEnv(options.env ?? process.env))) {
    for (const pair of pairs) add(suffix, { publicKey: pair.publicKey, privateKey: pair.privateKey, source: pair.envName });
  }
  for (const list of keys.values()) for (const pair of list) onSecret(pair.privateKey);
  const asked = new Set<string>();
  const refresh = async (file: string): Promise<void> => {
    const now = await stampOf(file).catch(() => '');
    if (now === '' || now === fileStamp) return;
    const pairs = await readNewKeysFile(file);
    fileStamp = now;
    for (const [identifier, pair] of pairs) {
      onSecret(pair.privateKey);
      add(identifier, pair);
    }
  };
  return {
    ...(options.file !== undefined ? { file: options.file, refresh: () => refresh(options.file as string) } : {}),
    candidates: (identifier) => [...(keys.get(memberKeyEnvSuffix(identifier)) ?? [])],
    has: (identifier) => (keys.get(memberKeyEnvSuffix(identifier))?.length ?? 0) > 0,
    known: (identifier) => keys.get(memberKeyEnvSuffix(identifier))?.[0],
    ask: async (identifier, description) => {
      const key = `${memberKeyEnvSuffix(identifier)}\u0000${description}`;
      if (!options.prompt || asked.has(key)) return undefined;
      asked.add(key);
      const answer = await options.prompt(identifier, description);
      if (!answer || answer.publicKey.trim() === '' || answer.privateKey.trim() === '') return undefined;
      onSecret(answer.privateKey.trim());
      const pair = { publicKey: answer.publicKey.trim(), privateKey: answer.privateKey.trim(), source: 'prompt' };
      add(identifier, pair);
      return pair;
    },
  };
}

/** Whether a path exists (any error but "not there" counts as there: reading it then reports that error). */
async function fileExists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** Whether a --new-keys file is missing (apply --wait then says it watches for it). */
export async function newKeysFileMissing(file: string): Promise<boolean> {
  return !(await fileExists(file));
}

/**
 * Parses a --new-keys file: `MEMBER=PUBLIC:PRIVATE` lines (# comments, blank lines, optional `export`), or JSON
 * `{"member": "PUBLIC:PRIVATE"}` / `{"member": {"publicKey", "privateKey"}}`. Errors name file:line, never a value.
 */
export async function readNewKeysFile(file: string): Promise<[string, NewKeyPair][]> {
  let text: string;
  try {
    const info = await stat(file);
    if (process.platform !== 'win32' && (info.mode & 0o044) !== 0) {
      throw invalid(`${file}: the new keys file is readable by other users; refusing to use it`, `chmod 600 '${file}'`);
    }
    // Someone else's file would hand cwctl keys it did not get from the person running it (a file apply --wait
    // waits for could be created first by another user of a shared folder).
    const uid = process.getuid?.();
    if (uid !== undefined && uid !== 0 && info.uid !== uid) {
      throw invalid(`${file}: the new keys file belongs to another user (uid ${info.uid}); refusing to use it`, 'write the new keys file as the user who runs cwctl');
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof CwctlError) throw error;
    throw invalid(`${file}: cannot read the new keys file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const out: [string, NewKeyPair][] = [];
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      throw invalid(`${file}: not valid JSON`, 'write {"member": "PUBLIC:PRIVATE"} or MEMBER=PUBLIC:PRIVATE lines');
    }
    for (const [member, value] of Object.entries(json as Record<string, unknown>)) {
      const where = `${file}: "${member}"`;
      if (typeof value === 'string') out.push([member, splitPair(value, where)]);
      else if (value && typeof value === 'object' && typeof (value as NewKeyPair).publicKey === 'string' && typeof (value as NewKeyPair).privateKey === 'string') {
        out.push([member, checked((value as NewKeyPair).publicKey, (value as NewKeyPair).privateKey, where)]);
      } else throw invalid(`${where}: expected "PUBLIC:PRIVATE" or {"publicKey", "privateKey"}`);
    }
    return out;
  }
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${file}:${index + 1}`;
    const match = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!match) throw invalid(`${where}: expected MEMBER=PUBLIC:PRIVATE`);
    const member = (match[1] as string).replace(/^CWCTL_NEW_KEY_/i, '');
    out.push([member, splitPair((match[2] as string).replace(/^["']|["']$/g, ''), where)]);
  });
  return out;
}

function splitPair(value: string, where: string): NewKeyPair {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) throw invalid(`${where}: expected PUBLIC:PRIVATE (the public key, a colon, the private key)`);
  return checked(value.slice(0, colon), value.slice(colon + 1), where);
}

function checked(publicKey: string, privateKey: string, where: string): NewKeyPair {
  if (/\s/.test(publicKey.trim()) || /\s/.test(privateKey.trim())) throw invalid(`${where}: the key pair contains white space (a paste error?)`);
  return { publicKey: publicKey.trim(), privateKey: privateKey.trim(), source: where };
}

function invalid(message: string, hint?: string): CwctlError {
  return new CwctlError(message, { exitCode: ExitCode.InvalidInput, code: 'invalid-new-keys', ...(hint ? { hint } : {}) });
}
