/**
 * The GitHub fake's issues and labels (what report's tracking issue uses), driven by the real
 * Octokit of @actions/github: GitHub's rules hold, so a client bug fails against it.
 */
import { getOctokit } from '@actions/github'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { READ_ONLY_TOKEN, WRITE_TOKEN, startGitHubFake, type GitHubFake } from '../helpers/github-fake.js'

const owner = 'acme'
const repo = 'pki'
/** A workflow with permissions: { pull-requests: write } and no issues scope. */
const NO_ISSUES = `ghs_fakeNoIssues${'N'.repeat(24)}`

let gh: GitHubFake
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
const octokit = (token: string) => getOctokit(token, { baseUrl: gh.apiUrl, log: silent })
const writer = () => octokit(WRITE_TOKEN)

async function refusal(p: Promise<unknown>): Promise<{ status: number; message: string; errors?: unknown }> {
  try {
    await p
  } catch (e) {
    const err = e as { status: number; response?: { data?: { message?: string; errors?: unknown } } }
    return { status: err.status, message: err.response?.data?.message ?? '', errors: err.response?.data?.errors }
  }
  throw new Error('the request was accepted')
}

beforeAll(async () => {
  gh = await startGitHubFake({
    tokens: [
      { label: 'write', token: WRITE_TOKEN, permissions: { checks: 'write', pull_requests: 'write', issues: 'write', contents: 'read' } },
      { label: 'read-only', token: READ_ONLY_TOKEN, permissions: { checks: 'read', pull_requests: 'read', issues: 'read', contents: 'read' } },
      { label: 'no-issues', token: NO_ISSUES, permissions: { pull_requests: 'write', contents: 'read' } }
    ]
  })
})
afterAll(async () => gh.close())
afterEach(() => gh.reset())

describe('issues', () => {
  it('create, read back, edit title and body in place: the bot opens it, with the label', async () => {
    const { data } = await writer().rest.issues.create({ owner, repo, title: 'Expiry', body: 'first', labels: ['mtls-expiry'] })
    expect(data.user?.type).toBe('Bot')
    expect(data.state).toBe('open')
    expect(data.html_url).toBe(gh.issueUrl(data.number))
    expect(data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['mtls-expiry'])
    await writer().rest.issues.update({ owner, repo, issue_number: data.number, title: 'Expiry (2)', body: 'second' })
    const back = await writer().rest.issues.get({ owner, repo, issue_number: data.number })
    expect([back.data.title, back.data.body, back.data.state]).toEqual(['Expiry (2)', 'second', 'open'])
    expect(gh.state.issues).toHaveLength(1)
  })

  it('close with a state_reason sets closed_at; reopening clears it and says reopened', async () => {
    const { data } = await writer().rest.issues.create({ owner, repo, title: 'x' })
    await writer().rest.issues.update({ owner, repo, issue_number: data.number, state: 'closed', state_reason: 'completed' })
    expect(gh.issue(data.number)).toMatchObject({ state: 'closed', state_reason: 'completed' })
    expect(gh.issue(data.number)?.closed_at).not.toBeNull()
    await writer().rest.issues.update({ owner, repo, issue_number: data.number, state: 'open' })
    expect(gh.issue(data.number)).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null })
  })

  it.each([
    ['no title', { title: '' }],
    ['a title over 256 characters', { title: 't'.repeat(257) }],
    ['a body over 65,536 characters', { title: 't', body: 'b'.repeat(65_537) }]
  ])('create with %s: 422, and no issue is made', async (_case, fields) => {
    expect((await refusal(writer().rest.issues.create({ owner, repo, ...fields }))).status).toBe(422)
    expect(gh.state.issues).toHaveLength(0)
  })

  it.each([
    ['an unknown state', { state: 'done' }],
    ['state_reason completed on an open issue', { state: 'open', state_reason: 'completed' }],
    ['state_reason reopened when closing', { state: 'closed', state_reason: 'reopened' }],
    ['an unknown state_reason', { state: 'closed', state_reason: 'fixed' }]
  ])('update with %s: 422, and the issue stays as it was', async (_case, fields) => {
    const { data } = await writer().rest.issues.create({ owner, repo, title: 'x' })
    const res = await refusal(writer().request(`PATCH /repos/${owner}/${repo}/issues/${data.number}`, fields as Record<string, unknown>))
    expect(res.status).toBe(422)
    expect(gh.issue(data.number)).toMatchObject({ state: 'open', state_reason: null })
  })

  it('an issue that does not exist: 404 on read and on update', async () => {
    expect((await refusal(writer().rest.issues.get({ owner, repo, issue_number: 99 }))).status).toBe(404)
    expect((await refusal(writer().rest.issues.update({ owner, repo, issue_number: 99, body: 'x' }))).status).toBe(404)
  })

  it('issues and pull requests share one sequence of numbers; the list shows a pull request with its pull_request key', async () => {
    gh.addPullRequest({ number: 7 })
    const { data } = await writer().rest.issues.create({ owner, repo, title: 'x' })
    expect(data.number).toBe(8)
    const all = await writer().rest.issues.listForRepo({ owner, repo })
    expect(all.data.map((i) => [i.number, i.pull_request !== undefined])).toEqual([
      [8, false],
      [7, true]
    ])
    gh.state.pullRequests.clear()
  })

  it('the list filters by state (open by default) and by every label given, newest first, paged by Link', async () => {
    for (let i = 0; i < 130; i++) gh.addIssue({ title: `t${i}`, labels: i % 2 === 0 ? ['mtls-expiry', 'ops'] : ['mtls-expiry'], state: i % 5 === 0 ? 'closed' : 'open' })
    gh.addIssue({ title: 'other', labels: ['bug'] })
    const open = await writer().paginate(writer().rest.issues.listForRepo, { owner, repo, labels: 'MTLS-expiry', per_page: 100 })
    expect(open).toHaveLength(104)
    expect(open[0]?.title).toBe('t129')
    const both = await writer().paginate(writer().rest.issues.listForRepo, { owner, repo, labels: 'mtls-expiry,ops', state: 'all', per_page: 100 })
    expect(both).toHaveLength(65)
    const closed = await writer().paginate(writer().rest.issues.listForRepo, { owner, repo, labels: 'mtls-expiry', state: 'closed', direction: 'asc', per_page: 100 })
    expect(closed.map((i) => i.title).slice(0, 3)).toEqual(['t0', 't5', 't10'])
    gh.takeLog()
    const every = await writer().paginate(writer().rest.issues.listForRepo, { owner, repo, labels: 'mtls-expiry', state: 'all', per_page: 100 })
    expect(every).toHaveLength(130)
    expect(new Set(every.map((i) => i.number)).size).toBe(130)
    expect(gh.takeLog().map((r) => `${r.route} page=${r.query.page ?? '1'}`)).toEqual(['list-issues page=1', 'list-issues page=2'])
    expect((await refusal(writer().request(`GET /repos/${owner}/${repo}/issues`, { state: 'any' } as Record<string, unknown>))).status).toBe(422)
  })

  it('a comment on an issue, as on a pull request', async () => {
    const { data } = await writer().rest.issues.create({ owner, repo, title: 'x' })
    await writer().rest.issues.createComment({ owner, repo, issue_number: data.number, body: 'closing' })
    expect(gh.commentsOn(data.number).map((c) => [c.body, c.user.type])).toEqual([['closing', 'Bot']])
    expect((await writer().rest.issues.get({ owner, repo, issue_number: data.number })).data.comments).toBe(1)
  })
})

describe('labels', () => {
  it('GET a missing label: 404; create it; then GET finds it in any case; a second create: 422 already_exists', async () => {
    expect((await refusal(writer().rest.issues.getLabel({ owner, repo, name: 'mtls-expiry' }))).status).toBe(404)
    await writer().rest.issues.createLabel({ owner, repo, name: 'mtls-expiry', color: 'D93F0B', description: 'Cloudflare mTLS certificates expire soon' })
    const { data } = await writer().rest.issues.getLabel({ owner, repo, name: 'MTLS-Expiry' })
    expect([data.name, data.color, data.description]).toEqual(['mtls-expiry', 'd93f0b', 'Cloudflare mTLS certificates expire soon'])
    const again = await refusal(writer().rest.issues.createLabel({ owner, repo, name: 'MTLS-EXPIRY' }))
    expect(again.status).toBe(422)
    expect(again.errors).toEqual([{ resource: 'Label', code: 'already_exists', field: 'name' }])
  })

  it.each([
    ['a color with #', { name: 'a', color: '#ffffff' }],
    ['a name over 50 characters', { name: 'n'.repeat(51) }],
    ['a description over 100 characters', { name: 'a', description: 'd'.repeat(101) }]
  ])('create with %s: 422', async (_case, fields) => {
    expect((await refusal(writer().rest.issues.createLabel({ owner, repo, ...fields }))).status).toBe(422)
    expect(gh.state.labels).toHaveLength(0)
  })

  it("an issue created with a label the repository lacks makes it, with GitHub's default color", async () => {
    await writer().rest.issues.create({ owner, repo, title: 'x', labels: ['new-one'] })
    expect(gh.state.labels.map((l) => [l.name, l.color, l.description])).toEqual([['new-one', 'ededed', null]])
  })
})

describe('permissions', () => {
  it('a read-only token (a fork, or permissions without issues: write): every issue and label write is 403, reads are allowed', async () => {
    const existing = gh.addIssue({ title: 'seeded', labels: ['mtls-expiry'] })
    const ro = octokit(READ_ONLY_TOKEN)
    expect((await ro.rest.issues.listForRepo({ owner, repo, labels: 'mtls-expiry' })).data).toHaveLength(1)
    for (const write of [
      ro.rest.issues.create({ owner, repo, title: 'x' }),
      ro.rest.issues.update({ owner, repo, issue_number: existing.number, state: 'closed' }),
      ro.rest.issues.createComment({ owner, repo, issue_number: existing.number, body: 'x' }),
      ro.rest.issues.createLabel({ owner, repo, name: 'y' })
    ]) {
      expect(await refusal(write)).toEqual({ status: 403, message: 'Resource not accessible by integration', errors: undefined })
    }
    expect(gh.issue(existing.number)).toMatchObject({ title: 'seeded', state: 'open' })
    expect(gh.state.issues).toHaveLength(1)
  })

  it('pull-requests: write alone may not list, create or edit issues', async () => {
    const api = octokit(NO_ISSUES)
    expect((await refusal(api.rest.issues.listForRepo({ owner, repo }))).status).toBe(403)
    expect((await refusal(api.rest.issues.create({ owner, repo, title: 'x' }))).status).toBe(403)
  })

  it('a fault on the nth create answers with its status, and nothing is created by that request', async () => {
    gh.failRequest({ route: 'create-issue', status: 502 })
    expect((await refusal(writer().rest.issues.create({ owner, repo, title: 'x' }))).status).toBe(502)
    expect(gh.state.issues).toHaveLength(0)
    await writer().rest.issues.create({ owner, repo, title: 'x' })
    expect(gh.state.issues).toHaveLength(1)
  })
})
