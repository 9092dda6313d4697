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
