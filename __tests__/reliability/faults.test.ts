/**
 * Every fault the emulator can inject, through the committed bundle: a request that is safe to
 * repeat (GET, DELETE) succeeds after bounded retries; anything else ends in exactly one
 * `::error::` line that names what happened (status, Cloudflare codes, attempts), within
 * timeout-seconds × (max-retries + 1) plus backoff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Fault, RequestRecord } from '../../emulator/index.js'
import { e2eBackendPool, type E2EBackend } from '../helpers/e2e.js'
import { PAGE_CONCURRENCY } from '../../src/cloudflare/mtls.js'

/** Startup of the bundle plus a loaded shared machine: generous, but far below a hung action. */
const SLACK_MS = 8_000
/** The client's backoff: min(8 s, 0.5 s × 2^(n-1)) per retry. */
const backoffCeiling = (retries: number) => Array.from({ length: retries }, (_, i) => Math.min(8000, 500 * 2 ** i)).reduce((a, b) => a + b, 0)
const bound = (timeoutS: number, retries: number, retryAfterS = 0) =>
  timeoutS * 1000 * (retries + 1) + Math.max(backoffCeiling(retries), retryAfterS * 1000 * retries) + SLACK_MS

const STACK = /\n\s+at .+:\d+:\d+/

const backend = e2eBackendPool(afterAll)

const routes = (reqs: readonly RequestRecord[]) => reqs.map((r) => `${r.method} ${r.route ?? r.path}${r.fault ? ` [${r.fault}]` : ''}`)

describe.concurrent('a GET that meets a fault once is retried and succeeds', () => {
  const cases: Array<[string, Fault, number?]> = [
    ['429 with Retry-After: 1', { kind: 'rate-limit', retryAfter: 1 }, 1000],
    ['500 with the JSON envelope', { kind: 'server-error', status: 500 }],
    ['502 with the JSON envelope', { kind: 'server-error', status: 502 }],
    ['503 with the JSON envelope', { kind: 'server-error', status: 503 }],
    ['502 with an HTML body', { kind: 'html-502' }],
    ['a reset connection', { kind: 'reset' }],
    ['no answer at all (timeout)', { kind: 'hang' }, 1000],
    ['a truncated body', { kind: 'truncated' }],
    ['a lost answer', { kind: 'lost-response' }]
  ]
  it.each(cases)('%s', async (_name, fault, minMs = 0) => {
    const b = await backend()
    const ids = b.emulator.seedSynthetic(3)
    b.emulator.injectFault({ ...fault, route: 'list', times: 1 })
    const r = await b.run({ 'operation': 'list', 'timeout-seconds': '1', 'max-retries': '2' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.errors).toEqual([])
    expect(
      JSON.parse(r.outputs.certificates ?? '[]')
        .map((c: { id: string }) => c.id)
        .sort()
    ).toEqual([...ids].sort())
    expect(routes(b.emulator.requests)).toEqual([`GET list [${fault.kind}]`, 'GET list'])
    // The log says why it waited, and how many retries are left.
    expect(r.stdout).toMatch(/retry 1 of 2 in \d+\.\d s/)
    const [first, second] = b.emulator.requests
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(minMs)
    expect(r.durationMs).toBeLessThan(bound(1, 2, 1))
  })
})

describe.concurrent('a fault that does not go away ends in one clear error line', () => {
  const cases: Array<[string, Fault, { retries: number; timeout?: number; retryAfter?: number; says: RegExp[]; requests: number }]> = [
    ['429 on every attempt', { kind: 'rate-limit', retryAfter: 1 }, { retries: 1, retryAfter: 1, says: [/rate-limited/, /HTTP 429/, /971/, /after 2 attempts/], requests: 2 }],
    ['503 on every attempt', { kind: 'server-error', status: 503 }, { retries: 2, says: [/HTTP 503/, /10002: Internal Server Error/, /after 3 attempts/], requests: 3 }],
    ['500 on every attempt', { kind: 'server-error', status: 500 }, { retries: 1, says: [/HTTP 500/, /10002/, /after 2 attempts/], requests: 2 }],
    ['an HTML 502 page on every attempt', { kind: 'html-502' }, { retries: 2, says: [/HTTP 502/, /HTML page: "502 Bad Gateway"/, /after 3 attempts/], requests: 3 }],
    ['a reset on every attempt', { kind: 'reset' }, { retries: 2, says: [/ECONNRESET|socket hang up|other side closed/, /after 3 attempts/], requests: 3 }],
    ['no answer on every attempt', { kind: 'hang' }, { retries: 1, timeout: 1, says: [/no answer within 1 s/, /timeout-seconds/, /after 2 attempts/], requests: 2 }],
    ['a truncated body on every attempt', { kind: 'truncated' }, { retries: 1, says: [/GET .*mtls_certificates/, /after 2 attempts/], requests: 2 }],
    // A 200 that is not what Cloudflare sends will be the same on a retry: fail at once, and say what came back.
    ['a 200 whose body is not JSON', { kind: 'non-json' }, { retries: 2, says: [/HTTP 200/, /not JSON/, /OK: this is not JSON/], requests: 1 }],
    [
      'a 200 whose result breaks the schema',
      { kind: 'bad-schema' },
      { retries: 2, says: [/HTTP 200/, /does not send/, /\((result_info\.\w+|result\[0\]\.\w+): .*expected/], requests: 1 }
    ]
  ]
  it.each(cases)('%s', async (_name, fault, c) => {
    const b = await backend()
    b.emulator.seedSynthetic(2)
    b.emulator.injectFault({ ...fault, route: 'list', times: 'always' })
    const timeout = c.timeout ?? 2
    const r = await b.run({ 'operation': 'list', 'timeout-seconds': String(timeout), 'max-retries': String(c.retries) })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    const line = r.errors[0] ?? ''
    expect(line).toMatch(/^::error::Could not list the certificates: /)
    for (const s of c.says) expect(line).toMatch(s)
    expect(r.stdout + r.stderr).not.toMatch(STACK)
    expect(b.emulator.requests).toHaveLength(c.requests)
    expect(r.outputs).toEqual({})
    expect(r.durationMs).toBeLessThan(bound(timeout, c.retries, c.retryAfter))
  })
})

describe('DELETE is safe to repeat', () => {
  it.each<[string, Fault]>([
    ['503 once', { kind: 'server-error', status: 503 }],
    ['a reset once', { kind: 'reset' }],
    // The delete happened but its answer was lost: the retry meets 1472, which means it is gone.
    ['a lost answer (performed, then the retry finds it gone)', { kind: 'lost-response' }]
  ])('%s: the certificate is deleted and the run succeeds', async (_name, fault) => {
    const b = await backend()
    const [id, other] = b.emulator.seedSynthetic(2)
    b.emulator.injectFault({ ...fault, route: 'delete', times: 1 })
    const r = await b.run({ 'operation': 'delete', 'certificate-id': id ?? '', 'timeout-seconds': '2', 'max-retries': '2' })
    expect(r.code, r.stdout).toBe(0)
    expect(JSON.parse(r.outputs['deleted-certificate-ids'] ?? '[]')).toEqual([id])
    expect(b.emulator.certificates().map((c) => c.id)).toEqual([other])
    expect(routes(b.emulator.requests)).toEqual(['GET associations', `DELETE delete [${fault.kind}]`, 'DELETE delete'])
  })

  it('a delete of a certificate that never existed still fails with 1472 after a 503 (no false success)', async () => {
    const b = await backend()
    const id = '2a1b3c4d-0000-4000-8000-00000000dead'
    b.emulator.injectFault({ kind: 'server-error', status: 503, route: 'associations', times: 1 })
    const r = await b.run({ 'operation': 'delete', 'certificate-id': id, 'max-retries': '2' })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('1472')
  })
})

describe('a 429 pauses the whole client', () => {
  let b: E2EBackend
  beforeAll(async () => {
    b = await backend()
  })

  it('while page 2 waits out Retry-After: 1, no other page request is sent', async () => {
    const ids = b.emulator.seedSynthetic(400) // 8 pages of 50, fetched 4 at a time after page 1
    b.emulator.injectFault({ kind: 'rate-limit', route: 'list', query: { page: '2' }, retryAfter: 1, times: 1 })
    const r = await b.run({ 'operation': 'list', 'max-retries': '2' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.count).toBe(String(ids.length))
    const log = [...b.emulator.requests]
    expect(log).toHaveLength(9)
    const limited = log.find((x) => x.fault === 'rate-limit')
    expect(limited?.query.page).toBe('2')
    const t429 = limited?.at ?? 0
    // Pages 3-5 left together with page 2 (4 at a time), before the 429 could be known.
    const sentWithIt = log.filter((x) => ['3', '4', '5'].includes(x.query.page ?? ''))
    for (const x of sentWithIt) expect(Math.abs(x.at - t429)).toBeLessThan(500)
    const after = log.filter((x) => x.seq > (limited?.seq ?? 0) && !sentWithIt.includes(x))
    expect(after.map((x) => x.query.page).sort()).toEqual(['2', '6', '7', '8'])
    // A page whose answer the client read before the 429 frees its slot, and the next page may
    // leave before the 429 is read: one per other slot at most, within moments of the 429. Every
    // other request, the retry of page 2 first, waited out the second.
    const early = after.filter((x) => x.at - t429 < 100)
    expect(early.length).toBeLessThanOrEqual(PAGE_CONCURRENCY - 1)
    expect(early.map((x) => x.query.page)).not.toContain('2')
    for (const x of after.filter((y) => !early.includes(y))) expect(x.at - t429, `page ${x.query.page} at +${x.at - t429} ms`).toBeGreaterThanOrEqual(1000)
    // No request at all arrived in the pause, apart from the ones already under way.
    expect(log.filter((x) => x.at > t429 + 100 && x.at < t429 + 1000)).toEqual([])
    expect(log.filter((x) => x.query.page === '2').map((x) => x.status)).toEqual([429, 200])
    expect(r.stdout).toMatch(/HTTP 429 \(971\); retry 1 of 2 in 1\.0 s/)
  })

  it('a list whose page 2 fails for good stops: no request, retry or log line after the failure', async () => {
    b.emulator.reset()
    b.emulator.seedSynthetic(1000) // 20 pages: 15 still to fetch when page 2 fails
    b.emulator.injectFault({ kind: 'non-json', route: 'list', query: { page: '2' }, times: 'always' })
    const r = await b.run({ 'operation': 'list', 'max-retries': '3', 'timeout-seconds': '2' })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/HTTP 200 with a body that is not JSON/)
    const log = [...b.emulator.requests]
    const failedAt = log.find((x) => x.query.page === '2')?.seq ?? 0
    // No new page is started once the list has failed (15 were still to fetch). A slot is freed
    // when its answer arrives, before the answer is checked, and the check waits one turn of the
    // event loop so that the next request goes out first. So after page 2 reached the emulator,
    // these may still have reached it: the 3 other pages in flight with it, and one page for each
    // of the 4 slots freed in that turn (page 2's own, which is how its failure is found, and
    // the 3 others if their answers came in it): 7 at most ...
    const startedAfter = log.filter((x) => x.seq > failedAt)
    expect(startedAfter.length, routes(startedAfter).join(', ')).toBeLessThanOrEqual(2 * PAGE_CONCURRENCY - 1)
    // ... and the other workers do not retry against the closed connection pool, keeping the
    // process alive for their backoff ("UND_ERR_CLOSED The client is closed; retry 1 of 3").
    expect(r.stdout).not.toMatch(/retry \d of/)
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^::error::/)
    expect(r.durationMs).toBeLessThan(SLACK_MS)
  })
})

describe('many waits in one run', () => {
  it('leave no listener behind: no MaxListenersExceededWarning on stderr after 10 retries', async () => {
    const { HttpClient } = await import('../../src/cloudflare/http.js')
    const { MtlsCertificatesApi } = await import('../../src/cloudflare/mtls.js')
    const { scriptedServer, json, fail } = await import('../helpers/scripted-server.js')
    const warnings: string[] = []
    const onWarning = (w: Error) => warnings.push(w.name)
    process.on('warning', onWarning)
    const server = await scriptedServer((_req, res) => json(res, 503, fail(10001, 'busy')))
    try {
      const http = new HttpClient({ baseUrl: server.url, auth: { kind: 'token', token: 't' }, timeoutMs: 1000, maxRetries: 10, sleep: async () => {} })
      const api = new MtlsCertificatesApi(http, '0123456789abcdef0123456789abcdef')
      await expect(api.associations('2a1b3c4d-0000-4000-8000-000000000001')).rejects.toMatchObject({ attempts: 11 })
      await expect(api.associations('2a1b3c4d-0000-4000-8000-000000000002')).rejects.toMatchObject({ attempts: 11 })
      await http.close()
      await new Promise((r) => setTimeout(r, 10))
      expect(server.seen).toHaveLength(22)
      expect(warnings).toEqual([])
    } finally {
      process.off('warning', onWarning)
      await server.close()
    }
  })
})
