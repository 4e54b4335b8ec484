// `cwctl validate` reports everything at once: shape errors do not hide the cross-field rule errors of the same
// file, and the rules tolerate any partially invalid input (every value of the examples replaced by every wrong
// type, one at a time, never throws).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadDesiredStateFromText } from '../../src/config/load-desired-state-from-text.js';

const codes = (text: string): string[] => loadDesiredStateFromText(text).diagnostics.map((d) => `${d.source?.line}:${d.code}`);

describe('shape and rule errors together', () => {
  it('a member missing its level does not hide an unknown function, an unknown role or a too-long name', () => {
    const text = [
      'version: 1',
      'roles:',
      '  - name: Ops',
      '    permissions:',
      '      Service Desk / Service Tiket: { inquire: All }',
      '      Finance / Agreements: { inquire: Everything, add: 3 }',
      '  - description: a role without a name is left out of the rules',
      'members:',
      '  - identifier: m1',
      '    name: M',
      '    role: Opps',
      '  - identifier: m2',
      '    name: A member name far longer than thirty characters',
      '    role: Ops',
      '    level: Corporate (Level 1)',
      '    inactive: maybe',
    ].join('\n');
    const result = loadDesiredStateFromText(text);
    expect(result.state).toBeUndefined();
    expect(codes(text)).toEqual([
      '5:unknown-function',
      '6:unknown-level',
      '6:wrong-type',
      '7:missing-key',
      '9:missing-key',
      '11:unknown-role',
      '13:too-long',
      '16:wrong-type',
    ]);
  });

  it('a file with a secret still stops before the rules (a rule message could quote it)', () => {
    const text = 'version: 1\nroles:\n  - name: Ops\n    password: hunter2hunter2\nmembers:\n  - { identifier: m, name: M, role: Nope, level: L }\n';
    expect(codes(text)).toEqual(['4:secret-in-file']);
  });
});

const WRONG: readonly unknown[] = [null, 3, true, '', 'x', [], [null], {}, { a: null }];

/** Every path to a value in a plain JSON value. */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [path];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...path, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...path, k]));
  return out;
}

function replaced(value: unknown, path: readonly (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by;
  if (Array.isArray(value)) {
    const list: unknown[] = [...(value as unknown[])];
    list[path[0] as number] = replaced(list[path[0] as number], path.slice(1), by);
    return list;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  copy[String(path[0])] = replaced(copy[String(path[0])], path.slice(1), by);
  return copy;
}

describe('the rules tolerate partially invalid input', () => {
  it('every value of the brightgauge and datto-rmm examples replaced by every wrong type: diagnostics, never a throw', async () => {
    let runs = 0;
    for (const example of ['brightgauge', 'datto-rmm']) {
      const value: unknown = parse(await readFile(`examples/${example}/cwctl.yaml`, 'utf8'));
      for (const path of pathsOf(value)) {
        for (const wrong of WRONG) {
          const text = stringify(replaced(value, path, wrong));
          const run = (): unknown => loadDesiredStateFromText(text);
          expect(run, `${example} ${JSON.stringify(path)} = ${JSON.stringify(wrong)}`).not.toThrow();
          runs++;
        }
      }
    }
    expect(runs).toBeGreaterThan(200);
  }, 120_000);
});

describe('a YAML syntax error names where the unclosed bracket opened', () => {
  it('points each missing ] or } at its own opening [ or {', async () => {
    const { parseYamlText } = await import('../../src/config/parse-yaml-document.js');
    const text = [
      'version: 1',
      'roles:',
      '  - name: Ops',
      '    tableSetup: [Company / Company Status, Agreements / Agreement Type',
      '  - name: Sales',
      '    permissions: { Finance / Agreements: { inquire: All }',
      'members: []',
    ].join('\n');
    const hints = parseYamlText('f.yaml', text).diagnostics.map((d) => d.hint).filter((h) => h !== undefined);
    expect(hints).toEqual([
      "the '[' opened at line 4, column 17 has no matching ']': close it there, or write the list or mapping in block style",
      "the '{' opened at line 6, column 18 has no matching '}': close it there, or write the list or mapping in block style",
    ]);
  });
});
