import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CODES, startEmulator, type Emulator, type EmulatorInfo, type Fault, type RequestRecord } from '../../emulator/index.js'
import { makeCertificate, type TestCertificate } from './certs.js'
import { isDocumented, responseProblems } from './openapi.js'

let emulator: Emulator

beforeEach(async () => {
  emulator = await startEmulator()
})

afterEach(async () => {
  await emulator.close()
})

const collection = () => `/accounts/${emulator.accountId}/mtls_certificates`
const item = (id: string) => `${collection()}/${encodeURIComponent(id)}`

interface ErrorItem {
  code: number
  message: string
  source?: { pointer: string }
  error_chain?: { code: number; message: string }[]
}

interface Envelope {
  success: boolean
  errors: ErrorItem[]
  messages: unknown[]
  // The result's shape depends on the route (and on the fault being tested): tests inspect it field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  result: any
  result_info?: Record<string, number>
}

interface Answer {
  status: number
  headers: Headers
  body: Envelope
}

interface CallOptions {
  body?: unknown
  headers?: Record<string, string>
  /** skip the OpenAPI check (for answers that deliberately break it) */
  unchecked?: boolean
}

/** The documented operation a path belongs to, for the OpenAPI check. */
function templateOf(path: string): string | undefined {
  const m = /^\/accounts\/[^/]+\/mtls_certificates(\/[^/?]+)?(\/associations)?(\?.*)?$/.exec(path)
  if (!m) return undefined
  return `/accounts/{account_id}/mtls_certificates${m[1] ? '/{mtls_certificate_id}' : ''}${m[2] ?? ''}`
}

/** Calls the API with the emulator's token and checks the answer against Cloudflare's OpenAPI document. */
async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${emulator.token}`, ...options.headers }
  let body: string | undefined
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    headers['content-type'] = 'application/json'
  }
  const res = await fetch(`${emulator.url}${path}`, { method, headers, body })
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  const answer = { status: res.status, headers: res.headers, body: (await res.json()) as Envelope }
  const template = templateOf(path)
  if (!options.unchecked && template && isDocumented(method, template)) {
    const problems = responseProblems(method, template, answer.status, answer.body)
    expect(problems, `${method} ${path} → ${answer.status} conforms to the OpenAPI document`).toEqual([])
  }
  return answer
}

/** A GET with exactly these headers (no default credentials). */
async function raw(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${emulator.url}${path}`, { headers })
  return { status: res.status, headers: res.headers, body: (await res.json()) as Envelope }
}

const upload = (body: unknown, options: CallOptions = {}) => call('POST', collection(), { ...options, body })

function expectError(answer: Answer, status: number, code: number): void {
  expect(answer.status).toBe(status)
  expect(answer.body.success).toBe(false)
  expect(answer.body.result).toBeNull()
  expect(answer.body.messages).toEqual([])
  expect(answer.body.errors.map((e) => e.code)).toContain(code)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
const MICROSECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/

describe('authentication and routing', () => {
  it('accepts a bearer token', async () => {
    const answer = await call('GET', collection())
    expect(answer.status).toBe(200)
    expect(answer.body.success).toBe(true)
  })

  it('accepts the legacy X-Auth-Email + X-Auth-Key pair', async () => {
    const res = await fetch(`${emulator.url}${collection()}`, {
      headers: { 'x-auth-email': emulator.email, 'x-auth-key': emulator.apiKey }
    })
    expect(res.status).toBe(200)
  })

  it('answers 400 / 9106 when no credentials are sent', async () => {
    const answer = await raw(collection())
    expectError(answer, 400, 9106)
    expect(answer.body.errors[0]?.message).toBe('Missing X-Auth-Key, X-Auth-Email or Authorization headers')
  })

  it('answers 400 / 9106 when only half of the legacy pair is sent', async () => {
    expectError(await raw(collection(), { 'x-auth-email': emulator.email }), 400, 9106)
  })

  it('answers 403 / 10000 for a wrong token', async () => {
    expectError(await call('GET', collection(), { headers: { authorization: 'Bearer not-the-token' } }), 403, 10000)
  })

  it('answers 403 / 9103 for a wrong legacy key', async () => {
    expectError(await raw(collection(), { 'x-auth-email': emulator.email, 'x-auth-key': 'f'.repeat(37) }), 403, 9103)
  })

  it('answers 400 / 6003 with a 6111 error_chain for an Authorization header that is not "Bearer <token>"', async () => {
    const answer = await call('GET', collection(), { headers: { authorization: `Token ${emulator.token}` } })
    expectError(answer, 400, 6003)
    expect(answer.body.errors[0]?.error_chain).toEqual([{ code: 6111, message: 'Invalid format for Authorization header' }])
  })

  it('answers 403 / 10000 for another (well-formed) account id', async () => {
    expectError(await call('GET', `/accounts/${'f'.repeat(32)}/mtls_certificates`), 403, 10000)
  })

  it('answers 404 / 7003 for an account id that is not 32 hex characters, before checking credentials', async () => {
    expectError(await raw('/accounts/not-an-account/mtls_certificates'), 404, 7003)
  })

  it('answers 404 / 7003 "Could not route to …" for an unknown path under /client/v4', async () => {
    const answer = await call('GET', `/accounts/${emulator.accountId}/mtls_certificatez`)
    expectError(answer, 404, 7003)
    expect(answer.body.errors[0]?.message).toMatch(/^Could not route to \/accounts\//)
  })

  it('answers 404 / 7000 outside /client/v4', async () => {
    const res = await fetch(emulator.url.replace('/client/v4', '/v5/anything'))
    expectError({ status: res.status, headers: res.headers, body: (await res.json()) as Envelope }, 404, 7000)
  })

  it('answers 405 with an Allow header for a method the path does not have', async () => {
    const answer = await call('PUT', collection(), { body: {} })
    expectError(answer, 405, CODES.METHOD_NOT_ALLOWED)
    expect(answer.headers.get('allow')).toBe('GET, POST')
  })

  it('answers 404 / 7003 for a certificate id that cannot be an identifier', async () => {
    expectError(await call('GET', item('x'.repeat(40))), 404, 7003)
  })
})

describe('upload', () => {
  it('stores an EC CA and answers with every field in Cloudflare format', async () => {
    const ca = await makeCertificate({
      kind: 'ec',
      name: 'C=US, ST=San Francisco, L=California, O=Example Inc.',
      serialNumber: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      notAfter: new Date('2031-05-06T07:08:09.567Z')
    })
    const answer = await upload({ ca: true, certificates: ca.pem, name: 'my ca' })
    expect(answer.status).toBe(200)
    const r = answer.body.result
    expect(r.id).toMatch(UUID)
    expect(r.ca).toBe(true)
    expect(r.name).toBe('my ca')
    expect(r.type).toBe('custom')
    expect(r.certificates).toBe(ca.pem.trimEnd()) // normalised: trailing newline trimmed
    expect(r.issuer).toBe('O=Example Inc.,L=California,ST=San Francisco,C=US') // RDNs reversed, no spaces
    expect(r.serial_number).toBe(BigInt('0x0a1b2c3d4e5f60718293a4b5c6d7e8f9').toString(10))
    expect(r.expires_on).toBe('2031-05-06T07:08:09Z')
    expect(r.expires_on).toMatch(SECONDS)
    expect(r.signature).toBe('ECDSAWithSHA256')
    expect(r.uploaded_on).toMatch(MICROSECONDS)
    expect(r.updated_at).toBe(r.uploaded_on)
  })

  it('names an RSA CA signature SHA256WithRSA', async () => {
    const ca = await makeCertificate({ kind: 'rsa' })
    const answer = await upload({ ca: true, certificates: ca.pem })
    expect(answer.status).toBe(200)
    expect(answer.body.result.signature).toBe('SHA256WithRSA')
  })

  it('prints names the way Go does: canonical order, escaped values, unknown attributes as OID=#hex', async () => {
    // DER order CN, O, C, emailAddress: Go regroups into C, O, CN (then reverses) and puts the
    // attribute it has no short name for at the end, re-encoded as a UTF8String.
    const ca = await makeCertificate({ name: [{ CN: ['Zed'] }, { O: ['Example, Inc.'] }, { C: ['US'] }, { E: ['ca@example.com'] }] })
    const answer = await upload({ ca: true, certificates: ca.pem })
    const emailHex = Buffer.from('ca@example.com').toString('hex')
    expect(answer.body.result.issuer).toBe(`CN=Zed,O=Example\\, Inc.,C=US,1.2.840.113549.1.9.1=#0c0e${emailHex}`)
  })

  it('gives the upload answer an updated_at that get and list do not have, and the same object otherwise', async () => {
    const ca = await makeCertificate()
    const uploaded = (await upload({ ca: true, certificates: ca.pem })).body.result
    const got = (await call('GET', item(uploaded.id))).body.result
    const listed = (await call('GET', collection())).body.result[0]
    const { updated_at: _updated, ...rest } = uploaded
    expect(got).toEqual(rest)
    expect(listed).toEqual(rest)
    expect(got).not.toHaveProperty('updated_at')
  })

  it('answers 1471 for a certificate already stored, whatever its name or PEM formatting', async () => {
    const ca = await makeCertificate()
    expect((await upload({ ca: true, certificates: ca.pem, name: 'first' })).status).toBe(200)
    const crlf = ca.pem.trim().replace(/\n/g, '\r\n')
    const answer = await upload({ ca: true, certificates: crlf, name: 'second' })
    expectError(answer, 400, 1471)
    expect(answer.body.errors[0]?.message).toBe('This certificate already exists')
    expect(emulator.certificates()).toHaveLength(1)
  })

  it('answers 1489 for the sixth custom CA; leaves and managed CAs do not count', async () => {
    const managed = await makeCertificate()
    emulator.seed([{ pem: managed.pem, type: 'gateway_managed' }])
    for (let i = 0; i < 5; i++) {
      const ca = await makeCertificate()
      expect((await upload({ ca: true, certificates: ca.pem })).status).toBe(200)
    }
    const sixth = await makeCertificate()
    expectError(await upload({ ca: true, certificates: sixth.pem }), 400, 1489)
    const leaf = await makeCertificate({ ca: false })
    expect((await upload({ ca: false, certificates: leaf.pem, private_key: leaf.keyPem })).status).toBe(200)
  })

  it('frees a CA slot when a CA is deleted', async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await upload({ ca: true, certificates: (await makeCertificate()).pem })).body.result.id)
    await call('DELETE', item(ids[0] as string))
    expect((await upload({ ca: true, certificates: (await makeCertificate()).pem })).status).toBe(200)
  })

  describe('client (leaf) certificates, ca: false', () => {
    let ca: TestCertificate
    let leaf: TestCertificate
    beforeEach(async () => {
      ca = await makeCertificate()
      leaf = await makeCertificate({ ca: false, issuer: ca })
    })

    it('stores a leaf + chain with its matching key and never echoes the key', async () => {
      const answer = await upload({ ca: false, certificates: leaf.pem + ca.pem, private_key: leaf.keyPem, name: 'client' })
      expect(answer.status).toBe(200)
      expect(answer.body.result.ca).toBe(false)
      expect(answer.body.result).not.toHaveProperty('private_key')
      expect(JSON.stringify(answer.body)).not.toContain('PRIVATE KEY')
      expect(JSON.stringify((await call('GET', collection())).body)).not.toContain('PRIVATE KEY')
      expect(answer.body.result.issuer).toMatch(/^CN=Test CA \d+,O=Example Inc\.,C=US$/)
    })

    it('requires private_key (1000, pointer /private_key)', async () => {
      const answer = await upload({ ca: false, certificates: leaf.pem })
      expectError(answer, 400, CODES.INVALID_REQUEST)
      expect(answer.body.errors[0]?.source).toEqual({ pointer: '/private_key' })
    })

    it('refuses a key that does not match the first certificate', async () => {
      const other = await makeCertificate({ ca: false })
      expectError(await upload({ ca: false, certificates: leaf.pem, private_key: other.keyPem }), 400, CODES.KEY_MISMATCH)
      // the key matches the leaf, but the leaf is not first
      expectError(await upload({ ca: false, certificates: ca.pem + leaf.pem, private_key: leaf.keyPem }), 400, CODES.KEY_MISMATCH)
    })

    it('refuses a key it cannot read', async () => {
      expectError(await upload({ ca: false, certificates: leaf.pem, private_key: 'not a key' }), 400, CODES.UNPARSEABLE_KEY)
    })
  })

  it('refuses a private key with a CA upload (a CA needs none; sending one is a leak)', async () => {
    const ca = await makeCertificate()
    const answer = await upload({ ca: true, certificates: ca.pem, private_key: ca.keyPem })
    expectError(answer, 400, CODES.INVALID_REQUEST)
    expect(answer.body.errors[0]?.source).toEqual({ pointer: '/private_key' })
  })

  it('refuses ca: true for a certificate without Basic Constraints CA:TRUE', async () => {
    const leaf = await makeCertificate({ ca: false })
    expectError(await upload({ ca: true, certificates: leaf.pem }), 400, CODES.NOT_A_CA)
  })

  it('refuses a CA signed with an algorithm Cloudflare does not accept for BYO CA (Ed25519)', async () => {
    const ca = await makeCertificate({ kind: 'ed25519' })
    const answer = await upload({ ca: true, certificates: ca.pem })
    expectError(answer, 400, CODES.UNSUPPORTED_SIGNATURE)
    expect(answer.body.errors[0]?.message).toContain('Ed25519')
  })

  it.each([
    ['text that is not PEM', () => 'hello'],
    ['a certificate and its key in one text', (c: TestCertificate) => c.pem + c.keyPem],
    ['a public key', () => '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----'],
    ['damaged base64', (c: TestCertificate) => c.pem.replace(/\n(.{10})/, '\n!$1')],
    [
      'a truncated certificate',
      (c: TestCertificate) =>
        c.pem
          .split('\n')
          .filter((_, i) => i < 4 || i > 7)
          .join('\n')
    ],
    ['a block that never ends', (c: TestCertificate) => c.pem.replace('-----END CERTIFICATE-----', '')]
  ])('answers "Unable to parse certificate" (1414) for %s', async (_what, make) => {
    const answer = await upload({ ca: true, certificates: make(await makeCertificate()) })
    expectError(answer, 400, CODES.UNPARSEABLE_CERTIFICATE)
    expect(answer.body.errors[0]?.message).toBe('Unable to parse certificate')
  })

  it('validates body types like Cloudflare: one 1000 error per bad field, with a JSON pointer', async () => {
    const answer = await upload({ ca: 'yes', certificates: 5, name: 3 })
    expectError(answer, 400, CODES.INVALID_REQUEST)
    expect(answer.body.errors.map((e) => e.source?.pointer)).toEqual(['/ca', '/certificates', '/name'])
    const missing = await upload({})
    expect(missing.body.errors.map((e) => e.source?.pointer)).toEqual(['/ca', '/certificates'])
  })

  it('answers 6007 for a body that is not JSON', async () => {
    expectError(await upload('{"ca": true,'), 400, CODES.MALFORMED_JSON)
  })
})

describe('list', () => {
  it('pages 120 certificates as 50 + 50 + 20 with result_info, oldest first', async () => {
    emulator.seedSynthetic(120)
    const pages: Envelope[] = []
    for (let page = 1; page <= 4; page++) pages.push((await call('GET', `${collection()}?page=${page}`)).body)
    expect(pages.map((p) => p.result.length)).toEqual([50, 50, 20, 0])
    expect(pages[0]?.result_info).toEqual({ page: 1, per_page: 50, count: 50, total_count: 120, total_pages: 3 })
    expect(pages[2]?.result_info).toEqual({ page: 3, per_page: 50, count: 20, total_count: 120, total_pages: 3 })
    expect(pages[3]?.result_info).toEqual({ page: 4, per_page: 50, count: 0, total_count: 120, total_pages: 3 })
    const all = pages.flatMap((p) => p.result)
    expect(new Set(all.map((c: { id: string }) => c.id)).size).toBe(120)
    expect(new Set(all.map((c: { serial_number: string }) => c.serial_number)).size).toBe(120)
    const uploaded = all.map((c: { uploaded_on: string }) => c.uploaded_on)
    expect([...uploaded].sort()).toEqual(uploaded)
    expect(all.map((c: { name: string }) => c.name).slice(0, 2)).toEqual(['synthetic-ca-0001', 'synthetic-ca-0002'])
  })

  it('honours per_page up to 50 and clamps larger values', async () => {
    emulator.seedSynthetic(120)
    expect((await call('GET', `${collection()}?per_page=20`)).body.result_info).toMatchObject({ per_page: 20, total_pages: 6 })
    expect((await call('GET', `${collection()}?per_page=1000`)).body.result_info).toMatchObject({ per_page: 50, count: 50 })
  })

  it.each(['page=abc', 'page=0', 'per_page=-1', 'per_page=1.5'])('answers 400 / 1000 for %s', async (query) => {
    expectError(await call('GET', `${collection()}?${query}`), 400, CODES.INVALID_REQUEST)
  })

  it('filters by type, comma-separated or repeated; no type means every type', async () => {
    emulator.seedSynthetic(3, { type: 'custom' })
    emulator.seedSynthetic(2, { type: 'gateway_managed' })
    emulator.seedSynthetic(1, { type: 'access_managed' })
    const types = async (query: string) => ((await call('GET', `${collection()}${query}`)).body.result as { type: string }[]).map((c) => c.type).sort()
    expect(await types('?type=gateway_managed')).toEqual(['gateway_managed', 'gateway_managed'])
    expect(await types('?type=custom,access_managed')).toEqual(['access_managed', 'custom', 'custom', 'custom'])
    expect(await types('?type=custom&type=access_managed')).toEqual(['access_managed', 'custom', 'custom', 'custom'])
    expect(await types('')).toHaveLength(6)
    expectError(await call('GET', `${collection()}?type=bogus`), 400, CODES.INVALID_REQUEST)
  })

  it('serves synthetic certificates whose PEM is real X.509 that agrees with their fields', async () => {
    const { X509Certificate } = await import('node:crypto')
    emulator.seedSynthetic(2)
    const [first] = (await call('GET', collection())).body.result
    const parsed = new X509Certificate(first.certificates)
    expect(parsed.ca).toBe(true)
    expect(BigInt(`0x${parsed.serialNumber}`).toString()).toBe(first.serial_number)
    expect(new Date(parsed.validTo).toISOString().replace('.000Z', 'Z')).toBe(first.expires_on)
    expect(first.issuer).toBe('CN=synthetic-ca-0001,O=Emulator Synthetic,C=US')
  })

  it('seeds 1,000 synthetic certificates in well under a second', () => {
    const started = performance.now()
    expect(emulator.seedSynthetic(1000)).toHaveLength(1000)
    expect(performance.now() - started).toBeLessThan(1000)
  })
})

describe('get, delete and associations', () => {
  async function stored(): Promise<string> {
    return (await upload({ ca: true, certificates: (await makeCertificate()).pem })).body.result.id
  }

  it('answers 404 / 1472 "Certificate not found" for an unknown id', async () => {
    const answer = await call('GET', item('00000000-0000-4000-8000-000000000000'))
    expectError(answer, 404, 1472)
    expect(answer.body.errors[0]?.message).toBe('Certificate not found')
  })

  it('refuses to delete a certificate with associations (1473), then deletes it once they are gone', async () => {
    const id = await stored()
    emulator.setAssociations(id, [{ service: 'gateway', status: 'pending_deployment' }])
    expect((await call('GET', `${item(id)}/associations`)).body.result).toEqual([{ service: 'gateway', status: 'pending_deployment' }])
    const refused = await call('DELETE', item(id))
    expectError(refused, 400, CODES.IN_USE)
    expect(refused.body.errors[0]?.message).toContain('gateway')
    expect(emulator.certificates()).toHaveLength(1)

    emulator.setAssociations(id, [])
    const deleted = await call('DELETE', item(id))
    expect(deleted.status).toBe(200)
    expect(deleted.body.result.id).toBe(id)
    expect(deleted.body.result).not.toHaveProperty('updated_at')
    expectError(await call('GET', item(id)), 404, 1472)
    expectError(await call('DELETE', item(id)), 404, 1472)
  })

  it('refuses to delete a Cloudflare-managed certificate (403 / 1474)', async () => {
    const [id] = emulator.seedSynthetic(1, { type: 'access_managed' })
    expectError(await call('DELETE', item(id as string)), 403, CODES.MANAGED)
    expect(emulator.certificates()).toHaveLength(1)
  })

  it('answers associations with an empty list by default and 1472 for an unknown id', async () => {
    const id = await stored()
    expect((await call('GET', `${item(id)}/associations`)).body.result).toEqual([])
    expectError(await call('GET', `${item('00000000-0000-4000-8000-000000000000')}/associations`), 404, 1472)
  })
})

describe('request log, latency and concurrency', () => {
  it('logs each API request with route, status, query, credential kind, body keys and error codes; not admin calls', async () => {
    const ca = await makeCertificate()
    await upload({ ca: true, certificates: ca.pem, name: 'n' }, { headers: { 'user-agent': 'test-agent/1' } })
    await call('GET', `${collection()}?type=custom&type=gateway_managed&page=1`)
    await call('GET', item('00000000-0000-4000-8000-000000000000'))
    await fetch(`${emulator.adminUrl}/certificates`)
    const log: readonly RequestRecord[] = emulator.requests
    expect(log.map((r) => [r.method, r.route, r.status])).toEqual([
      ['POST', 'upload', 200],
      ['GET', 'list', 200],
      ['GET', 'get', 404]
    ])
    expect(log[0]).toMatchObject({ seq: 1, auth: 'token', userAgent: 'test-agent/1', bodyKeys: ['ca', 'certificates', 'name'], errorCodes: [] })
    expect(log[0]?.path).toBe(`/client/v4${collection()}`)
    expect(log[1]?.query).toEqual({ type: 'custom,gateway_managed', page: '1' })
    expect(log[2]?.errorCodes).toEqual([1472])
    expect(typeof log[0]?.at).toBe('number')
    emulator.clearRequests()
    expect(emulator.requests).toHaveLength(0)
  })

  it('delays every API request by latencyMs and records the most requests in flight at once', async () => {
    await emulator.close()
    emulator = await startEmulator({ latencyMs: 60 })
    await Promise.all(Array.from({ length: 4 }, () => call('GET', collection())))
    expect(emulator.maxConcurrency).toBe(4)
    expect(Math.min(...emulator.requests.map((r) => r.durationMs ?? 0))).toBeGreaterThanOrEqual(55)
    emulator.resetMaxConcurrency()
    await call('GET', collection())
    await call('GET', collection())
    expect(emulator.maxConcurrency).toBe(1)
  })
})

describe('faults', () => {
  const get = () => fetch(`${emulator.url}${collection()}`, { headers: { authorization: `Bearer ${emulator.token}` } })

  it('rate-limit: 429, code 971 and Retry-After in seconds, once', async () => {
    emulator.injectFault({ kind: 'rate-limit', retryAfter: 3 })
    const limited = await get()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('3')
    expect(((await limited.json()) as Envelope).errors[0]?.code).toBe(971)
    expect((await get()).status).toBe(200)
    expect(emulator.requests.map((r) => r.fault)).toEqual(['rate-limit', undefined])
  })

  it('rate-limit with retryAfter: null sends no Retry-After', async () => {
    emulator.injectFault({ kind: 'rate-limit', retryAfter: null })
    const limited = await get()
    expect(limited.status).toBe(429)
    expect(limited.headers.has('retry-after')).toBe(false)
  })

  it('server-error: the given 5xx with a JSON envelope, `times` times', async () => {
    emulator.injectFault({ kind: 'server-error', status: 503, times: 2 })
    for (const expected of [503, 503, 200]) {
      const res = await get()
      expect(res.status).toBe(expected)
      const body = (await res.json()) as Envelope
      expect(body.success).toBe(expected === 200)
    }
  })

  it('html-502: a 502 with an HTML body, as Cloudflare’s edge sends', async () => {
    emulator.injectFault({ kind: 'html-502' })
    const res = await get()
    expect(res.status).toBe(502)
    expect(res.headers.get('content-type')).toBe('text/html')
    expect(await res.text()).toContain('<title>502 Bad Gateway</title>')
  })

  it('reset: the connection is reset without an answer', async () => {
    emulator.injectFault({ kind: 'reset' })
    await expect(get()).rejects.toThrow()
    expect(emulator.requests[0]).toMatchObject({ status: 0, fault: 'reset' })
    expect((await get()).status).toBe(200)
  })

  it('hang: no answer until the client gives up; nothing stays in flight', async () => {
    emulator.injectFault({ kind: 'hang' })
    const started = performance.now()
    await expect(fetch(`${emulator.url}${collection()}`, { headers: { authorization: `Bearer ${emulator.token}` }, signal: AbortSignal.timeout(150) })).rejects.toThrow()
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    await vi.waitFor(() => expect(emulator.inFlight).toBe(0))
  })

  it('truncated: 200 whose JSON body stops half way', async () => {
    emulator.seedSynthetic(3)
    emulator.injectFault({ kind: 'truncated' })
    const res = await get()
    expect(res.status).toBe(200)
    await expect(res.json()).rejects.toThrow()
  })

  it('non-json: 200 with a text/plain body', async () => {
    emulator.injectFault({ kind: 'non-json' })
    const res = await get()
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    await expect(res.json()).rejects.toThrow()
  })

  it('bad-schema: a 200 success envelope whose result breaks the OpenAPI types', async () => {
    const [id] = emulator.seedSynthetic(1)
    emulator.injectFault({ kind: 'bad-schema', route: 'get' })
    const answer = await call('GET', item(id as string), { unchecked: true })
    expect(answer.status).toBe(200)
    expect(answer.body.result).toMatchObject({ id: 42, ca: 'yes' })
    const template = '/accounts/{account_id}/mtls_certificates/{mtls_certificate_id}'
    expect(responseProblems('GET', template, 200, answer.body).length).toBeGreaterThan(0)
  })

  it('lost-response: the upload is stored but the answer never comes, so a blind retry meets 1471', async () => {
    const ca = await makeCertificate()
    emulator.injectFault({ kind: 'lost-response', route: 'upload' })
    await expect(
      fetch(`${emulator.url}${collection()}`, {
        method: 'POST',
        headers: { 'authorization': `Bearer ${emulator.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ca: true, certificates: ca.pem })
      })
    ).rejects.toThrow()
    expect(emulator.certificates()).toHaveLength(1)
    expect(emulator.requests[0]).toMatchObject({ status: 0, performedStatus: 200, fault: 'lost-response' })
    expectError(await upload({ ca: true, certificates: ca.pem }), 400, 1471)
  })

  it('matches faults by route, method and query, can skip requests, and is consumed as it fires', async () => {
    emulator.seedSynthetic(60)
    emulator.injectFault({ kind: 'server-error', route: 'list', query: { page: '2' } })
    emulator.injectFault({ kind: 'server-error', method: 'DELETE', skip: 1 })
    expect((await call('GET', `${collection()}?page=1`)).status).toBe(200)
    expect((await call('GET', `${collection()}?page=2`, { unchecked: true })).status).toBe(500)
    expect((await call('GET', `${collection()}?page=2`)).status).toBe(200)
    const [a, b] = emulator.certificates()
    expect((await call('DELETE', item(a?.id as string))).status).toBe(200) // skipped
    expect((await call('DELETE', item(b?.id as string), { unchecked: true })).status).toBe(500)
    expect(emulator.faults()).toEqual([])
  })

  it('keeps a fault with times "always" (or -1) until cleared', async () => {
    emulator.injectFault({ kind: 'server-error', times: 'always' })
    emulator.injectFault({ kind: 'rate-limit', times: -1 })
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(500)
    expect(emulator.faults()[0]).toMatchObject({ remaining: Infinity, fired: 3 })
    emulator.clearFaults()
    expect((await get()).status).toBe(200)
  })

  it('refuses a fault it does not know, naming the kinds it does', () => {
    expect(() => emulator.injectFault({ kind: 'gremlins' } as unknown as Fault)).toThrow(/unknown fault kind "gremlins"; expected one of rate-limit/)
    expect(() => emulator.injectFault({ kind: 'hang', times: 0 })).toThrow(/times/)
  })
})

describe('close', () => {
  it('closes promptly while a request hangs', async () => {
    emulator.injectFault({ kind: 'hang' })
    const pending = fetch(`${emulator.url}${collection()}`, { headers: { authorization: `Bearer ${emulator.token}` } })
    await vi.waitFor(() => expect(emulator.inFlight).toBe(1))
    const started = performance.now()
    await emulator.close()
    expect(performance.now() - started).toBeLessThan(500)
    await expect(pending).rejects.toThrow()
  })

  it('closes promptly while a request waits out its latency', async () => {
    emulator.latencyMs = 10_000
    const pending = fetch(`${emulator.url}${collection()}`, { headers: { authorization: `Bearer ${emulator.token}` } })
    await vi.waitFor(() => expect(emulator.inFlight).toBe(1))
    const started = performance.now()
    await emulator.close()
    expect(performance.now() - started).toBeLessThan(500)
    await expect(pending).rejects.toThrow()
  })
})

describe('CLI and admin endpoints', () => {
  const cli = fileURLToPath(new URL('../../emulator/cli.js', import.meta.url))

  it('prints one JSON line when listening, is driven over /__emulator/, and exits on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--token', 'cli-token', '--seed-synthetic', '3'], {
      stdio: ['ignore', 'pipe', 'inherit']
    })
    try {
      const lines = createInterface({ input: child.stdout })
      const [line] = (await once(lines, 'line')) as [string]
      const info = JSON.parse(line) as EmulatorInfo
      expect(info).toMatchObject({ token: 'cli-token', accountId: emulator.accountId })
      expect(info.url).toBe(`http://127.0.0.1:${info.port}/client/v4`)

      const admin = (path: string, init?: RequestInit) => fetch(`${info.adminUrl}${path}`, init)
      const json = (body: unknown, method = 'POST'): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      const api = (path: string) => fetch(`${info.url}/accounts/${info.accountId}/mtls_certificates${path}`, { headers: { authorization: 'Bearer cli-token' } })

      expect(await (await admin('/certificates')).json()).toHaveLength(3)
      expect((await admin('/seed-synthetic', json({ count: 2, type: 'gateway_managed' }))).status).toBe(201)
      const ca = await makeCertificate()
      const seeded = (await (await admin('/seed', json([{ pem: ca.pem, name: 'seeded' }]))).json()) as { ids: string[] }
      const id = seeded.ids[0] as string
      const put = await admin(`/associations/${id}`, json([{ service: 'gateway', status: 'active' }], 'PUT'))
      expect(await put.json()).toEqual([{ service: 'gateway', status: 'active' }])
      expect(((await (await api(`/${id}/associations`)).json()) as Envelope).result).toEqual([{ service: 'gateway', status: 'active' }])

      expect((await admin('/faults', json({ kind: 'server-error', status: 502 }))).status).toBe(201)
      expect((await api('')).status).toBe(502)
      expect((await admin('/faults', json({ kind: 'nope' }))).status).toBe(400)
      expect((await admin('/faults', json({ kind: 'rate-limit' }))).status).toBe(201)
      expect((await admin('/faults', { method: 'DELETE' })).status).toBe(204)
      expect(await (await admin('/faults')).json()).toEqual([])

      const list = (await (await api('?per_page=50')).json()) as Envelope
      expect(list.result_info?.total_count).toBe(6)
      const log = (await (await admin('/requests')).json()) as RequestRecord[]
      expect(log.map((r) => r.route)).toEqual(['associations', 'list', 'list'])
      expect(log[1]?.fault).toBe('server-error')
      expect((await admin('/requests', { method: 'DELETE' })).status).toBe(204)
      expect(await (await admin('/requests')).json()).toEqual([])

      expect((await admin('/settings', json({ latencyMs: 5 }, 'PATCH'))).status).toBe(200)
      expect(await (await admin('/stats')).json()).toMatchObject({ certificates: 6, inFlight: 0 })
      expect((await admin('/reset', { method: 'POST' })).status).toBe(204)
      expect(await (await admin('/certificates')).json()).toEqual([])
      expect((await admin('/nothing-here')).status).toBe(404)
    } finally {
      const started = performance.now()
      child.kill('SIGTERM')
      const [code] = (await once(child, 'exit')) as [number | null]
      expect(code).toBe(0)
      expect(performance.now() - started).toBeLessThan(2000)
    }
  })

  it('serves the admin endpoints of an in-process emulator too', async () => {
    const ca = await makeCertificate()
    const res = await fetch(`${emulator.adminUrl}/seed`, { method: 'POST', body: JSON.stringify({ certificates: [{ pem: ca.pem, type: 'gateway_managed' }] }) })
    expect(res.status).toBe(201)
    expect(emulator.certificates()[0]?.type).toBe('gateway_managed')
    expect((await fetch(`${emulator.adminUrl}/associations/00000000-0000-4000-8000-000000000000`, { method: 'PUT', body: '[]' })).status).toBe(404)
    expect(emulator.requests).toHaveLength(0)
  })
})
