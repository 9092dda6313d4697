/**
 * An upload is the one request that is not safe to repeat: when its answer is lost or is a 5xx,
 * the action lists (by fingerprint) to learn whether it landed, adopts it if so, and POSTs again
 * only if not. Through the committed bundle against the emulator, whose `lost-response` fault
 * stores the upload and then drops the connection.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { Fault, RequestRecord } from '../../emulator/index.js'
import { makeCertificate, makeClientChain } from '../../scripts/lib/certs.js'
import { e2eBackendPool, type E2EBackend } from '../helpers/e2e.js'

const backend = e2eBackendPool(afterAll)

const routes = (reqs: readonly RequestRecord[]) => reqs.map((r) => `${r.method} ${r.route ?? r.path}${r.fault ? ` [${r.fault}]` : ''}`)

type Kind = 'client certificate with its key' | 'CA' | 'CA, reuse-existing: false'
const KINDS: Kind[] = ['client certificate with its key', 'CA', 'CA, reuse-existing: false']

/** Inputs for a fresh certificate of the given kind. */
async function freshUpload(b: E2EBackend, kind: Kind): Promise<Record<string, string>> {
  if (kind === 'client certificate with its key') {
    const { chainPem, client } = await makeClientChain()
    return { 'certificate-path': b.file(chainPem), 'private-key-path': b.file(client.keyPem, 'client.key'), 'name': 'client' }
  }
  const ca = await makeCertificate()
  return { 'certificate-path': b.file(ca.pem), 'name': 'ca', ...(kind === 'CA' ? {} : { 'reuse-existing': 'false' }) }
}

describe.concurrent('a lost upload answer never makes a second certificate', () => {
  // 15 runs, each with a fresh certificate and its own emulator: the outcome must not depend on timing.
  const runs = Array.from({ length: 15 }, (_, i) => [i + 1, KINDS[i % KINDS.length] as Kind] as const)
  it.each(runs)('run %i (%s): stored once, adopted, the right id in the outputs', async (_n, kind) => {
    const b = await backend()
    const inputs = await freshUpload(b, kind)
    b.emulator.injectFault({ kind: 'lost-response', route: 'upload', times: 1 })
    const r = await b.run({ 'operation': 'upload', ...inputs, 'timeout-seconds': '5', 'max-retries': '2' })
    expect(r.code, r.stdout).toBe(0)
    const stored = b.emulator.certificates()
    expect(stored).toHaveLength(1)
    expect(r.outputs['certificate-id']).toBe(stored[0]?.id)
    expect(JSON.parse(r.outputs.certificate ?? '{}')).toMatchObject({ id: stored[0]?.id, name: inputs.name })
    // It landed because of this run: not a reuse of something that was already there.
    expect(r.outputs.reused).toBe('false')
    expect(r.stdout).toMatch(/answer was lost .* adopting/)
    const posts = b.emulator.requests.filter((x) => x.method === 'POST')
    expect(posts).toHaveLength(1)
    expect(posts[0]?.performedStatus).toBe(200)
    expect(routes(b.emulator.requests).at(-1)).toBe('GET list')
  })
})

describe.concurrent('an upload that did not land is tried again, once it is known not to have landed', () => {
  const cases: Array<[string, Fault, string?]> = [
    ['503 with the JSON envelope', { kind: 'server-error', status: 503 }],
    ['500 with the JSON envelope', { kind: 'server-error', status: 500 }],
    ['502 with an HTML page', { kind: 'html-502' }],
    ['a reset connection', { kind: 'reset' }],
    ['no answer (timeout)', { kind: 'hang' }],
    ['a truncated answer', { kind: 'truncated' }],
    ['a 200 that is not JSON', { kind: 'non-json' }],
    ['a 200 whose result breaks the schema', { kind: 'bad-schema' }]
  ]
  it.each(cases)('%s once: list, then one more POST: exactly one certificate', async (_name, fault) => {
    const b = await backend()
    const ca = await makeCertificate()
    b.emulator.injectFault({ ...fault, route: 'upload', times: 1 })
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(ca.pem), 'timeout-seconds': '1', 'max-retries': '2' })
    expect(r.code, r.stdout).toBe(0)
    expect(routes(b.emulator.requests)).toEqual(['GET list', `POST upload [${fault.kind}]`, 'GET list', 'POST upload'])
    const stored = b.emulator.certificates()
    expect(stored).toHaveLength(1)
    expect(r.outputs['certificate-id']).toBe(stored[0]?.id)
    expect(r.outputs.reused).toBe('false')
    expect(r.stdout).toMatch(/::warning::Upload attempt 1 of 3 failed .* not in the account; trying again/)
    expect(r.errors).toEqual([])
  })

  it('a 429 on the POST is waited out and sent again (Cloudflare refused it before doing anything)', async () => {
    const b = await backend()
    const ca = await makeCertificate()
    b.emulator.injectFault({ kind: 'rate-limit', route: 'upload', retryAfter: 1, times: 1 })
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(ca.pem), 'max-retries': '2' })
    expect(r.code, r.stdout).toBe(0)
    expect(routes(b.emulator.requests)).toEqual(['GET list', 'POST upload [rate-limit]', 'POST upload'])
    const [, limited, retried] = b.emulator.requests
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000)
    expect(b.emulator.certificates().map((c) => c.id)).toEqual([r.outputs['certificate-id']])
  })

  it('a lost answer, and the look-up list fails once too: the list is retried, the upload adopted', async () => {
    const b = await backend()
    const ca = await makeCertificate()
    b.emulator.injectFault({ kind: 'lost-response', route: 'upload', times: 1 })
    b.emulator.injectFault({ kind: 'server-error', status: 502, route: 'list', skip: 1, times: 1 })
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(ca.pem), 'max-retries': '2' })
    expect(r.code, r.stdout).toBe(0)
    expect(routes(b.emulator.requests)).toEqual(['GET list', 'POST upload [lost-response]', 'GET list [server-error]', 'GET list'])
    expect(b.emulator.certificates().map((c) => c.id)).toEqual([r.outputs['certificate-id']])
  })

  it('503 on every POST: max-retries + 1 POSTs, each after a look, then one error line; nothing stored', async () => {
    const b = await backend()
    const ca = await makeCertificate()
    b.emulator.injectFault({ kind: 'server-error', status: 503, route: 'upload', times: 'always' })
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(ca.pem), 'max-retries': '2', 'timeout-seconds': '2' })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/^::error::Could not upload the certificate: .*HTTP 503.*10002.*after 3 attempts/)
    expect(routes(b.emulator.requests)).toEqual([
      'GET list',
      'POST upload [server-error]',
      'GET list',
      'POST upload [server-error]',
      'GET list',
      'POST upload [server-error]',
      'GET list'
    ])
    expect(b.emulator.certificates()).toEqual([])
    expect(r.durationMs).toBeLessThan(2000 * 3 + 1500 + 8000)
  })

  it('a 4xx on the POST is not retried: it will not get better', async () => {
    const b = await backend()
    // The emulator's CA limit below the action's own pre-check (5): the POST goes out and meets 1489.
    b.emulator.seedSynthetic(1, { ca: true })
    b.emulator.configure({ caLimit: 1 })
    const ca = await makeCertificate()
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(ca.pem), 'max-retries': '3' })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/maximum number of CA certificates \(HTTP 400, 1489/)
    expect(routes(b.emulator.requests)).toEqual(['GET list', 'POST upload'])
  })
})

describe('rotate with a lost upload answer', () => {
  it('adopts the new certificate and still deletes the earlier one: one new certificate, not two', async () => {
    const b = await backend()
    const old = await makeCertificate()
    const [oldId] = b.emulator.seed([{ pem: old.pem, ca: true, name: 'edge', uploadedOn: new Date(Date.now() - 86_400_000) }])
    const next = await makeCertificate()
    b.emulator.injectFault({ kind: 'lost-response', route: 'upload', times: 1 })
    const r = await b.run({ 'operation': 'rotate', 'name': 'edge', 'certificate-path': b.file(next.pem), 'max-retries': '2' })
    expect(r.code, r.stdout).toBe(0)
    const stored = b.emulator.certificates()
    expect(stored.map((c) => c.id)).toEqual([r.outputs['certificate-id']])
    expect(JSON.parse(r.outputs['deleted-certificate-ids'] ?? '[]')).toEqual([oldId])
    expect(r.outputs.reused).toBe('false')
  })
})
