import type { ValidateResult } from '../operations/results.js'
import type { FileReport, Severity } from '../pem/index.js'
import type { CheckAnnotation, CheckConclusion, CheckOutput, GitHubRun } from '../github/types.js'
import { escapeMarkdown, logText } from '../text.js'

/**
 * What workflow commands can show: GitHub keeps at most 10 error, 10 warning and 10 notice
 * annotations of a step (and 50 of a job) and drops the rest without a word.
 */
export const STEP_ANNOTATION_CAP = 10
/** The Checks API takes at most 50 annotations per request; an update appends them. */
export const ANNOTATIONS_PER_REQUEST = 50
/** GitHub refuses a check run output's summary or text over 65,535 characters. */
const OUTPUT_MAX = 65_000

export type Counts = Record<Severity, number>

export function countFindings(files: FileReport[]): Counts {
  const counts: Counts = { error: 0, warning: 0, notice: 0 }
  for (const f of files) for (const x of f.findings) counts[x.severity]++
  return counts
}

const LEVEL: Record<Severity, CheckAnnotation['annotation_level']> = { error: 'failure', warning: 'warning', notice: 'notice' }

/**
 * Every finding as a check run annotation. A file outside the workspace has no path in the
 * repository for GitHub to place it on: it stays in the summary and the job summary.
 */
export function checkAnnotations(files: FileReport[]): CheckAnnotation[] {
  const out: CheckAnnotation[] = []
  for (const f of files) {
    for (const x of f.findings) {
      if (!isRepositoryPath(x.file)) continue
      out.push({ path: x.file, start_line: x.line, end_line: x.line, annotation_level: LEVEL[x.severity], title: logText(x.code), message: logText(x.message) })
    }
  }
  return out
}

export function isRepositoryPath(file: string): boolean {
  return file !== '' && !file.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(file) && !file.split('/').includes('..')
}

/** Batches of at most `size`, in order; none for no items. */
export function inBatches<T>(items: T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** failure when the step fails (fail-on), neutral when it passes with findings, success when there are none. */
export function checkConclusion(result: ValidateResult): CheckConclusion {
  if (result.failed) return 'failure'
  const counts = countFindings(result.files)
  return counts.error + counts.warning + counts.notice > 0 ? 'neutral' : 'success'
}

/** Named after the action and the step, so two validate steps of a job get two check runs. */
export function checkRunName(run: GitHubRun): string {
  const step = run.step && !run.step.startsWith('__') ? ` › ${run.step}` : ''
  const where = run.job ? ` (${run.job}${step})` : ''
  return `Cloudflare mTLS validate${where}`
}

export function runUrl(run: GitHubRun): string | undefined {
  return run.runId === undefined ? undefined : `${run.serverUrl}/${run.owner}/${run.repo}/actions/runs/${run.runId}`
}

/** The check run's title and summary (Markdown): the counts and the files with findings. */
export function checkOutput(result: ValidateResult, run: GitHubRun): Omit<CheckOutput, 'annotations'> {
  const counts = countFindings(result.files)
  const withFindings = result.files.filter((f) => f.findings.length > 0)
  const title =
    counts.error + counts.warning + counts.notice === 0
      ? `All ${result.files.length} PEM file(s) pass`
      : `${counts.error} error(s), ${counts.warning} warning(s), ${counts.notice} notice(s) in ${withFindings.length} of ${result.files.length} file(s)`
  const link = runUrl(run)
  let summary =
    `**${result.failed ? 'Failed' : 'Passed'}** (fail-on: ${result.failOn}). Every finding is an annotation of this check run` +
    `${link ? `; the [job summary](${link}) has each file's certificates` : ''}.\n\n`
  if (result.scope?.kind === 'changed')
    summary += `Only the files pull request #${result.scope.pullNumber} adds or modifies: ${result.scope.validated} validated, ${result.scope.skipped} unchanged left out.\n\n`
  if (withFindings.length > 0) {
    summary += '| File | Errors | Warnings | Notices |\n|---|---|---|---|\n'
    let shown = 0
    for (const f of withFindings) {
      const row = `| ${escapeMarkdown(f.file)} | ${f.errorCount} | ${f.warningCount} | ${f.noticeCount} |\n`
      if (summary.length + row.length > OUTPUT_MAX - 200) break
      summary += row
      shown++
    }
    if (shown < withFindings.length) summary += `\n…and ${withFindings.length - shown} more file(s) with findings (see the annotations).\n`
  }
  return { title, summary }
}
