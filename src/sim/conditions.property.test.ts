// Property: any condition tree printed as PSA text (random spacing, keyword case and quote style) parses back
// to the same tree (literals included) and selects exactly the rows the original tree selects.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConditionNode, Literal } from './conditions.js';
import { evaluateConditions, parseConditions } from './conditions.js';

const rows = [
  { id: 1, name: 'Admin', flag: true, n: 5, ref: { id: 7, name: 'It\'s "x"' } },
  { id: 2, name: 'api user', flag: false, n: -3, ref: { id: 8, name: 'b' } },
  { id: 3, name: 'Tech*1', flag: false, n: 0, ref: null },
  { id: 4, name: 'O\\Brien', flag: true, n: 12, ref: { id: 7, name: 'A' } },
];

const ws = fc.constantFrom(' ', '  ', ' \t ');
const strLit = fc.string({ maxLength: 6, unit: fc.constantFrom('a', 'B', ' ', '"', "'", '\\', '*', '%', 'd', 'i', 'n', 'x') });

const arbLiteral: fc.Arbitrary<Literal> = fc.oneof(
  strLit.map((value): Literal => ({ kind: 'string', value })),
  fc.integer({ min: -20, max: 20 }).map((value): Literal => ({ kind: 'number', value })),
  fc.boolean().map((value): Literal => ({ kind: 'boolean', value })),
  fc.constant<Literal>({ kind: 'null' }),
);

const arbCompare: fc.Arbitrary<ConditionNode> = fc.record({
  path: fc.constantFrom<string[]>(['name'], ['flag'], ['n'], ['id'], ['ref', 'id'], ['ref', 'name']),
  op: fc.constantFrom('=', '!=', '<', '<=', '>', '>=', 'contains', 'like', 'in' as const),
  negated: fc.boolean(),
  lit: arbLiteral,
  list: fc.array(arbLiteral, { minLength: 1, maxLength: 3 }),
  str: strLit,
}).map(({ path, op, negated, lit, list, str }): ConditionNode => {
  if (op === 'in') return { type: 'compare', path, op, negated, value: list, position: 0 };
  if (op === 'contains' || op === 'like') return { type: 'compare', path, op, negated, value: { kind: 'string', value: str }, position: 0 };
  return { type: 'compare', path, op, negated: false, value: lit, position: 0 };
});

const arbTree: fc.Arbitrary<ConditionNode> = fc.letrec<{ node: ConditionNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    arbCompare,
    fc.record({ type: fc.constantFrom('and' as const, 'or' as const), left: tie('node'), right: tie('node') }),
    fc.record({ type: fc.constant('not' as const), operand: tie('node') }),
  ),
})).node;

function printLiteral(l: Literal, quote: '"' | "'"): string {
  switch (l.kind) {
    case 'string': return `${quote}${l.value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`)}${quote}`;
    case 'number': return String(l.value);
    case 'boolean': return l.value ? 'True' : 'false';
    case 'null': return 'null';
    case 'datetime': return `[${l.text}]`;
  }
}

function print(node: ConditionNode, sp: string, quote: '"' | "'", kw: (w: string) => string): string {
  switch (node.type) {
    case 'and':
    case 'or':
      // Always parenthesize children so the printed precedence matches the tree.
      return `(${print(node.left, sp, quote, kw)})${sp}${kw(node.type)}${sp}(${print(node.right, sp, quote, kw)})`;
    case 'not':
      return `${kw('not')}${sp}(${print(node.operand, sp, quote, kw)})`;
    case 'compare': {
      const op = /^[a-z]+$/.test(node.op) ? kw(node.op) : node.op;
      const neg = node.negated ? `${kw('not')}${sp}` : '';
      const value = Array.isArray(node.value) ? `(${node.value.map((v) => printLiteral(v, quote)).join(`,${sp}`)})` : printLiteral(node.value, quote);
      return `${node.path.join('/')}${sp}${neg}${op}${sp}${value}`;
    }
  }
}

/** The tree without parse positions, for structural comparison. */
function strip(node: ConditionNode): unknown {
  switch (node.type) {
    case 'and':
    case 'or': return { type: node.type, left: strip(node.left), right: strip(node.right) };
    case 'not': return { type: 'not', operand: strip(node.operand) };
    case 'compare': return { path: node.path, op: node.op, negated: node.negated, value: node.value };
  }
}

describe('conditions round trip', () => {
  it('printed trees parse back to the same selection', () => {
    fc.assert(
      fc.property(arbTree, ws, fc.constantFrom<'"' | "'">('"', "'"), (tree, sp, quote) => {
        const kw = (w: string): string => (w.length % 2 === 0 ? w.toUpperCase() : w);
        const text = print(tree, sp, quote, kw);
        const parsed = parseConditions(text);
        expect(strip(parsed), text).toEqual(strip(tree));
        for (const r of rows) expect(evaluateConditions(parsed, r), text).toBe(evaluateConditions(tree, r));
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });
});
