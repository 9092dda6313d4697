// @ts-check
/**
 * Row 1. The action's start-up cost: `validate` of one PEM file through dist/index.js (read inputs,
 * load the validator, check the file, write outputs and summary, exit) against the toolkit floor,
 * a hello-world action on @actions/core bundled by ncc (bench/floor/index.js), which every toolkit
 * action pays. Both run as a runner step (same environment, fresh output and summary files).
 * `node -e 0` is measured beside them as information only. Plus what the runner loads from disk:
 * dist/index.js and its chunks.
 */
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { ACTION_BUNDLE, assertOk, runBundle, runFloor, runNode } from '../lib/action.mjs'
import { alternate } from '../lib/measure.mjs'

/** The action's cold start may cost at most this many times the toolkit floor. */
export const COLD_START_TARGET = 1.2

/**
 * @param {{ rounds: number, pem: string, floor: string, variants: { 'with-zod': string, 'with-undici': string } }} options
 *   floor: the toolkit floor's bundle; variants: the floor plus zod, plus undici (information: what
 *   each library of the action's stack costs any toolkit action that loads it)
 */
export async function coldStart({ rounds, pem, floor, variants }) {
  const r = await alternate(
    {
      bundle: async () => {
        const run = await runBundle({ operation: 'validate', 'certificate-path': pem })
        assertOk(run, 'validate of one file')
        if (run.outputs['error-count'] !== '0') throw new Error(`validate found errors in ${pem}: ${run.outputs.findings}`)
        return run.ms
      },
      floor: () => runFloor(floor),
      node: async () => (await runNode(['-e', '0'])).ms,
      floorZod: () => runFloor(variants['with-zod']),
      floorUndici: () => runFloor(variants['with-undici'])
    },
    rounds
  )
  const ratio = r.bundle.median / r.floor.median
  return {
    id: 'cold-start',
    title: 'Cold start: validate 1 PEM file, against the toolkit floor',
    bundleMs: r.bundle.median,
    floorMs: r.floor.median,
    nodeMs: r.node.median,
    floorZodMs: r.floorZod.median,
    floorUndiciMs: r.floorUndici.median,
    ratio,
    target: COLD_START_TARGET,
    pass: ratio <= COLD_START_TARGET,
    size: bundleSize(),
    times: { bundle: r.bundle.times, floor: r.floor.times, node: r.node.times }
  }
}

/** Bytes of the bundle: the entry file, and every JavaScript file of dist/ (the lazily loaded chunks). */
export function bundleSize() {
  const dir = path.dirname(ACTION_BUNDLE)
  const chunks = readdirSync(dir).filter((f) => f.endsWith('.js'))
  const bytes = Object.fromEntries(chunks.map((f) => [f, statSync(path.join(dir, f)).size]))
  return {
    entryBytes: bytes[path.basename(ACTION_BUNDLE)] ?? 0,
    totalBytes: Object.values(bytes).reduce((a, b) => a + b, 0),
    files: chunks.length
  }
}
