// Creates or updates the ONE pull-request comment that holds a cwctl plan, found again by a hidden marker,
// through the GitHub REST API with the fetch it is given (global fetch in the Action, nock-able in tests).
// It never deletes comments and never touches a comment without the marker.

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface UpsertPrCommentOptions {
  /** GITHUB_API_URL, e.g. https://api.github.com (GitHub Enterprise: https://HOST/api/v3). */
  apiUrl: string;
  token: string;
  /** owner/name (GITHUB_REPOSITORY). */
  repository: string;
  issueNumber: number;
  /** A hidden HTML comment that identifies the comment, e.g. `<!-- cwctl-plan:cwctl.yaml -->`. */
  marker: string;
  /** The whole comment body; the marker is put first when the body lacks it. */
  body: string;
  fetch: FetchLike;
}

export interface UpsertResult {
  action: 'created' | 'updated';
  commentId: number;
  url: string | undefined;
}

/** GitHub refuses comment bodies over 65536 characters. */
export const MAX_COMMENT_LENGTH = 65_536;

interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
}

export class GitHubApiError extends Error {
  override readonly name = 'GitHubApiError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The marker that names one plan comment per config file. `--` is not allowed inside an HTML comment. */
export function planCommentMarker(config: string): string {
  return `<!-- cwctl-plan:${config.replace(/--+/g, '-')} -->`;
}

/** The URL of the next page in a GitHub `Link` header, if any. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/** One GitHub REST call with the token; a non-2xx answer is a GitHubApiError naming the path and status. */
export async function callGitHub<T>(options: Pick<UpsertPrCommentOptions, 'fetch' | 'token'>, url: string, init: RequestInit = {}): Promise<{ body: T; link: string | null }> {
  const response = await options.fetch(url, {
    ...init,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${options.token}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': 'cwctl-action',
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  if (!response.ok) {
    // GitHub's error body is {message, documentation_url}; the token never appears in it.
    let message = response.statusText;
    try {
      const parsed = (await response.json()) as { message?: unknown };
      if (typeof parsed.message === 'string') message = parsed.message;
    } catch {
      // Not JSON: keep the status text.
    }
    throw new GitHubApiError(`${init.method ?? 'GET'} ${new URL(url).pathname}: ${response.status} ${message}`, response.status);
  }
  return { body: (await response.json()) as T, link: response.headers.get('link') };
}

/** Truncates a body to what GitHub accepts, saying where the rest is. */
export function fitCommentBody(body: string, rest = 'the full report is in the job summary'): string {
  if (body.length <= MAX_COMMENT_LENGTH) return body;
  const note = `\n\n... (truncated: ${rest})\n`;
  return body.slice(0, MAX_COMMENT_LENGTH - note.length) + note;
}

export async function upsertPrComment(options: UpsertPrCommentOptions): Promise<UpsertResult> {
  const base = options.apiUrl.replace(/\/+$/, '');
  const body = fitCommentBody(options.body.includes(options.marker) ? options.body : `${options.marker}\n${options.body}`);
  const [owner, repo] = options.repository.split('/');
  if (!owner || !repo) throw new GitHubApiError(`GITHUB_REPOSITORY '${options.repository}' is not owner/name`, 0);
  const repoPath = `${base}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;

  // Walk every page: on a busy PR the plan comment can be far down the list.
  let url: string | undefined = `${repoPath}/issues/${options.issueNumber}/comments?per_page=100`;
  let existing: IssueComment | undefined;
  while (url && !existing) {
    const page: { body: IssueComment[]; link: string | null } = await callGitHub<IssueComment[]>(options, url);
    existing = page.body.find((c) => typeof c.body === 'string' && c.body.includes(options.marker));
    url = nextLink(page.link);
  }

  if (existing) {
    const updated = await callGitHub<IssueComment>(options, `${repoPath}/issues/comments/${existing.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ body }),
    });
    return { action: 'updated', commentId: updated.body.id, url: updated.body.html_url };
  }
  const created = await callGitHub<IssueComment>(options, `${repoPath}/issues/${options.issueNumber}/comments`, {
    method: 'POST',
    body: JSON.stringify({ body }),
  });
  return { action: 'created', commentId: created.body.id, url: created.body.html_url };
}
