/**
 * The zone endpoint /zones/{zone_id}/certificate_authorities/hostname_associations, and what it
 * does to the account endpoints: the association it shows, DELETE refused while bound, the
 * linger after unbinding, paging of /associations, zone permissions and faults.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  CODES,
  DEFAULT_HOSTNAME_SERVICE,
  DEFAULT_ZONE_ID,
  startEmulator,
  type Emulator,
  type EmulatorInfo,
  type EmulatorOptions,
  type ZoneSnapshot
} from '../../emulator/index.js'
import { makeCertificate } from './certs.js'
import { responseProblems } from './openapi.js'

const ZONES = '/zones/{zone_id}/certificate_authorities/hostname_associations'
const ASSOCIATIONS = '/accounts/{account_id}/mtls_certificates/{mtls_certificate_id}/associations'
const OTHER_ZONE = 'abcdefabcdefabcdefabcdefabcdefab'

let emulator: Emulator

async function restart(options: EmulatorOptions = {}): Promise<void> {
  await emulator?.close()
  emulator = await startEmulator({ zones: [DEFAULT_ZONE_ID, OTHER_ZONE], ...options })
}

beforeEach(async () => {
  emulator = await startEmulator({ zones: [DEFAULT_ZONE_ID, OTHER_ZONE] })
})

afterEach(async () => {
  vi.useRealTimers()
  await emulator.close()
})

interface Envelope {
  success: boolean
  errors: { code: number; message: string; source?: { pointer: string } }[]
  messages: unknown[]
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
  /** the OpenAPI template to check the answer against; none for answers that deliberately break it */
  template?: string | null
}

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
  const template = options.template === undefined ? (path.startsWith('/zones/') ? ZONES : undefined) : options.template
  if (template) {
    expect(responseProblems(method, template, answer.status, answer.body), `${method} ${path} → ${answer.status} conforms to the OpenAPI document`).toEqual([])
  }
  return answer
}

const zonePath = (zoneId = emulator.zoneId) => `/zones/${zoneId}/certificate_authorities/hostname_associations`
const getHostnames = (id: string | null, zoneId?: string, options: CallOptions = {}) =>
  call('GET', `${zonePath(zoneId)}${id === null ? '' : `?mtls_certificate_id=${encodeURIComponent(id)}`}`, options)
const putHostnames = (body: unknown, zoneId?: string, options: CallOptions = {}) => call('PUT', zonePath(zoneId), { ...options, body })
const certPath = (id: string) => `/accounts/${emulator.accountId}/mtls_certificates/${id}`
const accountAssociations = (id: string, query = '') => call('GET', `${certPath(id)}/associations${query}`, { template: ASSOCIATIONS })

function expectError(answer: Answer, status: number, code: number): void {
  expect(answer.status).toBe(status)
  expect(answer.body.success).toBe(false)
  expect(answer.body.result).toBeNull()
  expect(answer.body.errors.map((e) => e.code)).toContain(code)
}

async function uploadCa(): Promise<string> {
  const ca = await makeCertificate()
  const answer = await call('POST', `/accounts/${emulator.accountId}/mtls_certificates`, { body: { ca: true, certificates: ca.pem } })
  expect(answer.status).toBe(200)
  return answer.body.result.id as string
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

describe('GET and PUT hostname associations', () => {
  it('PUT replaces the certificate’s set in the zone, and GET answers it in the envelope', async () => {
    const id = await uploadCa()
    expect((await getHostnames(id)).body).toEqual({ success: true, errors: [], messages: [], result: { hostnames: [] } })
    const first = await putHostnames({ hostnames: ['a.example.com', 'b.example.com'], mtls_certificate_id: id })
    expect(first.status).toBe(200)
    expect(first.body.result).toEqual({ hostnames: ['a.example.com', 'b.example.com'] })
    // a replacement, not an addition
    expect((await putHostnames({ hostnames: ['c.example.com'], mtls_certificate_id: id })).body.result).toEqual({ hostnames: ['c.example.com'] })
    expect((await getHostnames(id)).body.result).toEqual({ hostnames: ['c.example.com'] })
    expect(emulator.hostnames(emulator.zoneId, id)).toEqual(['c.example.com'])
    // an empty array removes them all
    expect((await putHostnames({ hostnames: [], mtls_certificate_id: id })).body.result).toEqual({ hostnames: [] })
    expect((await getHostnames(id)).body.result).toEqual({ hostnames: [] })
  })

  it('lowercases hostnames and drops duplicates, first occurrence first', async () => {
    const id = await uploadCa()
    const answer = await putHostnames({ hostnames: ['B.Example.com', 'a.example.com', 'b.example.COM'], mtls_certificate_id: id })
    expect(answer.body.result).toEqual({ hostnames: ['b.example.com', 'a.example.com'] })
  })

  it('keeps one set per zone and per certificate', async () => {
    const [a, b] = [await uploadCa(), await uploadCa()]
    await putHostnames({ hostnames: ['a.example.com'], mtls_certificate_id: a })
    await putHostnames({ hostnames: ['b.example.com', 'a.example.com'], mtls_certificate_id: b })
    await putHostnames({ hostnames: ['a.example.org'], mtls_certificate_id: a }, OTHER_ZONE)
    expect((await getHostnames(a)).body.result.hostnames).toEqual(['a.example.com'])
    expect((await getHostnames(b)).body.result.hostnames).toEqual(['b.example.com', 'a.example.com'])
    expect((await getHostnames(a, OTHER_ZONE)).body.result.hostnames).toEqual(['a.example.org'])
    expect((await getHostnames(b, OTHER_ZONE)).body.result.hostnames).toEqual([])
    const zones: ZoneSnapshot[] = emulator.zones()
    expect(zones).toEqual([
      { id: DEFAULT_ZONE_ID, name: null, managed: [], certificates: { [a]: ['a.example.com'], [b]: ['b.example.com', 'a.example.com'] } },
      { id: OTHER_ZONE, name: null, managed: [], certificates: { [a]: ['a.example.org'] } }
    ])
  })

  it('without mtls_certificate_id, GET and PUT act on the zone’s Cloudflare-managed CA, a separate set', async () => {
    const id = await uploadCa()
    await putHostnames({ hostnames: ['mine.example.com'], mtls_certificate_id: id })
    const managed = await putHostnames({ hostnames: ['managed.example.com'] })
    expect(managed.body.result).toEqual({ hostnames: ['managed.example.com'] })
    expect((await getHostnames(null)).body.result).toEqual({ hostnames: ['managed.example.com'] })
    expect((await getHostnames(id)).body.result).toEqual({ hostnames: ['mine.example.com'] })
    // JSON null is "not sent" too
    await putHostnames({ hostnames: [], mtls_certificate_id: null })
    expect(emulator.hostnames(emulator.zoneId, null)).toEqual([])
    expect(emulator.hostnames(emulator.zoneId, id)).toEqual(['mine.example.com'])
    expect(emulator.zones()[0]?.managed).toEqual([])
    // the managed CA's set shows on no account certificate
    expect((await accountAssociations(id)).body.result).toHaveLength(1)
  })

  it('logs zoneId and mtlsCertificateId, null when the request acted on the managed CA', async () => {
    const id = await uploadCa()
    emulator.clearRequests()
    await putHostnames({ hostnames: ['a.example.com'], mtls_certificate_id: id })
    await putHostnames({ hostnames: ['a.example.com'] })
    await putHostnames({ hostnames: ['a.example.com'], mtls_certificate_id: null })
    await getHostnames(id, OTHER_ZONE)
    await getHostnames(null)
    expect(emulator.requests.map((r) => [r.method, r.route, r.zoneId, r.mtlsCertificateId])).toEqual([
      ['PUT', 'replace-hostnames', DEFAULT_ZONE_ID, id],
      ['PUT', 'replace-hostnames', DEFAULT_ZONE_ID, null],
      ['PUT', 'replace-hostnames', DEFAULT_ZONE_ID, null],
      ['GET', 'list-hostnames', OTHER_ZONE, id],
      ['GET', 'list-hostnames', DEFAULT_ZONE_ID, null]
    ])
    // the assertion a client test makes: no PUT ever lacked mtls_certificate_id
    const managedPuts = emulator.requests.filter((r) => r.route === 'replace-hostnames' && r.mtlsCertificateId === null)
    expect(managedPuts).toHaveLength(2)
  })
})

describe('refusals', () => {
  it('answers 404 / 1472 for an unknown certificate id, on GET and PUT, and changes nothing', async () => {
    const answer = await putHostnames({ hostnames: ['a.example.com'], mtls_certificate_id: UNKNOWN_ID })
    expectError(answer, 404, CODES.NOT_FOUND)
    expect(answer.body.errors[0]?.message).toBe('Certificate not found')
    expectError(await getHostnames(UNKNOWN_ID), 404, CODES.NOT_FOUND)
    expect(emulator.zones().every((z) => Object.keys(z.certificates).length === 0 && z.managed.length === 0)).toBe(true)
  })

  it('answers 400 / 1417 for a certificate that is not ca: true', async () => {
    const leaf = await makeCertificate({ ca: false })
    const uploaded = await call('POST', `/accounts/${emulator.accountId}/mtls_certificates`, {
      body: { ca: false, certificates: leaf.pem, private_key: leaf.keyPem }
    })
    const id = uploaded.body.result.id as string
    const answer = await putHostnames({ hostnames: ['a.example.com'], mtls_certificate_id: id })
    expectError(answer, 400, CODES.NOT_A_CA)
    expect(answer.body.errors[0]?.message).toContain('not a CA')
    expectError(await getHostnames(id), 400, CODES.NOT_A_CA)
    expect(emulator.hostnames(emulator.zoneId, id)).toEqual([])
  })

  it.each([
    ['too short', 'abc'],
    ['37 characters', `${UNKNOWN_ID}0`],
    ['not id characters', '00000000_0000_4000_8000_000000000000']
  ])('answers 400 / 1000 for an mtls_certificate_id %s (query and body)', async (_what, bad) => {
    expectError(await getHostnames(bad), 400, CODES.INVALID_REQUEST)
    const put = await putHostnames({ hostnames: [], mtls_certificate_id: bad })
    expectError(put, 400, CODES.INVALID_REQUEST)
    expect(put.body.errors[0]?.source).toEqual({ pointer: '/mtls_certificate_id' })
  })

  it('answers 400 / 1000 for a non-string mtls_certificate_id', async () => {
    const put = await putHostnames({ hostnames: [], mtls_certificate_id: 42 })
    expectError(put, 400, CODES.INVALID_REQUEST)
    expect(emulator.requests.at(-1)?.mtlsCertificateId).toBe('42')
  })

  it('validates hostnames: one 400 / 1000 error per bad entry, pointing at it; nothing is stored', async () => {
    const id = await uploadCa()
    await putHostnames({ hostnames: ['keep.example.com'], mtls_certificate_id: id })
    const bad = ['ok.example.com', '', 'no spaces.example.com', 'localhost', '-x.example.com', '192.0.2.1', 7, `${'a'.repeat(64)}.example.com`, 'trailing.dot.']
    const answer = await putHostnames({ hostnames: bad, mtls_certificate_id: id })
    expectError(answer, 400, CODES.INVALID_REQUEST)
    expect(answer.body.errors.map((e) => e.source?.pointer)).toEqual([
      '/hostnames/1',
      '/hostnames/2',
      '/hostnames/3',
      '/hostnames/4',
      '/hostnames/5',
      '/hostnames/6',
      '/hostnames/7',
      '/hostnames/8'
    ])
    expect(emulator.hostnames(emulator.zoneId, id)).toEqual(['keep.example.com'])
  })

  it('accepts a wildcard hostname', async () => {
    const id = await uploadCa()
    expect((await putHostnames({ hostnames: ['*.example.com'], mtls_certificate_id: id })).body.result).toEqual({ hostnames: ['*.example.com'] })
  })

  it('refuses a missing or mistyped hostnames field (1000), a body that is not an object (1000) or not JSON (6007)', async () => {
    const id = await uploadCa()
    const missing = await putHostnames({ mtls_certificate_id: id })
    expectError(missing, 400, CODES.INVALID_REQUEST)
    expect(missing.body.errors[0]?.source).toEqual({ pointer: '/hostnames' })
    expectError(await putHostnames({ hostnames: 'a.example.com', mtls_certificate_id: id }), 400, CODES.INVALID_REQUEST)
    expectError(await putHostnames([]), 400, CODES.INVALID_REQUEST)
    expectError(await putHostnames('{"hostnames": ['), 400, CODES.MALFORMED_JSON)
    expect(emulator.requests.at(-1)?.mtlsCertificateId).toBeUndefined()
  })

  it('with a zone name, refuses hostnames outside the zone', async () => {
    const named = '11111111111111111111111111111111'
    emulator.addZone({ id: named, name: 'Example.com' })
    const id = await uploadCa()
    const answer = await putHostnames({ hostnames: ['example.com', 'api.example.com', '*.example.com', 'api.example.org', 'notexample.com'], mtls_certificate_id: id }, named)
    expectError(answer, 400, CODES.INVALID_REQUEST)
    expect(answer.body.errors.map((e) => e.source?.pointer)).toEqual(['/hostnames/3', '/hostnames/4'])
    expect(answer.body.errors[0]?.message).toContain('is not in zone example.com')
    expect((await putHostnames({ hostnames: ['example.com', 'api.example.com'], mtls_certificate_id: id }, named)).status).toBe(200)
  })

  it('answers 404 / 7003 for a zone id that is not 32 lowercase hex characters, before checking credentials', async () => {
    for (const zone of ['not-a-zone', 'FEDCBA9876543210FEDCBA9876543210', `${DEFAULT_ZONE_ID}0`]) {
      expectError(await call('GET', zonePath(zone), { headers: { authorization: 'Bearer wrong' }, template: null }), 404, CODES.COULD_NOT_ROUTE)
    }
    expectError(await call('GET', `/zones/${DEFAULT_ZONE_ID}/certificate_authorities/hostname_associationz`, { template: null }), 404, CODES.COULD_NOT_ROUTE)
  })

  it('answers 403 / 10000 for a well-formed zone the emulator does not have', async () => {
    const answer = await getHostnames(null, '2'.repeat(32))
    expectError(answer, 403, CODES.AUTH_ERROR)
    expect(answer.body.errors[0]?.message).toBe('Authentication error')
    expectError(await putHostnames({ hostnames: [] }, '2'.repeat(32)), 403, CODES.AUTH_ERROR)
  })

  it('answers 405 with Allow: GET, PUT for another method', async () => {
    const answer = await call('POST', zonePath(), { body: { hostnames: [] }, template: null })
    expectError(answer, 405, CODES.METHOD_NOT_ALLOWED)
    expect(answer.headers.get('allow')).toBe('GET, PUT')
  })

  it('authenticates like the account endpoints: 9106 without credentials, 10000 for a wrong token', async () => {
    const res = await fetch(`${emulator.url}${zonePath()}`)
    expect(res.status).toBe(400)
    expect(((await res.json()) as Envelope).errors[0]?.code).toBe(CODES.MISSING_CREDENTIALS)
    expectError(await getHostnames(null, undefined, { headers: { authorization: 'Bearer wrong' } }), 403, CODES.AUTH_ERROR)
  })
})

describe('the account endpoints see hostname associations', () => {
  it('a CA bound in any zone shows one association and cannot be deleted; unbinding everywhere frees it', async () => {
    const id = await uploadCa()
    await putHostnames({ hostnames: ['a.example.com'], mtls_certificate_id: id })
    await putHostnames({ hostnames: ['a.example.org'], mtls_certificate_id: id }, OTHER_ZONE)
    expect((await accountAssociations(id)).body.result).toEqual([{ service: DEFAULT_HOSTNAME_SERVICE, status: 'active' }])
    expect(emulator.associations(id)).toEqual([{ service: DEFAULT_HOSTNAME_SERVICE, status: 'active' }])
    const refused = await call('DELETE', certPath(id))
    expectError(refused, 400, CODES.IN_USE)
    expect(refused.body.errors[0]?.message).toContain(DEFAULT_HOSTNAME_SERVICE)

    await putHostnames({ hostnames: [], mtls_certificate_id: id })
    expect((await accountAssociations(id)).body.result).toHaveLength(1) // still bound in the other zone
    expectError(await call('DELETE', certPath(id)), 400, CODES.IN_USE)
    await putHostnames({ hostnames: [], mtls_certificate_id: id }, OTHER_ZONE)
    expect((await accountAssociations(id)).body.result).toEqual([])
    expect((await call('DELETE', certPath(id))).status).toBe(200)
    expectError(await getHostnames(id), 404, CODES.NOT_FOUND)
  })

  it('lists hostname associations after the ones set with setAssociations, under a configurable service name', async () => {
    const id = await uploadCa()
    emulator.setAssociations(id, [{ service: 'gateway', status: 'pending_deployment' }])
    emulator.configure({ hostnameAssociationService: 'api_shield' })
    await putHostnames({ hostnames: ['a.example.com'], mtls_certificate_id: id })
    expect((await accountAssociations(id)).body.result).toEqual([
      { service: 'gateway', status: 'pending_deployment' },
      { service: 'api_shield', status: 'active' }
    ])
    emulator.setAssociations(id, [])
    expect(emulator.associations(id)).toEqual([{ service: 'api_shield', status: 'active' }])
  })

  it('with associationLingerReads, the association (and the DELETE refusal) outlasts the unbinding by that many reads', async () => {
    await restart({ associationLingerReads: 2 })
    const id = await uploadCa()
    await putHostnames({ hostnames: ['a.example.com'], mtls_certificate_id: id })
    await putHostnames({ hostnames: [], mtls_certificate_id: id })
    expect((await getHostnames(id)).body.result.hostnames).toEqual([])
    // DELETE refusals and emulator.associations() do not use up reads
    expectError(await call('DELETE', certPath(id)), 400, CODES.IN_USE)
    expect(emulator.associations(id)).toHaveLength(1)
    expect((await accountAssociations(id)).body.result).toHaveLength(1)
    expectError(await call('DELETE', certPath(id)), 400, CODES.IN_USE)
    expect((await accountAssociations(id)).body.result).toHaveLength(1)
    expect((await accountAssociations(id)).body.result).toEqual([])
    expect((await call('DELETE', certPath(id))).status).toBe(200)
  })

  it('binding again during the linger cancels it; a later unbinding lingers afresh', async () => {
    await restart({ associationLingerReads: 1 })
    const id = await uploadCa()
    await putHostnames({ hostnames: ['a.example.com'], mtls_certificate_id: id })
    await putHostnames({ hostnames: [], mtls_certificate_id: id })
    await putHostnames({ hostnames: ['b.example.com'], mtls_certificate_id: id })
    for (let i = 0; i < 3; i++) expect((await accountAssociations(id)).body.result).toHaveLength(1)
    await putHostnames({ hostnames: [], mtls_certificate_id: id })
    expect((await accountAssociations(id)).body.result).toHaveLength(1)
    expect((await accountAssociations(id)).body.result).toEqual([])
  })

  it('with associationLingerMs, the association lingers until that much time has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    emulator.configure({ associationLingerMs: 60_000 })
    const id = await uploadCa()
    await putHostnames({ hostnames: ['a.example.com'], mtls_certificate_id: id })
    await putHostnames({ hostnames: [], mtls_certificate_id: id })
    for (let i = 0; i < 3; i++) expect((await accountAssociations(id)).body.result).toHaveLength(1)
    expectError(await call('DELETE', certPath(id)), 400, CODES.IN_USE)
    vi.setSystemTime(Date.now() + 60_000)
    expect((await accountAssociations(id)).body.result).toEqual([])
    expect((await call('DELETE', certPath(id))).status).toBe(200)
  })

  it('a certificate with no hostnames in any zone never lingers, and a leaf has no hostname association', async () => {
    await restart({ associationLingerReads: 5 })
    const id = await uploadCa()
    await putHostnames({ hostnames: [], mtls_certificate_id: id })
    expect((await accountAssociations(id)).body.result).toEqual([])
  })
})

describe('paging of the account /associations endpoint', () => {
  it('pages 45 + 1 associations 20 at a time by default, with result_info, honouring page and per_page', async () => {
    const id = await uploadCa()
    const set = Array.from({ length: 45 }, (_, i) => ({ service: `service-${String(i + 1).padStart(2, '0')}`, status: 'active' }))
    emulator.setAssociations(id, set)
    await putHostnames({ hostnames: ['a.example.com'], mtls_certificate_id: id })
    const pages = [1, 2, 3, 4].map((page) => accountAssociations(id, `?page=${page}`))
    const answers = await Promise.all(pages)
    expect(answers.map((a) => a.body.result.length)).toEqual([20, 20, 6, 0])
    expect(answers[0]?.body.result_info).toEqual({ page: 1, per_page: 20, count: 20, total_count: 46, total_pages: 3 })
    expect(answers[2]?.body.result_info).toEqual({ page: 3, per_page: 20, count: 6, total_count: 46, total_pages: 3 })
    const all = answers.flatMap((a) => a.body.result as { service: string }[])
    expect(all.map((a) => a.service)).toEqual([...set.map((a) => a.service), DEFAULT_HOSTNAME_SERVICE])

    expect((await accountAssociations(id, '?per_page=50')).body.result_info).toMatchObject({ per_page: 50, count: 46, total_pages: 1 })
    expect((await accountAssociations(id, '?per_page=1000')).body.result_info).toMatchObject({ per_page: 50 }) // clamped to maxPerPage
    emulator.configure({ associationsPerPage: 5 })
    expect((await accountAssociations(id)).body.result_info).toEqual({ page: 1, per_page: 5, count: 5, total_count: 46, total_pages: 10 })
    expectError(await call('GET', `${certPath(id)}/associations?page=0`, { template: ASSOCIATIONS }), 400, CODES.INVALID_REQUEST)
  })

  it('answers an empty first page with total_pages 0', async () => {
    const id = await uploadCa()
    expect((await accountAssociations(id)).body).toMatchObject({ result: [], result_info: { page: 1, per_page: 20, count: 0, total_count: 0, total_pages: 0 } })
  })

  it('takes associationsPerPage as an option', async () => {
    await restart({ associationsPerPage: 1 })
    const id = await uploadCa()
    emulator.setAssociations(id, [
      { service: 'gateway', status: 'active' },
      { service: 'hyperdrive', status: 'active' }
    ])
    const second = await accountAssociations(id, '?page=2')
    expect(second.body.result).toEqual([{ service: 'hyperdrive', status: 'active' }])
    expect(second.body.result_info).toMatchObject({ page: 2, per_page: 1, total_pages: 2 })
  })
})

describe('zone permissions', () => {
  it('a token with read on a zone may GET but not PUT (403 / 10000); other zones are unaffected', async () => {
    const id = await uploadCa()
    emulator.setZonePermission(emulator.zoneId, 'read')
    expect((await getHostnames(id)).status).toBe(200)
    const refused = await putHostnames({ hostnames: ['a.example.com'], mtls_certificate_id: id })
    expectError(refused, 403, CODES.AUTH_ERROR)
    expect(refused.body.errors[0]?.message).toBe('Authentication error')
    expect(emulator.hostnames(emulator.zoneId, id)).toEqual([])
    expect((await putHostnames({ hostnames: ['a.example.org'], mtls_certificate_id: id }, OTHER_ZONE)).status).toBe(200)
    expect(emulator.requests.at(-2)).toMatchObject({ route: 'replace-hostnames', zoneId: DEFAULT_ZONE_ID, status: 403, errorCodes: [10000] })
  })

  it('a token with none may not even GET; setting edit restores it', async () => {
    emulator.setZonePermission(OTHER_ZONE, 'none')
    expectError(await getHostnames(null, OTHER_ZONE), 403, CODES.AUTH_ERROR)
    expect(emulator.zonePermissions()).toEqual([{ token: emulator.token, zoneId: OTHER_ZONE, level: 'none' }])
    emulator.setZonePermission(OTHER_ZONE, 'edit')
    expect((await getHostnames(null, OTHER_ZONE)).status).toBe(200)
    expect(emulator.zonePermissions()).toEqual([])
  })

  it('is per token: a second token lacking the permission is refused where the first is not; the legacy key has every permission', async () => {
    await restart({ tokens: ['zone-reader'] })
    emulator.setZonePermission(emulator.zoneId, 'read', 'zone-reader')
    const asReader = { headers: { authorization: 'Bearer zone-reader' } }
    expect((await putHostnames({ hostnames: [] }, undefined)).status).toBe(200)
    expectError(await putHostnames({ hostnames: [] }, undefined, asReader), 403, CODES.AUTH_ERROR)
    expect((await getHostnames(null, undefined, asReader)).status).toBe(200)
    // the second token reaches the account endpoints too
    expect((await call('GET', `/accounts/${emulator.accountId}/mtls_certificates`, asReader)).status).toBe(200)
    emulator.setZonePermission(emulator.zoneId, 'none')
    expectError(await putHostnames({ hostnames: [] }), 403, CODES.AUTH_ERROR)
    const res = await fetch(`${emulator.url}${zonePath()}`, {
      method: 'PUT',
      headers: { 'x-auth-email': emulator.email, 'x-auth-key': emulator.apiKey },
      body: '{"hostnames":[]}'
    })
    expect(res.status).toBe(200)
  })

  it('refuses a permission level it does not know', () => {
    expect(() => emulator.setZonePermission(emulator.zoneId, 'write' as 'edit')).toThrow(/none, read, edit/)
  })
})

describe('faults on the zone endpoint', () => {
  it('fails exactly the Nth PUT (skip: N - 1), and a re-run of the same PUTs converges', async () => {
    const ids = [await uploadCa(), await uploadCa(), await uploadCa(), await uploadCa()]
    emulator.injectFault({ kind: 'server-error', route: 'replace-hostnames', skip: 2, status: 503 })
    const run = async () => {
      const statuses: number[] = []
      for (const [i, id] of ids.entries()) {
        statuses.push((await putHostnames({ hostnames: [`h${i}.example.com`], mtls_certificate_id: id }, undefined, { template: null })).status)
      }
      return statuses
    }
    expect(await run()).toEqual([200, 200, 503, 200])
    expect(emulator.hostnames(emulator.zoneId, ids[2] as string)).toEqual([])
    expect(emulator.requests.filter((r) => r.fault).map((r) => [r.route, r.mtlsCertificateId])).toEqual([['replace-hostnames', ids[2]]])
    expect(await run()).toEqual([200, 200, 200, 200])
    expect(ids.map((id) => emulator.hostnames(emulator.zoneId, id))).toEqual([['h0.example.com'], ['h1.example.com'], ['h2.example.com'], ['h3.example.com']])
  })

  it('matches faults by zoneId', async () => {
    emulator.injectFault({ kind: 'rate-limit', zoneId: OTHER_ZONE, retryAfter: 7 })
    expect((await getHostnames(null)).status).toBe(200)
    const limited = await getHostnames(null, OTHER_ZONE, { template: null })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    expect((await getHostnames(null, OTHER_ZONE)).status).toBe(200)
  })

  it('lost-response on a PUT performs the replacement but never answers', async () => {
    const id = await uploadCa()
    emulator.injectFault({ kind: 'lost-response', route: 'replace-hostnames' })
    await expect(
      fetch(`${emulator.url}${zonePath()}`, {
        method: 'PUT',
        headers: { 'authorization': `Bearer ${emulator.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ hostnames: ['a.example.com'], mtls_certificate_id: id })
      })
    ).rejects.toThrow()
    expect(emulator.hostnames(emulator.zoneId, id)).toEqual(['a.example.com'])
    expect(emulator.requests.at(-1)).toMatchObject({ status: 0, performedStatus: 200, fault: 'lost-response', mtlsCertificateId: id })
  })

  it('truncated on a PUT cuts the answer and does not perform it; on a GET it cuts the real answer', async () => {
    const id = await uploadCa()
    emulator.setHostnames(emulator.zoneId, id, ['a.example.com'])
    emulator.injectFault({ kind: 'truncated', route: 'replace-hostnames' })
    emulator.injectFault({ kind: 'truncated', route: 'list-hostnames' })
    const headers = { 'authorization': `Bearer ${emulator.token}`, 'content-type': 'application/json' }
    const put = await fetch(`${emulator.url}${zonePath()}`, { method: 'PUT', headers, body: JSON.stringify({ hostnames: [], mtls_certificate_id: id }) })
    await expect(put.json()).rejects.toThrow()
    expect(emulator.hostnames(emulator.zoneId, id)).toEqual(['a.example.com'])
    const get = await fetch(`${emulator.url}${zonePath()}?mtls_certificate_id=${id}`, { headers })
    expect(get.status).toBe(200)
    await expect(get.json()).rejects.toThrow()
  })

  it.each(['reset', 'hang', 'html-502', 'non-json'] as const)('%s applies to the zone routes', async (kind) => {
    emulator.injectFault({ kind, route: 'list-hostnames' })
    const res = fetch(`${emulator.url}${zonePath()}`, { headers: { authorization: `Bearer ${emulator.token}` }, signal: AbortSignal.timeout(kind === 'hang' ? 200 : 5_000) })
    if (kind === 'reset' || kind === 'hang') await expect(res).rejects.toThrow()
    else expect((await res).headers.get('content-type')).not.toMatch(/^application\/json/)
    expect(emulator.requests.at(-1)).toMatchObject({ route: 'list-hostnames', fault: kind })
  })

  it('bad-schema: a success whose hostnames is not an array, which the document flags', async () => {
    emulator.injectFault({ kind: 'bad-schema', route: 'list-hostnames' })
    const answer = await getHostnames(null, undefined, { template: null })
    expect(answer.status).toBe(200)
    expect(responseProblems('GET', ZONES, 200, answer.body)).toEqual(['$.result.hostnames: expected array, got "api.example.com"'])
  })
})

describe('in-process options, admin endpoints and the CLI', () => {
  it('has DEFAULT_ZONE_ID by default; zones: [] declares none; addZone adds', async () => {
    await emulator.close()
    emulator = await startEmulator()
    expect(emulator.zoneId).toBe(DEFAULT_ZONE_ID)
    expect(emulator.info().zoneId).toBe(DEFAULT_ZONE_ID)
    expect(emulator.zones().map((z) => z.id)).toEqual([DEFAULT_ZONE_ID])
    await restart({ zones: [] })
    expect(emulator.zoneId).toBe('')
    expectError(await getHostnames(null, DEFAULT_ZONE_ID), 403, CODES.AUTH_ERROR)
    expect(emulator.addZone(OTHER_ZONE)).toBe(OTHER_ZONE)
    expect(emulator.zoneId).toBe(OTHER_ZONE)
    expect(() => emulator.addZone('ABC')).toThrow(/32 lowercase hex/)
    await expect(startEmulator({ zones: ['nope'] })).rejects.toThrow(/32 lowercase hex/)
  })

  it('reset forgets hostname bindings and lingers but keeps zones and permissions', async () => {
    const id = await uploadCa()
    emulator.setHostnames(OTHER_ZONE, id, ['a.example.com'])
    emulator.setHostnames(OTHER_ZONE, null, ['m.example.com'])
    emulator.setZonePermission(OTHER_ZONE, 'read')
    emulator.reset()
    expect(emulator.zones()).toEqual([
      { id: DEFAULT_ZONE_ID, name: null, managed: [], certificates: {} },
      { id: OTHER_ZONE, name: null, managed: [], certificates: {} }
    ])
    expect(emulator.zonePermissions()).toHaveLength(1)
  })

  it('drives zones, hostnames, permissions and settings over /__emulator/ without logging', async () => {
    const admin = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
      fetch(`${emulator.adminUrl}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    const zone = '3'.repeat(32)
    expect(await (await admin('/zones', [{ id: zone, name: 'example.net' }])).json()).toEqual({ ids: [zone] })
    const id = await uploadCa()
    emulator.clearRequests()
    const put = await admin('/hostnames', { zoneId: zone, mtlsCertificateId: id, hostnames: ['API.example.net'] }, 'PUT')
    expect(await put.json()).toEqual({ hostnames: ['api.example.net'] })
    expect((await admin('/hostnames', { zoneId: zone, hostnames: ['x.example.org'] }, 'PUT')).status).toBe(400)
    expect((await admin('/hostnames', { zoneId: '4'.repeat(32), hostnames: [] }, 'PUT')).status).toBe(404)
    expect((await admin('/hostnames', { zoneId: zone, mtlsCertificateId: UNKNOWN_ID, hostnames: [] }, 'PUT')).status).toBe(404)
    const zones = (await (await admin('/zones')).json()) as ZoneSnapshot[]
    expect(zones.find((z) => z.id === zone)).toEqual({ id: zone, name: 'example.net', managed: [], certificates: { [id]: ['api.example.net'] } })
    expect(await (await admin('/permissions', { zoneId: zone, level: 'read' }, 'PUT')).json()).toEqual([{ token: emulator.token, zoneId: zone, level: 'read' }])
    expect((await admin('/permissions', { zoneId: zone, level: 'admin' }, 'PUT')).status).toBe(400)
    expect(await (await admin('/permissions')).json()).toHaveLength(1)
    const settings = await admin('/settings', { associationsPerPage: 7, associationLingerReads: 2, hostnameAssociationService: 'svc' }, 'PATCH')
    expect(await settings.json()).toMatchObject({ associationsPerPage: 7, associationLingerReads: 2, associationLingerMs: 0, hostnameAssociationService: 'svc' })
    expect((await admin('/settings', { associationLingerReads: -1 }, 'PATCH')).status).toBe(400)
    expect(await (await admin('/settings')).json()).toMatchObject({ associationsPerPage: 7 })
    expect(emulator.requests).toHaveLength(0)
  })

  it('the CLI declares zones with --zone and prints the first as zoneId', async () => {
    const cli = fileURLToPath(new URL('../../emulator/cli.js', import.meta.url))
    const child = spawn(process.execPath, [cli, '--port', '0', '--zone', OTHER_ZONE, '--zone', DEFAULT_ZONE_ID], { stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string]
      const info = JSON.parse(line) as EmulatorInfo
      expect(info.zoneId).toBe(OTHER_ZONE)
      const zones = (await (await fetch(`${info.adminUrl}/zones`)).json()) as ZoneSnapshot[]
      expect(zones.map((z) => z.id)).toEqual([OTHER_ZONE, DEFAULT_ZONE_ID])
    } finally {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  })
})
