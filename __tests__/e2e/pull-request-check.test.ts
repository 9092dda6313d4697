/**
 * The pull-request check through the committed bundle and the real Octokit of @actions/github,
 * with the runner's variables (GITHUB_API_URL, GITHUB_EVENT_PATH with a pull_request payload,
 * GITHUB_REPOSITORY, GITHUB_SHA). Every run goes through the leak scan with github-token as a secret.
 *
 * GitHub's side is a scripted loopback answer per route, kept to what these cases need: the shared
 * GitHub fake (branch wt-ghfake) had not landed when this was written; move these cases onto it
 * once it is in main.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { runAction } from '../helpers/run-action.js'
import { json, scriptedServer, type Seen } from '../helpers/scripted-server.js'

const TOKEN = `ghs_e2eWrite${'A'.repeat(20)}`
const READ_ONLY = `ghs_e2eRead${'B'.repeat(20)}`
const HEAD = '0123456789abcdef0123456789abcdef01234567'
const PR = 7

let repo: string
let eventPath: string
const comments: Array<{ id: number; body: string }> = []
let changed: Array<{ filename: string; status: string }> = []

type GitHubServer = Awaited<ReturnType<typeof scriptedServer>>
let gh: GitHubServer
let base: string

function answer(req: Seen, res: ServerResponse): void {
  const auth = req.headers.authorization ?? ''
  const write = req.method !== 'GET'
  if (auth !== `token ${TOKEN}` && auth !== `token ${READ_ONLY}`) return json(res, 401, { message: 'Bad credentials' })
  if (write && auth === `token ${READ_ONLY}`) return json(res, 403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' })
  const p = req.url.pathname
  let m: RegExpExecArray | null
  if (req.method === 'POST' && p === '/repos/acme/pki/check-runs') return json(res, 201, { id: 501, html_url: 'https://github.example/acme/pki/runs/501' })
  if (req.method === 'PATCH' && p === '/repos/acme/pki/check-runs/501') return json(res, 200, { id: 501, html_url: 'https://github.example/acme/pki/runs/501' })
  if (req.method === 'GET' && p === `/repos/acme/pki/pulls/${PR}/files`) {
    const perPage = Number(req.url.searchParams.get('per_page') ?? 30)
    const page = Number(req.url.searchParams.get('page') ?? 1)
    const last = Math.max(1, Math.ceil(changed.length / perPage))
    const link = (n: number, rel: string) => `<${base}${p}?per_page=${perPage}&page=${n}>; rel="${rel}"`
    const headers: Record<string, string> = page < last ? { link: [link(page + 1, 'next'), link(last, 'last')].join(', ') } : {}
    return json(res, 200, changed.slice((page - 1) * perPage, page * perPage), headers)
  }
  if (req.method === 'GET' && p === `/repos/acme/pki/issues/${PR}/comments`) return json(res, 200, comments.map((c) => ({ ...c, html_url: `https://github.example/acme/pki/pull/7#issuecomment-${c.id}` })))
  if (req.method === 'POST' && p === `/repos/acme/pki/issues/${PR}/comments`) {
    const c = { id: 900 + comments.length, body: (JSON.parse(req.body) as { body: string }).body }
    comments.push(c)
    return json(res, 201, { ...c, html_url: `https://github.example/acme/pki/pull/7#issuecomment-${c.id}` })
  }
  if (req.method === 'PATCH' && (m = /^\/repos\/acme\/pki\/issues\/comments\/(\d+)$/.exec(p))) {
    const c = comments.find((x) => x.id === Number(m?.[1]))
    if (!c) return json(res, 404, { message: 'Not Found' })
    c.body = (JSON.parse(req.body) as { body: string }).body
    return json(res, 200, { ...c, html_url: `https://github.example/acme/pki/pull/7#issuecomment-${c.id}` })
  }
  json(res, 404, { message: 'Not Found' })
}

beforeAll(async () => {
  gh = await scriptedServer(answer)
  base = gh.url.replace(/\/client\/v4$/, '')
  repo = mkdtempSync(path.join(tmpdir(), 'pr-check-'))
  mkdirSync(path.join(repo, 'certs'))
  const expired = await makeCertificate({ name: 'CN=Old CA', notBefore: new Date(Date.now() - 400 * 86_400_000), notAfter: new Date(Date.now() - 5 * 86_400_000) })
  const good = await makeCertificate({ name: 'CN=Good CA' })
  writeFileSync(path.join(repo, 'certs/old-000.pem'), expired.pem)
  for (let i = 1; i < 120; i++) copyFileSync(path.join(repo, 'certs/old-000.pem'), path.join(repo, `certs/old-${String(i).padStart(3, '0')}.pem`))
  mkdirSync(path.join(repo, 'few'))
  writeFileSync(path.join(repo, 'few/good.pem'), good.pem)
  writeFileSync(path.join(repo, 'few/old.pem'), expired.pem)
  eventPath = path.join(repo, 'event.json')
  writeFileSync(eventPath, JSON.stringify({ action: 'synchronize', number: PR, pull_request: { number: PR, head: { sha: HEAD } }, repository: { name: 'pki', owner: { login: 'acme' } } }))
})
afterAll(async () => gh.close())

const runnerEnv = () => ({
  GITHUB_WORKSPACE: repo,
  GITHUB_API_URL: base,
  GITHUB_SERVER_URL: 'https://github.example',
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_EVENT_PATH: eventPath,
  GITHUB_REPOSITORY: 'acme/pki',
  GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
  GITHUB_RUN_ID: '42',
  GITHUB_WORKFLOW: 'PEM check',
  GITHUB_JOB: 'validate',
  GITHUB_ACTION: 'pem'
})
const run = (inputs: Record<string, string>) => runAction({ operation: 'validate', 'github-token': TOKEN, ...inputs }, { cwd: repo, env: runnerEnv() })
const take = () => gh.seen.splice(0, gh.seen.length)
const annotationsOf = (s: Seen) => ((JSON.parse(s.body) as { output?: { annotations?: unknown[] } }).output?.annotations ?? []).length

describe('pull-request check through the bundle and Octokit', () => {
  it('120 errors: a check run on the head commit with every one, 50 per request at most, completed as failure; the log stays within the caps', async () => {
    take()
    const r = await run({ 'certificate-path': 'certs' })
    expect(r.code).toBe(1)
    const requests = take()
    expect(requests.map((q) => `${q.method} ${q.url.pathname}`)).toEqual([
      'POST /repos/acme/pki/check-runs',
      'PATCH /repos/acme/pki/check-runs/501',
      'PATCH /repos/acme/pki/check-runs/501'
    ])
    const counts = requests.map(annotationsOf)
    expect(Math.max(...counts)).toBeLessThanOrEqual(50)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(120)
    const created = JSON.parse(requests[0]?.body ?? '{}') as { head_sha: string; name: string; output: { annotations: Array<Record<string, unknown>> } }
    expect(created.head_sha).toBe(HEAD)
    expect(created.name).toBe('Cloudflare mTLS validate (validate › pem)')
    expect(created.output.annotations[0]).toMatchObject({ path: 'certs/old-000.pem', start_line: 1, end_line: 1, annotation_level: 'failure', title: 'CERT_EXPIRED' })
    expect((JSON.parse(requests.at(-1)?.body ?? '{}') as { conclusion?: string; status?: string })).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error ')).length).toBe(9)
    expect(r.errors.at(-1)).toMatch(/^::error::PEM validation failed/)
    expect(r.stdout).toContain('111 finding(s) not shown as annotations: GitHub shows 10 errors per step; all 120 are on the check run https://github.example/acme/pki/runs/501')
    expect(r.outputs['check-run-url']).toBe('https://github.example/acme/pki/runs/501')
    expect(r.outputs['check-run-id']).toBe('501')
  })

  it('a read-only token (a fork): 403, the step still reports every finding, and one line names checks: write', async () => {
    take()
    const r = await runAction({ operation: 'validate', 'github-token': READ_ONLY, 'certificate-path': 'certs' }, { cwd: repo, env: runnerEnv() })
    expect(r.code).toBe(1)
    expect(take().map((q) => `${q.method} ${q.url.pathname}`)).toEqual(['POST /repos/acme/pki/check-runs'])
    const line = r.stdout.split('\n').filter((l) => l.startsWith('::warning::'))
    expect(line).toHaveLength(1)
    expect(line[0]).toMatch(/^::warning::111 finding\(s\) not shown as annotations: GitHub shows 10 errors per step; see the job summary\. The check run that would carry all 120 could not be created: HTTP 403: Resource not accessible by integration\. The token lacks checks: write .*permissions: \{ contents: read, checks: write \}$/)
    expect(JSON.parse(r.outputs.findings ?? '[]')).toHaveLength(120)
    for (const i of [0, 59, 119]) expect(r.summary).toContain(`certs/old-${String(i).padStart(3, '0')}.pem`)
    expect(r.outputs['check-run-url']).toBeUndefined()
  })

  it('pr-comment: one comment after two runs, updated in place, linking the file and line at the head commit', async () => {
    comments.length = 0
    take()
    const first = await run({ 'certificate-path': 'few', 'pr-comment': 'true' })
    expect(comments[0]?.body).toContain(`[few/old\\.pem](https://github.example/acme/pki/blob/${HEAD}/few/old.pem)`)
    expect(comments[0]?.body).toContain(`(https://github.example/acme/pki/blob/${HEAD}/few/old.pem#L1)`)
    expect(comments[0]?.body).not.toContain('few/good')
    const second = await run({ 'certificate-path': 'few/good.pem', 'pr-comment': 'true' })
    expect(first.code).toBe(1)
    expect(second.code).toBe(0)
    expect(take().map((q) => `${q.method} ${q.url.pathname}`)).toEqual([
      'GET /repos/acme/pki/issues/7/comments',
      'POST /repos/acme/pki/issues/7/comments',
      'GET /repos/acme/pki/issues/7/comments',
      'PATCH /repos/acme/pki/issues/comments/900'
    ])
    expect(comments).toHaveLength(1)
    expect(comments[0]?.body).toContain('✅ Cloudflare mTLS: all 1 PEM file pass')
    expect(first.outputs['comment-url']).toBe(second.outputs['comment-url'])
  })

  it('changed-files-only: every page of the pull request files, intersected with certificate-path; removed files left out', async () => {
    changed = [
      ...Array.from({ length: 230 }, (_, i) => ({ filename: `docs/page-${i}.md`, status: 'modified' })),
      { filename: 'certs/old-005.pem', status: 'added' },
      { filename: 'certs/old-006.pem', status: 'modified' },
      { filename: 'certs/old-007.pem', status: 'removed' }
    ]
    take()
    const r = await run({ 'certificate-path': 'certs', 'changed-files-only': 'true', 'check-run': 'never' })
    const pages = take().map((q) => `${q.method} ${q.url.pathname} page=${q.url.searchParams.get('page') ?? '1'}`)
    expect(pages).toEqual(['GET /repos/acme/pki/pulls/7/files page=1', 'GET /repos/acme/pki/pulls/7/files page=2', 'GET /repos/acme/pki/pulls/7/files page=3'])
    const files = new Set((JSON.parse(r.outputs.findings ?? '[]') as Array<{ file: string }>).map((f) => f.file))
    expect(files).toEqual(new Set(['certs/old-005.pem', 'certs/old-006.pem']))
    expect(r.stdout).toContain('changed-files-only: pull request #7 adds or modifies 2 of the 120 file(s) of certificate-path')
  })

  it('a plain validate with few findings asks GitHub nothing', async () => {
    take()
    const r = await run({ 'certificate-path': 'few' })
    expect(r.code).toBe(1)
    expect(take()).toEqual([])
  })
})
