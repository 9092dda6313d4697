/**
 * A fake of the parts of GitHub's REST API the pull-request check uses: check runs (and their
 * annotations), a pull request's files, and issue comments. A loopback node:http server started in
 * process, in the style of the Cloudflare emulator (emulator/server.js): a request log, state the
 * test can read and seed, fault hooks, and `close()` that destroys every socket.
 *
 * It enforces GitHub's rules, so that a client bug fails a test instead of passing against a
 * lenient answer:
 * - tokens carry permission sets (`checks`, `pull_requests`, `issues`, `contents`); an unknown
 *   token gets 401 `Bad credentials`, a request the token's permissions do not cover gets 403
 *   `Resource not accessible by integration` (what a fork's read-only GITHUB_TOKEN gets);
 * - check runs: at most 50 annotations per request, each with `path`, `start_line` and `end_line`
 *   (integers from 1), `annotation_level` (notice, warning, failure) and `message`; `conclusion`
 *   required with `status: completed` and one of GitHub's values (`stale` is GitHub's own);
 *   `output` needs `title` and `summary`; summary and text at most 65,535 characters; annotations
 *   of an update are appended to the run's, never replace them. All of these answer 422;
 * - lists are paged with `per_page` (default 30, at most 100) and `page`, and GitHub's `Link`
 *   header (`prev`, `next`, `last`, `first`); a pull request's files stop at 3,000;
 * - writing a comment needs `pull_requests: write` or `issues: write`; a body over 65,536
 *   characters gets 422;
 * - issues: the list reads `state` (open, closed, all; default open), `labels` (comma-separated,
 *   every one must be on the issue) and `sort`/`direction` (created or updated), newest first by
 *   default, pull requests included (with their `pull_request` key), paged by Link. Creating one
 *   needs a non-empty `title` (at most 256 characters) and `issues: write`; a label it names that
 *   the repository lacks is created (color ededed, no description), as GitHub does. An update takes
 *   `title`, `body`, `state` (open, closed) and `state_reason` (completed, not_planned, reopened,
 *   null; `reopened` only with state open, the others only when closed), sets `closed_at`, and 422s
 *   anything else; issues and pull requests share one sequence of numbers;
 * - labels: GET by name (case-insensitive, 404 when missing), POST with `name` (at most 50
 *   characters), `color` (6 hexadecimal digits, no `#`) and `description` (at most 100 characters):
 *   422 `already_exists` for a name the repository has (in any case). Writing one needs `issues: write`.
 *
 * An optional base path serves the API under GitHub Enterprise Server's `/api/v3`.
 *
 * Faults: `failRequest` answers a route's nth request with an error status, `hangRequest` never
 * answers it (status 0 in the log), `rateLimitRequest` answers GitHub's secondary rate limit (403 or
 * 429 with `retry-after`, `x-ratelimit-remaining` still above 0) or its spent primary limit
 * (`x-ratelimit-remaining: 0`, `x-ratelimit-reset`), `loseAnswer` does the request and then drops the
 * connection without an answer (a write that happened although the client never heard),
 * `hugeAnswer` streams an answer of any size (counting what the client took), and `rewriteAnswer`
 * lets a test put hostile values in an answer GitHub would give.
 *
 * Tokens with a `user` are personal access tokens: GET /user answers that user and the comments
 * they write carry it. Tokens without one are GITHUB_TOKEN (an app installation): GET /user is 403,
 * and their comments are the bot's.
 *
 * Not modelled: rate-limit accounting (inject limits with `rateLimitRequest`), conditional requests, GraphQL,
 * repositories other than the one configured (404), check suites, images and actions of a check run,
 * who may edit whose comment.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { mkdirSync, writeFileSync } from 'node:fs'
import type { AddressInfo, Socket } from 'node:net'
import path from 'node:path'

export type Permission = 'write' | 'read' | 'none'
export type Scope = 'checks' | 'pull_requests' | 'issues' | 'contents'
export type Permissions = Record<Scope, Permission>

export interface FakeToken {
  /** What the request log shows for this token (never the token itself). */
  label: string
  token: string
  /** Missing scopes are 'none'. */
  permissions: Partial<Permissions>
  /** A personal access token's user (type 'User'); absent for GITHUB_TOKEN, which acts as the bot. */
  user?: { login: string; id: number; type?: string }
}

export interface BotIdentity {
  login: string
  id: number
}

export type RouteName =
  | 'create-check-run'
  | 'update-check-run'
  | 'get-check-run'
  | 'list-check-run-annotations'
  | 'list-pull-request-files'
  | 'list-issue-comments'
  | 'create-issue-comment'
  | 'update-issue-comment'
  | 'get-issue-comment'
  | 'list-issues'
  | 'get-issue'
  | 'create-issue'
  | 'update-issue'
  | 'get-label'
  | 'create-label'
  | 'list-check-runs-for-ref'
  | 'get-authenticated-user'

export interface RequestRecord {
  seq: number
  method: string
  /** The path below the base path (`/repos/acme/pki/check-runs`), whatever the prefix. */
  path: string
  query: Record<string, string>
  route: RouteName | null
  /** The token's label; 'unknown' for a token the fake does not know, 'none' without one. */
  token: string
  /** The request body parsed as JSON; null without one, the raw text when it is not JSON. */
  body: unknown
  status: number
  /** Set when a fault answered the request. */
  fault?: string
  /** For hugeAnswer: the bytes of the answer written before the client stopped reading (or all of them). */
  bytesSent?: number
}

export interface Annotation {
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: 'notice' | 'warning' | 'failure'
  message: string
  title?: string
  raw_details?: string
}

export interface CheckRun {
  id: number
  name: string
  head_sha: string
  status: string
  conclusion: string | null
  details_url: string | null
  external_id: string | null
  started_at: string
  completed_at: string | null
  output: { title: string | null; summary: string | null; text: string | null }
  /** Every annotation the run received, in order (they accumulate across updates). */
  annotations: Annotation[]
  /** The token label that created it. */
  createdBy: string
}

export interface PullRequestFile {
  filename: string
  /** added, removed, modified, renamed, copied, changed, unchanged */
  status: string
  previous_filename?: string
}

export interface PullRequest {
  number: number
  headSha: string
  baseSha: string
  headRef: string
  baseRef: string
  files: PullRequestFile[]
}

export interface IssueComment {
  id: number
  issue_number: number
  body: string
  user: { login: string; id: number; type: string }
  created_at: string
  updated_at: string
}

export interface Label {
  id: number
  name: string
  color: string
  description: string | null
}

export interface Issue {
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  state_reason: 'completed' | 'not_planned' | 'reopened' | null
  /** Label names, as the repository spells them. */
  labels: string[]
  user: { login: string; id: number; type: string }
  created_at: string
  updated_at: string
  closed_at: string | null
}

export interface GitHubFakeState {
  checkRuns: CheckRun[]
  comments: IssueComment[]
  pullRequests: Map<number, PullRequest>
  issues: Issue[]
  labels: Label[]
}

export interface Fault {
  route: RouteName
  /** The status to answer with. */
  status: number
  /** Which request of the route, counted from when the fault was added, fails first (default 1). */
  nth?: number
  /** How many requests in a row fail from there (default 1). */
  times?: number
  /** GitHub's message (default: a generic one for the status). */
  message?: string
  headers?: Record<string, string>
  /** Set by hangRequest: no answer at all (the request stays open until the client gives up or the fake closes). */
  hang?: boolean
  /** Set by loseAnswer: the request is done, then the connection is dropped before any answer. */
  lose?: boolean
  /** Set by hugeAnswer: a 200 whose JSON body is this many bytes, streamed. */
  hugeBytes?: number
  /** Set by rewriteAnswer: the request is done, and its answer's body passes through this. */
  rewrite?: (body: unknown) => unknown
}

export interface GitHubFakeOptions {
  owner?: string
  repo?: string
  /** GitHub Enterprise Server serves the API under /api/v3: pass '/api/v3'. Default ''. */
  basePath?: string
  /** Default: DEFAULT_TOKENS (a write token and a read-only one). */
  tokens?: FakeToken[]
  /** Who writes comments and check runs (the app behind GITHUB_TOKEN). */
  bot?: BotIdentity
  /** GITHUB_SERVER_URL: where html_url links point. Default 'https://github.example'. */
  serverUrl?: string
  /** The first check run id and comment id handed out (defaults 1001 and 2001). */
  firstIds?: { checkRun?: number; comment?: number }
  /** Print each request to stderr. */
  log?: boolean
}

export const WRITE_TOKEN = `ghs_fakeWrite${'W'.repeat(24)}`
export const READ_ONLY_TOKEN = `ghs_fakeRead${'R'.repeat(24)}`
/** What a workflow with `permissions: { contents: read, checks: write, pull-requests: write }` gets, and a fork's token. */
export const DEFAULT_TOKENS: readonly FakeToken[] = [
  { label: 'write', token: WRITE_TOKEN, permissions: { checks: 'write', pull_requests: 'write', issues: 'write', contents: 'read' } },
  { label: 'read-only', token: READ_ONLY_TOKEN, permissions: { checks: 'read', pull_requests: 'read', issues: 'read', contents: 'read' } }
]
export const DEFAULT_BOT: BotIdentity = { login: 'github-actions[bot]', id: 41898282 }
export const DOCS_URL = 'https://docs.github.com/rest'

export const MAX_ANNOTATIONS_PER_REQUEST = 50
export const MAX_OUTPUT_CHARS = 65_535
export const MAX_COMMENT_CHARS = 65_536
export const MAX_PULL_REQUEST_FILES = 3_000
export const DEFAULT_PER_PAGE = 30
export const MAX_PER_PAGE = 100
const CONCLUSIONS = ['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out']
const STATUSES = ['queued', 'in_progress', 'completed']
const LEVELS = ['notice', 'warning', 'failure']
const BODY_LIMIT = 25 * 1024 * 1024

interface Answer {
  /** No answer: the response is left open. */
  hang?: boolean
  /** No answer: the connection is destroyed. */
  drop?: boolean
  /** Stream a JSON body of this many bytes. */
  hugeBytes?: number
  status: number
  body?: unknown
  headers?: Record<string, string>
}

interface Route {
  name: RouteName
  method: string
  pattern: RegExp
  /** The permission the route needs: any one of the scopes at the level (none: any token). */
  needs: { scopes: Scope[]; level: 'read' | 'write' }
}

const REPO = String.raw`/repos/(?<owner>[^/]+)/(?<repo>[^/]+)`
const ROUTES: Route[] = [
  { name: 'create-check-run', method: 'POST', pattern: new RegExp(`^${REPO}/check-runs$`), needs: { scopes: ['checks'], level: 'write' } },
  { name: 'update-check-run', method: 'PATCH', pattern: new RegExp(`^${REPO}/check-runs/(?<id>\\d+)$`), needs: { scopes: ['checks'], level: 'write' } },
  { name: 'get-check-run', method: 'GET', pattern: new RegExp(`^${REPO}/check-runs/(?<id>\\d+)$`), needs: { scopes: ['checks'], level: 'read' } },
  { name: 'list-check-run-annotations', method: 'GET', pattern: new RegExp(`^${REPO}/check-runs/(?<id>\\d+)/annotations$`), needs: { scopes: ['checks'], level: 'read' } },
  {
    name: 'list-pull-request-files',
    method: 'GET',
    pattern: new RegExp(`^${REPO}/pulls/(?<number>\\d+)/files$`),
    needs: { scopes: ['pull_requests', 'contents'], level: 'read' }
  },
  {
    name: 'list-issue-comments',
    method: 'GET',
    pattern: new RegExp(`^${REPO}/issues/(?<number>\\d+)/comments$`),
    needs: { scopes: ['issues', 'pull_requests'], level: 'read' }
  },
  {
    name: 'create-issue-comment',
    method: 'POST',
    pattern: new RegExp(`^${REPO}/issues/(?<number>\\d+)/comments$`),
    needs: { scopes: ['issues', 'pull_requests'], level: 'write' }
  },
  { name: 'get-issue-comment', method: 'GET', pattern: new RegExp(`^${REPO}/issues/comments/(?<id>\\d+)$`), needs: { scopes: ['issues', 'pull_requests'], level: 'read' } },
  {
    name: 'update-issue-comment',
    method: 'PATCH',
    pattern: new RegExp(`^${REPO}/issues/comments/(?<id>\\d+)$`),
    needs: { scopes: ['issues', 'pull_requests'], level: 'write' }
  },
  { name: 'list-issues', method: 'GET', pattern: new RegExp(`^${REPO}/issues$`), needs: { scopes: ['issues'], level: 'read' } },
  { name: 'create-issue', method: 'POST', pattern: new RegExp(`^${REPO}/issues$`), needs: { scopes: ['issues'], level: 'write' } },
  { name: 'get-issue', method: 'GET', pattern: new RegExp(`^${REPO}/issues/(?<number>\\d+)$`), needs: { scopes: ['issues'], level: 'read' } },
  { name: 'update-issue', method: 'PATCH', pattern: new RegExp(`^${REPO}/issues/(?<number>\\d+)$`), needs: { scopes: ['issues'], level: 'write' } },
  { name: 'get-label', method: 'GET', pattern: new RegExp(`^${REPO}/labels/(?<name>[^/]+)$`), needs: { scopes: ['issues', 'pull_requests'], level: 'read' } },
  { name: 'create-label', method: 'POST', pattern: new RegExp(`^${REPO}/labels$`), needs: { scopes: ['issues', 'pull_requests'], level: 'write' } },
  { name: 'list-check-runs-for-ref', method: 'GET', pattern: new RegExp(`^${REPO}/commits/(?<ref>[^/]+)/check-runs$`), needs: { scopes: ['checks'], level: 'read' } },
  { name: 'get-authenticated-user', method: 'GET', pattern: /^\/user$/, needs: { scopes: [], level: 'read' } }
]

interface ActiveFault {
  fault: Fault
  /** Requests of the route still to let through before failing. */
  skip: number
  remaining: number
}

export class GitHubFake {
  /** http://127.0.0.1:PORT, set once listening. */
  url = ''
  /** `url` + the base path: GITHUB_API_URL and Octokit's baseUrl. */
  apiUrl = ''
  port = 0
  readonly owner: string
  readonly repo: string
  readonly basePath: string
  readonly serverUrl: string
  readonly bot: BotIdentity
  readonly tokens: readonly FakeToken[]
  /** Live state: read it, or seed it (addPullRequest, addComment). */
  readonly state: GitHubFakeState = { checkRuns: [], comments: [], pullRequests: new Map(), issues: [], labels: [] }
  readonly #log: RequestRecord[] = []
  readonly #faults: ActiveFault[] = []
  readonly #sockets = new Set<Socket>()
  readonly #server
  readonly #print: boolean
  #seq = 0
  #nextCheckRunId: number
  #nextCommentId: number
  #nextLabelId = 301
  #closed: Promise<void> | undefined

  constructor(options: GitHubFakeOptions = {}) {
    this.owner = options.owner ?? 'acme'
    this.repo = options.repo ?? 'pki'
    const base = options.basePath ?? ''
    if (base !== '' && !/^(\/[A-Za-z0-9._-]+)+$/.test(base)) throw new TypeError(`basePath must look like /api/v3, got ${JSON.stringify(base)}`)
    this.basePath = base
    this.serverUrl = (options.serverUrl ?? 'https://github.example').replace(/\/+$/, '')
    this.bot = options.bot ?? DEFAULT_BOT
    this.tokens = [...(options.tokens ?? DEFAULT_TOKENS)]
    if (new Set(this.tokens.map((t) => t.token)).size !== this.tokens.length) throw new TypeError('tokens must differ')
    this.#print = options.log ?? false
    this.#nextCheckRunId = options.firstIds?.checkRun ?? 1001
    this.#nextCommentId = options.firstIds?.comment ?? 2001
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((e: unknown) => {
        process.stderr.write(`[github-fake] internal error: ${e instanceof Error ? e.stack : String(e)}\n`)
        if (!res.headersSent) send(res, { status: 500, body: { message: 'github-fake internal error' } })
      })
    })
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket)
      socket.on('close', () => this.#sockets.delete(socket))
    })
  }

  async listen(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject)
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject)
        resolve()
      })
    })
    this.port = (this.#server.address() as AddressInfo).port
    this.url = `http://127.0.0.1:${this.port}`
    this.apiUrl = `${this.url}${this.basePath}`
    return this
  }

  // ---------------------------------------------------------------------------------------
  // Observation and seeding

  /** The request log, oldest first (live, read-only). */
  get log(): readonly RequestRecord[] {
    return this.#log
  }

  /** Empties the log and returns what it held. */
  takeLog(): RequestRecord[] {
    return this.#log.splice(0, this.#log.length)
  }

  /** Declares a pull request (and so an issue of that number) with its changed files. */
  addPullRequest(pr: { number: number; headSha?: string; baseSha?: string; headRef?: string; baseRef?: string; files?: PullRequestFile[] }): PullRequest {
    const record: PullRequest = {
      number: pr.number,
      headSha: pr.headSha ?? sha(`head-${pr.number}`),
      baseSha: pr.baseSha ?? sha(`base-${pr.number}`),
      headRef: pr.headRef ?? `feature-${pr.number}`,
      baseRef: pr.baseRef ?? 'main',
      files: [...(pr.files ?? [])]
    }
    this.state.pullRequests.set(pr.number, record)
    return record
  }

  /** Replaces a pull request's changed files. */
  setPullRequestFiles(number: number, files: PullRequestFile[]): void {
    const pr = this.state.pullRequests.get(number)
    if (!pr) throw new Error(`no pull request #${number}: addPullRequest first`)
    pr.files = [...files]
  }

  /** A comment written by someone else (or the bot), as if it were already there. */
  addComment(issue: number, body: string, user: { login: string; id: number; type?: string } = { login: 'octocat', id: 583231 }): IssueComment {
    if (!this.#hasIssue(issue)) throw new Error(`no pull request or issue #${issue}: addPullRequest or addIssue first`)
    const now = new Date().toISOString()
    const comment: IssueComment = { id: this.#nextCommentId++, issue_number: issue, body, user: { type: 'User', ...user }, created_at: now, updated_at: now }
    this.state.comments.push(comment)
    return comment
  }

  /** An issue as if it were already there (by default opened by a user, not the bot). */
  addIssue(issue: { title: string; body?: string; labels?: string[]; state?: 'open' | 'closed'; user?: { login: string; id: number; type?: string } }): Issue {
    const now = new Date().toISOString()
    const labels = (issue.labels ?? []).map((name) => this.#label(name, true).name)
    const record: Issue = {
      number: this.#nextIssueNumber(),
      title: issue.title,
      body: issue.body ?? null,
      state: issue.state ?? 'open',
      state_reason: issue.state === 'closed' ? 'completed' : null,
      labels,
      user: { type: 'User', ...(issue.user ?? { login: 'octocat', id: 583231 }) },
      created_at: now,
      updated_at: now,
      closed_at: issue.state === 'closed' ? now : null
    }
    this.state.issues.push(record)
    return record
  }

  issue(number: number): Issue | undefined {
    return this.state.issues.find((i) => i.number === number)
  }

  /** The issues that carry a label (any case), oldest first. */
  issuesLabelled(name: string): Issue[] {
    return this.state.issues.filter((i) => i.labels.some((l) => l.toLowerCase() === name.toLowerCase()))
  }

  issueUrl(number: number): string {
    return `${this.serverUrl}/${this.owner}/${this.repo}/issues/${number}`
  }

  commentsOn(issue: number): IssueComment[] {
    return this.state.comments.filter((c) => c.issue_number === issue)
  }

  checkRun(id: number): CheckRun | undefined {
    return this.state.checkRuns.find((r) => r.id === id)
  }

  /** The check run's html_url, as GitHub answers it. */
  checkRunUrl(id: number): string {
    return `${this.serverUrl}/${this.owner}/${this.repo}/runs/${id}`
  }

  commentUrl(comment: IssueComment): string {
    return `${this.serverUrl}/${this.owner}/${this.repo}/pull/${comment.issue_number}#issuecomment-${comment.id}`
  }

  /** Fails the nth request (counted from now) of a route, `times` in a row, with a status. */
  failRequest(fault: Fault): void {
    const nth = fault.nth ?? 1
    const times = fault.times ?? 1
    if (!Number.isInteger(nth) || nth < 1 || !Number.isInteger(times) || times < 1) throw new TypeError('nth and times must be positive integers')
    if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599) throw new TypeError('status must be 4xx or 5xx')
    this.#faults.push({ fault, skip: nth - 1, remaining: times })
  }

  /**
   * GitHub's rate limits on the nth request (counted from now) of a route, `times` in a row.
   * secondary (the default): 403 (or 429) "You have exceeded a secondary rate limit" with
   * `retry-after`, while `x-ratelimit-remaining` stays above 0 (the primary limit is not the cause).
   * primary: 403 "API rate limit exceeded" with `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (epoch seconds).
   */
  rateLimitRequest(limit: {
    route: RouteName
    nth?: number
    times?: number
    kind?: 'secondary' | 'primary'
    status?: 403 | 429
    retryAfter?: number
    resetInSeconds?: number
  }): void {
    const status = limit.status ?? 403
    if (limit.kind === 'primary') {
      const reset = Math.ceil(Date.now() / 1000) + (limit.resetInSeconds ?? 1)
      this.failRequest({
        route: limit.route,
        ...(limit.nth !== undefined ? { nth: limit.nth } : {}),
        ...(limit.times !== undefined ? { times: limit.times } : {}),
        status,
        message: 'API rate limit exceeded for installation ID 1.',
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(reset) }
      })
      return
    }
    this.failRequest({
      route: limit.route,
      ...(limit.nth !== undefined ? { nth: limit.nth } : {}),
      ...(limit.times !== undefined ? { times: limit.times } : {}),
      status,
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FAKE:0001.',
      headers: { ...(limit.retryAfter !== undefined ? { 'retry-after': String(limit.retryAfter) } : {}), 'x-ratelimit-remaining': '4321' }
    })
  }

  /** Does the nth request (counted from now) of a route, then drops the connection: the client never hears that it was done. */
  loseAnswer(fault: { route: RouteName; nth?: number; times?: number }): void {
    this.#pushFault({ route: fault.route, status: 0, lose: true }, fault)
  }

  /** Answers the nth request (counted from now) of a route with a 200 whose JSON body is `bytes` long, streamed. */
  hugeAnswer(fault: { route: RouteName; bytes: number; nth?: number; times?: number }): void {
    this.#pushFault({ route: fault.route, status: 0, hugeBytes: fault.bytes }, fault)
  }

  /** Does the nth request (counted from now) of a route as usual and passes its answer's body through `rewrite` (hostile values). */
  rewriteAnswer(fault: { route: RouteName; rewrite: (body: unknown) => unknown; nth?: number; times?: number }): void {
    this.#pushFault({ route: fault.route, status: 0, rewrite: fault.rewrite }, fault)
  }

  #pushFault(fault: Fault, at: { nth?: number; times?: number }): void {
    const nth = at.nth ?? 1
    const times = at.times ?? 1
    if (!Number.isInteger(nth) || nth < 1 || !Number.isInteger(times) || times < 1) throw new TypeError('nth and times must be positive integers')
    this.#faults.push({ fault, skip: nth - 1, remaining: times })
  }

  /** Never answers the nth request (counted from now) of a route, `times` in a row: a GitHub that hangs. */
  hangRequest(fault: { route: RouteName; nth?: number; times?: number }): void {
    const nth = fault.nth ?? 1
    const times = fault.times ?? 1
    if (!Number.isInteger(nth) || nth < 1 || !Number.isInteger(times) || times < 1) throw new TypeError('nth and times must be positive integers')
    this.#faults.push({ fault: { route: fault.route, status: 0, hang: true }, skip: nth - 1, remaining: times })
  }

  clearFaults(): void {
    this.#faults.length = 0
  }

  /** Forgets check runs, comments, issues, labels, faults and the log; pull requests stay. */
  reset(): void {
    this.state.checkRuns.length = 0
    this.state.comments.length = 0
    this.state.issues.length = 0
    this.state.labels.length = 0
    this.clearFaults()
    this.#log.length = 0
  }

  /**
   * Writes a `pull_request` event payload into `dir` and returns the variables a runner sets for a
   * step of that workflow run (what @actions/github's `context` reads). No token among them.
   */
  runnerEnv(options: RunnerEnvOptions): Record<string, string> {
    return pullRequestRunnerEnv(this, options)
  }

  close(): Promise<void> {
    if (this.#closed) return this.#closed
    this.#closed = new Promise<void>((resolve) => this.#server.close(() => resolve()))
    for (const socket of this.#sockets) socket.destroy()
    this.#server.closeAllConnections()
    return this.#closed
  }

  // ---------------------------------------------------------------------------------------
  // HTTP

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', this.url || 'http://127.0.0.1')
    const raw = await readBody(req)
    const inside = this.basePath === '' || url.pathname === this.basePath || url.pathname.startsWith(`${this.basePath}/`)
    const rel = inside ? url.pathname.slice(this.basePath.length) || '/' : url.pathname
    const record: RequestRecord = {
      seq: ++this.#seq,
      method,
      path: rel,
      query: Object.fromEntries(url.searchParams),
      route: null,
      token: 'none',
      body: parseBody(raw),
      status: 0
    }
    this.#log.push(record)
    const answer = inside ? this.#answer(method, rel, url, req, record) : notFound()
    record.status = answer.status
    if (answer.hang) return
    if (this.#print) process.stderr.write(`[github-fake] ${method} ${url.pathname}${url.search} (${record.token}) → ${answer.status}${record.fault ? ` [fault]` : ''}\n`)
    if (answer.drop) {
      req.socket.destroy()
      return
    }
    if (answer.hugeBytes !== undefined) {
      record.bytesSent = await sendHuge(res, answer.hugeBytes)
      return
    }
    send(res, answer)
  }

  #answer(method: string, rel: string, url: URL, req: IncomingMessage, record: RequestRecord): Answer {
    let route: Route | undefined
    let groups: Record<string, string> = {}
    for (const r of ROUTES) {
      const m = r.pattern.exec(rel)
      if (m && r.method === method) {
        route = r
        groups = { ...m.groups }
        break
      }
    }
    if (route) record.route = route.name
    // A bad token is refused before anything else, whatever the path.
    const token = this.#authenticate(req.headers.authorization)
    if (token === 'unknown') {
      record.token = 'unknown'
      return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS_URL, status: '401' } }
    }
    if (token !== undefined) record.token = token.label
    // GitHub answers an unknown path, and a known path with the wrong method, 404.
    if (!route) return notFound()
    if (token === undefined) return { status: 401, body: { message: 'Requires authentication', documentation_url: DOCS_URL, status: '401' } }
    if (groups.owner !== undefined && (groups.owner !== this.owner || groups.repo !== this.repo)) return notFound()

    const fault = this.#takeFault(route.name)
    if (fault?.hang) {
      record.fault = 'hang'
      return { status: 0, hang: true }
    }
    if (fault?.hugeBytes !== undefined) {
      record.fault = 'huge'
      return { status: 200, hugeBytes: fault.hugeBytes }
    }
    if (fault?.lose || fault?.rewrite) {
      const done = this.#route(route, groups, method, url, record, token)
      if (fault.lose) {
        record.fault = 'lost answer'
        return { ...done, drop: true }
      }
      record.fault = 'rewritten'
      return { ...done, body: fault.rewrite?.(done.body) }
    }
    if (fault) {
      record.fault = `${fault.status}`
      return {
        status: fault.status,
        body: { message: fault.message ?? defaultMessage(fault.status), documentation_url: DOCS_URL, status: String(fault.status) },
        headers: fault.headers ?? {}
      }
    }

    return this.#route(route, groups, method, url, record, token)
  }

  #route(route: Route, groups: Record<string, string>, method: string, url: URL, record: RequestRecord, token: FakeToken): Answer {
    if (!allowed(token, route.needs)) {
      return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS_URL, status: '403' } }
    }
    const body = record.body
    if (method !== 'GET' && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      return { status: 400, body: { message: 'Problems parsing JSON', documentation_url: DOCS_URL, status: '400' } }
    }
    const input = (body ?? {}) as Record<string, unknown>
    const id = Number(groups.id)
    const number = Number(groups.number)
    switch (route.name) {
      case 'create-check-run':
        return this.#createCheckRun(input, token)
      case 'update-check-run':
        return this.#updateCheckRun(id, input)
      case 'get-check-run': {
        const run = this.checkRun(id)
        return run ? { status: 200, body: this.#checkRunView(run) } : notFound()
      }
      case 'list-check-run-annotations': {
        const run = this.checkRun(id)
        if (!run) return notFound()
        return this.#page(
          url,
          run.annotations.map((a) => ({ ...a, blob_href: `${this.serverUrl}/${this.owner}/${this.repo}/blob/${run.head_sha}/${a.path}` }))
        )
      }
      case 'list-pull-request-files': {
        const pr = this.state.pullRequests.get(number)
        if (!pr) return notFound()
        const files = pr.files.slice(0, MAX_PULL_REQUEST_FILES).map((f, i) => this.#fileView(pr, f, i))
        return this.#page(url, files)
      }
      case 'get-authenticated-user': {
        // GitHub answers an installation token (GITHUB_TOKEN) 403 here.
        if (!token.user) return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS_URL, status: '403' } }
        return { status: 200, body: { login: token.user.login, id: token.user.id, type: token.user.type ?? 'User', site_admin: false } }
      }
      case 'list-check-runs-for-ref': {
        const ref = groups.ref ?? ''
        const name = url.searchParams.get('check_name')
        const runs = this.state.checkRuns.filter((r) => r.head_sha === ref && (name === null || r.name === name))
        const paged = this.#page(
          url,
          runs.map((r) => this.#checkRunView(r))
        )
        return { ...paged, body: { total_count: runs.length, check_runs: paged.body } }
      }
      case 'list-issue-comments': {
        if (!this.#hasIssue(number)) return notFound()
        return this.#page(
          url,
          this.commentsOn(number).map((c) => this.#commentView(c))
        )
      }
      case 'create-issue-comment': {
        if (!this.#hasIssue(number)) return notFound()
        const problem = commentBodyProblem(input.body)
        if (problem) return invalid(problem)
        const now = new Date().toISOString()
        const comment: IssueComment = {
          id: this.#nextCommentId++,
          issue_number: number,
          body: input.body as string,
          user: token.user ? { type: 'User', ...token.user } : { login: this.bot.login, id: this.bot.id, type: 'Bot' },
          created_at: now,
          updated_at: now
        }
        this.state.comments.push(comment)
        return { status: 201, body: this.#commentView(comment) }
      }
      case 'get-issue-comment': {
        const comment = this.state.comments.find((c) => c.id === id)
        return comment ? { status: 200, body: this.#commentView(comment) } : notFound()
      }
      case 'update-issue-comment': {
        const comment = this.state.comments.find((c) => c.id === id)
        if (!comment) return notFound()
        const problem = commentBodyProblem(input.body)
        if (problem) return invalid(problem)
        comment.body = input.body as string
        comment.updated_at = new Date().toISOString()
        return { status: 200, body: this.#commentView(comment) }
      }
      case 'list-issues':
        return this.#listIssues(url)
      case 'get-issue': {
        const issue = this.issue(number)
        return issue ? { status: 200, body: this.#issueView(issue) } : notFound()
      }
      case 'create-issue':
        return this.#createIssue(input)
      case 'update-issue':
        return this.#updateIssue(number, input)
      case 'get-label': {
        const label = this.#label(decodeURIComponent(groups.name ?? ''), false)
        return label ? { status: 200, body: this.#labelView(label) } : notFound()
      }
      case 'create-label':
        return this.#createLabel(input)
    }
  }

  #hasIssue(number: number): boolean {
    return this.state.pullRequests.has(number) || this.issue(number) !== undefined
  }

  /** Issues and pull requests share one sequence of numbers. */
  #nextIssueNumber(): number {
    return Math.max(0, ...this.state.pullRequests.keys(), ...this.state.issues.map((i) => i.number)) + 1
  }

  /** The repository's label of that name (any case); with `create`, made with GitHub's defaults when missing. */
  #label(name: string, create: true): Label
  #label(name: string, create: false): Label | undefined
  #label(name: string, create: boolean): Label | undefined {
    const found = this.state.labels.find((l) => l.name.toLowerCase() === name.toLowerCase())
    if (found || !create) return found
    const label: Label = { id: this.#nextLabelId++, name, color: 'ededed', description: null }
    this.state.labels.push(label)
    return label
  }

  #labelView(l: Label) {
    return {
      id: l.id,
      node_id: Buffer.from(`Label${l.id}`).toString('base64'),
      url: `${this.apiUrl}/repos/${this.owner}/${this.repo}/labels/${encodeURIComponent(l.name)}`,
      name: l.name,
      color: l.color,
      description: l.description,
      default: false
    }
  }

  #issueView(i: Issue) {
    const api = `${this.apiUrl}/repos/${this.owner}/${this.repo}/issues/${i.number}`
    return {
      id: 100_000 + i.number,
      node_id: Buffer.from(`Issue${i.number}`).toString('base64'),
      url: api,
      repository_url: `${this.apiUrl}/repos/${this.owner}/${this.repo}`,
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      html_url: this.issueUrl(i.number),
      number: i.number,
      state: i.state,
      state_reason: i.state_reason,
      title: i.title,
      body: i.body,
      user: i.user,
      labels: i.labels.map((name) => this.#labelView(this.#label(name, true))),
      locked: false,
      comments: this.commentsOn(i.number).length,
      created_at: i.created_at,
      updated_at: i.updated_at,
      closed_at: i.closed_at,
      author_association: i.user.type === 'Bot' ? 'NONE' : 'MEMBER'
    }
  }

  /** A pull request as the issues list shows it: an issue with a `pull_request` key. */
  #pullAsIssueView(pr: PullRequest) {
    return {
      id: 200_000 + pr.number,
      number: pr.number,
      html_url: `${this.serverUrl}/${this.owner}/${this.repo}/pull/${pr.number}`,
      state: 'open',
      state_reason: null,
      title: `Pull request #${pr.number}`,
      body: null,
      user: { login: 'contributor', id: 1234567, type: 'User' },
      labels: [],
      created_at: new Date(0).toISOString(),
      updated_at: new Date(0).toISOString(),
      closed_at: null,
      pull_request: { url: `${this.apiUrl}/repos/${this.owner}/${this.repo}/pulls/${pr.number}`, html_url: `${this.serverUrl}/${this.owner}/${this.repo}/pull/${pr.number}` }
    }
  }

  #listIssues(url: URL): Answer {
    const state = url.searchParams.get('state') ?? 'open'
    if (!['open', 'closed', 'all'].includes(state)) return invalid('state is not one of open, closed, all')
    const sort = url.searchParams.get('sort') ?? 'created'
    if (!['created', 'updated', 'comments'].includes(sort)) return invalid('sort is not one of created, updated, comments')
    const direction = url.searchParams.get('direction') ?? 'desc'
    if (!['asc', 'desc'].includes(direction)) return invalid('direction is not one of asc, desc')
    const wanted = (url.searchParams.get('labels') ?? '')
      .split(',')
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean)
    const issues = this.state.issues.filter((i) => (state === 'all' || i.state === state) && wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)))
    const key = (i: Issue) => (sort === 'updated' ? i.updated_at : sort === 'comments' ? String(this.commentsOn(i.number).length).padStart(9, '0') : i.created_at)
    // Ties (the same millisecond) fall back to the number, as creation order.
    const ordered = [...issues].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number))
    if (direction === 'desc') ordered.reverse()
    const views: unknown[] = ordered.map((i) => this.#issueView(i))
    // Pull requests are issues too (they carry no labels here, so any label filter leaves them out).
    if (wanted.length === 0 && state !== 'closed') views.push(...[...this.state.pullRequests.values()].map((pr) => this.#pullAsIssueView(pr)))
    return this.#page(url, views)
  }

  #createIssue(input: Record<string, unknown>): Answer {
    if (typeof input.title !== 'string' || input.title.trim() === '') return invalid('title is missing')
    if (input.title.length > 256) return invalid('title is too long (maximum is 256 characters)')
    if (input.body !== undefined && input.body !== null) {
      const problem = commentBodyProblem(input.body)
      if (problem) return invalid(problem)
    }
    const labels = input.labels ?? []
    if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string' || l === '')) return invalid('labels must be an array of label names')
    const now = new Date().toISOString()
    const issue: Issue = {
      number: this.#nextIssueNumber(),
      title: input.title,
      body: typeof input.body === 'string' ? input.body : null,
      state: 'open',
      state_reason: null,
      labels: [...new Set((labels as string[]).map((name) => this.#label(name, true).name))],
      user: { login: this.bot.login, id: this.bot.id, type: 'Bot' },
      created_at: now,
      updated_at: now,
      closed_at: null
    }
    this.state.issues.push(issue)
    return { status: 201, body: this.#issueView(issue) }
  }

  #updateIssue(number: number, input: Record<string, unknown>): Answer {
    const issue = this.issue(number)
    if (!issue) return notFound()
    if (input.title !== undefined && (typeof input.title !== 'string' || input.title.trim() === '' || input.title.length > 256))
      return invalid('title must be a non-empty string of at most 256 characters')
    if (input.body !== undefined && input.body !== null) {
      const problem = commentBodyProblem(input.body)
      if (problem) return invalid(problem)
    }
    if (input.state !== undefined && input.state !== 'open' && input.state !== 'closed') return invalid('state is not one of open, closed')
    const state = input.state ?? issue.state
    const reason = input.state_reason
    if (reason !== undefined && reason !== null && !['completed', 'not_planned', 'reopened'].includes(reason as string))
      return invalid('state_reason is not one of completed, not_planned, reopened')
    if (reason === 'reopened' && state !== 'open') return invalid('state_reason reopened needs state open')
    if ((reason === 'completed' || reason === 'not_planned') && state !== 'closed') return invalid(`state_reason ${reason} needs state closed`)
    const now = new Date().toISOString()
    if (typeof input.title === 'string') issue.title = input.title
    if (input.body !== undefined) issue.body = typeof input.body === 'string' ? input.body : null
    if (state !== issue.state) {
      issue.state = state
      issue.closed_at = state === 'closed' ? now : null
      issue.state_reason = state === 'closed' ? ((reason as Issue['state_reason']) ?? 'completed') : 'reopened'
    } else if (reason !== undefined) {
      issue.state_reason = reason as Issue['state_reason']
    }
    issue.updated_at = now
    return { status: 200, body: this.#issueView(issue) }
  }

  #createLabel(input: Record<string, unknown>): Answer {
    if (typeof input.name !== 'string' || input.name.trim() === '') return invalid('name is missing')
    if (input.name.length > 50) return invalid('name is too long (maximum is 50 characters)')
    if (input.color !== undefined && (typeof input.color !== 'string' || !/^[0-9a-fA-F]{6}$/.test(input.color)))
      return invalid('color must be 6 hexadecimal digits, without the leading #')
    if (input.description !== undefined && input.description !== null && (typeof input.description !== 'string' || input.description.length > 100)) {
      return invalid('description is too long (maximum is 100 characters)')
    }
    if (this.#label(input.name, false)) {
      return {
        status: 422,
        body: { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }], documentation_url: DOCS_URL, status: '422' }
      }
    }
    const label: Label = {
      id: this.#nextLabelId++,
      name: input.name,
      color: typeof input.color === 'string' ? input.color.toLowerCase() : 'ededed',
      description: typeof input.description === 'string' ? input.description : null
    }
    this.state.labels.push(label)
    return { status: 201, body: this.#labelView(label) }
  }

  #authenticate(header: string | undefined): FakeToken | 'unknown' | undefined {
    if (header === undefined || header === '') return undefined
    const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim())
    if (!m) return 'unknown'
    return this.tokens.find((t) => t.token === m[1]) ?? 'unknown'
  }

  #takeFault(route: RouteName): Fault | undefined {
    for (const [i, active] of this.#faults.entries()) {
      if (active.fault.route !== route) continue
      if (active.skip > 0) {
        active.skip--
        continue
      }
      active.remaining--
      if (active.remaining === 0) this.#faults.splice(i, 1)
      return active.fault
    }
    return undefined
  }

  #createCheckRun(input: Record<string, unknown>, token: FakeToken): Answer {
    if (typeof input.name !== 'string' || input.name === '') return invalid('name is missing')
    if (typeof input.head_sha !== 'string' || !/^[0-9a-f]{40}$/.test(input.head_sha)) return invalid('head_sha is missing or not a commit SHA')
    const common = checkRunFieldsProblem(input)
    if (common) return invalid(common)
    const output = input.output as Record<string, unknown> | undefined
    const now = new Date().toISOString()
    const conclusion = typeof input.conclusion === 'string' ? input.conclusion : null
    const run: CheckRun = {
      id: this.#nextCheckRunId++,
      name: input.name,
      head_sha: input.head_sha,
      status: conclusion ? 'completed' : typeof input.status === 'string' ? input.status : 'queued',
      conclusion,
      details_url: typeof input.details_url === 'string' ? input.details_url : null,
      external_id: typeof input.external_id === 'string' ? input.external_id : null,
      started_at: typeof input.started_at === 'string' ? input.started_at : now,
      completed_at: conclusion ? (typeof input.completed_at === 'string' ? input.completed_at : now) : null,
      output: { title: null, summary: null, text: null },
      annotations: [],
      createdBy: token.label
    }
    if (output) applyOutput(run, output)
    this.state.checkRuns.push(run)
    return { status: 201, body: this.#checkRunView(run) }
  }

  #updateCheckRun(id: number, input: Record<string, unknown>): Answer {
    const run = this.checkRun(id)
    if (!run) return notFound()
    if (input.name !== undefined && (typeof input.name !== 'string' || input.name === '')) return invalid('name must be a non-empty string')
    const common = checkRunFieldsProblem(input)
    if (common) return invalid(common)
    if (typeof input.name === 'string') run.name = input.name
    if (typeof input.details_url === 'string') run.details_url = input.details_url
    if (typeof input.conclusion === 'string') {
      run.conclusion = input.conclusion
      run.status = 'completed'
      run.completed_at = typeof input.completed_at === 'string' ? input.completed_at : new Date().toISOString()
    } else if (typeof input.status === 'string') {
      run.status = input.status
    }
    const output = input.output as Record<string, unknown> | undefined
    if (output) applyOutput(run, output)
    return { status: 200, body: this.#checkRunView(run) }
  }

  #checkRunView(run: CheckRun) {
    const api = `${this.apiUrl}/repos/${this.owner}/${this.repo}/check-runs/${run.id}`
    return {
      id: run.id,
      node_id: Buffer.from(`CheckRun${run.id}`).toString('base64'),
      head_sha: run.head_sha,
      external_id: run.external_id ?? '',
      url: api,
      html_url: this.checkRunUrl(run.id),
      details_url: run.details_url,
      status: run.status,
      conclusion: run.conclusion,
      started_at: run.started_at,
      completed_at: run.completed_at,
      output: { ...run.output, annotations_count: run.annotations.length, annotations_url: `${api}/annotations` },
      name: run.name,
      check_suite: { id: 1 },
      app: { id: 15368, slug: 'github-actions', name: 'GitHub Actions', owner: { login: 'github', id: 9919 } },
      pull_requests: []
    }
  }

  #fileView(pr: PullRequest, f: PullRequestFile, i: number) {
    const blob = `${this.serverUrl}/${this.owner}/${this.repo}/blob/${pr.headSha}/${f.filename}`
    return {
      sha: sha(`${pr.number}:${f.filename}`),
      filename: f.filename,
      status: f.status,
      additions: f.status === 'removed' ? 0 : 1 + (i % 7),
      deletions: f.status === 'added' ? 0 : i % 3,
      changes: 1 + (i % 7) + (i % 3),
      blob_url: blob,
      raw_url: blob.replace('/blob/', '/raw/'),
      contents_url: `${this.apiUrl}/repos/${this.owner}/${this.repo}/contents/${f.filename}?ref=${pr.headSha}`,
      ...(f.previous_filename ? { previous_filename: f.previous_filename } : {})
    }
  }

  #commentView(c: IssueComment) {
    return {
      id: c.id,
      node_id: Buffer.from(`IssueComment${c.id}`).toString('base64'),
      url: `${this.apiUrl}/repos/${this.owner}/${this.repo}/issues/comments/${c.id}`,
      html_url: this.commentUrl(c),
      issue_url: `${this.apiUrl}/repos/${this.owner}/${this.repo}/issues/${c.issue_number}`,
      body: c.body,
      user: c.user,
      created_at: c.created_at,
      updated_at: c.updated_at,
      author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER'
    }
  }

  /** One page of a list, with GitHub's Link header (absolute URLs, base path kept). */
  #page(url: URL, items: unknown[]): Answer {
    const perPageRaw = url.searchParams.get('per_page')
    const pageRaw = url.searchParams.get('page')
    // GitHub reads a bad value as the default and clamps per_page to 100.
    const perPage = Math.min(MAX_PER_PAGE, positiveOr(perPageRaw, DEFAULT_PER_PAGE))
    const page = positiveOr(pageRaw, 1)
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const link = (n: number, rel: string) => {
      const u = new URL(url.pathname, this.url)
      for (const [k, v] of url.searchParams) if (k !== 'page' && k !== 'per_page') u.searchParams.append(k, v)
      u.searchParams.set('per_page', String(perPage))
      u.searchParams.set('page', String(n))
      return `<${u.href}>; rel="${rel}"`
    }
    const rels: string[] = []
    if (page > 1) rels.push(link(Math.min(page - 1, last), 'prev'))
    if (page < last) rels.push(link(page + 1, 'next'), link(last, 'last'))
    if (page > 1) rels.push(link(1, 'first'))
    return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), headers: rels.length > 0 ? { link: rels.join(', ') } : {} }
  }
}

export interface RunnerEnvOptions {
  /** Where to write the event payload (a directory; created if missing). */
  dir: string
  pullNumber: number
  /** The PR's head commit; default: the fake's record of the PR, or a made-up SHA. */
  headSha?: string
  /** GITHUB_SHA: the merge commit GitHub makes for a pull_request run (differs from the head). */
  sha?: string
  action?: string
  eventName?: 'pull_request' | 'pull_request_target'
  runId?: number
  workflow?: string
  job?: string
  /** GITHUB_ACTION: the step's id. */
  step?: string
  workspace?: string
}

/** The `pull_request` event payload and the runner's variables for a step of that run. */
export function pullRequestRunnerEnv(fake: GitHubFake, options: RunnerEnvOptions): Record<string, string> {
  const pr = fake.state.pullRequests.get(options.pullNumber)
  const headSha = options.headSha ?? pr?.headSha ?? sha(`head-${options.pullNumber}`)
  const baseSha = pr?.baseSha ?? sha(`base-${options.pullNumber}`)
  const headRef = pr?.headRef ?? `feature-${options.pullNumber}`
  const baseRef = pr?.baseRef ?? 'main'
  const fullName = `${fake.owner}/${fake.repo}`
  const repository = {
    id: 123456,
    name: fake.repo,
    full_name: fullName,
    owner: { login: fake.owner, id: 654321, type: 'Organization' },
    html_url: `${fake.serverUrl}/${fullName}`,
    private: false
  }
  const user = { login: 'contributor', id: 1234567, type: 'User' }
  const payload = {
    action: options.action ?? 'synchronize',
    number: options.pullNumber,
    pull_request: {
      number: options.pullNumber,
      state: 'open',
      title: `Pull request #${options.pullNumber}`,
      html_url: `${fake.serverUrl}/${fullName}/pull/${options.pullNumber}`,
      url: `${fake.apiUrl}/repos/${fullName}/pulls/${options.pullNumber}`,
      user,
      head: { sha: headSha, ref: headRef, label: `contributor:${headRef}`, repo: repository, user },
      base: { sha: baseSha, ref: baseRef, label: `${fake.owner}:${baseRef}`, repo: repository },
      changed_files: pr?.files.length ?? 0
    },
    repository,
    sender: user
  }
  mkdirSync(options.dir, { recursive: true })
  const eventPath = path.join(options.dir, `event-pr-${options.pullNumber}.json`)
  writeFileSync(eventPath, JSON.stringify(payload, null, 2))
  const server = new URL(fake.serverUrl)
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: fake.apiUrl,
    GITHUB_SERVER_URL: fake.serverUrl,
    GITHUB_GRAPHQL_URL: fake.basePath === '' ? `${fake.apiUrl}/graphql` : `${fake.url}/api/graphql`,
    GITHUB_REPOSITORY: fullName,
    GITHUB_REPOSITORY_OWNER: fake.owner,
    GITHUB_SHA: options.sha ?? sha(`merge-${options.pullNumber}`),
    GITHUB_REF: `refs/pull/${options.pullNumber}/merge`,
    GITHUB_REF_NAME: `${options.pullNumber}/merge`,
    GITHUB_HEAD_REF: headRef,
    GITHUB_BASE_REF: baseRef,
    GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_RUN_ID: String(options.runId ?? 42),
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: options.workflow ?? 'PEM check',
    GITHUB_JOB: options.job ?? 'validate',
    GITHUB_ACTION: options.step ?? 'pem',
    GITHUB_ACTOR: user.login,
    GITHUB_TRIGGERING_ACTOR: user.login,
    ...(options.workspace ? { GITHUB_WORKSPACE: options.workspace } : {}),
    // Not read by the action; here so a run looks like a runner's to anything that checks.
    RUNNER_OS: 'Linux',
    GITHUB_SERVER_HOST: server.host
  }
}

/** A `schedule` event's payload and the runner's variables for a step of that run (a weekly report). */
export function scheduledRunnerEnv(
  fake: GitHubFake,
  options: { dir: string; cron?: string; runId?: number; workflow?: string; job?: string; step?: string; sha?: string }
): Record<string, string> {
  const fullName = `${fake.owner}/${fake.repo}`
  const repository = {
    id: 123456,
    name: fake.repo,
    full_name: fullName,
    owner: { login: fake.owner, id: 654321, type: 'Organization' },
    html_url: `${fake.serverUrl}/${fullName}`,
    private: false
  }
  mkdirSync(options.dir, { recursive: true })
  const eventPath = path.join(options.dir, 'event-schedule.json')
  writeFileSync(eventPath, JSON.stringify({ schedule: options.cron ?? '0 7 * * 1', repository }, null, 2))
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: fake.apiUrl,
    GITHUB_SERVER_URL: fake.serverUrl,
    GITHUB_GRAPHQL_URL: fake.basePath === '' ? `${fake.apiUrl}/graphql` : `${fake.url}/api/graphql`,
    GITHUB_REPOSITORY: fullName,
    GITHUB_REPOSITORY_OWNER: fake.owner,
    GITHUB_SHA: options.sha ?? sha('main'),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_RUN_ID: String(options.runId ?? 4242),
    GITHUB_RUN_NUMBER: '3',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: options.workflow ?? 'mTLS expiry report',
    GITHUB_JOB: options.job ?? 'report',
    GITHUB_ACTION: options.step ?? 'report',
    GITHUB_ACTOR: 'github-actions[bot]',
    RUNNER_OS: 'Linux'
  }
}

export async function startGitHubFake(options: GitHubFakeOptions = {}): Promise<GitHubFake> {
  return new GitHubFake(options).listen(0)
}

// -----------------------------------------------------------------------------------------
// Rules

function allowed(token: FakeToken, needs: Route['needs']): boolean {
  if (needs.scopes.length === 0) return true
  return needs.scopes.some((scope) => {
    const p = token.permissions[scope] ?? 'none'
    return needs.level === 'read' ? p !== 'none' : p === 'write'
  })
}

/** status, conclusion and output of a create or an update; undefined when GitHub would take them. */
function checkRunFieldsProblem(input: Record<string, unknown>): string | undefined {
  if (input.status !== undefined && (typeof input.status !== 'string' || !STATUSES.includes(input.status))) return `status is not one of ${STATUSES.join(', ')}`
  if (input.conclusion !== undefined) {
    if (typeof input.conclusion !== 'string' || !CONCLUSIONS.includes(input.conclusion)) return `conclusion is not one of ${CONCLUSIONS.join(', ')}`
    if (input.conclusion === 'stale') return 'conclusion stale can only be set by GitHub'
    if (input.conclusion === 'action_required' && typeof input.details_url !== 'string') return 'details_url is required for conclusion action_required'
  }
  if ((input.status === 'completed' || input.completed_at !== undefined) && input.conclusion === undefined) return 'conclusion is required when status is completed'
  if (input.output === undefined) return undefined
  const output = input.output
  if (typeof output !== 'object' || output === null || Array.isArray(output)) return 'output is not an object'
  const o = output as Record<string, unknown>
  if (typeof o.title !== 'string') return 'output.title is missing'
  if (typeof o.summary !== 'string') return 'output.summary is missing'
  if (o.summary.length > MAX_OUTPUT_CHARS) return `output.summary is too long (maximum is ${MAX_OUTPUT_CHARS} characters)`
  if (o.text !== undefined && (typeof o.text !== 'string' || o.text.length > MAX_OUTPUT_CHARS)) return `output.text is too long (maximum is ${MAX_OUTPUT_CHARS} characters)`
  if (o.annotations === undefined) return undefined
  if (!Array.isArray(o.annotations)) return 'output.annotations is not an array'
  if (o.annotations.length > MAX_ANNOTATIONS_PER_REQUEST) return `Only ${MAX_ANNOTATIONS_PER_REQUEST} annotations are allowed per request (got ${o.annotations.length})`
  for (const [i, a] of (o.annotations as unknown[]).entries()) {
    const problem = annotationProblem(a)
    if (problem) return `output.annotations[${i}]: ${problem}`
  }
  return undefined
}

function annotationProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object'
  const a = value as Record<string, unknown>
  if (typeof a.path !== 'string' || a.path === '') return 'path is missing'
  for (const key of ['start_line', 'end_line'] as const) {
    if (typeof a[key] !== 'number' || !Number.isInteger(a[key]) || a[key] < 1) return `${key} must be an integer from 1`
  }
  if ((a.end_line as number) < (a.start_line as number)) return 'end_line is before start_line'
  if (typeof a.annotation_level !== 'string' || !LEVELS.includes(a.annotation_level)) return `annotation_level is not one of ${LEVELS.join(', ')}`
  if (typeof a.message !== 'string' || a.message === '') return 'message is missing'
  if (Buffer.byteLength(a.message) > 64 * 1024) return 'message is larger than 64 KB'
  if (a.title !== undefined && (typeof a.title !== 'string' || a.title.length > 255)) return 'title is longer than 255 characters'
  if (a.raw_details !== undefined && (typeof a.raw_details !== 'string' || Buffer.byteLength(a.raw_details) > 64 * 1024)) return 'raw_details is larger than 64 KB'
  if ((a.start_column !== undefined || a.end_column !== undefined) && a.start_line !== a.end_line) return 'start_column and end_column are only allowed on one line'
  return undefined
}

/** Title, summary and text replace the run's; annotations are appended. */
function applyOutput(run: CheckRun, output: Record<string, unknown>): void {
  run.output.title = output.title as string
  run.output.summary = output.summary as string
  if (typeof output.text === 'string') run.output.text = output.text
  if (Array.isArray(output.annotations)) for (const a of output.annotations as Annotation[]) run.annotations.push({ ...a })
}

function commentBodyProblem(body: unknown): string | undefined {
  if (typeof body !== 'string' || body === '') return 'body is missing'
  if (body.length > MAX_COMMENT_CHARS) return `Body is too long (maximum is ${MAX_COMMENT_CHARS} characters)`
  return undefined
}

// -----------------------------------------------------------------------------------------
// Helpers

function notFound(): Answer {
  return { status: 404, body: { message: 'Not Found', documentation_url: DOCS_URL, status: '404' } }
}

function invalid(detail: string): Answer {
  return { status: 422, body: { message: `Invalid request.\n\n${detail}`, documentation_url: DOCS_URL, status: '422' } }
}

function defaultMessage(status: number): string {
  if (status === 403) return 'Resource not accessible by integration'
  if (status === 404) return 'Not Found'
  if (status === 422) return 'Validation Failed'
  if (status === 429) return 'API rate limit exceeded'
  if (status >= 500) return 'Server Error'
  return 'Bad Request'
}

function positiveOr(raw: string | null, fallback: number): number {
  const n = raw === null ? NaN : Number(raw)
  return Number.isInteger(n) && n >= 1 ? n : fallback
}

/** A stable made-up 40-hex SHA for a label. */
function sha(label: string): string {
  let h = 0x811c9dc5
  let out = ''
  for (let round = 0; out.length < 40; round++) {
    for (const ch of `${label}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0
    out += h.toString(16).padStart(8, '0')
  }
  return out.slice(0, 40)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size <= BODY_LIMIT) chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function parseBody(raw: string): unknown {
  if (raw === '') return null
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return raw
  }
}

/** A 200 with a JSON body of `bytes` bytes, written as the client reads it; resolves to what was written when it ends or the client leaves. */
function sendHuge(res: ServerResponse, bytes: number): Promise<number> {
  const head = '{"message":"'
  const tail = '"}'
  const fill = Math.max(0, bytes - head.length - tail.length)
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '4999' })
  const chunk = Buffer.alloc(64 * 1024, 'a')
  let sent = 0
  return new Promise((resolve) => {
    const finish = () => resolve(sent)
    res.on('close', finish)
    sent += Buffer.byteLength(head)
    res.write(head)
    let left = fill
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const n = Math.min(left, chunk.length)
        left -= n
        sent += n
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          res.once('drain', pump)
          return
        }
      }
      if (!res.destroyed) res.end(tail, () => (sent += tail.length))
    }
    pump()
  })
}

function send(res: ServerResponse, answer: Answer): void {
  if (res.destroyed || res.headersSent) return
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body)
  res.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'x-github-request-id': `FAKE:${Math.random().toString(16).slice(2, 10).toUpperCase()}`,
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-resource': 'core',
    'x-github-api-version-selected': '2022-11-28',
    ...answer.headers
  })
  res.end(text)
}
