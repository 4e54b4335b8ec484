import { describe, expect, it } from 'vitest';
import { scanRoleNames } from './scan-role-names.js';
import { parseYaml } from './parse-yaml.js';

describe('scanRoleNames', () => {
  it('finds the names of block items of the top-level roles list, wherever the name key sits in the item', () => {
    const text = [
      'version: 1',
      'roles:',
      '  - name: BrightGauge API   # a comment',
      '    permissions:',
      '      Service Desk / Service Tickets: { inquire: All }',
      '  - profile: datto-rmm',
      '    name: "Datto RMM"',
      "  - name: 'O''Brien Tools'",
      'members:',
      '  - name: Not A Role',
      '    identifier: x',
    ].join('\n');
    expect(scanRoleNames(text)).toEqual(['BrightGauge API', 'Datto RMM', "O'Brien Tools"]);
  });

  it('reads items at column 0 and stops at the next top-level key', () => {
    expect(scanRoleNames('roles:\n- name: A\n  note: x\n- name: B\nmembers:\n- name: C\n')).toEqual(['A', 'B']);
  });

  it('skips what it cannot read with certainty: flow lists, anchors, escapes, nested names', () => {
    expect(scanRoleNames('roles: [{ name: A }]\n')).toEqual([]);
    expect(scanRoleNames('roles:\n  - name: *alias\n  - name: "a\\u0041"\n  - name: ok\n    customize:\n      - name: nested\n')).toEqual(['ok']);
    expect(scanRoleNames('version: 1\n')).toEqual([]);
  });

  it('agrees with the parser on a file of many roles (what it finds is what the YAML declares)', async () => {
    const names = Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? `"Role ${i}: quoted"` : `Role ${i} (plain)`));
    const text = `version: 1\nroles:\n${names.map((n) => `  - name: ${n}\n    permissions: {}\n`).join('')}`;
    const parsed = ((await parseYaml('x.yaml', text)).document?.value as { roles: { name: string }[] }).roles.map((r) => r.name);
    expect(scanRoleNames(text)).toEqual(parsed);
  });

  it('reads CRLF files, blank and comment lines, and a document end the same way', () => {
    const text = 'version: 1\r\nroles:   # managed\r\n\r\n  # a comment\r\n  - name: A\r\n    permissions:\r\n      X / Y: {}\r\n  -   name: B\r\n  - note: x\r\n    name:C\r\n---\r\n  - name: D\r\n';
    expect(scanRoleNames(text)).toEqual(['A', 'B']);
    expect(scanRoleNames(text.replace(/\r\n/g, '\n'))).toEqual(['A', 'B']);
  });
});
