/**
 * The GitHub fake (__tests__/helpers/github-fake.ts) driven by the real Octokit of @actions/github,
 * as the action drives it: GitHub's rules hold (so a client bug would fail against it), and the
 * request log names tokens by label only.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { context, getOctokit } from '@actions/github'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { READ_ONLY_TOKEN, WRITE_TOKEN, startGitHubFake, type Annotation, type GitHubFake } from '../helpers/github-fake.js'

const owner = 'acme'
const repo = 'pki'
const HEAD = 'abcdef0123456789abcdef0123456789abcdef01'
const NO_CHECKS = `ghs_fakeNoChecks${'N'.repeat(24)}`

let gh: GitHubFake
let ghe: GitHubFake
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
const octokit = (token: string, fake = gh) => getOctokit(token, { baseUrl: fake.apiUrl, log: silent })
const writer = () => octokit(WRITE_TOKEN)

const annotation = (i: number, level: Annotation['annotation_level'] = 'failure'): Annotation => ({
  path: `certs/c-${i}.pem`,
  start_line: 1 + i,
  end_line: 1 + i,
  annotation_level: level,
  title: 'CERT_EXPIRED',
  message: `finding ${i}`
})
const annotations = (n: number, from = 0) => Array.from({ length: n }, (_, i) => annotation(from + i))
const output = (list: Annotation[] = []) => ({ title: 't', summary: 's', annotations: list })

/** The status and GitHub's message of a refused request. */
async function refusal(p: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await p
  } catch (e) {
    const err = e as { status: number; response?: { data?: { message?: string } } }
    return { status: err.status, message: err.response?.data?.message ?? '' }
  }
  throw new Error('the request was accepted')
}

beforeAll(async () => {
  gh = await startGitHubFake({
    tokens: [
      { label: 'write', token: WRITE_TOKEN, permissions: { checks: 'write', pull_requests: 'write', issues: 'write', contents: 'read' } },
      { label: 'read-only', token: READ_ONLY_TOKEN, permissions: { checks: 'read', pull_requests: 'read', issues: 'read', contents: 'read' } },
      { label: 'no-checks', token: NO_CHECKS, permissions: { pull_requests: 'write', contents: 'read' } }
    ]
  })
  ghe = await startGitHubFake({ basePath: '/api/v3' })
})
afterAll(async () => {
  await gh.close()
  await ghe.close()
})
afterEach(() => gh.reset())

describe('pull request files', () => {
  it('250 files: Octokit pages them with per_page 100 by the Link header, every file once, in order', async () => {
    gh.addPullRequest({
      number: 7,
      files: Array.from({ length: 250 }, (_, i) => ({ filename: `f/${String(i).padStart(3, '0')}.pem`, status: i % 5 === 0 ? 'removed' : 'modified' }))
    })
    const files = await writer().paginate(writer().rest.pulls.listFiles, { owner, repo, pull_number: 7, per_page: 100 })
    expect(files.map((f) => f.filename)).toEqual(Array.from({ length: 250 }, (_, i) => `f/${String(i).padStart(3, '0')}.pem`))
    expect(files[5]?.status).toBe('removed')
    const log = gh.takeLog()
    expect(log.map((r) => `${r.route} page=${r.query.page ?? '1'} per_page=${r.query.per_page}`)).toEqual([
      'list-pull-request-files page=1 per_page=100',
      'list-pull-request-files page=2 per_page=100',
      'list-pull-request-files page=3 per_page=100'
    ])
  })

  it("GitHub's Link header: next and last, then prev and first; per_page defaults to 30 and stops at 100", async () => {
    gh.addPullRequest({ number: 8, files: Array.from({ length: 250 }, (_, i) => ({ filename: `g/${i}`, status: 'added' })) })
    const first = await writer().rest.pulls.listFiles({ owner, repo, pull_number: 8 })
    expect(first.data).toHaveLength(30)
    expect(first.headers.link).toBe(
      `<${gh.url}/repos/acme/pki/pulls/8/files?per_page=30&page=2>; rel="next", <${gh.url}/repos/acme/pki/pulls/8/files?per_page=30&page=9>; rel="last"`
    )
    const clamped = await writer().rest.pulls.listFiles({ owner, repo, pull_number: 8, per_page: 500, page: 3 })
    expect(clamped.data.map((f) => f.filename)).toEqual(Array.from({ length: 50 }, (_, i) => `g/${200 + i}`))
    expect(clamped.headers.link).toBe(
      `<${gh.url}/repos/acme/pki/pulls/8/files?per_page=100&page=2>; rel="prev", <${gh.url}/repos/acme/pki/pulls/8/files?per_page=100&page=1>; rel="first"`
    )
  })

  it('stops at 3,000 files, as GitHub does', async () => {
    gh.addPullRequest({ number: 9, files: Array.from({ length: 3_050 }, (_, i) => ({ filename: `h/${i}`, status: 'added' })) })
    const files = await writer().paginate(writer().rest.pulls.listFiles, { owner, repo, pull_number: 9, per_page: 100 })
    expect(files).toHaveLength(3_000)
    expect(gh.takeLog()).toHaveLength(30)
  })

  it('an unknown pull request or another repository: 404', async () => {
    expect(await refusal(writer().rest.pulls.listFiles({ owner, repo, pull_number: 404 }))).toEqual({ status: 404, message: 'Not Found' })
    gh.addPullRequest({ number: 1 })
    expect((await refusal(writer().rest.pulls.listFiles({ owner, repo: 'other', pull_number: 1 }))).status).toBe(404)
  })
})

describe('check runs', () => {
  it('51 annotations in one request: 422, and no check run is made', async () => {
    const r = await refusal(writer().rest.checks.create({ owner, repo, name: 'x', head_sha: HEAD, output: output(annotations(51)) }))
    expect(r.status).toBe(422)
    expect(r.message).toMatch(/Only 50 annotations/)
    expect(gh.state.checkRuns).toHaveLength(0)
  })

  it('51 annotations in an update: 422, and the run keeps what it had', async () => {
    const { data } = await writer().rest.checks.create({ owner, repo, name: 'x', head_sha: HEAD, output: output(annotations(50)) })
    expect((await refusal(writer().rest.checks.update({ owner, repo, check_run_id: data.id, output: output(annotations(51, 50)) }))).status).toBe(422)
    expect(gh.checkRun(data.id)?.annotations).toHaveLength(50)
  })

  it('annotations append across PATCHes; the conclusion completes the run; GET and the annotations list read them back', async () => {
    const api = writer()
    const { data, status } = await api.rest.checks.create({ owner, repo, name: 'PEM', head_sha: HEAD, status: 'in_progress', output: output(annotations(50)) })
    expect(status).toBe(201)
    expect(data.html_url).toBe(`https://github.example/acme/pki/runs/${data.id}`)
    expect(data.status).toBe('in_progress')
    await api.rest.checks.update({ owner, repo, check_run_id: data.id, output: output(annotations(50, 50)) })
    const done = await api.rest.checks.update({ owner, repo, check_run_id: data.id, status: 'completed', conclusion: 'neutral', output: output(annotations(20, 100)) })
    expect(done.data).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { annotations_count: 120 } })
    const got = await api.rest.checks.get({ owner, repo, check_run_id: data.id })
    expect(got.data.output.annotations_count).toBe(120)
    const listed = await api.paginate(api.rest.checks.listAnnotations, { owner, repo, check_run_id: data.id, per_page: 100 })
    expect(listed.map((a) => a.message)).toEqual(Array.from({ length: 120 }, (_, i) => `finding ${i}`))
    expect(gh.checkRun(data.id)?.annotations).toHaveLength(120)
  })

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['status completed without a conclusion', { status: 'completed' }, /conclusion is required/],
    ['a conclusion GitHub does not know', { conclusion: 'passed' }, /conclusion is not one of/],
    ['the stale conclusion (GitHub sets it, nobody else)', { conclusion: 'stale' }, /stale/],
    ['an output without a title', { output: { summary: 's' } }, /output\.title/],
    ['an output without a summary', { output: { title: 't' } }, /output\.summary/],
    ['a summary of 65,536 characters', { output: { title: 't', summary: 'x'.repeat(65_536) } }, /summary is too long/],
    ['a text of 65,536 characters', { output: { title: 't', summary: 's', text: 'x'.repeat(65_536) } }, /text is too long/],
    ['an annotation without a path', { output: output([{ ...annotation(1), path: '' }]) }, /path is missing/],
    ['an annotation on line 0', { output: output([{ ...annotation(1), start_line: 0, end_line: 0 }]) }, /start_line/],
    ['an annotation level "error" (the Checks API says failure)', { output: output([{ ...annotation(1), annotation_level: 'error' as never }]) }, /annotation_level/],
    ['an annotation without a message', { output: output([{ ...annotation(1), message: '' }]) }, /message is missing/]
  ])('422 for %s', async (_name, fields, message) => {
    const { data } = await writer().rest.checks.create({ owner, repo, name: 'x', head_sha: HEAD })
    const r = await refusal(writer().request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner, repo, check_run_id: data.id, ...fields }))
    expect(r.status).toBe(422)
    expect(r.message).toMatch(message)
    expect(gh.checkRun(data.id)).toMatchObject({ status: 'queued', conclusion: null, annotations: [] })
  })

  it('a conclusion alone completes the run (GitHub sets the status)', async () => {
    const { data } = await writer().rest.checks.create({ owner, repo, name: 'x', head_sha: HEAD })
    const done = await writer().rest.checks.update({ owner, repo, check_run_id: data.id, conclusion: 'failure' })
    expect(done.data).toMatchObject({ status: 'completed', conclusion: 'failure' })
  })

  it('a check run that does not exist: 404', async () => {
    expect((await refusal(writer().rest.checks.update({ owner, repo, check_run_id: 999_999, conclusion: 'success' }))).status).toBe(404)
  })
})

describe('issue comments', () => {
  it('create, list (paged by Link), update in place; the bot writes them', async () => {
    gh.addPullRequest({ number: 7 })
    for (let i = 0; i < 120; i++) gh.addComment(7, `someone else ${i}`)
    const api = writer()
    const created = await api.rest.issues.createComment({ owner, repo, issue_number: 7, body: 'hello <!-- marker -->' })
    expect(created.status).toBe(201)
    expect(created.data.user?.login).toBe('github-actions[bot]')
    expect(created.data.html_url).toBe(`https://github.example/acme/pki/pull/7#issuecomment-${created.data.id}`)
    const all = await api.paginate(api.rest.issues.listComments, { owner, repo, issue_number: 7, per_page: 100 })
    expect(all).toHaveLength(121)
    expect(gh.takeLog().filter((r) => r.route === 'list-issue-comments')).toHaveLength(2)
    await api.rest.issues.updateComment({ owner, repo, comment_id: created.data.id, body: 'edited <!-- marker -->' })
    expect(gh.commentsOn(7)).toHaveLength(121)
    expect(gh.commentsOn(7).at(-1)?.body).toBe('edited <!-- marker -->')
  })

  it('a body over 65,536 characters or none: 422; an unknown comment: 404', async () => {
    gh.addPullRequest({ number: 7 })
    expect((await refusal(writer().rest.issues.createComment({ owner, repo, issue_number: 7, body: 'x'.repeat(65_537) }))).status).toBe(422)
    expect((await refusal(writer().rest.issues.createComment({ owner, repo, issue_number: 7, body: '' }))).status).toBe(422)
    expect((await refusal(writer().rest.issues.updateComment({ owner, repo, comment_id: 1, body: 'x' }))).status).toBe(404)
  })
})

describe('tokens and permissions', () => {
  it('a read-only token (a fork pull request): every write is 403, every read is allowed', async () => {
    gh.addPullRequest({ number: 7, files: [{ filename: 'a.pem', status: 'added' }] })
    const { data: run } = await writer().rest.checks.create({ owner, repo, name: 'x', head_sha: HEAD })
    const comment = gh.addComment(7, 'there')
    const ro = octokit(READ_ONLY_TOKEN)
    const forbidden = { status: 403, message: 'Resource not accessible by integration' }
    expect(await refusal(ro.rest.checks.create({ owner, repo, name: 'x', head_sha: HEAD }))).toEqual(forbidden)
    expect(await refusal(ro.rest.checks.update({ owner, repo, check_run_id: run.id, conclusion: 'success' }))).toEqual(forbidden)
    expect(await refusal(ro.rest.issues.createComment({ owner, repo, issue_number: 7, body: 'x' }))).toEqual(forbidden)
    expect(await refusal(ro.rest.issues.updateComment({ owner, repo, comment_id: comment.id, body: 'x' }))).toEqual(forbidden)
    expect((await ro.rest.pulls.listFiles({ owner, repo, pull_number: 7 })).data).toHaveLength(1)
    expect((await ro.rest.issues.listComments({ owner, repo, issue_number: 7 })).data).toHaveLength(1)
    expect((await ro.rest.checks.get({ owner, repo, check_run_id: run.id })).data.status).toBe('queued')
    expect(gh.state.checkRuns).toHaveLength(1)
    expect(gh.commentsOn(7).map((c) => c.body)).toEqual(['there'])
  })

  it('permissions are per scope: pull-requests: write may comment, but without checks it may not read or write a check run', async () => {
    gh.addPullRequest({ number: 7 })
    const api = octokit(NO_CHECKS)
    expect((await api.rest.issues.createComment({ owner, repo, issue_number: 7, body: 'ok' })).status).toBe(201)
    expect((await refusal(api.rest.checks.create({ owner, repo, name: 'x', head_sha: HEAD }))).status).toBe(403)
    const { data: run } = await writer().rest.checks.create({ owner, repo, name: 'x', head_sha: HEAD })
    expect((await refusal(api.rest.checks.get({ owner, repo, check_run_id: run.id }))).status).toBe(403)
  })

  it('an unknown token: 401 Bad credentials, on any path', async () => {
    gh.addPullRequest({ number: 7 })
    const bad = octokit('ghs_notAToken0000000000000000000000')
    expect(await refusal(bad.rest.pulls.listFiles({ owner, repo, pull_number: 7 }))).toEqual({ status: 401, message: 'Bad credentials' })
    expect((await refusal(bad.request('GET /nowhere'))).status).toBe(401)
    expect(gh.log.map((r) => r.token)).toEqual(['unknown', 'unknown'])
  })

  it('the log names tokens by label, never by value', async () => {
    gh.addPullRequest({ number: 7 })
    await writer().rest.issues.createComment({ owner, repo, issue_number: 7, body: 'hi' })
    await octokit(READ_ONLY_TOKEN).rest.issues.listComments({ owner, repo, issue_number: 7 })
    await refusal(octokit(NO_CHECKS).rest.checks.create({ owner, repo, name: 'x', head_sha: HEAD }))
    expect(gh.log.map((r) => `${r.token} ${r.route} ${r.status}`)).toEqual([
      'write create-issue-comment 201',
      'read-only list-issue-comments 200',
      'no-checks create-check-run 403'
    ])
    const text = JSON.stringify(gh.log)
    for (const t of [WRITE_TOKEN, READ_ONLY_TOKEN, NO_CHECKS]) expect(text).not.toContain(t)
    expect(gh.log[0]?.body).toEqual({ body: 'hi' })
  })
})

describe('faults, the Enterprise prefix and the runner', () => {
  it('fails the nth request of a route with the status asked for, then answers normally', async () => {
    gh.addPullRequest({ number: 7, files: [{ filename: 'a', status: 'added' }] })
    gh.failRequest({ route: 'list-pull-request-files', nth: 2, status: 502 })
    const api = writer()
    expect((await api.rest.pulls.listFiles({ owner, repo, pull_number: 7 })).status).toBe(200)
    expect(await refusal(api.rest.pulls.listFiles({ owner, repo, pull_number: 7 }))).toEqual({ status: 502, message: 'Server Error' })
    expect((await api.rest.pulls.listFiles({ owner, repo, pull_number: 7 })).status).toBe(200)
    expect(gh.log.map((r) => r.fault ?? '-')).toEqual(['-', '502', '-'])
  })

  it('serves under /api/v3 (GitHub Enterprise Server): Link URLs keep the prefix, and nothing answers outside it', async () => {
    ghe.addPullRequest({ number: 3, files: Array.from({ length: 150 }, (_, i) => ({ filename: `e/${i}`, status: 'added' })) })
    const api = octokit(WRITE_TOKEN, ghe)
    const files = await api.paginate(api.rest.pulls.listFiles, { owner, repo, pull_number: 3, per_page: 100 })
    expect(files).toHaveLength(150)
    expect(ghe.log.map((r) => r.path)).toEqual(['/repos/acme/pki/pulls/3/files', '/repos/acme/pki/pulls/3/files'])
    expect((await refusal(getOctokit(WRITE_TOKEN, { baseUrl: ghe.url, log: silent }).rest.pulls.listFiles({ owner, repo, pull_number: 3 }))).status).toBe(404)
  })

  it("runnerEnv writes a pull_request payload and the runner's variables, which @actions/github's context reads", () => {
    const pr = gh.addPullRequest({ number: 12, headSha: HEAD })
    const dir = mkdtempSync(path.join(tmpdir(), 'gh-fake-'))
    const env = gh.runnerEnv({ dir, pullNumber: 12 })
    expect(env).toMatchObject({
      GITHUB_API_URL: gh.apiUrl,
      GITHUB_REPOSITORY: 'acme/pki',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_RUN_ID: '42',
      GITHUB_JOB: 'validate',
      GITHUB_ACTION: 'pem'
    })
    expect(env.GITHUB_SHA).toMatch(/^[0-9a-f]{40}$/)
    expect(env.GITHUB_SHA).not.toBe(pr.headSha)
    const payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')) as {
      number: number
      pull_request: { number: number; head: { sha: string } }
      repository: { name: string; owner: { login: string } }
    }
    expect(payload).toMatchObject({ number: 12, pull_request: { number: 12, head: { sha: HEAD } }, repository: { name: 'pki', owner: { login: 'acme' } } })
    expect(JSON.stringify(env)).not.toMatch(/ghs_/)
    // A fresh Context (the class behind @actions/github's context) reads exactly these variables.
    const Context = context.constructor as new () => typeof context
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v)
    try {
      const c = new Context()
      expect(c.repo).toEqual({ owner: 'acme', repo: 'pki' })
      expect(c.issue.number).toBe(12)
      expect(c).toMatchObject({
        eventName: 'pull_request',
        apiUrl: gh.apiUrl,
        serverUrl: 'https://github.example',
        runId: 42,
        job: 'validate',
        action: 'pem',
        workflow: 'PEM check'
      })
      expect((c.payload.pull_request?.head as { sha?: string } | undefined)?.sha).toBe(HEAD)
    } finally {
      vi.unstubAllEnvs()
    }
  })
})

describe("GitHub's bad minutes, as the fake plays them to the plain Octokit", () => {
  it("a secondary rate limit: 403 with GitHub's message and retry-after, while x-ratelimit-remaining stays above 0", async () => {
    gh.addPullRequest({ number: 7 })
    gh.rateLimitRequest({ route: 'list-pull-request-files', retryAfter: 1 })
    const err = (await writer()
      .rest.pulls.listFiles({ owner, repo, pull_number: 7 })
      .catch((e: unknown) => e)) as { status: number; message: string; response: { headers: Record<string, string> } }
    expect(err.status).toBe(403)
    expect(err.message).toMatch(/^You have exceeded a secondary rate limit/)
    expect(err.response.headers['retry-after']).toBe('1')
    expect(Number(err.response.headers['x-ratelimit-remaining'])).toBeGreaterThan(0)
    expect((await writer().rest.pulls.listFiles({ owner, repo, pull_number: 7 })).status).toBe(200)
  })

  it('a spent primary limit: 403 with x-ratelimit-remaining: 0 and a reset in the future', async () => {
    gh.addPullRequest({ number: 7 })
    gh.rateLimitRequest({ route: 'list-pull-request-files', kind: 'primary', resetInSeconds: 30 })
    const err = (await writer()
      .rest.pulls.listFiles({ owner, repo, pull_number: 7 })
      .catch((e: unknown) => e)) as { status: number; message: string; response: { headers: Record<string, string> } }
    expect(err.status).toBe(403)
    expect(err.message).toMatch(/^API rate limit exceeded/)
    expect(err.response.headers['x-ratelimit-remaining']).toBe('0')
    expect(Number(err.response.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000)
  })

  it('a lost answer: the check run is stored, and the client gets no answer at all', async () => {
    gh.loseAnswer({ route: 'create-check-run' })
    const err = (await writer()
      .rest.checks.create({ owner, repo, name: 'lost', head_sha: HEAD, external_id: 'e-1' })
      .catch((e: unknown) => e)) as { status: number; response?: unknown }
    expect(err.response).toBeUndefined()
    expect(gh.state.checkRuns.map((r) => `${r.name} ${r.external_id}`)).toEqual(['lost e-1'])
    expect(gh.log.map((r) => `${r.route} ${r.status} ${r.fault}`)).toEqual(['create-check-run 201 lost answer'])
    // And found again by ref and name, as a client must before trying again.
    const { data } = await writer().rest.checks.listForRef({ owner, repo, ref: HEAD, check_name: 'lost', filter: 'all' })
    expect(data.total_count).toBe(1)
    expect(data.check_runs[0]?.external_id).toBe('e-1')
  })

  it('a huge answer is streamed as the client reads, and the log says how much was written', async () => {
    gh.addPullRequest({ number: 7 })
    gh.hugeAnswer({ route: 'list-pull-request-files', bytes: 3 * 1024 * 1024 })
    const res = await writer().request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { owner, repo, pull_number: 7 })
    expect(JSON.stringify(res.data).length).toBeGreaterThanOrEqual(3 * 1024 * 1024 - 16)
    await vi.waitFor(() => expect(gh.log[0]?.bytesSent).toBe(3 * 1024 * 1024))
  })

  it('rewriteAnswer changes what GitHub would answer, after doing the request', async () => {
    gh.addPullRequest({ number: 7 })
    gh.rewriteAnswer({ route: 'create-issue-comment', rewrite: (b) => ({ ...(b as object), html_url: 'javascript:alert(1)' }) })
    const { data } = await writer().rest.issues.createComment({ owner, repo, issue_number: 7, body: 'x' })
    expect(data.html_url).toBe('javascript:alert(1)')
    expect(gh.commentsOn(7)).toHaveLength(1)
  })
})

describe('who the token is: GITHUB_TOKEN (the bot) or a personal access token (a user)', () => {
  const PAT = `ghp_fakePersonal${'P'.repeat(24)}`
  let fake: GitHubFake
  beforeAll(async () => {
    fake = await startGitHubFake({
      tokens: [
        { label: 'bot', token: WRITE_TOKEN, permissions: { issues: 'write' } },
        { label: 'pat', token: PAT, permissions: { issues: 'write' }, user: { login: 'octo-dev', id: 77 } }
      ]
    })
    fake.addPullRequest({ number: 1 })
  })
  afterAll(() => fake.close())

  it('GET /user: 403 for GITHUB_TOKEN, the user for a PAT; each writes comments as itself', async () => {
    expect((await refusal(octokit(WRITE_TOKEN, fake).rest.users.getAuthenticated())).status).toBe(403)
    expect((await octokit(PAT, fake).rest.users.getAuthenticated()).data).toMatchObject({ login: 'octo-dev', id: 77, type: 'User' })
    await octokit(WRITE_TOKEN, fake).rest.issues.createComment({ owner, repo, issue_number: 1, body: 'a' })
    await octokit(PAT, fake).rest.issues.createComment({ owner, repo, issue_number: 1, body: 'b' })
    expect(fake.commentsOn(1).map((c) => `${c.body} ${c.user.login} ${c.user.type}`)).toEqual(['a github-actions[bot] Bot', 'b octo-dev User'])
  })
})
