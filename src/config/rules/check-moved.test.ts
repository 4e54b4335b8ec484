// The `moved:` rule through the real pipeline: codes, the line and column the message points at, and that a
// good rename loads into DesiredState.moved.
import { describe, expect, it } from 'vitest';
import { loadDesiredStateFromText } from '../load-desired-state-from-text.js';

const file = (moved: string): string => `version: 1
roles:
  - { name: New API, unlisted: ignore }
  - { name: Other API, unlisted: ignore }
  - { name: Ext, external: true }
members:
  - { identifier: newid, name: N, role: New API, level: Corporate (Level 1) }
moved:
${moved}`;

const problems = (moved: string) => loadDesiredStateFromText(file(moved)).diagnostics.filter((d) => d.code.startsWith('moved') || d.code === 'schema');

describe('moved:', () => {
  it('loads a role and a member rename into DesiredState.moved', () => {
    const r = loadDesiredStateFromText(file('  - { from: role:Old API, to: role:New API }\n  - from: member:oldid\n    to: member:newid\n'));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.state?.moved?.map(({ kind, from, to }) => ({ kind, from, to }))).toEqual([
      { kind: 'role', from: 'Old API', to: 'New API' },
      { kind: 'member', from: 'oldid', to: 'newid' },
    ]);
    expect(r.state?.moved?.[1]?.source?.line).toBe(10);
  });

  it.each([
    ['to not declared', '  - { from: role:Old API, to: role:Nowhere }\n', 'moved-target-undeclared', 9, 31],
    ['from still declared', '  - { from: role:Other API, to: role:New API }\n', 'moved-source-declared', 9, 13],
    ['kinds differ', '  - { from: role:Old API, to: member:newid }\n', 'moved-kind-mismatch', 9, 31],
    ['to itself', '  - { from: role:new api, to: role:New API }\n', 'moved-cycle', 9, 31],
    ['to an external role', '  - { from: role:Old, to: role:Ext }\n', 'moved-external-role', 9, 27],
  ])('%s is an error at file:line:col', (_name, moved, code, line, column) => {
    const found = problems(moved).find((d) => d.code === code);
    expect(found, JSON.stringify(problems(moved))).toBeDefined();
    expect(found?.severity).toBe('error');
    expect(found?.source).toMatchObject({ file: 'cwctl.yaml', line, column });
  });

  it('reports a duplicate from and a duplicate to', () => {
    const dupFrom = problems('  - { from: role:A, to: role:New API }\n  - { from: role:A, to: role:Other API }\n');
    expect(dupFrom.filter((d) => d.code === 'moved-duplicate').map((d) => d.source?.line)).toEqual([10]);
    const dupTo = problems('  - { from: role:A, to: role:New API }\n  - { from: role:B, to: role:New API }\n');
    expect(dupTo.filter((d) => d.code === 'moved-duplicate').map((d) => d.summary)).toEqual([expect.stringContaining('moved to twice')]);
  });

  it('reports a chain and a cycle', () => {
    const chain = problems('  - { from: role:A, to: role:Other API }\n  - { from: role:Other API, to: role:New API }\n');
    expect(chain.map((d) => d.code)).toContain('moved-chain');
    const cycle = problems('  - { from: role:New API, to: role:Other API }\n  - { from: role:Other API, to: role:New API }\n');
    expect(cycle.filter((d) => d.code === 'moved-cycle')).toHaveLength(2);
  });

  it('refuses an address that is not a role or a member (schema)', () => {
    const r = loadDesiredStateFromText(file('  - { from: "role:A/setting:X", to: role:New API }\n'));
    expect(r.diagnostics.some((d) => d.severity === 'error' && d.source?.line === 9)).toBe(true);
  });
});
