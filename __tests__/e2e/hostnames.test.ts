/**
 * rotate with zone-id + hostnames and associate, through the committed bundle. Until the
 * emulator serves the zone endpoint itself (branch wt-emu), a loopback front answers
 * `/zones/…/hostname_associations` from memory, as the notes describe it (PUT replaces the set; a
 * CA bound to a hostname shows an association on the account endpoint, so DELETE is refused), and
 * forwards everything else to the emulator. One log holds both, in arrival order.
 */
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { e2eBackend, type E2EBackend } from '../helpers/e2e.js'
import { runAction } from '../helpers/run-action.js'

const ZONE = 'a'.repeat(32)
let b: E2EBackend
let front: Server
let url = ''
const sets = new Map<string, string[]>()
const log: string[] = []
let putBodies: unknown[] = []

function bind(zone: string, id: string, hosts: string[]): void {
  sets.set(`${zone}/${id}`, hosts)
  const any = [...sets.entries()].some(([k, v]) => k.endsWith(`/${id}`) && v.length > 0)
  if (b.emulator.certificates().some((c) => c.id === id)) b.emulator.setAssociations(id, any ? [{ service: 'mtls_hostname', status: 'active' }] : [])
}

beforeAll(async () => {
  b = await e2eBackend()
  const upstream = new URL(b.emulator.url)
  front = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const u = new URL(req.url ?? '/', 'http://x')
      const zone = /\/zones\/([^/]+)\/certificate_authorities\/hostname_associations$/.exec(u.pathname)?.[1]
      if (zone) {
        for (const r of b.emulator.requests.slice(seen)) log.push(`${r.method} ${r.route ?? r.path}`)
        seen = b.emulator.requests.length
        let id = u.searchParams.get('mtls_certificate_id') ?? ''
        if (req.method === 'PUT') {
          const parsed = JSON.parse(body.toString()) as { hostnames: string[]; mtls_certificate_id?: string }
          putBodies.push(parsed)
          id = parsed.mtls_certificate_id ?? ''
          bind(zone, id, parsed.hostnames)
        }
        log.push(`${req.method} zone ${id}`)
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify({ success: true, errors: [], messages: [], result: { hostnames: sets.get(`${zone}/${id}`) ?? [] } }))
        return
      }
      const fwd = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: `${upstream.pathname.replace(/\/$/, '')}${u.pathname.replace(/^\/client\/v4/, '')}${u.search}`, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 500, up.headers)
        up.pipe(res)
      })
      fwd.end(body)
    })
  })
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(front.address() as AddressInfo).port}/client/v4`
})
afterAll(async () => {
  await new Promise((r) => front.close(r))
  await b.close()
})
let seen = 0
beforeEach(() => {
  b.emulator.reset()
  sets.clear()
  log.length = 0
  seen = 0
  putBodies = []
})

const run = (inputs: Record<string, string>) =>
  runAction({ 'api-base-url': url, 'account-id': b.emulator.accountId, 'api-token': b.emulator.token, 'max-retries': '1', ...inputs }, { cwd: b.dir })
const flush = () => {
  for (const r of b.emulator.requests.slice(seen)) log.push(`${r.method} ${r.route ?? r.path}`)
  seen = b.emulator.requests.length
  return [...log]
}

describe('rotate a BYO CA bound to hostnames, through the bundle', () => {
  it('bind new → verify → unbind old → drain → delete old; a re-run makes only GETs; every PUT names the certificate', async () => {
    const old = await makeCertificate()
    const [oldId] = b.emulator.seed([{ pem: old.pem, ca: true, name: 'client-ca', uploadedOn: new Date(Date.now() - 86_400_000) }])
    bind(ZONE, oldId as string, ['api.example.com'])
    b.emulator.clearRequests()
    const next = await makeCertificate()
    const inputs = { operation: 'rotate', name: 'client-ca', 'certificate-path': b.file(next.pem), 'zone-id': ZONE, hostnames: 'api.example.com' }
    const r = await run(inputs)
    expect(r.code, r.stdout).toBe(0)
    const id = r.outputs['certificate-id'] ?? ''
    expect(flush()).toEqual([
      'GET list',
      'GET associations',
      `GET zone ${oldId}`,
      'POST upload',
      `PUT zone ${id}`,
      `GET zone ${id}`,
      `PUT zone ${oldId}`,
      'GET associations',
      'DELETE delete'
    ])
    expect(putBodies).toEqual([
      { hostnames: ['api.example.com'], mtls_certificate_id: id },
      { hostnames: [], mtls_certificate_id: oldId }
    ])
    expect(JSON.parse(r.outputs.hostnames ?? '')).toEqual({ [ZONE]: ['api.example.com'] })
    expect(JSON.parse(r.outputs['deleted-certificate-ids'] ?? '')).toEqual([oldId])
    expect(r.summary).toContain('api.example.com')

    log.length = 0
    const again = await run(inputs)
    expect(again.code, again.stdout).toBe(0)
    expect(flush().every((l) => l.startsWith('GET'))).toBe(true)
  })

  it('dry-run makes only GETs', async () => {
    const old = await makeCertificate()
    const [oldId] = b.emulator.seed([{ pem: old.pem, ca: true, name: 'client-ca' }])
    bind(ZONE, oldId as string, ['api.example.com'])
    b.emulator.clearRequests()
    const next = await makeCertificate()
    const r = await run({ operation: 'rotate', name: 'client-ca', 'certificate-path': b.file(next.pem), 'zone-id': ZONE, hostnames: 'api.example.com', 'dry-run': 'true' })
    expect(r.code, r.stdout).toBe(0)
    expect(flush()).toEqual(['GET list', 'GET associations', `GET zone ${oldId}`])
    expect(r.summary).toMatch(/would bind api\.example\.com/)
  })

  it('associate refuses a client certificate with one error line and no zone request', async () => {
    const leaf = await makeCertificate({ ca: false })
    const [id] = b.emulator.seed([{ pem: leaf.pem, ca: false, name: 'leaf' }])
    b.emulator.clearRequests()
    const r = await run({ operation: 'associate', 'certificate-id': id as string, 'zone-id': ZONE, hostnames: 'api.example.com' })
    expect(r.code).toBe(1)
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toHaveLength(1)
    expect(r.stdout).toMatch(/is not a CA \(ca: false\)/)
    expect(flush()).toEqual(['GET get'])
  })
})
