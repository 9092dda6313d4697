import { afterEach, describe, expect, it } from 'vitest'
import { HostnameAssociationsApi } from '../../src/cloudflare/hostnames.js'
import { HttpClient } from '../../src/cloudflare/http.js'
import { MtlsCertificatesApi } from '../../src/cloudflare/mtls.js'
import { json, ok, scriptedServer } from '../helpers/scripted-server.js'

const ACCOUNT = '0123456789abcdef0123456789abcdef'
const ZONE = 'a'.repeat(32)
const CERT = '2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'
let servers: Array<{ close: () => Promise<void> }> = []
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()))
  servers = []
})

async function setup(handler: Parameters<typeof scriptedServer>[0]) {
  const server = await scriptedServer(handler)
  servers.push(server)
  const http = new HttpClient({ baseUrl: server.url, auth: { kind: 'token', token: 'tok' }, timeoutMs: 2000, maxRetries: 2, sleep: async () => {} })
  return { server, zones: new HostnameAssociationsApi(http), api: new MtlsCertificatesApi(http, ACCOUNT) }
}

describe('zone hostname associations', () => {
  it('GET names the certificate in mtls_certificate_id; PUT sends the whole set with it', async () => {
    const { zones, server } = await setup((req, res) => json(res, 200, ok({ hostnames: req.method === 'PUT' ? ['a.example.com'] : ['x.example.com'] })))
    expect(await zones.get(ZONE, CERT)).toEqual(['x.example.com'])
    expect(await zones.replace(ZONE, CERT, ['a.example.com'])).toEqual(['a.example.com'])
    const [get, put] = server.seen
    expect(get?.url.pathname).toBe(`/client/v4/zones/${ZONE}/certificate_authorities/hostname_associations`)
    expect(get?.url.searchParams.get('mtls_certificate_id')).toBe(CERT)
    expect(put?.method).toBe('PUT')
    expect(JSON.parse(put?.body ?? '')).toEqual({ hostnames: ['a.example.com'], mtls_certificate_id: CERT })
  })

  it.each([[''], ['not-a-uuid'], ['0123456789abcdef0123456789abcdef']])('refuses to send a PUT or GET without a certificate id (%j): no request', async (id) => {
    const { zones, server } = await setup((_req, res) => json(res, 200, ok({ hostnames: [] })))
    await expect(zones.replace(ZONE, id, ['a.example.com'])).rejects.toThrow(/without a certificate id/)
    await expect(zones.get(ZONE, id)).rejects.toThrow(/without a certificate id/)
    expect(server.seen).toEqual([])
  })

  it('retries a PUT that met a 503 (the whole set again: idempotent)', async () => {
    const { zones, server } = await setup((req, res, n) =>
      n === 1
        ? json(res, 503, { success: false, errors: [{ code: 10002, message: 'busy' }], messages: [], result: null })
        : json(res, 200, ok({ hostnames: ['a.example.com'] }))
    )
    expect(await zones.replace(ZONE, CERT, ['a.example.com'])).toEqual(['a.example.com'])
    expect(server.seen.map((s) => s.method)).toEqual(['PUT', 'PUT'])
  })

  it('an answer without hostnames (or result: null) is an empty set', async () => {
    const { zones } = await setup((_req, res, n) => json(res, 200, ok(n === 1 ? {} : null)))
    expect(await zones.get(ZONE, CERT)).toEqual([])
    expect(await zones.get(ZONE, CERT)).toEqual([])
  })
})

describe('account associations read every page', () => {
  const item = (i: number) => ({ service: `svc-${i}`, status: 'active' })
  it.each<[string, number, number, number]>([
    ['3 full pages of 20 and a short one', 65, 20, 4],
    ['one short page that claims 100 pages (the document example)', 1, 20, 1],
    ['exactly one full page', 20, 20, 1]
  ])('%s', async (_what, total, perPage, requests) => {
    const { api, server } = await setup((req, res) => {
      const page = Number(req.url.searchParams.get('page') ?? '1')
      const items = Array.from({ length: total }, (_, i) => item(i)).slice((page - 1) * perPage, page * perPage)
      const pages = total === 1 ? 100 : Math.ceil(total / perPage)
      json(res, 200, ok(items, { page, per_page: perPage, count: items.length, total_count: total, total_pages: pages }))
    })
    const all = await api.associations(CERT)
    expect(all.map((a) => a.service)).toEqual(Array.from({ length: total }, (_, i) => `svc-${i}`))
    expect(server.seen).toHaveLength(requests)
    // The first request is the plain one; later pages by page= and the server's per_page.
    expect(server.seen[0]?.url.search).toBe('')
    for (const s of server.seen.slice(1)) expect(s.url.searchParams.get('per_page')).toBe(String(perPage))
  })
})
