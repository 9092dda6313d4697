import { randomUUID } from 'node:crypto'
import { context } from '@actions/github'
import type { Logger } from '../operations/types.js'
import { createOctokit, messageOf, type GitHubOctokit, type LookFirst, type TransportSettings } from './transport.js'
import { GitHubError, type GitHub, type GitHubApi, type GitHubRun, type TrackedIssue } from './types.js'

/**
 * The only code that talks to GitHub's API: @actions/github's Octokit, on the API base the runner
 * gives (GITHUB_API_URL, so GitHub Enterprise Server works) and its proxy settings, with retries,
 * rate-limit waits, deadlines and bounded answers (transport.ts). main loads this module only when
 * a run needs it: a plain validate never loads Octokit.
 */
export function createGitHub(token: string, log: Logger, settings: TransportSettings = { timeoutMs: 30_000, maxRetries: 3 }): GitHub {
  const octokit = createOctokit(token, log, settings)
  const run = describeRun()
  const { owner, repo } = run
  /** Annotations each check run of ours holds, as GitHub last said: what a lost PATCH is checked against. */
  const annotated = new Map<number, number>()
  let login: Promise<string | undefined> | undefined
  /**
   * Whose comments are ours: a bot's (GITHUB_TOKEN's github-actions[bot], a GitHub App) or, with a
   * personal access token, its user's. GITHUB_TOKEN may not read GET /user (403): then bots only.
   */
  const isOurs = async () => {
    login ??= octokit.rest.users.getAuthenticated().then(
      (r) => (typeof r.data.login === 'string' ? r.data.login : undefined),
      (e: unknown) => {
        const status = (e as { status?: unknown }).status
        if (status === 401 || status === 403 || status === 404) return undefined
        throw e
      }
    )
    const me = await login
    return (user: { login?: string; type?: string } | null | undefined) => user?.type === 'Bot' || (me !== undefined && user?.login === me)
  }
  const api: GitHubApi = {
    listPullRequestFiles: (pullNumber) =>
      call(async () => {
        const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 })
        return files.map((f) => ({ filename: f.filename, status: f.status }))
      }),
    createCheckRun: ({ name, headSha, output, detailsUrl }) =>
      call(async () => {
        // Marks this run's check run, so that a POST whose answer was lost is found again (by name
        // and head SHA, then this mark) instead of created twice; a re-run of the job gets its own.
        const externalId = randomUUID()
        const { data } = await octokit.rest.checks.create({
          owner,
          repo,
          name,
          head_sha: headSha,
          external_id: externalId,
          status: 'in_progress',
          output,
          ...(detailsUrl ? { details_url: detailsUrl } : {}),
          request: { lookFirst: findCheckRun(octokit, { owner, repo, name, headSha, externalId }) }
        })
        const id = answerId(data.id, 'check run')
        annotated.set(id, data.output?.annotations_count ?? output.annotations?.length ?? 0)
        return { id, url: answerUrl(data.html_url ?? data.url, 'check run') }
      }),
    updateCheckRun: (id, { output, conclusion }) =>
      call(async () => {
        // Annotations are appended: a PATCH whose answer was lost is repeated only if the run does not hold them yet.
        const before = annotated.get(id) ?? 0
        const adding = output.annotations?.length ?? 0
        const lookFirst: LookFirst = async () => {
          const found = await octokit.rest.checks.get({ owner, repo, check_run_id: id })
          return (found.data.output?.annotations_count ?? 0) >= before + adding ? found : undefined
        }
        const { data } = await octokit.rest.checks.update({
          owner,
          repo,
          check_run_id: id,
          output,
          ...(conclusion ? { status: 'completed' as const, conclusion } : {}),
          request: { lookFirst }
        })
        annotated.set(id, data.output?.annotations_count ?? before + adding)
      }),
    findIssueComment: (issueNumber, marker) =>
      call(async () => {
        const ours = await isOurs()
        const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 })
        for await (const page of pages) {
          // Anyone can post the marker: only a comment by a bot or by the token's own user is adopted.
          const found = page.data.find((c) => ours(c.user) && c.body?.includes(marker))
          if (found) return { id: answerId(found.id, 'comment'), url: answerUrl(found.html_url, 'comment'), body: found.body ?? '' }
        }
        return undefined
      }),
    createIssueComment: (issueNumber, body) =>
      call(async () => {
        // A POST whose answer was lost: the comment is looked for (ours, with this body) before a second one is written.
        const lookFirst: LookFirst = async () => {
          const ours = await isOurs()
          for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 })) {
            const found = page.data.find((c) => ours(c.user) && c.body === body)
            if (found) return { status: 201, url: page.url, data: found }
          }
          return undefined
        }
        const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body, request: { lookFirst } })
        return { id: answerId(data.id, 'comment'), url: answerUrl(data.html_url, 'comment') }
      }),
    updateIssueComment: (id, body) =>
      call(async () => {
        const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body })
        return { id: answerId(data.id, 'comment'), url: answerUrl(data.html_url, 'comment') }
      }),
    findIssues: (label, marker) =>
      call(async () => {
        const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, labels: label, state: 'all', sort: 'created', direction: 'asc', per_page: 100 })
        // The issues list holds pull requests too; only a bot's issue counts (anyone can write the marker).
        return issues.filter((i) => !i.pull_request && i.user?.type === 'Bot' && (i.body ?? '').includes(marker)).map(trackedIssue)
      }),
    ensureLabel: (name, { color, description }) =>
      call(async () => {
        try {
          await octokit.rest.issues.getLabel({ owner, repo, name })
          return
        } catch (e) {
          if ((e as { status?: unknown }).status !== 404) throw e
        }
        try {
          await octokit.rest.issues.createLabel({ owner, repo, name, color, description })
        } catch (e) {
          // Made by another run between the two requests: what was wanted.
          const errors = (e as { response?: { data?: { errors?: Array<{ code?: unknown }> } } }).response?.data?.errors
          if ((e as { status?: unknown }).status === 422 && errors?.some((x) => x.code === 'already_exists')) return
          throw e
        }
      }),
    createIssue: ({ title, body, labels }) =>
      call(async () => {
        // A POST whose answer was lost: the issue is looked for (ours, with this body) before a second one is made.
        const lookFirst: LookFirst = async () => {
          const ours = await isOurs()
          for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
            owner,
            repo,
            state: 'all',
            sort: 'created',
            direction: 'desc',
            per_page: 100
          })) {
            const found = page.data.find((i) => !i.pull_request && ours(i.user) && i.body === body)
            if (found) return { status: 201, url: page.url, data: found }
          }
          return undefined
        }
        const { data } = await octokit.rest.issues.create({ owner, repo, title, body, labels, request: { lookFirst } })
        return trackedIssue(data)
      }),
    updateIssue: (issueNumber, { title, body, state, stateReason }) =>
      call(async () => {
        const { data } = await octokit.rest.issues.update({
          owner,
          repo,
          issue_number: issueNumber,
          ...(title !== undefined ? { title } : {}),
          ...(body !== undefined ? { body } : {}),
          ...(state ? { state } : {}),
          ...(stateReason ? { state_reason: stateReason } : {})
        })
        return trackedIssue(data)
      })
  }
  return { api, run }
}

/** The fields of GitHub's issue that the tracking issue reads. */
function trackedIssue(i: { number: number; html_url: string; state: string; title: string; body?: string | null; labels: Array<string | { name?: string }> }): TrackedIssue {
  return {
    number: answerId(i.number, 'issue'),
    url: answerUrl(i.html_url, 'issue'),
    state: i.state === 'closed' ? 'closed' : 'open',
    title: i.title,
    body: i.body ?? '',
    labels: i.labels.flatMap((l) => (typeof l === 'string' ? [l] : l.name ? [l.name] : []))
  }
}

/** The run as @actions/github's context reads it from the runner's variables and event payload. */
function describeRun(): GitHubRun {
  const { owner, repo } = context.repo
  const pr = context.payload.pull_request as { number?: unknown; head?: { sha?: unknown }; changed_files?: unknown } | undefined
  const isPullRequest = context.eventName === 'pull_request' || context.eventName === 'pull_request_target'
  const pullNumber = isPullRequest && typeof pr?.number === 'number' ? pr.number : undefined
  const headSha = pullNumber !== undefined && typeof pr?.head?.sha === 'string' ? pr.head.sha : context.sha
  return {
    owner,
    repo,
    eventName: context.eventName ?? '',
    ...(pullNumber !== undefined ? { pullNumber } : {}),
    ...(pullNumber !== undefined && typeof pr?.changed_files === 'number' ? { changedFiles: pr.changed_files } : {}),
    headSha: headSha ?? '',
    serverUrl: context.serverUrl.replace(/\/+$/, ''),
    ...(Number.isFinite(context.runId) ? { runId: context.runId } : {}),
    workflow: context.workflow ?? '',
    job: context.job ?? '',
    step: context.action ?? ''
  }
}

/** Before repeating a check-run POST: this run's check run on the head commit, if GitHub made it after all. */
function findCheckRun(octokit: GitHubOctokit, p: { owner: string; repo: string; name: string; headSha: string; externalId: string }): LookFirst {
  return async () => {
    const pages = octokit.paginate.iterator(octokit.rest.checks.listForRef, { owner: p.owner, repo: p.repo, ref: p.headSha, check_name: p.name, filter: 'all', per_page: 100 })
    for await (const page of pages) {
      const found = page.data.find((r) => r.external_id === p.externalId && r.name === p.name && r.head_sha === p.headSha)
      if (found) return { status: 201, url: page.url, data: found }
    }
    return undefined
  }
}

/** An id from GitHub's answer goes into the next request's path: a positive integer, nothing else. */
function answerId(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value
  throw new GitHubError(undefined, `GitHub answered a ${what} without a valid id`)
}

/** A link from GitHub's answer reaches outputs, the log and the summary: an http(s) URL, normalised (controls and spaces encoded). */
function answerUrl(value: unknown, what: string): string {
  if (typeof value === 'string' && value.length <= 2048) {
    try {
      const url = new URL(value)
      if ((url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password) return url.href
    } catch {
      // not a URL: refused below
    }
  }
  throw new GitHubError(undefined, `GitHub answered a ${what} without a valid link`)
}

/**
 * One GitHub request (or one paged list): Octokit's RequestError becomes a GitHubError that keeps
 * the status and GitHub's message and drops the request (whose headers hold the token).
 */
async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    if (e instanceof GitHubError) throw e
    const status = (e as { status?: unknown }).status
    const answered = (e as { response?: unknown }).response !== undefined
    // Octokit reports a request that never got an answer (refused, reset, DNS) as status 500.
    throw new GitHubError(typeof status === 'number' && answered ? status : undefined, messageOf(e))
  }
}
