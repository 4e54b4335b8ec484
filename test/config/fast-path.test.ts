// The js-yaml fast path must give exactly what the `yaml` path gives (state and every source position) for
// every valid file, and must never change a message for an invalid one.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/config/load-desired-state.js';
import { loadYamlFiles, spanOf } from '../../src/config/load.js';
import { FastSpans } from '../../src/config/load-fast.js';
import type { LoadedDocument, YamlPath } from '../../src/config/load.js';

const examples = readdirSync('examples')
  .filter((d) => d !== 'workflows' && statSync(join('examples', d)).isDirectory())
  .map((d) => (readdirSync(join('examples', d)).length > 1 ? join('examples', d) : join('examples', d, 'cwctl.yaml')));
const fixtures = readdirSync('test/fixtures').filter((d) => d.startsWith('invalid-')).map((d) => {
  const dir = join('test/fixtures', d);
  return readdirSync(dir).length > 1 ? dir : join(dir, 'cwctl.yaml');
});

/** Every path in a parsed value, plus for each collection one path that does not exist below it. */
function pathsOf(value: unknown, path: YamlPath = []): YamlPath[] {
  const out: YamlPath[] = [path];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...pathsOf(v, [...path, i])));
    out.push([...path, value.length]);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...path, k]));
    out.push([...path, 'no such key']);
  }
  return out;
}

function expectSameSpans(fast: LoadedDocument, slow: LoadedDocument): void {
  expect(fast.spans).toBeInstanceOf(FastSpans);
  for (const path of pathsOf(slow.value)) {
    for (const which of ['value', 'key'] as const) {
      expect({ path, which, span: spanOf(fast, path, which) }).toEqual({ path, which, span: spanOf(slow, path, which) });
    }
  }
}

describe('fast path', () => {
  it('is taken for the examples', async () => {
    const loaded = await loadYamlFiles('examples/msp');
    expect(loaded.documents.length).toBeGreaterThan(0);
    expect(loaded.documents.every((d) => d.spans instanceof FastSpans)).toBe(true);
  });

  it.each(examples)('%s: same state and positions as the yaml path', async (path) => {
    const fast = await loadDesiredState(path);
    const slow = await loadDesiredState(path, { exact: true });
    expect(fast.diagnostics).toEqual([]);
    expect(fast.state).toBeDefined();
    expect(fast.state).toEqual(slow.state);
  });

  it.each(examples)('%s: every node at the same line and column as the yaml path finds it', async (path) => {
    const fast = await loadYamlFiles(path);
    const slow = await loadYamlFiles(path, { exact: true });
    expect(fast.documents).toHaveLength(slow.documents.length);
    fast.documents.forEach((doc, i) => expectSameSpans(doc, slow.documents[i]!));
  });

  it.each(fixtures)('%s: same diagnostics as the yaml path', async (path) => {
    const fast = await loadDesiredState(path);
    const slow = await loadDesiredState(path, { exact: true });
    expect(fast.diagnostics.length).toBeGreaterThan(0);
    expect(fast.diagnostics).toEqual(slow.diagnostics);
  });

  it('keeps flow style, comments, quotes and blank values in the right place', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'cwctl-fast-'));
    const file = join(dir, 'c.yaml');
    await writeFile(file, [
      '# top comment', 'version: 1', 'roles:', '  # a role', '  - name: "Quoted Role"', '    permissions:',
      "      'Service Desk / Service Tickets':   # trailing", '        inquire: All', '  -   name: Spaced',
      '      unlisted: ignore', 'members:', '  - { identifier: a, name: A, role: Spaced, level: Corporate (Level 1) }', '',
    ].join('\n'));
    const fast = await loadDesiredState(file);
    const slow = await loadDesiredState(file, { exact: true });
    expect(fast.state).toEqual(slow.state);
    expect(fast.state?.roles[1]?.source).toEqual({ file, line: 9, column: 7 });
    expectSameSpans((await loadYamlFiles(file)).documents[0]!, (await loadYamlFiles(file, { exact: true })).documents[0]!);
    await rm(dir, { recursive: true, force: true });
  });
});
