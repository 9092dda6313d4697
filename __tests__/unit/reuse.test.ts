/**
 * reuse-existing reuses a certificate of the account only when it holds exactly the certificates
 * being uploaded: the same leaf with other, fewer or more issuers is another bundle, and reusing it
 * would keep the wrong chain in service (issue 22, rule 3). On the emulator, through uploadCertificate.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { createClients } from '../../src/clients.js'
import type { MtlsCertificate } from '../../src/cloudflare/schemas.js'
import { parseConfig, type ConfigOf } from '../../src/inputs.js'
import { findIdentical, uploadCertificate } from '../../src/operations/upload.js'
import type { Logger } from '../../src/operations/types.js'
import { fingerprintsOfPem } from '../../src/pem/index.js'
import { makeCertificate, makeClientChain } from '../../scripts/lib/certs.js'

type Chain = Awaited<ReturnType<typeof makeClientChain>>
let chain: Chain
let other: Awaited<ReturnType<typeof makeCertificate>>
let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({})
  chain = await makeClientChain()
  other = await makeCertificate({ name: 'CN=Another Issuing CA, O=Example Inc., C=US' })
})
afterAll(async () => emu.close())
beforeEach(() => emu.reset())

const listed = (id: string, pem: string): MtlsCertificate => ({ id, certificates: pem })
const ID1 = '2a1b3c4d-0000-4000-8000-000000000001'
const ID2 = '2a1b3c4d-0000-4000-8000-000000000002'

describe('findIdentical', () => {
  // [what the account holds, what is uploaded (leaf + issuer unless said), the id found]
  it.each<[string, () => MtlsCertificate[], () => string, string | undefined]>([
    ['the same leaf and issuer', () => [listed(ID1, chain.chainPem)], () => chain.chainPem, ID1],
    ['the same certificates in another PEM text (CRLF, blank lines)', () => [listed(ID1, chain.chainPem.replace(/\n/g, '\r\n') + '\r\n')], () => chain.chainPem, ID1],
    ['the leaf alone (issuer missing)', () => [listed(ID1, chain.client.pem)], () => chain.chainPem, undefined],
    ['the leaf with another issuer', () => [listed(ID1, chain.client.pem + other.pem)], () => chain.chainPem, undefined],
    ['the leaf, its issuer and one more', () => [listed(ID1, chain.chainPem + other.pem)], () => chain.chainPem, undefined],
    ['the leaf and issuer, uploading the leaf alone', () => [listed(ID1, chain.chainPem)], () => chain.client.pem, undefined],
    ['a near miss first, the identical one second', () => [listed(ID1, chain.client.pem), listed(ID2, chain.chainPem)], () => chain.chainPem, ID2],
    ['a listing without its PEM', () => [{ id: ID1 }], () => chain.chainPem, undefined],
    ['an empty account', () => [], () => chain.chainPem, undefined]
  ])('account holds %s', (_what, account, upload, found) => {
    expect(findIdentical(account(), fingerprintsOfPem(upload()))?.id).toBe(found)
  })
})

describe('upload with reuse-existing: true', () => {
  const log: Logger = { info: () => {}, warning: () => {}, debug: () => {}, group: async (_n, fn) => fn() }
  async function upload(): Promise<Awaited<ReturnType<typeof uploadCertificate>>> {
    const config = parseConfig({
      'operation': 'upload',
      'account-id': emu.accountId,
      'api-token': emu.token,
      'api-base-url': emu.url,
      'certificate': chain.chainPem,
      'private-key': chain.client.keyPem,
      'name': 'client',
      'reuse-existing': 'true'
    }) as ConfigOf<'upload'>
    const { clients, close } = createClients(config.connection, log, new Date())
    try {
      return await uploadCertificate(config, clients)
    } finally {
      await close()
    }
  }

  it.each<[string, () => string]>([
    ['the leaf alone', () => chain.client.pem],
    ['the leaf with another issuer', () => chain.client.pem + other.pem],
    ['the leaf, its issuer and one more', () => chain.chainPem + other.pem]
  ])('uploads the bundle when the account holds %s, and leaves that one alone', async (_what, held) => {
    const [near] = emu.seed([{ pem: held(), ca: false, name: 'client' }])
    emu.clearRequests()
    const r = await upload()
    expect(r.reused).toBe(false)
    expect(r.certificate.id).not.toBe(near)
    expect(emu.requests.filter((q) => q.method === 'POST')).toHaveLength(1)
    // The certificate now in service holds exactly the uploaded leaf and issuer.
    const stored = emu.certificates().find((c) => c.id === r.certificate.id)
    expect(fingerprintsOfPem(stored?.certificates ?? '')).toEqual(fingerprintsOfPem(chain.chainPem))
    expect(emu.certificates().map((c) => c.id)).toContain(near)
  })

  it('reuses the account certificate that holds exactly the same leaf and issuer, without a POST', async () => {
    const [same] = emu.seed([{ pem: chain.chainPem, ca: false, name: 'client' }])
    emu.clearRequests()
    const r = await upload()
    expect(r).toMatchObject({ reused: true, certificate: { id: same } })
    expect(emu.requests.filter((q) => q.method === 'POST')).toEqual([])
  })
})
