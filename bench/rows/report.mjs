// @ts-check
/**
 * Row 4. `report` of an account with 1,000 certificates behind 20 ms of latency per request,
 * reading every certificate's associations (`associations: all`; before that input existed report
 * read them all, and an input the action does not know is ignored), against its ideal: the stack
 * floor plus the round trips its requests need at 4 in flight. It makes 1,020 requests: the 20
 * list pages and one associations GET per certificate (there is no bulk endpoint). Page 1 comes
 * alone (it gives the total); the other 1,019 need ⌈1,019/4⌉ = 255 round trips at 4 in flight,
 * however they are ordered: 256 × 20 ms in all.
 * Every run must output all 1,000 with an association count, in exactly those requests (the
 * emulator's log), or the run is a correctness failure.
 */
import { startEmulator } from '../../emulator/index.js'
import { assertOk, runBundle, runFloor } from '../lib/action.mjs'
import { CorrectnessError } from '../lib/correctness.mjs'
import { alternate } from '../lib/measure.mjs'
import { profiledRun } from '../lib/profile.mjs'
import { LATENCY_MS, PAGE_CONCURRENCY, PAGES } from './large-list.mjs'

export const REPORT_TARGET = 1.3
export const REPORT_COUNT = 1000
/** 20 list pages + one associations GET per certificate. */
export const REPORT_REQUESTS = PAGES + REPORT_COUNT
/** Page 1, then the rest PAGE_CONCURRENCY at a time. */
export const REPORT_ROUND_TRIPS = 1 + Math.ceil((REPORT_REQUESTS - 1) / PAGE_CONCURRENCY)
/** At most this many rounds: each report run takes over 5 s, and the noise is small beside that. */
const MAX_ROUNDS = 5

/**
 * @param {{ rounds: number, stackFloor: string, profile?: boolean }} options
 */
export async function reportRow({ rounds, stackFloor, profile = false }) {
  const emulator = await startEmulator({ latencyMs: LATENCY_MS })
  try {
    const seeded = new Set(emulator.seedSynthetic(REPORT_COUNT, { ca: false }))
    const inputs = { 'operation': 'report', 'associations': 'all', 'api-base-url': emulator.url, 'account-id': emulator.accountId, 'api-token': emulator.token }
    let maxConcurrency = 0
    const check = (/** @type {import('../lib/action.mjs').BenchRun} */ run) => checkReport(run.outputs, emulator.requests, seeded)
    const report = async () => {
      emulator.clearRequests()
      const run = await runBundle(inputs)
      assertOk(run, 'report')
      check(run)
      maxConcurrency = Math.max(maxConcurrency, emulator.maxConcurrency)
      return run.ms
    }
    const r = await alternate({ bundle: report, stackFloor: () => runFloor(stackFloor) }, Math.min(rounds, MAX_ROUNDS))
    const idealMs = r.stackFloor.median + REPORT_ROUND_TRIPS * LATENCY_MS
    const ratio = r.bundle.median / idealMs
    const capRespected = maxConcurrency <= PAGE_CONCURRENCY
    let profiled
    if (profile) {
      emulator.clearRequests()
      profiled = await profiledRun('report', inputs, check)
    }
    return {
      id: 'report',
      title: `Report ${REPORT_COUNT} certificates with their associations (${LATENCY_MS} ms a request), against the stack floor + ${REPORT_ROUND_TRIPS} round trips`,
      bundleMs: r.bundle.median,
      floorMs: r.stackFloor.median,
      idealMs,
      ratio,
      target: REPORT_TARGET,
      pass: ratio <= REPORT_TARGET && capRespected,
      count: REPORT_COUNT,
      requests: REPORT_REQUESTS,
      roundTrips: REPORT_ROUND_TRIPS,
      latencyMs: LATENCY_MS,
      rounds: Math.min(rounds, MAX_ROUNDS),
      concurrency: { cap: PAGE_CONCURRENCY, max: maxConcurrency, respected: capRespected },
      ...(profiled ? { profile: profiled } : {}),
      times: { bundle: r.bundle.times, stackFloor: r.stackFloor.times }
    }
  } finally {
    await emulator.close()
  }
}

/**
 * One report run did the job: all 1,000 in the `certificates` output, each with an association
 * count, and the emulator saw the 20 pages and one associations GET per certificate, nothing else.
 * @param {Record<string, string>} outputs
 * @param {readonly { method: string, route: string | null, path: string, query: Record<string, string>, status: number }[]} requests
 * @param {Set<string>} seeded
 */
export function checkReport(outputs, requests, seeded) {
  /** @type {unknown} */
  let listed
  try {
    listed = JSON.parse(outputs.certificates ?? '')
  } catch {
    throw new CorrectnessError('report set no parsable certificates output')
  }
  const entries = Array.isArray(listed) ? /** @type {{ id?: unknown, association_count?: unknown }[]} */ (listed) : []
  const ids = new Set(entries.map((c) => c?.id))
  const counted = entries.filter((c) => typeof c?.association_count === 'number').length
  if (
    outputs.count !== String(REPORT_COUNT) ||
    entries.length !== REPORT_COUNT ||
    ids.size !== REPORT_COUNT ||
    [...seeded].some((id) => !ids.has(id)) ||
    counted !== REPORT_COUNT
  ) {
    throw new CorrectnessError(`report output ${entries.length} certificates (${ids.size} distinct, ${counted} with an association count), not the ${REPORT_COUNT} seeded`)
  }
  const ok = requests.filter((q) => q.method === 'GET' && q.status === 200)
  const pages = new Set(ok.filter((q) => q.route === 'list').map((q) => Number(q.query.page ?? 1)))
  const associated = new Set(ok.filter((q) => q.route === 'associations').map((q) => q.path.split('/').at(-2)))
  if (requests.length !== REPORT_REQUESTS || pages.size !== PAGES || associated.size !== REPORT_COUNT || [...seeded].some((id) => !associated.has(id))) {
    throw new CorrectnessError(
      `report made ${requests.length} requests (${pages.size} distinct pages, ${associated.size} certificates' associations), not exactly ${REPORT_REQUESTS}: ${PAGES} pages and one associations GET per certificate`
    )
  }
}
