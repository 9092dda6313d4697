import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { InputError, MAX_PEM_BYTES, type ConfigOf } from '../inputs.js'
import { makeFinding, validatePem, type FileReport } from '../pem/index.js'
import type { ValidateResult, ValidationScope } from './results.js'
import type { Logger } from './types.js'
import { oneLine } from '../text.js'
import { readRegularFile, workspaceBoundary } from '../workspace.js'

/** Extensions taken from a directory; a file named explicitly or by a glob is always read. */
const PEM_EXTENSIONS = new Set(['.pem', '.crt', '.cer', '.cert', '.ca-bundle', '.ca'])

export interface ValidateDeps {
  log: Logger
  now: () => Date
  /** Expands glob patterns (one per entry) to files: @actions/glob in the action, loaded when a directory or a pattern is given. */
  glob: (patterns: string[]) => Promise<string[]>
  /** Base for the file names in annotations: the repository root on a runner. */
  workspace: string
  /**
   * changed-files-only: the files the pull request adds or modifies (paths from the repository
   * root), or the event when the run is not for a pull request, or why they could not be listed
   * (already one line: this module does not interpret GitHub's errors). GitHub's API, loaded only then.
   */
  changedFiles?: () => Promise<ChangedFiles>
}

export type ChangedFiles =
  | {
      pullNumber: number
      /** What the pull request leaves in the tree (not the removed files). */
      files: string[]
      /** How many files the listing returned, removed ones included. */
      listed: number
      /** The pull request's own count (changed_files of the event payload), when known. */
      total?: number
    }
  | { pullNumber?: undefined; eventName: string }
  | { pullNumber?: undefined; failure: string; permission?: string }

/** GitHub's pull request files endpoint lists at most this many files. */
export const MAX_LISTED_FILES = 3_000

const hasMagic = (s: string): boolean => /[*?[\]{}!]/.test(s)

/** A file that validate reads, or refuses to open and reports as a finding on the path as found. */
export interface FoundFile {
  /** The path as found (through any link): the file's name in findings and in the changed-files filter. */
  file: string
  /** What is opened: the path with every link resolved, inside the workspace. Absent when refused. */
  real?: string
  refused?: { code: 'PATH_OUTSIDE_WORKSPACE' | 'NOT_A_REGULAR_FILE'; message: string }
}

type Inspected = { kind: 'file' | 'directory' | 'other'; real: string } | { kind: 'outside'; directory: boolean } | { kind: 'missing' }

const OUTSIDE = 'is a symbolic link (or lies below one) that leads outside the workspace; it was not opened'
const NOT_REGULAR = 'is a FIFO, socket or device, not a regular file; it was not opened'

/**
 * Files, directories and globs → what validate reads, in a stable order. @actions/glob finds the
 * files of a pattern or below a directory without following symbolic links (a link to / would walk
 * the whole runner); each link it finds is resolved here instead: one that leads outside the
 * workspace is reported, never opened or walked; one to a directory inside is walked once (a cycle
 * ends there); one to a file inside is read. A FIFO, socket or device that a directory (by its
 * extension) or a pattern yields is reported and never opened. A line that names an existing file is
 * that file, whatever characters its name holds (`ca[1].pem`). `!pattern` lines exclude what they
 * match from every directory and pattern of the list, as in @actions/glob.
 */
export async function expandPaths(entries: string[], deps: ValidateDeps): Promise<FoundFile[]> {
  const excludes = entries.filter((e) => e.startsWith('!'))
  const includes = entries.filter((e) => !e.startsWith('!'))
  if (includes.length === 0) throw new InputError('certificate-path', 'holds only exclusions (lines starting with !): name the files, directories or patterns to validate too')
  const boundary = workspaceBoundary(deps.workspace)
  const inspect = (open: string, shown: string): Inspected => {
    const real = boundary.resolve(open)
    if (real === undefined) return { kind: 'missing' }
    let stat
    try {
      stat = statSync(real)
    } catch {
      return { kind: 'missing' }
    }
    if (boundary.escapes(shown, real)) return { kind: 'outside', directory: stat.isDirectory() }
    return { kind: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other', real }
  }
  const found: FoundFile[] = []
  const refuse = (file: string, code: NonNullable<FoundFile['refused']>['code']): void => {
    found.push({ file, refused: { code, message: code === 'PATH_OUTSIDE_WORKSPACE' ? OUTSIDE : NOT_REGULAR } })
  }
  // Real directories already walked: a link back to an ancestor is not walked again.
  const walked = new Set<string>()
  const walk = async (shownDir: string, realDir: string): Promise<void> => {
    if (walked.has(realDir)) return
    walked.add(realDir)
    for (const f of await deps.glob([realDir, ...excludes])) {
      const shown = path.join(shownDir, path.relative(realDir, f))
      const pem = PEM_EXTENSIONS.has(path.extname(shown).toLowerCase())
      const i = inspect(f, shown)
      if (i.kind === 'outside') {
        if (pem || i.directory) refuse(shown, 'PATH_OUTSIDE_WORKSPACE')
      } else if (i.kind === 'directory') await walk(shown, i.real)
      else if (i.kind === 'file') {
        if (pem) found.push({ file: shown, real: i.real })
      } else if (i.kind === 'other' && pem) refuse(shown, 'NOT_A_REGULAR_FILE')
    }
  }
  for (const entry of includes) {
    let exists = true
    try {
      statSync(entry)
    } catch {
      exists = false
    }
    const before = found.length
    if (!exists) {
      if (!hasMagic(entry)) throw new InputError('certificate-path', `names a path that does not exist: ${entry}`)
      for (const f of await deps.glob([entry, ...excludes])) {
        const i = inspect(f, f)
        if (i.kind === 'outside') refuse(f, 'PATH_OUTSIDE_WORKSPACE')
        else if (i.kind === 'file') found.push({ file: f, real: i.real })
        else if (i.kind === 'other') refuse(f, 'NOT_A_REGULAR_FILE')
        // A link to a directory that a pattern matches is not walked: a pattern names files.
      }
      if (found.length === before) throw new InputError('certificate-path', `pattern "${entry}" matched no files${excludes.length > 0 ? ' (after the exclusions)' : ''}`)
      continue
    }
    const shown = path.resolve(entry)
    const i = inspect(entry, shown)
    if (i.kind === 'outside') refuse(shown, 'PATH_OUTSIDE_WORKSPACE')
    else if (i.kind === 'directory') {
      // A directory matches itself and everything below it (implicit descendants).
      await walk(shown, i.real)
      if (found.length === before) {
        throw new InputError(
          'certificate-path',
          `names a directory with no ${[...PEM_EXTENSIONS].join(' / ')} files${excludes.length > 0 ? ' left after the exclusions' : ''}: ${entry}`
        )
      }
    } else if (i.kind === 'file') found.push({ file: shown, real: i.real })
    else {
      // Input parsing refuses these too; a FIFO or a device is never opened.
      throw new InputError('certificate-path', `names something that is neither a file nor a directory: ${entry}`)
    }
  }
  // A file named twice (a directory and a pattern) is read once.
  const byFile = new Map(found.map((f) => [f.file, f]))
  return [...byFile.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
}

export async function validateFiles(config: ConfigOf<'validate'>, deps: ValidateDeps): Promise<ValidateResult> {
  const found = await expandPaths(config.paths, deps)
  const labelOf = relativeTo(deps.workspace)
  const { files, scope } = await narrowToChanged(found, labelOf, config.pullRequest.changedFilesOnly, deps)
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
  for (const found of files) {
    const label = labelOf(found.file)
    if (found.refused || found.real === undefined) {
      reports.push(refusedReport(label, found.refused ?? { code: 'NOT_A_REGULAR_FILE', message: NOT_REGULAR }, config.ca))
      continue
    }
    // Opened by its resolved path, never through a link that may have taken its place since.
    const read = readRegularFile(found.real, MAX_PEM_BYTES, { noFollow: true })
    if ('notAFile' in read) {
      // A regular file a moment ago (a directory walk or a glob found it), something else now.
      throw new InputError('certificate-path', `found ${label} as a file, but it is no longer a regular file`)
    }
    if ('tooLarge' in read) {
      reports.push(tooLarge(label, read.tooLarge, config.ca))
      continue
    }
    if ('openError' in read) throw new InputError('certificate-path', `found ${label} as a file, but it cannot be read (${read.openError})`)
    reports.push(
      validatePem(read.bytes, {
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
  return { operation: 'validate', files: reports, failOn: config.validation.failOn, failed, scope, checkRun: config.pullRequest.checkRun }
}

/**
 * changed-files-only: keeps the files of certificate-path that the pull request adds or modifies.
 * Outside a pull request, or when GitHub cannot be asked, every file is validated and the log says
 * why: a filter that fails must not hide a broken file.
 */
async function narrowToChanged(
  files: FoundFile[],
  labelOf: (file: string) => string,
  changedFilesOnly: boolean,
  deps: ValidateDeps
): Promise<{ files: FoundFile[]; scope: ValidationScope }> {
  if (!changedFilesOnly || !deps.changedFiles) return { files, scope: { kind: 'all' } }
  const all = (reason: string, permission?: string): { files: FoundFile[]; scope: ValidationScope } => {
    deps.log.info(`changed-files-only: ${reason}; validating all ${files.length} file(s) of certificate-path.`)
    return { files, scope: { kind: 'all', reason, ...(permission ? { permission } : {}) } }
  }
  let changed: ChangedFiles
  try {
    changed = await deps.changedFiles()
  } catch (e) {
    return all(`could not list the pull request's files (${oneLine(e instanceof Error ? e.message : String(e))})`)
  }
  if ('failure' in changed) return all(`could not list the pull request's files (${oneLine(changed.failure)})`, changed.permission)
  if (changed.pullNumber === undefined) return all(`not a pull request (event: ${changed.eventName || 'unknown'})`)
  const pr = `pull request #${changed.pullNumber}`
  // GitHub lists at most 3,000 of a pull request's files: a file past them would be skipped unseen.
  if (changed.total !== undefined && (changed.total > MAX_LISTED_FILES || changed.total > changed.listed)) {
    return all(`${pr} changes ${changed.total} files and GitHub listed ${changed.listed} (it lists at most ${MAX_LISTED_FILES}), so the changed ones cannot all be known`)
  }
  if (changed.total === undefined && changed.listed >= MAX_LISTED_FILES) {
    return all(`GitHub listed ${changed.listed} files of ${pr}, its limit, so the changed ones cannot all be known`)
  }
  // Changed files are paths from the repository root; they are looked up below the workspace. If
  // none is there, the repository is checked out elsewhere (actions/checkout's path:) and no file
  // could ever match: validating none would pass a pull request with broken files.
  if (changed.files.length > 0 && !changed.files.some((f) => existsSync(path.join(deps.workspace, f)))) {
    return all(
      `none of the ${changed.files.length} file(s) ${pr} adds or modifies is under the workspace ${deps.workspace} (is the repository checked out in a subdirectory?), so they cannot be matched`
    )
  }
  const touched = new Set(changed.files)
  const kept = files.filter((f) => touched.has(labelOf(f.file)))
  deps.log.info(
    `changed-files-only: ${pr} adds or modifies ${kept.length} of the ${files.length} file(s) of certificate-path (${changed.files.length} file(s) changed in all); validating ${kept.length === 0 ? 'none' : 'those'}.`
  )
  return { files: kept, scope: { kind: 'changed', pullNumber: changed.pullNumber, validated: kept.length, skipped: files.length - kept.length } }
}

function refusedReport(file: string, refused: NonNullable<FoundFile['refused']>, ca: string): FileReport {
  const finding = makeFinding(refused.code, `${file} ${refused.message}.`, file, 1)
  return { file, profile: ca === 'false' ? 'leaf' : 'ca', certificates: [], findings: [finding], errorCount: 1, warningCount: 0, noticeCount: 0 }
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
  return (file) => (file.startsWith(prefix) && path.normalize(file) === file ? file.slice(prefix.length).split(path.sep).join('/') : relative(file, workspace))
}
