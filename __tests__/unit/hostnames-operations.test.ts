/**
 * associate and rotate with zone-id + hostnames, run as operations against the emulator's account
 * endpoints, with the zone endpoint played by an in-memory store that behaves as the notes say
 * (PUT replaces a certificate's set; a CA bound to any hostname shows an association on the
 * account endpoint, so DELETE is refused while it is bound). One log holds both, in order, so each
 * test asserts the sequence: bind new → verify → unbind old → drain → delete old.
 * The end-to-end tests through the bundle and the emulator's own zone endpoint live in
 * __tests__/e2e/hostnames.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { createClients } from '../../src/clients.js'
import { describeApiError, CloudflareApiError } from '../../src/cloudflare/errors.js'
import { parseConfig, InputError, type ConfigOf, type RawInputs } from '../../src/inputs.js'
import { associateHostnames, desiredHostnames, sameSet } from '../../src/operations/associate.js'
import { rotateCertificate } from '../../src/operations/rotate.js'
import { OperationError, StepFailed, type Clients, type Logger } from '../../src/operations/types.js'
import { makeCertificate } from '../../scripts/lib/certs.js'

const ZONE = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
const ZONE2 = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({})
})
afterAll(async () => emu.close())

/** The zone endpoint in memory; every call (and every account request before it) goes into `log`. */
class Zones {
  readonly sets = new Map<string, string[]>()
  readonly log: string[] = []
  /** Fails the call whose log line starts with this, once: the `failAt`-th such call (the first unless set). */
  failNext: string | undefined
  failAt = 1
  /** false: the account /associations shows nothing for a hostname binding (API-NOTES: unconfirmed). */
  listed = true
  /** Answers spell hostnames this way (Cloudflare's answers need not be lowercase). */
  spell: (h: string) => string = (h) => h
  /** Hostnames a PUT answers for but does not keep (a partial bind: e.g. a hostname Cloudflare does not place in the zone). */
  dropOnPut = new Set<string>()
  private seen = 0
  constructor(private readonly e: Emulator) {}
  /** A fresh log for the next run, the same zone state. */
  restart(): void {
    this.log.length = 0
    this.seen = this.e.requests.length
  }
  sync(): void {
    for (const r of this.e.requests.slice(this.seen)) this.log.push(`${r.method} ${r.route ?? r.path}`)
    this.seen = this.e.requests.length
  }
  private key = (zone: string, id: string) => `${zone}/${id}`
  served(zone: string, id: string): string[] {
    return this.sets.get(this.key(zone, id)) ?? []
  }
  bind(zone: string, id: string, hosts: string[]): void {
    this.sets.set(this.key(zone, id), hosts)
    const total = [...this.sets.entries()].filter(([k, v]) => k.endsWith(`/${id}`) && v.length > 0).length
    if (this.e.certificates().some((c) => c.id === id)) this.e.setAssociations(id, total > 0 && this.listed ? [{ service: 'mtls_hostname', status: 'active' }] : [])
  }
  private call(line: string): void {
    this.sync()
    this.log.push(line)
    if (this.failNext && line.startsWith(this.failNext) && --this.failAt === 0) {
      this.failNext = undefined
      this.failAt = 1
      throw new CloudflareApiError({
        kind: 'api',
        status: 500,
        message: 'injected',
        method: line.split(' ')[0] ?? 'GET',
        path: `zones/${ZONE}/certificate_authorities/hostname_associations`,
        errors: [{ code: 10002, message: 'injected' }]
      })
    }
  }
  readonly api: Clients['hostnames'] = {
    get: async (zone, id) => {
      expect(id).toMatch(UUID)
      this.call(`GET zone ${zone === ZONE ? 'Z1' : 'Z2'} ${id}`)
      return this.served(zone, id).map(this.spell)
    },
    replace: async (zone, id, hosts) => {
      // Never a PUT without the certificate: that would act on the zone's managed CA.
      expect(id).toMatch(UUID)
      this.call(`PUT zone ${zone === ZONE ? 'Z1' : 'Z2'} ${id} [${hosts.join(',')}]`)
      this.bind(
        zone,
        id,
        hosts.filter((h) => !this.dropOnPut.has(h))
      )
      return [...hosts]
    }
  }
}

interface Harness {
  zones: Zones
  groups: string[]
  lines: string[]
  run<T>(fn: (clients: Clients) => Promise<T>): Promise<T>
}

function harness(zones = new Zones(emu)): Harness {
  zones.restart()
  const groups: string[] = []
  const lines: string[] = []
  const log: Logger = {
    info: (m) => void lines.push(m),
    warning: (m) => void lines.push(`warning: ${m}`),
    debug: () => {},
    group: async (name, fn) => (groups.push(name), fn())
  }
  return {
    zones,
    groups,
    lines,
    async run(fn) {
      const connection = { accountId: emu.accountId, auth: { kind: 'token' as const, token: emu.token }, apiBaseUrl: emu.url, timeoutMs: 5000, maxRetries: 0 }
      const { clients, close } = createClients(connection, log, new Date())
      try {
        return await fn({ ...clients, hostnames: zones.api, sleep: async () => {} })
      } finally {
        zones.sync()
        await close()
      }
    }
  }
}

const config = <O extends 'rotate' | 'associate'>(raw: RawInputs): ConfigOf<O> =>
  parseConfig({ 'account-id': emu.accountId, 'api-token': emu.token, 'api-base-url': emu.url, ...raw }) as ConfigOf<O>

beforeEach(() => emu.reset())

async function seedOld(name = 'edge-ca'): Promise<string> {
  const old = await makeCertificate()
  return emu.seed([{ pem: old.pem, ca: true, name, uploadedOn: new Date(Date.now() - 86_400_000) }])[0] as string
}

describe('rotate with zone-id + hostnames', () => {
  it('binds the new CA, verifies, unbinds the old, sees it drain, deletes it, in that order', async () => {
    const h = harness()
    const old = await seedOld()
    h.zones.bind(ZONE, old, ['a.example.com', 'b.example.com'])
    const next = await makeCertificate()
    const cfg = config<'rotate'>({ 'operation': 'rotate', 'name': 'edge-ca', 'certificate': next.pem, 'zone-id': ZONE, 'hostnames': 'a.example.com\nb.example.com' })
    emu.clearRequests()
    const r = await h.run((c) => rotateCertificate(cfg, c))
    const id = r.certificate.id
    expect(h.zones.log).toEqual([
      'GET list',
      'GET associations',
      `GET zone Z1 ${old}`,
      'POST upload',
      `PUT zone Z1 ${id} [a.example.com,b.example.com]`,
      `GET zone Z1 ${id}`,
      `PUT zone Z1 ${old} []`,
      'GET associations',
      'DELETE delete'
    ])
    expect(r.previous.map((p) => p.fate)).toEqual(['deleted'])
    expect(r.zones).toEqual([{ zoneId: ZONE, hostnames: ['a.example.com', 'b.example.com'] }])
    expect(r.hostnames?.map((m) => [m.hostname, m.from, m.fate])).toEqual([
      ['a.example.com', [old], 'bound'],
      ['b.example.com', [old], 'bound']
    ])
    expect(h.groups).toEqual([
      'Validate certificate',
      'Find the earlier versions of "edge-ca"',
      'Read the hostnames of 1 zone(s)',
      'Upload the new certificate',
      `Zone ${ZONE}: bind 2 hostname(s) to ${id}`,
      `Zone ${ZONE}: verify`,
      `Zone ${ZONE}: unbind the hostnames from the earlier versions`,
      // Drained at the first read: no wait step, so no group that would stay empty.
      'Delete the earlier versions nothing uses'
    ])
    expect(emu.certificates().map((c) => c.id)).toEqual([id])

    // A second run finds everything done: reads only.
    const again = harness(h.zones)
    const r2 = await again.run((c) => rotateCertificate(cfg, c))
    expect(r2.reused).toBe(true)
    expect(again.zones.log.filter((l) => !l.startsWith('GET'))).toEqual([])
  })

  it('keeps the hostnames the old CA serves that are not rotated, and leaves it in place with a warning', async () => {
    const h = harness()
    const old = await seedOld()
    h.zones.bind(ZONE, old, ['a.example.com', 'legacy.example.com'])
    const next = await makeCertificate()
    const cfg = config<'rotate'>({ 'operation': 'rotate', 'name': 'edge-ca', 'certificate': next.pem, 'zone-id': ZONE, 'hostnames': 'a.example.com' })
    const r = await h.run((c) => rotateCertificate(cfg, c))
    expect(h.zones.served(ZONE, old)).toEqual(['legacy.example.com'])
    expect(h.zones.log).toContain(`PUT zone Z1 ${old} [legacy.example.com]`)
    expect(h.zones.log).not.toContain('DELETE delete')
    expect(r.previous[0]?.fate).toBe('blocked')
    expect(r.previous[0]?.why).toMatch(/still serves legacy\.example\.com in zone/)
    expect(h.lines.some((l) => l.startsWith('warning:') && l.includes(old))).toBe(true)
  })

  it('dry-run reads everything and writes nothing', async () => {
    const h = harness()
    const old = await seedOld()
    h.zones.bind(ZONE, old, ['a.example.com'])
    const next = await makeCertificate()
    const cfg = config<'rotate'>({ 'operation': 'rotate', 'name': 'edge-ca', 'certificate': next.pem, 'zone-id': ZONE, 'hostnames': 'a.example.com', 'dry-run': 'true' })
    emu.clearRequests()
    const r = await h.run((c) => rotateCertificate(cfg, c))
    expect(h.zones.log).toEqual(['GET list', 'GET associations', `GET zone Z1 ${old}`])
    expect(r.plan.join('\n')).toMatch(/would upload[\s\S]*would bind a\.example\.com in zone[\s\S]*would unbind a\.example\.com[\s\S]*would delete/)
    expect(h.zones.served(ZONE, old)).toEqual(['a.example.com'])
  })

  it('refuses a certificate that is not a CA before any request', async () => {
    const h = harness()
    const leaf = await makeCertificate({ ca: false })
    const cfg = config<'rotate'>({
      'operation': 'rotate',
      'name': 'edge-ca',
      'certificate': leaf.pem,
      'private-key': leaf.keyPem,
      'zone-id': ZONE,
      'hostnames': 'a.example.com'
    })
    emu.clearRequests()
    const e = await h.run((c) => rotateCertificate(cfg, c)).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(InputError)
    expect((e as Error).message).toMatch(/^Input "certificate" is not a CA/)
    expect(h.zones.log).toEqual([])
  })

  it('reads and unbinds an earlier CA whose hostname binding the account /associations does not show, then deletes it', async () => {
    const h = harness()
    h.zones.listed = false
    const old = await seedOld()
    h.zones.bind(ZONE, old, ['a.example.com'])
    const next = await makeCertificate()
    const cfg = config<'rotate'>({ 'operation': 'rotate', 'name': 'edge-ca', 'certificate': next.pem, 'zone-id': ZONE, 'hostnames': 'a.example.com' })
    emu.clearRequests()
    const r = await h.run((c) => rotateCertificate(cfg, c))
    const id = r.certificate.id
    // No drain read: the account listed nothing for it to drain.
    expect(h.zones.log).toEqual([
      'GET list',
      'GET associations',
      `GET zone Z1 ${old}`,
      'POST upload',
      `PUT zone Z1 ${id} [a.example.com]`,
      `GET zone Z1 ${id}`,
      `PUT zone Z1 ${old} []`,
      'DELETE delete'
    ])
    expect(h.zones.served(ZONE, old)).toEqual([])
    expect(r.previous.map((p) => [p.fate, p.why])).toEqual([['deleted', 'its hostnames moved to the new CA, and the account listed no association for it']])
    expect(r.hostnames?.map((m) => m.from)).toEqual([[old]])
  })

  // Issue 22, rule 1: the earlier CA keeps its hostnames until the new CA is seen serving every one of them.
  it('a partial bind (Cloudflare keeps only some of the hostnames) stops before the earlier CA is unbound or deleted', async () => {
    const h = harness()
    const old = await seedOld()
    h.zones.bind(ZONE, old, ['a.example.com', 'b.example.com'])
    h.zones.dropOnPut.add('b.example.com')
    const next = await makeCertificate()
    const cfg = config<'rotate'>({ 'operation': 'rotate', 'name': 'edge-ca', 'certificate': next.pem, 'zone-id': ZONE, 'hostnames': 'a.example.com\nb.example.com' })
    emu.clearRequests()
    const e = await h.run((c) => rotateCertificate(cfg, c)).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(OperationError)
    expect((e as Error).message).toMatch(
      /^Step "verify" failed in zone a{32}: after binding, Cloudflare lists a\.example\.com for the new CA [0-9a-f-]{36}, without b\.example\.com; the earlier CAs were left bound and nothing was deleted\./
    )
    // Clients of b.example.com still meet the old CA: it serves both hostnames and is still in the account.
    expect(h.zones.served(ZONE, old)).toEqual(['a.example.com', 'b.example.com'])
    expect(h.zones.log.filter((l) => l.startsWith('PUT') || l.startsWith('DELETE'))).toHaveLength(1)
    expect(emu.certificates().map((c) => c.id)).toContain(old)
  })

  // Issue 22, rule 2: serving a hostname at the start makes an earlier CA in use, whatever the account list says.
  it('at the CA limit, an earlier CA that serves a rotated hostname but shows no association is not deleted to make room', async () => {
    const h = harness()
    h.zones.listed = false
    const old = await seedOld()
    h.zones.bind(ZONE, old, ['a.example.com'])
    const others = await Promise.all([1, 2, 3, 4].map(() => makeCertificate()))
    emu.seed(others.map((o, i) => ({ pem: o.pem, ca: true, name: `other-${i}` })))
    const next = await makeCertificate()
    const cfg = config<'rotate'>({ 'operation': 'rotate', 'name': 'edge-ca', 'certificate': next.pem, 'zone-id': ZONE, 'hostnames': 'a.example.com' })
    emu.clearRequests()
    const failure = await h.run((c) => rotateCertificate(cfg, c)).catch((x: unknown) => x)
    // The run stops at Cloudflare's CA limit and says so, instead of freeing a slot with a CA clients use.
    expect(failure).toBeInstanceOf(StepFailed)
    const f = failure as StepFailed
    expect(f.step).toBe('Uploading the new certificate')
    expect(f.state).toContain('deleted before this: none')
    expect(f.error).toBeInstanceOf(OperationError)
    expect((f.error as OperationError).reason).toBe('quota')
    expect(h.zones.log.filter((l) => !l.startsWith('GET'))).toEqual([])
    expect(emu.certificates().map((c) => c.id)).toContain(old)
    expect(h.zones.served(ZONE, old)).toEqual(['a.example.com'])
  })

  it('compares hostnames as DNS does: Cloudflare answering in capitals with a trailing dot still verifies, unbinds and converges', async () => {
    const h = harness()
    h.zones.spell = (x) => `${x.toUpperCase()}.`
    const old = await seedOld()
    h.zones.bind(ZONE, old, ['a.example.com', 'Legacy.Example.com'])
    const next = await makeCertificate()
    const cfg = config<'rotate'>({ 'operation': 'rotate', 'name': 'edge-ca', 'certificate': next.pem, 'zone-id': ZONE, 'hostnames': 'a.example.com' })
    const r = await h.run((c) => rotateCertificate(cfg, c))
    const id = r.certificate.id
    // The old CA keeps the other hostname, resent as Cloudflare spelled it.
    expect(h.zones.log.filter((l) => l.startsWith('PUT'))).toEqual([`PUT zone Z1 ${id} [a.example.com]`, `PUT zone Z1 ${old} [LEGACY.EXAMPLE.COM.]`])
    expect(r.hostnames?.map((m) => [m.hostname, m.from, m.fate])).toEqual([['a.example.com', [old], 'bound']])
    const again = harness(h.zones)
    const r2 = await again.run((c) => rotateCertificate(cfg, c))
    expect(again.zones.log.filter((l) => !l.startsWith('GET'))).toEqual([])
    expect(r2.hostnames?.map((m) => m.fate)).toEqual(['already'])
  })

  it('at the CA limit, an upload that fails after an earlier CA was deleted for room says so', async () => {
    const h = harness()
    const unused = await seedOld()
    const others = await Promise.all([1, 2, 3, 4].map(() => makeCertificate()))
    emu.seed(others.map((o, i) => ({ pem: o.pem, ca: true, name: `other-${i}` })))
    const next = await makeCertificate()
    const cfg = config<'rotate'>({ 'operation': 'rotate', 'name': 'edge-ca', 'certificate': next.pem, 'zone-id': ZONE, 'hostnames': 'a.example.com' })
    emu.injectFault({ kind: 'server-error', route: 'upload', status: 400 })
    const failure = await h.run((c) => rotateCertificate(cfg, c)).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(StepFailed)
    const f = failure as StepFailed
    expect(f.step).toBe('Uploading the new certificate')
    expect(f.state).toContain(`deleted before this: ${unused}`)
    expect(f.error).toBeInstanceOf(CloudflareApiError)
    expect(emu.certificates().map((c) => c.id)).not.toContain(unused)
  })

  // Each write of the rotation fails once; the run stops with the step and the state, and a
  // re-run with the same inputs finishes the rotation.
  it.each<[string, (z: Zones, e: Emulator, old: string) => void, RegExp]>([
    ['reading zone 1', (z) => (z.failNext = 'GET zone Z1'), /^Reading the hostnames of .* in zone a{32}$/],
    ['reading zone 2', (z) => (z.failNext = 'GET zone Z2'), /^Reading the hostnames of .* in zone b{32}$/],
    ['the upload', (_, e) => void e.injectFault({ kind: 'server-error', route: 'upload', status: 400 }), /^Uploading the new certificate$/],
    ['binding the new CA in zone 2', (z) => (z.failNext = 'PUT zone Z2'), /^Binding the new CA in zone b{32}$/],
    // The second GET of zone 1: the first reads the old CA's hostnames, the second verifies the new CA's.
    ['verifying in zone 1', (z) => ((z.failNext = 'GET zone Z1'), (z.failAt = 2)), /^Verifying the new CA's hostnames in zone a{32}$/],
    ['unbinding the old CA in zone 1', (z, _, old) => (z.failNext = `PUT zone Z1 ${old}`), /Unbinding earlier certificate .* in zone a{32}/],
    ['deleting the old CA', (_, e) => void e.injectFault({ kind: 'server-error', route: 'delete', status: 400 }), /Deleting earlier certificate/]
  ])('a failure at %s: a re-run converges', async (_what, inject, step) => {
    const h = harness()
    const old = await seedOld()
    h.zones.bind(ZONE, old, ['a.example.com'])
    h.zones.bind(ZONE2, old, ['c.example.com'])
    const next = await makeCertificate()
    const cfg = config<'rotate'>({
      'operation': 'rotate',
      'name': 'edge-ca',
      'certificate': next.pem,
      'zone-id': `${ZONE}\n${ZONE2}`,
      'hostnames': `${ZONE}: a.example.com\n${ZONE2}: c.example.com`
    })
    inject(h.zones, emu, old)
    const failure = await h.run((c) => rotateCertificate(cfg, c)).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(StepFailed)
    const f = failure as StepFailed
    expect(f.step).toMatch(step)
    expect(f.state).toMatch(/zone a{32}: /)
    expect(f.state).toMatch(/deleted before this: none/)
    expect(f.error).toBeInstanceOf(CloudflareApiError)
    // Nothing is deleted while the old CA still serves a hostname.
    if (h.zones.served(ZONE, old).length > 0 || h.zones.served(ZONE2, old).length > 0) {
      expect(emu.certificates().map((c) => c.id)).toContain(old)
    }

    const again = harness(h.zones)
    const r = await again.run((c) => rotateCertificate(cfg, c))
    const id = r.certificate.id
    expect(again.zones.served(ZONE, id)).toEqual(['a.example.com'])
    expect(again.zones.served(ZONE2, id)).toEqual(['c.example.com'])
    expect(emu.certificates().map((c) => c.id)).toEqual([id])
    const third = harness(h.zones)
    await third.run((c) => rotateCertificate(cfg, c))
    expect(third.zones.log.filter((l) => !l.startsWith('GET'))).toEqual([])
  })
})

describe('associate', () => {
  async function seedCa(): Promise<string> {
    const ca = await makeCertificate()
    return emu.seed([{ pem: ca.pem, ca: true, name: 'api-ca' }])[0] as string
  }

  it('adds to the set it reads first, then verifies', async () => {
    const h = harness()
    const id = await seedCa()
    h.zones.bind(ZONE, id, ['old.example.com'])
    emu.clearRequests()
    const r = await h.run((c) =>
      associateHostnames(config<'associate'>({ 'operation': 'associate', 'certificate-id': id, 'zone-id': ZONE, 'hostnames': 'new.example.com' }), c)
    )
    expect(h.zones.log).toEqual(['GET get', `GET zone Z1 ${id}`, `PUT zone Z1 ${id} [old.example.com,new.example.com]`, `GET zone Z1 ${id}`])
    expect(r.zones[0]).toMatchObject({ before: ['old.example.com'], after: ['old.example.com', 'new.example.com'], added: ['new.example.com'], removed: [] })
  })

  it('replace: true sets exactly the hostnames given', async () => {
    const h = harness()
    const id = await seedCa()
    h.zones.bind(ZONE, id, ['old.example.com'])
    const r = await h.run((c) =>
      associateHostnames(config<'associate'>({ 'operation': 'associate', 'certificate-id': id, 'zone-id': ZONE, 'hostnames': 'new.example.com', 'replace': 'true' }), c)
    )
    expect(h.zones.served(ZONE, id)).toEqual(['new.example.com'])
    expect(r.zones[0]?.removed).toEqual(['old.example.com'])
  })

  it('an unchanged set and a dry run send no PUT', async () => {
    const h = harness()
    const id = await seedCa()
    h.zones.bind(ZONE, id, ['a.example.com'])
    await h.run((c) => associateHostnames(config<'associate'>({ 'operation': 'associate', 'certificate-id': id, 'zone-id': ZONE, 'hostnames': 'a.example.com' }), c))
    const r = await h.run((c) =>
      associateHostnames(config<'associate'>({ 'operation': 'associate', 'certificate-id': id, 'zone-id': ZONE, 'hostnames': 'b.example.com', 'dry-run': 'true' }), c)
    )
    expect(h.zones.log.filter((l) => l.startsWith('PUT'))).toEqual([])
    expect(r.plan).toEqual([`would set zone ${ZONE}: add b.example.com; remove none (2 hostname(s) after)`])
  })

  it('compares hostnames as DNS does: a set Cloudflare spells in capitals with a trailing dot is not re-sent, and keeps its spelling when added to', async () => {
    const h = harness()
    const id = await seedCa()
    h.zones.bind(ZONE, id, ['WWW.Example.com.'])
    const same = await h.run((c) =>
      associateHostnames(config<'associate'>({ 'operation': 'associate', 'certificate-id': id, 'zone-id': ZONE, 'hostnames': 'www.example.com' }), c)
    )
    expect(same.zones[0]).toMatchObject({ changed: false, added: [], removed: [] })
    const exact = await h.run((c) =>
      associateHostnames(config<'associate'>({ 'operation': 'associate', 'certificate-id': id, 'zone-id': ZONE, 'hostnames': 'www.example.com', 'replace': 'true' }), c)
    )
    expect(exact.zones[0]).toMatchObject({ changed: false, removed: [] })
    expect(h.zones.log.filter((l) => l.startsWith('PUT'))).toEqual([])
    h.zones.spell = (x) => x.toUpperCase()
    const more = await h.run((c) =>
      associateHostnames(config<'associate'>({ 'operation': 'associate', 'certificate-id': id, 'zone-id': ZONE, 'hostnames': 'www.example.com\nb.example.com' }), c)
    )
    expect(h.zones.log.filter((l) => l.startsWith('PUT'))).toEqual([`PUT zone Z1 ${id} [WWW.EXAMPLE.COM.,b.example.com]`])
    expect(more.zones[0]).toMatchObject({ added: ['b.example.com'], removed: [] })
  })

  it('a PUT that Cloudflare keeps only in part fails the step, naming what it lists', async () => {
    const h = harness()
    const id = await seedCa()
    h.zones.dropOnPut.add('b.example.com')
    const e = await h
      .run((c) => associateHostnames(config<'associate'>({ 'operation': 'associate', 'certificate-id': id, 'zone-id': ZONE, 'hostnames': 'a.example.com\nb.example.com' }), c))
      .catch((x: unknown) => x)
    expect(e).toBeInstanceOf(OperationError)
    expect((e as Error).message).toBe(
      `Zone ${ZONE}: after setting a.example.com, b.example.com, Cloudflare lists a.example.com for certificate ${id}. Check the hostnames belong to the zone, then re-run.`
    )
  })

  it.each<[string, string, number, RegExp, RegExp]>([
    ['the PUT', 'PUT zone Z1', 1, /^Setting the hostnames in zone a{32}$/, /^in zone a{32}, certificate .* served old\.example\.com before this step; zones done: none$/],
    [
      'the verifying GET',
      'GET zone Z1',
      2,
      /^Verifying the hostnames in zone a{32}$/,
      /served old\.example\.com before this step; zones done: none; the PUT of old\.example\.com, new\.example\.com was answered$/
    ]
  ])('a failure at %s stops with the step and what was bound before it', async (_what, line, at, step, state) => {
    const h = harness()
    const id = await seedCa()
    h.zones.bind(ZONE, id, ['old.example.com'])
    h.zones.failNext = line
    h.zones.failAt = at
    const e = await h
      .run((c) => associateHostnames(config<'associate'>({ 'operation': 'associate', 'certificate-id': id, 'zone-id': ZONE, 'hostnames': 'new.example.com' }), c))
      .catch((x: unknown) => x)
    expect(e).toBeInstanceOf(StepFailed)
    expect((e as StepFailed).step).toMatch(step)
    expect((e as StepFailed).state).toMatch(state)
    expect((e as StepFailed).error).toBeInstanceOf(CloudflareApiError)
  })

  it('refuses a client certificate (ca: false) before any zone request', async () => {
    const h = harness()
    const leaf = await makeCertificate({ ca: false })
    const id = emu.seed([{ pem: leaf.pem, ca: false, name: 'leaf' }])[0] as string
    const e = await h
      .run((c) => associateHostnames(config<'associate'>({ 'operation': 'associate', 'certificate-id': id, 'zone-id': ZONE, 'hostnames': 'a.example.com' }), c))
      .catch((x: unknown) => x)
    expect(e).toBeInstanceOf(OperationError)
    expect((e as Error).message).toMatch(/is not a CA \(ca: false\)/)
    expect(h.zones.log.filter((l) => l.includes('zone'))).toEqual([])
  })
})

describe('the 403 line of a zone endpoint', () => {
  it.each<[string, 'GET' | 'PUT', 'Read' | 'Edit', RegExp]>([
    ['PUT during a rotate', 'PUT', 'Edit', /"Zone · SSL and Certificates · Edit" on zone a{32}/],
    ['GET during associations', 'GET', 'Read', /"Zone · SSL and Certificates · Read" on zone a{32}/],
    ['GET during associate', 'GET', 'Edit', /"Zone · SSL and Certificates · Edit" on zone a{32}/]
  ])('%s names the zone permission and the zone', (_, method, permission, want) => {
    const err = new CloudflareApiError({
      kind: 'api',
      status: 403,
      message: 'x',
      method,
      path: `zones/${ZONE}/certificate_authorities/hostname_associations`,
      errors: [{ code: 10000, message: 'Authentication error' }]
    })
    expect(describeApiError(err, { action: 'rotate the certificate "x"', accountId: 'f'.repeat(32), permission })).toMatch(want)
  })

  it('matches the path as the HTTP client records it (the full pathname, under /client/v4/)', () => {
    // The client's errors carry url.pathname; a matcher anchored at "zones/" missed every real 403.
    const err = new CloudflareApiError({
      kind: 'api',
      status: 403,
      message: 'x',
      method: 'PUT',
      path: `/client/v4/zones/${ZONE}/certificate_authorities/hostname_associations`,
      errors: [{ code: 10000, message: 'Authentication error' }]
    })
    const line = describeApiError(err, { action: 'associate', accountId: 'f'.repeat(32), permission: 'Edit' })
    expect(line).toMatch(/"Zone · SSL and Certificates · Edit" on zone a{32}/)
    expect(line).not.toMatch(/rejected the credentials/)
    // An account path is not a zone path, whatever its prefix.
    const account = new CloudflareApiError({
      kind: 'api',
      status: 403,
      message: 'x',
      method: 'GET',
      path: `/client/v4/accounts/${'f'.repeat(32)}/mtls_certificates`,
      errors: [{ code: 10000, message: 'Authentication error' }]
    })
    expect(describeApiError(account, { action: 'list', accountId: 'f'.repeat(32), permission: 'Read' })).toMatch(/rejected the credentials/)
  })
})

describe('hostname sets compare as DNS names', () => {
  it.each<[string, string[], string[], boolean, string[]]>([
    ["adding keeps the set's order and spelling, then the new ones", ['A.example.com.'], ['a.example.com', 'b.example.com'], false, ['A.example.com.', 'b.example.com']],
    ['adding a hostname twice adds it once', [], ['b.example.com', 'B.example.com'], false, ['b.example.com']],
    [
      "replacing keeps the server's spelling of a hostname it keeps",
      ['WWW.Example.com.', 'old.example.com'],
      ['www.example.com', 'new.example.com'],
      true,
      ['WWW.Example.com.', 'new.example.com']
    ],
    ['replacing with a hostname given twice sets it once', [], ['a.example.com', 'A.EXAMPLE.COM'], true, ['a.example.com']],
    ['a stray space in an answer is not a new hostname', [' a.example.com '], ['a.example.com'], false, [' a.example.com ']]
  ])('desiredHostnames: %s', (_what, current, wanted, replace, want) => {
    expect(desiredHostnames(current, wanted, replace)).toEqual(want)
  })

  it.each<[string[], string[], boolean]>([
    [['a.example.com', 'b.example.com'], ['B.EXAMPLE.COM.', 'a.example.com'], true],
    [['a.example.com'], ['a.example.com', 'b.example.com'], false],
    [['a.example.com', 'b.example.com'], ['a.example.com'], false],
    [['a.example.com'], ['c.example.com'], false]
  ])('sameSet(%j, %j) is %s', (a, b, same) => {
    expect(sameSet(a, b)).toBe(same)
  })
})
