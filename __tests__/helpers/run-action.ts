import { ROOT, runAction as runBundle, type ActionRun } from '../../scripts/lib/run-action.js'
import { assertNoLeaks, secretsOf } from './leak-scan.js'

type RunOptions = NonNullable<Parameters<typeof runBundle>[1]>

/**
 * Runs the committed bundle as the runner does (scripts/lib/run-action.js), then scans everything
 * it wrote for the secrets it was given: every run of the bundle in the test suite is a leak test.
 * A leak throws, failing the test that made the run.
 */
export async function runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const secrets = secretsOf(inputs, options.env ?? {}, options.cwd ?? ROOT)
  const run = await runBundle(inputs, options)
  assertNoLeaks(run, secrets, `the run of operation "${inputs.operation ?? '?'}"`)
  return run
}

export { NODE, ROOT } from '../../scripts/lib/run-action.js'
export type { ActionRun } from '../../scripts/lib/run-action.js'
