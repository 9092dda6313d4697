/**
 * The emulator's zone endpoint (/zones/{zone_id}/certificate_authorities/hostname_associations)
 * against Cloudflare's own OpenAPI extract for it, judged by Stoplight Prism:
 *
 *   fetch ──▶ prism proxy --errors (combined document) ──▶ emulator (in-process, /client/v4)
 *
 * Prism gets the mTLS extract and the hostname-associations extract combined into one document
 * (helpers/openapi-documents.ts), the way a client's account and zone requests would reach it
 * through one base URL. With --errors it checks requests before forwarding them and the
 * emulator's answers before passing them back, replacing a violating answer with a 500
 * problem+json. As for the account endpoints (emulator-openapi.test.ts), the document's 4XX
 * `result` schema cannot be satisfied, so only success answers are run through Prism; the
 * emulator's error answers are checked by __tests__/emulator.
 */
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { makeCertificate } from '../emulator/certs.js'
import { HOSTNAME_ASSOCIATIONS_FIXTURE, prismComplaints, startPrism, type Prism } from '../helpers/prism.js'
import { combinedDocument, readDocument, writeCombinedDocument } from '../helpers/openapi-documents.js'

let emulator: Emulator
let prism: Prism
let documentPath: string

beforeAll(async () => {
  documentPath = writeCombinedDocument()
  emulator = await startEmulator()
  prism = await startPrism({ mode: 'proxy', upstream: emulator.url, document: documentPath })
}, 45_000)

afterAll(async () => {
  await prism?.close()
  await emulator?.close()
  if (documentPath) rmSync(documentPath, { force: true })
})

beforeEach(async () => {
  await prism.settle()
  emulator.clearRequests()
  emulator.clearFaults()
})

interface Exchange {
  status: number
  contentType: string | null
  body: unknown
  complaints: string[]
}

async function send(method: string, path: string, body?: unknown): Promise<Exchange> {
  await prism.settle()
  const mark = prism.mark()
  const headers: Record<string, string> = { authorization: `Bearer ${emulator.token}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${prism.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  const text = await res.text()
  await prism.settle()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // left as text
  }
  return { status: res.status, contentType: res.headers.get('content-type'), body: parsed, complaints: prismComplaints(prism.outputSince(mark)) }
}

const zonePath = () => `/zones/${emulator.zoneId}/certificate_authorities/hostname_associations`

function expectClean(exchange: Exchange): void {
  expect(exchange.complaints, "Prism's log has no validation complaint").toEqual([])
  expect(exchange.status, JSON.stringify(exchange.body)).toBe(200)
  expect(exchange.contentType).toMatch(/^application\/json/)
}

async function seededCa(): Promise<string> {
  const ca = await makeCertificate()
  const [id] = emulator.seed([{ pem: ca.pem }])
  if (!id) throw new Error('nothing seeded')
  return id
}

describe('the fixture', () => {
  it('is the BSD-3-Clause extract with its source, combined without loosening either document', () => {
    const doc = readDocument(HOSTNAME_ASSOCIATIONS_FIXTURE)
    expect(doc.info.license).toMatchObject({ name: 'BSD-3-Clause' })
    expect(doc.info['x-source']).toMatch(/^cloudflare\/cloudflare-typescript, .*faaaf89ed8064a9fb54de538ec3e89487f1302b0/)
    const combined = combinedDocument()
    const zoneIdSchema = (combined.paths['/zones/{zone_id}/certificate_authorities/hostname_associations']?.get as { parameters: { schema: { $ref: string } }[] })
      .parameters[0]?.schema.$ref
    const name = String(zoneIdSchema).replace('#/components/schemas/', '')
    expect(combined.components.schemas[name]).toMatchObject({ maxLength: 32 })
    expect(combined.components.schemas['tls-certificates-and-hostnames_identifier']).toMatchObject({ maxLength: 36 })
  })
})

describe('zone hostname associations through prism proxy --errors', () => {
  it('PUT then GET for an uploaded CA: both answers conform', async () => {
    const id = await seededCa()
    const put = await send('PUT', zonePath(), { hostnames: ['a.example.com', 'b.example.com'], mtls_certificate_id: id })
    expectClean(put)
    expect(put.body).toMatchObject({ success: true, result: { hostnames: ['a.example.com', 'b.example.com'] } })
    const get = await send('GET', `${zonePath()}?mtls_certificate_id=${id}`)
    expectClean(get)
    expect(get.body).toMatchObject({ result: { hostnames: ['a.example.com', 'b.example.com'] } })
    expect(emulator.requests.map((r) => [r.method, r.route, r.status, r.mtlsCertificateId])).toEqual([
      ['PUT', 'replace-hostnames', 200, id],
      ['GET', 'list-hostnames', 200, id]
    ])
  })

  it('an empty array and the managed CA (no mtls_certificate_id) conform too', async () => {
    const id = await seededCa()
    expectClean(await send('PUT', zonePath(), { hostnames: [], mtls_certificate_id: id }))
    expectClean(await send('PUT', zonePath(), { hostnames: ['managed.example.com'] }))
    const managed = await send('GET', zonePath())
    expectClean(managed)
    expect(managed.body).toMatchObject({ result: { hostnames: ['managed.example.com'] } })
  })

  it('the account /associations answer for a bound CA conforms, with result_info (same Prism, combined document)', async () => {
    const id = await seededCa()
    emulator.setHostnames(emulator.zoneId, id, ['a.example.com'])
    const answer = await send('GET', `/accounts/${emulator.accountId}/mtls_certificates/${id}/associations?page=1&per_page=20`)
    expectClean(answer)
    expect(answer.body).toMatchObject({
      result: emulator.associations(id),
      result_info: { page: 1, per_page: 20, count: 1, total_count: 1, total_pages: 1 }
    })
  })

  it('a request that breaks the document (a 35-character mtls_certificate_id) gets 422 from Prism and never reaches the emulator', async () => {
    const put = await send('PUT', zonePath(), { hostnames: ['a.example.com'], mtls_certificate_id: 'x'.repeat(35) })
    expect(put.status).toBe(422)
    expect(JSON.stringify(put.body)).toMatch(/mtls_certificate_id/)
    const get = await send('GET', `${zonePath()}?mtls_certificate_id=${'x'.repeat(35)}`)
    expect(get.status).toBe(422)
    expect(emulator.requests).toEqual([])
  })

  it('a bad-schema answer (hostnames not an array) becomes Prism’s 500 naming the field', async () => {
    emulator.injectFault({ kind: 'bad-schema', route: 'list-hostnames' })
    const answer = await send('GET', zonePath())
    expect(emulator.requests.map((r) => [r.status, r.fault])).toEqual([[200, 'bad-schema']])
    expect(answer.status).toBe(500)
    expect(answer.contentType).toMatch(/^application\/problem\+json/)
    expect(JSON.stringify(answer.body)).toMatch(/result\.hostnames/)
  })
})
