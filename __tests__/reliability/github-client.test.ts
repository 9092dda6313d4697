/**
 * src/github/client.ts in process against the GitHub fake: the retry and throttling plugins as the
 * action wires them (announced, bounded waits; writes repeated only after looking), the bounded
 * answer, and GitHub's answers checked before use. The e2e suite (pull-request-check) runs the same
 * through the bundle; here each rule is pinned with the Logger's lines and the fake's log.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Logger } from '../../src/operations/types.js'
import type { GitHub } from '../../src/github/types.js'
import { WRITE_TOKEN, startGitHubFake, type GitHubFake } from '../helpers/github-fake.js'

const HEAD = 'abcdef0123456789abcdef0123456789abcdef01'
const PR = 5
let gh: GitHubFake
let createGitHub: (token: string, log: Logger, settings?: { timeoutMs: number; maxRetries: number }) => GitHub
let lines: string[] = []
const log: Logger = {
  info: (m) => lines.push(m),
  warning: (m) => lines.push(`warning: ${m}`),
  debug: () => {},
  group: (_name, fn) => fn()
}
const client = (settings = { timeoutMs: 2000, maxRetries: 3 }) => createGitHub(WRITE_TOKEN, log, settings)
const output = (n: number, from = 0) => ({
  title: 't',
  summary: 's',
  annotations: Array.from({ length: n }, (_, i) => ({
    path: `c/${from + i}.pem`,
    start_line: 1,
    end_line: 1,
    annotation_level: 'failure' as const,
    title: 'X',
    message: `m${from + i}`
  }))
})
const requests = () => gh.takeLog().map((q) => `${q.method} ${q.path} ${q.status}${q.fault ? ` (${q.fault})` : ''}`)

beforeAll(async () => {
  gh = await startGitHubFake()
  gh.addPullRequest({ number: PR, headSha: HEAD })
  // @actions/github reads the runner's variables when it loads: set them first, then load the client.
  Object.assign(process.env, gh.runnerEnv({ dir: mkdtempSync(path.join(tmpdir(), 'gh-client-')), pullNumber: PR }))
  ;({ createGitHub } = await import('../../src/github/client.js'))
})
afterAll(() => gh.close())
beforeEach(() => {
  gh.reset()
  lines = []
})

describe('GitHub client: retries and rate limits through plugin-retry and plugin-throttling', () => {
  it('a 502 on a list is retried after the announced backoff; the list is whole', async () => {
    gh.setPullRequestFiles(
      PR,
      Array.from({ length: 150 }, (_, i) => ({ filename: `f/${i}.pem`, status: 'added' }))
    )
    gh.failRequest({ route: 'list-pull-request-files', nth: 2, status: 502 })
    const files = await client().api.listPullRequestFiles(PR)
    expect(files).toHaveLength(150)
    expect(requests()).toEqual([`GET /repos/acme/pki/pulls/${PR}/files 200`, `GET /repos/acme/pki/pulls/${PR}/files 502 (502)`, `GET /repos/acme/pki/pulls/${PR}/files 200`])
    expect(lines).toEqual([`GET /repos/acme/pki/pulls/${PR}/files: HTTP 502; retry 1 of 3 in 1 s`])
  })

  it("max-retries bounds the retries: 502 every time fails after max-retries + 1 attempts, with GitHub's status", async () => {
    gh.failRequest({ route: 'list-pull-request-files', status: 502, times: 5 })
    await expect(client({ timeoutMs: 2000, maxRetries: 1 }).api.listPullRequestFiles(PR)).rejects.toMatchObject({ status: 502 })
    expect(requests()).toHaveLength(2)
    expect(lines).toEqual([`GET /repos/acme/pki/pulls/${PR}/files: HTTP 502; retry 1 of 1 in 1 s`])
  })

  it('a 4xx that is not a rate limit is not retried', async () => {
    gh.failRequest({ route: 'list-pull-request-files', status: 422 })
    await expect(client().api.listPullRequestFiles(PR)).rejects.toMatchObject({ status: 422 })
    expect(requests()).toHaveLength(1)
    expect(lines).toEqual([])
  })

  it('a secondary rate limit (403, retry-after: 1, x-ratelimit-remaining above 0) is waited out as GitHub asks, and announced', async () => {
    gh.rateLimitRequest({ route: 'update-issue-comment', retryAfter: 1 })
    const c = gh.addComment(PR, 'x', { login: 'github-actions[bot]', id: 1, type: 'Bot' })
    await client().api.updateIssueComment(c.id, 'y')
    expect(gh.commentsOn(PR)[0]?.body).toBe('y')
    expect(requests()).toEqual([`PATCH /repos/acme/pki/issues/comments/${c.id} 403 (403)`, `PATCH /repos/acme/pki/issues/comments/${c.id} 200`])
    expect(lines).toEqual([`PATCH /repos/acme/pki/issues/comments/${c.id}: secondary rate limit; waiting 1 s as GitHub asks (retry 1 of 3)`])
  })

  it('a spent primary limit (x-ratelimit-remaining: 0) is waited out until x-ratelimit-reset', async () => {
    gh.setPullRequestFiles(PR, [{ filename: 'a.pem', status: 'added' }])
    gh.rateLimitRequest({ route: 'list-pull-request-files', kind: 'primary', resetInSeconds: 1 })
    await client().api.listPullRequestFiles(PR)
    expect(requests()).toEqual([`GET /repos/acme/pki/pulls/${PR}/files 403 (403)`, `GET /repos/acme/pki/pulls/${PR}/files 200`])
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      new RegExp(`^GET /repos/acme/pki/pulls/${PR}/files: rate limit spent \\(x-ratelimit-remaining: 0\\); waiting [1-3] s as GitHub asks \\(retry 1 of 3\\)$`)
    )
  })

  it('a wait longer than what the request has left is not waited: the error says so', async () => {
    gh.rateLimitRequest({ route: 'list-pull-request-files', status: 429, retryAfter: 3600 })
    const err = await client({ timeoutMs: 1000, maxRetries: 2 })
      .api.listPullRequestFiles(PR)
      .catch((e: unknown) => e)
    expect(requests()).toHaveLength(1)
    expect(err).toMatchObject({ status: 429 })
    expect((err as Error).message).toMatch(
      /^HTTP 429: You have exceeded a secondary rate limit\..*; GitHub asked to wait 3600 s, more than the [0-3] s left of this request's 3 s \(timeout-seconds × \(max-retries \+ 1\)\); not waited$/
    )
  })

  it('rate limits count against max-retries too', async () => {
    gh.rateLimitRequest({ route: 'list-pull-request-files', retryAfter: 1, times: 3 })
    const err = await client({ timeoutMs: 5000, maxRetries: 1 })
      .api.listPullRequestFiles(PR)
      .catch((e: unknown) => e)
    expect(requests()).toHaveLength(2)
    expect((err as Error).message).toMatch(/still limited after 1 retry \(max-retries\)$/)
  })
})

describe('GitHub client: writes are never repeated blind', () => {
  it("a check-run POST answered 502 (not stored) is sent again after looking for it by name, head SHA and this run's external_id", async () => {
    gh.failRequest({ route: 'create-check-run', status: 502 })
    const run = await client().api.createCheckRun({ name: 'n', headSha: HEAD, output: output(3) })
    expect(requests()).toEqual(['POST /repos/acme/pki/check-runs 502 (502)', `GET /repos/acme/pki/commits/${HEAD}/check-runs 200`, 'POST /repos/acme/pki/check-runs 201'])
    expect(gh.state.checkRuns).toHaveLength(1)
    expect(run.id).toBe(gh.state.checkRuns[0]?.id)
    expect(gh.log).toHaveLength(0)
  })

  it("a lost check-run POST is found again, not created twice, even beside an earlier run's check run of the same name on the same commit", async () => {
    const api = client().api
    const earlier = await api.createCheckRun({ name: 'n', headSha: HEAD, output: output(1) })
    gh.takeLog()
    gh.loseAnswer({ route: 'create-check-run' })
    const run = await api.createCheckRun({ name: 'n', headSha: HEAD, output: output(2) })
    expect(gh.state.checkRuns).toHaveLength(2)
    expect(run.id).not.toBe(earlier.id)
    expect(gh.checkRun(run.id)?.annotations).toHaveLength(2)
    expect(requests()).toEqual(['POST /repos/acme/pki/check-runs 201 (lost answer)', `GET /repos/acme/pki/commits/${HEAD}/check-runs 200`])
    expect(lines.at(-1)).toBe('POST /repos/acme/pki/check-runs: the earlier attempt had been done after all; not sent again')
  })

  it('a PATCH that appends annotations, whose answer is lost, is looked at and not sent again', async () => {
    const api = client().api
    const run = await api.createCheckRun({ name: 'n', headSha: HEAD, output: output(50) })
    gh.takeLog()
    gh.loseAnswer({ route: 'update-check-run' })
    await api.updateCheckRun(run.id, { output: output(50, 50) })
    await api.updateCheckRun(run.id, { output: output(10, 100), conclusion: 'failure' })
    expect(gh.checkRun(run.id)?.annotations.map((a) => a.message)).toEqual(Array.from({ length: 110 }, (_, i) => `m${i}`))
    expect(requests()).toEqual([
      `PATCH /repos/acme/pki/check-runs/${run.id} 200 (lost answer)`,
      `GET /repos/acme/pki/check-runs/${run.id} 200`,
      `PATCH /repos/acme/pki/check-runs/${run.id} 200`
    ])
  })

  it('a PATCH that appends annotations and was answered 502 (not stored) is sent again after looking', async () => {
    const api = client().api
    const run = await api.createCheckRun({ name: 'n', headSha: HEAD, output: output(50) })
    gh.takeLog()
    gh.failRequest({ route: 'update-check-run', status: 502 })
    await api.updateCheckRun(run.id, { output: output(5, 50) })
    expect(gh.checkRun(run.id)?.annotations).toHaveLength(55)
    expect(requests()).toEqual([
      `PATCH /repos/acme/pki/check-runs/${run.id} 502 (502)`,
      `GET /repos/acme/pki/check-runs/${run.id} 200`,
      `PATCH /repos/acme/pki/check-runs/${run.id} 200`
    ])
  })

  it('a lost comment POST is found again (ours, same body): one comment', async () => {
    gh.loseAnswer({ route: 'create-issue-comment' })
    const c = await client().api.createIssueComment(PR, 'hello')
    expect(gh.commentsOn(PR)).toHaveLength(1)
    expect(c.id).toBe(gh.commentsOn(PR)[0]?.id)
  })

  it('with max-retries: 0 a lost POST is not repeated and fails with a line that names the request', async () => {
    gh.loseAnswer({ route: 'create-issue-comment' })
    await expect(client({ timeoutMs: 2000, maxRetries: 0 }).api.createIssueComment(PR, 'hello')).rejects.toThrow(
      /POST http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/pki\/issues\/5\/comments/
    )
    expect(requests()).toHaveLength(1)
  })
})

describe("GitHub client: GitHub's answers are bounded and checked", () => {
  it('an answer over 32 MiB is not read further and not asked for again', async () => {
    gh.hugeAnswer({ route: 'list-pull-request-files', bytes: 100 * 1024 * 1024 })
    await expect(client().api.listPullRequestFiles(PR)).rejects.toThrow(`GitHub's answer to GET /repos/acme/pki/pulls/${PR}/files is larger than 32 MiB; not read further`)
    const log = gh.takeLog()
    expect(log).toHaveLength(1)
    expect(log[0]?.bytesSent).toBeLessThan(48 * 1024 * 1024)
  })

  it('a check run id that is not a positive integer is refused before it reaches a path', async () => {
    gh.rewriteAnswer({ route: 'create-check-run', rewrite: (b) => ({ ...(b as object), id: '../../x' }) })
    await expect(client().api.createCheckRun({ name: 'n', headSha: HEAD, output: output(0) })).rejects.toThrow('GitHub answered a check run without a valid id')
  })

  it('a link that is not http(s) is refused', async () => {
    gh.rewriteAnswer({ route: 'create-issue-comment', rewrite: (b) => ({ ...(b as object), html_url: 'javascript:alert(1)' }) })
    await expect(client().api.createIssueComment(PR, 'x')).rejects.toThrow('GitHub answered a comment without a valid link')
  })
})

describe('GitHub client: a look that fails stops the write', () => {
  it('when the look for a lost check-run POST fails too, the POST is not sent again and the line says why', async () => {
    gh.loseAnswer({ route: 'create-check-run' })
    gh.failRequest({ route: 'list-check-runs-for-ref', status: 404 })
    const err = await client()
      .api.createCheckRun({ name: 'n', headSha: HEAD, output: output(1) })
      .catch((e: unknown) => e)
    expect((err as Error).message).toMatch(/could not look whether the earlier attempt had been done, so it was not sent again$/)
    // The 404 was the look's: it says nothing of the token's permission to create check runs.
    expect(err).toMatchObject({ status: undefined, isPermission: false })
    expect(requests()).toEqual(['POST /repos/acme/pki/check-runs 201 (lost answer)', `GET /repos/acme/pki/commits/${HEAD}/check-runs 404 (404)`])
    expect(gh.state.checkRuns).toHaveLength(1)
  })
})

describe("oneLine: GitHub's messages fit one log line and carry no control", () => {
  it.each([
    ['a documentation link goes', 'Not Found - https://docs.github.com/rest/checks/runs', 'Not Found'],
    ['line breaks become spaces, so no workflow command starts a line', 'bad\n::error::forged\r\nx', 'bad ::error::forged x'],
    ['ESC and other C0/C1 controls go', 'a\u001b[31mred\u0007\u009b1m', 'a[31mred1m'],
    ['bidi overrides and isolates go', 'abc\u202edcba\u2066x\u2069\u200f', 'abcdcbax'],
    ['past 200 characters it is cut', 'x'.repeat(500), `${'x'.repeat(197)}...`]
  ])('%s', async (_name, input, expected) => {
    const { oneLine } = await import('../../src/github/types.js')
    expect(oneLine(input)).toBe(expected)
  })

  it('a link longer than any real one is refused', async () => {
    gh.rewriteAnswer({ route: 'create-issue-comment', rewrite: (b) => ({ ...(b as object), html_url: `https://github.example/${'a'.repeat(100_000)}` }) })
    await expect(client().api.createIssueComment(PR, 'x')).rejects.toThrow('GitHub answered a comment without a valid link')
  })
})
