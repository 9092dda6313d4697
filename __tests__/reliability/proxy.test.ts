/**
 * The bundle behind a real HTTP proxy on loopback (the `proxy` package), configured the way a
 * runner does it: HTTP_PROXY / HTTPS_PROXY / NO_PROXY in the environment.
 *
 * undici 7's EnvHttpProxyAgent (ProxyAgent with its default proxyTunnel: true) reaches an http://
 * target by a CONNECT tunnel too, not by absolute-form requests, so the proxy's log shows
 * `CONNECT 127.0.0.1:<port>` lines and no plain requests.
 */
import { createServer, type IncomingMessage } from 'node:http'
import { createServer as createTcpServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { createProxy, type ProxyServer } from 'proxy'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { proxyFor } from '../../src/cloudflare/http.js'
import { e2eBackend, type E2EBackend } from '../helpers/e2e.js'

let b: E2EBackend
let proxy: ProxyServer
let proxyUrl: string
/** What the proxy itself saw: `CONNECT host:port` for tunnels, `METHOD url` for plain requests. */
const proxyLog: string[] = []
const proxyAuth: Array<string | undefined> = []
const sockets = new Set<Socket>()
const closers: Array<() => Promise<void>> = []

beforeAll(async () => {
  b = await e2eBackend()
  proxy = createProxy(createServer())
  proxy.on('connect', (req: IncomingMessage) => {
    proxyLog.push(`CONNECT ${req.url ?? ''}`)
    proxyAuth.push(req.headers['proxy-authorization'])
  })
  proxy.on('request', (req: IncomingMessage) => proxyLog.push(`${req.method ?? ''} ${req.url ?? ''}`))
  proxy.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r))
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
})
afterAll(async () => {
  for (const s of sockets) s.destroy()
  await new Promise<void>((r) => proxy.close(() => r()))
  await Promise.all(closers.map((c) => c()))
  await b.close()
})
beforeEach(() => {
  b.emulator.reset()
  proxyLog.length = 0
  proxyAuth.length = 0
  proxy.authenticate = undefined
})

const emulatorHost = () => new URL(b.emulator.url).host

describe('through a real proxy', () => {
  it('HTTP_PROXY: every request goes through the proxy, as a CONNECT tunnel to the API host', async () => {
    const ids = b.emulator.seedSynthetic(120) // three pages
    const r = await b.run({ operation: 'list' }, { HTTP_PROXY: proxyUrl })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.count).toBe(String(ids.length))
    expect(b.emulator.requests).toHaveLength(3)
    // One tunnel per connection: at least one, never more than the requests, all to the API host.
    expect(proxyLog.length).toBeGreaterThanOrEqual(1)
    expect(proxyLog.length).toBeLessThanOrEqual(3)
    expect(new Set(proxyLog)).toEqual(new Set([`CONNECT ${emulatorHost()}`]))
  })

  it('lower-case http_proxy works the same, and credentials in its URL reach the proxy as Proxy-Authorization', async () => {
    const password = 'proxyPw-e2e-7f3a91'
    proxy.authenticate = (req) => req.headers['proxy-authorization'] === `Basic ${Buffer.from(`robot:${password}`).toString('base64')}`
    const withAuth = proxyUrl.replace('http://', `http://robot:${password}@`)
    const r = await b.run({ operation: 'list' }, { http_proxy: withAuth })
    expect(r.code, r.stdout).toBe(0)
    expect(proxyLog).toEqual([`CONNECT ${emulatorHost()}`])
    expect(proxyAuth[0]).toMatch(/^Basic /)
  })

  it('a proxy that refuses the credentials (407): one clear line, no password in it', async () => {
    proxy.authenticate = () => false
    const r = await b.run({ 'operation': 'list', 'max-retries': '1' }, { HTTP_PROXY: proxyUrl.replace('http://', 'http://robot:wrongPw-e2e-55c1@') })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/407/)
    expect(r.errors[0]).toMatch(/through the proxy http:\/\/robot:\*\*\*@127\.0\.0\.1:\d+ \(HTTP_PROXY\)/)
    expect(b.emulator.requests).toEqual([])
  })

  it('NO_PROXY naming the API host bypasses the proxy', async () => {
    b.emulator.seedSynthetic(2)
    const r = await b.run({ operation: 'list' }, { HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl, NO_PROXY: 'localhost,127.0.0.1' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.count).toBe('2')
    expect(proxyLog).toEqual([])
    expect(b.emulator.requests).toHaveLength(1)
  })

  it('HTTPS_PROXY alone does not apply to an http:// API URL (undici picks the proxy by the target scheme)', async () => {
    const r = await b.run({ operation: 'list' }, { HTTPS_PROXY: proxyUrl })
    expect(r.code, r.stdout).toBe(0)
    expect(proxyLog).toEqual([])
  })
})

describe('a proxy that does not work gives a clear error within the timeout', () => {
  it('a proxy that refuses connections: ECONNREFUSED, naming the proxy, no request reaches the API', async () => {
    const closed = createTcpServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((r) => closed.close(() => r()))
    const r = await b.run({ 'operation': 'list', 'max-retries': '1', 'timeout-seconds': '2' }, { HTTP_PROXY: `http://127.0.0.1:${port}` })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/ECONNREFUSED/)
    expect(r.errors[0]).toMatch(new RegExp(`through the proxy http://127\\.0\\.0\\.1:${port} \\(HTTP_PROXY\\)`))
    expect(r.errors[0]).toMatch(/after 2 attempts/)
    expect(b.emulator.requests).toEqual([])
    expect(r.durationMs).toBeLessThan(2 * 2000 + 1000 + 8000)
  })

  it('a proxy that accepts the connection and never answers: a timeout, within timeout-seconds × attempts', async () => {
    const held = new Set<Socket>()
    const silent: Server = createTcpServer((s) => {
      held.add(s)
      s.on('error', () => {})
    })
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    closers.push(async () => {
      for (const s of held) s.destroy()
      await new Promise<void>((r) => silent.close(() => r()))
    })
    const port = (silent.address() as AddressInfo).port
    const r = await b.run({ 'operation': 'list', 'max-retries': '1', 'timeout-seconds': '1' }, { HTTP_PROXY: `http://127.0.0.1:${port}` })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/no answer within 1 s \(timeout-seconds\) through the proxy http:\/\/127\.0\.0\.1:\d+ \(HTTP_PROXY\) after 2 attempts/)
    expect(b.emulator.requests).toEqual([])
    expect(r.durationMs).toBeLessThan(2 * 1000 + 1000 + 8000)
  })
})

describe('proxyFor: which proxy an error line names (the same choice undici 7 makes)', () => {
  const api = new URL('https://api.cloudflare.com/client/v4')
  const local = new URL('http://127.0.0.1:8080/client/v4')
  it.each<[string, URL, NodeJS.ProcessEnv, string | undefined]>([
    ['no proxy variables', api, {}, undefined],
    ['HTTPS_PROXY for an https URL', api, { HTTPS_PROXY: 'http://p:3128' }, 'http://p:3128 (HTTPS_PROXY)'],
    ['an https URL falls back to HTTP_PROXY', api, { HTTP_PROXY: 'http://p:3128' }, 'http://p:3128 (HTTP_PROXY)'],
    ['lower case wins', api, { https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:2' }, 'http://low:1 (https_proxy)'],
    ['an empty lower-case variable means none', local, { http_proxy: '', HTTP_PROXY: 'http://up:2' }, undefined],
    ['HTTPS_PROXY does not apply to an http URL', local, { HTTPS_PROXY: 'http://p:3128' }, undefined],
    ['NO_PROXY with the host', api, { HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'example.com, api.cloudflare.com' }, undefined],
    ['NO_PROXY with a parent domain', api, { HTTPS_PROXY: 'http://p:3128', no_proxy: '.cloudflare.com' }, undefined],
    ['NO_PROXY with another port', local, { HTTP_PROXY: 'http://p:3128', NO_PROXY: '127.0.0.1:9999' }, 'http://p:3128 (HTTP_PROXY)'],
    ['NO_PROXY with port 0 means any port', local, { HTTP_PROXY: 'http://p:3128', NO_PROXY: '127.0.0.1:0' }, undefined],
    ['NO_PROXY *', api, { HTTPS_PROXY: 'http://p:3128', NO_PROXY: '*' }, undefined],
    ['a password is hidden', api, { HTTPS_PROXY: 'http://user:s3cret@p:3128' }, 'http://user:***@p:3128 (HTTPS_PROXY)']
  ])('%s', (_what, url, env, expected) => {
    expect(proxyFor(url, env)).toBe(expected)
  })
})
