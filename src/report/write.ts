import * as core from '@actions/core'
import type { OperationResult } from '../operations/results.js'
import type { FileReport } from '../pem/index.js'
import { toOutputs } from './outputs.js'
import { renderSummary } from './summary.js'

/** The one place that writes outputs and the job summary. */
export async function writeResult(result: OperationResult, now: Date, summary: boolean): Promise<void> {
  for (const [name, value] of Object.entries(toOutputs(result, now))) core.setOutput(name, value)
  if (result.operation === 'validate' && !result.failed) writeAnnotations(result.files)
  if (summary && process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(renderSummary(result, now)).write()
  }
}

/**
 * Findings as annotations on the file and line. With errorsAsFailure, errors are left to the one
 * failure line (an upload's preflight) and only warnings and notices are annotated.
 */
export function writeAnnotations(files: FileReport[], options: { errorsAsFailure?: boolean } = {}): void {
  for (const f of files) {
    for (const x of f.findings) {
      const props = { file: x.file, startLine: x.line, title: x.code }
      const message = `${x.code}: ${x.message}`
      if (x.severity === 'error') {
        if (!options.errorsAsFailure) core.error(message, props)
      } else if (x.severity === 'warning') core.warning(message, props)
      else core.notice(message, props)
    }
  }
}
