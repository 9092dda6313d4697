import type { OperationResult } from '../operations/results.js'
import type { FileReport } from '../pem/index.js'
import { toOutputs } from './outputs.js'
import { renderSummary } from './summary.js'
import * as runner from '../runner.js'
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
  for (const [name, value] of Object.entries(toOutputs(result, now))) runner.setOutput(name, value)
  if (result.operation === 'validate' && !result.failed) writeAnnotations(result.files)
  // The preflight let the upload go on: its warnings and notices still belong on the file and line.
  if (result.operation === 'upload' || result.operation === 'rotate') writeAnnotations([result.validation], { errorsAsFailure: true })
  if (summary && process.env.GITHUB_STEP_SUMMARY) {
    runner.appendSummary(renderSummary(result, now))
  }
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
        if (!options.errorsAsFailure) runner.error(message, props)
      } else if (x.severity === 'warning') runner.warning(message, props)
      else runner.notice(message, props)
    }
  }
}
