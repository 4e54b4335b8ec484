// `cwctl check` end to end: the built CLI against a simulator where a role was made through the API and its
// levels set at the screens (/__sim/ui): fits (exit 0), lacks and exceeds (exit 2, JSON names the cells),
// member requirements, Table Setup read with the member's own keys, unknown member/profile (exit 3).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFunctions } from '../../src/catalogue/find-function.js';
import { findProfile } from '../../src/catalogue/profiles/index.js';
import type { CheckReport } from '../../src/inspect/build-check-report.js';
import { lookupId, runCwctl, startSim, uiSetting } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';

let handle: SimHandle;
let cwd: string;
let roleId: number;
let memberId: number;
const wise = findProfile('wise-sync')!;
// A function Wise-Sync does not need, whose Inquire column offers All: granting it is beyond the profile.
const extra = listFunctions().find((f) => !wise.permissions[f.key] && f.function.offers.inquire.includes('All'))!;
const [extraModule, extraFunction] = [extra.module.name, extra.function.name];

beforeAll(async () => {
  handle = await startSim();
  cwd = await mkdtemp(join(tmpdir(), 'cwctl-check-'));
  roleId = (await handle.api<{ id: number }>('POST', '/system/securityroles', { name: 'WiseSync API' })).id;
  await handle.ui('PUT', `/securityRoles/${roleId}/settings`, Object.entries(wise.permissions).map(([k, l]) => uiSetting(k, l)));
  await handle.ui('PUT', `/securityRoles/${roleId}/tableSetup`, [...(wise.customize.SystemTableSetup ?? [])]);
  const level = await lookupId(handle, '/system/myCompany/corporateStructureLevels', 'Corporate (Level 1)');
  memberId = (await handle.api<{ id: number }>('POST', '/system/apiMembers', {
    identifier: 'wisesync', name: 'Wise-Sync', securityRole: { id: roleId }, structureLevel: { id: level },
  })).id;
});
afterAll(async () => handle.close());

const check = (...args: string[]) => runCwctl(['check', '--profile', 'wise-sync', '--member', 'wisesync', ...args], { cwd, env: handle.env });

describe('cwctl check', () => {
  it('exits 0 when the role and the member fit the profile exactly', async () => {
    const run = await check('--format', 'json');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(report.missing).toEqual([]);
    expect(report.excess).toEqual([]);
    expect(report.member).toMatchObject({ role: { name: 'WiseSync API' }, level: 'Corporate (Level 1)' });
    expect(report.customize.every((c) => c.status === 'unverified')).toBe(wise.customize.SystemTableSetup !== undefined);
    expect(run.code).toBe(0);
  });

  it('exits 2 naming the cell the role lacks and the one it grants beyond, with the fix', async () => {
    const [firstKey] = Object.keys(wise.permissions);
    await handle.ui('PUT', `/securityRoles/${roleId}/settings`, [uiSetting(firstKey!, { inquire: 'None' }), uiSetting(extra.key, { inquire: 'All' })]);
    const run = await check('--format', 'json');
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(report.missing).toContainEqual({ function: firstKey, kind: 'inquire', have: 'None', need: wise.permissions[firstKey!]!.inquire });
    expect(report.excess).toContainEqual({ function: extra.key, kind: 'inquire', have: 'All', need: 'None' });
    expect(report.fix?.yaml).toContain('profiles:\n      - wise-sync');
    const text = await check();
    expect(text.code).toBe(2);
    expect(text.stdout).toContain(`System > Security Roles > WiseSync API > ${extraModule} > ${extraFunction}: Inquire Level: All -> None`);
  });

  it("reads Table Setup with the member's own keys and reports what is not allowed", async () => {
    const key = await handle.ui<{ publicKey: string; privateKey: string }>('POST', `/apiMembers/${memberId}/apiKeys`, { description: 'check' });
    await handle.ui('PUT', `/securityRoles/${roleId}/tableSetup`, []);
    const run = await runCwctl(['check', '--profile', 'wise-sync', '--member', 'wisesync', '--format', 'json'], {
      cwd, env: { ...handle.env, CWCTL_NEW_KEY_WISESYNC: `${key.publicKey}:${key.privateKey}` },
    });
    const report = JSON.parse(run.stdout) as CheckReport;
    const tableSetup = report.customize.find((c) => c.list === 'SystemTableSetup');
    if (wise.customize.SystemTableSetup?.length) {
      expect(tableSetup).toMatchObject({ status: 'missing', missing: [...wise.customize.SystemTableSetup] });
    }
    expect(run.stdout).not.toContain(key.privateKey);
    expect(run.stderr).not.toContain(key.privateKey);
  });

  it("takes the clientId for the member's keys from --credentials-file, as the run's own client does", async () => {
    const key = await handle.ui<{ publicKey: string; privateKey: string }>('POST', `/apiMembers/${memberId}/apiKeys`, { description: 'check file' });
    await handle.ui('PUT', `/securityRoles/${roleId}/tableSetup`, []);
    const file = join(cwd, 'credentials.env');
    await writeFile(file, `CWCTL_PUBLIC_KEY=${handle.env.CWCTL_PUBLIC_KEY!}\nCWCTL_PRIVATE_KEY=${handle.env.CWCTL_PRIVATE_KEY!}\nCWCTL_CLIENT_ID=${handle.env.CWCTL_CLIENT_ID!}\n`, { mode: 0o600 });
    const { CWCTL_PUBLIC_KEY: _p, CWCTL_PRIVATE_KEY: _k, CWCTL_CLIENT_ID: _c, ...target } = handle.env;
    const run = await runCwctl(['check', '--profile', 'wise-sync', '--member', 'wisesync', '--format', 'json', '--credentials-file', file], {
      cwd, env: { ...target, CWCTL_NEW_KEY_WISESYNC: `${key.publicKey}:${key.privateKey}` },
    });
    expect(run.stderr).not.toMatch(/CWCTL_CLIENT_ID is not/);
    const report = JSON.parse(run.stdout) as CheckReport;
    if (wise.customize.SystemTableSetup?.length) {
      expect(report.customize.find((c) => c.list === 'SystemTableSetup')).toMatchObject({ status: 'missing' });
    }
  });

  it('exits 3 with a did-you-mean for an unknown member or profile', async () => {
    const member = await runCwctl(['check', '--profile', 'wise-sync', '--member', 'wisesynk'], { cwd, env: handle.env });
    expect(member.code).toBe(3);
    expect(member.stderr).toContain("no API member 'wisesynk'");
    expect(member.stderr).toContain("did you mean 'wisesync'?");
    const profile = await runCwctl(['check', '--profile', 'wise-synk', '--member', 'wisesync'], { cwd, env: handle.env });
    expect(profile.code).toBe(3);
    expect(profile.stderr).toContain("did you mean 'wise-sync'?");
  });
});
