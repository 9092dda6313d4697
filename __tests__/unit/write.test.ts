/**
 * src/report/write.ts is the one place that hands results to the runner, through @actions/core.
 * core's exports cannot be spied on directly (ESM namespace): vi.mock with spy: true keeps core's
 * real behaviour and records each call.
 */
import * as core from '@actions/core'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { makeFinding, type FileReport } from '../../src/pem/index.js'
import { writeAnnotations, writeResult } from '../../src/report/write.js'

vi.mock('@actions/core', { spy: true })

const report = (file: string): FileReport =>
  ({
    file,
    findings: [
      makeFinding('CERT_EXPIRED', 'certificate 1 expired', file, 3, 0),
      makeFinding('CHAIN_DUPLICATE_CERTIFICATE', 'certificate 2 repeats certificate 1', file, 30, 1)
    ],
    errorCount: 1,
    warningCount: 1,
    certificates: []
  }) as unknown as FileReport

beforeEach(() => {
  vi.mocked(core.error).mockClear()
  vi.mocked(core.warning).mockClear()
  vi.mocked(core.notice).mockClear()
  vi.mocked(core.setOutput).mockClear()
  // Keep the test's own output clean: the calls are what is asserted.
  vi.mocked(core.error).mockImplementation(() => {})
  vi.mocked(core.warning).mockImplementation(() => {})
  vi.mocked(core.notice).mockImplementation(() => {})
  vi.mocked(core.setOutput).mockImplementation(() => {})
})

describe('annotations go through core with the file, line and code', () => {
  it('a path under GITHUB_WORKSPACE is given relative to it', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '/home/runner/work/repo')
    writeAnnotations([report('/home/runner/work/repo/certs/ca.pem')])
    vi.unstubAllEnvs()
    expect(core.error).toHaveBeenCalledWith('CERT_EXPIRED: certificate 1 expired', { file: 'certs/ca.pem', startLine: 3, title: 'CERT_EXPIRED' })
    const severity = vi.mocked(core.warning).mock.calls.length + vi.mocked(core.notice).mock.calls.length
    expect(severity).toBe(1)
  })

  it('errorsAsFailure leaves the errors to the one failure line', () => {
    writeAnnotations([report('ca.pem')], { errorsAsFailure: true })
    expect(core.error).not.toHaveBeenCalled()
  })
})

describe('outputs go through core.setOutput', () => {
  it('a validation result sets its three outputs', async () => {
    await writeResult({ operation: 'validate', files: [report('ca.pem')], failOn: 'error', failed: false } as never, new Date(), false)
    const names = vi.mocked(core.setOutput).mock.calls.map(([name]) => name)
    expect(names).toEqual(['error-count', 'warning-count', 'findings'])
    expect(vi.mocked(core.setOutput).mock.calls[0]?.[1]).toBe('1')
  })
})

describe('annotations stay within what GitHub shows of a step', () => {
  const many = (n: number): FileReport =>
    ({
      file: 'certs/many.pem',
      findings: Array.from({ length: n }, (_, i) => makeFinding('CERT_EXPIRED', `certificate ${i + 1} expired`, 'certs/many.pem', i * 10 + 1, i)),
      errorCount: n,
      warningCount: 0,
      certificates: []
    }) as unknown as FileReport

  it('a failing validate of 25 errors prints 9 (setFailed is the 10th) and one warning that says where the other 16 are', async () => {
    await writeResult({ operation: 'validate', files: [many(25)], failOn: 'error', failed: true } as never, new Date(), false)
    expect(core.error).toHaveBeenCalledTimes(9)
    expect(core.warning).toHaveBeenCalledTimes(1)
    expect(vi.mocked(core.warning).mock.calls[0]?.[0]).toMatch(/^16 finding\(s\) not shown as annotations: GitHub shows 10 errors per step; see the job summary/)
  })

  it('a validate whose findings are on a check run points to it, as information', async () => {
    vi.mocked(core.info).mockImplementation(() => {})
    const publication = { checkRun: { id: 5, url: 'https://github.example/o/r/runs/5', annotations: 25 }, failures: [], notes: [] }
    await writeResult({ operation: 'validate', files: [many(25)], failOn: 'error', failed: true, publication } as never, new Date(), false)
    expect(core.error).toHaveBeenCalledTimes(9)
    expect(core.warning).not.toHaveBeenCalled()
    expect(vi.mocked(core.info).mock.calls.map(([m]) => m)).toContain(
      '16 finding(s) not shown as annotations: GitHub shows 10 errors per step; all 25 are on the check run https://github.example/o/r/runs/5 and in the job summary.'
    )
    const outputs = Object.fromEntries(vi.mocked(core.setOutput).mock.calls)
    expect(outputs).toMatchObject({ 'check-run-id': '5', 'check-run-url': 'https://github.example/o/r/runs/5' })
  })

  it('the check run URL and the notes come from the server: each is printed on one line, so none can start a workflow command', async () => {
    vi.mocked(core.info).mockClear()
    vi.mocked(core.info).mockImplementation(() => {})
    const forged = 'https://github.example/o/r/runs/5\n::error file=x.pem::forged\r\n::add-mask::x'
    const publication = { checkRun: { id: 5, url: forged, annotations: 25 }, failures: [], notes: ['pr-comment: a note\n::warning::forged'] }
    await writeResult({ operation: 'validate', files: [many(25)], failOn: 'error', failed: true, publication } as never, new Date(), false)
    const printed = vi.mocked(core.info).mock.calls.map(([m]) => m)
    expect(printed.some((m) => m.includes('forged'))).toBe(true)
    for (const m of printed) expect(m).not.toMatch(/[\r\n\u2028\u2029]/)
  })
})
