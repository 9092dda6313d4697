import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as core from '@actions/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as runner from '../../src/runner.js'

// src/runner.ts replaces @actions/core on the start path (core loads an HTTP client and undici).
// What the runner sees must not change: every call is compared with @actions/core's own output.

/** What fn printed: through runner.stdout (file descriptor 1) or process.stdout (@actions/core). */
function stdoutOf(fn: () => void): string {
  let out = ''
  const ours = vi.spyOn(runner.stdout, 'write').mockImplementation((text: string) => {
    out += text
  })
  const core = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk)
    return true
  })
  try {
    fn()
  } finally {
    ours.mockRestore()
    core.mockRestore()
  }
  return out
}

const tricky = ['plain', 'line one\nline two\r\nthree', '100% done: a, b', '', 'ünïcødé → ✓', '::error::injected']
const properties: runner.AnnotationProperties[] = [
  {},
  { file: 'certs/a.pem', startLine: 3, title: 'PEM_CRLF' },
  { file: 'dir, with: odd%chars\n.pem', startLine: 0, title: 'T:1,2' }
]

afterEach(() => {
  process.exitCode = undefined
  vi.unstubAllEnvs()
})

describe('runner: the same workflow commands as @actions/core', () => {
  it.each(tricky)('info, debug, setSecret of %j', (message) => {
    expect(stdoutOf(() => runner.info(message))).toBe(stdoutOf(() => core.info(message)))
    expect(stdoutOf(() => runner.debug(message))).toBe(stdoutOf(() => core.debug(message)))
    expect(stdoutOf(() => runner.setSecret(message))).toBe(stdoutOf(() => core.setSecret(message)))
  })

  it.each(tricky.flatMap((m) => properties.map((p) => [m, p] as const)))('annotations of %j with %j', (message, props) => {
    expect(stdoutOf(() => runner.error(message, props))).toBe(stdoutOf(() => core.error(message, props)))
    expect(stdoutOf(() => runner.warning(message, props))).toBe(stdoutOf(() => core.warning(message, props)))
    expect(stdoutOf(() => runner.notice(message, props))).toBe(stdoutOf(() => core.notice(message, props)))
  })

  it('setFailed sets exit code 1 and prints one error', () => {
    const ours = stdoutOf(() => runner.setFailed('it broke: 50%'))
    expect(process.exitCode).toBe(1)
    process.exitCode = undefined
    expect(ours).toBe(stdoutOf(() => core.setFailed('it broke: 50%')))
    expect(process.exitCode).toBe(1)
  })

  it('getInput reads INPUT_ variables like core (trimmed, spaces to underscores, hyphens kept)', () => {
    vi.stubEnv('INPUT_CERTIFICATE-PATH', '  certs/a.pem \n')
    vi.stubEnv('INPUT_MY_INPUT', 'x')
    for (const name of ['certificate-path', 'my input', 'absent']) expect(runner.getInput(name)).toBe(core.getInput(name))
  })

  it('isDebug follows RUNNER_DEBUG', () => {
    for (const v of ['1', '0', '']) {
      vi.stubEnv('RUNNER_DEBUG', v)
      expect(runner.isDebug()).toBe(core.isDebug())
    }
  })

  it('setOutput writes the same heredoc to GITHUB_OUTPUT (delimiters are random)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'runner-'))
    const file = path.join(dir, 'output')
    vi.stubEnv('GITHUB_OUTPUT', file)
    const normalise = (s: string) => s.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIM')
    for (const value of tricky) {
      writeFileSync(file, '')
      runner.setOutput('name', value)
      const ours = readFileSync(file, 'utf8')
      writeFileSync(file, '')
      core.setOutput('name', value)
      expect(normalise(ours)).toBe(normalise(readFileSync(file, 'utf8')))
    }
  })

  it('the heredoc delimiter is a v4 UUID like the one core makes, a new one each time (without loading node:crypto)', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      const u = runner.delimiterUuid()
      expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      seen.add(u)
    }
    expect(seen.size).toBe(2000)
    // The extremes of the generator still give the shape.
    expect(runner.delimiterUuid(() => 0)).toBe('00000000-0000-4000-8000-000000000000')
    expect(runner.delimiterUuid(() => 0.9999)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff')
  })

  it('a value that contains the delimiter is refused, not written', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'runner-'))
    const file = path.join(dir, 'output')
    writeFileSync(file, '')
    vi.stubEnv('GITHUB_OUTPUT', file)
    // With Math.random pinned, the next delimiter is known: a value carrying it must not get through.
    const spy = vi.spyOn(Math, 'random').mockReturnValue(0)
    try {
      expect(() => runner.setOutput('name', 'x\nghadelimiter_00000000-0000-4000-8000-000000000000\nevil=1')).toThrow(/should not contain the delimiter/)
    } finally {
      spy.mockRestore()
    }
    expect(readFileSync(file, 'utf8')).toBe('')
  })

  it('setOutput without GITHUB_OUTPUT falls back to the set-output command', () => {
    vi.stubEnv('GITHUB_OUTPUT', '')
    expect(stdoutOf(() => runner.setOutput('count', '3\n4'))).toBe(stdoutOf(() => core.setOutput('count', '3\n4')))
  })

  it('appendSummary appends like core.summary.addRaw().write(), and fails with its message without a file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'runner-'))
    const file = path.join(dir, 'summary')
    writeFileSync(file, 'before\n')
    vi.stubEnv('GITHUB_STEP_SUMMARY', file)
    runner.appendSummary('<h2>ours</h2>\n')
    await core.summary.addRaw('<h2>core</h2>\n').write()
    expect(readFileSync(file, 'utf8')).toBe('before\n<h2>ours</h2>\n<h2>core</h2>\n')

    // core.summary remembers its file after the first write, so its error is quoted here.
    const missing = path.join(dir, 'missing')
    vi.stubEnv('GITHUB_STEP_SUMMARY', missing)
    expect(() => runner.appendSummary('x')).toThrow(`Unable to access summary file: '${missing}'. Check if the file has correct read/write permissions.`)
  })
})
