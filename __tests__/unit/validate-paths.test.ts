import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as glob from '@actions/glob'
import { beforeAll, describe, expect, it } from 'vitest'
import { filesUnder, matchSimplePattern } from '../../src/operations/paths.js'
import { expandPaths } from '../../src/operations/validate.js'

// validate finds files itself instead of loading @actions/glob (and with it @actions/core, its HTTP
// client and undici) on the start path. It must find exactly what @actions/glob finds.

let root: string
let dir: string
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'walk-'))
  dir = path.join(root, 'certs')
  mkdirSync(path.join(dir, 'nested/deeper'), { recursive: true })
  mkdirSync(path.join(dir, '.hidden'))
  mkdirSync(path.join(dir, 'x.pem'))
  mkdirSync(path.join(root, 'elsewhere'))
  mkdirSync(path.join(root, 'pki/ca'), { recursive: true })
  for (const f of ['a.pem', 'b.pem', 'ab.crt', 'nested/b.crt', 'nested/c.pem', 'nested/deeper/c.cer', 'nested/deeper/d.pem', '.hidden/d.pem', '.e.pem', 'README.md', 'x.pem/inside.txt', 'sp ace.pem']) {
    writeFileSync(path.join(dir, f), f)
  }
  writeFileSync(path.join(root, 'pki/ca/root.crt'), 'r')
  writeFileSync(path.join(root, 'top.pem'), 't')
  writeFileSync(path.join(root, 'elsewhere/linked.pem'), 'x')
  symlinkSync(path.join(root, 'elsewhere/linked.pem'), path.join(dir, 'file-link.pem'))
  symlinkSync(path.join(root, 'elsewhere'), path.join(dir, 'dir-link'))
  symlinkSync(path.join(root, 'nowhere.pem'), path.join(dir, 'broken.pem'))
  symlinkSync(dir, path.join(dir, 'nested/loop'))
})

const theirs = async (pattern: string): Promise<string[]> => (await (await glob.create(pattern, { matchDirectories: false })).glob()).sort()

describe('filesUnder: a directory, as @actions/glob sees it', () => {
  it('finds the same files: nested, hidden, through symbolic links, skipping broken links and cycles', async () => {
    const ours = filesUnder(dir)
    expect(ours.sort()).toEqual(await theirs(dir))
    expect(ours).toContain(path.join(dir, '.hidden/d.pem'))
    expect(ours).toContain(path.join(dir, 'dir-link/linked.pem'))
    expect(ours).not.toContain(path.join(dir, 'broken.pem'))
  })

  it('leaves out what is not a regular file (a FIFO, a socket), without stat-ing regular files', () => {
    const d = mkdtempSync(path.join(tmpdir(), 'walk-'))
    writeFileSync(path.join(d, 'a.pem'), '12345')
    execFileSync('mkfifo', [path.join(d, 'pipe.pem')])
    expect(filesUnder(d)).toEqual([path.join(d, 'a.pem')])
  })
})

describe('matchSimplePattern: the usual patterns, as @actions/glob matches them', () => {
  it.each([
    'certs/*.pem',
    'certs/**/*.pem',
    'certs/**',
    'certs/*',
    'certs/**/*',
    '**/*.crt',
    '**/*.pem',
    '*.pem',
    '*',
    'certs/?.pem',
    'certs/a*',
    'certs/*b*',
    'certs/nested/*',
    'certs/*/*.pem',
    'certs/*/deeper/*.cer',
    'certs/**/deeper/**',
    'certs/**/nested/**/*.pem',
    '*/ca/*.crt',
    'certs/x.*',
    'certs/sp ace.*',
    'certs/.*',
    'certs/*.nothing',
    'missing/*.pem'
  ])('%s', async (pattern) => {
    const cwd = process.cwd()
    process.chdir(root)
    try {
      const ours = matchSimplePattern(pattern)
      expect(ours, 'a simple pattern').toBeDefined()
      expect([...(ours ?? [])].sort()).toEqual(await theirs(pattern))
      // absolute, too
      const abs = matchSimplePattern(path.join(root, pattern))
      expect([...(abs ?? [])].sort()).toEqual(await theirs(path.join(root, pattern)))
    } finally {
      process.chdir(cwd)
    }
  })

  it.each(['certs/[ab].pem', 'certs/{a,b}.pem', '!certs/a.pem', './certs/*.pem', '~/certs/*.pem', 'certs/*/', 'certs/../certs/*.pem', 'certs/\\*.pem', 'certs/***'])(
    'leaves %s to @actions/glob',
    (pattern) => {
      expect(matchSimplePattern(pattern)).toBeUndefined()
    }
  )
})

describe('expandPaths: what validate reads', () => {
  const deps = {
    log: { info: () => {}, warning: () => {}, debug: () => {}, group: <T>(_name: string, fn: () => Promise<T>) => fn() },
    now: () => new Date(),
    glob: async () => [],
    workspace: tmpdir()
  }

  it('refuses a FIFO or a device named directly, without opening it (input parsing refuses it first)', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'expand-'))
    const fifo = path.join(d, 'named.pem')
    execFileSync('mkfifo', [fifo])
    await expect(expandPaths([fifo], deps)).rejects.toThrow(/Input "certificate-path" names something that is neither a file nor a directory/)
    await expect(expandPaths(['/dev/null'], deps)).rejects.toThrow(/neither a file nor a directory/)
  })

  it('reads a file named twice once, in a stable order', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'expand-'))
    writeFileSync(path.join(d, 'b.pem'), 'x')
    writeFileSync(path.join(d, 'a.pem'), 'x')
    expect(await expandPaths([path.join(d, 'b.pem'), d, `${d}/*.pem`], deps)).toEqual([path.join(d, 'a.pem'), path.join(d, 'b.pem')])
  })
})
