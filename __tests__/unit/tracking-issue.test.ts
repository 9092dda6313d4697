/**
 * report's tracking issue: what it says (title, body, closing comment) and what is done to it
 * (create, edit, reopen, close, close a duplicate), as pure functions of the report and the issues
 * found. The requests themselves are tested end to end on the GitHub fake (e2e/tracking-issue).
 */
import { describe, expect, it } from 'vitest'
import { parseConfig, InputError, type RawInputs } from '../../src/inputs.js'
import type { ExpiryGroup, ReportEntry, ReportResult, TrackingIssueOutcome } from '../../src/operations/results.js'
import type { GitHubRun, TrackedIssue } from '../../src/github/types.js'
import { COMMENT_MAX } from '../../src/report/comment.js'
import {
  planTrackingIssue,
  readmeUrl,
  renderClosingComment,
  renderTrackingIssue,
  trackingIssueLine,
  trackingMarker,
  trackingTitle,
  type TrackingContext
} from '../../src/report/tracking-issue.js'

const ACCOUNT = '0123456789abcdef0123456789abcdef'
const id = (n: number) => `2a1b3c4d-0000-4000-8000-${String(n).padStart(12, '0')}`
const run: GitHubRun = {
  owner: 'acme',
  repo: 'pki',
  eventName: 'schedule',
  headSha: 'abc',
  serverUrl: 'https://github.example',
  runId: 4242,
  workflow: 'mTLS expiry report',
  job: 'report',
  step: 'report'
}
const ctx: TrackingContext = { accountId: ACCOUNT, run, action: { repository: 'owner/cloudflare-mtls-certificates-action', ref: 'v1' } }

const entry = (n: number, group: ExpiryGroup, daysLeft: number | undefined, o: { name?: string; associations?: number; expires?: string } = {}): ReportEntry => ({
  certificate: { id: id(n), name: o.name ?? `ca-${n}`, expires_on: o.expires ?? `2027-01-${String(n).padStart(2, '0')}T00:00:00Z` },
  daysLeft,
  associationCount: 'associations' in o ? o.associations : 0,
  group
})
const report = (entries: ReportEntry[], o: Partial<ReportResult> = {}): ReportResult => ({
  operation: 'report',
  entries,
  typeFilter: 'custom',
  expiryWarningDays: 30,
  expiryErrorDays: 7,
  associations: 'expiring',
  failed: entries.some((e) => e.group === 'expired' || e.group === 'error'),
  ...o
})
const issue = (number: number, state: 'open' | 'closed'): TrackedIssue => ({
  number,
  state,
  url: `https://github.example/acme/pki/issues/${number}`,
  title: 't',
  body: 'b',
  labels: ['mtls-expiry']
})

const expiring = report([entry(1, 'warning', 20), entry(2, 'fine', 200)])
const clean = report([entry(2, 'fine', 200)])
const none = report([])

describe('planTrackingIssue', () => {
  it.each<[string, ReportResult, TrackedIssue[], string]>([
    ['something expires, no issue yet: create', expiring, [], 'create'],
    ['something expires, an open issue: edit it', expiring, [issue(5, 'open')], 'update #5'],
    ['something expires, only a closed issue: reopen it, not a new one', expiring, [issue(5, 'closed')], 'reopen #5'],
    ['something expires, several closed: the newest (last found) is reopened', expiring, [issue(3, 'closed'), issue(5, 'closed')], 'reopen #5'],
    ['something expires, a closed and an open one: the open one is edited', expiring, [issue(3, 'closed'), issue(5, 'open')], 'update #5'],
    ['nothing expires, an open issue: close it', clean, [issue(5, 'open')], 'close #5'],
    ['nothing expires, only a closed issue: nothing', clean, [issue(5, 'closed')], 'none'],
    ['nothing expires, no issue: nothing', clean, [], 'none'],
    ['an empty account, no issue: nothing', none, [], 'none']
  ])('%s', (_case, result, found, want) => {
    const plan = planTrackingIssue(result, found, ctx)
    const got = plan.kind === 'update' ? `${plan.reopen ? 'reopen' : 'update'} #${plan.issue}` : plan.kind === 'close' ? `close #${plan.issue}` : plan.kind
    expect(got).toBe(want)
    expect(plan.duplicates).toEqual([])
  })

  it('two open issues (two first runs at once): the oldest is kept and the other closed as a duplicate', () => {
    const plan = planTrackingIssue(expiring, [issue(5, 'open'), issue(6, 'open')], ctx)
    expect(plan).toMatchObject({ kind: 'update', issue: 5, duplicates: [6] })
    expect(planTrackingIssue(clean, [issue(5, 'open'), issue(6, 'open')], ctx)).toMatchObject({ kind: 'close', issue: 5, duplicates: [6] })
  })

  it('an edit sets the title and body, and state open only when reopening', () => {
    const edit = planTrackingIssue(expiring, [issue(5, 'open')], ctx)
    const reopen = planTrackingIssue(expiring, [issue(5, 'closed')], ctx)
    if (edit.kind !== 'update' || reopen.kind !== 'update') throw new Error('expected updates')
    expect(edit.change).toEqual({ title: trackingTitle(expiring), body: renderTrackingIssue(expiring, ctx) })
    expect(reopen.change.state).toBe('open')
  })
})

describe('trackingTitle', () => {
  it.each<[string, ReportEntry[], string]>([
    [
      'expired and expiring',
      [entry(1, 'expired', -2), entry(2, 'error', 3), entry(3, 'warning', 20), entry(4, 'fine', 90)],
      'Cloudflare mTLS certificates: 1 expired, 2 expiring within 30 days'
    ],
    ['only expired', [entry(1, 'expired', -2), entry(2, 'expired', -1)], 'Cloudflare mTLS certificates: 2 expired'],
    ['only expiring', [entry(1, 'warning', 20)], 'Cloudflare mTLS certificates: 1 expiring within 30 days']
  ])('%s', (_case, entries, want) => {
    expect(trackingTitle(report(entries))).toBe(want)
  })

  it('holds no value from the API', () => {
    expect(trackingTitle(report([entry(1, 'expired', -1, { name: '@evil [x](https://e.example)' })]))).not.toContain('evil')
  })
})

describe('renderTrackingIssue', () => {
  const rowsOf = (body: string) => body.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Name'))

  it('starts with the hidden marker of the account and type, by which the next run finds it', () => {
    const body = renderTrackingIssue(expiring, ctx)
    expect(body.startsWith(`${trackingMarker(ACCOUNT, 'custom')}\n`)).toBe(true)
    expect(trackingMarker(ACCOUNT, 'custom')).not.toBe(trackingMarker(ACCOUNT, 'all'))
    expect(trackingMarker(ACCOUNT, 'custom')).not.toBe(trackingMarker('fedcba9876543210fedcba9876543210', 'custom'))
  })

  it('a row per expired or expiring certificate, soonest first, none for the fine ones: name, id, expires, days left, associations, severity', () => {
    const body = renderTrackingIssue(
      report([entry(4, 'warning', 25, { associations: 2 }), entry(9, 'fine', 300), entry(2, 'expired', -3), entry(3, 'error', 5, { associations: undefined })]),
      ctx
    )
    expect(rowsOf(body)).toEqual([
      `| ca\\-2 | 2a1b3c4d\\-0000\\-4000\\-8000\\-000000000002 | 2027\\-01\\-02T00:00:00Z | -3 | 0 | ❌ expired |`,
      `| ca\\-3 | 2a1b3c4d\\-0000\\-4000\\-8000\\-000000000003 | 2027\\-01\\-03T00:00:00Z | 5 | not read | ❌ within expiry-error-days (7) |`,
      `| ca\\-4 | 2a1b3c4d\\-0000\\-4000\\-8000\\-000000000004 | 2027\\-01\\-04T00:00:00Z | 25 | 2 | ⚠️ within expiry-warning-days (30) |`
    ])
    expect(body).toContain('| Name | ID | Expires | Days left | Associations | Severity |')
  })

  it.each([
    ['an @mention', '@acme/security-team', '@\u200Dacme/security\\-team'],
    ['a Markdown link', '[click](https://evil.example)', '\\[click\\]\\(https://evil\\.example\\)'],
    ['a table cell break', 'a | b', 'a \\| b'],
    ['HTML', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['a line break that would end the row', 'line\n| injected | row |', 'line \\| injected \\| row \\|'],
    [
      'an HTML comment end (a fake marker)',
      '--> <!-- cloudflare-mtls-certificates:tracking-issue:x -->',
      '\\-\\-&gt; &lt;\\!\\-\\- cloudflare\\-mtls\\-certificates:tracking\\-issue:x \\-\\-&gt;'
    ]
  ])('a name with %s is inert', (_case, name, shown) => {
    const body = renderTrackingIssue(report([entry(1, 'expired', -1, { name })]), ctx)
    const [row] = rowsOf(body)
    expect(row).toContain(`| ${shown} |`)
    expect(row?.split(' | ')).toHaveLength(6)
  })

  it('an expiry date from the API is escaped too', () => {
    const body = renderTrackingIssue(report([entry(1, 'expired', -1, { expires: '@admin **now**' })]), ctx)
    expect(body).toContain('@\u200Dadmin \\*\\*now\\*\\*')
  })

  it('links the run and the README rotate workflow at the ref the workflow uses; a local action names it without a link', () => {
    const body = renderTrackingIssue(expiring, ctx)
    expect(body).toContain('[run 4242](https://github.example/acme/pki/actions/runs/4242)')
    expect(body).toContain('[rotate workflow](https://github.example/owner/cloudflare-mtls-certificates-action/blob/v1/README.md#rotate-a-ca-in-a-release-pipeline)')
    const local = renderTrackingIssue(expiring, { accountId: ACCOUNT, run })
    expect(local).not.toContain('/README.md')
    expect(local).toContain('"Rotate a CA in a release pipeline" workflow')
  })

  it.each([
    ['a repository with a path in it', { repository: 'a/b/../../evil', ref: 'v1' }],
    ['a ref that climbs', { repository: 'a/b', ref: '../../evil' }],
    ['a ref with a query', { repository: 'a/b', ref: 'v1?x=1' }]
  ])('no README link from %s', (_case, action) => {
    expect(readmeUrl(run, action, 'x')).toBeUndefined()
  })

  it('associations: none says why the column reads "not read"', () => {
    const body = renderTrackingIssue(report([entry(1, 'warning', 20, { associations: undefined })], { associations: 'none' }), ctx)
    expect(body).toContain('Associations were not read (associations: none)')
    expect(renderTrackingIssue(expiring, ctx)).not.toContain('associations: none')
  })

  it("3,000 expiring certificates: within GitHub's 65,536 characters, the soonest kept, the rest counted", () => {
    const many = report(Array.from({ length: 3000 }, (_, i) => entry(i + 1, 'warning', 3000 - i, { name: `certificate-with-a-long-name-${i}` })))
    const body = renderTrackingIssue(many, ctx)
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX)
    const rows = rowsOf(body)
    expect(rows.length).toBeGreaterThan(100)
    expect(rows[0]).toContain('| 1 |')
    expect(body).toContain(`…and ${3000 - rows.length} more certificates`)
    expect(body).toContain('#### What to do')
  })
})

describe('renderClosingComment', () => {
  it('says nothing expires any more, links the run, holds no value from the API', () => {
    const c = renderClosingComment(report([entry(1, 'fine', 90, { name: '@someone' })]), ctx)
    expect(c).toContain('No certificate expires within 30 days any more')
    expect(c).toContain('[run 4242](https://github.example/acme/pki/actions/runs/4242)')
    expect(c).not.toContain('someone')
  })
})

describe('trackingIssueLine', () => {
  it.each<[string, TrackingIssueOutcome, { level: string; text: RegExp } | undefined]>([
    [
      'created',
      { action: 'created', issue: { number: 3, url: 'https://github.example/acme/pki/issues/3' }, notes: [] },
      { level: 'info', text: /^Tracking issue #3 created: https:\/\/github\.example\/acme\/pki\/issues\/3$/ }
    ],
    ['closed', { action: 'closed', issue: { number: 3, url: 'u' }, notes: [] }, { level: 'info', text: /#3 closed/ }],
    [
      'a 403: which permissions: line to add',
      { action: 'none', failure: { detail: 'HTTP 403: Resource not accessible by integration', permission: 'issues: write' }, notes: [] },
      {
        level: 'warning',
        text: /could not be kept: HTTP 403: Resource not accessible by integration\. The token lacks issues: write: add "issues: write" to the job's permissions, e\.g\. permissions: \{ contents: read, issues: write \}/
      }
    ],
    [
      'a 5xx: no permission advice',
      { action: 'none', failure: { detail: 'HTTP 502: Server Error' }, notes: [] },
      { level: 'warning', text: /^The tracking issue could not be kept: HTTP 502: Server Error\. The report itself/ }
    ],
    ['nothing to do', { action: 'none', notes: [] }, { level: 'info', text: /nothing expires and no issue is open/ }]
  ])('%s', (_case, outcome, want) => {
    const line = trackingIssueLine(outcome)
    if (!want) return expect(line).toBeUndefined()
    expect(line?.level).toBe(want.level)
    expect(line?.text).toMatch(want.text)
  })
})

describe('inputs', () => {
  const base: RawInputs = { 'operation': 'report', 'account-id': ACCOUNT, 'api-token': 'tok' }
  it.each<[string, RawInputs, object]>([
    ['defaults: associations expiring, no tracking issue', {}, { associations: 'expiring' }],
    ['associations all', { associations: 'ALL' }, { associations: 'all' }],
    [
      'tracking-issue with the default label and the token',
      { 'tracking-issue': 'true', 'github-token': 'ghs_x' },
      { trackingIssue: { label: 'mtls-expiry', token: 'ghs_x', timeoutMs: 30_000 } }
    ],
    ['tracking-issue with its own label', { 'tracking-issue': 'true', 'tracking-issue-label': 'pki: expiry' }, { trackingIssue: { label: 'pki: expiry' } }],
    [
      "action.yml's default token, unexpanded (a local run): no token",
      { 'tracking-issue': 'true', 'github-token': '${{ github.token }}' },
      { trackingIssue: { label: 'mtls-expiry' } }
    ]
  ])('%s', (_case, raw, want) => {
    const c = parseConfig({ ...base, ...raw })
    expect(c).toMatchObject({ operation: 'report', ...want })
    if (c.operation !== 'report') throw new Error('expected a report config')
    if (!raw['tracking-issue']) expect(c.trackingIssue).toBeUndefined()
    if (raw['github-token'] === '${{ github.token }}') expect(c.trackingIssue?.token).toBeUndefined()
  })

  it.each<[string, RawInputs, string]>([
    ['associations other than expiring, all, none', { associations: 'some' }, 'Input "associations" must be one of expiring, all, none (got "some")'],
    ['a label with a comma (the issues list would read two labels)', { 'tracking-issue-label': 'a,b' }, 'Input "tracking-issue-label" must be a GitHub label name'],
    ['a label over 50 characters', { 'tracking-issue-label': 'x'.repeat(51) }, 'Input "tracking-issue-label" must be a GitHub label name'],
    ['tracking-issue not a boolean', { 'tracking-issue': 'weekly' }, 'Input "tracking-issue" must be true or false']
  ])('refuses %s', (_case, raw, message) => {
    let error: unknown
    try {
      parseConfig({ ...base, ...raw })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toContain(message)
  })
})
