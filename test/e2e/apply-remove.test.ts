// Removal end to end: what leaves the YAML is deleted only if cwctl owns it, nothing live uses it and the
// safety cap allows it (--allow-deletes); a removed member is deactivated, never deleted. Also the state
// command: list, show (did-you-mean), rm (forget, the PSA untouched).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { runCwctl, startSim } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';

// CLI runs on a loaded 2-core machine (files run in parallel) can be slow: a generous bound, not a target.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const FULL = `version: 1
roles:
  - { name: Keep API, unlisted: ignore, permissions: { Service Desk / Service Tickets: { inquire: All } } }
  - { name: Gone API, unlisted: ignore, permissions: { Companies / Contacts: { inquire: All } } }
members:
  - { identifier: keep, name: Keep, role: Keep API, level: Corporate (Level 1), location: Tampa, businessUnit: Admin }
  - { identifier: gone, name: Gone, role: Gone API, level: Corporate (Level 1), location: Tampa, businessUnit: Admin }
mappings:
  managedDevices:
    - name: Rm RMM
      solution: Datto RMM
      crossReferences:
        - { vendorType: Desktop, configurationType: Managed Workstation }
        - { vendorType: Server, configurationType: Managed Server }
`;
const REDUCED = `version: 1
roles:
  - { name: Keep API, unlisted: ignore, permissions: { Service Desk / Service Tickets: { inquire: All } } }
members:
  - { identifier: keep, name: Keep, role: Keep API, level: Corporate (Level 1), location: Tampa, businessUnit: Admin }
mappings:
  managedDevices:
    - name: Rm RMM
      solution: Datto RMM
      crossReferences:
        - { vendorType: Desktop, configurationType: Managed Workstation }
`;

let h: SimHandle;
let dir: string;
const cwctl = (...args: string[]) => runCwctl(args, { cwd: dir, env: h.env });
const rows = (table: string) => h.sim.store.rows(table as never) as Record<string, unknown>[];

beforeAll(async () => {
  h = await startSim();
  dir = await mkdtemp(join(tmpdir(), 'cwctl-remove-'));
  await writeFile(join(dir, 'cwctl.yaml'), FULL);
  const first = await cwctl('apply', '--auto-approve', '--format', 'json');
  expect(first.code).toBe(8);
  // The person sets the two levels at the screens.
  for (const op of (JSON.parse(first.stdout) as { plan: Plan }).plan.operations) {
    if (op.type !== 'setRoleLevels') continue;
    const id = rows('securityRoles').find((r) => r.name === op.role)!.id as number;
    h.sim.store.setRoleLevels(id, op.cells.map((c) => ({ moduleName: c.module, moduleFunctionName: c.function, [`${c.kind}Level`]: c.to })));
  }
  expect((await cwctl('apply', '--auto-approve')).code).toBe(0);
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

describe('removing from the YAML', () => {
  it('is refused over the safety cap without --allow-deletes (exit 6), touching nothing', async () => {
    await writeFile(join(dir, 'cwctl.yaml'), REDUCED);
    h.sim.stats.reset();
    const run = await cwctl('apply', '--auto-approve');
    expect(run.code, run.stderr).toBe(6);
    expect(run.stderr).toContain('--allow-deletes');
    expect(h.sim.stats.snapshot().writes).toBe(0);
  });

  it('deletes the owned cross reference, deactivates the member, and refuses the role a member still holds', async () => {
    const run = await cwctl('apply', '--auto-approve', '--allow-deletes');
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/refusing to delete role Gone API: still used by gone/);
    expect(run.stderr).toMatch(/state saved|recorded in state/);
    const gone = rows('members').find((m) => m.identifier === 'gone')!;
    expect(gone.inactiveFlag).toBe(true); // deactivated, still there
    expect(rows('securityRoles').some((r) => r.name === 'Gone API')).toBe(true);
    const mapping = rows('managedDevicesIntegrations').find((m) => m.name === 'Rm RMM')!;
    const xrefs = await h.api<{ vendorType: string }[]>('GET', `/company/managedDevicesIntegrations/${mapping.id as number}/crossReferences`);
    expect(xrefs.map((x) => x.vendorType)).toEqual(['Desktop']);
    const list = JSON.parse((await cwctl('state', 'list', '--format', 'json')).stdout) as { resources: Record<string, unknown> };
    expect(Object.keys(list.resources)).not.toContain('mapping:managedDevices/Rm RMM/xref:Server');
    expect(Object.keys(list.resources)).toContain('member:gone');
  });

  it('state show suggests the address meant; state rm forgets without touching the PSA', async () => {
    const typo = await cwctl('state', 'show', 'role:Gone AP');
    expect(typo.code).toBe(3);
    expect(typo.stderr).toContain("did you mean 'role:Gone API'");
    h.sim.stats.reset();
    const forget = await cwctl('state', 'rm', 'role:Gone API');
    expect(forget.code, forget.stderr).toBe(0);
    expect(forget.stdout).toContain('forgot role:Gone API');
    expect(h.sim.stats.snapshot().total).toBe(0);
    const list = JSON.parse((await cwctl('state', 'list', '--format', 'json')).stdout) as { resources: Record<string, unknown> };
    expect(Object.keys(list.resources).some((a) => a.startsWith('role:Gone API'))).toBe(false);
    // Not owned any more: a later apply never deletes it.
    const after = await cwctl('apply', '--auto-approve', '--allow-deletes');
    expect(after.code, after.stderr).toBe(0);
    expect(rows('securityRoles').some((r) => r.name === 'Gone API')).toBe(true);
  });
});
