// The js-yaml fast path must give exactly what the `yaml` path gives (state and every source position) for
// every valid file, and must never change a message for an invalid one.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/config/load-desired-state.js';
import { loadYamlFiles } from '../../src/config/load.js';

const examples = readdirSync('examples')
  .filter((d) => d !== 'workflows' && statSync(join('examples', d)).isDirectory())
  .map((d) => (readdirSync(join('examples', d)).length > 1 ? join('examples', d) : join('examples', d, 'cwctl.yaml')));
const fixtures = readdirSync('test/fixtures').filter((d) => d.startsWith('invalid-')).map((d) => {
  const dir = join('test/fixtures', d);
  return readdirSync(dir).length > 1 ? dir : join(dir, 'cwctl.yaml');
});

describe('fast path', () => {
  it('is taken for the examples', async () => {
    const loaded = await loadYamlFiles('examples/msp', { fast: true });
    expect(loaded.documents.every((d) => d.fast !== undefined)).toBe(true);
  });

  it.each(examples)('%s: same state and positions as the yaml path', async (path) => {
    const fast = await loadDesiredState(path);
    const slow = await loadDesiredState(path, { fast: false });
    expect(fast.diagnostics).toEqual([]);
    expect(fast.state).toBeDefined();
    expect(fast.state).toEqual(slow.state);
  });

  it.each(fixtures)('%s: same diagnostics as the yaml path', async (path) => {
    const fast = await loadDesiredState(path);
    const slow = await loadDesiredState(path, { fast: false });
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
    const slow = await loadDesiredState(file, { fast: false });
    expect(fast.state).toEqual(slow.state);
    expect(fast.state?.roles[1]?.source).toEqual({ file, line: 9, column: 7 });
    await rm(dir, { recursive: true, force: true });
  });
});
