// scripts/release.mjs (`npm run release -- X.Y.Z [--dry-run]`) in a scratch repository of its own: a
// package.json, a CHANGELOG, a source file and a dist/ that its `bundle` script rebuilds, so the
// fresh-bundle check runs for real in a second or two.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { changelogEntry } from '../../scripts/release.mjs'
import { ROOT } from '../helpers/run-action.js'

const SCRIPT = path.join(ROOT, 'scripts/release.mjs')
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Release Test',
  GIT_AUTHOR_EMAIL: 'release@example.com',
  GIT_COMMITTER_NAME: 'Release Test',
  GIT_COMMITTER_EMAIL: 'release@example.com',
  GIT_CONFIG_NOSYSTEM: '1'
}
const CHANGELOG = '# Changelog\n\n## [Unreleased]\n\n## [1.2.3] - 2026-12-04\n\n### Fixed\n- A bug.\n\n## [1.2.2] - 2026-11-01\n\n- Older.\n'
const BUILD =
  "import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'\nmkdirSync('dist', { recursive: true })\nwriteFileSync('dist/index.js', `// bundled\\n${readFileSync('src/index.js', 'utf8')}`)\n"

let repo: string
/** npm's cache and logs go here, not into the repository under test. */
let home: string
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim()
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true })
  writeFileSync(path.join(repo, file), text)
}
const release = (...args: string[]) => {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home, ...GIT_ENV } })
  return { code: r.status, out: `${r.stdout}${r.stderr}` }
}
const commit = (message: string) => {
  git('add', '-A')
  git('commit', '--quiet', '-m', message)
}

beforeEach(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'release-test-'))
  home = mkdtempSync(path.join(tmpdir(), 'release-home-'))
  git('init', '--quiet', '--initial-branch=main')
  write('package.json', `${JSON.stringify({ name: 'fixture', version: '1.2.3', private: true, type: 'module', scripts: { bundle: 'node build.mjs' } }, null, 2)}\n`)
  write('build.mjs', BUILD)
  write('src/index.js', "console.log('v1.2.3')\n")
  write('dist/index.js', "// bundled\nconsole.log('v1.2.3')\n")
  write('CHANGELOG.md', CHANGELOG)
  commit('1.2.3')
})
afterEach(() => {
  rmSync(repo, { recursive: true, force: true })
  rmSync(home, { recursive: true, force: true })
})

describe('npm run release', () => {
  it('--dry-run: every check passes, it says it would tag HEAD v1.2.3 and create v1, and makes no tag', () => {
    const head = git('rev-parse', 'HEAD')
    const r = release('1.2.3', '--dry-run')
    expect(r.code, r.out).toBe(0)
    expect(r.out).toContain('every check passed')
    expect(r.out).toContain('Dry run: nothing changed')
    expect(r.out).toContain(`tag ${head.slice(0, 12)} as v1.2.3`)
    expect(r.out).toContain('create v1 at v1.2.3')
    expect(git('tag', '--list')).toBe('')
    expect(git('status', '--porcelain')).toBe('')
  })

  it('--dry-run with an earlier v1: says it would move v1, and v1 stays where it was', () => {
    git('tag', 'v1')
    const before = git('rev-parse', 'v1^{commit}')
    write('src/index.js', "console.log('v1.2.3, again')\n")
    write('dist/index.js', "// bundled\nconsole.log('v1.2.3, again')\n")
    commit('a change')
    const r = release('1.2.3', '--dry-run')
    expect(r.code, r.out).toBe(0)
    expect(r.out).toContain(`move v1 from ${before.slice(0, 12)} to v1.2.3`)
    expect(git('rev-parse', 'v1^{commit}')).toBe(before)
    expect(git('tag', '--list', 'v1.2.3')).toBe('')
  })

  it('refuses without a CHANGELOG entry for the version, and makes no tag', () => {
    write('CHANGELOG.md', '# Changelog\n\n## [Unreleased]\n\n- Something.\n\n## [1.2.2] - 2026-11-01\n\n- Older.\n')
    commit('no entry')
    const r = release('1.2.3', '--dry-run')
    expect(r.code).toBe(1)
    expect(r.out).toContain('CHANGELOG.md has no entry for 1.2.3')
    expect(git('tag', '--list')).toBe('')
  })

  it('refuses a version other than package.json’s, a dirty tree, and a stale dist/, naming each', () => {
    let r = release('1.2.4', '--dry-run')
    expect(r.code).toBe(1)
    expect(r.out).toContain("package.json's version is 1.2.3, not 1.2.4")
    write('src/index.js', "console.log('changed, not bundled')\n")
    r = release('1.2.3', '--dry-run')
    expect(r.code).toBe(1)
    expect(r.out).toContain('the working tree is not clean')
    commit('source changed, dist/ not rebuilt')
    r = release('1.2.3', '--dry-run')
    expect(r.code).toBe(1)
    expect(r.out).toContain('dist/ differs from a fresh bundle')
    expect(git('tag', '--list')).toBe('')
  })

  it('without --dry-run: tags HEAD v1.2.3 with the CHANGELOG notes and moves v1 to it; a second run refuses the existing tag', () => {
    git('tag', 'v1')
    write('src/index.js', "console.log('newer')\n")
    write('dist/index.js', "// bundled\nconsole.log('newer')\n")
    commit('newer')
    const head = git('rev-parse', 'HEAD')
    const r = release('1.2.3')
    expect(r.code, r.out).toBe(0)
    expect(git('rev-parse', 'v1.2.3^{commit}')).toBe(head)
    expect(git('rev-parse', 'v1^{commit}')).toBe(head)
    expect(git('tag', '--list', '--format=%(contents)', 'v1.2.3')).toContain('- A bug.')
    expect(r.out).toContain('git push origin refs/tags/v1.2.3')
    const again = release('1.2.3', '--dry-run')
    expect(again.code).toBe(1)
    expect(again.out).toContain('the tag v1.2.3 exists already')
  })

  it('refuses a version that is not semver', () => {
    expect(release('v1.2.3').code).toBe(2)
    expect(release('1.2').code).toBe(2)
  })
})

describe('changelogEntry', () => {
  it.each([
    ['## [1.2.3] - 2026-12-04\n- a\n## [1.2.2]\n- b', '1.2.3', '- a'],
    ['## 1.2.3\n- a', '1.2.3', '- a'],
    ['## [1.2.30]\n- a', '1.2.3', undefined],
    ['## [1.2.3]\n\n## [1.2.2]\n- b', '1.2.3', ''],
    ['## [1x2y3]\n- a', '1.2.3', undefined]
  ])('%j, %s → %j', (changelog, version, entry) => {
    expect(changelogEntry(changelog, version)).toBe(entry)
  })
})
