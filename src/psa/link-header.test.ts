import { describe, expect, it } from 'vitest';
import { findLink, parseLinkHeader } from './link-header.js';

describe('parseLinkHeader', () => {
  it.each([
    ['the PSA form', '<https://h/v/apis/3.0/system/members?pageSize=50&page=2>; rel="next", <https://h/v/apis/3.0/system/members?pageSize=50&page=4>; rel="last"',
      [{ uri: 'https://h/v/apis/3.0/system/members?pageSize=50&page=2', rels: ['next'] }, { uri: 'https://h/v/apis/3.0/system/members?pageSize=50&page=4', rels: ['last'] }]],
    ['unquoted rel and odd spacing', '<a>;rel=next ,<b> ; rel = "prev"', [{ uri: 'a', rels: ['next'] }, { uri: 'b', rels: ['prev'] }]],
    ['several rels in one, upper case', '<x>; rel="NEXT last"', [{ uri: 'x', rels: ['next', 'last'] }]],
    ['commas inside the URI and quoted params', '<https://h/p?conditions=a,b>; title="one, two"; rel="next"', [{ uri: 'https://h/p?conditions=a,b', rels: ['next'] }]],
    ['garbage between links is skipped', '<a>; rel="first" junk, <b>; rel="next"', [{ uri: 'a', rels: ['first'] }, { uri: 'b', rels: ['next'] }]],
    ['empty', '', []],
    ['no closing bracket', '<https://h/p; rel="next"', []],
  ])('%s', (_name, header, expected) => {
    expect(parseLinkHeader(header).map(({ uri, rels }) => ({ uri, rels }))).toEqual(expected);
  });

  it('keeps the first occurrence of a parameter and unescapes quoted pairs', () => {
    const [link] = parseLinkHeader('<u>; rel="next"; rel="prev"; title="a \\"b\\""');
    expect(link?.rels).toEqual(['next']);
    expect(link?.params.title).toBe('a "b"');
  });

  it('findLink picks the relation asked for', () => {
    expect(findLink('<1>; rel="prev", <2>; rel="next"', 'next')).toBe('2');
    expect(findLink('<1>; rel="prev"', 'next')).toBeUndefined();
    expect(findLink(null, 'next')).toBeUndefined();
  });
});
