import { describe, expect, it } from 'vitest';
import { SHAPES, findShapeError } from './check-shape.js';

describe('findShapeError', () => {
  it.each([
    ['a role list that fits', [{ id: 1, name: 'Admin', adminFlag: true }], undefined],
    ['absent and null fields (projection, nullable columns)', [{ id: 1 }, { id: 2, name: null }], undefined],
    ['a number where a name belongs', [{ id: 1, name: 'A' }, { id: 2, name: 42 }], "item 1: field 'name' is number 42, expected a string"],
    ['a string id', [{ id: '7', name: 'A' }], "item 0: field 'id' is string \"7\", expected a positive integer id"],
    ['a zero id', [{ id: 0, name: 'A' }], "item 0: field 'id' is number 0, expected a positive integer id"],
    ['a negative id', [{ id: 1, name: 'A' }, { id: -3, name: 'B' }], "item 1: field 'id' is number -3, expected a positive integer id"],
    ['a fractional id', [{ id: 1.5, name: 'A' }], "item 0: field 'id' is number 1.5, expected a positive integer id"],
    ['an id past 2^53', [{ id: 2 ** 60, name: 'A' }], "item 0: field 'id' is number 1152921504606847000, expected a positive integer id"],
    ['a null item', [{ id: 1, name: 'A' }, null], 'item 1 is null, expected an object'],
    ['a list inside the list', [[1, 2]], 'item 0 is a list, expected an object'],
    ['a flag as a string', [{ id: 1, name: 'A', adminFlag: 'true' }], "item 0: field 'adminFlag' is string \"true\", expected a boolean"],
  ])('%s', (_name, items, expected) => {
    expect(findShapeError(items, SHAPES.securityRoles)).toBe(expected);
  });

  it('checks references as {id: number}', () => {
    expect(findShapeError([{ id: 1, identifier: 'bg', securityRole: { id: 3, name: 'X' } }], SHAPES.apiMembers)).toBeUndefined();
    expect(findShapeError([{ id: 1, identifier: 'bg', securityRole: 'X' }], SHAPES.apiMembers)).toBe("item 0: field 'securityRole' is string \"X\", expected a reference {id, ...} with a positive integer id");
    expect(findShapeError([{ id: 1, identifier: 'bg', securityRole: { name: 'X' } }], SHAPES.apiMembers)).toMatch(/securityRole' is an object/);
    expect(findShapeError([{ id: 1, identifier: 'bg', securityRole: { id: -1, name: 'X' } }], SHAPES.apiMembers)).toMatch(/securityRole' is an object, expected a reference \{id, \.\.\.\} with a positive integer id/);
  });

  it('numbers items from the page offset', () => {
    expect(findShapeError([{ id: 'x' }], SHAPES.named, 1000)).toMatch(/^item 1000:/);
  });
});
