// `cwctl audit` end to end: the built CLI against a simulator holding API members whose roles were set at the
// screens (/__sim/ui): one exactly a profile, one a tier plus a cell more, one with a profile's optional rows, one
// sharing a role, one fitting the user's own profile (profiles/ beside the YAML), and the seeded Admin members.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProfile } from '../../src/catalogue/profiles/index.js';
import type { ProfileRows } from '../../src/catalogue/types.js';
import type { AuditReport } from '../../src/inspect/build-audit-report.js';
import { lookupId, runCwctl, startSim, uiSetting } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';

let handle: SimHandle;
let cwd: string;

const ACME: ProfileRows = { 'Companies / Company Maintenance': { inquire: 'All' }, 'Procurement / Products': { add: 'All', inquire: 'All' } };

async function member(identifier: string, roleName: string, rows: ProfileRows | undefined): Promise<void> {
  const roles = await handle.api<{ id: number; name: string }[]>('GET', '/system/securityroles?pageSize=1000');
  let roleId = roles.find((r) => r.name === roleName)?.id;
  if (roleId === undefined) {
    roleId = (await handle.api<{ id: number }>('POST', '/system/securityroles', { name: roleName })).id;
    await handle.ui('PUT', `/securityRoles/${roleId}/settings`, Object.entries(rows ?? {}).map(([k, l]) => uiSetting(k, l)));
  }
  const level = await lookupId(handle, '/system/myCompany/corporateStructureLevels', 'Corporate (Level 1)');
  await handle.api('POST', '/system/apiMembers', { identifier, name: identifier, securityRole: { id: roleId }, structureLevel: { id: level } });
}

beforeAll(async () => {
  handle = await startSim();
  cwd = await mkdtemp(join(tmpdir(), 'cwctl-audit-'));
  await mkdir(join(cwd, 'profiles'));
  await writeFile(join(cwd, 'profiles', 'acme.yaml'), [
    'name: acme-sync', 'title: Acme Sync', 'source: { url: https://acme.example/cw, read: 2026-11-30 }',
    'permissions:', ...Object.entries(ACME).map(([k, l]) => `  ${k}: ${JSON.stringify(l)}`),
    'member: { level: Corporate (Level 1), requiresLocation: false, requiresBusinessUnit: false }', '',
  ].join('\n'));
  const central = findProfile('n-able-n-central')!;
  await member('bg', 'BrightGauge API', findProfile('brightgauge')!.permissions);
  await member('bg2', 'BrightGauge API', undefined);
  await member('me', 'ManageEngine API', { ...findProfile('manageengine-endpoint-central:asset-sync')!.permissions, 'Finance / Invoicing': { inquire: 'All' } });
  await member('ncentral', 'N-central API', { ...central.permissions, ...central.optional });
  await member('acme', 'Acme API', ACME);
}, 60_000);
afterAll(async () => handle.close());

const audit = (...args: string[]) => runCwctl(['audit', ...args], { cwd, env: handle.env });

describe('cwctl audit', () => {
  it('names for each API member the profile its role fits, what it grants beyond, shared roles and Admins (exit 2)', async () => {
    const run = await audit('--format', 'json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as AuditReport;
    const by = (id: string) => report.members.find((m) => m.identifier === id)!;

    expect(by('bg')).toMatchObject({ closest: 'brightgauge', beyond: [], verdict: 'least-privilege', sharesRoleWith: ['bg2'] });
    expect(by('me')).toMatchObject({ closest: 'manageengine-endpoint-central:asset-sync', verdict: 'beyond' });
    expect(by('me').beyond).toEqual([{ function: 'Finance / Invoicing', kind: 'inquire', have: 'All', need: 'None' }]);
    // The page's optional rows are granted, and documented: least privilege still.
    expect(by('ncentral')).toMatchObject({ closest: 'n-able-n-central', beyond: [], verdict: 'least-privilege' });
    expect(by('ncentral').optionalGranted.map((c) => `${c.function} ${c.kind}`).sort()).toEqual([
      'Finance / Agreements edit', 'Finance / Agreements inquire', 'Finance / Billing View Time inquire',
    ]);
    // The user's own profile, from profiles/ beside the YAML.
    expect(by('acme')).toMatchObject({ closest: 'acme-sync', verdict: 'least-privilege' });

    expect(report.sharedRoles).toContainEqual({ role: 'BrightGauge API', members: ['bg', 'bg2'] });
    expect(report.admins.length).toBeGreaterThan(0);
    for (const id of report.admins) expect(by(id)).toMatchObject({ verdict: 'admin', role: { admin: true } });
    expect(report.beyondLeastPrivilege).toBe(true);
  });

  it('says the same as text and as markdown', async () => {
    const text = await audit();
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('me (me): grants beyond its profile');
    expect(text.stdout).toContain('- Finance / Invoicing: inquire All');
    expect(text.stdout).toContain('- BrightGauge API: bg, bg2');
    const md = await audit('--format', 'markdown');
    expect(md.code).toBe(2);
    expect(md.stdout).toContain('| Member | Role | Closest profile | Beyond | Shared with | Verdict |');
    expect(md.stdout).toContain("| `me` | ManageEngine API | `manageengine-endpoint-central:asset-sync` | 1 | - | grants beyond its profile |");
  });

  it('stops with exit 3 at a broken profile of the user, naming the file', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'cwctl-audit-bad-'));
    await mkdir(join(bad, 'profiles'));
    await writeFile(join(bad, 'profiles', 'x.yaml'), 'name: x\ntitle: X\n');
    const run = await runCwctl(['audit'], { cwd: bad, env: handle.env });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(join('profiles', 'x.yaml'));
    expect(run.stderr).toContain("missing required key 'source'");
  });
});
