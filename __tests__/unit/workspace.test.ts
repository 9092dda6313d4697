import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readRegularFile, workspaceBoundary } from '../../src/workspace.js'

// The workspace boundary and the one reader of files that come from the repository: what keeps a
// pull request's links and FIFOs from making the action read, or wait on, the runner's own files.

let top: string
let ws: string
let runner: string
beforeAll(() => {
  top = realpathSync(mkdtempSync(path.join(tmpdir(), 'workspace-')))
  ws = path.join(top, 'checkout')
  runner = path.join(top, 'runner')
  mkdirSync(path.join(ws, 'pki'), { recursive: true })
  mkdirSync(runner)
  // A sibling whose name starts with the workspace's: `checkout2` is not inside `checkout`.
  mkdirSync(path.join(top, 'checkout2'))
  writeFileSync(path.join(ws, 'pki/ca.pem'), 'x')
  writeFileSync(path.join(runner, 'secret.pem'), 'secret')
  writeFileSync(path.join(top, 'checkout2/ca.pem'), 'x')
  symlinkSync(path.join(runner, 'secret.pem'), path.join(ws, 'pki/out.pem'))
  symlinkSync(path.join(top, 'checkout2/ca.pem'), path.join(ws, 'pki/sibling.pem'))
  symlinkSync(path.join(ws, 'pki/ca.pem'), path.join(ws, 'pki/in.pem'))
  symlinkSync(path.join(top, 'nowhere'), path.join(ws, 'pki/broken.pem'))
  // The workspace reached through a link of its own (a runner may check out below a linked directory).
  symlinkSync(ws, path.join(top, 'ws-link'))
})

describe('workspaceBoundary', () => {
  it.each([
    ['a file inside that stays inside', 'pki/ca.pem', false],
    ['a link inside to a file inside', 'pki/in.pem', false],
    ['a link inside to the runner', 'pki/out.pem', true],
    ['a link inside to a sibling whose name starts like the workspace', 'pki/sibling.pem', true]
  ] as const)('%s: escapes is %s', (_what, file, escapes) => {
    const b = workspaceBoundary(ws)
    const abs = path.join(ws, file)
    const real = b.resolve(abs)
    expect(real).toBeDefined()
    expect(b.escapes(abs, real as string)).toBe(escapes)
  })

  it('a path the workflow names outside the workspace is never judged (RUNNER_TEMP), nor a sibling that only starts like it', () => {
    const b = workspaceBoundary(ws)
    expect(b.escapes(path.join(runner, 'secret.pem'), path.join(runner, 'secret.pem'))).toBe(false)
    expect(b.escapes(path.join(top, 'checkout2/ca.pem'), path.join(top, 'checkout2/ca.pem'))).toBe(false)
  })

  it('the workspace itself, and the workspace as written through a link, count as inside', () => {
    const b = workspaceBoundary(path.join(top, 'ws-link'))
    expect(b.escapes(path.join(top, 'ws-link'), ws)).toBe(false)
    expect(b.escapes(path.join(top, 'ws-link/pki/ca.pem'), path.join(ws, 'pki/ca.pem'))).toBe(false)
    // The real form of the workspace is inside too: a walk may yield either form.
    expect(b.escapes(path.join(ws, 'pki/out.pem'), path.join(runner, 'secret.pem'))).toBe(true)
    expect(b.escapes(path.join(top, 'ws-link/pki/out.pem'), path.join(runner, 'secret.pem'))).toBe(true)
  })

  it('resolve: every link followed; a broken link or a missing file leads nowhere', () => {
    const b = workspaceBoundary(ws)
    expect(b.resolve(path.join(ws, 'pki/in.pem'))).toBe(path.join(ws, 'pki/ca.pem'))
    expect(b.resolve(path.join(ws, 'pki/broken.pem'))).toBeUndefined()
    expect(b.resolve(path.join(ws, 'pki/missing.pem'))).toBeUndefined()
  })

  it('a workspace that does not exist is compared as written', () => {
    const b = workspaceBoundary(path.join(top, 'not-checked-out'))
    expect(b.escapes(path.join(top, 'not-checked-out/a.pem'), path.join(runner, 'secret.pem'))).toBe(true)
    expect(b.escapes(path.join(top, 'not-checked-out/a.pem'), path.join(top, 'not-checked-out/a.pem'))).toBe(false)
  })
})

describe('readRegularFile', () => {
  it('a regular file: its bytes, up to and including the limit; past it, its size and no bytes', () => {
    const file = path.join(top, 'ten.pem')
    writeFileSync(file, '0123456789')
    expect(readRegularFile(file, 10)).toEqual({ bytes: Buffer.from('0123456789') })
    expect(readRegularFile(file, 9)).toEqual({ tooLarge: 10 })
    expect(readRegularFile(path.join(top, 'missing.pem'), 10)).toEqual({ openError: 'ENOENT' })
  })

  it('a FIFO is refused at once (a writer never comes: a blocking open would hang the test), a directory too', () => {
    const fifo = path.join(top, 'pipe.pem')
    execFileSync('mkfifo', [fifo])
    expect(readRegularFile(fifo, 1024)).toEqual({ notAFile: true })
    expect(readRegularFile(path.join(ws, 'pki'), 1024)).toEqual({ notAFile: true })
  })

  it('a link is followed unless noFollow says the path is already resolved', () => {
    expect(readRegularFile(path.join(ws, 'pki/in.pem'), 1024)).toEqual({ bytes: Buffer.from('x') })
    expect(readRegularFile(path.join(ws, 'pki/in.pem'), 1024, { noFollow: true })).toEqual({ notAFile: true })
    expect(readRegularFile(path.join(ws, 'pki/ca.pem'), 1024, { noFollow: true })).toEqual({ bytes: Buffer.from('x') })
  })
})
