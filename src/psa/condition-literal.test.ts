// The client's one quoting policy for `conditions`, checked against the simulator's parser: whatever it quotes
// reads back as the same value and matches only that value; what it cannot quote it refuses.
import { describe, expect, it } from 'vitest';
import { evaluateConditions, parseConditions } from '../sim/conditions.js';
import { equalsCondition, quoteConditionString } from './condition-literal.js';

const SAFE = [
  'Admin', "Joe's Office", 'Tampa [North]', '[2025-01-01T00:00:00Z]', 'a ] b [', "(x) OR name='y", 'x AND y', '  spaced  ', '',
  'Ünïcödé / ✓', "it's a 'test'", '%_*',
];
const HOSTILE = ['say "hi"', '"', 'back\\slash', '\\', 'x" OR name="y', 'end\\', '\\"', '[a"]'];

describe('quoteConditionString', () => {
  it('quotes text with brackets, single quotes and operators so the parser reads back exactly that value', () => {
    for (const value of SAFE) {
      const condition = equalsCondition('name', value);
      expect(condition, value).toBeDefined();
      const node = parseConditions(condition as string);
      expect(node, value).toMatchObject({ type: 'compare', path: ['name'], op: '=', value: { kind: 'string', value } });
      expect(evaluateConditions(node, { name: value }), value).toBe(true);
      expect(evaluateConditions(node, { name: `${value}x` }), value).toBe(false);
    }
  });

  it('refuses values with a double quote or a backslash (the reference documents no escape)', () => {
    for (const value of HOSTILE) {
      expect(quoteConditionString(value), value).toBeUndefined();
      expect(equalsCondition('name', value), value).toBeUndefined();
    }
  });

  it('quotes plainly in double quotes', () => {
    expect(quoteConditionString('Tampa Office')).toBe('"Tampa Office"');
    expect(equalsCondition('identifier', 'Services')).toBe('identifier="Services"');
  });
});
