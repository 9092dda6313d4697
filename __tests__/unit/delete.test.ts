/**
 * delete as an operation on the emulator (the end-to-end tests run the same through the bundle, where
 * StrykerJS's mutants cannot reach): a certificate something still uses, or that Cloudflare manages, is
 * never deleted; a name finds exactly one certificate or none is touched; missing-ok and dry-run.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { createClients } from '../../src/clients.js'
import { parseConfig, type ConfigOf, type RawInputs } from '../../src/inputs.js'
import { deleteCertificate } from '../../src/operations/delete.js'
import type { DeleteResult } from '../../src/operations/results.js'
import { OperationError, type Logger } from '../../src/operations/types.js'
import { makeCertificate } from '../../scripts/lib/certs.js'

let emu: Emulator
let pem: string
beforeAll(async () => {
  emu = await startEmulator({})
  pem = (await makeCertificate()).pem
})
afterAll(async () => emu.close())
beforeEach(() => emu.reset())

const MISSING = '2a1b3c4d-0000-4000-8000-00000000dead'
let lines: string[] = []

async function remove(raw: RawInputs): Promise<DeleteResult> {
  lines = []
  const log: Logger = { info: (m) => void lines.push(m), warning: (m) => void lines.push(`warning: ${m}`), debug: () => {}, group: async (_n, fn) => fn() }
  const config = parseConfig({ 'operation': 'delete', 'account-id': emu.accountId, 'api-token': emu.token, 'api-base-url': emu.url, ...raw }) as ConfigOf<'delete'>
  const { clients, close } = createClients(config.connection, log, new Date())
  try {
    return await deleteCertificate(config, clients)
  } finally {
    await close()
  }
}
const refused = (raw: RawInputs): Promise<OperationError> =>
  remove(raw).then(
    () => expect.fail('the delete went through'),
    (e: unknown) => {
      expect(e).toBeInstanceOf(OperationError)
      return e as OperationError
    }
  )
const deletes = () => emu.requests.filter((r) => r.method === 'DELETE')

describe('delete refuses what it must not delete, before any DELETE', () => {
  it('a certificate still in use: names each service and its status', async () => {
    const [id] = emu.seed([
      {
        pem,
        ca: true,
        name: 'edge-ca',
        associations: [
          { service: 'gateway', status: 'active' },
          { service: 'mtls_hostname', status: 'pending_deployment' }
        ]
      }
    ])
    const e = await refused({ 'certificate-id': id })
    expect(e.reason).toBe('in-use')
    expect(e.message).toBe(
      `Certificate ${id} is still in use by 2 service(s): gateway (active), mtls_hostname (pending_deployment). Unbind it from each service (or move them to another certificate) before deleting it; operation: rotate does this safely.`
    )
    expect(deletes()).toEqual([])
    expect(emu.certificates().map((c) => c.id)).toEqual([id])
  })

  it.each(['gateway_managed', 'access_managed'] as const)('a %s certificate (named): Cloudflare manages it', async (type) => {
    const [id] = emu.seed([{ pem, ca: true, name: 'managed', type }])
    const e = await refused({ name: 'managed' })
    expect(e.reason).toBe('managed')
    expect(e.message).toMatch(new RegExp(`^Certificate ${id} is ${type}: Cloudflare manages it`))
    expect(deletes()).toEqual([])
  })

  it('a name two certificates share: lists both, deletes neither', async () => {
    const other = (await makeCertificate()).pem
    const ids = emu.seed([
      { pem, ca: true, name: 'twin', uploadedOn: '2026-01-01T00:00:00Z' },
      { pem: other, ca: true, name: 'twin', uploadedOn: '2026-02-01T00:00:00Z' }
    ])
    const e = await refused({ name: 'twin' })
    expect(e.reason).toBe('ambiguous')
    expect(e.message).toMatch(/^2 certificates are named "twin": /)
    expect(e.message).toContain(`${ids[0]} (uploaded 2026-01-01T00:00:00`)
    expect(e.message).toMatch(new RegExp(`\\), ${ids[1]} \\(uploaded 2026-02-01T00:00:00`))
    expect(e.message).toMatch(/give certificate-id instead\.$/)
    expect(emu.certificates()).toHaveLength(2)
  })

  it('a name no certificate has: says how many were checked', async () => {
    emu.seed([{ pem, ca: true, name: 'other' }])
    const e = await refused({ name: 'nobody' })
    expect(e.reason).toBe('not-found')
    expect(e.message).toBe(`No certificate named "nobody" in account ${emu.accountId} (1 certificates checked). Check name, or give certificate-id.`)
  })
})

describe('delete', () => {
  it('by name: deletes the one certificate with that name and nothing else', async () => {
    const other = (await makeCertificate()).pem
    const [id, keep] = emu.seed([
      { pem, ca: true, name: 'old-ca' },
      { pem: other, ca: true, name: 'new-ca' }
    ])
    const r = await remove({ name: 'old-ca' })
    expect(r).toMatchObject({ operation: 'delete', certificateId: id, deleted: true, missing: false, dryRun: false, plan: [], certificate: { id, name: 'old-ca' } })
    expect(emu.certificates().map((c) => c.id)).toEqual([keep])
    expect(lines).toContain(`Deleted certificate ${id}.`)
  })

  it('by id: deletes it and returns what Cloudflare answered', async () => {
    const [id] = emu.seed([{ pem, ca: true, name: 'x' }])
    const r = await remove({ 'certificate-id': id })
    expect(r).toMatchObject({ certificateId: id, deleted: true, missing: false, certificate: { id } })
    expect(emu.certificates()).toEqual([])
  })

  it('dry-run: plans the deletion and sends no DELETE', async () => {
    const [id] = emu.seed([{ pem, ca: true, name: 'old-ca' }])
    const r = await remove({ 'name': 'old-ca', 'dry-run': 'true' })
    expect(r).toMatchObject({
      certificateId: id,
      deleted: false,
      missing: false,
      dryRun: true,
      plan: [`would delete certificate ${id} ("old-ca"): it has no associations`],
      certificate: { id }
    })
    expect(lines).toEqual([`Dry run: would delete certificate ${id} ("old-ca"): it has no associations.`])
    expect(deletes()).toEqual([])
    expect(emu.certificates()).toHaveLength(1)
  })

  it('dry-run by id: the plan names no name it did not read', async () => {
    const [id] = emu.seed([{ pem, ca: true, name: 'old-ca' }])
    const r = await remove({ 'certificate-id': id, 'dry-run': 'true' })
    expect(r.operation).toBe('delete')
    expect(r.plan).toEqual([`would delete certificate ${id}: it has no associations`])
    expect(r.certificate).toBeUndefined()
  })
})

describe('missing-ok', () => {
  it.each<[string, RawInputs]>([
    ['an unknown id', { 'certificate-id': MISSING }],
    ['an unknown name', { name: 'gone' }]
  ])('%s: succeeds with missing: true and deletes nothing', async (_what, raw) => {
    const r = await remove({ ...raw, 'missing-ok': 'true' })
    expect(r).toEqual({ operation: 'delete', certificateId: raw['certificate-id'] ?? '', deleted: false, missing: true, dryRun: false, plan: [] })
    expect(lines.join('\n')).toMatch(/nothing to delete \(missing-ok\)/i)
    expect(deletes()).toEqual([])
  })

  it("without it, an unknown id fails with Cloudflare's error", async () => {
    await expect(remove({ 'certificate-id': MISSING })).rejects.toThrow(/1472|not found|does not exist/i)
  })

  it('does not hide an ambiguous name', async () => {
    const other = (await makeCertificate()).pem
    emu.seed([
      { pem, ca: true, name: 'twin' },
      { pem: other, ca: true, name: 'twin' }
    ])
    const e = await refused({ 'name': 'twin', 'missing-ok': 'true' })
    expect(e.reason).toBe('ambiguous')
  })

  it('a certificate deleted by someone else between the check and the DELETE counts as missing', async () => {
    const [id] = emu.seed([{ pem, ca: true, name: 'x' }])
    emu.injectFault({ kind: 'server-error', route: 'delete', status: 404, code: 1472 })
    const r = await remove({ 'certificate-id': id, 'missing-ok': 'true' })
    expect(r).toEqual({ operation: 'delete', certificateId: id, deleted: false, missing: true, dryRun: false, plan: [] })
  })

  it('without it, a certificate deleted by someone else at the DELETE fails the run', async () => {
    const [id] = emu.seed([{ pem, ca: true, name: 'x' }])
    emu.injectFault({ kind: 'server-error', route: 'delete', status: 404, code: 1472 })
    await expect(remove({ 'certificate-id': id })).rejects.toThrow(/1472/)
  })

  it('with it, a DELETE refused for another reason still fails the run', async () => {
    const [id] = emu.seed([{ pem, ca: true, name: 'x' }])
    emu.injectFault({ kind: 'server-error', route: 'delete', status: 400, code: 1000 })
    await expect(remove({ 'certificate-id': id, 'missing-ok': 'true' })).rejects.toThrow(/1000/)
    expect(emu.certificates().map((c) => c.id)).toEqual([id])
  })
})
