import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { InputError, MAX_PEM_BYTES, type ConfigOf } from '../inputs.js'
import { makeFinding, validatePem, type FileReport } from '../pem/index.js'
import { filesUnder, matchSimplePattern } from './paths.js'
import type { ValidateResult } from './results.js'
import type { Logger } from './types.js'

/** Extensions taken from a directory; a file named explicitly or by a glob is always read. */
const PEM_EXTENSIONS = new Set(['.pem', '.crt', '.cer', '.cert', '.ca-bundle', '.ca'])

export interface ValidateDeps {
  log: Logger
  now: () => Date
  /** Expands glob patterns (one per entry) to files; @actions/glob in the action, loaded only for a pattern too intricate for paths.ts. */
  glob: (patterns: string[]) => Promise<string[]>
  /** Base for the file names in annotations: the repository root on a runner. */
  workspace: string
}

const hasMagic = (s: string): boolean => /[*?[\]{}!]/.test(s)

/** Files, directories and globs → the list of files to read, in a stable order. */
export async function expandPaths(entries: string[], deps: ValidateDeps): Promise<string[]> {
  return [...(await expandFiles(entries, deps)).keys()]
}

/**
 * Files, directories and globs → each file to read with its size when it was found, in a stable
 * order. Every path is stat'ed once, here: the size decides whether a file is read at all.
 */
async function expandFiles(entries: string[], deps: ValidateDeps): Promise<Map<string, number>> {
  const files: Array<[string, number]> = []
  for (const entry of entries) {
    if (hasMagic(entry)) {
      // A simple pattern (`certs/**/*.pem`) is matched here; @actions/glob is loaded for the others.
      const matched =
        matchSimplePattern(entry) ??
        (await deps.glob([entry])).flatMap((f): Array<[string, number]> => {
          const size = fileSize(f)
          return size === undefined ? [] : [[f, size]]
        })
      if (matched.length === 0) throw new InputError('certificate-path', `pattern "${entry}" matched no files`)
      files.push(...matched)
      continue
    }
    let stat
    try {
      stat = statSync(entry)
    } catch {
      throw new InputError('certificate-path', `names a path that does not exist: ${entry}`)
    }
    if (stat.isDirectory()) {
      const inside = filesUnder(entry).filter(([f]) => PEM_EXTENSIONS.has(path.extname(f).toLowerCase()))
      if (inside.length === 0) {
        throw new InputError('certificate-path', `names a directory with no ${[...PEM_EXTENSIONS].join(' / ')} files: ${entry}`)
      }
      files.push(...inside)
    } else {
      files.push([path.resolve(entry), stat.size])
    }
  }
  return new Map(files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** The size of a regular file; undefined for anything else or nothing. */
function fileSize(f: string): number | undefined {
  try {
    const stat = statSync(f)
    return stat.isFile() ? stat.size : undefined
  } catch {
    return undefined
  }
}

export async function validateFiles(config: ConfigOf<'validate'>, deps: ValidateDeps): Promise<ValidateResult> {
  const files = await expandFiles(config.paths, deps)
  let privateKey: { text: Uint8Array; file: string } | undefined
  if (config.privateKeyPath) {
    try {
      privateKey = { text: readFileSync(config.privateKeyPath), file: relative(config.privateKeyPath, deps.workspace) }
    } catch (e) {
      throw new InputError('private-key-path', `names a file that cannot be read: ${config.privateKeyPath} (${(e as { code?: string }).code ?? 'unreadable'})`)
    }
  }
  const now = deps.now()
  const reports: FileReport[] = []
  const labelOf = relativeTo(deps.workspace)
  for (const [file, size] of files) {
    const label = labelOf(file)
    if (size > MAX_PEM_BYTES) {
      reports.push(tooLarge(label, size, config.ca))
      continue
    }
    reports.push(
      validatePem(readFileSync(file), {
        file: label,
        profile: config.ca === 'auto' ? 'auto' : config.ca === 'true' ? 'ca' : 'leaf',
        now,
        expiryWarningDays: config.validation.expiryWarningDays,
        expiryErrorDays: config.validation.expiryErrorDays,
        ...(privateKey ? { privateKey } : {})
      })
    )
  }
  const errors = reports.reduce((n, r) => n + r.errorCount, 0)
  const warnings = reports.reduce((n, r) => n + r.warningCount, 0)
  const failed = errors > 0 || (config.validation.failOn === 'warning' && warnings > 0)
  deps.log.info(`Validated ${reports.length} file(s): ${errors} error(s), ${warnings} warning(s).`)
  return { operation: 'validate', files: reports, failOn: config.validation.failOn, failed }
}

function tooLarge(file: string, size: number, ca: string): FileReport {
  const finding = makeFinding('FILE_TOO_LARGE', `The file is ${size} bytes, more than the 1 MiB a certificate bundle can reasonably be; is it the right file?`, file, 1)
  return { file, profile: ca === 'false' ? 'leaf' : 'ca', certificates: [], findings: [finding], errorCount: 1, warningCount: 0, noticeCount: 0 }
}

function relative(file: string, workspace: string): string {
  const rel = path.relative(workspace, path.resolve(file))
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(file) : rel.split(path.sep).join('/')
}

/** relative() for many files of one workspace: a file inside it (the usual case) is a slice, not a path.relative. */
function relativeTo(workspace: string): (file: string) => string {
  const prefix = path.resolve(workspace) + path.sep
  return (file) =>
    file.startsWith(prefix) && path.normalize(file) === file
      ? file.slice(prefix.length).split(path.sep).join('/')
      : relative(file, workspace)
}
