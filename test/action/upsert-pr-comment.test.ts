// The PR comment against a nock stub of the GitHub REST API (network disabled): one comment, found again by
// its marker across pages, updated rather than duplicated; errors carry the status and never the token.
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fitCommentBody, MAX_COMMENT_LENGTH, planCommentMarker, upsertPrComment } from '../../src/action/upsert-pr-comment.js';

const API = 'https://api.github.com';
const marker = planCommentMarker('cwctl.yaml');
const options = (body: string) => ({
  apiUrl: API, token: 'ghs_secret_token', repository: 'acme/psa', issueNumber: 7, marker, body, fetch: globalThis.fetch,
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('upsertPrComment', () => {
  it('creates the comment when no comment has the marker, with the marker first', async () => {
    let posted: { body: string } | undefined;
    nock(API, { reqheaders: { authorization: 'Bearer ghs_secret_token' } })
      .get('/repos/acme/psa/issues/7/comments').query({ per_page: '100' })
      .reply(200, [{ id: 1, body: 'LGTM' }])
      .post('/repos/acme/psa/issues/7/comments', (b: { body: string }) => ((posted = b), true))
      .reply(201, { id: 99, html_url: 'https://github.com/acme/psa/pull/7#issuecomment-99' });
    const result = await upsertPrComment(options('plan: 2 to change'));
    expect(result).toEqual({ action: 'created', commentId: 99, url: 'https://github.com/acme/psa/pull/7#issuecomment-99' });
    expect(posted?.body).toBe(`${marker}\nplan: 2 to change`);
  });

  it('follows Link pages and patches the comment that holds the marker', async () => {
    nock(API)
      .get('/repos/acme/psa/issues/7/comments').query({ per_page: '100' })
      .reply(200, [{ id: 1, body: 'first' }], { link: `<${API}/repositories/5/issues/7/comments?per_page=100&page=2>; rel="next", <${API}/repositories/5/issues/7/comments?per_page=100&page=2>; rel="last"` })
      .get('/repositories/5/issues/7/comments').query({ per_page: '100', page: '2' })
      .reply(200, [{ id: 41, body: `${planCommentMarker('other.yaml')}\nold` }, { id: 42, body: `${marker}\nold plan` }])
      .patch('/repos/acme/psa/issues/comments/42', { body: `${marker}\nnew plan` })
      .reply(200, { id: 42 });
    const result = await upsertPrComment(options(`${marker}\nnew plan`));
    expect(result.action).toBe('updated');
    expect(result.commentId).toBe(42);
  });

  it('reports an API error with method, path and status, without the token', async () => {
    nock(API).get('/repos/acme/psa/issues/7/comments').query(true).reply(403, { message: 'Resource not accessible by integration' });
    const error = (await upsertPrComment(options('x')).then(
      () => new Error('expected a rejection'),
      (e: unknown) => e as Error,
    ));
    expect(error.message).toBe('GET /repos/acme/psa/issues/7/comments: 403 Resource not accessible by integration');
    expect(error.message).not.toContain('ghs_secret_token');
  });

  it('marks each config separately and keeps -- out of the HTML comment', () => {
    expect(planCommentMarker('sites/eu/cwctl.yaml')).toBe('<!-- cwctl-plan:sites/eu/cwctl.yaml -->');
    expect(planCommentMarker('a--b.yaml')).toBe('<!-- cwctl-plan:a-b.yaml -->');
  });

  it('truncates a body GitHub would refuse, saying where the rest is', () => {
    const long = fitCommentBody('x'.repeat(MAX_COMMENT_LENGTH + 10));
    expect(long.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(long).toContain('truncated: the full report is in the job summary');
    expect(fitCommentBody('short')).toBe('short');
  });
});
