/**
 * The pull-request check through the committed bundle and the real Octokit of @actions/github,
 * with the runner's variables (GITHUB_API_URL, GITHUB_EVENT_PATH with a pull_request payload,
 * GITHUB_REPOSITORY, GITHUB_SHA). Every run goes through the leak scan with github-token as a secret.
 *
 * GitHub's side is the GitHub fake (__tests__/helpers/github-fake.ts), which enforces GitHub's
 * rules (50 annotations a request, token permissions, Link paging) and keeps the state the
 * assertions read back: the check run's annotations and conclusion, the pull request's comments.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { runAction } from '../helpers/run-action.js'
import { commentMarker } from '../../src/report/comment.js'
import { startGitHubFake, type FakeToken, type GitHubFake, type PullRequestFile, type RequestRecord } from '../helpers/github-fake.js'

const TOKEN = `ghs_e2eWrite${'A'.repeat(20)}`
const READ_ONLY = `ghs_e2eRead${'B'.repeat(20)}`
/** A workflow with permissions: { contents: read, checks: write } and no pull-requests: write. */
const CHECKS_ONLY = `ghs_e2eChecks${'C'.repeat(20)}`
const HEAD = '0123456789abcdef0123456789abcdef01234567'
const MERGE = 'ffffffffffffffffffffffffffffffffffffffff'
const PR = 7
const TOKENS: FakeToken[] = [
  { label: 'write', token: TOKEN, permissions: { checks: 'write', pull_requests: 'write', issues: 'write', contents: 'read' } },
  { label: 'read-only', token: READ_ONLY, permissions: { checks: 'read', pull_requests: 'read', issues: 'read', contents: 'read' } },
  { label: 'checks-only', token: CHECKS_ONLY, permissions: { checks: 'write', pull_requests: 'read', contents: 'read' } }
]

let repo: string
let gh: GitHubFake
/** The same fake under GitHub Enterprise Server's /api/v3. */
let ghe: GitHubFake
let env: Record<string, string>
let gheEnv: Record<string, string>

beforeAll(async () => {
  gh = await startGitHubFake({ tokens: TOKENS, firstIds: { checkRun: 501, comment: 900 } })
  ghe = await startGitHubFake({ tokens: TOKENS, basePath: '/api/v3', firstIds: { checkRun: 7001 } })
  repo = mkdtempSync(path.join(tmpdir(), 'pr-check-'))
  mkdirSync(path.join(repo, 'certs'))
  const expired = await makeCertificate({ name: 'CN=Old CA', notBefore: new Date(Date.now() - 400 * 86_400_000), notAfter: new Date(Date.now() - 5 * 86_400_000) })
  const good = await makeCertificate({ name: 'CN=Good CA' })
  const soon = await makeCertificate({ name: 'CN=Soon CA', notAfter: new Date(Date.now() + 12 * 86_400_000) })
  writeFileSync(path.join(repo, 'certs/old-000.pem'), expired.pem)
  for (let i = 1; i < 120; i++) copyFileSync(path.join(repo, 'certs/old-000.pem'), path.join(repo, `certs/old-${String(i).padStart(3, '0')}.pem`))
  mkdirSync(path.join(repo, 'few'))
  writeFileSync(path.join(repo, 'few/good.pem'), good.pem)
  writeFileSync(path.join(repo, 'few/old.pem'), expired.pem)
  mkdirSync(path.join(repo, 'soon'))
  for (let i = 0; i < 14; i++) writeFileSync(path.join(repo, `soon/soon-${String(i).padStart(2, '0')}.pem`), soon.pem)
  gh.addPullRequest({ number: PR, headSha: HEAD })
  ghe.addPullRequest({ number: PR, headSha: HEAD })
  env = gh.runnerEnv({ dir: repo, pullNumber: PR, sha: MERGE, workspace: repo })
  gheEnv = ghe.runnerEnv({ dir: path.join(repo, 'ghe'), pullNumber: PR, sha: MERGE, workspace: repo })
})
afterAll(async () => {
  await gh.close()
  await ghe.close()
})

const run = (inputs: Record<string, string>, token = TOKEN, runnerEnv = env) =>
  runAction({ 'operation': 'validate', 'github-token': token, ...inputs }, { cwd: repo, env: runnerEnv })
const take = () => gh.takeLog()
const requestLine = (q: RequestRecord) => `${q.method} ${q.path}`
const annotationsOf = (q: RequestRecord) => ((q.body as { output?: { annotations?: unknown[] } } | null)?.output?.annotations ?? []).length
const bodyOf = <T>(q: RequestRecord | undefined) => (q?.body ?? {}) as T
const findingsOf = (r: { outputs: Record<string, string> }) => JSON.parse(r.outputs.findings ?? '[]') as Array<{ file: string; severity: string }>
const files = (n: number, make: (i: number) => PullRequestFile) => Array.from({ length: n }, (_, i) => make(i))

describe('pull-request check through the bundle and Octokit', () => {
  it('120 errors: a check run on the head commit with every one, 50 per request at most, completed as failure; the log stays within the caps', async () => {
    take()
    const r = await run({ 'certificate-path': 'certs' })
    expect(r.code).toBe(1)
    const requests = take()
    expect(requests.map(requestLine)).toEqual(['POST /repos/acme/pki/check-runs', 'PATCH /repos/acme/pki/check-runs/501', 'PATCH /repos/acme/pki/check-runs/501'])
    expect(requests.map((q) => `${q.token} ${q.status}`)).toEqual(['write 201', 'write 200', 'write 200'])
    const counts = requests.map(annotationsOf)
    expect(Math.max(...counts)).toBeLessThanOrEqual(50)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(120)
    const created = bodyOf<{ head_sha: string; name: string; output: { annotations: Array<Record<string, unknown>> } }>(requests[0])
    expect(created.head_sha).toBe(HEAD)
    expect(created.name).toBe('Cloudflare mTLS validate (validate › pem)')
    expect(created.output.annotations[0]).toMatchObject({ path: 'certs/old-000.pem', start_line: 1, end_line: 1, annotation_level: 'failure', title: 'CERT_EXPIRED' })
    expect(bodyOf<{ conclusion?: string; status?: string }>(requests.at(-1))).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error ')).length).toBe(9)
    expect(r.errors.at(-1)).toMatch(/^::error::PEM validation failed/)
    expect(r.stdout).toContain(
      '111 finding(s) not shown as annotations: GitHub shows 10 errors per step; all 120 are on the check run https://github.example/acme/pki/runs/501'
    )
    expect(r.outputs['check-run-url']).toBe('https://github.example/acme/pki/runs/501')
    expect(r.outputs['check-run-id']).toBe('501')
    // Read back from GitHub's side: the run holds every finding, on the head commit (not GITHUB_SHA's merge commit).
    const stored = gh.checkRun(501)
    const findings = findingsOf(r)
    expect(stored).toMatchObject({ head_sha: HEAD, status: 'completed', conclusion: 'failure', createdBy: 'write' })
    expect(stored?.annotations).toHaveLength(findings.length)
    expect(new Set(stored?.annotations.map((a) => a.path))).toEqual(new Set(findings.map((f) => f.file)))
    expect(stored?.output.title).toBe('120 error(s), 0 warning(s), 0 notice(s) in 120 of 120 file(s)')
  })

  it('only warnings over the cap with fail-on: error: the step passes and the check run concludes neutral, with every warning', async () => {
    take()
    const r = await run({ 'certificate-path': 'soon', 'fail-on': 'error' })
    expect(r.code).toBe(0)
    const findings = findingsOf(r)
    expect(findings).toHaveLength(14)
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(['warning']))
    const requests = take()
    expect(requests.map(requestLine)).toEqual(['POST /repos/acme/pki/check-runs', `PATCH /repos/acme/pki/check-runs/${r.outputs['check-run-id']}`])
    expect(bodyOf<{ conclusion?: string; status?: string }>(requests.at(-1))).toMatchObject({ status: 'completed', conclusion: 'neutral' })
    const stored = gh.checkRun(Number(r.outputs['check-run-id']))
    expect(stored).toMatchObject({ status: 'completed', conclusion: 'neutral' })
    expect(stored?.annotations.map((a) => a.annotation_level)).toEqual(Array.from({ length: 14 }, () => 'warning'))
    // The same files with fail-on: warning fail the step, and the check run with it.
    const strict = await run({ 'certificate-path': 'soon', 'fail-on': 'warning' })
    expect(strict.code).toBe(1)
    expect(gh.checkRun(Number(strict.outputs['check-run-id']))).toMatchObject({ status: 'completed', conclusion: 'failure' })
    take()
  })

  it('a read-only token (a fork): 403, the step still reports every finding, and one line names checks: write', async () => {
    take()
    const runsBefore = gh.state.checkRuns.length
    const r = await run({ 'certificate-path': 'certs' }, READ_ONLY)
    expect(r.code).toBe(1)
    expect(take().map((q) => `${requestLine(q)} ${q.token} ${q.status}`)).toEqual(['POST /repos/acme/pki/check-runs read-only 403'])
    expect(gh.state.checkRuns).toHaveLength(runsBefore)
    const line = r.stdout.split('\n').filter((l) => l.startsWith('::warning::'))
    expect(line).toHaveLength(1)
    expect(line[0]).toMatch(
      /^::warning::111 finding\(s\) not shown as annotations: GitHub shows 10 errors per step; see the job summary\. The check run that would carry all 120 could not be created: HTTP 403: Resource not accessible by integration\. The token lacks checks: write .*permissions: \{ contents: read, checks: write \}$/
    )
    expect(JSON.parse(r.outputs.findings ?? '[]')).toHaveLength(120)
    for (const i of [0, 59, 119]) expect(r.summary).toContain(`certs/old-${String(i).padStart(3, '0')}.pem`)
    expect(r.outputs['check-run-url']).toBeUndefined()
  })

  it('pr-comment: one comment after two runs, updated in place, linking the file and line at the head commit', async () => {
    take()
    expect(gh.commentsOn(PR)).toEqual([])
    const first = await run({ 'certificate-path': 'few', 'pr-comment': 'true' })
    const comments = () => gh.commentsOn(PR)
    expect(comments()[0]?.body).toContain(`[few/old\\.pem](https://github.example/acme/pki/blob/${HEAD}/few/old.pem)`)
    expect(comments()[0]?.body).toContain(`(https://github.example/acme/pki/blob/${HEAD}/few/old.pem#L1)`)
    expect(comments()[0]?.body).not.toContain('few/good')
    expect(comments()[0]?.user.login).toBe('github-actions[bot]')
    const second = await run({ 'certificate-path': 'few/good.pem', 'pr-comment': 'true' })
    expect(first.code).toBe(1)
    expect(second.code).toBe(0)
    // GET /user: whose comments are ours (GITHUB_TOKEN gets 403 there, so only the bot's).
    expect(take().map((q) => `${requestLine(q)} ${q.status}`)).toEqual([
      'GET /user 403',
      'GET /repos/acme/pki/issues/7/comments 200',
      'POST /repos/acme/pki/issues/7/comments 201',
      'GET /user 403',
      'GET /repos/acme/pki/issues/7/comments 200',
      'PATCH /repos/acme/pki/issues/comments/900 200'
    ])
    expect(comments()).toHaveLength(1)
    expect(comments()[0]?.body).toContain('✅ Cloudflare mTLS: all 1 PEM file pass')
    expect(first.outputs['comment-url']).toBe(second.outputs['comment-url'])
    const [only] = comments()
    expect(only && first.outputs['comment-url']).toBe(only && gh.commentUrl(only))
  })

  it('checks: write but pull-requests: read, with pr-comment: the check run is published, and the comment falls back with one line naming pull-requests: write', async () => {
    take()
    const before = gh.commentsOn(PR).map((c) => ({ id: c.id, body: c.body }))
    const r = await run({ 'certificate-path': 'certs', 'pr-comment': 'true' }, CHECKS_ONLY)
    expect(r.code).toBe(1)
    const requests = take()
    expect(requests.map((q) => `${requestLine(q)} ${q.status}`)).toEqual([
      'POST /repos/acme/pki/check-runs 201',
      `PATCH /repos/acme/pki/check-runs/${r.outputs['check-run-id']} 200`,
      `PATCH /repos/acme/pki/check-runs/${r.outputs['check-run-id']} 200`,
      'GET /user 403',
      'GET /repos/acme/pki/issues/7/comments 200',
      'PATCH /repos/acme/pki/issues/comments/900 403'
    ])
    const stored = gh.checkRun(Number(r.outputs['check-run-id']))
    expect(stored).toMatchObject({ status: 'completed', conclusion: 'failure', createdBy: 'checks-only' })
    expect(stored?.annotations).toHaveLength(120)
    expect(gh.commentsOn(PR).map((c) => ({ id: c.id, body: c.body }))).toEqual(before)
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /The pull-request comment could not be written: HTTP 403: Resource not accessible by integration\. The token lacks pull-requests: write .*permissions: \{ contents: read, pull-requests: write \}$/
    )
    expect(warnings[0]).not.toMatch(/checks: write/)
    expect(r.outputs['check-run-url']).toBe(gh.checkRunUrl(Number(r.outputs['check-run-id'])))
    expect(r.outputs['comment-url']).toBeUndefined()
  })

  it('changed-files-only: every page of the pull request files, intersected with certificate-path; removed files left out', async () => {
    gh.setPullRequestFiles(PR, [
      ...files(230, (i) => ({ filename: `docs/page-${i}.md`, status: 'modified' })),
      { filename: 'certs/old-005.pem', status: 'added' },
      { filename: 'certs/old-006.pem', status: 'modified' },
      { filename: 'certs/old-007.pem', status: 'removed' }
    ])
    take()
    const r = await run({ 'certificate-path': 'certs', 'changed-files-only': 'true', 'check-run': 'never' })
    const requests = take()
    const pages = requests.map((q) => `${requestLine(q)} page=${q.query.page ?? '1'}`)
    expect(pages).toEqual(['GET /repos/acme/pki/pulls/7/files page=1', 'GET /repos/acme/pki/pulls/7/files page=2', 'GET /repos/acme/pki/pulls/7/files page=3'])
    expect(requests.map((q) => `${q.query.per_page} ${q.status}`)).toEqual(['100 200', '100 200', '100 200'])
    const validated = new Set(findingsOf(r).map((f) => f.file))
    expect(validated).toEqual(new Set(['certs/old-005.pem', 'certs/old-006.pem']))
    expect(r.stdout).toContain('changed-files-only: pull request #7 adds or modifies 2 of the 120 file(s) of certificate-path')
    // 233 listed; the removed one is not counted among the changes to validate.
    expect(r.stdout).toContain('(232 file(s) changed in all)')
  })

  it('changed-files-only: a certificate only on the last of several pages is still found', async () => {
    gh.setPullRequestFiles(PR, [...files(250, (i) => ({ filename: `src/f-${i}.ts`, status: 'modified' })), { filename: 'certs/old-119.pem', status: 'modified' }])
    take()
    const r = await run({ 'certificate-path': 'certs', 'changed-files-only': 'true', 'check-run': 'never' })
    expect(take().map((q) => q.query.page ?? '1')).toEqual(['1', '2', '3'])
    expect(findingsOf(r).map((f) => f.file)).toEqual(['certs/old-119.pem'])
  })

  it('GITHUB_API_URL with /api/v3 (GitHub Enterprise Server): the check run and every page of the changed files go there', async () => {
    ghe.setPullRequestFiles(PR, [...files(140, (i) => ({ filename: `certs/old-${String(i).padStart(3, '0')}.pem`, status: i < 120 ? 'modified' : 'added' }))])
    gh.takeLog()
    const r = await run({ 'certificate-path': 'certs', 'changed-files-only': 'true' }, TOKEN, gheEnv)
    expect(r.code).toBe(1)
    expect(gh.takeLog()).toEqual([])
    const requests = ghe.takeLog()
    expect(requests.map((q) => `${requestLine(q)} ${q.status}${q.query.page ? ` page=${q.query.page}` : ''}`)).toEqual([
      'GET /repos/acme/pki/pulls/7/files 200',
      'GET /repos/acme/pki/pulls/7/files 200 page=2',
      'POST /repos/acme/pki/check-runs 201',
      'PATCH /repos/acme/pki/check-runs/7001 200',
      'PATCH /repos/acme/pki/check-runs/7001 200'
    ])
    expect(ghe.checkRun(7001)).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(ghe.checkRun(7001)?.annotations).toHaveLength(120)
    expect(r.outputs['check-run-url']).toBe('https://github.example/acme/pki/runs/7001')
  })

  it('a plain validate with few findings asks GitHub nothing', async () => {
    take()
    const r = await run({ 'certificate-path': 'few' })
    expect(r.code).toBe(1)
    expect(take()).toEqual([])
  })

  it('nothing the action sent GitHub (check runs, annotations, comments) holds a token', () => {
    const sent = JSON.stringify([gh.state.checkRuns, gh.state.comments, ghe.state.checkRuns, ghe.state.comments])
    expect(gh.state.checkRuns.length).toBeGreaterThan(3)
    expect(gh.state.comments.length).toBe(1)
    for (const t of [TOKEN, READ_ONLY, CHECKS_ONLY]) expect(sent).not.toContain(t)
  })
})

describe('pull-request check: who wrote the comment, a hanging GitHub, a pull request over 3,000 files', () => {
  const PR2 = 8
  let fx: GitHubFake
  let fxEnv: Record<string, string>
  beforeAll(async () => {
    fx = await startGitHubFake({ tokens: TOKENS, firstIds: { comment: 3000 } })
    fx.addPullRequest({ number: PR2, headSha: HEAD })
    fxEnv = fx.runnerEnv({ dir: path.join(repo, 'fx'), pullNumber: PR2, sha: MERGE, workspace: repo })
  })
  afterAll(() => fx.close())
  const runFx = (inputs: Record<string, string>, runnerEnv = fxEnv) => runAction({ 'operation': 'validate', 'github-token': TOKEN, ...inputs }, { cwd: repo, env: runnerEnv })

  it("a contributor's comment holding the marker is never adopted: the action writes its own, and edits only that one", async () => {
    fx.takeLog()
    const marker = commentMarker({ workflow: 'PEM check', job: 'validate', step: 'pem' } as never)
    const planted = fx.addComment(PR2, `${marker}\n✅ all pass (trust me)`, { login: 'mallory', id: 666, type: 'User' })
    const first = await runFx({ 'certificate-path': 'few', 'pr-comment': 'true' })
    const second = await runFx({ 'certificate-path': 'few', 'pr-comment': 'true' })
    expect(first.code).toBe(1)
    const requests = fx.takeLog().map(requestLine)
    expect(requests).toEqual([
      'GET /user',
      'GET /repos/acme/pki/issues/8/comments',
      'POST /repos/acme/pki/issues/8/comments',
      'GET /user',
      'GET /repos/acme/pki/issues/8/comments',
      `PATCH /repos/acme/pki/issues/comments/${planted.id + 1}`
    ])
    expect(fx.commentsOn(PR2).find((c) => c.id === planted.id)?.body).toBe(`${marker}\n✅ all pass (trust me)`)
    const ours = fx.commentsOn(PR2).filter((c) => c.user.type === 'Bot')
    expect(ours).toHaveLength(1)
    expect(ours[0]?.body).toContain('❌ Cloudflare mTLS')
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url'])
  })

  it('GitHub never answers (max-retries: 0): each request gives up after timeout-seconds, and the step goes on with the one-line fallback', async () => {
    fx.takeLog()
    fx.hangRequest({ route: 'list-pull-request-files' })
    fx.hangRequest({ route: 'create-check-run' })
    const started = Date.now()
    const r = await runFx({ 'certificate-path': 'few/good.pem', 'changed-files-only': 'true', 'check-run': 'always', 'timeout-seconds': '1', 'max-retries': '0' })
    const took = Date.now() - started
    expect(r.code).toBe(0)
    expect(took).toBeLessThan(15_000)
    expect(fx.takeLog().map((q) => `${requestLine(q)} ${q.status}${q.fault ? ` ${q.fault}` : ''}`)).toEqual([
      'GET /repos/acme/pki/pulls/8/files 0 hang',
      'POST /repos/acme/pki/check-runs 0 hang'
    ])
    expect(r.stdout).toMatch(
      /changed-files-only: could not list the pull request's files \(no answer from GitHub within 1 s \(GET [^)]*\/pulls\/8\/files\)\); validating all 1 file\(s\) of certificate-path\./
    )
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^::warning::The check run could not be created: no answer from GitHub within 1 s \(POST [^)]*\/check-runs\)\. Every finding is shown as an annotation and in the job summary\.$/
    )
  }, 30_000)

  it('the event says the pull request changes more than the 3,000 files GitHub lists: every file is validated, and the log says why', async () => {
    const pr = 9
    fx.addPullRequest({
      number: pr,
      headSha: HEAD,
      files: [...files(3001, (i) => ({ filename: `docs/page-${i}.md`, status: 'modified' })), { filename: 'few/good.pem', status: 'modified' }]
    })
    const env9 = fx.runnerEnv({ dir: path.join(repo, 'fx9'), pullNumber: pr, sha: MERGE, workspace: repo })
    fx.takeLog()
    const r = await runFx({ 'certificate-path': 'few', 'changed-files-only': 'true', 'check-run': 'never' }, env9)
    expect(fx.takeLog()).toHaveLength(30)
    expect(r.code).toBe(1)
    expect(new Set(findingsOf(r).map((f) => f.file))).toEqual(new Set(['few/old.pem']))
    expect(r.stdout).toContain(
      'changed-files-only: pull request #9 changes 3002 files and GitHub listed 3000 (it lists at most 3000), so the changed ones cannot all be known; validating all 2 file(s) of certificate-path.'
    )
  })
})

describe("GitHub's bad minutes and hostile answers, through the bundle's Octokit (plugin-retry, plugin-throttling)", () => {
  const PR3 = 11
  /** A personal access token: GET /user answers a normal user, whose comments are ours. */
  const PAT = `ghp_e2ePersonal${'P'.repeat(24)}`
  const PAT_USER = { login: 'release-engineer', id: 4242, type: 'User' }
  let bad: GitHubFake
  let badEnv: Record<string, string>
  beforeAll(async () => {
    bad = await startGitHubFake({
      tokens: [...TOKENS, { label: 'pat', token: PAT, permissions: { checks: 'write', pull_requests: 'write', issues: 'write', contents: 'read' }, user: PAT_USER }],
      firstIds: { checkRun: 9001, comment: 9501 }
    })
    bad.addPullRequest({ number: PR3, headSha: HEAD })
    badEnv = bad.runnerEnv({ dir: path.join(repo, 'bad'), pullNumber: PR3, sha: MERGE, workspace: repo })
  })
  afterAll(() => bad.close())
  const runBad = (inputs: Record<string, string>, token = TOKEN, runnerEnv = badEnv) =>
    runAction({ 'operation': 'validate', 'github-token': token, ...inputs }, { cwd: repo, env: runnerEnv })
  const logOf = () => bad.takeLog().map((q) => `${requestLine(q)} ${q.status}${q.fault ? ` (${q.fault})` : ''}`)
  const infoLines = (stdout: string) => stdout.split('\n').filter((l) => !l.startsWith('::'))
  const runsOnHead = () => bad.state.checkRuns.filter((c) => c.head_sha === HEAD)

  it('with GitHub answering one 502 and one secondary rate limit, the check run carries every annotation and the PR comment is written once; each wait is announced', async () => {
    bad.reset()
    bad.failRequest({ route: 'create-check-run', status: 502 })
    bad.rateLimitRequest({ route: 'update-check-run', retryAfter: 1 })
    bad.rateLimitRequest({ route: 'create-issue-comment', status: 429, retryAfter: 1 })
    const r = await runBad({ 'certificate-path': 'certs', 'pr-comment': 'true' })
    expect(r.code).toBe(1)
    const id = Number(r.outputs['check-run-id'])
    expect(logOf()).toEqual([
      'POST /repos/acme/pki/check-runs 502 (502)',
      // The 502 may have come after GitHub stored the run: looked for (by name, head SHA and this run's external_id) before a second POST.
      `GET /repos/acme/pki/commits/${HEAD}/check-runs 200`,
      'POST /repos/acme/pki/check-runs 201',
      `PATCH /repos/acme/pki/check-runs/${id} 403 (403)`,
      `PATCH /repos/acme/pki/check-runs/${id} 200`,
      `PATCH /repos/acme/pki/check-runs/${id} 200`,
      'GET /user 403',
      `GET /repos/acme/pki/issues/${PR3}/comments 200`,
      `POST /repos/acme/pki/issues/${PR3}/comments 429 (429)`,
      `POST /repos/acme/pki/issues/${PR3}/comments 201`
    ])
    expect(runsOnHead()).toHaveLength(1)
    expect(bad.checkRun(id)).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(bad.checkRun(id)?.annotations).toHaveLength(120)
    expect(bad.commentsOn(PR3)).toHaveLength(1)
    expect(r.outputs['comment-url']).toBe(bad.commentUrl(bad.commentsOn(PR3)[0] as never))
    const info = infoLines(r.stdout)
    expect(info).toContain('POST /repos/acme/pki/check-runs: HTTP 502; retry 1 of 3 in 1 s, looking first whether it was done')
    expect(info).toContain(`PATCH /repos/acme/pki/check-runs/${id}: secondary rate limit; waiting 1 s as GitHub asks (retry 1 of 3)`)
    expect(info).toContain(`POST /repos/acme/pki/issues/${PR3}/comments: secondary rate limit; waiting 1 s as GitHub asks (retry 1 of 3)`)
    // Nothing was lost, so nothing is reported as lost.
    expect(r.stdout).not.toMatch(/could not be (created|written)/)
  }, 60_000)

  it('a check-run POST and a comment POST whose answers are lost leave exactly one check run and one comment', async () => {
    bad.reset()
    bad.loseAnswer({ route: 'create-check-run' })
    bad.loseAnswer({ route: 'create-issue-comment' })
    const r = await runBad({ 'certificate-path': 'certs', 'pr-comment': 'true' })
    expect(r.code).toBe(1)
    expect(runsOnHead()).toHaveLength(1)
    const [only] = runsOnHead()
    expect(r.outputs['check-run-id']).toBe(String(only?.id))
    expect(only?.annotations).toHaveLength(120)
    expect(only).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(bad.commentsOn(PR3)).toHaveLength(1)
    const requests = logOf()
    expect(requests.filter((l) => l.startsWith('POST /repos/acme/pki/check-runs'))).toEqual(['POST /repos/acme/pki/check-runs 201 (lost answer)'])
    expect(requests.filter((l) => l.startsWith('POST /repos/acme/pki/issues'))).toEqual([`POST /repos/acme/pki/issues/${PR3}/comments 201 (lost answer)`])
    expect(requests).toContain(`GET /repos/acme/pki/commits/${HEAD}/check-runs 200`)
    expect(infoLines(r.stdout).filter((l) => l.endsWith('the earlier attempt had been done after all; not sent again'))).toHaveLength(2)
    expect(r.stdout).not.toMatch(/could not be (created|written)/)
  }, 60_000)

  it('a PATCH that appends annotations, whose answer is lost, is not sent again: the check run holds each annotation once', async () => {
    bad.reset()
    bad.loseAnswer({ route: 'update-check-run' })
    const r = await runBad({ 'certificate-path': 'certs' })
    const id = Number(r.outputs['check-run-id'])
    const stored = bad.checkRun(id)
    expect(stored?.annotations).toHaveLength(120)
    expect(new Set(stored?.annotations.map((a) => a.path)).size).toBe(120)
    expect(stored).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(logOf()).toEqual([
      'POST /repos/acme/pki/check-runs 201',
      `PATCH /repos/acme/pki/check-runs/${id} 200 (lost answer)`,
      `GET /repos/acme/pki/check-runs/${id} 200`,
      `PATCH /repos/acme/pki/check-runs/${id} 200`
    ])
  }, 60_000)

  it('a personal access token finds its own comment again: the second run updates it instead of writing another', async () => {
    bad.reset()
    const first = await runBad({ 'certificate-path': 'few', 'pr-comment': 'true' }, PAT)
    const second = await runBad({ 'certificate-path': 'few/good.pem', 'pr-comment': 'true' }, PAT)
    expect(first.code).toBe(1)
    expect(second.code).toBe(0)
    expect(logOf()).toEqual([
      'GET /user 200',
      `GET /repos/acme/pki/issues/${PR3}/comments 200`,
      `POST /repos/acme/pki/issues/${PR3}/comments 201`,
      'GET /user 200',
      `GET /repos/acme/pki/issues/${PR3}/comments 200`,
      `PATCH /repos/acme/pki/issues/comments/${bad.commentsOn(PR3)[0]?.id} 200`
    ])
    expect(bad.commentsOn(PR3)).toHaveLength(1)
    expect(bad.commentsOn(PR3)[0]?.user.login).toBe(PAT_USER.login)
    expect(bad.commentsOn(PR3)[0]?.body).toContain('✅ Cloudflare mTLS: all 1 PEM file pass')
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url'])
  }, 60_000)

  it("a personal access token does not adopt another user's comment that holds the marker", async () => {
    bad.reset()
    const marker = commentMarker({ workflow: 'PEM check', job: 'validate', step: 'pem' } as never)
    const planted = bad.addComment(PR3, `${marker}\nplanted`, { login: 'mallory', id: 666, type: 'User' })
    await runBad({ 'certificate-path': 'few', 'pr-comment': 'true' }, PAT)
    expect(bad.commentsOn(PR3).find((c) => c.id === planted.id)?.body).toBe(`${marker}\nplanted`)
    expect(bad.commentsOn(PR3).filter((c) => c.user.login === PAT_USER.login)).toHaveLength(1)
  }, 60_000)

  it('a rate limit that asks for a longer wait than the request has left is not waited: the request fails with one line that says so', async () => {
    bad.reset()
    bad.rateLimitRequest({ route: 'create-check-run', retryAfter: 600 })
    const started = Date.now()
    const r = await runBad({ 'certificate-path': 'certs', 'timeout-seconds': '5', 'max-retries': '1' })
    expect(Date.now() - started).toBeLessThan(60_000)
    expect(logOf()).toEqual(['POST /repos/acme/pki/check-runs 403 (403)'])
    expect(runsOnHead()).toHaveLength(0)
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /could not be created: HTTP 403: You have exceeded a secondary rate limit\..*; GitHub asked to wait 600 s, more than the \d+ s left of this request's 10 s \(timeout-seconds × \(max-retries \+ 1\)\); not waited\./
    )
    // A rate limit is not a permission problem: no advice to add permissions.
    expect(warnings[0]).not.toMatch(/lacks checks: write/)
  }, 60_000)

  it('a request that hangs once is tried again after timeout-seconds, and the check run is created once', async () => {
    bad.reset()
    bad.hangRequest({ route: 'create-check-run' })
    const r = await runBad({ 'certificate-path': 'certs', 'timeout-seconds': '1' })
    expect(logOf().slice(0, 3)).toEqual([
      'POST /repos/acme/pki/check-runs 0 (hang)',
      `GET /repos/acme/pki/commits/${HEAD}/check-runs 200`,
      'POST /repos/acme/pki/check-runs 201'
    ])
    expect(runsOnHead()).toHaveLength(1)
    expect(bad.checkRun(Number(r.outputs['check-run-id']))?.annotations).toHaveLength(120)
    expect(infoLines(r.stdout)).toContain('POST /repos/acme/pki/check-runs: no answer within 1 s; retry 1 of 3 in 1 s, looking first whether it was done')
  }, 60_000)

  it('GitHub unreachable: the line says what was tried (method, host, GITHUB_API_URL) and what to check', async () => {
    const r = await runBad({ 'certificate-path': 'certs', 'max-retries': '0' }, TOKEN, { ...badEnv, GITHUB_API_URL: 'http://127.0.0.1:9' })
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(
      "could not be created: could not reach GitHub's API: bad port (POST http://127.0.0.1:9/repos/acme/pki/check-runs); check GITHUB_API_URL (http://127.0.0.1:9), the proxy variables (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and the network."
    )
  }, 60_000)

  it('a huge answer is read no further than 32 MiB, not asked for again, and named in one line', async () => {
    bad.reset()
    bad.setPullRequestFiles(PR3, [{ filename: 'few/old.pem', status: 'modified' }])
    bad.hugeAnswer({ route: 'list-pull-request-files', bytes: 200 * 1024 * 1024 })
    const r = await runBad({ 'certificate-path': 'few', 'changed-files-only': 'true', 'check-run': 'never' })
    const requests = bad.takeLog()
    expect(requests.map((q) => `${requestLine(q)} ${q.fault ?? ''}`)).toEqual([`GET /repos/acme/pki/pulls/${PR3}/files huge`])
    // The client stopped reading: the fake could write little more than the limit (plus socket buffers).
    expect(requests[0]?.bytesSent).toBeLessThan(48 * 1024 * 1024)
    expect(r.stdout).toContain(
      `changed-files-only: could not list the pull request's files (GitHub's answer to GET /repos/acme/pki/pulls/${PR3}/files is larger than 32 MiB; not read further); validating all 2 file(s) of certificate-path.`
    )
  }, 60_000)

  it('hostile answers (workflow commands, ESC sequences, bidi controls, huge strings in html_url, messages and file names) reach no log line raw', async () => {
    bad.reset()
    const evil = '\n::error file=x::forged\u001b[31m\u202e'
    bad.setPullRequestFiles(PR3, [
      { filename: `few/old.pem`, status: 'modified' },
      { filename: `docs/${evil}${'x'.repeat(100_000)}.md`, status: 'added' }
    ])
    bad.rewriteAnswer({ route: 'create-check-run', rewrite: (body) => ({ ...(body as object), html_url: `https://github.example/acme/pki/runs/1${evil}` }) })
    bad.failRequest({ route: 'create-issue-comment', status: 422, message: `Validation Failed${evil}${'y'.repeat(1_000_000)}` })
    const r = await runBad({ 'certificate-path': 'few', 'changed-files-only': 'true', 'check-run': 'always', 'pr-comment': 'true' })
    expect(r.code).toBe(1)
    for (const text of [r.stdout, r.stderr]) {
      expect(text).not.toMatch(/[\u001b\u202e]/)
      expect(text).not.toMatch(/^::error file=x::forged/m)
      expect(text.length).toBeLessThan(200_000)
    }
    // The link is GitHub's, normalised: its controls percent-encoded, no line break.
    expect(r.outputs['check-run-url']).toBe('https://github.example/acme/pki/runs/1::error%20file=x::forged%1B[31m%E2%80%AE')
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/comment could not be written: HTTP 422: Validation Failed ::error file=x::forged\[31my+\.\.\./)
  }, 60_000)
})
