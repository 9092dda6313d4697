import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { runAction, type ActionRun } from '../helpers/run-action.js'

// A pull request is hostile data: its files are what validate reads on a pull_request run. These
// run the bundle as the runner does, with the checkout as GITHUB_WORKSPACE, and a directory beside
// it that stands for the runner's own files (its home, /etc): nothing there may be opened or shown.

let top: string
let ws: string
let runnerSecretSubject: string
beforeAll(async () => {
  top = mkdtempSync(path.join(tmpdir(), 'hostile-pr-'))
  ws = path.join(top, 'checkout')
  const runner = path.join(top, 'runner-home')
  mkdirSync(path.join(ws, 'pki'), { recursive: true })
  mkdirSync(path.join(runner, 'ssl'), { recursive: true })
  runnerSecretSubject = 'Runner Private CA 7f3a'
  const secret = await makeCertificate({ name: `CN=${runnerSecretSubject}` })
  writeFileSync(path.join(runner, 'ssl/host.pem'), secret.pem)
  writeFileSync(path.join(runner, 'ssl/other.crt'), secret.pem)
  const good = await makeCertificate({ name: 'CN=Repository CA' })
  writeFileSync(path.join(ws, 'pki/good.pem'), good.pem)
  // What the pull request adds: links out of the checkout, to a file and to a directory, and a FIFO.
  symlinkSync(path.join(runner, 'ssl/host.pem'), path.join(ws, 'pki/stolen.pem'))
  symlinkSync(path.join(runner, 'ssl'), path.join(ws, 'pki/etc'))
  symlinkSync('/etc', path.join(ws, 'pki/system'))
  execFileSync('mkfifo', [path.join(ws, 'pki/pipe.pem')])
})

const run = (inputs: Record<string, string>, timeoutMs = 60_000): Promise<ActionRun> => runAction(inputs, { cwd: ws, env: { GITHUB_WORKSPACE: ws }, timeoutMs })

const findingsOf = (r: ActionRun): Array<{ file: string; code: string; line: number }> => JSON.parse(r.outputs.findings ?? '[]')

/** Nothing of what lies outside the checkout reaches the log, the outputs or the summary. */
function expectNothingFromOutside(r: ActionRun): void {
  for (const text of [r.stdout, r.summary, JSON.stringify(r.outputs)]) {
    expect(text).not.toContain(runnerSecretSubject)
    expect(text).not.toContain('runner-home')
    expect(text).not.toMatch(/\/etc\/(passwd|ssl|hosts)/)
  }
}

describe('validate on a hostile pull request', () => {
  it('links out of the workspace are reported as PATH_OUTSIDE_WORKSPACE on the link, never opened; a FIFO is reported and does not block', async () => {
    const r = await run({ 'operation': 'validate', 'certificate-path': 'pki' })
    expect(r.code).toBe(1)
    expect(findingsOf(r).map((f) => `${f.file}:${f.line} ${f.code}`)).toEqual([
      'pki/etc:1 PATH_OUTSIDE_WORKSPACE',
      'pki/pipe.pem:1 NOT_A_REGULAR_FILE',
      'pki/stolen.pem:1 PATH_OUTSIDE_WORKSPACE',
      'pki/system:1 PATH_OUTSIDE_WORKSPACE'
    ])
    expect(r.stdout).toMatch(/^::error title=PATH_OUTSIDE_WORKSPACE,file=pki\/stolen\.pem,line=1::PATH_OUTSIDE_WORKSPACE: pki\/stolen\.pem is a symbolic link/m)
    expect(r.summary).toContain('pki/good.pem')
    expect(r.errors.at(-1)).toMatch(/PEM validation failed/)
    expectNothingFromOutside(r)
  })

  it('the same through a pattern and through a file named directly', async () => {
    const r = await run({ 'operation': 'validate', 'certificate-path': 'pki/*.pem\npki/etc/host.pem' })
    expect(r.code).toBe(1)
    expect(findingsOf(r).map((f) => `${f.file} ${f.code}`)).toEqual([
      'pki/etc/host.pem PATH_OUTSIDE_WORKSPACE',
      'pki/pipe.pem NOT_A_REGULAR_FILE',
      'pki/stolen.pem PATH_OUTSIDE_WORKSPACE'
    ])
    expectNothingFromOutside(r)
  })

  it('a private-key-path that a link leads out of the workspace is an input error naming it', async () => {
    const r = await run({ 'operation': 'validate', 'certificate-path': 'pki/good.pem', 'private-key-path': 'pki/etc/host.pem' })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/^::error::Input "private-key-path" names a file inside the workspace that is a symbolic link/)
    expectNothingFromOutside(r)
  })

  it('upload and rotate refuse a certificate-path that only a link in the workspace leads to, before any request', async () => {
    for (const operation of ['upload', 'rotate']) {
      // No server listens at this address: an attempted request would fail differently.
      const r = await run({
        operation,
        'name': 'edge-ca',
        'account-id': '0123456789abcdef0123456789abcdef',
        'api-token': 'hostile-pr-token-0123456789',
        'api-base-url': 'http://127.0.0.1:9/client/v4',
        'certificate-path': 'pki/stolen.pem'
      })
      expect(r.code).toBe(1)
      expect(r.errors).toEqual([expect.stringMatching(/^::error::Input "certificate-path" names a file inside the workspace that is a symbolic link/)])
      expectNothingFromOutside(r)
    }
  })

  it("10,000 files: every one validated, GitHub's annotation caps kept, the summary within 1 MiB", async () => {
    const dir = path.join(ws, 'bulk')
    mkdirSync(dir)
    const ca = await makeCertificate({ name: 'CN=Bulk CA' })
    for (let i = 0; i < 10_000; i++) {
      // Every 500th file is broken: 20 errors, more than GitHub shows as annotations in one step.
      writeFileSync(path.join(dir, `ca-${String(i).padStart(5, '0')}.pem`), i % 500 === 0 ? '-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----\n' : ca.pem)
    }
    const r = await run({ 'operation': 'validate', 'certificate-path': 'bulk', 'check-run': 'never' }, 120_000)
    expect(r.code).toBe(1)
    const findings = findingsOf(r)
    expect(new Set(findings.filter((f) => f.code).map((f) => f.file)).size).toBe(20)
    expect(r.stdout).toContain('Validated 10000 file(s)')
    // A failing step shows at most 10 error annotations, its failure line among them.
    expect(r.errors.length).toBeLessThanOrEqual(10)
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::warning')).length).toBeLessThanOrEqual(10)
    expect(Buffer.byteLength(r.summary)).toBeLessThanOrEqual(1024 * 1024)
  }, 180_000)
})
