// @ts-check
/**
 * npm run release -- X.Y.Z [--dry-run] [--push]
 *
 * The README's "Releasing" section, made executable. Checks, all of them before anything is done:
 *  - X.Y.Z is a semver version (no v prefix) and package.json's version is X.Y.Z;
 *  - CHANGELOG.md has an entry for it (`## [X.Y.Z]` or `## X.Y.Z`, optionally `- date`) with notes in it;
 *  - the working tree is clean (the tag must name what was reviewed, dist/ included);
 *  - dist/ is what a fresh `npm run bundle` makes of the committed source (built in a scratch clone of
 *    HEAD, so this tree is never touched);
 *  - the tag vX.Y.Z does not exist yet.
 * Then it tags HEAD vX.Y.Z (annotated) and moves the major tag vX to it; with --push it pushes both
 * to origin (the major tag forced: it moves), otherwise it prints the push commands.
 * --dry-run runs every check and prints what it would do, and changes nothing.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/

/** @param {string[]} args @param {{ cwd: string, quiet?: boolean }} o */
const git = (args, o) => execFileSync('git', args, { cwd: o.cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', o.quiet ? 'ignore' : 'pipe'] }).trim()

/**
 * The CHANGELOG section of a version: the lines after its heading up to the next `## `, or undefined.
 * @param {string} changelog
 * @param {string} version
 */
export function changelogEntry(changelog, version) {
  const lines = changelog.split('\n')
  const escaped = version.replace(/\./g, '\\.')
  const heading = new RegExp(`^## \\[?${escaped}\\]?(?:\\s+-\\s+\\S.*)?\\s*$`)
  const start = lines.findIndex((l) => heading.test(l))
  if (start < 0) return undefined
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '))
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim()
}

/**
 * Whether dist/ is what `npm run bundle` makes of HEAD: bundles in a scratch clone (sharing this
 * repository's objects, with a hard-linked copy of its node_modules) and asks git there whether
 * dist/ changed. Not a symbolic link to node_modules: ncc (webpack) resolves links to the real path,
 * and the module paths, so the chunk names, would differ from a bundle made in the repository.
 * @param {string} root
 * @returns {string | undefined} what differs, or undefined when it matches
 */
function distDiffers(root) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'release-bundle-'))
  try {
    git(['clone', '--quiet', '--shared', '--no-checkout', root, scratch], { cwd: root })
    git(['checkout', '--quiet', git(['rev-parse', 'HEAD'], { cwd: root })], { cwd: scratch })
    if (existsSync(path.join(root, 'node_modules'))) copyModules(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'))
    execFileSync('npm', ['run', '-s', 'bundle'], { cwd: scratch, stdio: ['ignore', 'ignore', 'pipe'] })
    const changed = git(['status', '--porcelain', '--', 'dist'], { cwd: scratch })
    return changed === '' ? undefined : changed
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/**
 * node_modules, hard-linked (instant, no space) where `cp -al` exists, copied otherwise.
 * @param {string} from
 * @param {string} to
 */
function copyModules(from, to) {
  try {
    execFileSync('cp', ['-al', from, to], { stdio: 'ignore' })
  } catch {
    rmSync(to, { recursive: true, force: true })
    cpSync(from, to, { recursive: true, verbatimSymlinks: true })
  }
}

/**
 * @param {string[]} argv
 * @param {{ cwd: string, log: (line: string) => void }} io
 * @returns {number} the exit code
 */
export function release(argv, io) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, 'push': { type: 'boolean', default: false } }
  })
  const dry = Boolean(values['dry-run'])
  const version = positionals[0] ?? ''
  if (positionals.length !== 1 || !SEMVER.test(version)) {
    io.log(
      `usage: npm run release -- X.Y.Z [--dry-run] [--push]  (a semver version without the v; got ${positionals.length === 0 ? 'none' : JSON.stringify(positionals.join(' '))})`
    )
    return 2
  }
  const root = git(['rev-parse', '--show-toplevel'], { cwd: io.cwd })
  const tag = `v${version}`
  const major = `v${version.split('.')[0]}`
  /** @type {string[]} */
  const problems = []

  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  if (pkg.version !== version) problems.push(`package.json's version is ${pkg.version}, not ${version}: set it (npm version ${version} --no-git-tag-version) and commit`)

  const changelogFile = path.join(root, 'CHANGELOG.md')
  const entry = existsSync(changelogFile) ? changelogEntry(readFileSync(changelogFile, 'utf8'), version) : undefined
  if (entry === undefined) problems.push(`CHANGELOG.md has no entry for ${version}: add a "## [${version}] - YYYY-MM-DD" section (the notes under [Unreleased]) and commit`)
  else if (entry === '') problems.push(`CHANGELOG.md's entry for ${version} is empty: say what changed`)

  const dirty = git(['status', '--porcelain'], { cwd: root })
  if (dirty !== '')
    problems.push(
      `the working tree is not clean: commit or stash first\n${dirty
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n')}`
    )

  if (git(['tag', '--list', tag], { cwd: root }) !== '') problems.push(`the tag ${tag} exists already: a release tag never moves (bump the version)`)

  // The slow check last, and only on a clean tree (a dirty tree makes HEAD's dist/ beside the point).
  if (dirty === '') {
    io.log('release: bundling HEAD in a scratch clone to check dist/…')
    const differs = distDiffers(root)
    if (differs !== undefined)
      problems.push(
        `dist/ differs from a fresh bundle of the source: run npm run bundle and commit dist/\n${differs
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n')}`
      )
  }

  if (problems.length > 0) {
    io.log(`release ${tag}: not released, ${problems.length} problem(s):`)
    for (const p of problems) io.log(`  - ${p}`)
    return 1
  }

  const head = git(['rev-parse', 'HEAD'], { cwd: root })
  const previous = (() => {
    try {
      return git(['rev-parse', '--verify', '--quiet', `refs/tags/${major}^{commit}`], { cwd: root, quiet: true })
    } catch {
      return ''
    }
  })()
  const steps = [
    { say: `tag ${head.slice(0, 12)} as ${tag}`, args: ['tag', '--annotate', tag, '--message', `${tag}\n\n${entry}`, head] },
    { say: previous ? `move ${major} from ${previous.slice(0, 12)} to ${tag}` : `create ${major} at ${tag}`, args: ['tag', '--force', major, `${tag}^{commit}`] }
  ]
  const pushes = [
    ['push', 'origin', `refs/tags/${tag}`],
    ['push', '--force', 'origin', `refs/tags/${major}`]
  ]
  if (dry) {
    io.log(`release ${tag}: every check passed (version, CHANGELOG entry, clean tree, dist/ matches a fresh bundle). Dry run: nothing changed. It would:`)
    for (const s of steps) io.log(`  - ${s.say}`)
    io.log(`  - ${values.push ? 'push' : 'print the commands to push'}: ${pushes.map((p) => `git ${p.join(' ')}`).join(' && ')}`)
    return 0
  }
  for (const s of steps) {
    git(s.args, { cwd: root })
    io.log(
      `release: ${s.say
        .replace(/^tag/, 'tagged')
        .replace(/^move/, 'moved')
        .replace(/^create/, 'created')}`
    )
  }
  if (values.push) {
    for (const p of pushes) git(p, { cwd: root })
    io.log(`release: pushed ${tag} and ${major} to origin`)
  } else {
    io.log(`release ${tag}: tagged. Publish it with:\n  ${pushes.map((p) => `git ${p.join(' ')}`).join(' && ')}`)
  }
  return 0
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exitCode = release(process.argv.slice(2), { cwd: process.cwd(), log: (l) => console.log(l) })
}
