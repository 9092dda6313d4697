import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as glob from '@actions/glob'
import { beforeAll, describe, expect, it } from 'vitest'
import { expandPaths, type FoundFile, type ValidateDeps } from '../../src/operations/validate.js'

// validate finds the files of a directory or a pattern with @actions/glob, wired as main wires it.

let root: string
let dir: string
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'walk-'))
  dir = path.join(root, 'certs')
  mkdirSync(path.join(dir, 'nested/deeper'), { recursive: true })
  mkdirSync(path.join(dir, '.hidden'))
  mkdirSync(path.join(dir, 'x.pem'))
  mkdirSync(path.join(root, 'elsewhere'))
  for (const f of [
    'a.pem',
    'b.pem',
    'ab.crt',
    'nested/b.crt',
    'nested/c.pem',
    'nested/deeper/c.cer',
    'nested/deeper/d.pem',
    '.hidden/d.pem',
    '.e.pem',
    'README.md',
    'x.pem/inside.txt',
    'sp ace.pem'
  ]) {
    writeFileSync(path.join(dir, f), f)
  }
  writeFileSync(path.join(root, 'elsewhere/linked.pem'), 'x')
  symlinkSync(path.join(root, 'elsewhere/linked.pem'), path.join(dir, 'file-link.pem'))
  symlinkSync(path.join(root, 'elsewhere'), path.join(dir, 'dir-link'))
  symlinkSync(path.join(root, 'nowhere.pem'), path.join(dir, 'broken.pem'))
  symlinkSync(dir, path.join(dir, 'nested/loop'))
  execFileSync('mkfifo', [path.join(dir, 'pipe.pem')])
})

const deps: ValidateDeps = {
  log: { info: () => {}, warning: () => {}, debug: () => {}, group: <T>(_name: string, fn: () => Promise<T>) => fn() },
  now: () => new Date(),
  glob: async (patterns) => (await glob.create(patterns.join('\n'), { matchDirectories: false, followSymbolicLinks: false })).glob(),
  workspace: tmpdir()
}
// Each file as found, relative to the directory, with the code of the finding it gets instead of being read.
const rel = (files: FoundFile[]): string[] => files.map((f) => `${path.relative(dir, f.file)}${f.refused ? ` (${f.refused.code})` : ''}`)

describe('expandPaths: what validate reads', () => {
  it('a directory: its PEM files at any depth, hidden ones and those behind symbolic links inside the workspace, not broken links, cycles or other files; a FIFO is reported, not opened', async () => {
    expect(rel(await expandPaths([dir], deps))).toEqual([
      '.e.pem',
      '.hidden/d.pem',
      'a.pem',
      'ab.crt',
      'b.pem',
      'dir-link/linked.pem',
      'file-link.pem',
      'nested/b.crt',
      'nested/c.pem',
      'nested/deeper/c.cer',
      'nested/deeper/d.pem',
      'pipe.pem (NOT_A_REGULAR_FILE)',
      'sp ace.pem'
    ])
  })

  it('a pattern: every regular file it matches, whatever its extension', async () => {
    expect(rel(await expandPaths([`${dir}/*.crt`, `${dir}/nested/**/*.cer`, `${dir}/*.md`], deps))).toEqual(['README.md', 'ab.crt', 'nested/deeper/c.cer'])
    expect(rel(await expandPaths([`${dir}/x.pem/*`], deps))).toEqual(['x.pem/inside.txt'])
  })

  it('a pattern that matches nothing, or a directory without PEM files, names certificate-path', async () => {
    await expect(expandPaths([`${dir}/*.p12`], deps)).rejects.toThrow(/Input "certificate-path" pattern ".*\*\.p12" matched no files/)
    await expect(expandPaths([path.join(root, 'empty-dir-that-does-not-exist')], deps)).rejects.toThrow(/names a path that does not exist/)
    const empty = mkdtempSync(path.join(tmpdir(), 'expand-'))
    writeFileSync(path.join(empty, 'notes.txt'), 'x')
    await expect(expandPaths([empty], deps)).rejects.toThrow(/names a directory with no \.pem/)
  })

  it('refuses a FIFO or a device named directly, without opening it (input parsing refuses it first)', async () => {
    await expect(expandPaths([path.join(dir, 'pipe.pem')], deps)).rejects.toThrow(/Input "certificate-path" names something that is neither a file nor a directory/)
    await expect(expandPaths(['/dev/null'], deps)).rejects.toThrow(/neither a file nor a directory/)
  })

  it('!pattern lines exclude from every directory and pattern (a directory excluded takes what is below it); a file whose name looks like a pattern is that file', async () => {
    expect(rel(await expandPaths([dir, `!${dir}/nested/**`, `!${dir}/.*`, `!${dir}/pipe.pem`], deps))).toEqual([
      'a.pem',
      'ab.crt',
      'b.pem',
      'dir-link/linked.pem',
      'file-link.pem',
      'sp ace.pem'
    ])
    expect(rel(await expandPaths([`${dir}/*.pem`, `!${dir}/a.*`], deps))).toEqual([
      '.e.pem',
      'b.pem',
      'file-link.pem',
      'pipe.pem (NOT_A_REGULAR_FILE)',
      'sp ace.pem',
      'x.pem/inside.txt'
    ])
    const d = mkdtempSync(path.join(tmpdir(), 'expand-'))
    writeFileSync(path.join(d, 'ca[1].pem'), 'x')
    expect((await expandPaths([path.join(d, 'ca[1].pem')], deps)).map((f) => f.file)).toEqual([path.join(d, 'ca[1].pem')])
    await expect(expandPaths([`!${dir}/a.pem`], deps)).rejects.toThrow(/Input "certificate-path" holds only exclusions/)
  })

  it('reads a file named twice once, in a stable order', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'expand-'))
    writeFileSync(path.join(d, 'b.pem'), 'x')
    writeFileSync(path.join(d, 'a.pem'), 'x')
    expect((await expandPaths([path.join(d, 'b.pem'), d, `${d}/*.pem`], deps)).map((f) => f.file)).toEqual([path.join(d, 'a.pem'), path.join(d, 'b.pem')])
  })
})

describe('expandPaths: the workspace boundary (a pull request cannot make validate read the runner)', () => {
  // The workspace is the checkout; `outside` stands for the runner's own files (/etc, the home directory).
  let ws: string
  let outside: string
  const inWs = (files: FoundFile[]): string[] => files.map((f) => `${path.relative(ws, f.file)}${f.refused ? ` (${f.refused.code})` : ''}`)
  const wsDeps = (): ValidateDeps => ({ ...deps, workspace: ws })
  beforeAll(() => {
    const top = mkdtempSync(path.join(tmpdir(), 'boundary-'))
    ws = path.join(top, 'checkout')
    outside = path.join(top, 'runner')
    mkdirSync(path.join(ws, 'pki/sub'), { recursive: true })
    mkdirSync(path.join(outside, 'secrets'), { recursive: true })
    writeFileSync(path.join(outside, 'secrets/host.pem'), 'secret')
    writeFileSync(path.join(outside, 'passwd'), 'secret')
    writeFileSync(path.join(ws, 'pki/ca.pem'), 'x')
    writeFileSync(path.join(ws, 'pki/sub/inner.pem'), 'x')
    symlinkSync(path.join(outside, 'secrets/host.pem'), path.join(ws, 'pki/stolen.pem'))
    symlinkSync(path.join(outside, 'secrets'), path.join(ws, 'pki/etc'))
    symlinkSync(path.join(outside, 'passwd'), path.join(ws, 'pki/passwd-link'))
    symlinkSync(path.join(ws, 'pki/sub'), path.join(ws, 'pki/sub-link'))
    symlinkSync('../ca.pem', path.join(ws, 'pki/sub/up.pem'))
  })

  it('a directory walk reports a link out of the workspace (to a file or a directory) and never walks or opens it; links inside are followed', async () => {
    expect(inWs(await expandPaths([path.join(ws, 'pki')], wsDeps()))).toEqual([
      'pki/ca.pem',
      'pki/etc (PATH_OUTSIDE_WORKSPACE)',
      'pki/stolen.pem (PATH_OUTSIDE_WORKSPACE)',
      'pki/sub-link/inner.pem',
      'pki/sub-link/up.pem',
      'pki/sub/inner.pem',
      'pki/sub/up.pem'
    ])
  })

  it('a file named directly, through a pattern or below a linked directory: refused when it resolves outside, read through its resolved path when inside', async () => {
    const named = await expandPaths([path.join(ws, 'pki/stolen.pem'), path.join(ws, 'pki/ca.pem')], wsDeps())
    expect(inWs(named)).toEqual(['pki/ca.pem', 'pki/stolen.pem (PATH_OUTSIDE_WORKSPACE)'])
    expect(named.find((f) => f.refused)?.real).toBeUndefined()
    // `pki/*` matches the directory pki/sub and so what is below it (@actions/glob's implicit descendants),
    // and the links themselves: those out of the workspace are reported, the one to pki/sub inside is not walked twice.
    expect(inWs(await expandPaths([`${ws}/pki/*`], wsDeps()))).toEqual([
      'pki/ca.pem',
      'pki/etc (PATH_OUTSIDE_WORKSPACE)',
      'pki/passwd-link (PATH_OUTSIDE_WORKSPACE)',
      'pki/stolen.pem (PATH_OUTSIDE_WORKSPACE)',
      'pki/sub/inner.pem',
      'pki/sub/up.pem'
    ])
    expect(inWs(await expandPaths([path.join(ws, 'pki/etc/host.pem')], wsDeps()))).toEqual(['pki/etc/host.pem (PATH_OUTSIDE_WORKSPACE)'])
    expect(inWs(await expandPaths([path.join(ws, 'pki/etc')], wsDeps()))).toEqual(['pki/etc (PATH_OUTSIDE_WORKSPACE)'])
    const up = (await expandPaths([path.join(ws, 'pki/sub/up.pem')], wsDeps()))[0]
    expect(up?.real).toBe(realpathSync(path.join(ws, 'pki/ca.pem')))
  })

  it('a path the workflow names outside the workspace (RUNNER_TEMP) is its own choice and is read', async () => {
    const files = await expandPaths([path.join(outside, 'secrets/host.pem')], wsDeps())
    expect(files).toEqual([{ file: path.join(outside, 'secrets/host.pem'), real: realpathSync(path.join(outside, 'secrets/host.pem')) }])
  })
})
