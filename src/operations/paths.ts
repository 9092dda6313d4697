import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs'
import path from 'node:path'

/**
 * Finding files as @actions/glob does, without loading it for the usual cases: @actions/glob brings
 * @actions/core, which brings its HTTP client and a second copy of undici (1.2 MB), and that more
 * than doubled the cold start of a `validate` of a directory or a simple pattern.
 * Both functions are checked against @actions/glob in __tests__/unit/validate-paths.test.ts.
 */


/** How much of a directory can match: all of it, some of it (look inside), or nothing. */
type Reach = 'all' | 'some' | 'none'

/**
 * Regular files below `root`, as @actions/glob walks (hidden files included, symbolic links
 * followed, broken links and link cycles skipped), keeping the directories and files the callbacks
 * accept; `rel` is the path below `root`, by segment. The directory entries' own types say what
 * each is: only a symbolic link is stat'ed (to follow it), not every file (1,000 stat calls were
 * 4% of a `validate` of 1,000 files). The reader checks each file's type and size when it opens it.
 */
function walk(root: string, reach: (rel: string[]) => Reach, accept: (rel: string[]) => boolean): string[] {
  const files: string[] = []
  const kindOf = (p: string, entry: Dirent): 'directory' | 'file' | undefined => {
    if (entry.isDirectory()) return 'directory'
    if (entry.isFile()) return 'file'
    if (!entry.isSymbolicLink()) return undefined // a FIFO, socket or device: never read
    try {
      const stat = statSync(p)
      return stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : undefined
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return undefined // a broken link
      throw e
    }
  }
  const visit = (dir: string, rel: string[], ancestors: string[], all: boolean): void => {
    const real = realpathSync(dir)
    if (ancestors.includes(real)) return
    const chain = [...ancestors, real]
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name)
      const r = [...rel, entry.name]
      const kind = kindOf(p, entry)
      if (kind === 'directory') {
        const inside = all ? 'all' : reach(r)
        if (inside !== 'none') visit(p, r, chain, inside === 'all')
      } else if (kind === 'file' && (all || accept(r))) {
        files.push(p)
      }
    }
  }
  visit(root, [], [], false)
  return files
}

/** Every regular file below a directory, as @actions/glob finds them for a directory. */
export function filesUnder(directory: string): string[] {
  return walk(path.resolve(directory), () => 'all', () => true)
}

// The patterns handled here are made of literal segments, segments with `*` and `?`, and whole
// `**` segments, relative or absolute, on Linux and macOS. Anything else (character sets, escapes,
// `!`, `~`, `.` or `..` segments, a trailing slash, Windows paths) is left to @actions/glob.
const SIMPLE_SEGMENT = /^(?:\*\*|[\w\-.+@=,%*? ]+)$/

/**
 * The regular files a simple pattern matches, as @actions/glob's
 * `create(pattern, { matchDirectories: false })` finds them: minimatch with dot: true, and a
 * directory that matches brings every file below it. Undefined when the pattern is not simple.
 */
export function matchSimplePattern(pattern: string, cwd = process.cwd()): string[] | undefined {
  if (process.platform === 'win32' || pattern.endsWith('/')) return undefined
  const absolute = pattern.startsWith('/')
  const segments = (absolute ? pattern.slice(1) : pattern).split('/')
  if (segments.some((s) => !SIMPLE_SEGMENT.test(s) || s === '.' || s === '..' || (s.includes('**') && s !== '**'))) return undefined
  // The search starts at the literal directories before the first wildcard, as @actions/glob's does.
  const literal = segments.findIndex((s) => /[*?]/.test(s))
  if (literal < 0) return undefined
  const searchPath = path.join(path.resolve(absolute ? '/' : cwd), ...segments.slice(0, literal))
  const rest = segments.slice(literal).map((s) => (s === '**' ? GLOBSTAR : segmentRegExp(s)))
  try {
    if (!statSync(searchPath).isDirectory()) return []
  } catch {
    return []
  }
  return walk(
    searchPath,
    (rel) => reachOf(rel, 0, rest, 0),
    (rel) => reachOf(rel, 0, rest, 0) === 'all'
  )
}

const GLOBSTAR = Symbol('**')

function segmentRegExp(segment: string): RegExp {
  const source = segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')
  return new RegExp(`^${source}$`)
}

/**
 * Matches the path segments rel[i..] against the pattern segments pat[j..]: 'all' when the path
 * matches (a directory then brings everything below it), 'some' when a longer path could, else 'none'.
 */
function reachOf(rel: string[], i: number, pat: Array<RegExp | typeof GLOBSTAR>, j: number): Reach {
  if (i === rel.length) {
    for (let k = j; k < pat.length; k++) if (pat[k] !== GLOBSTAR) return 'some'
    return 'all'
  }
  if (j === pat.length) return 'none'
  const p = pat[j]
  if (p === GLOBSTAR) {
    // `**` matches no segment, or this one and maybe more.
    const skip = reachOf(rel, i, pat, j + 1)
    if (skip === 'all') return 'all'
    const take = reachOf(rel, i + 1, pat, j)
    return take === 'all' ? 'all' : skip === 'some' || take === 'some' ? 'some' : 'none'
  }
  return p?.test(rel[i] ?? '') ? reachOf(rel, i + 1, pat, j + 1) : 'none'
}
