/**
 * rotate with zone-id + hostnames, and associate, through the committed bundle against the
 * emulator's zone endpoint (`/zones/{zone_id}/certificate_authorities/hostname_associations`).
 * Every assertion about what happened reads the emulator: its request log (route, zone,
 * `mtlsCertificateId`, status, fault) and its state (`hostnames()`, `certificates()`).
 *
 * Each case gets its own emulator (e2eBackendPool), so the cases run concurrently without sharing
 * a fault queue, a zone permission or a linger setting.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { Fault, RequestRecord } from '../../emulator/index.js'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { e2eBackendPool, type E2EBackend } from '../helpers/e2e.js'
import type { ActionRun } from '../helpers/run-action.js'

const backend = e2eBackendPool(afterAll)
const SECOND_ZONE = 'abcdefabcdefabcdefabcdefabcdefab'
const HOST = 'api.example.com'
const day = 86_400_000

/** The request log as "METHOD route[ zone-suffix certificate-id][ [fault]]", every entry. */
function steps(b: E2EBackend, names: Record<string, string> = {}): string[] {
  const name = (id: string | null | undefined) => (id === null ? 'NONE' : id === undefined ? '' : (names[id] ?? id))
  return b.emulator.requests.map((r: RequestRecord) => {
    const zone = r.zoneId === undefined ? '' : r.zoneId === b.emulator.zoneId ? '' : '@2'
    const target = r.route === 'list-hostnames' || r.route === 'replace-hostnames' ? ` ${name(r.mtlsCertificateId)}${zone}` : ''
    const failed = r.fault ? ` [${r.fault}]` : r.status >= 400 ? ` [${r.status}]` : ''
    return `${r.method} ${r.route ?? r.path}${target}${failed}`
  })
}

/** Every PUT the emulator saw named a certificate: none acted on the zone's managed CA. */
function expectEveryPutNamesACertificate(b: E2EBackend): void {
  const puts = b.emulator.requests.filter((r) => r.route === 'replace-hostnames')
  expect(puts.filter((r) => r.mtlsCertificateId === null || r.mtlsCertificateId === undefined)).toEqual([])
  for (const z of b.emulator.zones()) expect(z.managed).toEqual([])
}

const onlyGets = (b: E2EBackend) => b.emulator.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.route}`)
const json = <T>(text: string | undefined): T => JSON.parse(text ?? 'null') as T
const errorLines = (r: ActionRun) => r.stdout.split('\n').filter((l) => l.startsWith('::error'))

/** An earlier CA named client-ca, uploaded a day ago, serving `hosts` in the default zone (and `second` in SECOND_ZONE). */
async function boundEarlierCa(b: E2EBackend, hosts: string[] = [HOST], second?: string[]): Promise<string> {
  const old = await makeCertificate()
  const [id] = b.emulator.seed([{ pem: old.pem, ca: true, name: 'client-ca', uploadedOn: new Date(Date.now() - day) }])
  b.emulator.setHostnames(b.emulator.zoneId, id as string, hosts)
  if (second) {
    b.emulator.addZone(SECOND_ZONE)
    b.emulator.setHostnames(SECOND_ZONE, id as string, second)
  }
  b.emulator.clearRequests()
  return id as string
}

/** A rotate of client-ca onto a fresh CA file, in the default zone for HOST unless `inputs` say otherwise. */
async function rotateInputs(b: E2EBackend, inputs: Record<string, string> = {}) {
  const next = await makeCertificate()
  return { 'operation': 'rotate', 'name': 'client-ca', 'certificate-path': b.file(next.pem), 'zone-id': b.emulator.zoneId, 'hostnames': HOST, ...inputs }
}

/** The one sequence of a rotation with one zone and one bound earlier CA (fresh upload). */
const FULL_SEQUENCE = [
  'GET list',
  'GET associations', // is the earlier CA bound anywhere?
  'GET list-hostnames old', // what it serves in the zone
  'POST upload',
  'PUT replace-hostnames new', // bind
  'GET list-hostnames new', // verify
  'PUT replace-hostnames old', // unbind
  'GET associations', // drain
  'DELETE delete'
]

describe.concurrent('rotate with zone-id and hostnames', () => {
  it('bind new → verify → unbind old → drain → delete old, from the emulator’s log; a re-run makes only GETs', async () => {
    const b = await backend()
    const oldId = await boundEarlierCa(b, [HOST, 'www.example.com'])
    const inputs = await rotateInputs(b)
    const r = await b.run(inputs)
    expect(r.code, r.stdout).toBe(0)
    const newId = r.outputs['certificate-id'] ?? ''
    const names = { [oldId]: 'old', [newId]: 'new' }
    // The old CA keeps www.example.com, so it stays bound: no drain, no delete.
    expect(steps(b, names)).toEqual(FULL_SEQUENCE.slice(0, 7))
    expect(b.emulator.hostnames(b.emulator.zoneId, newId)).toEqual([HOST])
    expect(b.emulator.hostnames(b.emulator.zoneId, oldId)).toEqual(['www.example.com'])
    expect(json(r.outputs['blocked-certificate-ids'])).toEqual([oldId])
    expect(r.stdout).toMatch(new RegExp(`::warning::.*${oldId}.*still serves www\\.example\\.com`))
    expectEveryPutNamesACertificate(b)
  })

  it('the full sequence with the old CA’s last hostname: bodies, outputs, final state; a re-run makes only GETs', async () => {
    const b = await backend()
    const oldId = await boundEarlierCa(b)
    const inputs = await rotateInputs(b)
    const r = await b.run(inputs)
    expect(r.code, r.stdout).toBe(0)
    expect(r.errors).toEqual([])
    const newId = r.outputs['certificate-id'] ?? ''
    expect(steps(b, { [oldId]: 'old', [newId]: 'new' })).toEqual(FULL_SEQUENCE)
    // The PUT bodies as the emulator saw them: the keys, and the sets they left.
    const puts = b.emulator.requests.filter((x) => x.route === 'replace-hostnames')
    expect(puts.map((x) => [x.mtlsCertificateId, x.bodyKeys?.slice().sort(), x.status])).toEqual([
      [newId, ['hostnames', 'mtls_certificate_id'], 200],
      [oldId, ['hostnames', 'mtls_certificate_id'], 200]
    ])
    expectEveryPutNamesACertificate(b)
    expect(b.emulator.zones()[0]?.certificates).toEqual({ [newId]: [HOST] })
    expect(b.emulator.certificates().map((c) => c.id)).toEqual([newId])
    expect(b.emulator.associations(newId)).toEqual([{ service: 'mtls_hostname_associations', status: 'active' }])
    expect(json(r.outputs.hostnames)).toEqual({ [b.emulator.zoneId]: [HOST] })
    expect(json(r.outputs['deleted-certificate-ids'])).toEqual([oldId])
    expect(json(r.outputs['blocked-certificate-ids'])).toEqual([])
    expect(r.summary).toContain(HOST)

    b.emulator.clearRequests()
    const again = await b.run(inputs)
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.reused).toBe('true')
    expect(steps(b, { [newId]: 'new' })).toEqual(['GET list', 'GET list-hostnames new'])
    expect(json(again.outputs.hostnames)).toEqual({ [b.emulator.zoneId]: [HOST] })
  })

  it('dry-run makes only GETs and plans the bind, the unbind and the delete', async () => {
    const b = await backend()
    const oldId = await boundEarlierCa(b)
    const r = await b.run(await rotateInputs(b, { 'dry-run': 'true' }))
    expect(r.code, r.stdout).toBe(0)
    expect(steps(b, { [oldId]: 'old' })).toEqual(['GET list', 'GET associations', 'GET list-hostnames old'])
    expect(r.summary).toMatch(/would bind api\.example\.com/)
    expect(r.summary).toMatch(new RegExp(`would unbind api\\.example\\.com in zone ${b.emulator.zoneId} from ${oldId}`))
    expect(r.summary).toMatch(new RegExp(`would delete ${oldId}`))
    expect(json(r.outputs.hostnames)).toEqual({ [b.emulator.zoneId]: [HOST] })
    expect(b.emulator.certificates().map((c) => c.id)).toEqual([oldId])
    expect(b.emulator.hostnames(b.emulator.zoneId, oldId)).toEqual([HOST])
  })

  /**
   * A fault at each step (no retries, so one fault fails the step), then a re-run that converges.
   * At every point some CA serves the hostname, and nothing is deleted before its hostnames moved.
   */
  const failures: Array<[string, Fault, string, string[]?]> = [
    // After a failed POST the client lists the account once, to learn whether the upload was stored.
    ['the upload (POST)', { kind: 'server-error', status: 503, route: 'upload' }, 'POST upload', ['GET list']],
    ['the bind (first PUT)', { kind: 'server-error', status: 503, route: 'replace-hostnames' }, 'PUT replace-hostnames new'],
    ['the verify (GET of the new CA’s hostnames)', { kind: 'server-error', status: 503, route: 'list-hostnames', skip: 1 }, 'GET list-hostnames new'],
    ['the unbind (second PUT)', { kind: 'server-error', status: 503, route: 'replace-hostnames', skip: 1 }, 'PUT replace-hostnames old'],
    ['the drain (second read of /associations)', { kind: 'server-error', status: 503, route: 'associations', skip: 1 }, 'GET associations'],
    ['the DELETE', { kind: 'server-error', status: 503, route: 'delete' }, 'DELETE delete']
  ]
  it.each(failures)('a failure at %s stops the run with one error line; a re-run converges, a third makes only GETs', async (_step, fault, failing, after = []) => {
    const b = await backend()
    const oldId = await boundEarlierCa(b)
    const inputs = await rotateInputs(b, { 'max-retries': '0' })
    b.emulator.injectFault(fault)
    const first = await b.run(inputs)
    expect(first.code, first.stdout).toBe(1)
    expect(errorLines(first)).toHaveLength(1)
    expect(first.errors[0]).toMatch(/503/)
    // The run went as far as the failing step, in order, and stopped there.
    const newId = b.emulator.certificates().find((c) => c.id !== oldId)?.id ?? 'none'
    const names = { [oldId]: 'old', [newId]: 'new' }
    const at = FULL_SEQUENCE.indexOf(failing, failing === 'GET associations' ? 2 : 0)
    expect(steps(b, names)).toEqual([...FULL_SEQUENCE.slice(0, at), `${failing} [server-error]`, ...after])
    // Nothing went unserved, and the old CA is still there (a failed DELETE deleted nothing).
    const zone = b.emulator.zoneId
    expect([...b.emulator.hostnames(zone, oldId), ...(newId === 'none' ? [] : b.emulator.hostnames(zone, newId))]).toContain(HOST)
    expect(b.emulator.certificates().map((c) => c.id)).toContain(oldId)
    expectEveryPutNamesACertificate(b)

    b.emulator.clearRequests()
    const second = await b.run(inputs)
    expect(second.code, second.stdout).toBe(0)
    expect(second.errors).toEqual([])
    const finalId = second.outputs['certificate-id'] ?? ''
    if (newId !== 'none') expect(finalId).toBe(newId)
    // Converged: the new CA serves the hostname, the old one is gone, whichever step failed.
    expect(b.emulator.zones()[0]?.certificates).toEqual({ [finalId]: [HOST] })
    expect(b.emulator.certificates().map((c) => c.id)).toEqual([finalId])
    expect(json(second.outputs.hostnames)).toEqual({ [zone]: [HOST] })
    expectEveryPutNamesACertificate(b)
    // No step is repeated that had already happened: the second run writes only what was left.
    const writes = steps(b, { [oldId]: 'old', [finalId]: 'new' }).filter((s) => !s.startsWith('GET'))
    const left = FULL_SEQUENCE.slice(at).filter((s) => !s.startsWith('GET'))
    expect(writes).toEqual(left)

    b.emulator.clearRequests()
    const third = await b.run(inputs)
    expect(third.code, third.stdout).toBe(0)
    expect(onlyGets(b)).toEqual([])
  })

  it('several zones go one after another; a failure in the second zone stops before any delete, and a re-run finishes', async () => {
    const b = await backend()
    const oldId = await boundEarlierCa(b, [HOST], ['api.example.org'])
    const zone = b.emulator.zoneId
    const inputs = await rotateInputs(b, { 'zone-id': `${zone}\n${SECOND_ZONE}`, 'hostnames': `${zone}: ${HOST}\n${SECOND_ZONE}: api.example.org`, 'max-retries': '0' })
    b.emulator.injectFault({ kind: 'server-error', status: 503, route: 'replace-hostnames', zoneId: SECOND_ZONE })
    const first = await b.run(inputs)
    expect(first.code, first.stdout).toBe(1)
    expect(errorLines(first)).toHaveLength(1)
    expect(first.errors[0]).toContain(SECOND_ZONE)
    const newId = b.emulator.certificates().find((c) => c.id !== oldId)?.id ?? ''
    const names = { [oldId]: 'old', [newId]: 'new' }
    expect(steps(b, names)).toEqual([
      'GET list',
      'GET associations',
      'GET list-hostnames old',
      'GET list-hostnames old@2',
      'POST upload',
      'PUT replace-hostnames new',
      'GET list-hostnames new',
      'PUT replace-hostnames old',
      'PUT replace-hostnames new@2 [server-error]'
    ])
    // The first zone moved; the second did not; the old CA is still there and still bound there.
    expect(b.emulator.hostnames(zone, newId)).toEqual([HOST])
    expect(b.emulator.hostnames(zone, oldId)).toEqual([])
    expect(b.emulator.hostnames(SECOND_ZONE, oldId)).toEqual(['api.example.org'])
    expect(
      b.emulator
        .certificates()
        .map((c) => c.id)
        .sort()
    ).toEqual([oldId, newId].sort())

    b.emulator.clearRequests()
    const second = await b.run(inputs)
    expect(second.code, second.stdout).toBe(0)
    expect(steps(b, names).filter((s) => !s.startsWith('GET'))).toEqual(['PUT replace-hostnames new@2', 'PUT replace-hostnames old@2', 'DELETE delete'])
    expect(b.emulator.zones().map((z) => z.certificates)).toEqual([{ [newId]: [HOST] }, { [newId]: ['api.example.org'] }])
    expect(b.emulator.certificates().map((c) => c.id)).toEqual([newId])
    expect(json(second.outputs.hostnames)).toEqual({ [zone]: [HOST], [SECOND_ZONE]: ['api.example.org'] })
    expectEveryPutNamesACertificate(b)
  })

  it('a lingering association: wait-for-unassociated-seconds waits it out and deletes; without it, the old CA is reported blocked and a re-run deletes it', async () => {
    const b = await backend()
    b.emulator.configure({ associationLingerReads: 1 })
    const oldId = await boundEarlierCa(b)
    const r = await b.run(await rotateInputs(b, { 'wait-for-unassociated-seconds': '30' }))
    expect(r.code, r.stdout).toBe(0)
    const newId = r.outputs['certificate-id'] ?? ''
    // The drain read twice: the first answer still showed the association.
    expect(steps(b, { [oldId]: 'old', [newId]: 'new' })).toEqual([...FULL_SEQUENCE.slice(0, 8), 'GET associations', 'DELETE delete'])
    expect(r.stdout).toMatch(/Waiting for 1 earlier certificate\(s\) to lose their associations/)
    expect(json(r.outputs['deleted-certificate-ids'])).toEqual([oldId])
    expect(b.emulator.certificates().map((c) => c.id)).toEqual([newId])

    const c = await backend()
    c.emulator.configure({ associationLingerReads: 1 })
    const lingering = await boundEarlierCa(c)
    const inputs = await rotateInputs(c)
    const blocked = await c.run(inputs)
    expect(blocked.code, blocked.stdout).toBe(0)
    expect(json(blocked.outputs['blocked-certificate-ids'])).toEqual([lingering])
    expect(blocked.stdout).toMatch(new RegExp(`::warning::.*${lingering}.*mtls_hostname_associations \\(active\\)`))
    expect(c.emulator.requests.filter((x) => x.route === 'delete')).toEqual([])
    c.emulator.clearRequests()
    const rerun = await c.run(inputs)
    expect(rerun.code, rerun.stdout).toBe(0)
    expect(json(rerun.outputs['deleted-certificate-ids'])).toEqual([lingering])
    expect(c.emulator.certificates().map((x) => x.id)).toEqual([blocked.outputs['certificate-id']])
  })

  it('the account /associations does not show the old CA’s hostname binding: rotate still reads the zone, unbinds it and deletes it; a re-run makes only GETs', async () => {
    const b = await backend()
    b.emulator.configure({ hostnameAssociationsListed: false })
    const oldId = await boundEarlierCa(b)
    // The account shows nothing, yet the binding is there: Cloudflare would refuse the DELETE.
    const hidden = await fetch(`${b.emulator.url}/accounts/${b.emulator.accountId}/mtls_certificates/${oldId}/associations`, {
      headers: { authorization: `Bearer ${b.emulator.token}` }
    })
    expect(((await hidden.json()) as { result: unknown[] }).result).toEqual([])
    b.emulator.clearRequests()
    const inputs = await rotateInputs(b)
    const r = await b.run(inputs)
    expect(r.code, r.stdout).toBe(0)
    const newId = r.outputs['certificate-id'] ?? ''
    // The full sequence but the drain: the account listed nothing to wait for.
    expect(steps(b, { [oldId]: 'old', [newId]: 'new' })).toEqual(FULL_SEQUENCE.filter((s, i) => !(s === 'GET associations' && i > 1)))
    expect(b.emulator.zones()[0]?.certificates).toEqual({ [newId]: [HOST] })
    expect(b.emulator.certificates().map((c) => c.id)).toEqual([newId])
    expect(json(r.outputs['deleted-certificate-ids'])).toEqual([oldId])
    b.emulator.clearRequests()
    const again = await b.run(inputs)
    expect(again.code, again.stdout).toBe(0)
    expect(onlyGets(b)).toEqual([])
  })

  it('a token without Edit on the zone: one error line naming the permission and the zone; no PUT changes anything, nothing is deleted', async () => {
    const b = await backend()
    const oldId = await boundEarlierCa(b)
    const zone = b.emulator.zoneId
    b.emulator.setZonePermission(zone, 'read')
    const r = await b.run(await rotateInputs(b))
    expect(r.code, r.stdout).toBe(1)
    expect(errorLines(r)).toHaveLength(1)
    expect(r.errors[0]).toContain('Zone · SSL and Certificates · Edit')
    expect(r.errors[0]).toContain(zone)
    const puts = b.emulator.requests.filter((x) => x.route === 'replace-hostnames')
    expect(puts.map((x) => x.status)).toEqual([403])
    expect(b.emulator.requests.filter((x) => x.route === 'delete')).toEqual([])
    expect(b.emulator.zones()[0]?.certificates).toEqual({ [oldId]: [HOST] })

    // With no permission at all, the first read of the zone fails: nothing is uploaded or written.
    b.emulator.setZonePermission(zone, 'none')
    b.emulator.clearRequests()
    const none = await b.run(await rotateInputs(b))
    expect(none.code, none.stdout).toBe(1)
    expect(errorLines(none)).toHaveLength(1)
    expect(none.errors[0]).toContain(`Zone · SSL and Certificates`)
    expect(none.errors[0]).toContain(zone)
    expect(onlyGets(b)).toEqual([])
  })
})

describe.concurrent('associate', () => {
  async function seededCa(b: E2EBackend, hosts: string[] = []): Promise<string> {
    const ca = await makeCertificate()
    const [id] = b.emulator.seed([{ pem: ca.pem, ca: true, name: 'client-ca' }])
    if (hosts.length > 0) b.emulator.setHostnames(b.emulator.zoneId, id as string, hosts)
    b.emulator.clearRequests()
    return id as string
  }
  const associate = (b: E2EBackend, id: string, inputs: Record<string, string> = {}) =>
    b.run({ 'operation': 'associate', 'certificate-id': id, 'zone-id': b.emulator.zoneId, 'hostnames': HOST, ...inputs })

  it('adds a hostname to the set (GET, PUT of the whole set, GET to verify)', async () => {
    const b = await backend()
    const id = await seededCa(b, ['www.example.com'])
    const r = await associate(b, id)
    expect(r.code, r.stdout).toBe(0)
    expect(steps(b, { [id]: 'ca' })).toEqual(['GET get', 'GET list-hostnames ca', 'PUT replace-hostnames ca', 'GET list-hostnames ca'])
    expect(b.emulator.hostnames(b.emulator.zoneId, id)).toEqual(['www.example.com', HOST])
    expect(json(r.outputs.hostnames)).toEqual({ [b.emulator.zoneId]: ['www.example.com', HOST] })
    expectEveryPutNamesACertificate(b)
  })

  it('replace: true makes the set exactly the hostnames given', async () => {
    const b = await backend()
    const id = await seededCa(b, ['www.example.com'])
    const r = await associate(b, id, { replace: 'true' })
    expect(r.code, r.stdout).toBe(0)
    expect(b.emulator.hostnames(b.emulator.zoneId, id)).toEqual([HOST])
    expect(json(r.outputs.hostnames)).toEqual({ [b.emulator.zoneId]: [HOST] })
    expectEveryPutNamesACertificate(b)
  })

  it('unchanged: no PUT', async () => {
    const b = await backend()
    const id = await seededCa(b, [HOST])
    const r = await associate(b, id)
    expect(r.code, r.stdout).toBe(0)
    expect(steps(b, { [id]: 'ca' })).toEqual(['GET get', 'GET list-hostnames ca'])
    expect(json(r.outputs.hostnames)).toEqual({ [b.emulator.zoneId]: [HOST] })
  })

  it('dry-run makes only GETs', async () => {
    const b = await backend()
    const id = await seededCa(b)
    const r = await associate(b, id, { 'dry-run': 'true' })
    expect(r.code, r.stdout).toBe(0)
    expect(onlyGets(b)).toEqual([])
    expect(b.emulator.hostnames(b.emulator.zoneId, id)).toEqual([])
  })

  it('refuses a client certificate with one error line and no zone request', async () => {
    const b = await backend()
    const leaf = await makeCertificate({ ca: false })
    const [id] = b.emulator.seed([{ pem: leaf.pem, ca: false, name: 'leaf' }])
    b.emulator.clearRequests()
    const r = await associate(b, id as string)
    expect(r.code).toBe(1)
    expect(errorLines(r)).toHaveLength(1)
    expect(r.stdout).toMatch(/is not a CA \(ca: false\)/)
    expect(steps(b)).toEqual(['GET get'])
  })

  it('a token with Read only on the zone: one error line naming Zone · SSL and Certificates · Edit and the zone; the set is unchanged', async () => {
    const b = await backend()
    const id = await seededCa(b, ['www.example.com'])
    b.emulator.setZonePermission(b.emulator.zoneId, 'read')
    const r = await associate(b, id)
    expect(r.code, r.stdout).toBe(1)
    expect(errorLines(r)).toHaveLength(1)
    expect(r.errors[0]).toContain('Zone · SSL and Certificates · Edit')
    expect(r.errors[0]).toContain(b.emulator.zoneId)
    expect(steps(b, { [id]: 'ca' })).toEqual(['GET get', 'GET list-hostnames ca', 'PUT replace-hostnames ca [403]'])
    expect(b.emulator.hostnames(b.emulator.zoneId, id)).toEqual(['www.example.com'])
  })
})

describe('associations with zone-id, against the emulator’s paged /associations', () => {
  it('reads every page (20 a page, result_info) and the hostnames per zone; the hostname association comes last', async () => {
    const b = await backend()
    const ca = await makeCertificate()
    const [id] = b.emulator.seed([{ pem: ca.pem, ca: true, name: 'client-ca' }])
    const services = Array.from({ length: 44 }, (_, i) => ({ service: `service-${i + 1}`, status: 'active' }))
    b.emulator.setAssociations(id as string, services)
    b.emulator.setHostnames(b.emulator.zoneId, id as string, [HOST])
    b.emulator.clearRequests()
    const r = await b.run({ 'operation': 'associations', 'certificate-id': id as string, 'zone-id': b.emulator.zoneId })
    expect(r.code, r.stdout).toBe(0)
    const listed = json<{ service: string }[]>(r.outputs.associations)
    expect(r.outputs['association-count']).toBe('45')
    expect(listed.map((a) => a.service)).toEqual([...services.map((s) => s.service), 'mtls_hostname_associations'])
    const pages = b.emulator.requests
      .filter((x) => x.route === 'associations')
      .map((x) => x.search)
      .sort()
    expect(pages).toEqual(['', '?page=2&per_page=20', '?page=3&per_page=20'])
    expect(steps(b, { [id as string]: 'ca' }).filter((s) => !s.startsWith('GET associations'))).toEqual(['GET list-hostnames ca'])
    expect(json(r.outputs.hostnames)).toEqual({ [b.emulator.zoneId]: [HOST] })
  })
})
