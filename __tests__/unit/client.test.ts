import { afterEach, describe, expect, it } from 'vitest'
import { CloudflareApiError, describeApiError } from '../../src/cloudflare/errors.js'
import { HttpClient } from '../../src/cloudflare/http.js'
import { MtlsCertificatesApi, mapWithConcurrency } from '../../src/cloudflare/mtls.js'
import { fail, json, ok, scriptedServer } from '../helpers/scripted-server.js'

const ACCOUNT = '0123456789abcdef0123456789abcdef'
const noSleep = async () => {}
let servers: Array<{ close: () => Promise<void> }> = []
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()))
  servers = []
})

async function setup(handler: Parameters<typeof scriptedServer>[0], opts: { maxRetries?: number; timeoutMs?: number } = {}) {
  const server = await scriptedServer(handler)
  servers.push(server)
  const http = new HttpClient({
    baseUrl: server.url,
    auth: { kind: 'token', token: 'tok' },
    timeoutMs: opts.timeoutMs ?? 2000,
    maxRetries: opts.maxRetries ?? 2,
    sleep: noSleep
  })
  return { server, http, api: new MtlsCertificatesApi(http, ACCOUNT) }
}

const cert = (i: number) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `c${i}`, ca: true })

describe('list reads every page', () => {
  it('fetches all pages by total_pages, with page and per_page=50, keeping order', async () => {
    const total = 130
    const { api, server } = await setup((req, res) => {
      const page = Number(req.url.searchParams.get('page'))
      const items = Array.from({ length: total }, (_, i) => cert(i)).slice((page - 1) * 50, page * 50)
      json(res, 200, ok(items, { page, per_page: 50, count: items.length, total_count: total, total_pages: 3 }))
    })
    const list = await api.list({ types: ['custom'] })
    expect(list.map((c) => c.name)).toEqual(Array.from({ length: total }, (_, i) => `c${i}`))
    expect(server.seen.map((s) => s.url.searchParams.get('page'))).toEqual(expect.arrayContaining(['1', '2', '3']))
    expect(server.seen.every((s) => s.url.searchParams.get('per_page') === '50')).toBe(true)
    expect(server.seen[0]?.url.searchParams.get('type')).toBe('custom')
    expect(server.seen[0]?.url.pathname).toBe(`/client/v4/accounts/${ACCOUNT}/mtls_certificates`)
  })

  it('walks until a short page when total_pages is absent', async () => {
    const { api, server } = await setup((req, res) => {
      const page = Number(req.url.searchParams.get('page'))
      const n = page < 3 ? 50 : 7
      json(res, 200, ok(Array.from({ length: n }, (_, i) => cert(page * 100 + i))))
    })
    expect(await api.list()).toHaveLength(107)
    expect(server.seen).toHaveLength(3)
    expect(server.seen[0]?.url.searchParams.has('type')).toBe(false)
  })

  it('never has more than the concurrency cap of page requests in flight', async () => {
    const { api, server } = await setup(async (req, res) => {
      const page = Number(req.url.searchParams.get('page'))
      await new Promise((r) => setTimeout(r, 20))
      const items = Array.from({ length: 50 }, (_, i) => cert(page * 100 + i))
      json(res, 200, ok(items, { page, per_page: 50, total_pages: 12, total_count: 600 }))
    })
    expect(await api.list()).toHaveLength(600)
    expect(server.maxInFlight).toBeGreaterThan(1)
    expect(server.maxInFlight).toBeLessThanOrEqual(4)
  })

  it('mapWithConcurrency keeps result order', async () => {
    const out = await mapWithConcurrency([5, 1, 3], 2, async (n) => {
      await new Promise((r) => setTimeout(r, n))
      return n * 10
    })
    expect(out).toEqual([50, 10, 30])
  })
})

describe('auth and request shape', () => {
  it('sends a bearer token, or the legacy key pair', async () => {
    const { api, server } = await setup((_req, res) => json(res, 200, ok(cert(1))))
    await api.get(cert(1).id)
    expect(server.seen[0]?.headers.authorization).toBe('Bearer tok')
    const keyed = new HttpClient({ baseUrl: server.url, auth: { kind: 'key', key: 'k1', email: 'a@b.c' }, timeoutMs: 1000, maxRetries: 0 })
    await new MtlsCertificatesApi(keyed, ACCOUNT).get(cert(1).id)
    expect(server.seen[1]?.headers['x-auth-key']).toBe('k1')
    expect(server.seen[1]?.headers['x-auth-email']).toBe('a@b.c')
    expect(server.seen[1]?.headers.authorization).toBeUndefined()
  })

  it('uploads JSON with ca as a boolean and private_key only when given', async () => {
    const { api, server } = await setup((_req, res) => json(res, 200, ok(cert(1))))
    await api.upload({ ca: true, certificates: 'PEM', name: 'n' })
    await api.upload({ ca: false, certificates: 'PEM', privateKey: 'KEY' })
    expect(JSON.parse(server.seen[0]?.body ?? '')).toEqual({ ca: true, certificates: 'PEM', name: 'n' })
    expect(JSON.parse(server.seen[1]?.body ?? '')).toEqual({ ca: false, certificates: 'PEM', private_key: 'KEY' })
    expect(server.seen[0]?.headers['content-type']).toBe('application/json')
  })
})

describe('retries', () => {
  it('retries GET on 503 and succeeds', async () => {
    const { api, server } = await setup((_req, res, n) => (n < 3 ? json(res, 503, fail(10001, 'busy')) : json(res, 200, ok([]))))
    expect(await api.associations(cert(1).id)).toEqual([])
    expect(server.seen).toHaveLength(3)
  })

  it('gives up after max-retries and says how many attempts and what the last answer was', async () => {
    const { api, server } = await setup((_req, res) => json(res, 502, fail(10002, 'bad gateway')), { maxRetries: 2 })
    const err = await api.get(cert(1).id).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CloudflareApiError)
    expect((err as CloudflareApiError).attempts).toBe(3)
    expect(server.seen).toHaveLength(3)
    const line = describeApiError(err as CloudflareApiError, { action: 'read certificate', accountId: ACCOUNT, permission: 'Read' })
    expect(line).toContain('HTTP 502')
    expect(line).toContain('10002')
    expect(line).toContain('after 3 attempts')
  })

  it('honours Retry-After on 429 before the next attempt', async () => {
    const waits: number[] = []
    const server = await scriptedServer((_req, res, n) => (n === 1 ? json(res, 429, fail(971, 'rate limited'), { 'retry-after': '2' }) : json(res, 200, ok([]))))
    servers.push(server)
    let clock = 0
    const http = new HttpClient({
      baseUrl: server.url,
      auth: { kind: 'token', token: 't' },
      timeoutMs: 1000,
      maxRetries: 1,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms)
        clock += ms
      }
    })
    await new MtlsCertificatesApi(http, ACCOUNT).associations(cert(1).id)
    expect(waits).toEqual([2000])
  })

  it('does not retry a POST blindly', async () => {
    const { api, server } = await setup((_req, res) => json(res, 503, fail(10001, 'busy')))
    await expect(api.upload({ ca: true, certificates: 'x' })).rejects.toBeInstanceOf(CloudflareApiError)
    expect(server.seen).toHaveLength(1)
  })

  it('does not retry a 4xx', async () => {
    const { api, server } = await setup((_req, res) => json(res, 404, fail(1472, 'Certificate not found')))
    const err = (await api.get(cert(1).id).catch((e: unknown) => e)) as CloudflareApiError
    expect(err.codes).toEqual([1472])
    expect(server.seen).toHaveLength(1)
  })

  it('retries a reset connection and reports the cause, not "fetch failed"', async () => {
    const { api, server } = await setup((_req, res) => void res.socket?.destroy(), { maxRetries: 1 })
    const err = (await api.get(cert(1).id).catch((e: unknown) => e)) as CloudflareApiError
    expect(err.kind).toBe('network')
    expect(err.message).not.toMatch(/^fetch failed$/)
    expect(err.message.length).toBeGreaterThan(5)
    expect(server.seen).toHaveLength(2)
  })

  it('retries an answer cut off in the middle of its body, and takes the whole one that follows', async () => {
    const body = JSON.stringify(ok(cert(1)))
    const { api, server } = await setup(
      (_req, res, n) => {
        if (n > 1) return json(res, 200, ok(cert(1)))
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) })
        res.write(body.slice(0, 20))
        setTimeout(() => res.socket?.destroy(), 20)
      },
      { maxRetries: 1 }
    )
    expect(await api.get(cert(1).id)).toMatchObject({ id: cert(1).id, name: 'c1' })
    expect(server.seen).toHaveLength(2)
  })

  it('an answer cut off every time: a network error naming the cut, after every attempt', async () => {
    const { api, server } = await setup(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' })
        res.write('{"success":true,')
        setTimeout(() => res.socket?.destroy(), 20)
      },
      { maxRetries: 2 }
    )
    const err = (await api.get(cert(1).id).catch((e: unknown) => e)) as CloudflareApiError
    expect(err).toBeInstanceOf(CloudflareApiError)
    expect(err.kind).toBe('network')
    expect(err.message).toMatch(/ECONNRESET|aborted|closed before the whole answer/)
    expect(err.attempts).toBe(3)
    expect(server.seen).toHaveLength(3)
  })

  it('times out a request that never answers', async () => {
    const { api } = await setup(() => {}, { maxRetries: 0, timeoutMs: 300 })
    const started = Date.now()
    const err = (await api.get(cert(1).id).catch((e: unknown) => e)) as CloudflareApiError
    expect(err.kind).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(5000)
  })
})

describe('response parsing', () => {
  it('tolerates missing and null optional fields', async () => {
    const { api } = await setup((_req, res) => json(res, 200, ok({ id: cert(1).id, name: null, ca: true })))
    expect(await api.get(cert(1).id)).toEqual({ id: cert(1).id, ca: true })
  })

  it('rejects a field of the wrong type with a typed error naming it', async () => {
    const { api } = await setup((_req, res) => json(res, 200, ok({ id: cert(1).id, ca: 'yes' })))
    const err = (await api.get(cert(1).id).catch((e: unknown) => e)) as CloudflareApiError
    expect(err.kind).toBe('invalid-response')
    expect(err.message).toContain('result.ca')
  })

  it('describes an HTML error page instead of failing to parse JSON', async () => {
    const { api } = await setup(
      (_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html' })
        res.end('<html><head><title>502 Bad Gateway</title></head></html>')
      },
      { maxRetries: 0 }
    )
    const err = (await api.get(cert(1).id).catch((e: unknown) => e)) as CloudflareApiError
    expect(err.status).toBe(502)
    expect(err.message).toContain('502 Bad Gateway')
  })

  it('accepts result: null from DELETE', async () => {
    const { api } = await setup((_req, res) => json(res, 200, ok(null)))
    expect(await api.delete(cert(1).id)).toBeNull()
  })
})

describe('error lines', () => {
  const ctx = { action: 'list the certificates', accountId: ACCOUNT, permission: 'Read' as const }
  const err = (code: number, status: number) => new CloudflareApiError({ kind: 'api', message: 'x', method: 'GET', path: '/p', status, errors: [{ code, message: 'm' }] })
  it.each([
    [10000, 403, 'SSL and Certificates · Read'],
    [9106, 400, 'api-token'],
    [1472, 404, 'not found'],
    [1489, 400, 'maximum number of CA'],
    [971, 429, '1,200 requests']
  ])('code %i says how to fix it', (code, status, expected) => {
    expect(describeApiError(err(code, status), ctx)).toContain(expected)
  })
})

describe('proxy', () => {
  it('sends requests through HTTP_PROXY and bypasses it for NO_PROXY hosts', async () => {
    const { createServer } = await import('node:http')
    const { createProxy } = await import('proxy')
    const seenByProxy: string[] = []
    const proxyServer = createProxy(createServer())
    proxyServer.on('request', (req) => seenByProxy.push(`${req.method} ${req.url}`))
    proxyServer.on('connect', (req) => seenByProxy.push(`CONNECT ${req.url}`))
    await new Promise<void>((r) => proxyServer.listen(0, '127.0.0.1', r))
    servers.push({ close: () => new Promise<void>((r) => proxyServer.close(() => r())) })
    const proxyUrl = `http://127.0.0.1:${(proxyServer.address() as { port: number }).port}`
    const target = await scriptedServer((_req, res) => json(res, 200, ok([])))
    servers.push(target)
    const { EnvHttpProxyAgent } = await import('undici')

    const through = new EnvHttpProxyAgent({ httpProxy: proxyUrl, httpsProxy: proxyUrl, noProxy: '' })
    const viaProxy = new HttpClient({ baseUrl: target.url, auth: { kind: 'token', token: 't' }, timeoutMs: 2000, maxRetries: 0, dispatcher: through })
    await new MtlsCertificatesApi(viaProxy, ACCOUNT).associations(cert(1).id)
    expect(seenByProxy.length).toBe(1)
    expect(seenByProxy[0]).toContain(new URL(target.url).host)
    await through.close()

    const bypass = new EnvHttpProxyAgent({ httpProxy: proxyUrl, httpsProxy: proxyUrl, noProxy: '127.0.0.1' })
    const direct = new HttpClient({ baseUrl: target.url, auth: { kind: 'token', token: 't' }, timeoutMs: 2000, maxRetries: 0, dispatcher: bypass })
    await new MtlsCertificatesApi(direct, ACCOUNT).associations(cert(1).id)
    expect(seenByProxy.length).toBe(1)
    expect(target.seen).toHaveLength(2)
    await bypass.close()
  })
})
