import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { InputError, MAX_PEM_BYTES, type ConfigOf } from '../inputs.js'
import { makeFinding, validatePem, type FileReport } from '../pem/index.js'
import type { ValidateResult } from './results.js'
import type { Logger } from './types.js'

/** Extensions taken from a directory; a file named explicitly or by a glob is always read. */
const PEM_EXTENSIONS = new Set(['.pem', '.crt', '.cer', '.cert', '.ca-bundle', '.ca'])

export interface ValidateDeps {
  log: Logger
  now: () => Date
  /** Expands glob patterns (one per entry) to files; @actions/glob in the action, loaded only for a pattern. */
  glob: (patterns: string[]) => Promise<string[]>
  /** Base for the file names in annotations: the repository root on a runner. */
  workspace: string
}

const hasMagic = (s: string): boolean => /[*?[\]{}!]/.test(s)

/** Files, directories and globs → the list of files to read, in a stable order. */
export async function expandPaths(entries: string[], deps: ValidateDeps): Promise<string[]> {
  const files: string[] = []
  for (const entry of entries) {
    if (hasMagic(entry)) {
      const matched = (await deps.glob([entry])).filter((f) => isFile(f))
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
      const inside = filesUnder(entry).filter((f) => PEM_EXTENSIONS.has(path.extname(f).toLowerCase()))
      if (inside.length === 0) {
        throw new InputError('certificate-path', `names a directory with no ${[...PEM_EXTENSIONS].join(' / ')} files: ${entry}`)
      }
      files.push(...inside)
    } else {
      files.push(path.resolve(entry))
    }
  }
  return [...new Set(files)].sort()
}

/**
 * Every regular file below a directory, as @actions/glob finds them for a directory (hidden files
 * included, symbolic links followed, broken links and link cycles skipped), without loading it:
 * @actions/glob brings @actions/core, its HTTP client and undici, which tripled the cold start.
 */
export function filesUnder(directory: string): string[] {
  const files: string[] = []
  const walk = (dir: string, ancestors: string[]): void => {
    const real = realpathSync(dir)
    if (ancestors.includes(real)) return
    const chain = [...ancestors, real]
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name)
      let stat
      try {
        stat = statSync(p)
      } catch (e) {
        if ((e as { code?: string }).code === 'ENOENT') continue
        throw e
      }
      if (stat.isDirectory()) walk(p, chain)
      else if (stat.isFile()) files.push(p)
    }
  }
  walk(path.resolve(directory), [])
  return files
}

function isFile(f: string): boolean {
  try {
    return statSync(f).isFile()
  } catch {
    return false
  }
}

export async function validateFiles(config: ConfigOf<'validate'>, deps: ValidateDeps): Promise<ValidateResult> {
  const files = await expandPaths(config.paths, deps)
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
  for (const file of files) {
    const label = relative(file, deps.workspace)
    const size = statSync(file).size
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
