import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as glob from '@actions/glob'
import { beforeAll, describe, expect, it } from 'vitest'
import { expandPaths, type ValidateDeps } from '../../src/operations/validate.js'

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
  for (const f of ['a.pem', 'b.pem', 'ab.crt', 'nested/b.crt', 'nested/c.pem', 'nested/deeper/c.cer', 'nested/deeper/d.pem', '.hidden/d.pem', '.e.pem', 'README.md', 'x.pem/inside.txt', 'sp ace.pem']) {
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
  glob: async (patterns) => (await glob.create(patterns.join('\n'), { matchDirectories: false })).glob(),
  workspace: tmpdir()
}
const rel = (files: string[]): string[] => files.map((f) => path.relative(dir, f))

describe('expandPaths: what validate reads', () => {
  it('a directory: its PEM files at any depth, hidden ones and those behind symbolic links, not broken links, cycles, FIFOs or other files', async () => {
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

  it("!pattern lines exclude from every directory and pattern (a directory excluded takes what is below it); a file whose name looks like a pattern is that file", async () => {
    expect(rel(await expandPaths([dir, `!${dir}/nested/**`, `!${dir}/.*`], deps))).toEqual(['a.pem', 'ab.crt', 'b.pem', 'dir-link/linked.pem', 'file-link.pem', 'sp ace.pem'])
    expect(rel(await expandPaths([`${dir}/*.pem`, `!${dir}/a.*`], deps))).toEqual(['.e.pem', 'b.pem', 'file-link.pem', 'sp ace.pem', 'x.pem/inside.txt'])
    const d = mkdtempSync(path.join(tmpdir(), 'expand-'))
    writeFileSync(path.join(d, 'ca[1].pem'), 'x')
    expect(await expandPaths([path.join(d, 'ca[1].pem')], deps)).toEqual([path.join(d, 'ca[1].pem')])
    await expect(expandPaths([`!${dir}/a.pem`], deps)).rejects.toThrow(/Input "certificate-path" holds only exclusions/)
  })

  it('reads a file named twice once, in a stable order', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'expand-'))
    writeFileSync(path.join(d, 'b.pem'), 'x')
    writeFileSync(path.join(d, 'a.pem'), 'x')
    expect(await expandPaths([path.join(d, 'b.pem'), d, `${d}/*.pem`], deps)).toEqual([path.join(d, 'a.pem'), path.join(d, 'b.pem')])
  })
})
