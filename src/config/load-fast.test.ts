// When the js-yaml pass must step aside for the `yaml` path (it returns undefined), and when it may not.
import { describe, expect, it } from 'vitest';
import { parseFast } from './load-fast.js';


describe('parseFast', () => {
  it.each([
    ['an anchor and alias', 'a: &x { b: 1 }\nc: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a number-like key after another (object key order differs from the file)', 'a: 1\n"2": 2\n'],
    ['a quoted key with an escape', '"a\\tb": 1\n'],
    ['a key read as a number', '1.0: x\n'],
    ['a nested one-item flow list in a block item', 'a:\n  - [[1]]\n'],
    ['a syntax error', 'a: [1\n'],
    ['a scalar document', 'just text\n'],
  ])('steps aside for %s', (_name, text) => {
    expect(parseFast(text, 64)).toBeUndefined();
  });

  it.each([
    ['plain, quoted and flow keys', "a: 1\n'b c': { d: 2 }\n\"e\": [1, 2]\n"],
    ['flow mappings inside block items', 'roles:\n  - { name: A }\n  - {}\n  - []\n'],
    ['comments and blank values', '# c\na:   # trailing\n  b:\n  c: 1\n'],
  ])('takes %s', (_name, text) => {
    const parsed = parseFast(text, 64);
    expect(parsed).toBeDefined();
    expect(parsed!.spans.spanOf('f.yaml', [], 'value')).toEqual({ file: 'f.yaml', line: text.startsWith('#') ? 2 : 1, column: 1 });
  });

  it('finds a key and a value on their own lines', () => {
    const parsed = parseFast('roles:\n  - name: A\n  -   name: B\n      unlisted: none\n', 64)!;
    expect(parsed.spans.spanOf('f', ['roles', 1], 'value')).toEqual({ file: 'f', line: 3, column: 7 });
    expect(parsed.spans.spanOf('f', ['roles', 1, 'unlisted'], 'key')).toEqual({ file: 'f', line: 4, column: 7 });
    expect(parsed.spans.spanOf('f', ['roles', 1, 'unlisted'], 'value')).toEqual({ file: 'f', line: 4, column: 17 });
  });

  it('steps aside for a document nested deeper than the limit (the yaml path words the refusal)', () => {
    const text = 'a:\n  b:\n    - c:\n        d: [1]\n';
    expect(parseFast(text, 6)).toBeDefined(); // six collections deep: {a} {b} [ ] {c} {d} [1]
    expect(parseFast(text, 5)).toBeUndefined();
  });
});
