import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDesiredState } from './load-desired-state.js';
import { loadYamlFiles, MAX_FILE_BYTES, spanOf } from './load.js';
import { parseYamlText } from './parse-yaml-document.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cwctl-load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('parseYamlText', () => {
  it('keeps positions of values and keys', () => {
    const { document } = parseYamlText('f.yaml', 'version: 1\nroles:\n  - name: A\n    permissions:\n      "X / Y": { add: All }\n');
    expect(spanOf(document!, ['roles', 0, 'name'])).toEqual({ file: 'f.yaml', line: 3, column: 11 });
    expect(spanOf(document!, ['roles', 0, 'permissions', 'X / Y'], 'key')).toEqual({ file: 'f.yaml', line: 5, column: 7 });
    expect(spanOf(document!, ['roles', 0, 'permissions', 'X / Y', 'add'])).toEqual({ file: 'f.yaml', line: 5, column: 23 });
    // a missing path falls back to its nearest parent
    expect(spanOf(document!, ['roles', 0, 'nope']).line).toBe(3);
  });

  it('reports syntax errors with their position', () => {
    const { document, diagnostics } = parseYamlText('f.yaml', 'version: 1\nroles:\n  - name: [A\n');
    expect(document).toBeUndefined();
    // yaml reports an unclosed flow sequence where the input ends
    expect(diagnostics[0]).toMatchObject({ code: 'yaml-syntax', source: { line: 4, column: 1 } });
    expect(diagnostics[0]?.summary).toContain('end with a ]');
    const dup = parseYamlText('f.yaml', 'version: 1\nversion: 1\n').diagnostics[0];
    expect(dup).toMatchObject({ code: 'yaml-syntax', source: { line: 2, column: 1 } });
    expect(dup?.summary).toContain('unique');
  });

  it('refuses alias bombs', () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    const { diagnostics } = parseYamlText('f.yaml', bomb);
    expect(diagnostics[0]?.code).toBe('yaml-alias-bomb');
  });

  it('allows a few ordinary anchors', () => {
    const { diagnostics } = parseYamlText('f.yaml', 'x: &ro { inquire: All }\ny: *ro\nz: *ro\n');
    expect(diagnostics).toEqual([]);
  });

  it('refuses absurd nesting without a stack trace', () => {
    const deep = `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const { diagnostics } = parseYamlText('f.yaml', deep);
    expect(diagnostics[0]?.code).toMatch(/yaml-too-deep|yaml-syntax/);
    const moderate = `a: ${'['.repeat(100)}${']'.repeat(100)}\n`;
    expect(parseYamlText('f.yaml', moderate).diagnostics[0]?.code).toBe('yaml-too-deep');
  });

  it('refuses several documents in one file', () => {
    const { diagnostics } = parseYamlText('f.yaml', 'version: 1\n---\nversion: 1\n');
    expect(diagnostics[0]?.summary).toMatch(/multiple documents/);
    expect(diagnostics[0]?.hint).toMatch(/one document/);
  });
});

describe('loadYamlFiles', () => {
  it('refuses a file over the size limit before parsing it', async () => {
    const big = await put('big.yaml', Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
    const { diagnostics } = await loadYamlFiles(big);
    expect(diagnostics[0]).toMatchObject({ code: 'file-too-large' });
    expect(diagnostics[0]?.summary).toContain('10.0 MB');
  });

  it('refuses binary and non-UTF-8 files', async () => {
    expect((await loadYamlFiles(await put('bin.yaml', Buffer.from([0x76, 0x00, 0xff])))).diagnostics[0]?.code).toBe('not-text');
    expect((await loadYamlFiles(await put('latin1.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a])))).diagnostics[0]?.code).toBe('not-text');
  });

  it('says so when the file is missing', async () => {
    const { diagnostics } = await loadYamlFiles(join(dir, 'nope.yaml'));
    expect(diagnostics[0]).toMatchObject({ code: 'file-not-found' });
    expect(diagnostics[0]?.hint).toContain('cwctl init');
  });
});

describe('a directory of files', () => {
  it('merges *.yaml and *.yml, ignoring other files, and names both places of a duplicate', async () => {
    const d = await mkdtemp(join(dir, 'multi-'));
    await writeFile(join(d, 'a-roles.yaml'), 'version: 1\nroles:\n  - name: R\n');
    await writeFile(join(d, 'b-members.yml'), 'version: 1\nmembers:\n  - { identifier: m, name: M, role: R, level: L }\n');
    await writeFile(join(d, 'notes.txt'), 'not yaml: [');
    const ok = await loadDesiredState(d);
    expect(ok.diagnostics).toEqual([]);
    expect(ok.state?.members[0]?.role).toBe('R');
    expect(ok.state?.files).toEqual([join(d, 'a-roles.yaml'), join(d, 'b-members.yml')]);

    await writeFile(join(d, 'c-more.yaml'), 'version: 1\n\nroles:\n  - name: r\n');
    const dup = await loadDesiredState(d);
    const diag = dup.diagnostics.find((x) => x.code === 'duplicate-role');
    expect(diag?.source).toEqual({ file: join(d, 'c-more.yaml'), line: 4, column: 5 });
    expect(diag?.summary).toContain(`${join(d, 'a-roles.yaml')}:3:5`);
  });

  it('refuses psa: in two files', async () => {
    const d = await mkdtemp(join(dir, 'psa-'));
    await writeFile(join(d, 'a.yaml'), 'version: 1\npsa: { site: a, company: b }\n');
    await writeFile(join(d, 'b.yaml'), 'version: 1\npsa: { site: a, company: b }\n');
    const { diagnostics } = await loadDesiredState(d);
    expect(diagnostics.map((x) => x.code)).toEqual(['duplicate-psa']);
  });

  it('says so when a directory holds no YAML', async () => {
    const d = await mkdtemp(join(dir, 'empty-'));
    expect((await loadDesiredState(d)).diagnostics[0]?.summary).toContain('no *.yaml');
  });
});
