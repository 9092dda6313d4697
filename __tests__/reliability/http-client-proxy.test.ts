/**
 * @actions/http-client behind a proxy, on the action's own undici 7 (package.json `overrides` puts the
 * http-client of @actions/core and @actions/github on it, so dist/ carries one undici instead of
 * three). http-client was written against undici 6: these tests prove the two paths the action
 * relies on still work on 7:
 *  - @actions/github's Octokit: its fetch is undici's `fetch` with http-client's `getAgentDispatcher`
 *    (an undici `ProxyAgent`) when a proxy is set;
 *  - @actions/core's OIDC token request (`core.getIDToken`): http-client's `HttpClient.getJson`.
 *
 * http-client never proxies a loopback host, so the targets are named `*.github.invalid` (a name that
 * never resolves: RFC 2606) and the loopback proxy below tunnels every CONNECT to the loopback server,
 * whatever host it names. Nothing leaves the machine.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import * as core from '@actions/core'
import { HttpClient } from '@actions/http-client'
import { ProxyAgent } from 'undici'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

/** What the proxy saw: `CONNECT host:port` for tunnels, `METHOD url` for anything else. */
const proxyLog: string[] = []
const proxyAuth: Array<string | undefined> = []
/** What the server behind the proxy saw. */
const served: Array<{ method: string; url: string; authorization: string | undefined }> = []
const sockets = new Set<Socket>()
let target: Server
let proxy: Server
let targetPort = 0
let proxyUrl = ''

const listen = (s: Server) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)))
const track = (s: Socket) => {
  sockets.add(s)
  s.on('close', () => sockets.delete(s))
}

beforeAll(async () => {
  target = createServer((req: IncomingMessage, res: ServerResponse) => {
    served.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization })
    res.setHeader('content-type', 'application/json')
    if (req.url?.startsWith('/oidc')) res.end(JSON.stringify({ value: 'id-token-from-behind-the-proxy' }))
    else res.end(JSON.stringify({ id: 1, full_name: 'octo/widgets' }))
  })
  target.on('connection', track)
  targetPort = await listen(target)
  proxy = createServer((req, res) => {
    // A plain (absolute-form) request: neither client should send one; refuse it so a test sees it.
    proxyLog.push(`${req.method ?? ''} ${req.url ?? ''}`)
    res.statusCode = 502
    res.end()
  })
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    proxyLog.push(`CONNECT ${req.url ?? ''}`)
    proxyAuth.push(req.headers['proxy-authorization'])
    track(client)
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    track(upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  proxy.on('connection', track)
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`
})
afterAll(async () => {
  for (const s of sockets) s.destroy()
  await Promise.all([target, proxy].map((s) => new Promise<void>((r) => s.close(() => r()))))
})

const ENV = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'NO_PROXY',
  'no_proxy',
  'GITHUB_API_URL',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
] as const
const saved: Partial<Record<(typeof ENV)[number], string>> = {}
beforeEach(() => {
  proxyLog.length = 0
  proxyAuth.length = 0
  served.length = 0
  for (const k of ENV) {
    saved[k] = process.env[k]
    delete process.env[k]
  }
})
afterEach(() => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k]
    else process.env[k] = saved[k]
  }
})

describe('@actions/http-client on the action’s undici 7, through a proxy', () => {
  it('its proxy dispatcher is the action’s own undici ProxyAgent (one undici, not a second copy)', () => {
    process.env.HTTP_PROXY = proxyUrl
    const dispatcher = new HttpClient().getAgentDispatcher(`http://api.github.invalid:${targetPort}`)
    expect(dispatcher).toBeInstanceOf(ProxyAgent)
  })

  it('@actions/github: an Octokit request goes through the proxy as a CONNECT tunnel, credentials as Proxy-Authorization', async () => {
    const host = `api.github.invalid:${targetPort}`
    process.env.HTTP_PROXY = proxyUrl.replace('http://', 'http://robot:proxy-pw@')
    process.env.GITHUB_API_URL = `http://${host}`
    // @actions/github reads the API base and builds its proxy fetch when it is loaded, as in a runner
    // step whose environment is set before the action starts: load it afresh under this environment.
    vi.resetModules()
    const { getOctokit } = await import('@actions/github')
    const octokit = getOctokit('ghs_test_token')
    const { data } = await octokit.rest.repos.get({ owner: 'octo', repo: 'widgets' })
    expect(data.full_name).toBe('octo/widgets')
    expect(proxyLog).toEqual([`CONNECT ${host}`])
    expect(proxyAuth).toEqual([`Basic ${Buffer.from('robot:proxy-pw').toString('base64')}`])
    expect(served).toEqual([{ method: 'GET', url: '/repos/octo/widgets', authorization: 'token ghs_test_token' }])
  })

  it('@actions/core: the OIDC token request (HttpClient.getJson) goes through the proxy', async () => {
    const host = `token.github.invalid:${targetPort}`
    process.env.HTTP_PROXY = proxyUrl
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = `http://${host}/oidc?api-version=2.0`
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'oidc-request-token'
    const token = await core.getIDToken('cloudflare')
    expect(token).toBe('id-token-from-behind-the-proxy')
    expect(proxyLog).toEqual([`CONNECT ${host}`])
    expect(served).toEqual([{ method: 'GET', url: '/oidc?api-version=2.0&audience=cloudflare', authorization: 'Bearer oidc-request-token' }])
  })

  it('NO_PROXY still bypasses the proxy for a listed host', async () => {
    process.env.HTTP_PROXY = proxyUrl
    process.env.NO_PROXY = 'api.github.invalid'
    const dispatcher = new HttpClient().getAgentDispatcher(`http://api.github.invalid:${targetPort}`)
    expect(dispatcher).not.toBeInstanceOf(ProxyAgent)
    expect(proxyLog).toEqual([])
  })
})
