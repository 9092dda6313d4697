// @ts-check
/**
 * Runs the committed bundle as a GitHub runner does (INPUT_* variables, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, a clean environment), timed. The same shape as
 * scripts/lib/run-action.js, whose runner step it shares, but with a high-resolution timer and
 * the output files created before the clock starts.
 */
import { tmpdir } from 'node:os'
import path from 'node:path'
import { BUNDLE, NODE, ROOT, runnerStep } from '../../scripts/lib/run-action.js'
import { timedSpawn } from './measure.mjs'

export { BUNDLE, NODE, ROOT }

/** The bundle under test: dist/index.js unless BENCH_BUNDLE names another build (to compare one). */
export const ACTION_BUNDLE = process.env.BENCH_BUNDLE ? path.resolve(process.env.BENCH_BUNDLE) : BUNDLE

/**
 * @typedef {object} BenchRun
 * @property {number} ms
 * @property {number | null} code
 * @property {string} stdout
 * @property {string} stderr
 * @property {Record<string, string>} outputs
 * @property {string} summary
 */

/**
 * @param {Record<string, string>} inputs  by their action.yml names
 * @param {{ cwd?: string }} [options]
 * @returns {Promise<BenchRun>}
 */
export async function runBundle(inputs, options = {}) {
  const step = runnerStep(inputs, options)
  try {
    const r = await timedSpawn(NODE, [ACTION_BUNDLE], { env: step.env, cwd: step.cwd })
    return { ...r, ...step.read() }
  } finally {
    step.cleanup()
  }
}

/**
 * The same environment as runBundle, for the floors (`node -e 0` and friends): a fair comparison
 * starts both with the same variables.
 * @param {string[]} args
 * @returns {Promise<import('./measure.mjs').Timed>}
 */
export function runNode(args) {
  return timedSpawn(NODE, args, { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() }, cwd: ROOT })
}

/**
 * Throws with the run's log when it did not succeed: a benchmark of a failing run measures nothing.
 * @param {BenchRun} run
 * @param {string} what
 */
export function assertOk(run, what) {
  if (run.code !== 0) {
    throw new Error(`${what} exited ${run.code}:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`)
  }
}
