import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { makeCertificate, makeClientChain } from '../../scripts/lib/certs.js'
import { e2eBackend, type E2EBackend } from '../helpers/e2e.js'

let b: E2EBackend
beforeAll(async () => {
  b = await e2eBackend()
})
afterAll(async () => b.close())
beforeEach(() => {
  b.emulator.reset()
})

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('upload', () => {
  it('uploads a CA bundle with ca: auto decided from Basic Constraints, and writes outputs and summary', async () => {
    const ca = await makeCertificate({ name: 'CN=E2E Root CA, O=Example' })
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(ca.pem), 'name': 'e2e-ca' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs['certificate-id']).toMatch(UUID)
    expect(r.outputs['association-count']).toBe('0')
    expect(r.outputs.reused).toBe('false')
    expect(r.outputs.name).toBe('e2e-ca')
    expect(r.outputs.issuer).toContain('CN=E2E Root CA')
    expect(r.outputs['serial-number']).toMatch(/^\d+$/)
    expect(Number(r.outputs['days-until-expiry'])).toBeGreaterThan(80)
    expect(JSON.parse(r.outputs.certificate ?? '{}')).toMatchObject({ ca: true, name: 'e2e-ca' })
    expect(r.stdout).toContain('ca: auto → true')
    expect(r.summary).toContain('Uploaded certificate')
    expect(r.summary).toContain('auto: from the first certificate')
    const stored = b.emulator.certificates()
    expect(stored.map((c) => c.id)).toEqual([r.outputs['certificate-id']])
    expect(stored[0]?.ca).toBe(true)
  })

  it('uploads a client certificate with its key (inline, from a secret) and never prints the key', async () => {
    const { chainPem, client } = await makeClientChain()
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(chainPem), 'private-key': client.keyPem, 'name': 'client' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.stdout).toContain('ca: auto → false')
    const body = b.emulator.requests.find((x) => x.method === 'POST')
    expect(body?.bodyKeys).toEqual(expect.arrayContaining(['ca', 'certificates', 'private_key', 'name']))
    const keyBody = client.keyPem.split('\n')[1] ?? ''
    expect(keyBody.length).toBeGreaterThan(20)
    // ::add-mask:: lines carry the secret to the runner, which then hides it everywhere else.
    const printed = r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n')
    expect(printed + r.stderr + r.summary + JSON.stringify(r.outputs)).not.toContain(keyBody)
    expect(r.stdout).toContain(`::add-mask::${keyBody}`)
  })

  it('shows the preflight warnings as annotations on the file and uploads anyway', async () => {
    const soon = await makeCertificate({ notAfter: new Date(Date.now() + 10 * 86_400_000) })
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(soon.pem, 'soon.pem') })
    expect(r.code, r.stdout).toBe(0)
    expect(r.stdout).toMatch(/^::warning title=CERT_EXPIRES_SOON,file=soon\.pem,line=1::/m)
    expect(r.outputs['warning-count']).toBe('1')
    expect(b.emulator.certificates()).toHaveLength(1)
  })

  it('accepts the PEM inline in certificate', async () => {
    const ca = await makeCertificate()
    const r = await b.run({ operation: 'upload', certificate: ca.pem, ca: 'true' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.stdout).toContain('ca: true (from the input)')
  })

  it('reuses an identical certificate instead of failing with 1471 (no POST)', async () => {
    const ca = await makeCertificate()
    const path = b.file(ca.pem)
    const first = await b.run({ 'operation': 'upload', 'certificate-path': path, 'name': 'same' })
    expect(first.code).toBe(0)
    b.takeRequests()
    const second = await b.run({ 'operation': 'upload', 'certificate-path': path, 'name': 'same' })
    expect(second.code, second.stdout).toBe(0)
    expect(second.outputs.reused).toBe('true')
    expect(second.outputs['certificate-id']).toBe(first.outputs['certificate-id'])
    expect(b.takeRequests()).toEqual(['GET list'])
    expect(b.emulator.certificates()).toHaveLength(1)
  })

  it('adopts the existing certificate when the POST answers 1471 (uploaded by someone else meanwhile)', async () => {
    const ca = await makeCertificate()
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(ca.pem), 'reuse-existing': 'false' })
    expect(r.code).toBe(0)
    b.takeRequests()
    const again = await b.run({ 'operation': 'upload', 'certificate-path': b.file(ca.pem), 'reuse-existing': 'false' })
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs['certificate-id']).toBe(r.outputs['certificate-id'])
    expect(again.outputs.reused).toBe('true')
    expect(again.stdout).toContain('1471')
    expect(b.takeRequests()).toEqual(['GET list', 'POST upload', 'GET list'])
  })
})

describe('list, get, associations, delete', () => {
  it('list reads every page of a large account', async () => {
    b.emulator.seedSynthetic(120, { namePrefix: 'bulk' })
    const r = await b.run({ operation: 'list', type: 'all' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.count).toBe('120')
    const listed = JSON.parse(r.outputs.certificates ?? '[]') as Array<{ id: string }>
    expect(new Set(listed.map((c) => c.id)).size).toBe(120)
    expect(r.outputs).not.toHaveProperty('association-count')
    expect(b.takeRequests()).toEqual(['GET list', 'GET list', 'GET list'])
    expect(r.summary).toContain('120 mTLS certificate(s)')
    // The pages are one phase of the log, folded by the runner (core.group), a line per page.
    const lines = r.stdout.split('\n')
    const start = lines.findIndex((l) => l.startsWith('::group::Reading the certificates of account'))
    const end = lines.indexOf('::endgroup::')
    expect(start, r.stdout).toBeGreaterThanOrEqual(0)
    expect(lines.slice(start + 1, end).sort()).toEqual(['Page 1 of 3: 50 certificate(s).', 'Page 2 of 3: 50 certificate(s).', 'Page 3 of 3: 20 certificate(s).'])
  })

  it('list filters by type (custom by default)', async () => {
    b.emulator.seedSynthetic(3, { type: 'custom' })
    b.emulator.seedSynthetic(2, { type: 'gateway_managed' })
    const custom = await b.run({ operation: 'list' })
    expect(custom.outputs.count).toBe('3')
    const gw = await b.run({ operation: 'list', type: 'gateway_managed' })
    expect(gw.outputs.count).toBe('2')
  })

  it('get by name returns the certificate and its association count', async () => {
    const ca = await makeCertificate()
    const up = await b.run({ 'operation': 'upload', 'certificate-path': b.file(ca.pem), 'name': 'by-name' })
    const id = up.outputs['certificate-id'] ?? ''
    b.emulator.setAssociations(id, [{ service: 'gateway', status: 'pending_deployment' }])
    b.takeRequests()
    const r = await b.run({ operation: 'get', name: 'by-name' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs['certificate-id']).toBe(id)
    expect(r.outputs['association-count']).toBe('1')
    expect(JSON.parse(r.outputs.associations ?? '[]')).toEqual([{ service: 'gateway', status: 'pending_deployment' }])
    expect(b.takeRequests()).toEqual(['GET list', 'GET associations'])
    expect(r.summary).toContain('pending_deployment')
  })

  it('get by id reads the object and its associations', async () => {
    const [id] = b.emulator.seedSynthetic(1)
    const r = await b.run({ 'operation': 'get', 'certificate-id': id ?? '' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs['certificate-id']).toBe(id)
    expect(b.takeRequests().sort()).toEqual(['GET associations', 'GET get'])
  })

  it('a name that matches two certificates is an error listing both ids', async () => {
    const ids = b.emulator.seedSynthetic(2, { namePrefix: 'dup' })
    for (const id of ids) b.emulator.setAssociations(id, [])
    const certs = b.emulator.certificates()
    // synthetic names are distinct; seed two real ones with one name
    const a = await makeCertificate()
    const c = await makeCertificate()
    b.emulator.seed([
      { pem: a.pem, ca: true, name: 'twin' },
      { pem: c.pem, ca: true, name: 'twin' }
    ])
    const twins = b.emulator.certificates().filter((x) => x.name === 'twin')
    expect(certs).toHaveLength(2)
    const r = await b.run({ operation: 'get', name: 'twin' })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    for (const t of twins) expect(r.errors[0]).toContain(t.id)
  })

  it('a name that matches nothing is an error', async () => {
    const r = await b.run({ operation: 'associations', name: 'ghost' })
    expect(r.code).toBe(1)
    expect(r.errors[0]).toContain('No certificate named "ghost"')
  })

  it('associations lists the services', async () => {
    const [id] = b.emulator.seedSynthetic(1)
    b.emulator.setAssociations(id ?? '', [
      { service: 'gateway', status: 'pending_deployment' },
      { service: '<script>x</script>', status: 'active' }
    ])
    const r = await b.run({ 'operation': 'associations', 'certificate-id': id ?? '' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs['association-count']).toBe('2')
    expect(r.outputs['certificate-id']).toBe(id)
    expect(r.summary).toContain('&lt;script&gt;x&lt;/script&gt;')
    expect(r.summary).not.toContain('<script>')
    expect(b.takeRequests()).toEqual(['GET associations'])
  })

  it('delete by id: one associations read and one DELETE, and the summary says what was deleted', async () => {
    const ca = await makeCertificate()
    const up = await b.run({ 'operation': 'upload', 'certificate-path': b.file(ca.pem), 'name': 'doomed' })
    const id = up.outputs['certificate-id'] ?? ''
    b.takeRequests()
    const r = await b.run({ 'operation': 'delete', 'certificate-id': id })
    expect(r.code, r.stdout).toBe(0)
    expect(b.takeRequests()).toEqual(['GET associations', 'DELETE delete'])
    expect(JSON.parse(r.outputs['deleted-certificate-ids'] ?? '[]')).toEqual([id])
    expect(r.summary).toContain(`Deleted certificate ${id}`)
    expect(r.summary).toContain('doomed')
    expect(b.emulator.certificates()).toHaveLength(0)
  })

  it('delete refuses a certificate still in use, naming the services, and deletes nothing', async () => {
    const [id] = b.emulator.seedSynthetic(1)
    b.emulator.setAssociations(id ?? '', [{ service: 'gateway', status: 'pending_deployment' }])
    b.takeRequests()
    const r = await b.run({ 'operation': 'delete', 'certificate-id': id ?? '' })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('gateway (pending_deployment)')
    expect(r.errors[0]).toContain('Unbind')
    expect(b.takeRequests()).toEqual(['GET associations'])
    expect(b.emulator.certificates()).toHaveLength(1)
  })

  it('delete of an unknown id fails with 1472, or succeeds with missing-ok', async () => {
    const id = '2a1b3c4d-0000-4000-8000-000000000009'
    const r = await b.run({ 'operation': 'delete', 'certificate-id': id })
    expect(r.code).toBe(1)
    expect(r.errors[0]).toContain('1472')
    expect(r.errors[0]).toContain(id)
    const ok = await b.run({ 'operation': 'delete', 'certificate-id': id, 'missing-ok': 'true' })
    expect(ok.code, ok.stdout).toBe(0)
    expect(JSON.parse(ok.outputs['deleted-certificate-ids'] ?? '')).toEqual([])
  })

  it('delete refuses a Cloudflare-managed certificate found by name', async () => {
    const ca = await makeCertificate()
    b.emulator.seed([{ pem: ca.pem, ca: true, name: 'gw', type: 'gateway_managed' }])
    b.takeRequests()
    const r = await b.run({ operation: 'delete', name: 'gw' })
    expect(r.code).toBe(1)
    expect(r.errors[0]).toContain('gateway_managed')
    expect(b.takeRequests()).toEqual(['GET list'])
  })
})

describe('failures', () => {
  it('a wrong token gives one actionable line naming the permission', async () => {
    const r = await b.run({ 'operation': 'list', 'api-token': 'wrong-token' })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('10000')
    expect(r.errors[0]).toContain('SSL and Certificates · Read')
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/)
  })

  it('the legacy key pair works', async () => {
    const r = await b.run({ 'operation': 'list', 'api-token': '', 'api-key': b.emulator.apiKey, 'api-email': b.emulator.email })
    expect(r.code, r.stdout).toBe(0)
  })

  it('bad input fails before any request, naming the input', async () => {
    b.takeRequests()
    const r = await b.run({ 'operation': 'get', 'certificate-id': 'not-a-uuid' })
    expect(r.code).toBe(1)
    expect(r.errors).toEqual([expect.stringMatching(/^::error::Input "certificate-id" must be a certificate id/)])
    expect(b.takeRequests()).toEqual([])
  })

  it('an upload of a PEM with errors makes no request and names the file and line', async () => {
    b.takeRequests()
    const path = b.file('-----BEGIN CERTIFICATE-----\nnot base64!!\n-----END CERTIFICATE-----\n', 'bad.pem')
    const r = await b.run({ 'operation': 'upload', 'certificate-path': path })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('bad.pem:')
    expect(r.errors[0]).toContain('nothing was uploaded')
    expect(b.takeRequests()).toEqual([])
  })

  it('an unreachable API says where it failed, not "fetch failed"', async () => {
    const r = await b.run({ 'operation': 'list', 'api-base-url': 'http://127.0.0.1:9/client/v4', 'max-retries': '0' })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('ECONNREFUSED')
    expect(r.errors[0]).toContain('api-base-url')
  })
})
