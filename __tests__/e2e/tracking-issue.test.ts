/**
 * report's tracking issue and its association economy, through the committed bundle: the emulator
 * for Cloudflare, the GitHub fake (which enforces GitHub's rules and token permissions) for the
 * issue, and a `schedule` run's variables, as on a weekly workflow. Assertions read the fake's
 * state and request log, and the emulator's request log, not only what the action printed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { e2eBackend, type E2EBackend } from '../helpers/e2e.js'
import { READ_ONLY_TOKEN, WRITE_TOKEN, scheduledRunnerEnv, startGitHubFake, type GitHubFake } from '../helpers/github-fake.js'
import { trackingMarker } from '../../src/report/tracking-issue.js'

const day = 86_400_000
let b: E2EBackend
let gh: GitHubFake
let env: Record<string, string>

beforeAll(async () => {
  b = await e2eBackend()
  gh = await startGitHubFake()
  env = { ...scheduledRunnerEnv(gh, { dir: b.dir, runId: 4242 }), GITHUB_ACTION_REPOSITORY: 'owner/cloudflare-mtls-certificates-action', GITHUB_ACTION_REF: 'v1' }
})
afterAll(async () => {
  await gh.close()
  await b.close()
})
beforeEach(() => {
  b.emulator.reset()
  gh.reset()
})

const certificate = (daysLeft: number) => makeCertificate({ notBefore: new Date(Date.now() - 60 * day), notAfter: new Date(Date.now() + daysLeft * day + 3_600_000) })
async function seed(list: Array<{ name: string; daysLeft: number }>): Promise<string[]> {
  const out: string[] = []
  for (const c of list) out.push(...b.emulator.seed([{ pem: (await certificate(c.daysLeft)).pem, name: c.name }]))
  return out
}
const report = (inputs: Record<string, string> = {}, token = WRITE_TOKEN) => b.run({ 'operation': 'report', 'tracking-issue': 'true', 'github-token': token, ...inputs }, env)
const routes = () => gh.takeLog().map((r) => `${r.route} ${r.status}`)
const rowsOf = (body: string | null) => (body ?? '').split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Name'))

describe('tracking-issue through the bundle', () => {
  it('created once, then edited in place on the second run: one open issue, found again by marker and label', async () => {
    await seed([
      { name: 'edge-ca', daysLeft: 12 },
      { name: 'fine-ca', daysLeft: 200 }
    ])
    const first = await report()
    expect(first.code, first.stdout).toBe(0)
    expect(routes()).toEqual(['list-issues 200', 'get-label 404', 'create-label 201', 'create-issue 201'])
    expect(gh.state.issues).toHaveLength(1)
    const [issue] = gh.state.issues
    if (!issue) throw new Error('no issue')
    expect(first.outputs['issue-url']).toBe(gh.issueUrl(issue.number))
    expect(issue.title).toBe('Cloudflare mTLS certificates: 1 expiring within 30 days')
    expect(issue.labels).toEqual(['mtls-expiry'])
    expect(gh.state.labels.map((l) => [l.name, l.color])).toEqual([['mtls-expiry', 'd93f0b']])
    expect(issue.body?.startsWith(trackingMarker(b.emulator.accountId, 'custom'))).toBe(true)
    expect(rowsOf(issue.body)).toHaveLength(1)
    expect(rowsOf(issue.body)[0]).toMatch(/^\| edge\\-ca \| .* \| 12 \| 0 \| ⚠️ within expiry-warning-days \(30\) \|$/)
    expect(issue.body).toContain('[run 4242](https://github.example/acme/pki/actions/runs/4242)')
    expect(issue.body).toContain('https://github.example/owner/cloudflare-mtls-certificates-action/blob/v1/README.md#rotate-a-ca-in-a-release-pipeline')
    expect(first.stdout).toContain(`Tracking issue #${issue.number} created: ${gh.issueUrl(issue.number)}`)
    expect(first.summary).toContain(`>#${issue.number}</a> (created)`)

    // A week later another certificate expires, and one has expired: the same issue, edited.
    await seed([{ name: 'old-ca', daysLeft: -2 }])
    const second = await report()
    expect(second.code).toBe(1)
    expect(second.errors).toHaveLength(1)
    expect(second.errors[0]).toContain('1 certificate(s) expired')
    expect(routes()).toEqual(['list-issues 200', 'update-issue 200'])
    expect(gh.state.issues).toHaveLength(1)
    expect(gh.issue(issue.number)).toMatchObject({ state: 'open', title: 'Cloudflare mTLS certificates: 1 expired, 1 expiring within 30 days' })
    expect(rowsOf(gh.issue(issue.number)?.body ?? null).map((r) => r.split(' | ')[0])).toEqual(['| old\\-ca', '| edge\\-ca'])
    expect(second.outputs['issue-url']).toBe(gh.issueUrl(issue.number))
  })

  it('closed with a comment when nothing expires any more; reopened, not made anew, when something expires again', async () => {
    const [soon] = await seed([{ name: 'edge-ca', daysLeft: 5 }])
    await report()
    const [issue] = gh.state.issues
    if (!issue || !soon) throw new Error('no issue')
    gh.takeLog()

    b.emulator.reset()
    await seed([{ name: 'edge-ca-2', daysLeft: 300 }])
    const clean = await report()
    expect(clean.code, clean.stdout).toBe(0)
    expect(routes()).toEqual(['list-issues 200', 'create-issue-comment 201', 'update-issue 200'])
    expect(gh.issue(issue.number)).toMatchObject({ state: 'closed', state_reason: 'completed' })
    expect(gh.commentsOn(issue.number).map((c) => c.body)).toEqual([expect.stringContaining('No certificate expires within 30 days any more')])
    expect(clean.outputs['issue-url']).toBe(gh.issueUrl(issue.number))

    // Still clean: nothing to do, the closed issue stays closed.
    const still = await report()
    expect(still.code).toBe(0)
    expect(routes()).toEqual(['list-issues 200'])
    expect(still.outputs['issue-url']).toBeUndefined()

    await seed([{ name: 'edge-ca-3', daysLeft: 3 }])
    const again = await report()
    expect(again.code).toBe(0)
    expect(routes()).toEqual(['list-issues 200', 'update-issue 200'])
    expect(gh.state.issues).toHaveLength(1)
    expect(gh.issue(issue.number)).toMatchObject({ state: 'open', state_reason: 'reopened' })
    expect(again.stdout).toContain(`Tracking issue #${issue.number} reopened`)
  })

  it('every value from the API is inert in the issue: a certificate named with an @mention, a link and a table break', async () => {
    await seed([{ name: '@acme/security [pwn](https://evil.example) | x', daysLeft: 4 }])
    const r = await report()
    expect(r.code).toBe(0)
    const [row] = rowsOf(gh.state.issues[0]?.body ?? null)
    expect(row).toContain('| @\u200Dacme/security \\[pwn\\]\\(https://evil\\.example\\) \\| x |')
    expect(gh.state.issues[0]?.body).not.toMatch(/@acme/)
  })

  it('an issue someone else opened with the marker and the label is left alone: the report opens its own', async () => {
    await seed([{ name: 'edge-ca', daysLeft: 4 }])
    const theirs = gh.addIssue({ title: 'mine', body: `${trackingMarker(b.emulator.accountId, 'custom')}\nhands off`, labels: ['mtls-expiry'] })
    const r = await report()
    expect(r.code).toBe(0)
    expect(gh.issue(theirs.number)).toMatchObject({ title: 'mine', body: expect.stringContaining('hands off'), state: 'open' })
    expect(gh.state.issues).toHaveLength(2)
    expect(r.outputs['issue-url']).not.toBe(gh.issueUrl(theirs.number))
  })

  it('two open issues of its own (two first runs at once): the oldest is edited, the other closed as a duplicate pointing at it', async () => {
    await seed([{ name: 'edge-ca', daysLeft: 4 }])
    const bot = { login: gh.bot.login, id: gh.bot.id, type: 'Bot' }
    const body = `${trackingMarker(b.emulator.accountId, 'custom')}\nold table`
    const kept = gh.addIssue({ title: 'first', body, labels: ['mtls-expiry'], user: bot })
    const second = gh.addIssue({ title: 'second', body, labels: ['mtls-expiry'], user: bot })
    const r = await report()
    expect(r.code, r.stdout).toBe(0)
    expect(routes()).toEqual(['list-issues 200', 'update-issue 200', 'create-issue-comment 201', 'update-issue 200'])
    expect(gh.issue(kept.number)).toMatchObject({ state: 'open', title: 'Cloudflare mTLS certificates: 1 expiring within 30 days' })
    expect(gh.issue(second.number)).toMatchObject({ state: 'closed', state_reason: 'not_planned' })
    expect(gh.commentsOn(second.number).map((c) => c.body)).toEqual([`Duplicate of #${kept.number}: the expiry report keeps one open issue.\n`])
    expect(r.outputs['issue-url']).toBe(gh.issueUrl(kept.number))
    expect(r.stdout).toContain(`Closed issue #${second.number}, a second open tracking issue (kept #${kept.number}).`)
  })

  it('a read-only token: no issue, one warning line with the permissions: line to add, and the report exits by its own rules', async () => {
    await seed([{ name: 'edge-ca', daysLeft: 12 }])
    const warnOnly = await report({}, READ_ONLY_TOKEN)
    expect(warnOnly.code, warnOnly.stdout).toBe(0)
    expect(gh.state.issues).toHaveLength(0)
    const lines = warnOnly.stdout.split('\n').filter((l) => l.includes('tracking issue could not be kept'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^::warning::/)
    expect(lines[0]).toContain('HTTP 403')
    expect(lines[0]).toContain('add "issues: write" to the job\'s permissions, e.g. permissions: { contents: read, issues: write }')
    expect(warnOnly.outputs['issue-url']).toBeUndefined()
    expect(warnOnly.summary).toContain('the token needs issues: write')

    await seed([{ name: 'old-ca', daysLeft: -1 }])
    const failing = await report({}, READ_ONLY_TOKEN)
    expect(failing.code).toBe(1)
    expect(failing.errors).toHaveLength(1)
    expect(failing.errors[0]).toContain('1 certificate(s) expired')
    expect(failing.stdout).toContain('issues: write')
  })

  it('25 expiring certificates: the tracking line is not the warning GitHub drops (10 a step)', async () => {
    b.emulator.seedSynthetic(25, { firstExpiry: new Date(Date.now() + 5 * day).toISOString(), ca: false })
    const r = await report({}, READ_ONLY_TOKEN)
    expect(r.code, r.stdout).toBe(0)
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning'))
    expect(warnings).toHaveLength(10)
    expect(warnings[8]).toContain('17 more certificate(s)')
    expect(warnings[9]).toContain('issues: write')
  })
})

describe('associations: only where they decide', () => {
  type Row = { name: string; association_count: number | null; group: string }
  const rows = (outputs: Record<string, string>) => (JSON.parse(outputs.certificates ?? '[]') as Row[]).map((c) => [c.name, c.group, c.association_count])

  it.each([
    [
      'expiring (the default)',
      {},
      ['GET associations', 'GET associations', 'GET list'],
      [1, 0, null],
      'Associations were read for the 2 expired or expiring certificate(s) only'
    ],
    ['all', { associations: 'all' }, ['GET associations', 'GET associations', 'GET associations', 'GET list'], [1, 0, 0], undefined],
    ['none', { associations: 'none' }, ['GET list'], [null, null, null], 'Associations were not read (associations: none)']
  ])('%s', async (_case, inputs: Record<string, string>, requests, counts, sentence) => {
    const [soon] = await seed([
      { name: 'soon', daysLeft: 10 },
      { name: 'later', daysLeft: 20 },
      { name: 'fine', daysLeft: 300 }
    ])
    b.emulator.setAssociations(soon ?? '', [{ service: 'gateway', status: 'active' }])
    b.takeRequests()
    const r = await b.run({ operation: 'report', ...inputs })
    expect(r.code, r.stdout).toBe(0)
    // Sorted: the associations GETs run 4 at a time.
    expect(b.takeRequests().sort()).toEqual(requests)
    expect(rows(r.outputs)).toEqual([
      ['soon', 'warning', counts[0]],
      ['later', 'warning', counts[1]],
      ['fine', 'fine', counts[2]]
    ])
    if (sentence) expect(r.summary).toContain(sentence)
    else expect(r.summary).not.toContain('Associations were')
  })
})
