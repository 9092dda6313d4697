/**
 * What the rest of the action knows of GitHub's API: plain interfaces and one error type, no
 * Octokit. src/github/client.ts implements them on @actions/github and is loaded only when a run
 * needs GitHub (a check run, a comment, the changed files).
 */

/** The workflow run, as the runner describes it (GITHUB_* variables and the event payload). */
export interface GitHubRun {
  owner: string
  repo: string
  eventName: string
  /** The pull request of a pull_request or pull_request_target event. */
  pullNumber?: number
  /** The pull request's changed_files count from the event payload (the files list stops at 3,000). */
  changedFiles?: number
  /** The pull request's head commit, or GITHUB_SHA outside a pull request. */
  headSha: string
  serverUrl: string
  runId?: number
  workflow: string
  job: string
  /** GITHUB_ACTION: the step's id, or a name the runner makes up for a step without one. */
  step: string
}

export type AnnotationLevel = 'failure' | 'warning' | 'notice'

/** One annotation of a check run, as the Checks API takes it. */
export interface CheckAnnotation {
  path: string
  start_line: number
  end_line: number
  annotation_level: AnnotationLevel
  title: string
  message: string
}

export interface CheckOutput {
  title: string
  summary: string
  text?: string
  annotations?: CheckAnnotation[]
}

export type CheckConclusion = 'success' | 'neutral' | 'failure'

export interface ChangedFile {
  /** Path from the repository root. */
  filename: string
  /** added, modified, removed, renamed, copied, changed or unchanged. */
  status: string
}

export interface IssueComment {
  id: number
  url: string
  body: string
}

/** An issue as report's tracking issue reads it. */
export interface TrackedIssue {
  number: number
  url: string
  state: 'open' | 'closed'
  title: string
  body: string
  /** Its label names, as the repository spells them. */
  labels: string[]
}

export interface IssueChange {
  title?: string
  body?: string
  state?: 'open' | 'closed'
  stateReason?: 'completed' | 'not_planned' | 'reopened'
}

/** The endpoints the action uses; every list reads every page. */
export interface GitHubApi {
  listPullRequestFiles(pullNumber: number): Promise<ChangedFile[]>
  createCheckRun(p: { name: string; headSha: string; output: CheckOutput; detailsUrl?: string }): Promise<{ id: number; url: string }>
  updateCheckRun(id: number, p: { output: CheckOutput; conclusion?: CheckConclusion }): Promise<void>
  /**
   * The first comment (oldest first) written by a bot (user.type Bot: GITHUB_TOKEN, a GitHub App)
   * or by the token's own user (a personal access token, as GET /user names it) whose body contains
   * `marker`, reading page by page until found. A comment by anyone else is ignored.
   */
  findIssueComment(issueNumber: number, marker: string): Promise<IssueComment | undefined>
  createIssueComment(issueNumber: number, body: string): Promise<{ id: number; url: string }>
  updateIssueComment(id: number, body: string): Promise<{ id: number; url: string }>
  /**
   * The issues (never pull requests), open or closed, oldest first, that carry `label`, were opened
   * by a bot (user.type Bot: GITHUB_TOKEN, a GitHub App) and whose body contains `marker`. An
   * issue opened by anyone else is ignored: anyone may write the marker, and a triager the label.
   */
  findIssues(label: string, marker: string): Promise<TrackedIssue[]>
  /** Makes the label unless the repository has it (in any case); a label made meanwhile is fine. */
  ensureLabel(name: string, p: { color: string; description: string }): Promise<void>
  createIssue(p: { title: string; body: string; labels: string[] }): Promise<TrackedIssue>
  updateIssue(issueNumber: number, change: IssueChange): Promise<TrackedIssue>
}

export interface GitHub {
  api: GitHubApi
  run: GitHubRun
}

/**
 * A request to GitHub that failed: the HTTP status (undefined for a network failure) and
 * GitHub's own message, on one line. Never the request itself (its headers carry the token).
 */
export class GitHubError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly apiMessage: string
  ) {
    super(status ? `HTTP ${status}: ${apiMessage}` : apiMessage)
    this.name = 'GitHubError'
  }

  /** 403 or 404 that is not a rate limit: the token may not do this (or cannot see the repository). */
  get isPermission(): boolean {
    return (this.status === 403 || this.status === 404) && !/rate limit/i.test(this.apiMessage)
  }
}

/** Any failure of a GitHub request as one short line, and whether the token's permissions are the cause. */
export function describeGitHubFailure(e: unknown): { detail: string; permission: boolean } {
  if (e instanceof GitHubError) return { detail: e.message, permission: e.isPermission }
  const status = (e as { status?: unknown }).status
  const message = oneLine(e instanceof Error ? e.message : String(e))
  if (typeof status === 'number') return describeGitHubFailure(new GitHubError(status, message))
  return { detail: message, permission: false }
}

/**
 * GitHub's messages end with a documentation link after " - "; the line keeps the words. Line
 * breaks become spaces (no workflow command can start a line), and C0/C1 controls (ESC starts a
 * terminal sequence) and bidi overrides go: an answer from GitHub, or from whatever answers in its
 * place, reaches no log line raw.
 */
export function oneLine(message: string): string {
  const words = message
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/ - https:\/\/docs\.github\.com\S*$/, '')
    .trim()
  return words.length > 200 ? `${words.slice(0, 197)}...` : words
}
