import { describe, expect, it } from 'vitest';
import { suggestFunction } from './rules/check-function-names.js';
import { editDistance, suggestName } from './suggest.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0], ['abc', 'abc', 0], ['abc', 'abd', 1], ['abc', 'acb', 1], ['kitten', 'sitting', 3], ['', 'abc', 3],
  ])('%s -> %s = %i', (a, b, n) => expect(editDistance(a, b)).toBe(n));
});

describe('suggestName', () => {
  it('finds a close name and stays quiet when nothing is close', () => {
    expect(suggestName('inquiry', ['add', 'edit', 'delete', 'inquire'])).toBe('inquire');
    expect(suggestName('Al', ['None', 'My', 'All'])).toBe('All');
    expect(suggestName('xyz', ['None', 'My', 'All'])).toBeUndefined();
    expect(suggestName('datto', ['brightgauge', 'datto-rmm', 'wise-sync'])).toBe('datto-rmm');
  });
});

describe('suggestFunction', () => {
  it.each([
    ['Service Tiket', 'Service Desk / Service Tickets'],
    ['Service Desk / Service Tiket', 'Service Desk / Service Tickets'],
    ['Finance / Service Tickets', 'Service Desk / Service Tickets'],
    ['Sytem / Table Setup', 'System / Table Setup'],
    ['Companies / Configuraitons', 'Companies / Configurations'],
    ['Time & Expense / Tme Entry', 'Time & Expense / Time Entry'],
  ])('%s -> %s', (typed, key) => expect(suggestFunction(typed)).toBe(key));

  it('makes no wild guess', () => {
    expect(suggestFunction('Payroll Export')).toBeUndefined();
  });
});
