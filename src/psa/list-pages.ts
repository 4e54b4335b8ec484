// Paging: every page of a collection, as navigable paging with RFC 5988 Link headers (reference section 2).
import type { ListOptions } from './client.js';
import { findShapeError } from './check-shape.js';
import type { Shape } from './check-shape.js';
import { apiUrlUnder, withApiBase } from './discovery.js';
import { buildBadResponseError, buildPagingError, PageLimitExceeded } from './errors.js';
import type { PsaRequestRef } from './errors.js';
import type { Family } from './http-family.js';
import { MAX_PAGE_SIZE } from './http-family.js';
import { sendRequest } from './http-transport.js';
import type { Sender } from './http-transport.js';
import { findLink, parseLinkHeader } from './link-header.js';

/**
 * Every page of a collection. When the first page's Link names the last page by number, the other pages are
 * read together (within the concurrency bound) rather than one round trip after another; otherwise rel="next"
 * is followed (or page numbers when the server sends no Link). Bounded: a page holds no more rows than asked
 * for, a listing no more than maxListRows rows (and so pages), and never leaves the discovered origin.
 */
export function listAllPages<T>(family: Family, sender: Sender, path: string, options: ListOptions | undefined, shape: Shape): Promise<T[]> {
  return withApiBase(family, sender, options?.signal, (apiBase, signal) => listPagesUnder<T>(apiBase, signal, family, sender, path, options, shape));
}

async function listPagesUnder<T>(
  apiBase: string, signal: AbortSignal | undefined, family: Family, sender: Sender, path: string, options: ListOptions | undefined, shape: Shape,
): Promise<T[]> {
  const pageSize = Math.max(1, Math.min(options?.pageSize ?? family.pageSize, MAX_PAGE_SIZE));
  const query = new URLSearchParams();
  if (options?.conditions) query.set('conditions', options.conditions);
  if (options?.fields && options.fields.length > 0) query.set('fields', options.fields.join(','));
  if (options?.orderBy) query.set('orderBy', options.orderBy);
  query.set('pageSize', String(pageSize));
  query.set('page', '1');
  let { url, logPath } = apiUrlUnder(apiBase, path, query);
  const origin = new URL(url).origin;
  const ref: PsaRequestRef = { method: 'GET', path, site: family.site.origin };
  const maxPages = Math.ceil(family.maxListRows / pageSize) + 1;
  /** Two pages past an announced rel="last" is a chain that does not stop, whatever the row cap allows. */
  let announcedMax = Number.POSITIVE_INFINITY;
  const pageLimit = options?.pageLimit;
  const seen = new Set<string>();
  const results: T[] = [];

  const readPage = async (pageUrl: string, pageLogPath: string): Promise<{ items: T[]; link: string }> => {
    const reply = await sendRequest(family, sender, { method: 'GET', url: pageUrl, path, logPath: pageLogPath, auth: true, expect: 'array', signal });
    const items = reply.body as T[];
    if (items.length > pageSize) {
      throw buildBadResponseError(ref, `a page of at most ${pageSize} rows came back with ${items.length} rows; cwctl does not trust a listing that ignores its page size`, { status: reply.status, secrets: sender.secrets });
    }
    return { items, link: reply.headers.get('link')?.trim() ?? '' };
  };
  const collect = (items: T[]): void => {
    const wrong = findShapeError(items, shape, results.length);
    if (wrong) throw buildBadResponseError(ref, `unexpected field type in the list: ${wrong}`, { status: 200, secrets: sender.secrets });
    if (results.length + items.length > family.maxListRows) throw buildPagingError(ref, `the listing passed ${family.maxListRows} rows; cwctl stops there rather than fill memory`);
    // One push per row: spreading a huge page into push() would overflow the stack.
    for (const item of items) results.push(item);
  };
  const checkPages = (pages: number, why: string): void => {
    if (pages > announcedMax) throw buildPagingError(ref, `the listing did not end after ${announcedMax} pages of ${pageSize} (the Link rel="next" chain does not stop)`);
    if (pages > maxPages) throw buildPagingError(ref, `${why} (more than ${maxPages} pages of ${pageSize}, ${family.maxListRows} rows); cwctl stops there`);
    if (pageLimit !== undefined && pages > pageLimit) throw new PageLimitExceeded(path, pageLimit);
  };
  const nextOf = (link: string, base: string, page: number): URL | undefined => {
    const next = findLink(link, 'next');
    if (next === undefined) return undefined;
    let nextUrl: URL;
    try {
      nextUrl = new URL(next, base);
    } catch {
      throw buildPagingError(ref, `the Link rel="next" is not a URL: ${next.slice(0, 200)}`);
    }
    // Credentials go only to the origin we discovered; a next link elsewhere is refused.
    if (nextUrl.origin !== origin) throw buildPagingError(ref, `the Link rel="next" points to another origin (${nextUrl.origin}); not sending credentials there`);
    if (seen.has(nextUrl.toString())) throw buildPagingError(ref, `the Link rel="next" points back to a page already read (page ${page + 1}); the listing would never end`);
    return nextUrl;
  };

  for (let page = 1; ; page++) {
    checkPages(page, 'the listing did not end (the Link rel="next" chain does not stop)');
    seen.add(url);
    const { items, link } = await readPage(url, logPath);
    collect(items);
    if (link !== '') {
      if (findLink(link, 'next') !== undefined && items.length === 0) {
        family.debugLog?.(`GET ${logPath}: empty page with a rel="next" link; treating it as the end`);
        break;
      }
      let nextUrl = nextOf(link, url, page);
      if (nextUrl === undefined) break;
      if (page === 1) {
        const last = parseLinkHeader(link).find((l) => l.rels.includes('last'));
        const lastPage = last ? Number(readQueryParam(last.uri, url, 'page')) : Number.NaN;
        if (Number.isSafeInteger(lastPage) && lastPage > 0) {
          checkPages(lastPage, `the listing announces ${lastPage} pages`);
          announcedMax = lastPage + 2;
        }
        if (Number.isSafeInteger(lastPage) && lastPage > 2 && nextUrl.searchParams.get('page') === '2') {
          const urls = Array.from({ length: lastPage - 1 }, (_, i) => {
            const u = new URL(nextUrl as URL);
            u.searchParams.set('page', String(i + 2));
            return u;
          });
          for (const u of urls) seen.add(u.toString());
          const pages = await Promise.all(urls.map((u) => readPage(u.toString(), `${path}${u.search}`)));
          for (const p of pages) collect(p.items);
          page = lastPage;
          const lastRead = pages[pages.length - 1];
          // Rows added while the pages were read can push the listing a page further: follow on from the last.
          if (!lastRead || lastRead.link === '' || lastRead.items.length < pageSize) break;
          nextUrl = nextOf(lastRead.link, urls[urls.length - 1]?.toString() ?? url, page);
          if (nextUrl === undefined) break;
        }
      }
      url = nextUrl.toString();
      logPath = `${path}${nextUrl.search}`;
    } else {
      if (items.length < pageSize) break;
      query.set('page', String(page + 1));
      ({ url, logPath } = apiUrlUnder(apiBase, path, query));
    }
  }
  return results;
}


function readQueryParam(uri: string, base: string, name: string): string | null {
  try {
    return new URL(uri, base).searchParams.get(name);
  } catch {
    return null;
  }
}
