/**
 * runner.ts writes to file descriptor 1 synchronously, so the action can end the process as soon as
 * run() returns (src/index.ts). When fd 1 is a full non-blocking pipe (EAGAIN), the rest goes to
 * process.stdout, which writes later: then the process must not be ended early.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'

const writeSync = vi.hoisted(() => vi.fn())
vi.mock('node:fs', async (original) => ({ ...(await original<typeof import('node:fs')>()), writeSync }))

afterEach(() => {
  vi.restoreAllMocks()
  writeSync.mockReset()
})

describe('runner stdout', () => {
  it('writes synchronously to fd 1, and then everything is written', async () => {
    const runner = await import('../../src/runner.js')
    writeSync.mockImplementation((_fd: number, bytes: Uint8Array, offset = 0) => bytes.length - offset)
    runner.info('hello')
    expect(writeSync).toHaveBeenCalledWith(1, expect.any(Buffer), 0)
    expect(runner.everythingWritten()).toBe(true)
  })

  it('hands the rest to process.stdout on EAGAIN, in order, and then the process must not end early', async () => {
    const runner = await import('../../src/runner.js')
    const streamed: string[] = []
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      streamed.push(Buffer.from(chunk).toString('utf8'))
      return true
    })
    writeSync
      .mockImplementationOnce(() => 3) // "hel"
      .mockImplementationOnce(() => {
        throw Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' })
      })
    runner.info('hello')
    runner.info('world')
    expect(streamed.join('')).toBe('lo\nworld\n')
    expect(runner.everythingWritten()).toBe(false)
  })
})
