// A saved plan is untrusted input: edited operations, adoptions or safety findings are refused (exit 5) before
// any write, whether the checksum was left alone (tampered) or recomputed (no longer equal to a fresh plan's);
// a malformed file is exit 3; neither is ever exit 1. The untouched plan still applies.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { planChecksumOf } from '../../src/plan/plan-checksum.js';
import { runCwctl, startSim } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const YAML = `version: 1
roles:
  - { name: Tamper API, unlisted: ignore, permissions: { Service Desk / Service Tickets: { inquire: All } } }
members:
  - { identifier: tamper, name: Tamper, role: Tamper API, level: Corporate (Level 1), location: Tampa, businessUnit: Admin }
`;

let h: SimHandle;
let dir: string;
let saved: Plan;
const cwctl = (...args: string[]) => runCwctl(args, { cwd: dir, env: h.env });

beforeAll(async () => {
  h = await startSim();
  dir = await mkdtemp(join(tmpdir(), 'cwctl-tamper-'));
  await writeFile(join(dir, 'cwctl.yaml'), YAML);
  const planned = await cwctl('plan', '--out', 'plan.json');
  expect(planned.code, planned.stderr).toBe(0);
  saved = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as Plan;
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

const clone = (): Plan => JSON.parse(JSON.stringify(saved)) as Plan;
const adminRoleId = (): number => h.sim.store.rows('securityRoles').find((r) => r.name === 'Admin')!.id as number;

/** Edits a copy of the saved plan; the checksum is left as it was unless `reseal`. */
async function applyEdited(name: string, edit: (plan: Plan) => void, reseal = false) {
  const plan = clone();
  edit(plan);
  if (reseal) plan.checksum = planChecksumOf(plan);
  await writeFile(join(dir, name), JSON.stringify(plan));
  h.sim.stats.reset();
  const run = await cwctl('apply', name, '--allow-escalation', '--allow-deletes');
  return { run, writes: h.sim.stats.snapshot().writes };
}

describe('apply of an edited saved plan', () => {
  const edits: [string, (plan: Plan) => void][] = [
    ['an operation\'s role name', (p) => {
      const op = p.operations.find((o) => o.type === 'createRole')!;
      if (op.type === 'createRole') op.name = 'Evil API';
    }],
    ['a member\'s role to Admin', (p) => {
      const op = p.operations.find((o) => o.type === 'createMember')!;
      if (op.type === 'createMember') op.body.securityRole = { id: adminRoleId() };
    }],
    ['a deactivation of a member cwctl does not manage', (p) => {
      const victim = h.sim.store.rows('members').find((m) => m.identifier !== 'tamper')!;
      const identifier = victim.identifier as string;
      p.operations.push({
        id: `deactivateMember:member:${identifier}`, type: 'deactivateMember', address: `member:${identifier}`, dependsOn: [],
        executor: 'api', summary: 'deactivate', identifier, memberId: victim.id as number,
      });
    }],
    ['an adoption of the Admin role', (p) => {
      p.adopt.push({ address: 'role:Admin', kind: 'role', psaId: adminRoleId(), digest: 'sha256:0' });
    }],
    ['an added safety finding', (p) => {
      p.safety.push({ address: 'role:Tamper API', kind: 'escalation', message: 'x', allowFlag: '--allow-escalation' });
    }],
  ];

  it.each(edits)('%s, checksum left alone: refused as tampered (exit 5), nothing written', async (_what, edit) => {
    const { run, writes } = await applyEdited('edited.json', edit);
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toMatch(/changed after it was saved/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(writes).toBe(0);
  });

  it.each(edits)('%s, checksum recomputed: refused as not the fresh plan (exit 5), nothing written', async (_what, edit) => {
    const { run, writes } = await applyEdited('resealed.json', edit, true);
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toMatch(/checksum differs from a fresh plan/);
    expect(writes).toBe(0);
  });

  it('a malformed plan file is invalid input (exit 3), never an internal error', async () => {
    const cases: [string, string][] = [
      ['not JSON', '{"formatVersion": 1,'],
      ['no target', JSON.stringify({ ...clone(), target: undefined })],
      ['operations not a list', JSON.stringify({ ...clone(), operations: { a: 1 } })],
      ['a bad serial', JSON.stringify({ ...clone(), stateSerial: 'x' })],
      ['nested too deep to hash', JSON.stringify({ ...clone(), drift: [] }).replace('"drift":[]', `"drift":[${'['.repeat(200_000)}${']'.repeat(200_000)}]`)],
    ];
    for (const [what, text] of cases) {
      await writeFile(join(dir, 'bad.json'), text);
      const run = await cwctl('apply', 'bad.json');
      expect(run.code, `${what}: ${run.stderr}`).toBe(3);
      expect(run.stderr, what).toMatch(/bad\.json is not a saved cwctl plan/);
    }
  });

  it('the plan as saved still applies (exit 8: the checklist waits)', async () => {
    const run = await cwctl('apply', 'plan.json');
    expect(run.code, run.stderr).toBe(8);
    const roles = h.sim.store.rows('securityRoles').map((r) => r.name);
    expect(roles).toContain('Tamper API');
    expect(roles).not.toContain('Evil API');
  });
});
