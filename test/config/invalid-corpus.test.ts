// The corpus of broken desired-state files (test/fixtures/invalid-*/): each must be refused with the right code,
// at the right line, in plain words, with exit code 3 from the real CLI and never a stack trace.
// Every case runs in-process through loadDesiredState; the CLI run covers one case of every kind (a process per
// case costs ~1 s of CPU here), plus a 5 MB junk file and a 1 MB YAML file generated at test time (the 5 MB
// valid-file figure is bench/validate-large.ts: no timings in tests). The CLI runs from dist/ (npm run build).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/config/load-desired-state.js';

const run = promisify(execFile);
const FIXTURES = 'test/fixtures';
const CLI = 'dist/cli/main.js';

interface Case {
  fixture: string;
  code: string;
  line: number;
  words: string[];
  /** For a directory fixture: the file the message points at. */
  file?: string;
  /** Also run through the CLI. */
  cli?: boolean;
}

const CASES: Case[] = [
  { fixture: 'yaml-unclosed-flow', code: 'yaml-syntax', line: 3, words: ['YAML syntax error', 'end with a ]'], cli: true },
  { fixture: 'yaml-bad-indent', code: 'yaml-syntax', line: 4, words: ['YAML syntax error'] },
  { fixture: 'yaml-tab-indent', code: 'yaml-syntax', line: 3, words: ['Tabs are not allowed'] },
  { fixture: 'yaml-duplicate-key', code: 'yaml-syntax', line: 4, words: ['unique'] },
  { fixture: 'yaml-multiple-docs', code: 'yaml-syntax', line: 3, words: ['multiple documents'] },
  { fixture: 'yaml-alias-bomb', code: 'yaml-alias-bomb', line: 1, words: ['aliases expand too far', 'resource-exhaustion'], cli: true },
  { fixture: 'yaml-deep-nesting', code: 'yaml-too-deep', line: 1, words: ['nested deeper than 64'] },
  { fixture: 'yaml-unterminated-string', code: 'yaml-syntax', line: 4, words: ['Missing closing "quote'] },
  { fixture: 'empty-file', code: 'empty-file', line: 1, words: ['the file is empty'], cli: true },
  { fixture: 'only-comments', code: 'empty-file', line: 1, words: ['no YAML document'] },
  { fixture: 'binary-junk', code: 'not-text', line: 1, words: ['not text', 'NUL byte'], cli: true },
  { fixture: 'not-utf8', code: 'not-text', line: 1, words: ['not valid UTF-8'] },
  { fixture: 'top-level-list', code: 'wrong-type', line: 1, words: ['top level: expected a mapping', 'got a list'] },
  { fixture: 'top-level-scalar', code: 'wrong-type', line: 1, words: ['top level: expected a mapping', 'got a string'] },
  { fixture: 'missing-version', code: 'missing-key', line: 1, words: ["missing required key 'version'"], cli: true },
  { fixture: 'wrong-version', code: 'schema', line: 1, words: ['version: must be 1', 'the number 2'] },
  { fixture: 'version-string', code: 'schema', line: 1, words: ['version: must be 1', 'got a string'] },
  { fixture: 'unknown-top-key', code: 'unknown-key', line: 2, words: ["unknown key 'role'", 'expected version, psa, roles, members, mappings'] },
  { fixture: 'roles-not-list', code: 'wrong-type', line: 3, words: ['roles: expected a list, got a mapping'] },
  { fixture: 'role-missing-name', code: 'missing-key', line: 3, words: ["roles[0]: missing required key 'name'"] },
  { fixture: 'role-null', code: 'wrong-type', line: 3, words: ['roles[0]: expected a mapping', 'empty value'] },
  { fixture: 'role-unknown-key', code: 'unknown-key', line: 4, words: ["roles[0]: unknown key 'permission'"] },
  {
    fixture: 'level-key-typo', code: 'unknown-key', line: 5, cli: true,
    words: ["roles[0].permissions['Service Desk / Service Tickets']: unknown key 'inquiry' (expected add, edit, delete, inquire)"],
  },
  { fixture: 'levels-not-map', code: 'wrong-type', line: 5, words: ['expected a mapping (key: value), got a string'] },
  { fixture: 'level-number', code: 'wrong-type', line: 6, words: ['.inquire: expected a string, got the number 2'] },
  { fixture: 'ambiguous-function', code: 'ambiguous-function', line: 5, words: ['several modules', "'Service Desk / Reports'"], cli: true },
  { fixture: 'duplicate-permission', code: 'duplicate-permission', line: 6, words: ['the same function'] },
  { fixture: 'unknown-level', code: 'unknown-level', line: 5, words: ["unknown level 'Everything' (expected None, My or All)"], cli: true },
  { fixture: 'unknown-customize-id', code: 'unknown-key', line: 5, words: ["unknown key 'TableSetup'", "did you mean 'SystemTableSetup'?"] },
  { fixture: 'unlisted-value', code: 'schema', line: 4, words: ["'all' is not one of none, ignore"] },
  { fixture: 'external-not-bool', code: 'wrong-type', line: 4, words: ['external: expected true or false'] },
  { fixture: 'duplicate-role', code: 'duplicate-role', line: 5, words: ["role 'brightgaugeapi' is defined twice", 'cwctl.yaml:3:5'], cli: true },
  { fixture: 'duplicate-member', code: 'duplicate-member', line: 6, words: ["member 'BG' is defined twice"] },
  { fixture: 'member-unknown-role', code: 'unknown-role', line: 7, words: ["role 'r' is not declared", "did you mean 'R'?"] },
  { fixture: 'member-missing-level', code: 'missing-key', line: 5, words: ["members[0]: missing required key 'level'"] },
  { fixture: 'identifier-too-long', code: 'too-long', line: 5, words: ["'brightgauge-prod-1' is 18 characters", 'at most 15'], cli: true },
  { fixture: 'role-name-too-long', code: 'too-long', line: 3, words: ['role name', 'at most 30'] },
  { fixture: 'member-name-too-long', code: 'too-long', line: 6, words: ['member name', 'at most 30'] },
  { fixture: 'duplicate-api-key', code: 'duplicate-api-key', line: 12, words: ["'production' is repeated", 'cwctl.yaml:10:'], cli: true },
  { fixture: 'api-key-not-object', code: 'wrong-type', line: 9, words: ['apiKeys[0]: expected a mapping'] },
  { fixture: 'unknown-profile', code: 'unknown-profile', line: 6, words: ["unknown profile 'autotask'", 'brightgauge, datto-rmm'], cli: true },
  { fixture: 'profiles-not-list', code: 'wrong-type', line: 4, words: ['profiles: expected a list, got a string'] },
  { fixture: 'secret-private-key', code: 'secret-in-file', line: 6, words: ["'privateKey' holds a credential", 'CWCTL_PRIVATE_KEY'], cli: true },
  { fixture: 'secret-mapping-password', code: 'secret-in-file', line: 6, words: ["'globalLoginPassword' holds a credential"] },
  { fixture: 'secret-key-pair-value', code: 'secret-in-file', line: 4, words: ['looks like a PSA API key pair'] },
  { fixture: 'secret-basic-auth', code: 'secret-in-file', line: 4, words: ['looks like an Authorization header'] },
  { fixture: 'psa-missing-company', code: 'missing-key', line: 3, words: ["psa: missing required key 'company'"] },
  { fixture: 'member-bad-email', code: 'schema', line: 9, words: ['members[0].email: not a valid email'] },
  { fixture: 'mapping-login-by', code: 'schema', line: 6, words: ["'global' is not one of Global, Member", "did you mean 'Global'?"] },
  { fixture: 'mapping-name-too-long', code: 'too-long', line: 4, words: ['37 characters, the PSA allows at most 30'] },
  { fixture: 'cross-reference-missing-vendor-type', code: 'missing-key', line: 7, words: ["crossReferences[0]: missing required key 'vendorType'"] },
  { fixture: 'duplicate-cross-reference', code: 'duplicate-cross-reference', line: 8, words: ["vendorType 'Server' / vendorLevel 'managed' is defined twice"] },
  { fixture: 'external-role-with-permissions', code: 'external-role-managed', line: 5, words: ["role 'Admin' is external", 'sets profiles'], cli: true },
  { fixture: 'member-requirement', code: 'member-requirement', line: 6, words: ['no business unit', 'kaseya-quote-manager requires one'] },
  { fixture: 'dir-duplicate-role', file: 'roles-b.yaml', code: 'duplicate-role', line: 4, words: ["role 'BrightGaugeAPI' is defined twice", 'roles-a.yaml:3:5'], cli: true },
  { fixture: 'dir-psa-twice', file: 'b.yml', code: 'duplicate-psa', line: 3, words: ['psa: is set twice', 'a.yaml:3:3'] },
  { fixture: 'dir-member-role-elsewhere', file: 'members.yaml', code: 'unknown-role', line: 5, words: ["role 'WiseSynchAPI'", "did you mean 'WiseSyncAPI'?"] },
];

function targetOf(c: Case): { path: string; file: string } {
  const dir = join(FIXTURES, `invalid-${c.fixture}`);
  return c.file ? { path: dir, file: join(dir, c.file) } : { path: join(dir, 'cwctl.yaml'), file: join(dir, 'cwctl.yaml') };
}

const STACK = /^\s+at .+[:(]\d+:\d+\)?$/m;

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' }, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error: unknown) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('invalid corpus (in-process)', () => {
  it('covers every fixture directory, and there are at least 40', () => {
    const dirs = readdirSync(FIXTURES).filter((d) => d.startsWith('invalid-')).map((d) => d.slice('invalid-'.length)).sort();
    expect(dirs).toEqual(CASES.map((c) => c.fixture).sort());
    expect(dirs.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES.map((c) => [c.fixture, c] as const))('%s', async (_name, c) => {
    const { path, file } = targetOf(c);
    const { state, diagnostics } = await loadDesiredState(path);
    expect(state).toBeUndefined();
    const d = diagnostics.find((x) => x.code === c.code && x.severity === 'error' && x.source?.line === c.line);
    expect(d, JSON.stringify(diagnostics, null, 1)).toBeDefined();
    expect(d!.source).toMatchObject({ file, line: c.line });
    const text = `${d!.summary} ${d!.hint ?? ''}`;
    for (const w of c.words) expect(text).toContain(w);
  });
});

describe('invalid corpus (real CLI)', () => {
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
    dir = await mkdtemp(join(tmpdir(), 'cwctl-corpus-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cliCases = CASES.filter((c) => c.cli);
  it('runs one case of every kind', () => expect(cliCases.length).toBeGreaterThanOrEqual(15));

  it.concurrent.each(cliCases.map((c) => [c.fixture, c] as const))('%s exits 3 with file:line and no stack', async (_name, c) => {
    const { path, file } = targetOf(c);
    const r = await runCli(['validate', '-f', path]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${file}:${c.line}:`);
    expect(r.stderr).toContain(`error[${c.code}]`);
    for (const w of c.words) expect(r.stderr).toContain(w);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toContain('internal error');
  });

  it('refuses a 5 MB file of random bytes, without a stack trace', async () => {
    const junk = join(dir, 'junk.yaml');
    const bytes = Buffer.alloc(5 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24; // deterministic, contains NUL bytes
    await writeFile(junk, bytes);
    const r = await runCli(['validate', '-f', junk]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${junk}:1:1: error[not-text]`);
    expect(r.stderr).not.toMatch(STACK);
  });

  // An unknown function is a warning offline (the live PSA decides at plan): still found, at its line.
  it('finds the one unknown function in a generated 1 MB file, at its line', async () => {
    const lines = ['version: 1', 'roles:'];
    // Length kept as it grows: joining the whole list on every turn made building the file quadratic.
    let length = 0;
    for (let n = 0; length < 1024 * 1024; n++) {
      const role = [`  - name: Role ${n}`, '    unlisted: ignore', '    permissions:', '      Service Desk / Service Tickets: { inquire: All }', '      Companies / Contacts: { add: All, edit: My }'];
      lines.push(...role);
      length += role.join('\n').length + 1;
    }
    lines.push('  - name: The Last Role', '    permissions:', '      Service Desk / Service Tikets: { inquire: All }');
    const big = join(dir, 'big.yaml');
    await writeFile(big, `${lines.join('\n')}\n`);
    const { diagnostics } = await loadDesiredState(big);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'unknown-function', source: { file: big, line: lines.length, column: 7 } });
    expect(diagnostics[0]!.hint).toContain("did you mean 'Service Desk / Service Tickets'?");
  }, 120_000);

  it('prints JSON diagnostics with --format json', async () => {
    const { path } = targetOf(CASES.find((c) => c.fixture === 'ambiguous-function')!);
    const r = await runCli(['validate', '-f', path, '--format', 'json']);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout) as { valid: boolean; errors: number; diagnostics: { code: string; source: { line: number } }[] };
    expect(out.valid).toBe(false);
    expect(out.errors).toBe(1);
    expect(out.diagnostics[0]).toMatchObject({ code: 'ambiguous-function', source: { line: 5 } });
  });
});
