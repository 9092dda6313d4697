import type { OperationResult, Publication, TrackingIssueOutcome, ValidateResult } from '../operations/results.js'
import { trackingIssueLine } from './tracking-issue.js'
import type { FileReport, Severity } from '../pem/index.js'
import { countFindings, STEP_ANNOTATION_CAP, type Counts } from './check-run.js'
import { fitOutput, toOutputs } from './outputs.js'
import { renderSummary } from './summary.js'
import * as core from '@actions/core'
import path from 'node:path'
import { logText } from '../text.js'

/** GitHub places an annotation only by a path relative to the repository root. */
function annotationPath(file: string): string {
  const workspace = process.env.GITHUB_WORKSPACE
  if (!workspace || !path.isAbsolute(file)) return file
  const rel = path.relative(workspace, file)
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/')
}

/** The one place that writes outputs and the job summary. */
export async function writeResult(result: OperationResult, now: Date, summary: boolean): Promise<void> {
  for (const [name, value] of Object.entries(toOutputs(result, now))) {
    const fitted = fitOutput(name, value, result.operation)
    core.setOutput(name, fitted.text)
    if (fitted.warning) core.warning(logText(fitted.warning))
  }
  if (result.operation === 'validate') writeValidationAnnotations(result)
  // The preflight let the upload go on: its warnings and notices still belong on the file and line.
  if (result.operation === 'upload' || result.operation === 'rotate') writeAnnotations([result.validation], { errorsAsFailure: true })
  if (result.operation === 'report' && result.trackingIssue) writeTrackingIssueLines(result.trackingIssue)
  if (result.operation === 'sync') writeAnnotations(result.validation, { errorsAsFailure: true })
  if (summary && process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(fitSummary(renderSummary(result, now))).write()
  }
}

/**
 * GitHub drops a step's summary whole when it is over 1 MiB (a list of 5,000 certificates is about
 * 1.3 MB). Leave room below that; the outputs and annotations still carry everything.
 */
export const SUMMARY_MAX_BYTES = 1_000_000

/**
 * A summary that GitHub will show: as it is when it fits, otherwise cut after the last table row
 * that fits, the table closed, and a line that says so. Our tables are flat (`<table><tr>…</tr>…
 * </table>`), so a cut after `</tr>` leaves well-formed HTML.
 */
export function fitSummary(html: string, maxBytes = SUMMARY_MAX_BYTES): string {
  if (html.length <= maxBytes / 3 || Buffer.byteLength(html) <= maxBytes) return html
  const note = (shown: number) =>
    `<p><strong>The summary stops here:</strong> GitHub shows at most 1 MiB of summary per step, and this one was ${Buffer.byteLength(html)} bytes (${shown} shown). The outputs and the annotations hold every result.</p>\n`
  const room = maxBytes - Buffer.byteLength(note(maxBytes)) - '</table>\n</details>\n'.length
  const bytes = Buffer.from(html)
  const rowEnd = bytes.lastIndexOf('</tr>', room - '</tr>'.length)
  // Or after an element of our own (`</h3>\n`, `</p>\n`): a newline inside a value from the API is not one.
  const elementEnd = bytes.lastIndexOf('>\n', room - 2)
  const end = Math.max(rowEnd < 0 ? 0 : rowEnd + '</tr>'.length, elementEnd < 0 ? 0 : elementEnd + 2)
  const head = bytes.subarray(0, end).toString('utf8')
  const open = head.lastIndexOf('<table>') > head.lastIndexOf('</table>')
  const folded = head.lastIndexOf('<details>') > head.lastIndexOf('</details>')
  return `${head}${open ? '</table>\n' : ''}${folded ? '</details>\n' : ''}${note(end)}`
}

/**
 * Findings as annotations on the file and line, at most `caps` of each level (GitHub drops the
 * rest of a step's: printing them is noise). With errorsAsFailure, errors are left to the one
 * failure line (an upload's preflight) and only warnings and notices are annotated.
 */
export function writeAnnotations(files: FileReport[], options: { errorsAsFailure?: boolean; caps?: Counts } = {}): void {
  let caps = options.caps
  let line: AnnotationPlan['line']
  if (!caps) {
    const counts = countFindings(files)
    if (options.errorsAsFailure) counts.error = 0
    ;({ caps, line } = planAnnotations(counts, { failing: false }))
  }
  const shown: Counts = { error: 0, warning: 0, notice: 0 }
  for (const f of files) {
    for (const x of f.findings) {
      if (x.severity === 'error' && options.errorsAsFailure) continue
      if (shown[x.severity] >= caps[x.severity]) continue
      shown[x.severity]++
      const props = { file: logText(annotationPath(x.file)), startLine: x.line, title: logText(x.code) }
      const message = logText(`${x.code}: ${x.message}`)
      if (x.severity === 'error') core.error(message, props)
      else if (x.severity === 'warning') core.warning(message, props)
      else core.notice(message, props)
    }
  }
  if (line) core.warning(logText(line.text))
}

const SEVERITIES: Severity[] = ['error', 'warning', 'notice']
const capText = (counts: Counts, caps: Counts): string =>
  SEVERITIES.filter((k) => counts[k] > caps[k])
    .map((k) => `${STEP_ANNOTATION_CAP} ${k}s`)
    .join(' and ')

export interface AnnotationPlan {
  /** How many annotations of each level this step prints. */
  caps: Counts
  /** How many findings of each level are left out of the workflow-command annotations. */
  hidden: Counts
  /** The one line that says where the rest are, or what could not be published and how to fix it. */
  line?: { level: 'info' | 'warning'; text: string }
}

/**
 * How many of validate's findings go out as workflow commands, and the one line about the rest.
 * A failing step's setFailed is an error annotation too, and a warning line is a warning one: each
 * takes a place under GitHub's caps, so that the line itself is never the annotation dropped.
 */
export function planAnnotations(counts: Counts, o: { failing: boolean; publication?: Publication; checkRun?: 'auto' | 'always' | 'never' }): AnnotationPlan {
  const pub = o.publication
  const checkRunUrl = pub?.checkRun?.url
  const hiddenWith = (caps: Counts): Counts => ({
    error: Math.max(0, counts.error - caps.error),
    warning: Math.max(0, counts.warning - caps.warning),
    notice: Math.max(0, counts.notice - caps.notice)
  })
  const total = (c: Counts) => c.error + c.warning + c.notice
  const caps: Counts = { error: STEP_ANNOTATION_CAP - (o.failing ? 1 : 0), warning: STEP_ANNOTATION_CAP, notice: STEP_ANNOTATION_CAP }
  const failures = pub?.failures ?? []
  const warns = failures.length > 0 || (!checkRunUrl && total(hiddenWith(caps)) > 0)
  if (warns) caps.warning--
  const hidden = hiddenWith(caps)
  const all = total(counts)
  const parts: string[] = []
  if (total(hidden) > 0) {
    const head = `${total(hidden)} finding(s) not shown as annotations: GitHub shows ${capText(counts, caps)} per step`
    if (checkRunUrl) parts.push(`${head}; all ${all} are on the check run ${checkRunUrl} and in the job summary.`)
    else if (o.checkRun === 'never') parts.push(`${head}; see the job summary (check-run: never; with check-run: auto a check run would carry all ${all}).`)
    else parts.push(`${head}; see the job summary.`)
  } else if (checkRunUrl) {
    parts.push(`All ${all} finding(s) are on the check run ${checkRunUrl}.`)
  }
  for (const f of failures) {
    const what =
      f.what === 'check run' ? `The check run${total(hidden) > 0 ? ` that would carry all ${all}` : ''} could not be created` : 'The pull-request comment could not be written'
    parts.push(`${what}: ${f.detail}.`)
  }
  const permissions = [...new Set(failures.flatMap((f) => (f.permission ? [f.permission] : [])))]
  if (permissions.length > 0) {
    parts.push(
      `The token lacks ${permissions.join(' and ')} (a pull request from a fork always gets a read-only token): add ${permissions.map((p) => `"${p}"`).join(' and ')} to the job's permissions, e.g. permissions: { contents: read, ${permissions.join(', ')} }`
    )
  }
  if (failures.length > 0 && total(hidden) === 0) parts.push('Every finding is shown as an annotation and in the job summary.')
  if (parts.length === 0) return { caps, hidden }
  return { caps, hidden, line: { level: warns ? 'warning' : 'info', text: parts.join(' ') } }
}

/** The tracking issue's line (GitHub's answers in it: one line each, so nothing can start a workflow command). */
function writeTrackingIssueLines(outcome: TrackingIssueOutcome): void {
  for (const note of outcome.notes) core.info(logText(note))
  const line = trackingIssueLine(outcome)
  if (line?.level === 'warning') core.warning(logText(line.text))
  else if (line) core.info(logText(line.text))
}

/** validate's annotations, within GitHub's caps, and the one line about the rest. */
function writeValidationAnnotations(result: ValidateResult): void {
  const plan = planAnnotations(countFindings(result.files), {
    failing: result.failed,
    ...(result.publication ? { publication: result.publication } : {}),
    ...(result.checkRun ? { checkRun: result.checkRun } : {})
  })
  writeAnnotations(result.files, { caps: plan.caps })
  // The line and the notes hold what GitHub's API answered (the check run's html_url, its error
  // messages): one line each, so a value from the server cannot start a workflow command.
  for (const note of result.publication?.notes ?? []) core.info(logText(note))
  if (plan.line?.level === 'warning') core.warning(logText(plan.line.text))
  else if (plan.line) core.info(logText(plan.line.text))
}

/**
 * The manifest's problems as error annotations at its lines: as many as GitHub shows (10 a step,
 * one of them the failure line), the rest as log lines. Values in a problem come from the
 * manifest: one line each, so none can start a workflow command.
 */
export function writeManifestProblems(file: string, problems: { line: number; message: string }[]): void {
  const shown = STEP_ANNOTATION_CAP - 1
  const cut = problems.length > shown ? shown - 1 : problems.length
  for (const x of problems.slice(0, cut)) core.error(logText(x.message), { file: logText(annotationPath(file)), startLine: x.line, title: 'sync manifest' })
  if (problems.length > cut) {
    core.error(`${problems.length - cut} more problem(s) in ${logText(file)}: GitHub shows ${STEP_ANNOTATION_CAP} errors per step; they follow in the log.`, {
      file: logText(annotationPath(file)),
      startLine: problems[cut]?.line ?? 1,
      title: 'sync manifest'
    })
    for (const x of problems.slice(cut)) core.info(logText(`${file}:${x.line}: ${x.message}`))
  }
}
