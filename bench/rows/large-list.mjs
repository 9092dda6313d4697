// @ts-check
/**
 * Row 2. `list` of an account with 1,000 certificates (20 pages of 50) behind 20 ms of latency per
 * request, through the bundle, against
 *  - the ideal: the first page, then the other pages PAGE_CONCURRENCY at a time, plus the action's
 *    own cold start: (1 + ceil(remaining pages / concurrency)) × latency + cold start. The cold start
 *    (row 1's workload: validate of one PEM file) is measured here, alternating with the list runs,
 *    so that both sides of the ratio see the same machine. It is also given with `node -e 0` in
 *    place of the cold start: the stricter ideal, which does not grow when the action starts slowly;
 *  - the official SDK's `mtlsCertificates.list`, run as a small script, which stops after one page.
 * Every bundle run must see all 1,000, and never have more requests in flight than the cap.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { startEmulator } from '../../emulator/index.js'
import { NODE, ROOT, assertOk, runBundle, runNode } from '../lib/action.mjs'
import { alternate, timedSpawn } from '../lib/measure.mjs'

export const LIST_TARGET = 1.3
export const LIST_COUNT = 1000
export const LATENCY_MS = 20

/** The paging constants, read from the source so the ideal follows them. */
export function pagingConstants() {
  const src = readFileSync(path.join(ROOT, 'src/cloudflare/mtls.ts'), 'utf8')
  const read = (/** @type {string} */ name) => {
    const m = new RegExp(`export const ${name} = (\\d+)`).exec(src)
    if (!m?.[1]) throw new Error(`${name} not found in src/cloudflare/mtls.ts`)
    return Number(m[1])
  }
  return { pageSize: read('PAGE_SIZE'), concurrency: read('PAGE_CONCURRENCY') }
}

/**
 * @param {{ rounds: number, pem: string }} options  pem: row 1's file, for the cold start in the ideal
 */
export async function largeList({ rounds, pem }) {
  const { pageSize, concurrency } = pagingConstants()
  const pages = Math.ceil(LIST_COUNT / pageSize)
  const roundTrips = 1 + Math.ceil((pages - 1) / concurrency)

  const emulator = await startEmulator({ latencyMs: LATENCY_MS })
  try {
    emulator.seedSynthetic(LIST_COUNT)
    const inputs = { operation: 'list', 'api-base-url': emulator.url, 'account-id': emulator.accountId, 'api-token': emulator.token }
    let maxConcurrency = 0
    /** @type {Set<number>} */
    const requestCounts = new Set()
    /** @type {Set<number>} */
    const bundleSaw = new Set()
    /** @type {Set<number>} */
    const sdkSaw = new Set()
    const list = async () => {
      emulator.clearRequests()
      const run = await runBundle(inputs)
      assertOk(run, 'list')
      bundleSaw.add(Number(run.outputs.count))
      if (run.outputs.count !== String(LIST_COUNT)) throw new Error(`list returned ${run.outputs.count} certificates, not ${LIST_COUNT}`)
      maxConcurrency = Math.max(maxConcurrency, emulator.maxConcurrency)
      requestCounts.add(emulator.requests.length)
      return run.ms
    }
    // The ratio to the ideal: the list, the cold start and the floor, side by side. The SDK is
    // compared in a second alternation: a run after the SDK's (which loads 650 ms of code) came
    // out slower, whichever variant it was, and that would tilt the ratio.
    const r = await alternate(
      {
        bundle: list,
        coldStart: async () => {
          const run = await runBundle({ operation: 'validate', 'certificate-path': pem })
          assertOk(run, 'validate of one file')
          return run.ms
        },
        floor: async () => (await runNode(['-e', '0'])).ms
      },
      rounds
    )
    const vs = await alternate(
      {
        bundle: list,
        sdk: async () => {
          const run = await timedSpawn(NODE, [path.join(ROOT, 'bench/scripts/sdk-list.mjs'), emulator.url, emulator.accountId, emulator.token], {
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ROOT },
            cwd: ROOT
          })
          if (run.code !== 0) throw new Error(`the SDK script failed:\n${run.stderr.slice(-2000)}`)
          sdkSaw.add(Number(run.stdout.trim()))
          return run.ms
        }
      },
      rounds
    )
    const coldStartMs = r.coldStart.median
    const floorMs = r.floor.median
    const idealMs = roundTrips * LATENCY_MS + coldStartMs
    const strictIdealMs = roundTrips * LATENCY_MS + floorMs
    const ratio = r.bundle.median / idealMs
    const capRespected = maxConcurrency <= concurrency
    return {
      id: 'large-list',
      title: `List ${LIST_COUNT} certificates (${LATENCY_MS} ms latency)`,
      bundleMs: r.bundle.median,
      idealMs,
      strictIdealMs,
      coldStartMs,
      floorMs,
      sdkMs: vs.sdk.median,
      bundleBesideSdkMs: vs.bundle.median,
      ratio,
      strictRatio: r.bundle.median / strictIdealMs,
      vsSdk: vs.bundle.median / vs.sdk.median,
      target: LIST_TARGET,
      pass: ratio <= LIST_TARGET && capRespected && vs.bundle.median < vs.sdk.median,
      seen: { bundle: [...bundleSaw], sdk: [...sdkSaw] },
      requests: [...requestCounts],
      pages,
      roundTrips,
      concurrency: { cap: concurrency, max: maxConcurrency, respected: capRespected },
      times: { bundle: r.bundle.times, coldStart: r.coldStart.times, floor: r.floor.times, bundleBesideSdk: vs.bundle.times, sdk: vs.sdk.times }
    }
  } finally {
    await emulator.close()
  }
}
