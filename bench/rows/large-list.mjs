// @ts-check
/**
 * Row 2. `list` of an account with 1,000 certificates (20 pages of 50) behind 20 ms of latency per
 * request, through the bundle, against its ideal: the stack floor (bench/floor/with-zod.js, measured
 * in the same alternation) plus the round trips the paging cannot avoid: page 1 (it gives the total),
 * then the other 19 pages 4 at a time, ⌈19/4⌉ = 5 more: stack floor + 6 × 20 ms.
 * Every run must see all 1,000 (the `certificates` output holds exactly the seeded ids) in exactly
 * 20 requests, one GET per page (the emulator's request log); otherwise the run is a correctness
 * failure (thrown, loud). More than 4 requests in flight fails the row.
 * Beside it, as information: the official SDK's `mtlsCertificates.list`, run as a small script,
 * which stops after the first page (50).
 */
import path from 'node:path'
import { startEmulator } from '../../emulator/index.js'
import { NODE, ROOT, assertOk, runBundle, runFloor } from '../lib/action.mjs'
import { CorrectnessError } from '../lib/correctness.mjs'
import { alternate, timedSpawn } from '../lib/measure.mjs'
import { profiledRun } from '../lib/profile.mjs'

export const LIST_TARGET = 1.3
export const LIST_COUNT = 1000
export const LATENCY_MS = 20
/** The API's largest page, and the pages the action may have in flight at once. */
export const PAGE_SIZE = 50
export const PAGE_CONCURRENCY = 4
export const PAGES = Math.ceil(LIST_COUNT / PAGE_SIZE)
/** Page 1, then the rest PAGE_CONCURRENCY at a time. */
export const ROUND_TRIPS = 1 + Math.ceil((PAGES - 1) / PAGE_CONCURRENCY)

/**
 * @param {{ rounds: number, stackFloor: string, profile?: boolean }} options  stackFloor: the stack floor's bundle
 */
export async function largeList({ rounds, stackFloor, profile = false }) {
  const emulator = await startEmulator({ latencyMs: LATENCY_MS })
  try {
    const seeded = new Set(emulator.seedSynthetic(LIST_COUNT))
    const inputs = { 'operation': 'list', 'api-base-url': emulator.url, 'account-id': emulator.accountId, 'api-token': emulator.token }
    let maxConcurrency = 0
    /** @type {Set<number>} */
    const sdkSaw = new Set()
    let runs = 0
    const list = async () => {
      emulator.clearRequests()
      const run = await runBundle(inputs)
      assertOk(run, 'list')
      checkList(run.outputs, emulator.requests, seeded)
      maxConcurrency = Math.max(maxConcurrency, emulator.maxConcurrency)
      runs++
      return run.ms
    }
    const r = await alternate({ bundle: list, stackFloor: () => runFloor(stackFloor) }, rounds)
    // The SDK in a second alternation: a run after the SDK's script (which loads a lot of code)
    // came out slower, whichever variant it was, and that would tilt the ratio above.
    let vs = null
    /** @type {string | null} */
    let sdkError = null
    try {
      vs = await alternate(
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
    } catch (e) {
      if (e instanceof CorrectnessError) throw e
      sdkError = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e)
    }
    const floorMs = r.stackFloor.median
    const idealMs = floorMs + ROUND_TRIPS * LATENCY_MS
    const profiled = profile
      ? await (async () => {
          emulator.clearRequests()
          return profiledRun('large-list', inputs, (run) => checkList(run.outputs, emulator.requests, seeded))
        })()
      : undefined
    const ratio = r.bundle.median / idealMs
    const capRespected = maxConcurrency <= PAGE_CONCURRENCY
    return {
      id: 'large-list',
      title: `List ${LIST_COUNT} certificates (${LATENCY_MS} ms a request), against the stack floor + ${ROUND_TRIPS} round trips`,
      bundleMs: r.bundle.median,
      floorMs,
      idealMs,
      ratio,
      target: LIST_TARGET,
      pass: ratio <= LIST_TARGET && capRespected,
      seen: LIST_COUNT,
      requests: PAGES,
      checkedRuns: runs,
      pages: PAGES,
      pageSize: PAGE_SIZE,
      roundTrips: ROUND_TRIPS,
      latencyMs: LATENCY_MS,
      concurrency: { cap: PAGE_CONCURRENCY, max: maxConcurrency, respected: capRespected },
      ...(profiled ? { profile: profiled } : {}),
      sdk: vs ? { ms: vs.sdk.median, bundleBesideMs: vs.bundle.median, ratio: vs.bundle.median / vs.sdk.median, saw: [...sdkSaw] } : { error: sdkError },
      times: { bundle: r.bundle.times, stackFloor: r.stackFloor.times, ...(vs ? { bundleBesideSdk: vs.bundle.times, sdk: vs.sdk.times } : {}) }
    }
  } finally {
    await emulator.close()
  }
}

/**
 * One list run did the job: `count` is 1,000, `certificates` holds exactly the seeded ids, and the
 * emulator saw exactly one successful GET of each of the 20 pages and nothing else.
 * @param {Record<string, string>} outputs
 * @param {readonly { method: string, route: string | null, query: Record<string, string>, status: number }[]} requests
 * @param {Set<string>} seeded
 */
export function checkList(outputs, requests, seeded) {
  if (outputs.count !== String(LIST_COUNT)) throw new CorrectnessError(`list reported count ${outputs.count}, not ${LIST_COUNT}`)
  /** @type {unknown} */
  let listed
  try {
    listed = JSON.parse(outputs.certificates ?? '')
  } catch {
    throw new CorrectnessError('list set no parsable certificates output')
  }
  const ids = new Set(Array.isArray(listed) ? listed.map((c) => (c && typeof c === 'object' ? /** @type {{ id?: unknown }} */ (c).id : undefined)) : [])
  const missing = [...seeded].filter((id) => !ids.has(id)).length
  if (!Array.isArray(listed) || listed.length !== LIST_COUNT || ids.size !== LIST_COUNT || missing > 0) {
    throw new CorrectnessError(
      `list output ${Array.isArray(listed) ? listed.length : 'no array of'} certificates, ${ids.size} distinct ids, ${missing} of the ${LIST_COUNT} seeded missing`
    )
  }
  const pages = requests.filter((q) => q.method === 'GET' && q.route === 'list' && q.status === 200).map((q) => Number(q.query.page ?? 1))
  const distinct = new Set(pages)
  if (requests.length !== PAGES || pages.length !== PAGES || distinct.size !== PAGES || ![...distinct].every((p) => p >= 1 && p <= PAGES)) {
    const made = requests.map((q) => `${q.method} ${q.route ?? '?'}${q.query.page ? ` page ${q.query.page}` : ''} → ${q.status}`)
    throw new CorrectnessError(`list made ${requests.length} requests, not exactly ${PAGES} (one successful GET per page): ${made.join(', ')}`)
  }
}
