import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertPlanIntact } from '../apply/saved-plan.js';
import type { Plan } from '../model/plan.js';
import { planChecksumOf } from './plan-checksum.js';
import { readPlanSources, verifyPlanSources, withSources } from './plan-sources.js';

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'cwctl-sources-'));
  await mkdir(join(cwd, 'config', 'profiles'), { recursive: true });
  await writeFile(join(cwd, 'config', 'b.yaml'), 'version: 1\n');
  await writeFile(join(cwd, 'config', 'a.yml'), 'version: 1\n');
  await writeFile(join(cwd, 'config', 'notes.txt'), 'not read');
  await writeFile(join(cwd, 'config', 'profiles', 'mine.json'), '{}');
});
afterEach(async () => { await rm(cwd, { recursive: true, force: true }); });

const plan = (): Plan => {
  const p = {
    formatVersion: 1 as const, createdAt: '2026-01-01T00:00:00Z', target: { site: 's', company: 'c', sandbox: true }, stateLineage: null, stateSerial: null,
    changes: [], drift: [], operations: [], guided: [], adopt: [], safety: [],
    summary: { create: 0, update: 0, delete: 0, replace: 0, api: 0, guided: 0, drift: 0, escalations: 0, adopt: 0 }, requestCount: 0,
  };
  return { ...p, checksum: planChecksumOf(p) };
};

describe('plan sources', () => {
  it('records the YAML files and profiles the loaders read, relative to the working directory; none outside it', async () => {
    const sources = (await readPlanSources('config', cwd))!;
    expect(sources.file).toBe('config');
    expect(sources.files.map((f) => f.path)).toEqual(['config/a.yml', 'config/b.yaml', 'config/profiles/mine.json']);
    expect(sources.files[0]!.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await readPlanSources(join(cwd, 'config'), join(cwd, 'config', 'profiles'))).toBeUndefined();
  });

  it('seals the sources under the checksum, and verifies them until a file changes', async () => {
    const sourced = withSources(plan(), (await readPlanSources('config', cwd))!);
    expect(() => assertPlanIntact(sourced)).not.toThrow();
    expect(() => assertPlanIntact({ ...sourced, sources: { ...sourced.sources!, file: 'elsewhere' } })).toThrow(expect.objectContaining({ exitCode: 5 }));
    expect(await verifyPlanSources(sourced, 'plan.json', cwd)).toBe('config');
    await writeFile(join(cwd, 'config', 'profiles', 'mine.json'), '{"x":1}');
    await expect(verifyPlanSources(sourced, 'plan.json', cwd)).rejects.toMatchObject({ exitCode: 5, code: 'stale-plan-sources', message: expect.stringContaining('config/profiles/mine.json changed') });
  });

  it.each([
    ['an absolute root', { file: '/etc', files: [] }],
    ['a root above the directory', { file: '..', files: [] }],
    ['a file above the directory', { file: 'config', files: [{ path: 'config/../../passwd', digest: 'sha256:0' }] }],
    ['a directory as a file', { file: 'config', files: [{ path: 'config/profiles', digest: 'sha256:0' }] }],
    ['a malformed list', { file: 'config', files: 'config/a.yml' }],
  ])('refuses %s (exit 3)', async (_, sources) => {
    // As a saved plan arrives: JSON read from disk, whose sources need not have the type's shape.
    const fromDisk: Plan = JSON.parse(JSON.stringify({ ...plan(), sources }));
    await expect(verifyPlanSources(fromDisk, 'plan.json', cwd)).rejects.toMatchObject({ exitCode: 3, code: 'invalid-plan' });
  });
});
