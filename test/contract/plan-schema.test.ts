// schema/plan.schema.json is the published shape of the JSON plan: every golden plan, and plans the built CLI
// writes (`plan --format json` and `--out`) on the sandbox before and after an apply, must validate against it
// with ajv; a plan with a field or operation the schema does not know must not. Every JSON report carries a
// formatVersion.
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../e2e/helpers/cli.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { NOW, desired, desiredMember, desiredRole, live, liveMember, liveRole } from '../../src/plan/fixtures.js';
import { PUBLIC_API_CAPABILITIES } from '../../src/psa/client.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'plan.schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);
const problems = (value: unknown): string[] => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`));

const goldens = readdirSync(join(ROOT, 'test', 'golden'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('plan.schema.json', () => {
  it.each(goldens)('the golden plan %s validates', (name) => {
    const plan = JSON.parse(readFileSync(join(ROOT, 'test', 'golden', name, 'plan.json'), 'utf8')) as unknown;
    expect(problems(plan)).toEqual([]);
  });

  it('a plan with moved: renames (rename changes, renameRole and renameMember, plan.moved) validates', () => {
    const plan = buildPlan({
      desired: desired({
        roles: [desiredRole('New', {}, { unlisted: 'ignore' })],
        members: [desiredMember('newid', 'New', { name: 'oldid API' })],
        moved: [{ kind: 'role', from: 'Old', to: 'New' }, { kind: 'member', from: 'oldid', to: 'newid' }],
      }),
      live: live({ roles: [liveRole('Old', 7)], members: [liveMember('oldid', 70, { id: 7, name: 'Old' })] }),
      state: undefined, capabilities: PUBLIC_API_CAPABILITIES, now: NOW, target: { site: 'sandbox', company: 'sandbox' }, sandbox: true,
    });
    expect(plan.operations.map((o) => o.type)).toEqual(['renameRole', 'renameMember']);
    expect(plan.moved).toHaveLength(2);
    expect(problems(plan)).toEqual([]);
  });

  it('refuses an unknown operation type, a field it does not know and a bad checksum', () => {
    const plan = JSON.parse(readFileSync(join(ROOT, 'test', 'golden', 'scenario-mixed', 'plan.json'), 'utf8')) as { operations: { type: string }[]; checksum: string };
    expect(plan.operations.length).toBeGreaterThan(0);
    expect(problems({ ...plan, operations: [{ ...plan.operations[0], type: 'grantEverything' }] })).not.toEqual([]);
    expect(problems({ ...plan, surprise: true })).not.toEqual([]);
    expect(problems({ ...plan, checksum: 'md5:00' })).not.toEqual([]);
  });
});

describe('JSON written by the CLI', () => {
  let dir: string;
  const cwctl = (...args: string[]) => runCli(['-f', join(ROOT, 'examples', 'msp'), '--state-dir', join(dir, '.cwctl'), ...args], { cwd: dir, timeoutMs: 120_000 });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cwctl-plan-schema-'));
  });

  it('plan --format json and --out validate before and after an apply (with adoptions, guided steps, api keys)', async () => {
    const first = await cwctl('plan', '--format', 'json', '--out', 'plan.json');
    expect(first.code).toBe(0);
    const printed = JSON.parse(first.stdout) as { operations: unknown[] };
    expect(printed.operations.length).toBeGreaterThan(3);
    expect(problems(printed)).toEqual([]);
    expect(problems(JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')))).toEqual([]);

    expect((await cwctl('apply', 'plan.json', '--auto-approve', '--format', 'json')).code).toBe(8);
    const after = await cwctl('plan', '--format', 'json');
    expect(problems(JSON.parse(after.stdout))).toEqual([]);
  }, 180_000);

  it.each([
    ['validate'], ['profiles', 'list'], ['profiles', 'show', 'brightgauge'], ['state', 'list'], ['drift'],
  ])('%s --format json carries formatVersion 1', async (...command) => {
    const run = await cwctl(...command, '--format', 'json');
    expect(run.stderr).not.toMatch(/internal error/);
    expect((JSON.parse(run.stdout) as { formatVersion?: unknown }).formatVersion).toBe(1);
  }, 60_000);
});
