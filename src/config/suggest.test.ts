import { describe, expect, it } from 'vitest';
import { suggestFunction } from './rules/check-function-names.js';
import { MAX_SUGGEST_INPUT, editDistance, suggestName } from './suggest.js';

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

describe('bounded did-you-mean', () => {
  it('a bounded distance agrees with the full one up to the bound and says "more" past it', () => {
    const words = ['', 'a', 'abc', 'acb', 'kitten', 'sitting', 'servicetickets', 'servicetikcets', 'tablesetup', 'xyzzy'];
    for (const a of words) {
      for (const b of words) {
        const full = editDistance(a, b);
        for (const max of [0, 1, 2, 4]) expect(editDistance(a, b, max)).toBe(full <= max ? full : max + 1);
      }
    }
  });

  it('suggests nothing for an input longer than MAX_SUGGEST_INPUT, without building a table for it', () => {
    // 5 million characters once allocated a 2.9 GB table; now refused on length alone.
    const started = performance.now();
    expect(suggestName('x'.repeat(5_000_000), ['None', 'My', 'All'])).toBeUndefined();
    expect(suggestFunction(`Service Desk / ${'Service Tickets'.repeat(300_000)}`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(5000);
    expect(suggestName(`${'a'.repeat(MAX_SUGGEST_INPUT - 3)}All`, ['None', 'My', 'All'])).toBeUndefined();
  });
});
