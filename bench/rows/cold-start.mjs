// @ts-check
/**
 * Row 1. The action's start-up cost: `validate` of one PEM file through dist/index.js (read inputs,
 * load the validator, check the file, write outputs and summary, exit) against the stack floor:
 * a hello-world action on @actions/core whose one input a zod schema parses (bench/floor/with-zod.js),
 * bundled by ncc, which every zod-checked toolkit action pays. All run as a runner step (same
 * environment, fresh output and summary files). Beside it, as information: `node -e 0`, the toolkit
 * floor without zod (bench/floor/index.js) and the toolkit floor with undici's public entry loaded.
 */
import { assertOk, runBundle, runFloor, runNode } from '../lib/action.mjs'
import { alternate } from '../lib/measure.mjs'
import { profiledRun } from '../lib/profile.mjs'

/** The action's cold start may cost at most this many times the stack floor. */
export const COLD_START_TARGET = 1.15

/**
 * @param {{ rounds: number, pem: string, floor: string, variants: { 'with-zod': string, 'with-undici': string }, profile?: boolean }} options
 *   floor: the toolkit floor's bundle; variants: the floor plus zod (the stack floor), plus undici
 */
export async function coldStart({ rounds, pem, floor, variants, profile = false }) {
  const inputs = { 'operation': 'validate', 'certificate-path': pem }
  const clean = (/** @type {import('../lib/action.mjs').BenchRun} */ run) => {
    if (run.outputs['error-count'] !== '0') throw new Error(`validate found errors in ${pem}: ${run.outputs.findings}`)
  }
  const r = await alternate(
    {
      bundle: async () => {
        const run = await runBundle(inputs)
        assertOk(run, 'validate of one file')
        clean(run)
        return run.ms
      },
      stackFloor: () => runFloor(variants['with-zod']),
      floor: () => runFloor(floor),
      node: async () => (await runNode(['-e', '0'])).ms,
      floorUndici: () => runFloor(variants['with-undici'])
    },
    rounds
  )
  const ratio = r.bundle.median / r.stackFloor.median
  return {
    id: 'cold-start',
    title: 'Cold start: validate 1 PEM file, against the stack floor',
    bundleMs: r.bundle.median,
    stackFloorMs: r.stackFloor.median,
    floorMs: r.floor.median,
    nodeMs: r.node.median,
    floorUndiciMs: r.floorUndici.median,
    ratio,
    target: COLD_START_TARGET,
    pass: ratio <= COLD_START_TARGET,
    ...(profile ? { profile: await profiledRun('cold-start', inputs, clean) } : {}),
    times: { bundle: r.bundle.times, stackFloor: r.stackFloor.times, floor: r.floor.times, node: r.node.times, floorUndici: r.floorUndici.times }
  }
}
