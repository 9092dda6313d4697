import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { runAction } from '../helpers/run-action.js'

let repo: string
beforeAll(async () => {
  repo = mkdtempSync(path.join(tmpdir(), 'validate-e2e-'))
  mkdirSync(path.join(repo, 'certs/nested'), { recursive: true })
  const good = await makeCertificate({ name: 'CN=Good CA' })
  const soon = await makeCertificate({ name: 'CN=Soon CA', notAfter: new Date(Date.now() + 10 * 86_400_000) })
  writeFileSync(path.join(repo, 'certs/good.pem'), good.pem)
  writeFileSync(path.join(repo, 'certs/nested/soon.crt'), soon.pem)
  // line 3 holds a corrupted base64 line inside the second block
  writeFileSync(path.join(repo, 'certs/broken.pem'), `${good.pem}-----BEGIN CERTIFICATE-----\n@@@@ not base64 @@@@\n-----END CERTIFICATE-----\n`)
  writeFileSync(path.join(repo, 'certs/README.md'), '# not a certificate, ignored when a directory is scanned\n')
})

const run = (inputs: Record<string, string>) => runAction(inputs, { cwd: repo, env: { GITHUB_WORKSPACE: repo } })

describe('validate through the bundle', () => {
  it('checks a directory: annotations on the failing file and line, outputs, summary, exit 1', async () => {
    const r = await run({ 'operation': 'validate', 'certificate-path': 'certs' })
    expect(r.code).toBe(1)
    const brokenLine = r.stdout.split('\n').find((l) => l.startsWith('::error') && l.includes('file=certs/broken.pem'))
    expect(brokenLine).toMatch(/line=\d+/)
    expect(Number(/line=(\d+)/.exec(brokenLine ?? '')?.[1])).toBeGreaterThan(1)
    expect(r.stdout).toMatch(/::warning .*file=certs\/nested\/soon.crt,line=1::CERT_EXPIRES_SOON|::warning .*file=certs\/nested\/soon.crt/)
    expect(Number(r.outputs['error-count'])).toBeGreaterThan(0)
    expect(Number(r.outputs['warning-count'])).toBeGreaterThan(0)
    const findings = JSON.parse(r.outputs.findings ?? '[]') as Array<{ file: string; code: string; severity: string; line: number }>
    expect(new Set(findings.map((f) => f.file))).toEqual(new Set(['certs/broken.pem', 'certs/nested/soon.crt']))
    expect(findings.every((f) => f.code && f.severity && f.line >= 1)).toBe(true)
    expect(r.summary).toContain('certs/good.pem')
    expect(r.summary).toContain('SHA-256')
    expect(r.summary).not.toContain('README.md')
    // the last error line is the one failure message
    expect(r.errors.at(-1)).toMatch(/PEM validation failed \(fail-on: error\)/)
  })

  it('passes when only warnings are found and fail-on is error; fails on the same with fail-on: warning', async () => {
    const lenient = await run({ 'operation': 'validate', 'certificate-path': 'certs/good.pem\ncerts/nested/*.crt' })
    expect(lenient.code, lenient.stdout).toBe(0)
    expect(lenient.outputs['error-count']).toBe('0')
    expect(Number(lenient.outputs['warning-count'])).toBeGreaterThan(0)
    const strict = await run({ 'operation': 'validate', 'certificate-path': 'certs/nested/*.crt', 'fail-on': 'warning' })
    expect(strict.code).toBe(1)
  })

  it('a directory with a file over 1 MiB and a FIFO: FILE_TOO_LARGE on the big one, NOT_A_REGULAR_FILE on the FIFO, which is never opened (no hang)', async () => {
    const dir = path.join(repo, 'odd')
    mkdirSync(dir, { recursive: true })
    const good = await makeCertificate({ name: 'CN=Odd Good CA' })
    writeFileSync(path.join(dir, 'good.pem'), good.pem)
    writeFileSync(path.join(dir, 'huge.pem'), `${good.pem}${'#'.repeat(1024 * 1024)}\n`)
    execFileSync('mkfifo', [path.join(dir, 'pipe.pem')])
    const r = await run({ 'operation': 'validate', 'certificate-path': 'odd' })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/::error title=FILE_TOO_LARGE,file=odd\/huge.pem,line=1::FILE_TOO_LARGE: The file is \d+ bytes/)
    expect(r.stdout).toMatch(/::error title=NOT_A_REGULAR_FILE,file=odd\/pipe.pem,line=1::/)
    const findings = JSON.parse(r.outputs.findings ?? '[]') as Array<{ file: string; code: string }>
    expect(findings.map((f) => `${f.file} ${f.code}`)).toEqual(['odd/huge.pem FILE_TOO_LARGE', 'odd/pipe.pem NOT_A_REGULAR_FILE'])
    expect(r.summary).toContain('odd/good.pem')
  })

  it('more than 100 files: the ones with findings in full, the others in one table, soonest expiry first', async () => {
    const dir = path.join(repo, 'many')
    mkdirSync(dir, { recursive: true })
    const later = await makeCertificate({ name: 'CN=Later CA', notAfter: new Date(Date.now() + 300 * 86_400_000) })
    const sooner = await makeCertificate({ name: 'CN=Sooner CA', notAfter: new Date(Date.now() + 200 * 86_400_000) })
    const expiring = await makeCertificate({ name: 'CN=Expiring CA', notAfter: new Date(Date.now() + 5 * 86_400_000) })
    for (let i = 0; i < 120; i++) writeFileSync(path.join(dir, `ca-${String(i).padStart(3, '0')}.pem`), i === 60 ? sooner.pem : later.pem)
    writeFileSync(path.join(dir, 'zz-expiring.pem'), expiring.pem)
    const r = await run({ 'operation': 'validate', 'certificate-path': 'many' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs['warning-count']).toBe('1')
    expect(r.summary).toContain('PEM validation: 121 file(s), 0 error(s), 1 warning(s)')
    expect(r.summary).toContain('⚠️ many/zz-expiring.pem (CA bundle)')
    expect(r.summary).toContain('✅ 120 file(s) with no findings')
    const overview = r.summary.slice(r.summary.indexOf('✅ 120 file(s)'))
    expect(overview.indexOf('many/ca-060.pem')).toBeGreaterThan(0)
    expect(overview.indexOf('many/ca-060.pem')).toBeLessThan(overview.indexOf('many/ca-000.pem'))
    expect(r.summary.split('<h3>')).toHaveLength(3)
  })

  it('expiry-error-days turns an expiring certificate into an error', async () => {
    const r = await run({ 'operation': 'validate', 'certificate-path': 'certs/nested/soon.crt', 'expiry-error-days': '14' })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/::error .*file=certs\/nested\/soon.crt/)
  })

  it('needs no account or token, and a pattern that matches nothing is an input error', async () => {
    const r = await run({ 'operation': 'validate', 'certificate-path': 'nowhere/*.pem' })
    expect(r.code).toBe(1)
    expect(r.errors).toEqual([expect.stringContaining('Input "certificate-path" pattern "nowhere/*.pem" matched no files')])
  })
})
