// Table-driven tests of the conditions grammar: what parses, what it selects, and where bad input fails.
import { describe, expect, it } from 'vitest';
import { ConditionsError, evaluateConditions, parseConditions } from './conditions.js';

const rows = [
  { id: 1, name: 'Admin', adminFlag: true, inactiveFlag: false, roleType: null, count: 10, lastUpdated: '2025-01-02T00:00:00Z', securityRole: { id: 7, name: 'Tech "A"' } },
  { id: 2, name: 'BrightGaugeAPI', adminFlag: false, inactiveFlag: false, roleType: 'API', count: 3, lastUpdated: '2025-06-01T00:00:00Z', securityRole: { id: 8, name: "O'Brien" } },
  { id: 3, name: 'Read Only', adminFlag: false, inactiveFlag: true, roleType: 'x', count: 25, lastUpdated: '2024-12-31T23:59:59Z', securityRole: { id: 7, name: 'Tech "A"' } },
  { id: 4, name: 'api_reader', adminFlag: false, inactiveFlag: false, count: 0, lastUpdated: '2025-03-03T00:00:00Z' },
];

const select = (cond: string): number[] => {
  const ast = parseConditions(cond);
  return rows.filter((r) => evaluateConditions(ast, r)).map((r) => r.id);
};

describe('conditions: good input', () => {
  const cases: [string, number[]][] = [
    ['name="Admin"', [1]],
    ["name='admin'", [1]],
    ['name = "ADMIN"', [1]],
    ['name != "Admin"', [2, 3, 4]],
    ['name <> "Admin"', [2, 3, 4]],
    ['id = 2', [2]],
    ['id > 2', [3, 4]],
    ['id >= 2', [2, 3, 4]],
    ['id < 2', [1]],
    ['id <= 2', [1, 2]],
    ['id = -1', []],
    ['count > 5 and count < 20', [1]],
    ['adminFlag = True', [1]],
    ['adminFlag=false', [2, 3, 4]],
    ['inactiveFlag = FALSE AND adminFlag = false', [2, 4]],
    ['name contains "api"', [2, 4]],
    ['name not contains "api"', [1, 3]],
    ['name like "Bright*"', [2]],
    ['name like "%only"', [3]],
    ['name like "api_reade_"', [4]],
    ['name not like "*api*"', [1, 3]],
    ['id in (1, 3)', [1, 3]],
    ['name in ("admin", "Read Only")', [1, 3]],
    ['id not in (1, 3)', [2, 4]],
    ['roleType = null', [1, 4]],
    ['roleType != null', [2, 3]],
    ['roleType != "API"', [1, 3, 4]],
    ['securityRole/id = 7', [1, 3]],
    ['securityRole/name = "Tech \\"A\\""', [1, 3]],
    ["securityRole/name = 'O\\'Brien'", [2]],
    ["securityRole/name = 'O''Brien'", [2]],
    ['lastUpdated > [2025-01-01T00:00:00Z]', [1, 2, 4]],
    ['lastUpdated < [2025-01-01T00:00:00Z]', [3]],
    ['id = 1 or id = 2 and adminFlag = true', [1]],
    ['(id = 1 or id = 2) and adminFlag = false', [2]],
    ['((id = 1)) OR (name contains "only")', [1, 3]],
    ['not (id = 1 or id = 2)', [3, 4]],
    ['id = 1 Or id = 4', [1, 4]],
    ['count = "25"', [3]],
    ['count >= 3 and count <= 10', [1, 2]],
    ['  name  =  "Admin"  ', [1]],
  ];
  it.each(cases)('%s', (cond, expected) => {
    expect(select(cond)).toEqual(expected);
  });
});

describe('conditions: bad input fails with a position', () => {
  const cases: [string, number, RegExp][] = [
    ['', 0, /expected a condition/],
    ['name', 4, /expected an operator/],
    ['name =', 6, /expected a value/],
    ['name = "abc', 7, /unterminated string/],
    ['name = "a" and', 14, /expected a field name/],
    ['(name = "a"', 11, /expected '\)'/],
    ['name = "a")', 10, /expected AND, OR or end/],
    ['id in 1, 2', 6, /expected '\(' after 'in'/],
    ['id in (1 2)', 9, /expected ',' or '\)'/],
    ['name not = "a"', 9, /after 'not'/],
    ['name = [not a date]', 7, /bad datetime/],
    ['name = [2025-01-01', 7, /unterminated \[datetime\]/],
    ['name # "a"', 5, /unexpected character '#'/],
    ['name contains 5', 0, /needs a quoted string/],
    ['name = "a" xor id = 1', 11, /expected AND, OR/],
    ['securityRole/ = 1', 14, /expected a field name after '\/'/],
  ];
  it.each(cases)('%s', (cond, position, message) => {
    let err: unknown;
    try { parseConditions(cond); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ConditionsError);
    expect((err as ConditionsError).position).toBe(position);
    expect((err as ConditionsError).message).toMatch(message);
  });
});
