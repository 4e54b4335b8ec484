// Finds what was reviewed for a merged change: the pull request the pushed commit came from, its labels, and the
// checksum of the plan the Action commented on it (a hidden marker in the bot's comment). Apply on merge uses it
// to apply exactly the plan a person read, and to allow an escalation for that one pull request by a label.
// Read-only; trusts only a comment written by a bot (anyone may post a comment that copies the marker).
import { GitHubApiError, callGitHub, nextLink } from './upsert-pr-comment.js';
import type { FetchLike } from './upsert-pr-comment.js';

export interface ReviewedPlan {
  pullRequest: number;
  labels: string[];
  /** The checksum of the plan in the Action's comment; undefined when the PR has no such comment. */
  checksum: string | undefined;
}

export interface ReadReviewedPlanOptions {
  apiUrl: string;
  token: string;
  repository: string;
  /** The pushed commit (GITHUB_SHA): a merge, squash or rebase commit of the pull request. */
  sha: string;
  /** The plan comment's marker (planCommentMarker of the config). */
  marker: string;
  fetch: FetchLike;
}

const CHECKSUM_MARKER = /<!-- cwctl-plan-checksum:(sha256:[0-9a-f]{64}) -->/;
/** Comments looked at before giving up (a PR with thousands of comments is not worth walking). */
const MAX_COMMENT_PAGES = 20;

/** The hidden line that carries a plan's checksum in the pull-request comment. */
export function planChecksumMarker(checksum: string): string {
  return `<!-- cwctl-plan-checksum:${checksum} -->`;
}

/** The checksum recorded in a comment body, if it carries one. */
export function checksumInComment(body: string): string | undefined {
  return CHECKSUM_MARKER.exec(body)?.[1];
}

interface PullFile {
  number?: unknown;
  merged_at?: unknown;
  labels?: { name?: unknown }[];
}
interface CommentFile {
  body?: unknown;
  user?: { type?: unknown } | null;
}

export async function readReviewedPlan(options: ReadReviewedPlanOptions): Promise<ReviewedPlan | undefined> {
  const [owner, repo] = options.repository.split('/');
  if (!owner || !repo) throw new GitHubApiError(`GITHUB_REPOSITORY '${options.repository}' is not owner/name`, 0);
  const repoPath = `${options.apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  const pulls = await callGitHub<PullFile[]>(options, `${repoPath}/commits/${encodeURIComponent(options.sha)}/pulls`);
  // A commit can belong to several PRs (a branch merged into another): the merged one is the one reviewed.
  const pull = (Array.isArray(pulls.body) ? pulls.body : []).find((p) => typeof p.number === 'number' && typeof p.merged_at === 'string');
  if (!pull || typeof pull.number !== 'number') return undefined;
  const labels = (pull.labels ?? []).map((l) => l.name).filter((n): n is string => typeof n === 'string');

  let url: string | undefined = `${repoPath}/issues/${pull.number}/comments?per_page=100`;
  let checksum: string | undefined;
  for (let page = 0; url && page < MAX_COMMENT_PAGES && checksum === undefined; page++) {
    const answer: { body: CommentFile[]; link: string | null } = await callGitHub<CommentFile[]>(options, url);
    for (const comment of Array.isArray(answer.body) ? answer.body : []) {
      if (typeof comment.body !== 'string' || !comment.body.includes(options.marker) || comment.user?.type !== 'Bot') continue;
      checksum = checksumInComment(comment.body);
      if (checksum !== undefined) break;
    }
    url = nextLink(answer.link);
  }
  return { pullRequest: pull.number, labels, checksum };
}
