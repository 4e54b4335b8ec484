import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newKeysFileMissing, openKeyIntake, readNewKeysFile } from './key-intake.js';
import { createKeySink } from './key-sink.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cwctl-keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const secretFile = async (name: string, text: string): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, text, { mode: 0o600 });
  return path;
};

describe('key intake', () => {
  it('reads MEMBER=PUBLIC:PRIVATE lines (several per member, in order) and the environment, reporting every private key', async () => {
    const file = await secretFile('keys.env', '# comment\n\nreporting=PUB1:PRIV1\nexport reporting=PUB2:PRIV2\nCWCTL_NEW_KEY_bg="PUB3:PRIV3"\n');
    const secrets: string[] = [];
    const intake = await openKeyIntake({ env: { CWCTL_NEW_KEY_WISESYNC: 'PUB4:PRIV4' }, file, onSecret: (s) => secrets.push(s) });
    expect(intake.candidates('reporting').map((p) => p.publicKey)).toEqual(['PUB1', 'PUB2']);
    expect(intake.known('BG')?.privateKey).toBe('PRIV3');
    expect(intake.known('wisesync')).toMatchObject({ publicKey: 'PUB4', source: 'CWCTL_NEW_KEY_WISESYNC' });
    expect(intake.has('nobody')).toBe(false);
    expect(secrets.sort()).toEqual(['PRIV1', 'PRIV2', 'PRIV3', 'PRIV4']);
  });

  it('takes every pair a CWCTL_NEW_KEY_<MEMBER> variable holds (a member with two new keys), in order', async () => {
    const secrets: string[] = [];
    const intake = await openKeyIntake({ env: { CWCTL_NEW_KEY_BG: 'PUBP:PRIVP\nPUBS:PRIVS' }, onSecret: (v) => secrets.push(v) });
    expect(intake.candidates('bg').map((p) => [p.publicKey, p.source])).toEqual([['PUBP', 'CWCTL_NEW_KEY_BG'], ['PUBS', 'CWCTL_NEW_KEY_BG']]);
    expect(secrets.sort()).toEqual(['PRIVP', 'PRIVS']);
  });

  it('reads JSON in both shapes', async () => {
    const file = await secretFile('keys.json', JSON.stringify({ a: 'P:Q', b: { publicKey: 'R', privateKey: 'S' } }));
    expect((await readNewKeysFile(file)).map(([m, p]) => `${m}=${p.publicKey}:${p.privateKey}`)).toEqual(['a=P:Q', 'b=R:S']);
  });

  it('names file:line of a bad line without echoing the value, and refuses a file others can read', async () => {
    const file = await secretFile('bad.env', 'ok=A:B\nbroken-line-SECRETVALUE\n');
    const error = (await readNewKeysFile(file).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(`${file}:2: expected MEMBER=PUBLIC:PRIVATE`);
    if (process.platform !== 'win32') {
      await chmod(file, 0o644);
      await expect(readNewKeysFile(file)).rejects.toThrow(/readable by other users/);
    }
  });

  it('asks the prompt once per member and description, and keeps what was typed', async () => {
    let asked = 0;
    const intake = await openKeyIntake({ env: {}, prompt: () => Promise.resolve((asked += 1, { publicKey: ' P ', privateKey: 'Q' })) });
    expect(await intake.ask('m', 'prod')).toMatchObject({ publicKey: 'P', privateKey: 'Q', source: 'prompt' });
    expect(await intake.ask('m', 'prod')).toBeUndefined();
    expect(asked).toBe(1);
    expect(intake.known('m')?.publicKey).toBe('P');
  });
});

describe('key sinks', () => {
  it('writes a 0600 file in the --new-keys format, replacing only the same member and description', async () => {
    const path = join(dir, 'out.env');
    const sink = createKeySink({ keysOut: path })!;
    await sink.put({ identifier: 'rep', description: 'reports', publicKey: 'P1', privateKey: 'S1', verifiedAt: 't1' });
    await sink.put({ identifier: 'rep', description: 'wallboard', publicKey: 'P2', privateKey: 'S2', verifiedAt: 't2' });
    await sink.put({ identifier: 'rep', description: 'reports', publicKey: 'P3', privateKey: 'S3', verifiedAt: 't3' });
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('P1:S1');
    expect((await readNewKeysFile(path)).map(([m, p]) => `${m}=${p.publicKey}`)).toEqual(['rep=P3', 'rep=P2']);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('in GitHub Actions masks the private key first, then writes step outputs', async () => {
    const output = join(dir, 'github_output');
    const emitted: string[] = [];
    const sink = createKeySink({ env: { GITHUB_OUTPUT: output }, emitWorkflowCommand: (l) => emitted.push(l) })!;
    await sink.put({ identifier: 'bright-gauge', description: 'BG prod', publicKey: 'PUB', privateKey: 'PRIV', verifiedAt: 't' });
    expect(emitted).toEqual(['::add-mask::PRIV']);
    expect(await readFile(output, 'utf8')).toBe('bright_gauge_bg_prod_public_key=PUB\nbright_gauge_bg_prod_private_key=PRIV\n');
  });

  it('under a wrapper that captures stdout, writes the outputs and prints no mask line', async () => {
    const output = join(dir, 'github_output2');
    const sink = createKeySink({ env: { GITHUB_OUTPUT: output } })!;
    await sink.put({ identifier: 'm', description: 'd', publicKey: 'PUB', privateKey: 'PRIV', verifiedAt: 't' });
    expect(sink.describe).toContain('not masked');
    expect(await readFile(output, 'utf8')).toContain('m_d_private_key=PRIV');
  });

  it('has no sink when none is asked for', () => {
    expect(createKeySink({ env: {} })).toBeUndefined();
  });

  it('refresh() reads the --new-keys file again once it changed, keeping the pairs already known', async () => {
    const file = await secretFile('new-keys.env', 'reporting=PUB1:PRIV1\n');
    const secrets: string[] = [];
    const intake = await openKeyIntake({ env: {}, file, onSecret: (s) => secrets.push(s) });
    await intake.refresh?.();
    expect(intake.candidates('reporting').map((p) => p.publicKey)).toEqual(['PUB1']);
    await writeFile(file, 'bg=PUB2:PRIV2\n', { mode: 0o600 });
    expect(intake.has('bg')).toBe(false);
    await intake.refresh?.();
    expect(intake.known('bg')).toMatchObject({ publicKey: 'PUB2', privateKey: 'PRIV2' });
    expect(intake.candidates('reporting').map((p) => p.publicKey)).toEqual(['PUB1']);
    expect(secrets).toContain('PRIV2');
    expect('refresh' in (await openKeyIntake({ env: {} }))).toBe(false);
  });

  it('waits for a --new-keys file missing at the start (apply --wait), reading it with its mode checked once it appears', async () => {
    const file = join(dir, 'later.env');
    await expect(openKeyIntake({ env: {}, file })).rejects.toThrow(/cannot read the new keys file \(ENOENT\)/);
    expect(await newKeysFileMissing(file)).toBe(true);
    const intake = await openKeyIntake({ env: {}, file, waitForFile: true });
    await intake.refresh?.();
    expect(intake.has('bg')).toBe(false);
    await writeFile(file, 'bg=PUB1:PRIV1\n', { mode: 0o644 });
    await chmod(file, 0o644);
    await expect(intake.refresh?.()).rejects.toThrow(/readable by other users/);
    await chmod(file, 0o600);
    await intake.refresh?.();
    expect(intake.known('bg')).toMatchObject({ publicKey: 'PUB1', privateKey: 'PRIV1' });
    expect(await newKeysFileMissing(file)).toBe(false);
  });
});
