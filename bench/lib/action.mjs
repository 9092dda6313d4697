// @ts-check
/**
 * Runs the committed bundle (and the toolkit floor) as a GitHub runner does (INPUT_* variables, GITHUB_OUTPUT and
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
 * Runs a bundled action (a script) as one runner step: a fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY,
 * the inputs as INPUT_* variables. The action under test and the toolkit floor both run this way.
 * @param {string} script  the bundle's entry file
 * @param {Record<string, string>} inputs  by their action.yml names
 * @param {{ cwd?: string, nodeArgs?: string[] }} [options]  nodeArgs: before the script (the profiler's flags)
 * @returns {Promise<BenchRun>}
 */
export async function runStep(script, inputs, options = {}) {
  const step = runnerStep(inputs, options)
  try {
    const r = await timedSpawn(NODE, [...(options.nodeArgs ?? []), script], { env: step.env, cwd: step.cwd })
    return { ...r, ...step.read() }
  } finally {
    step.cleanup()
  }
}

/**
 * The action under test (dist/index.js, or BENCH_BUNDLE) as one runner step.
 * @param {Record<string, string>} inputs  by their action.yml names
 * @param {{ cwd?: string, nodeArgs?: string[] }} [options]
 * @returns {Promise<BenchRun>}
 */
export function runBundle(inputs, options = {}) {
  return runStep(ACTION_BUNDLE, inputs, options)
}

/** The toolkit floor's one input, and the output it must set (a run that did not is no floor). */
export const FLOOR_INPUTS = { who: 'bench' }

/**
 * A floor (bench/lib/floor.mjs builds them: the toolkit floor, the stack floor) as one runner step,
 * checked: it must exit 0, set its output and write its job summary.
 * @param {string} floorBundle
 * @param {{ nodeArgs?: string[] }} [options]
 * @returns {Promise<number>} its time (ms)
 */
export async function runFloor(floorBundle, options = {}) {
  const run = await runStep(floorBundle, FLOOR_INPUTS, options)
  assertOk(run, 'the toolkit floor')
  if (run.outputs.greeting !== 'hello, bench' || !run.summary.includes('hello, bench')) {
    throw new Error(`the toolkit floor did not set its output and summary:\n${JSON.stringify(run.outputs)}\n${run.summary}`)
  }
  return run.ms
}

/**
 * `node -e 0` and the like, with PATH and HOME only (information: the least Node itself costs).
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
