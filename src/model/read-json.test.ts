import { describe, expect, it } from 'vitest';
import { isLevel, readItems, readLevels, readPath } from './read-json.js';

describe('read-json', () => {
  it.each([
    ['full levels', { add: 'All', edit: 'My', delete: 'None', inquire: 'All' }, { add: 'All', edit: 'My', delete: 'None', inquire: 'All' }],
    ['a missing or unknown cell reads as None', { add: 'Most', inquire: 'My' }, { add: 'None', edit: 'None', delete: 'None', inquire: 'My' }],
    ['no inquire level: not levels', { add: 'All' }, undefined],
    ['null', null, undefined],
    ['an array', ['All'], undefined],
  ] as const)('readLevels: %s', (_name, value, expected) => {
    expect(readLevels(value as never)).toEqual(expected);
  });

  it('readItems keeps the string items of {items}, and is undefined without them', () => {
    expect(readItems({ items: ['Agreements / Agreement Type', 3, 'Company / Company Status'] })).toEqual(['Agreements / Agreement Type', 'Company / Company Status']);
    expect(readItems({ items: 'x' })).toBeUndefined();
    expect(readItems(null)).toBeUndefined();
  });

  it('readPath walks objects and stops at anything else', () => {
    const approved = { settings: { 'Service Desk / Service Tickets': { inquire: 'All' } } };
    expect(readPath(approved, ['settings', 'Service Desk / Service Tickets', 'inquire'])).toBe('All');
    expect(readPath(approved, ['settings', 'Nope', 'inquire'])).toBeUndefined();
    expect(readPath({ settings: ['x'] }, ['settings', '0'])).toBeUndefined();
    expect(readPath(undefined, ['settings'])).toBeUndefined();
  });

  it('isLevel accepts only the three levels', () => {
    expect(['None', 'My', 'All', 'all', 'toString', null].map((v) => isLevel(v))).toEqual([true, true, true, false, false, false]);
  });
});
