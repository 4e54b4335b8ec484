// The user's own profiles (profiles/ beside the YAML): same format and schema as the built-ins, found by every
// lookup, bad files reported at file:line with a fix.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../config/load-desired-state.js';
import { findProfile, PROFILES, useUserProfiles } from './index.js';
import { loadUserProfiles, validateProfileValue } from './load-user-profiles.js';

afterEach(() => useUserProfiles([]));

const OWN = `name: acme-sync
title: Acme Sync
source: { url: https://docs.acme.example/connectwise, read: 2026-11-30 }
permissions:
  Companies / Company Maintenance: { inquire: All }
  Service Desk / Service Tickets: { add: All, inquire: All }
optional:
  Finance / Agreements: { inquire: All }
tiers:
  - name: billing
    title: Billing sync
    permissions:
      Finance / Agreements: { inquire: All }
customize:
  SystemTableSetup: [Service / Service Board]
member: { level: Corporate (Level 1), requiresLocation: false, requiresBusinessUnit: false }
notes: [Read from the vendor page.]
`;

async function project(profileFiles: Record<string, string>, roles: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cwctl-own-profiles-'));
  await mkdir(join(dir, 'profiles'));
  for (const [name, text] of Object.entries(profileFiles)) await writeFile(join(dir, 'profiles', name), text);
  await writeFile(join(dir, 'cwctl.yaml'), `version: 1\nroles:\n${roles}`);
  return dir;
}

describe('user profiles', () => {
  it.each(PROFILES.map((p) => [p.name, p] as const))('built-in %s fits the profile schema users write to', async (_n, p) => {
    expect(await validateProfileValue(JSON.parse(JSON.stringify(p)))).toEqual([]);
  });

  it('are found by a role beside them, with their tiers, and never grant optional rows', async () => {
    const dir = await project({ 'acme.yaml': OWN }, '  - name: A\n    profiles: [acme-sync]\n  - name: B\n    profiles: [acme-sync:billing]\n');
    const { state, diagnostics } = await loadDesiredState(join(dir, 'cwctl.yaml'));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [a, b] = state!.roles;
    expect(a!.permissions['Service Desk / Service Tickets']).toEqual({ add: 'All', edit: 'None', delete: 'None', inquire: 'All' });
    expect(a!.permissions['Finance / Agreements']?.inquire).toBe('None');
    expect(b!.permissions['Finance / Agreements']?.inquire).toBe('All');
    expect(a!.customize.SystemTableSetup).toEqual(['Service / Service Board']);
    expect(findProfile('acme-sync')?.origin).toEqual({ kind: 'user', file: join(dir, 'profiles', 'acme.yaml') });
  });

  it('reports a bad level at its file, line and column, with a did-you-mean, and the YAML does not load', async () => {
    const dir = await project({ 'acme.yaml': OWN.replace('{ add: All, inquire: All }', '{ add: Al, inquire: All }') }, '  - name: A\n    profiles: [acme-sync]\n');
    const { state, diagnostics } = await loadDesiredState(dir);
    expect(state).toBeUndefined();
    const bad = diagnostics.find((d) => d.code === 'invalid-profile');
    expect(bad?.source).toMatchObject({ file: join(dir, 'profiles', 'acme.yaml'), line: 6 });
    expect(bad?.summary).toContain("'Al' is not one of None, My, All");
    expect(bad?.hint).toBe("did you mean 'All'?");
  });

  it('refuses a profile without its source, and a name defined twice', async () => {
    const noSource = OWN.replace(/^source:.*\n/m, '');
    const dir = await project({ 'a.yaml': OWN, 'b.yaml': OWN, 'c.yaml': noSource.replace('acme-sync', 'other') }, '  - name: A\n');
    const { diagnostics } = await loadUserProfiles(dir);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['duplicate-profile', 'invalid-profile']);
    expect(diagnostics.find((d) => d.code === 'invalid-profile')?.summary).toContain("missing required key 'source'");
  });

  it('warns when a user profile replaces a built-in, and uses the user one', async () => {
    const dir = await project({ 'bg.yaml': OWN.replace('name: acme-sync', 'name: brightgauge') }, '  - name: A\n    profiles: [brightgauge]\n');
    const { state, diagnostics } = await loadDesiredState(dir);
    expect(diagnostics.map((d) => d.code)).toContain('profile-replaces-builtin');
    expect(state!.roles[0]!.permissions['Finance / Invoicing']?.inquire).toBe('None');
  });
});
