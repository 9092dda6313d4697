/**
 * A loopback server in Cloudflare's place that answers honestly (a small account: a few
 * certificates, no associations, a zone's hostnames) until a case twists it: any answer can be
 * replaced by a redirect, a huge or endless body, silence, a lie about pages, a hostile id.
 * Beside it, a second origin that a redirect points to: it records whatever reaches it (nothing
 * should) and never answers usefully.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type Route = 'list' | 'post' | 'get' | 'delete' | 'associations' | 'zone-get' | 'zone-put' | 'other'

export interface HostileRequest {
  method: string
  path: string
  query: URLSearchParams
  route: Route
  /** The certificate id in the path, for routes that have one. */
  id?: string
  headers: IncomingMessage['headers']
  body: string
}

export interface Certificate {
  id: string
  name: string
  ca: boolean
  certificates: string
  type: string
  expires_on: string
  uploaded_on: string
  issuer: string
  serial_number: string
  signature: string
}

/** Decides a request's answer: `undefined` lets the honest server answer. */
export type Twist = (req: HostileRequest, res: ServerResponse, ctx: { n: number; otherUrl: string }) => boolean | void | Promise<boolean | void>

export function envelope(result: unknown, resultInfo?: unknown): string {
  return JSON.stringify({ success: true, errors: [], messages: [], result, ...(resultInfo === undefined ? {} : { result_info: resultInfo }) })
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) })
  res.end(body)
}

async function listen(server: Server, sockets: Set<Socket>): Promise<string> {
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy()
  await new Promise<void>((r) => server.close(() => r()))
}

export async function hostileServer(options: { accountId: string; certificates: Certificate[]; twist?: Twist }) {
  const requests: HostileRequest[] = []
  const certificates = [...options.certificates]
  /** The zone's hostnames per certificate id. */
  const zone = new Map<string, string[]>()
  const sockets = new Set<Socket>()
  const prefix = `/client/v4/accounts/${options.accountId}/mtls_certificates`
  const zoneRoute = /^\/client\/v4\/zones\/[^/]+\/certificate_authorities\/hostname_associations$/

  const classify = (method: string, path: string): { route: Route; id?: string } => {
    if (path === prefix) return { route: method === 'POST' ? 'post' : method === 'GET' ? 'list' : 'other' }
    if (zoneRoute.test(path)) return { route: method === 'PUT' ? 'zone-put' : method === 'GET' ? 'zone-get' : 'other' }
    if (path.startsWith(`${prefix}/`)) {
      const rest = path.slice(prefix.length + 1).split('/')
      const id = rest[0] ?? ''
      if (rest.length === 1) return { route: method === 'DELETE' ? 'delete' : method === 'GET' ? 'get' : 'other', id }
      if (rest.length === 2 && rest[1] === 'associations' && method === 'GET') return { route: 'associations', id }
    }
    return { route: 'other' }
  }

  const honest = (req: HostileRequest, res: ServerResponse): void => {
    const found = certificates.find((c) => c.id === req.id)
    const notFound = () => send(res, 404, JSON.stringify({ success: false, errors: [{ code: 1472, message: 'Certificate not found' }], messages: [], result: null }))
    switch (req.route) {
      case 'list':
        return send(res, 200, envelope(certificates, { page: 1, per_page: 50, count: certificates.length, total_count: certificates.length, total_pages: 1 }))
      case 'get':
        return found ? send(res, 200, envelope(found)) : notFound()
      case 'delete':
        if (!found) return notFound()
        certificates.splice(certificates.indexOf(found), 1)
        return send(res, 200, envelope(found))
      case 'associations':
        return found ? send(res, 200, envelope([], { page: 1, per_page: 20, count: 0, total_count: 0, total_pages: 1 })) : notFound()
      case 'post': {
        const body = JSON.parse(req.body || '{}') as { ca?: boolean; certificates?: string; name?: string }
        const c: Certificate = { ...(certificates[0] as Certificate), id: randomUUID(), name: body.name ?? '', ca: body.ca ?? false, certificates: body.certificates ?? '' }
        certificates.push(c)
        return send(res, 200, envelope(c))
      }
      case 'zone-get':
        return send(res, 200, envelope({ hostnames: zone.get(req.query.get('mtls_certificate_id') ?? '') ?? [] }))
      case 'zone-put': {
        const body = JSON.parse(req.body || '{}') as { hostnames?: string[]; mtls_certificate_id?: string }
        zone.set(body.mtls_certificate_id ?? '', body.hostnames ?? [])
        return send(res, 200, envelope({ hostnames: body.hostnames ?? [] }))
      }
      default:
        return send(res, 404, JSON.stringify({ success: false, errors: [{ code: 7003, message: 'No route for the URI' }], messages: [], result: null }))
    }
  }

  // The other origin: a redirect's target. Anything that arrives here is a failure of the client.
  const otherRequests: Array<{ method: string; path: string; headers: IncomingMessage['headers'] }> = []
  const otherSockets = new Set<Socket>()
  const other = createServer((req, res) => {
    otherRequests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers })
    send(res, 200, envelope([]))
  })
  const otherUrl = await listen(other, otherSockets)

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const method = req.method ?? ''
      const r: HostileRequest = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        ...classify(method, url.pathname)
      }
      requests.push(r)
      res.on('error', () => {})
      void (async () => {
        const handled = options.twist ? await options.twist(r, res, { n: requests.length, otherUrl }) : false
        if (handled !== true) honest(r, res)
      })()
    })
  })
  const url = await listen(server, sockets)

  return {
    url: `${url}/client/v4`,
    otherUrl,
    requests,
    otherRequests,
    certificates,
    close: async () => {
      await Promise.all([closeServer(server, sockets), closeServer(other, otherSockets)])
    }
  }
}
export type HostileServer = Awaited<ReturnType<typeof hostileServer>>

/** Writes `bytes` of a JSON-looking body in 64 KiB chunks, as fast as the client reads, or for ever. */
export function streamBody(res: ServerResponse, bytes: number | 'endless', headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'application/json', ...headers })
  const chunk = Buffer.alloc(64 * 1024, 0x20)
  let sent = 0
  const pump = (): void => {
    while (bytes === 'endless' || sent < bytes) {
      if (res.destroyed) return
      sent += chunk.length
      if (!res.write(chunk)) {
        res.once('drain', pump)
        return
      }
    }
    res.end()
  }
  res.on('close', () => res.removeAllListeners('drain'))
  pump()
}
