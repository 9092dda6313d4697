import { context, getOctokit } from '@actions/github'
import type { Logger } from '../operations/types.js'
import { GitHubError, oneLine, type GitHub, type GitHubApi, type GitHubRun } from './types.js'

/**
 * The only code that talks to GitHub's API: @actions/github's Octokit, on the API base the runner
 * gives (GITHUB_API_URL, so GitHub Enterprise Server works) and its proxy settings. main loads this
 * module only when a run needs it: a plain validate never loads Octokit.
 */
export function createGitHub(token: string, log: Logger, timeoutMs = 30_000): GitHub {
  const octokit = getOctokit(token, {
    userAgent: 'cloudflare-mtls-certificates-action',
    // Octokit's own notices (deprecations) belong in the debug log, not among the findings.
    log: { debug: (m: string) => log.debug(m), info: (m: string) => log.debug(m), warn: (m: string) => log.debug(m), error: (m: string) => log.debug(m) }
  })
  // Every request (each page of a list too) gets a deadline for its headers and its body: on
  // undici's defaults a silent GitHub would hold the step for 300 s and 300 s more per request.
  octokit.hook.wrap('request', async (request, options) => {
    const signal = AbortSignal.timeout(timeoutMs)
    const late = () => new GitHubError(undefined, `no answer from GitHub within ${timeoutMs / 1000} s (${options.method} ${String(options.url).replace(/\?.*$/, '')})`)
    let response: Awaited<ReturnType<typeof request>>
    try {
      // Set on the options given (Octokit's request reads them as they are; a copy loses the route).
      options.request = { ...options.request, signal }
      response = await request(options)
    } catch (e) {
      if (signal.aborted) throw late()
      throw e
    }
    // Octokit reads a JSON body that stops half-way as text rather than failing: not an answer.
    if (signal.aborted) throw late()
    return response
  })
  const run = describeRun()
  const { owner, repo } = run
  const api: GitHubApi = {
    listPullRequestFiles: (pullNumber) =>
      call(async () => {
        const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 })
        return files.map((f) => ({ filename: f.filename, status: f.status }))
      }),
    createCheckRun: ({ name, headSha, output, detailsUrl }) =>
      call(async () => {
        const { data } = await octokit.rest.checks.create({
          owner,
          repo,
          name,
          head_sha: headSha,
          status: 'in_progress',
          output,
          ...(detailsUrl ? { details_url: detailsUrl } : {})
        })
        return { id: data.id, url: data.html_url ?? data.url }
      }),
    updateCheckRun: (id, { output, conclusion }) =>
      call(async () => {
        await octokit.rest.checks.update({
          owner,
          repo,
          check_run_id: id,
          output,
          ...(conclusion ? { status: 'completed' as const, conclusion } : {})
        })
      }),
    findIssueComment: (issueNumber, marker) =>
      call(async () => {
        const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 })
        for await (const page of pages) {
          // Only a bot's comment (GITHUB_TOKEN's github-actions[bot], a GitHub App): anyone can post the marker.
          const found = page.data.find((c) => c.user?.type === 'Bot' && c.body?.includes(marker))
          if (found) return { id: found.id, url: found.html_url, body: found.body ?? '' }
        }
        return undefined
      }),
    createIssueComment: (issueNumber, body) =>
      call(async () => {
        const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body })
        return { id: data.id, url: data.html_url }
      }),
    updateIssueComment: (id, body) =>
      call(async () => {
        const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body })
        return { id: data.id, url: data.html_url }
      })
  }
  return { api, run }
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
    const message = oneLine(e instanceof Error ? e.message : String(e))
    // Octokit reports a request that never got an answer (refused, reset, DNS) as status 500.
    throw new GitHubError(typeof status === 'number' && answered ? status : undefined, message)
  }
}
