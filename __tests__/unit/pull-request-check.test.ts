/**
 * The pull-request check's pure parts (annotation caps, check run payloads, the comment) and its
 * publishing logic against an in-memory GitHubApi. The end-to-end path through Octokit and the
 * GitHub fake is in __tests__/e2e/pull-request-check.test.ts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateFiles, type ChangedFiles } from '../../src/operations/validate.js'
import { GitHubError, type CheckOutput, type GitHub, type GitHubApi, type GitHubRun } from '../../src/github/types.js'
import { parseConfig } from '../../src/inputs.js'
import type { Publication, ValidateResult } from '../../src/operations/results.js'
import type { Logger } from '../../src/operations/types.js'
import { makeFinding, type FileReport, type Finding } from '../../src/pem/index.js'
import { checkAnnotations, checkConclusion, checkRunName, inBatches, isRepositoryPath } from '../../src/report/check-run.js'
import { blobUrl, commentMarker, renderComment } from '../../src/report/comment.js'
import { escapeMarkdown } from '../../src/text.js'
import { publishValidation } from '../../src/report/publish.js'
import { planAnnotations } from '../../src/report/write.js'

const run: GitHubRun = {
  owner: 'acme',
  repo: 'pki',
  eventName: 'pull_request',
  pullNumber: 7,
  headSha: 'abcdef0123456789abcdef0123456789abcdef01',
  serverUrl: 'https://github.example',
  runId: 42,
  workflow: 'PEM check',
  job: 'validate',
  step: 'pem'
}

function fileWith(file: string, severities: Array<Finding['severity']>): FileReport {
  const code = { error: 'CERT_EXPIRED', warning: 'CERT_EXPIRES_SOON', notice: 'CERT_SHA1_SIGNATURE' } as const
  const findings = severities.map((s, i) => ({ ...makeFinding(code[s] as never, `finding ${i + 1} of ${file}`, file, i * 20 + 1, i), severity: s }))
  const n = (s: string) => findings.filter((f) => f.severity === s).length
  return { file, profile: 'ca', certificates: [], findings, errorCount: n('error'), warningCount: n('warning'), noticeCount: n('notice') }
}

function result(files: FileReport[], failOn: 'error' | 'warning' = 'error'): ValidateResult {
  const errors = files.reduce((a, f) => a + f.errorCount, 0)
  const warnings = files.reduce((a, f) => a + f.warningCount, 0)
  return { operation: 'validate', files, failOn, failed: errors > 0 || (failOn === 'warning' && warnings > 0) }
}

const countAll = (r: ValidateResult) => r.files.reduce((n, f) => n + f.findings.length, 0)
const expiredFiles = (n: number) => Array.from({ length: n }, (_, i) => fileWith(`certs/old-${String(i).padStart(2, '0')}.pem`, ['error']))

describe('planAnnotations: within GitHub 10 per level per step, and one line about the rest', () => {
  const checkRun: Publication = { checkRun: { id: 1, url: 'https://github.example/acme/pki/runs/1', annotations: 25 }, failures: [], notes: [] }
  const forbidden: Publication = { failures: [{ what: 'check run', detail: 'HTTP 403: Resource not accessible by integration', permission: 'checks: write' }], notes: [] }
  it.each<
    [
      string,
      { error: number; warning: number; notice: number },
      Parameters<typeof planAnnotations>[1],
      { caps: object; hidden: number; level?: 'info' | 'warning'; text?: RegExp }
    ]
  >([
    ['3 errors, passing: all shown, no line', { error: 3, warning: 0, notice: 0 }, { failing: false }, { caps: { error: 10, warning: 10, notice: 10 }, hidden: 0 }],
    [
      '25 errors, failing: 9 + the failure line, 16 hidden, told where',
      { error: 25, warning: 0, notice: 0 },
      { failing: true },
      {
        caps: { error: 9, warning: 9 },
        hidden: 16,
        level: 'warning',
        text: /^16 finding\(s\) not shown as annotations: GitHub shows 10 errors per step; see the job summary\.$/
      }
    ],
    [
      '25 errors on a check run: the line is information with the URL',
      { error: 25, warning: 0, notice: 0 },
      { failing: true, publication: checkRun },
      { caps: { error: 9, warning: 10 }, hidden: 16, level: 'info', text: /all 25 are on the check run https:\/\/github\.example\/acme\/pki\/runs\/1/ }
    ],
    [
      '25 errors, check run refused (403): why, and the permissions line',
      { error: 25, warning: 0, notice: 0 },
      { failing: true, publication: forbidden },
      {
        caps: { error: 9, warning: 9 },
        hidden: 16,
        level: 'warning',
        text: /16 finding\(s\) not shown .* see the job summary\. The check run that would carry all 25 could not be created: HTTP 403: Resource not accessible by integration\. The token lacks checks: write .* permissions: \{ contents: read, checks: write \}$/
      }
    ],
    [
      '12 warnings and 12 notices: both levels named',
      { error: 0, warning: 12, notice: 12 },
      { failing: false },
      { caps: { warning: 9, notice: 10 }, hidden: 5, level: 'warning', text: /GitHub shows 10 warnings and 10 notices per step/ }
    ],
    ['exactly 10 warnings and no failure: all shown', { error: 0, warning: 10, notice: 0 }, { failing: false }, { caps: { warning: 10 }, hidden: 0 }],
    [
      'check-run: never: says how to get them all',
      { error: 11, warning: 0, notice: 0 },
      { failing: true, checkRun: 'never' },
      { caps: { error: 9 }, hidden: 2, level: 'warning', text: /check-run: never; with check-run: auto a check run would carry all 11/ }
    ],
    [
      'a comment refused, nothing hidden: one warning line, pull-requests: write',
      { error: 1, warning: 0, notice: 0 },
      {
        failing: true,
        publication: { failures: [{ what: 'comment', detail: 'HTTP 403: Resource not accessible by integration', permission: 'pull-requests: write' }], notes: [] }
      },
      {
        caps: { error: 9 },
        hidden: 0,
        level: 'warning',
        text: /^The pull-request comment could not be written: .*pull-requests: write.*Every finding is shown as an annotation and in the job summary\.$/
      }
    ]
  ])('%s', (_name, counts, options, want) => {
    const plan = planAnnotations(counts, options)
    expect(plan.caps).toMatchObject(want.caps)
    expect(plan.hidden.error + plan.hidden.warning + plan.hidden.notice).toBe(want.hidden)
    expect(plan.line?.level).toBe(want.level)
    if (want.text) expect(plan.line?.text).toMatch(want.text)
    expect(plan.line?.text ?? '').not.toMatch(/[\r\n]/)
  })
})

describe('check run payloads', () => {
  it('every finding becomes an annotation: path, start and end line, level, title = code, message', () => {
    const a = checkAnnotations([fileWith('certs/a.pem', ['error', 'warning', 'notice'])])
    expect(a).toEqual([
      { path: 'certs/a.pem', start_line: 1, end_line: 1, annotation_level: 'failure', title: 'CERT_EXPIRED', message: 'finding 1 of certs/a.pem' },
      { path: 'certs/a.pem', start_line: 21, end_line: 21, annotation_level: 'warning', title: 'CERT_EXPIRES_SOON', message: 'finding 2 of certs/a.pem' },
      { path: 'certs/a.pem', start_line: 41, end_line: 41, annotation_level: 'notice', title: 'CERT_SHA1_SIGNATURE', message: 'finding 3 of certs/a.pem' }
    ])
  })
  it.each([
    ['certs/a.pem', true],
    ['/tmp/outside.pem', false],
    ['../up.pem', false],
    ['C:\\x.pem', false],
    ['', false]
  ])('a repository path? %s → %s', (p, ok) => expect(isRepositoryPath(p)).toBe(ok))
  it.each([
    [0, []],
    [1, [1]],
    [50, [50]],
    [51, [50, 1]],
    [125, [50, 50, 25]]
  ])('%i annotations go in requests of %j', (n, sizes) => {
    expect(inBatches(Array.from({ length: n }, (_, i) => i)).map((b) => b.length)).toEqual(sizes)
  })
  it.each<[string, ValidateResult, string]>([
    ['errors: failure', result([fileWith('a.pem', ['error'])]), 'failure'],
    ['warnings with fail-on error: neutral', result([fileWith('a.pem', ['warning'])]), 'neutral'],
    ['warnings with fail-on warning: failure', result([fileWith('a.pem', ['warning'])], 'warning'), 'failure'],
    ['nothing: success', result([fileWith('a.pem', [])]), 'success']
  ])('conclusion: %s', (_n, r, want) => expect(checkConclusion(r)).toBe(want))
  it('is named after the action and the step', () => {
    expect(checkRunName(run)).toBe('Cloudflare mTLS validate (validate › pem)')
    expect(checkRunName({ ...run, step: '__acme_action' })).toBe('Cloudflare mTLS validate (validate)')
  })
})

describe('the pull-request comment', () => {
  it.each([
    ['a|b.pem', 'a\\|b\\.pem'],
    ['*bold*', '\\*bold\\*'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['[link](https://evil)', '\\[link\\]\\(https://evil\\)'],
    ['two\nlines', 'two lines'],
    ['certs/@octocat.pem', 'certs/@\u200Doctocat\\.pem'],
    ['CN=ops, emailAddress=team@acme/admins', 'CN=ops, emailAddress=team@\u200Dacme/admins']
  ])('escapes %j', (raw, want) => expect(escapeMarkdown(raw)).toBe(want))

  it('an @mention in a file name or a finding does not reach the comment as one (it would notify that user)', () => {
    const file = fileWith('certs/@octocat.pem', ['error'])
    const f0 = file.findings[0]
    if (f0) f0.message = 'issued by @acme/security-team'
    const body = renderComment(result([file]), run)
    expect(body).not.toMatch(/@[A-Za-z0-9]/)
    expect(body).toContain('@\u200Doctocat')
  })

  it('the marker is one per workflow, job and step, and cannot close the HTML comment', () => {
    const m = commentMarker({ ...run, job: 'a-->b' })
    expect(m.startsWith('<!-- ') && m.endsWith(' -->')).toBe(true)
    expect(m.slice(4, -3)).not.toMatch(/--|>/)
    expect(commentMarker(run)).not.toBe(commentMarker({ ...run, step: 'other' }))
  })

  it('links each file and line at the head commit', () => {
    expect(blobUrl(run, 'certs/a b(1).pem', 3)).toBe('https://github.example/acme/pki/blob/abcdef0123456789abcdef0123456789abcdef01/certs/a%20b%281%29.pem#L3')
  })

  it('lists failing files with their findings, escaped, and says when everything passes', () => {
    const body = renderComment(result([fileWith('certs/x|y.pem', ['error', 'notice']), fileWith('certs/ok.pem', [])]), run, {
      runUrl: 'https://github.example/acme/pki/actions/runs/42'
    })
    expect(body.split('\n')[0]).toBe(commentMarker(run))
    expect(body).toContain('❌ Cloudflare mTLS: 1 of 2 PEM files fail')
    expect(body).toContain('[certs/x\\|y\\.pem](https://github.example/acme/pki/blob/abcdef0123456789abcdef0123456789abcdef01/certs/x%7Cy.pem)')
    expect(body).toContain('[1](https://github.example/acme/pki/blob/abcdef0123456789abcdef0123456789abcdef01/certs/x%7Cy.pem#L1)')
    expect(body).not.toContain('certs/ok.pem')
    const pass = renderComment(result([fileWith('certs/ok.pem', ['notice'])]), run)
    expect(pass).toContain('✅ Cloudflare mTLS: all 1 PEM file pass')
  })

  it('a file with warnings only is listed but not counted as failing (fail-on: error)', () => {
    const body = renderComment(result([fileWith('certs/bad.pem', ['error']), fileWith('certs/soon.pem', ['warning']), fileWith('certs/ok.pem', [])]), run)
    expect(body).toContain('❌ Cloudflare mTLS: 1 of 3 PEM files fail')
    expect(body).toContain('certs/soon\\.pem')
  })

  it('stays under GitHub comment size with 3,000 failing files, and counts the ones left out', () => {
    const body = renderComment(result(expiredFiles(3000)), run)
    expect(body.length).toBeLessThan(65_536)
    expect(body).toMatch(/…and \d+ more files with findings/)
  })
})

const unused = (method: string): never => {
  throw new Error(`validate called ${method}`)
}

/** An in-memory GitHubApi that records every call; `deny` makes writes answer 403 as GitHub does. */
function memoryGitHub(o: { deny?: Array<'checks' | 'comments'>; pullNumber?: number | undefined } = {}) {
  const calls: Array<{ method: string; annotations?: number; conclusion?: string; body?: string }> = []
  const comments: Array<{ id: number; url: string; body: string }> = []
  const forbidden = () => new GitHubError(403, 'Resource not accessible by integration')
  const api: GitHubApi = {
    listPullRequestFiles: async () => [],
    createCheckRun: async (p) => {
      calls.push({ method: 'createCheckRun', annotations: p.output.annotations?.length ?? 0 })
      if (o.deny?.includes('checks')) throw forbidden()
      return { id: 9, url: 'https://github.example/acme/pki/runs/9' }
    },
    updateCheckRun: async (_id, p: { output: CheckOutput; conclusion?: string }) => {
      calls.push({ method: 'updateCheckRun', annotations: p.output.annotations?.length ?? 0, ...(p.conclusion ? { conclusion: p.conclusion } : {}) })
    },
    findIssueComment: async (_n, marker) => comments.find((c) => c.body.includes(marker)),
    createIssueComment: async (_n, body) => {
      calls.push({ method: 'createIssueComment', body })
      if (o.deny?.includes('comments')) throw forbidden()
      const c = { id: comments.length + 1, url: `https://github.example/c/${comments.length + 1}`, body }
      comments.push(c)
      return c
    },
    updateIssueComment: async (id, body) => {
      calls.push({ method: 'updateIssueComment', body })
      const c = comments.find((x) => x.id === id)
      if (c) c.body = body
      return { id, url: `https://github.example/c/${id}` }
    },
    // report's tracking issue: validate never calls these.
    findIssues: async () => unused('findIssues'),
    ensureLabel: async () => unused('ensureLabel'),
    createIssue: async () => unused('createIssue'),
    updateIssue: async () => unused('updateIssue')
  }
  const gh: GitHub = { api, run: { ...run, ...('pullNumber' in o ? { pullNumber: o.pullNumber } : {}) } }
  if ('pullNumber' in o && o.pullNumber === undefined) delete gh.run.pullNumber
  let loads = 0
  return { calls, comments, loads: () => loads, github: async () => (loads++, gh) }
}
const quiet: Logger = { info: () => {}, warning: () => {}, debug: () => {}, group: (_n, fn) => fn() }

describe('publishValidation', () => {
  it('check-run auto when the log shows every finding (9 errors of a failing step, 10 warnings of a passing one): GitHub is not even loaded', async () => {
    const gh = memoryGitHub()
    expect(await publishValidation(result(expiredFiles(9)), { checkRun: 'auto', prComment: false }, { github: gh.github, log: quiet })).toBeUndefined()
    const warnings = [
      fileWith(
        'a.pem',
        Array.from({ length: 10 }, () => 'warning' as const)
      )
    ]
    expect(await publishValidation(result(warnings), { checkRun: 'auto', prComment: false }, { github: gh.github, log: quiet })).toBeUndefined()
    expect(gh.loads()).toBe(0)
  })

  it.each<[string, ValidateResult]>([
    ['10 errors of a failing step (setFailed takes the 10th place)', result(expiredFiles(10))],
    [
      '11 notices and 10 warnings (the line about the notices takes a warning place)',
      result([fileWith('a.pem', [...Array.from({ length: 11 }, () => 'notice' as const), ...Array.from({ length: 10 }, () => 'warning' as const)])])
    ]
  ])('check-run auto with %s: a finding would be hidden, so a check run carries them', async (_name, r) => {
    const gh = memoryGitHub()
    const pub = await publishValidation(r, { checkRun: 'auto', prComment: false }, { github: gh.github, log: quiet })
    expect(pub?.checkRun?.annotations).toBe(countAll(r))
  })

  it('check-run auto with 125 errors: every one, in requests of at most 50, completed as failure', async () => {
    const gh = memoryGitHub()
    const pub = await publishValidation(result(expiredFiles(125)), { checkRun: 'auto', prComment: false }, { github: gh.github, log: quiet })
    expect(pub?.checkRun).toMatchObject({ id: 9, annotations: 125 })
    expect(gh.calls.map((c) => c.annotations)).toEqual([50, 50, 25])
    expect(gh.calls.at(-1)?.conclusion).toBe('failure')
    expect(gh.calls.filter((c) => c.conclusion).length).toBe(1)
  })

  it('check-run always with 3 warnings: one check run, completed neutral', async () => {
    const gh = memoryGitHub()
    const pub = await publishValidation(
      result([fileWith('a.pem', ['warning', 'warning', 'warning'])]),
      { checkRun: 'always', prComment: false },
      { github: gh.github, log: quiet }
    )
    expect(pub?.checkRun?.annotations).toBe(3)
    expect(gh.calls).toEqual([
      { method: 'createCheckRun', annotations: 3 },
      { method: 'updateCheckRun', annotations: 0, conclusion: 'neutral' }
    ])
  })

  it('a 403 on the check run is a failure naming checks: write, never an exception', async () => {
    const gh = memoryGitHub({ deny: ['checks'] })
    const pub = await publishValidation(result(expiredFiles(25)), { checkRun: 'auto', prComment: false }, { github: gh.github, log: quiet })
    expect(pub?.checkRun).toBeUndefined()
    expect(pub?.failures).toEqual([{ what: 'check run', detail: 'HTTP 403: Resource not accessible by integration', permission: 'checks: write' }])
  })

  it('no token (the loader fails): a failure for each thing wanted', async () => {
    const pub = await publishValidation(
      result(expiredFiles(25)),
      { checkRun: 'auto', prComment: true },
      { github: () => Promise.reject(new Error('no github-token was given')), log: quiet }
    )
    expect(pub?.failures.map((f) => f.what)).toEqual(['check run', 'comment'])
  })

  it('pr-comment: one comment after two runs, updated in place', async () => {
    const gh = memoryGitHub()
    const settings = { checkRun: 'never', prComment: true } as const
    const first = await publishValidation(result(expiredFiles(2)), settings, { github: gh.github, log: quiet })
    const second = await publishValidation(result([fileWith('certs/fixed.pem', [])]), settings, { github: gh.github, log: quiet })
    expect(first?.comment?.updated).toBe(false)
    expect(second?.comment).toMatchObject({ id: first?.comment?.id, updated: true })
    expect(gh.comments).toHaveLength(1)
    expect(gh.comments[0]?.body).toContain('✅ Cloudflare mTLS: all 1 PEM file pass')
  })

  it('pr-comment outside a pull request: a note, no request', async () => {
    const gh = memoryGitHub({ pullNumber: undefined })
    const pub = await publishValidation(result(expiredFiles(1)), { checkRun: 'never', prComment: true }, { github: gh.github, log: quiet })
    expect(pub?.notes[0]).toMatch(/not a pull request/)
    expect(gh.calls).toEqual([])
  })

  it('a 403 on the comment names pull-requests: write', async () => {
    const gh = memoryGitHub({ deny: ['comments'] })
    const pub = await publishValidation(result(expiredFiles(1)), { checkRun: 'never', prComment: true }, { github: gh.github, log: quiet })
    expect(pub?.failures).toEqual([{ what: 'comment', detail: 'HTTP 403: Resource not accessible by integration', permission: 'pull-requests: write' }])
  })
})

describe('inputs of the pull-request check', () => {
  it('defaults: check-run auto, no comment, every file; the token kept for GitHub', () => {
    const c = parseConfig({ 'operation': 'validate', 'certificate-path': 'x', 'github-token': 'ghs_abc123' })
    expect(c.operation === 'validate' && c.pullRequest).toEqual({
      token: 'ghs_abc123',
      checkRun: 'auto',
      prComment: false,
      changedFilesOnly: false,
      timeoutMs: 30_000,
      maxRetries: 3
    })
  })
  it('action.yml default given unexpanded (a local run) is no token, not an error', () => {
    const c = parseConfig({ 'operation': 'validate', 'certificate-path': 'x', 'github-token': '${{ github.token }}' })
    expect(c.operation === 'validate' && c.pullRequest.token).toBeUndefined()
  })
  it.each([
    [{ 'check-run': 'sometimes' }, 'check-run', /auto, always, never/],
    [{ 'pr-comment': 'maybe' }, 'pr-comment', /true or false/],
    [{ 'changed-files-only': 'yes please' }, 'changed-files-only', /true or false/],
    [{ 'github-token': 'two words' }, 'github-token', /spaces or line breaks/]
  ])('%j is refused naming %s', (bad, input, message) => {
    expect(() => parseConfig({ 'operation': 'validate', 'certificate-path': 'x', ...bad })).toThrow(new RegExp(`^Input "${input}" .*${message.source}`))
  })
})

describe('changed-files-only: a filter that cannot be applied validates everything, and says why', () => {
  // A workspace with certs/a.pem and certs/b.pem (not certificates: each gets an error).
  const workspace = mkdtempSync(path.join(tmpdir(), 'changed-only-'))
  mkdirSync(path.join(workspace, 'certs'))
  for (const f of ['a.pem', 'b.pem']) writeFileSync(path.join(workspace, 'certs', f), 'not a certificate\n')
  const validate = async (changed: ChangedFiles | (() => Promise<ChangedFiles>), ws = workspace, base = ws) => {
    const lines: string[] = []
    const config = parseConfig({ 'operation': 'validate', 'certificate-path': path.join(base, 'certs'), 'changed-files-only': 'true' })
    if (config.operation !== 'validate') throw new Error('not validate')
    const r = await validateFiles(config, {
      log: { ...quiet, info: (m) => lines.push(m) },
      now: () => new Date(),
      workspace: ws,
      glob: async (patterns) => {
        const glob = await import('@actions/glob')
        return (await glob.create(patterns.join('\n'), { matchDirectories: false })).glob()
      },
      changedFiles: typeof changed === 'function' ? changed : async () => changed
    })
    return { files: r.files.map((f) => f.file), scope: r.scope, lines }
  }

  it('the changed files are found under the workspace: only those are validated', async () => {
    const r = await validate({ pullNumber: 7, files: ['certs/a.pem', 'README.md'], listed: 2, total: 2 })
    expect(r.files).toEqual(['certs/a.pem'])
    expect(r.scope).toMatchObject({ kind: 'changed', validated: 1, skipped: 1 })
  })

  it('none of the changed files is under the workspace (checked out in a subdirectory): every file, and one line why', async () => {
    // actions/checkout with path: repo; certificate-path: repo/certs
    const ws = mkdtempSync(path.join(tmpdir(), 'changed-only-sub-'))
    const sub = path.join(ws, 'repo')
    mkdirSync(path.join(sub, 'certs'), { recursive: true })
    for (const f of ['a.pem', 'b.pem']) writeFileSync(path.join(sub, 'certs', f), 'not a certificate\n')
    const r = await validate({ pullNumber: 7, files: ['certs/a.pem'], listed: 1, total: 1 }, ws, sub)
    expect(r.files).toEqual(['repo/certs/a.pem', 'repo/certs/b.pem'])
    expect(r.scope).toMatchObject({ kind: 'all', reason: expect.stringMatching(/none of the 1 file\(s\) pull request #7 adds or modifies is under the workspace/) })
    expect(r.lines.filter((l) => l.startsWith('changed-files-only:'))).toHaveLength(1)
    expect(r.lines.join('\n')).toMatch(/validating all 2 file\(s\)/)
  })

  it('only removed files (nothing left to look for): the filter applies and validates none', async () => {
    const r = await validate({ pullNumber: 7, files: [], listed: 3, total: 3 })
    expect(r.files).toEqual([])
    expect(r.scope).toMatchObject({ kind: 'changed', validated: 0 })
  })

  it.each<[string, ChangedFiles, RegExp]>([
    [
      'more than 3,000 changed files (GitHub lists 3,000)',
      { pullNumber: 7, files: ['certs/a.pem'], listed: 3000, total: 3412 },
      /changes 3412 files and GitHub listed 3000 \(it lists at most 3000\)/
    ],
    ['fewer listed than the pull request changes', { pullNumber: 7, files: ['certs/a.pem'], listed: 40, total: 41 }, /changes 41 files and GitHub listed 40/],
    ['3,000 listed and no count in the event', { pullNumber: 7, files: ['certs/a.pem'], listed: 3000 }, /GitHub listed 3000 files of pull request #7, its limit/]
  ])('%s: every file, and why', async (_name, changed, why) => {
    const r = await validate(changed)
    expect(r.files).toEqual(['certs/a.pem', 'certs/b.pem'])
    expect(r.scope).toMatchObject({ kind: 'all', reason: expect.stringMatching(why) })
  })

  it('a failure the caller described (operations/ does not interpret GitHub errors): every file, the line, the permission', async () => {
    const r = await validate({ failure: 'HTTP 403: Resource not accessible by integration', permission: 'pull-requests: read' })
    expect(r.files).toHaveLength(2)
    expect(r.scope).toEqual({
      kind: 'all',
      reason: "could not list the pull request's files (HTTP 403: Resource not accessible by integration)",
      permission: 'pull-requests: read'
    })
    const thrown = await validate(() => Promise.reject(new Error('socket hang up\n::error::x')))
    expect(thrown.files).toHaveLength(2)
    expect(thrown.lines.join('|')).toContain("could not list the pull request's files (socket hang up ::error::x)")
  })
})
