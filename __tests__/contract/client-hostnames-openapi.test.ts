/**
 * Our client's zone requests (the committed bundle, run as the runner runs it) against Cloudflare's
 * own OpenAPI extract for `/zones/{zone_id}/certificate_authorities/hostname_associations`, judged
 * by Stoplight Prism:
 *
 *   dist/index.js ──▶ recording proxy ──▶ prism mock --errors (mTLS + hostname-associations extracts combined)
 *
 * As in client-openapi.test.ts, Prism checks every request (path, query, body, credentials) and
 * answers with the document's examples; the recording proxy keeps each exchange so every request
 * gets Prism's verdict. Where an example answer would stop the action before its next request
 * (an example id is 32 hex characters, not the UUID the zone endpoint takes; the example
 * hostname set already holds what we want), the recorder hands the action a different but equally
 * valid body after Prism has judged the request: the request that follows is then judged too.
 */
import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { writeContractCertificates, type ContractFiles } from '../helpers/contract-certs.js'
import { combinedDocument, writeCombinedDocument } from '../helpers/openapi-documents.js'
import { prismComplaints, startPrism, type Prism } from '../helpers/prism.js'
import { contractProblems, startRecordingProxy, type Exchange, type RecordingProxy } from '../helpers/recording-proxy.js'
import { runAction, type ActionRun } from '../helpers/run-action.js'

const ACCOUNT = '0123456789abcdef0123456789abcdef'
const TOKEN = 'contract-test-token'
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353'
const CERT_ID = '2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'
const OLD_ID = '7c6b5a49-3827-4615-a4b3-c2d1e0f9a8b7'
const NEW_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0'
const HOST = 'api.example.com' // the document's example hostname: what Prism's GET answers

const LIST = `/accounts/${ACCOUNT}/mtls_certificates`
const ZONE_PATH = `/zones/${ZONE}/certificate_authorities/hostname_associations`
const ZONE_TEMPLATE = '/zones/{zone_id}/certificate_authorities/hostname_associations'

let prism: Prism
let recorder: RecordingProxy
let files: ContractFiles
let documentPath: string

beforeAll(async () => {
  documentPath = writeCombinedDocument()
  ;[prism, files] = await Promise.all([startPrism({ mode: 'mock', document: documentPath }), writeContractCertificates()])
  recorder = await startRecordingProxy(prism.url)
}, 45_000)

afterAll(async () => {
  await recorder?.close()
  await prism?.close()
  if (documentPath) rmSync(documentPath, { force: true })
})

beforeEach(() => {
  recorder.clear()
  recorder.setRewrite(undefined)
})

interface Outcome {
  run: ActionRun
  exchanges: Exchange[]
  complaints: string[]
}

async function act(inputs: Record<string, string>, cwd?: string): Promise<Outcome> {
  await prism.settle()
  const mark = prism.mark()
  const run = await runAction({ 'account-id': ACCOUNT, 'api-token': TOKEN, 'api-base-url': recorder.url, 'max-retries': '0', ...inputs }, cwd ? { cwd } : {})
  await prism.settle()
  return { run, exchanges: [...recorder.exchanges], complaints: prismComplaints(prism.outputSince(mark)) }
}

function expectClean({ run, exchanges, complaints }: Outcome): void {
  expect(contractProblems(exchanges), 'Prism answered every request 2xx with no violation').toEqual([])
  expect(complaints, "Prism's log has no validation complaint").toEqual([])
  expect(run.code, `the action succeeded\n${run.stdout}\n${run.stderr}`).toBe(0)
}

const route = (e: Exchange) => `${e.method} ${e.path}${e.path === ZONE_PATH && e.method === 'GET' ? `?${e.search}` : ''}`
type Body = { result: unknown } & Record<string, unknown>
const withResult = (e: Exchange, result: unknown): Body => ({ ...(e.responseBody as Body), result })

describe('Prism judges the zone requests', () => {
  it('the combined document declares both zone operations, with a 36-character mtls_certificate_id', () => {
    const ops = combinedDocument().paths[ZONE_TEMPLATE] as Record<string, { parameters?: { name: string; schema?: { maxLength?: number; minLength?: number } }[] }>
    expect(Object.keys(ops).sort()).toEqual(['get', 'put'])
    expect(ops.get?.parameters?.find((p) => p.name === 'mtls_certificate_id')?.schema).toMatchObject({ minLength: 36, maxLength: 36 })
  })

  it.each([
    ['a PUT whose hostnames is a string', 'PUT', ZONE_PATH, { hostnames: HOST, mtls_certificate_id: CERT_ID }, /hostnames/],
    ['a GET with a 35-character mtls_certificate_id', 'GET', `${ZONE_PATH}?mtls_certificate_id=${'x'.repeat(35)}`, undefined, /mtls_certificate_id/]
  ])('refuses %s (so a silent 2xx below is an approval)', async (_what, method, path, body, names) => {
    await prism.settle()
    const res = await fetch(`${recorder.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {})
    })
    await res.arrayBuffer()
    const [exchange] = recorder.exchanges
    expect(exchange?.status).toBeGreaterThanOrEqual(400)
    expect(JSON.stringify(exchange?.violations)).toMatch(names)
    await prism.settle()
  })
})

describe('the client’s zone requests conform to the document', () => {
  it('associate: GET with mtls_certificate_id, PUT {hostnames, mtls_certificate_id}, GET to verify', async () => {
    // The example certificate gets our UUID and ca: true; the first read of the zone answers an
    // empty set, so the action has something to PUT (the example set, which the verify GET answers).
    let zoneReads = 0
    recorder.setRewrite((e) => {
      if (e.method === 'GET' && e.path === `${LIST}/${CERT_ID}`) return withResult(e, { ...((e.responseBody as Body).result as object), id: CERT_ID, ca: true })
      if (e.method === 'GET' && e.path === ZONE_PATH && zoneReads++ === 0) return withResult(e, { hostnames: [] })
      return undefined
    })
    const outcome = await act({ 'operation': 'associate', 'certificate-id': CERT_ID, 'zone-id': ZONE, 'hostnames': HOST })
    expectClean(outcome)
    expect(outcome.exchanges.map(route)).toEqual([
      `GET ${LIST}/${CERT_ID}`,
      `GET ${ZONE_PATH}?mtls_certificate_id=${CERT_ID}`,
      `PUT ${ZONE_PATH}`,
      `GET ${ZONE_PATH}?mtls_certificate_id=${CERT_ID}`
    ])
    const put = outcome.exchanges[2]
    expect(put?.requestHeaders['content-type']).toBe('application/json')
    expect(put?.requestBody).toEqual({ hostnames: [HOST], mtls_certificate_id: CERT_ID })
    // Prism's example answer parsed: the output is the set it read back.
    expect(JSON.parse(outcome.run.outputs.hostnames ?? '')).toEqual({ [ZONE]: [HOST] })
  })

  it('associations with zone-id: one GET per zone with mtls_certificate_id', async () => {
    recorder.setRewrite((e) =>
      e.method === 'GET' && e.path === `${LIST}/${CERT_ID}` ? withResult(e, { ...((e.responseBody as Body).result as object), id: CERT_ID, ca: true }) : undefined
    )
    const outcome = await act({ 'operation': 'associations', 'certificate-id': CERT_ID, 'zone-id': ZONE })
    expectClean(outcome)
    const zoneGets = outcome.exchanges.filter((e) => e.path === ZONE_PATH)
    expect(zoneGets.map((e) => [e.method, e.query])).toEqual([['GET', { mtls_certificate_id: [CERT_ID] }]])
  })

  it('rotate with zone-id: bind PUT, verify GET, unbind PUT (empty set), drain, DELETE, all judged', async () => {
    // The account lists one earlier CA (ours, by UUID) with the example's association; the upload
    // answers with a UUID; the drain read (second /associations) finds it gone, so DELETE is sent.
    let associationReads = 0
    recorder.setRewrite((e) => {
      const result = (e.responseBody as Body | undefined)?.result
      if (e.method === 'GET' && e.path === LIST) {
        const [example] = result as object[]
        return withResult(e, [{ ...example, id: OLD_ID, name: 'contract-ca', ca: true, uploaded_on: '2020-01-01T00:00:00Z' }])
      }
      if (e.method === 'POST' && e.path === LIST) return withResult(e, { ...(result as object), id: NEW_ID, name: 'contract-ca', ca: true })
      if (e.method === 'GET' && e.path === `${LIST}/${OLD_ID}/associations` && associationReads++ > 0) return withResult(e, [])
      return undefined
    })
    const outcome = await act({ 'operation': 'rotate', 'name': 'contract-ca', 'certificate-path': files.caPath, 'zone-id': ZONE, 'hostnames': HOST })
    expectClean(outcome)
    expect(outcome.exchanges.map(route)).toEqual([
      `GET ${LIST}`,
      `GET ${LIST}/${OLD_ID}/associations`,
      `GET ${ZONE_PATH}?mtls_certificate_id=${OLD_ID}`,
      `POST ${LIST}`,
      `PUT ${ZONE_PATH}`,
      `GET ${ZONE_PATH}?mtls_certificate_id=${NEW_ID}`,
      `PUT ${ZONE_PATH}`,
      `GET ${LIST}/${OLD_ID}/associations`,
      `DELETE ${LIST}/${OLD_ID}`
    ])
    const puts = outcome.exchanges.filter((e) => e.method === 'PUT')
    expect(puts.map((e) => e.requestBody)).toEqual([
      { hostnames: [HOST], mtls_certificate_id: NEW_ID },
      { hostnames: [], mtls_certificate_id: OLD_ID }
    ])
    expect(JSON.parse(outcome.run.outputs['deleted-certificate-ids'] ?? '')).toEqual([OLD_ID])
  })

  it('sync: the plan’s list, zone GET and associations GET, then the prune’s associations GET and DELETE, all judged', async () => {
    // The account lists the manifest's CA (our PEM, by UUID) and an unlisted one with the prune
    // prefix; the zone's example answer is the manifest's hostname, so only the prune changes.
    writeFileSync(
      path.join(files.dir, 'mtls.yml'),
      `certificates:\n  contract-ca:\n    file: ca.pem\n    ca: true\n    hostnames:\n      ${ZONE}: [${HOST}]\nprune:\n  name-prefix: contract-\n`
    )
    recorder.setRewrite((e) => {
      const result = (e.responseBody as Body | undefined)?.result
      if (e.method === 'GET' && e.path === LIST) {
        const [example] = result as object[]
        return withResult(e, [
          { ...example, id: CERT_ID, name: 'contract-ca', ca: true, type: 'custom', certificates: files.ca.pem },
          { ...example, id: OLD_ID, name: 'contract-old', ca: true, type: 'custom' }
        ])
      }
      if (e.method === 'GET' && e.path === `${LIST}/${OLD_ID}/associations`) return withResult(e, [])
      return undefined
    })
    const outcome = await act({ operation: 'sync', manifest: 'mtls.yml' }, files.dir)
    expectClean(outcome)
    expect(outcome.exchanges.map(route)).toEqual([
      `GET ${LIST}`,
      `GET ${ZONE_PATH}?mtls_certificate_id=${CERT_ID}`,
      `GET ${LIST}/${OLD_ID}/associations`,
      `GET ${LIST}/${OLD_ID}/associations`,
      `DELETE ${LIST}/${OLD_ID}`
    ])
    expect(JSON.parse(outcome.run.outputs.plan ?? '[]').map((p: { action: string; name: string }) => `${p.action} ${p.name}`)).toEqual([
      'delete contract-old',
      'unchanged contract-ca'
    ])
  })
})
