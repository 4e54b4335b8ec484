import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CwctlError } from '../errors.js';
import { findMemberKeys, loadCredentials, memberKeyEnvSuffix, readMemberKeyListsFromEnv, readMemberKeysFromEnv } from './credentials.js';

const PRIV = 'VeryPrivateKey123';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cwctl-creds-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeSecret(name: string, text: string, mode = 0o600): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  await chmod(file, mode);
  return file;
}

async function failure(p: Promise<unknown>): Promise<CwctlError> {
  const error = await p.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CwctlError);
  expect((error as CwctlError).exitCode).toBe(3);
  expect(JSON.stringify({ m: (error as CwctlError).message, h: (error as CwctlError).hint })).not.toContain(PRIV);
  return error as CwctlError;
}

describe('loadCredentials', () => {
  it('reads the environment', async () => {
    const env = { CWCTL_PUBLIC_KEY: 'pub', CWCTL_PRIVATE_KEY: PRIV, CWCTL_CLIENT_ID: 'cid' };
    expect(await loadCredentials({ env })).toEqual({ publicKey: 'pub', privateKey: PRIV, clientId: 'cid' });
    expect(await loadCredentials({ env: {} })).toBeUndefined();
  });

  it('names what is missing from a partial set, never the values', async () => {
    const error = await failure(loadCredentials({ env: { CWCTL_PRIVATE_KEY: PRIV } }));
    expect(error.message).toBe('incomplete API credentials in the environment: CWCTL_PUBLIC_KEY, CWCTL_CLIENT_ID are missing (CWCTL_PRIVATE_KEY is set)');
  });

  it('reads KEY=VALUE files with comments, export and quotes', async () => {
    const file = await writeSecret('keys.env', `# cwctl\nexport CWCTL_PUBLIC_KEY=pub\nCWCTL_PRIVATE_KEY="${PRIV}"\nCWCTL_CLIENT_ID='cid'\nCWCTL_SITE=na.myconnectwise.net\nOTHER=1\n`);
    expect(await loadCredentials({ file, env: {} })).toEqual({ publicKey: 'pub', privateKey: PRIV, clientId: 'cid' });
  });

  it('reads JSON files', async () => {
    const file = await writeSecret('keys.json', JSON.stringify({ publicKey: 'pub', privateKey: PRIV, clientId: 'cid' }));
    expect(await loadCredentials({ file })).toEqual({ publicKey: 'pub', privateKey: PRIV, clientId: 'cid' });
  });

  it('points at file:line:col with a did-you-mean for a misspelt name', async () => {
    const file = await writeSecret('typo.env', `CWCTL_PUBLIC_KEY=pub\n  CWCTL_PRIVTE_KEY=${PRIV}\n`);
    const error = await failure(loadCredentials({ file }));
    expect(error.message).toBe(`${file}:2:3: unknown variable CWCTL_PRIVTE_KEY (did you mean CWCTL_PRIVATE_KEY?)`);
  });

  it('points at the JSON field and never quotes the file', async () => {
    const file = await writeSecret('typo.json', `{\n  "publicKey": "pub",\n  "privatKey": "${PRIV}"\n}`);
    const error = await failure(loadCredentials({ file }));
    expect(error.message).toBe(`${file}:3:3: unknown field 'privatKey' (did you mean 'privateKey'?)`);
    const broken = await writeSecret('broken.json', `{"publicKey": "pub", "privateKey": "${PRIV}",,}`);
    expect((await failure(loadCredentials({ file: broken }))).message).toMatch(/^.*broken\.json(:1:\d+)?: the credentials file is not valid JSON$/);
  });

  it('refuses a file others can read (POSIX), with the chmod fix', async () => {
    const file = await writeSecret('open.env', `CWCTL_PUBLIC_KEY=pub\nCWCTL_PRIVATE_KEY=${PRIV}\nCWCTL_CLIENT_ID=c\n`, 0o644);
    const error = await failure(loadCredentials({ file }));
    expect(error.message).toMatch(/readable by every user \(mode 644\); refusing to use it/);
    expect(error.hint).toBe(`chmod 600 '${file}'`);
    await chmod(file, 0o640);
    expect((await failure(loadCredentials({ file }))).message).toMatch(/readable by its group/);
  });

  it('says when the file is missing or incomplete', async () => {
    expect((await failure(loadCredentials({ file: join(dir, 'nope') }))).message).toMatch(/no such file/);
    const file = await writeSecret('part.env', `CWCTL_PRIVATE_KEY=${PRIV}\n`);
    expect((await failure(loadCredentials({ file }))).message).toMatch(/CWCTL_PUBLIC_KEY, CWCTL_CLIENT_ID are missing/);
  });

  it('rejects keys with white space inside (paste errors) without echoing them', async () => {
    const error = await failure(loadCredentials({ env: { CWCTL_PUBLIC_KEY: 'pub', CWCTL_PRIVATE_KEY: `${PRIV} x`, CWCTL_CLIENT_ID: 'c' } }));
    expect(error.message).toBe('environment: CWCTL_PRIVATE_KEY contains white space (a paste error?)');
  });
});

describe('readMemberKeysFromEnv', () => {
  it('parses CWCTL_NEW_KEY_<MEMBER>=PUBLIC:PRIVATE and matches identifiers case-insensitively', () => {
    const keys = readMemberKeysFromEnv({ CWCTL_NEW_KEY_BRIGHTGAUGE: 'pubA:privA:withcolon', CWCTL_NEW_KEY_DATTO_RMM: ' pubB:privB ', PATH: '/bin' });
    expect(Object.keys(keys).sort()).toEqual(['BRIGHTGAUGE', 'DATTO_RMM']);
    expect(findMemberKeys(keys, 'BrightGauge')).toEqual({ publicKey: 'pubA', privateKey: 'privA:withcolon', envName: 'CWCTL_NEW_KEY_BRIGHTGAUGE' });
    expect(findMemberKeys(keys, 'datto-rmm')?.publicKey).toBe('pubB');
    expect(findMemberKeys(keys, 'other')).toBeUndefined();
    expect(memberKeyEnvSuffix('a.b-c_d')).toBe('A_B_C_D');
  });

  it('names a malformed variable, never its value', () => {
    expect(() => readMemberKeysFromEnv({ CWCTL_NEW_KEY_X: PRIV })).toThrow('CWCTL_NEW_KEY_X: expected PUBLIC:PRIVATE (the public key, a colon, the private key)');
    expect(() => readMemberKeysFromEnv({ CWCTL_NEW_KEY_: 'a:b' })).toThrow(/member is missing/);
    expect(() => readMemberKeysFromEnv({ CWCTL_NEW_KEY_X: '   ' })).toThrow('CWCTL_NEW_KEY_X: expected PUBLIC:PRIVATE');
    // A space pasted into a pair splits it, and the half without a colon is refused, naming the variable only.
    expect(() => readMemberKeysFromEnv({ CWCTL_NEW_KEY_X: `pubA:pri ${PRIV}` })).toThrow(/CWCTL_NEW_KEY_X: expected PUBLIC:PRIVATE .*separated by spaces or new lines/);
    try {
      readMemberKeysFromEnv({ CWCTL_NEW_KEY_X: `pubA:pri ${PRIV}` });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(PRIV);
    }
  });

  it('reads several pairs of one member, separated by spaces or new lines, in order', () => {
    const lists = readMemberKeyListsFromEnv({ CWCTL_NEW_KEY_BG: ' pubA:privA\npubB:privB:x  pubC:privC ' });
    expect(lists.BG?.map((p) => [p.publicKey, p.privateKey])).toEqual([['pubA', 'privA'], ['pubB', 'privB:x'], ['pubC', 'privC']]);
    expect(readMemberKeysFromEnv({ CWCTL_NEW_KEY_BG: 'pubA:privA pubB:privB' }).BG?.publicKey).toBe('pubA');
  });
});
