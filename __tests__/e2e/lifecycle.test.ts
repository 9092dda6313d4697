import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { e2eBackend, type E2EBackend } from '../helpers/e2e.js'

let b: E2EBackend
beforeAll(async () => {
  b = await e2eBackend()
})
afterAll(async () => b.close())
beforeEach(() => b.emulator.reset())

const ids = (json: string | undefined): string[] => JSON.parse(json ?? '[]') as string[]
const day = 86_400_000

/** Seeds real CA certificates named `name`, oldest first. */
async function seedVersions(name: string, count: number): Promise<string[]> {
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const c = await makeCertificate()
    out.push(...b.emulator.seed([{ pem: c.pem, ca: true, name, uploadedOn: new Date(Date.now() - (count - i) * day) }]))
  }
  return out
}

describe('rotate', () => {
  it('from nothing: uploads the new certificate, nothing to delete', async () => {
    const next = await makeCertificate()
    const file = b.file(next.pem)
    const r = await b.run({ 'operation': 'rotate', 'name': 'edge-ca', 'certificate-path': file })
    expect(r.code, r.stdout).toBe(0)
    expect(ids(r.outputs['previous-certificate-ids'])).toEqual([])
    expect(ids(r.outputs['deleted-certificate-ids'])).toEqual([])
    expect(r.outputs.reused).toBe('false')
    expect(b.emulator.certificates().map((c) => c.id)).toEqual([r.outputs['certificate-id']])
    expect(b.takeRequests()).toEqual(['GET list', 'POST upload'])
    // Each step of the rotation is a group of its own in the log; with nothing to delete, no deletion step.
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::group::'))).toEqual([
      `::group::Validate ${file}`,
      '::group::Find the earlier versions of "edge-ca"',
      '::group::Upload the new certificate'
    ])
  })

  it('deletes the unbound earlier certificate and leaves the bound one with a warning; a re-run changes nothing', async () => {
    const [unbound, bound] = await seedVersions('edge-ca', 2)
    b.emulator.setAssociations(bound ?? '', [{ service: 'gateway', status: 'pending_deployment' }])
    const next = await makeCertificate()
    const file = b.file(next.pem)
    b.takeRequests()
    const r = await b.run({ 'operation': 'rotate', 'name': 'edge-ca', 'certificate-path': file })
    expect(r.code, r.stdout).toBe(0)
    const newId = r.outputs['certificate-id'] ?? ''
    expect(ids(r.outputs['previous-certificate-ids']).sort()).toEqual([unbound, bound].sort())
    expect(ids(r.outputs['deleted-certificate-ids'])).toEqual([unbound])
    expect(ids(r.outputs['blocked-certificate-ids'])).toEqual([bound])
    expect(r.stdout).toMatch(new RegExp(`::warning::.*${bound}.*gateway \\(pending_deployment\\)`))
    expect(b.takeRequests()).toEqual(['GET list', 'GET associations', 'GET associations', 'POST upload', 'DELETE delete'])
    expect(
      b.emulator
        .certificates()
        .map((c) => c.id)
        .sort()
    ).toEqual([bound, newId].sort())
    expect(r.summary).toContain('left in place')
    expect(r.summary).toContain(`→ ${newId}`)

    const again = await b.run({ 'operation': 'rotate', 'name': 'edge-ca', 'certificate-path': file })
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.reused).toBe('true')
    expect(again.outputs['certificate-id']).toBe(newId)
    expect(ids(again.outputs['deleted-certificate-ids'])).toEqual([])
    expect(ids(again.outputs['blocked-certificate-ids'])).toEqual([bound])
    expect(b.takeRequests()).toEqual(['GET list', 'GET associations'])
    expect(b.emulator.certificates()).toHaveLength(2)
  })

  it('keep-previous: 1 keeps the newest earlier certificate and deletes the older', async () => {
    const [oldest, newer] = await seedVersions('api-ca', 2)
    const next = await makeCertificate()
    const r = await b.run({ 'operation': 'rotate', 'name': 'api-ca', 'certificate-path': b.file(next.pem), 'keep-previous': '1' })
    expect(r.code, r.stdout).toBe(0)
    expect(ids(r.outputs['deleted-certificate-ids'])).toEqual([oldest])
    expect(b.emulator.certificates().map((c) => c.id)).toContain(newer)
    expect(b.emulator.certificates().map((c) => c.id)).not.toContain(oldest)
  })

  it('waits for a bound certificate to be released, then deletes it', async () => {
    const [old] = await seedVersions('wait-ca', 1)
    b.emulator.setAssociations(old ?? '', [{ service: 'gateway', status: 'active' }])
    const next = await makeCertificate()
    const release = setTimeout(() => b.emulator.setAssociations(old ?? '', []), 1500)
    const r = await b.run({ 'operation': 'rotate', 'name': 'wait-ca', 'certificate-path': b.file(next.pem), 'wait-for-unassociated-seconds': '30' })
    clearTimeout(release)
    expect(r.code, r.stdout).toBe(0)
    expect(ids(r.outputs['deleted-certificate-ids'])).toEqual([old])
    expect(ids(r.outputs['blocked-certificate-ids'])).toEqual([])
    expect(r.durationMs).toBeLessThan(25_000)
    expect(b.emulator.certificates().map((c) => c.id)).not.toContain(old)
  })

  it('at the CA limit, deletes an unbound earlier version first to make room', async () => {
    b.emulator.seedSynthetic(4, { ca: true, namePrefix: 'other' })
    const [old] = await seedVersions('full-ca', 1)
    const next = await makeCertificate()
    b.takeRequests()
    const r = await b.run({ 'operation': 'rotate', 'name': 'full-ca', 'certificate-path': b.file(next.pem) })
    expect(r.code, r.stdout).toBe(0)
    expect(ids(r.outputs['deleted-certificate-ids'])).toEqual([old])
    expect(b.takeRequests()).toEqual(['GET list', 'GET associations', 'DELETE delete', 'POST upload'])
  })
})

describe('CA quota pre-check', () => {
  it('an upload to an account with 5 CAs fails before the POST, listing them', async () => {
    b.emulator.seedSynthetic(5, { ca: true, namePrefix: 'ca-slot' })
    const next = await makeCertificate()
    b.takeRequests()
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(next.pem) })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('limit of 5')
    expect(r.errors[0]).toContain('ca-slot')
    expect(b.takeRequests().filter((x) => !x.startsWith('GET'))).toEqual([])
  })
})

describe('report', () => {
  it('groups expired, expiring and fine certificates, fails on expired, with association counts', async () => {
    const expired = await makeCertificate({ notBefore: new Date(Date.now() - 30 * day), notAfter: new Date(Date.now() - 2 * day) })
    const soon = await makeCertificate({ notAfter: new Date(Date.now() + 10 * day) })
    const fine = await makeCertificate({ notAfter: new Date(Date.now() + 200 * day) })
    const [e, s, f] = b.emulator.seed([
      { pem: expired.pem, name: 'expired' },
      { pem: soon.pem, name: 'soon' },
      { pem: fine.pem, name: 'fine' }
    ])
    b.emulator.setAssociations(s ?? '', [{ service: 'gateway', status: 'active' }])
    b.takeRequests()
    const r = await b.run({ operation: 'report' })
    expect(r.code).toBe(1)
    expect(r.outputs['expired-count']).toBe('1')
    expect(r.outputs['expiring-count']).toBe('1')
    const entries = JSON.parse(r.outputs.certificates ?? '[]') as Array<{ id: string; days_left: number; association_count: number | null; group: string }>
    // associations: expiring (the default) reads none for the fine certificate.
    expect(entries.map((x) => [x.id, x.group, x.association_count])).toEqual([
      [e, 'expired', 0],
      [s, 'warning', 1],
      [f, 'fine', null]
    ])
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('1 certificate(s) expired')
    expect(r.stdout).toMatch(/::warning::"soon" .* expires in (9|10) day/)
    expect(r.summary).toContain('Expired')
    expect(b.takeRequests()).toEqual(['GET list', 'GET associations', 'GET associations'])
  })

  it('passes with a warning when certificates only expire within the warning window', async () => {
    const soon = await makeCertificate({ notAfter: new Date(Date.now() + 10 * day) })
    b.emulator.seed([{ pem: soon.pem, name: 'soon' }])
    const r = await b.run({ operation: 'report' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.stdout).toContain('::warning::')
    const strict = await b.run({ 'operation': 'report', 'expiry-error-days': '14' })
    expect(strict.code).toBe(1)
  })

  it('25 expiring certificates: 9 warnings, then one that says where the other 16 are (GitHub shows 10 a step)', async () => {
    b.emulator.seedSynthetic(25, { firstExpiry: new Date(Date.now() + 5 * day).toISOString() })
    const r = await b.run({ operation: 'report' })
    expect(r.code, r.stdout).toBe(0)
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning'))
    expect(warnings).toHaveLength(10)
    expect(warnings.slice(0, 9).every((l) => /expires in \d+ day/.test(l))).toBe(true)
    expect(warnings[9]).toContain('16 more certificate(s) expired or expire soon')
    expect(r.outputs['expiring-count']).toBe('25')
  })
})

describe('dry-run makes only GET requests', () => {
  it('upload', async () => {
    const c = await makeCertificate()
    b.takeRequests()
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(c.pem), 'dry-run': 'true' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.stdout).toContain('Dry run: would upload 1 certificate(s)')
    expect(b.takeRequests()).toEqual(['GET list'])
    expect(b.emulator.certificates()).toHaveLength(0)
  })

  it('delete', async () => {
    const [id] = b.emulator.seedSynthetic(1)
    b.takeRequests()
    const r = await b.run({ 'operation': 'delete', 'certificate-id': id ?? '', 'dry-run': 'true' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.summary).toContain('would delete certificate')
    expect(b.takeRequests()).toEqual(['GET associations'])
    expect(b.emulator.certificates()).toHaveLength(1)
  })

  it('rotate', async () => {
    const [old] = await seedVersions('dry-ca', 1)
    const c = await makeCertificate()
    b.takeRequests()
    const r = await b.run({ 'operation': 'rotate', 'name': 'dry-ca', 'certificate-path': b.file(c.pem), 'dry-run': 'true' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.summary).toContain(`would delete ${old}`)
    expect(r.summary).toContain('would upload')
    expect(b.takeRequests().every((x) => x.startsWith('GET'))).toBe(true)
    expect(b.emulator.certificates().map((x) => x.id)).toEqual([old])
  })
})
