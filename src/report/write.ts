import type { OperationResult } from '../operations/results.js'
import type { FileReport } from '../pem/index.js'
import { toOutputs } from './outputs.js'
import { renderSummary } from './summary.js'
import * as core from '@actions/core'
import path from 'node:path'

/** GitHub places an annotation only by a path relative to the repository root. */
function annotationPath(file: string): string {
  const workspace = process.env.GITHUB_WORKSPACE
  if (!workspace || !path.isAbsolute(file)) return file
  const rel = path.relative(workspace, file)
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/')
}

/** The one place that writes outputs and the job summary. */
export async function writeResult(result: OperationResult, now: Date, summary: boolean): Promise<void> {
  for (const [name, value] of Object.entries(toOutputs(result, now))) core.setOutput(name, value)
  if (result.operation === 'validate' && !result.failed) writeAnnotations(result.files)
  // The preflight let the upload go on: its warnings and notices still belong on the file and line.
  if (result.operation === 'upload' || result.operation === 'rotate') writeAnnotations([result.validation], { errorsAsFailure: true })
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
  const room = maxBytes - Buffer.byteLength(note(maxBytes)) - '</table>\n'.length
  const bytes = Buffer.from(html)
  const rowEnd = bytes.lastIndexOf('</tr>', room - '</tr>'.length)
  // Or after an element of our own (`</h3>\n`, `</p>\n`): a newline inside a value from the API is not one.
  const elementEnd = bytes.lastIndexOf('>\n', room - 2)
  const end = Math.max(rowEnd < 0 ? 0 : rowEnd + '</tr>'.length, elementEnd < 0 ? 0 : elementEnd + 2)
  const head = bytes.subarray(0, end).toString('utf8')
  const open = head.lastIndexOf('<table>') > head.lastIndexOf('</table>')
  return `${head}${open ? '</table>\n' : ''}${note(end)}`
}

/**
 * Findings as annotations on the file and line. With errorsAsFailure, errors are left to the one
 * failure line (an upload's preflight) and only warnings and notices are annotated.
 */
export function writeAnnotations(files: FileReport[], options: { errorsAsFailure?: boolean } = {}): void {
  for (const f of files) {
    for (const x of f.findings) {
      const props = { file: annotationPath(x.file), startLine: x.line, title: x.code }
      const message = `${x.code}: ${x.message}`
      if (x.severity === 'error') {
        if (!options.errorsAsFailure) core.error(message, props)
      } else if (x.severity === 'warning') core.warning(message, props)
      else core.notice(message, props)
    }
  }
}
