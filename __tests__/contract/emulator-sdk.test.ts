/**
 * Our emulator driven by Cloudflare's official TypeScript SDK (the `cloudflare` package), which
 * Cloudflare generates from the same API description: every call must succeed and come back with
 * the fields the SDK's own types name, with the types they declare.
 */
import Cloudflare from 'cloudflare'
import type { CertificateAsssociation } from 'cloudflare/resources/mtls-certificates/associations'
import type { MTLSCertificate, MTLSCertificateCreateResponse } from 'cloudflare/resources/mtls-certificates/mtls-certificates'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { writeContractCertificates, type ContractFiles } from '../helpers/contract-certs.js'

let emulator: Emulator
let files: ContractFiles
let client: Cloudflare

beforeAll(async () => {
  ;[emulator, files] = await Promise.all([startEmulator(), writeContractCertificates()])
  client = new Cloudflare({
    apiToken: emulator.token,
    // Explicit nulls: the SDK would otherwise pick up CLOUDFLARE_* credentials from the environment.
    apiKey: null,
    apiEmail: null,
    userServiceKey: null,
    baseURL: emulator.url,
    // The SDK retries POST blindly; a test must see the first answer.
    maxRetries: 0,
    timeout: 10_000
  })
}, 30_000)

afterAll(async () => {
  await emulator?.close()
})

beforeEach(() => emulator.clearRequests())

const account_id = () => emulator.accountId

/** Each field the SDK's MTLSCertificate names, with the JavaScript type its declaration gives it. */
const CERTIFICATE_FIELDS = {
  id: 'string',
  ca: 'boolean',
  certificates: 'string',
  expires_on: 'string',
  issuer: 'string',
  name: 'string',
  serial_number: 'string',
  signature: 'string',
  type: 'string',
  uploaded_on: 'string'
} as const satisfies Record<keyof MTLSCertificate, 'string' | 'boolean'>
const CREATE_FIELDS = { ...CERTIFICATE_FIELDS, updated_at: 'string' } as const satisfies Record<keyof MTLSCertificateCreateResponse, 'string' | 'boolean'>
const ASSOCIATION_FIELDS = { service: 'string', status: 'string' } as const satisfies Record<keyof CertificateAsssociation, 'string'>

// `satisfies Record<keyof T, …>` already rejects a field the SDK does not name; this rejects the
// reverse, so a field added to the SDK's types must be added (and checked) here.
type Exact<Fields, T> = [Exclude<keyof T, keyof Fields>] extends [never] ? true : never
const coversSdkTypes: [
  Exact<typeof CERTIFICATE_FIELDS, MTLSCertificate>,
  Exact<typeof CREATE_FIELDS, MTLSCertificateCreateResponse>,
  Exact<typeof ASSOCIATION_FIELDS, CertificateAsssociation>
] = [true, true, true]

/** Every field the SDK names is present with its declared type, and nothing else is there. */
function expectFields(value: object, fields: Record<string, 'string' | 'boolean'>): void {
  expect(Object.keys(value).sort()).toEqual(Object.keys(fields).sort())
  for (const [field, type] of Object.entries(fields)) expect(typeof (value as Record<string, unknown>)[field], field).toBe(type)
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

describe('the official SDK (cloudflare v7) against the emulator', () => {
  let caId = ''
  let leafId = ''

  it('names exactly the fields we check', () => {
    expect(coversSdkTypes).toEqual([true, true, true])
  })

  it('mtlsCertificates.create: a CA, then a client certificate with its key', async () => {
    const ca = await client.mtlsCertificates.create({ account_id: account_id(), ca: true, certificates: files.ca.pem, name: 'sdk-ca' })
    const leaf = await client.mtlsCertificates.create({
      account_id: account_id(),
      ca: false,
      certificates: files.leaf.pem + files.ca.pem,
      private_key: files.leaf.keyPem,
      name: 'sdk-leaf'
    })
    // Kept before the checks, so the tests that follow still run (and report) if a field is wrong.
    caId = ca.id ?? ''
    leafId = leaf.id ?? ''
    expectFields(ca, CREATE_FIELDS)
    expect(ca).toMatchObject({ ca: true, name: 'sdk-ca', type: 'custom', certificates: files.ca.pem.trim(), signature: 'ECDSAWithSHA256' })
    // Go's pkix.Name.String() of a self-signed CN, O, C name (see emulator/README.md).
    expect(ca.issuer).toBe('CN=Contract Test CA,O=Example Inc.,C=US')
    expect(ca.serial_number).toBe(BigInt(`0x${files.ca.cert.serialNumber}`).toString(10))
    expect(ca.expires_on).toMatch(RFC3339)
    expect(ca.uploaded_on).toMatch(RFC3339)
    expect(ca.updated_at).toMatch(RFC3339)
    expectFields(leaf, CREATE_FIELDS)
    expect(leaf).toMatchObject({ ca: false, name: 'sdk-leaf', type: 'custom' })
    expect(emulator.requests.map((r) => [r.method, r.route, r.status])).toEqual([
      ['POST', 'upload', 200],
      ['POST', 'upload', 200]
    ])
  })

  it('mtlsCertificates.get', async () => {
    const got = await client.mtlsCertificates.get(caId, { account_id: account_id() })
    expectFields(got, CERTIFICATE_FIELDS)
    expect(got).toEqual(Object.fromEntries(Object.entries(emulator.certificates().find((c) => c.id === caId) ?? {}).filter(([k]) => k in CERTIFICATE_FIELDS)))
  })

  it('mtlsCertificates.associations.get', async () => {
    emulator.setAssociations(caId, [{ service: 'gateway', status: 'pending_deployment' }])
    const page = await client.mtlsCertificates.associations.get(caId, { account_id: account_id() })
    expect(page.result).toHaveLength(1)
    for (const a of page.result) expectFields(a, ASSOCIATION_FIELDS)
    expect(page.result).toEqual([{ service: 'gateway', status: 'pending_deployment' }])
  })

  it('mtlsCertificates.list with a type filter: the SDK repeats `type`, the emulator honours it', async () => {
    const page = await client.mtlsCertificates.list({ account_id: account_id(), type: ['custom', 'gateway_managed'] })
    expect(page.result.map((c) => c.id).sort()).toEqual([caId, leafId].sort())
    for (const c of page.result) expectFields(c, CERTIFICATE_FIELDS)
    // Our client sends `type=custom,gateway_managed` (the document's style: form, explode: false).
    expect(emulator.requests.map((r) => r.search)).toEqual(['?type=custom&type=gateway_managed'])
  })

  it('mtlsCertificates.list of 122 certificates returns only the first 50 (one page, no page parameter)', async () => {
    emulator.seedSynthetic(120)
    const total = emulator.certificates().length
    expect(total).toBe(122)
    const page = await client.mtlsCertificates.list({ account_id: account_id() })
    expect(page.result).toHaveLength(50)
    expect(page.hasNextPage()).toBe(false)
    // Iterating the SDK's page does not fetch more either: SinglePage has no next page.
    let iterated = 0
    for await (const c of client.mtlsCertificates.list({ account_id: account_id() })) {
      expectFields(c, CERTIFICATE_FIELDS)
      iterated++
    }
    expect(iterated).toBe(50)
    expect(emulator.requests.map((r) => `${r.method} ${r.route} ${r.search}`)).toEqual(['GET list ', 'GET list '])
    // The 72 certificates after the first page are invisible to the SDK (and wrangler); our client
    // reads every page (the e2e and contract list tests show all 122).
  })

  it('mtlsCertificates.delete returns the deleted certificate', async () => {
    const deleted = await client.mtlsCertificates.delete(leafId, { account_id: account_id() })
    expectFields(deleted, CERTIFICATE_FIELDS)
    expect(deleted.id).toBe(leafId)
    expect(emulator.certificates().some((c) => c.id === leafId)).toBe(false)
  })
})
