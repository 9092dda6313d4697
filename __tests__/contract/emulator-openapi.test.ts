/**
 * Our emulator against Cloudflare's own OpenAPI document, judged by Stoplight Prism:
 *
 *   dist/index.js ──▶ recording proxy ──▶ prism proxy --errors ──▶ emulator (in-process, /client/v4)
 *
 * Prism serves the document's paths at its root and forwards them to the upstream URL with the
 * path appended, so the upstream is the emulator's `/client/v4` base: `/accounts/…` at Prism
 * becomes `/client/v4/accounts/…` at the emulator, exactly as api.cloudflare.com lays it out.
 * With --errors Prism checks the emulator's answers too and replaces a violating one with a 500
 * problem+json naming the field, so the happy-path e2e scenarios below fail on any response the
 * document does not allow.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator, type MtlsCertificate } from '../../emulator/index.js'
import { makeCertificate } from '../emulator/certs.js'
import { writeContractCertificates, type ContractFiles } from '../helpers/contract-certs.js'
import { prismComplaints, startPrism, type Prism } from '../helpers/prism.js'
import { contractProblems, startRecordingProxy, type Exchange, type RecordingProxy } from '../helpers/recording-proxy.js'
import { runAction, type ActionRun } from '../helpers/run-action.js'

let emulator: Emulator
let prism: Prism
let recorder: RecordingProxy
let files: ContractFiles

beforeAll(async () => {
  ;[emulator, files] = await Promise.all([startEmulator(), writeContractCertificates()])
  prism = await startPrism({ mode: 'proxy', upstream: emulator.url })
  recorder = await startRecordingProxy(prism.url)
}, 45_000)

afterAll(async () => {
  await recorder?.close()
  await prism?.close()
  await emulator?.close()
})

beforeEach(() => {
  recorder.clear()
  emulator.clearRequests()
  emulator.clearFaults()
})

interface Outcome {
  run: ActionRun
  exchanges: Exchange[]
  complaints: string[]
}

async function act(inputs: Record<string, string>): Promise<Outcome> {
  await prism.settle()
  const mark = prism.mark()
  const run = await runAction({
    'account-id': emulator.accountId,
    'api-token': emulator.token,
    'api-base-url': recorder.url,
    'max-retries': '0',
    ...inputs
  })
  await prism.settle()
  return { run, exchanges: [...recorder.exchanges], complaints: prismComplaints(prism.outputSince(mark)) }
}

/** Every answer passed Prism's checks, and every request really reached the emulator. */
function expectClean({ run, exchanges, complaints }: Outcome): void {
  expect(contractProblems(exchanges), 'Prism found every emulator answer conforming').toEqual([])
  expect(complaints, "Prism's log has no validation complaint").toEqual([])
  expect(run.code, `the action succeeded\n${run.stdout}\n${run.stderr}`).toBe(0)
  expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(exchanges.map((e) => `${e.method} /client/v4${e.path}`))
}

const route = (e: Exchange) => `${e.method} ${e.path}`
const LIST = () => `/accounts/${emulator.accountId}/mtls_certificates`

function stored(id: string | undefined): MtlsCertificate {
  const c = emulator.certificates().find((x) => x.id === id)
  if (!c) throw new Error(`certificate ${id} is not in the emulator`)
  return c
}

describe('Prism checks the requests it forwards', () => {
  it('a request that breaks the document gets 422 from Prism and never reaches the emulator', async () => {
    const mark = prism.mark()
    const res = await fetch(`${recorder.url}${LIST()}`, {
      method: 'POST',
      headers: { 'authorization': `Bearer ${emulator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ca: 'true', certificates: files.ca.pem })
    })
    expect(res.status).toBe(422)
    expect(recorder.exchanges[0]?.violations.map((v) => `${v.location.join('.')}: ${v.message}`)).toEqual(['body.ca: Request body property ca must be boolean'])
    expect(emulator.requests).toEqual([])
    expect(await prism.waitForLine(/Request terminated with error/, mark)).toMatch(/UNPROCESSABLE_ENTITY/)
  })
})

describe('the e2e happy path through prism proxy --errors', () => {
  // One account, built up in order: the uploads, then 120 more certificates, then reads and a
  // delete. The reads and the delete use a certificate seeded here rather than the uploads, so a
  // failed upload does not hide what the later steps would find.
  let targetId = ''
  beforeAll(async () => {
    const other = await makeCertificate({ ca: false, issuer: files.ca, name: 'CN=contract-target.example.com, O=Example Inc., C=US' })
    ;[targetId = ''] = emulator.seed([{ pem: other.pem + files.ca.pem, name: 'contract-target' }])
  })

  it('upload a CA', async () => {
    const outcome = await act({ 'operation': 'upload', 'certificate-path': files.caPath, 'ca': 'true', 'name': 'contract-ca' })
    expectClean(outcome)
    expect(outcome.exchanges.map(route)).toEqual([`GET ${LIST()}`, `POST ${LIST()}`])
    const caId = outcome.run.outputs['certificate-id']
    expect(stored(caId)).toMatchObject({ ca: true, name: 'contract-ca', type: 'custom' })
    expect(outcome.run.outputs['serial-number']).toBe(stored(caId).serial_number)
  })

  it('upload a client certificate with its key', async () => {
    const outcome = await act({
      'operation': 'upload',
      'certificate-path': files.leafPath,
      'private-key-path': files.keyPath,
      'ca': 'false',
      'name': 'contract-leaf'
    })
    expectClean(outcome)
    expect(outcome.exchanges.map(route)).toEqual([`GET ${LIST()}`, `POST ${LIST()}`])
    expect(stored(outcome.run.outputs['certificate-id'])).toMatchObject({ ca: false, name: 'contract-leaf', type: 'custom' })
  })

  it('list 120 seeded certificates plus the uploads: three pages, each answer conforming', async () => {
    emulator.seedSynthetic(120)
    const total = emulator.certificates().length
    const outcome = await act({ operation: 'list', type: 'all' })
    expectClean(outcome)
    expect(outcome.exchanges.map((e) => e.query.page?.[0]).sort()).toEqual(['1', '2', '3'])
    expect(outcome.run.outputs.count).toBe(String(total))
    const ids = (JSON.parse(outcome.run.outputs.certificates ?? '[]') as { id: string }[]).map((c) => c.id)
    expect(new Set(ids)).toEqual(new Set(emulator.certificates().map((c) => c.id)))
  })

  it('list custom certificates', async () => {
    const outcome = await act({ operation: 'list', type: 'custom' })
    expectClean(outcome)
    expect(outcome.exchanges.every((e) => e.query.type?.[0] === 'custom')).toBe(true)
    expect(outcome.run.outputs.count).toBe(String(emulator.certificates().filter((c) => c.type === 'custom').length))
  })

  it('get a certificate by id', async () => {
    const outcome = await act({ 'operation': 'get', 'certificate-id': targetId })
    expectClean(outcome)
    expect(outcome.exchanges.map(route).sort()).toEqual([`GET ${LIST()}/${targetId}`, `GET ${LIST()}/${targetId}/associations`])
    expect(outcome.run.outputs['certificate-id']).toBe(targetId)
    expect(outcome.run.outputs.issuer).toBe(stored(targetId).issuer)
    expect(outcome.run.outputs['association-count']).toBe('0')
  })

  it('associations of a certificate in use', async () => {
    emulator.setAssociations(targetId, [
      { service: 'gateway', status: 'pending_deployment' },
      { service: 'hyperdrive', status: 'active' }
    ])
    try {
      const outcome = await act({ 'operation': 'associations', 'certificate-id': targetId })
      expectClean(outcome)
      expect(outcome.run.outputs['association-count']).toBe('2')
      expect(JSON.parse(outcome.run.outputs.associations ?? '')).toEqual(emulator.associations(targetId))
    } finally {
      emulator.setAssociations(targetId, [])
    }
  })

  it('delete a certificate', async () => {
    const outcome = await act({ 'operation': 'delete', 'certificate-id': targetId })
    expectClean(outcome)
    expect(outcome.exchanges.map(route)).toEqual([`GET ${LIST()}/${targetId}/associations`, `DELETE ${LIST()}/${targetId}`])
    expect(outcome.run.outputs['deleted-certificate-ids']).toBe(JSON.stringify([targetId]))
    expect(emulator.certificates().some((c) => c.id === targetId)).toBe(false)
  })
})

describe('Prism catches answers that break the document', () => {
  it('a wrongly typed result becomes a 500 naming each bad field, and the action fails', async () => {
    const [id] = emulator.seedSynthetic(1)
    if (!id) throw new Error('no certificate seeded')
    emulator.injectFault({ kind: 'bad-schema', route: 'get' })
    const outcome = await act({ 'operation': 'get', 'certificate-id': id })
    const get = outcome.exchanges.find((e) => e.path === `${LIST()}/${id}`)
    expect(get?.status).toBe(500)
    expect(get?.contentType).toMatch(/^application\/problem\+json/)
    const fields = get?.violations.map((v) => v.location.join('.'))
    expect(fields).toEqual(expect.arrayContaining(['response.body.result.id', 'response.body.result.serial_number', 'response.body.result.type']))
    expect(contractProblems(outcome.exchanges).join('\n')).toMatch(/→ 500: .*response\.body\.result\.id: Response body property result\.id must be string/)
    expect(outcome.complaints.join('\n')).toMatch(/Request terminated with error: .*VIOLATIONS/)
    expect(outcome.run.code).toBe(1)
  })

  it("Cloudflare's own error envelope (result: null) is flagged too: the document's 4XX schema is unsatisfiable", async () => {
    // The emulator answers 404/1472 with `result: null`, as Cloudflare does. The document types the
    // 4XX `result` as an object (or array) with `enum: [null]`, and Prism 5.14.2 reads the type
    // first, so it replaces the real error with its own 500. Only happy paths can go through
    // prism proxy --errors; the emulator's error answers are checked by __tests__/emulator.
    const res = await fetch(`${recorder.url}${LIST()}/2a1b3c4d-0000-4000-8000-000000000000`, {
      headers: { authorization: `Bearer ${emulator.token}` }
    })
    await res.arrayBuffer()
    expect(emulator.requests.map((r) => [r.status, r.errorCodes])).toEqual([[404, [1472]]])
    expect(res.status).toBe(500)
    expect(recorder.exchanges[0]?.violations.map((v) => `${v.location.join('.')}: ${v.message}`)).toEqual([
      'response.body.result: Response body property result must be object'
    ])
  })
})
