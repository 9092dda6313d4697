/**
 * A loopback reverse proxy that records every exchange passing through it: what our client sent
 * and what the server behind (Prism) answered, including Prism's verdict. Prism reports schema
 * violations in an `sl-violations` header and, for errors it makes up, in a problem+json body's
 * `validation`; both are collected into `violations`.
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface Violation {
  location: string[]
  severity: string
  code: string | number
  message: string
}

export interface Exchange {
  method: string
  path: string
  /** The raw query string without `?` ('' when none). */
  search: string
  query: Record<string, string[]>
  requestHeaders: IncomingHttpHeaders
  /** The parsed JSON request body, the raw text if it is not JSON, undefined if empty. */
  requestBody: unknown
  /** 0 when the server behind could not be reached. */
  status: number
  contentType: string
  violations: Violation[]
  /** What the server behind answered (parsed JSON when it is JSON). */
  responseBody: unknown
  /** Set when a test's `rewrite` replaced the body our client received. */
  rewrittenTo?: unknown
}

/**
 * Lets a test replace the JSON body the client receives after the server behind has answered
 * (and Prism has judged the request). Return undefined to pass the answer through unchanged.
 */
export type Rewrite = (exchange: Exchange) => unknown

export interface RecordingProxy {
  url: string
  readonly exchanges: readonly Exchange[]
  clear(): void
  setRewrite(rewrite: Rewrite | undefined): void
  close(): Promise<void>
}

function parseBody(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function isViolation(v: unknown): v is Violation {
  return typeof v === 'object' && v !== null && Array.isArray((v as Violation).location) && typeof (v as Violation).message === 'string'
}

function violationsOf(headers: IncomingHttpHeaders, body: unknown): Violation[] {
  const found: Violation[] = []
  const header = headers['sl-violations']
  if (typeof header === 'string') {
    try {
      const parsed = JSON.parse(header) as unknown
      if (Array.isArray(parsed)) found.push(...parsed.filter(isViolation))
    } catch {
      // Prism cuts a long list short ("Too many violations! [..."); the problem+json body has them all.
      const message = header.startsWith('Too many violations') ? 'Too many violations (Prism truncated its header)' : header.slice(0, 200)
      found.push({ location: ['sl-violations'], severity: 'Error', code: 'unparsable', message })
    }
  }
  const validation = (body as { validation?: unknown } | null)?.validation
  if (Array.isArray(validation)) found.push(...validation.filter(isViolation))
  const seen = new Set<string>()
  return found.filter((v) => {
    const key = `${v.location.join('.')}|${v.message}`
    return seen.has(key) ? false : (seen.add(key), true)
  })
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host'])

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target)
  const exchanges: Exchange[] = []
  const sockets = new Set<Socket>()
  let rewrite: Rewrite | undefined

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const url = new URL(req.url ?? '/', 'http://recorder')
      const query: Record<string, string[]> = {}
      for (const [k, v] of url.searchParams) (query[k] ??= []).push(v)
      const exchange: Exchange = {
        method: req.method ?? '',
        path: url.pathname,
        search: url.search.replace(/^\?/, ''),
        query,
        requestHeaders: req.headers,
        requestBody: parseBody(body.toString('utf8')),
        status: 0,
        contentType: '',
        violations: [],
        responseBody: undefined
      }
      exchanges.push(exchange)
      const headers: Record<string, string | string[]> = {}
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v
      headers['content-length'] = String(body.length)
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: `${upstream.pathname.replace(/\/$/, '')}${req.url ?? '/'}`, headers, agent: false },
        (up) => {
          const answer: Buffer[] = []
          up.on('data', (c: Buffer) => answer.push(c))
          up.on('end', () => {
            const raw = Buffer.concat(answer)
            exchange.status = up.statusCode ?? 0
            exchange.contentType = String(up.headers['content-type'] ?? '')
            exchange.responseBody = parseBody(raw.toString('utf8'))
            exchange.violations = violationsOf(up.headers, exchange.responseBody)
            let out = raw
            const replaced = rewrite?.(exchange)
            if (replaced !== undefined) {
              exchange.rewrittenTo = replaced
              out = Buffer.from(JSON.stringify(replaced))
            }
            const outHeaders: Record<string, string | string[]> = {}
            for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) outHeaders[k] = v
            outHeaders['content-length'] = String(out.length)
            res.writeHead(exchange.status, outHeaders)
            res.end(out)
          })
        }
      )
      forward.on('error', (e) => {
        exchange.responseBody = `recording proxy: ${e.message}`
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
        res.end(`recording proxy: ${e.message}`)
      })
      forward.end(body)
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    clear: () => void exchanges.splice(0),
    setRewrite: (r) => void (rewrite = r),
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

/** One line per exchange: method, path, status and the first violations with their locations. */
export function describeExchange(e: Exchange, shown = 8): string {
  const where = `${e.method} ${e.path}${e.search ? `?${e.search}` : ''} → ${e.status || 'no answer'}`
  if (e.violations.length === 0) return where
  const more = e.violations.length > shown ? `; … and ${e.violations.length - shown} more` : ''
  return `${where}: ${e.violations
    .slice(0, shown)
    .map((v) => `${v.location.join('.')}: ${v.message}`)
    .join('; ')}${more}`
}

/**
 * Prism's verdict on each exchange, as lines for an `expect(...).toEqual([])`: an exchange is clean
 * when Prism answered 2xx with JSON and reported no violation.
 */
export function contractProblems(exchanges: readonly Exchange[]): string[] {
  return exchanges.filter((e) => e.status < 200 || e.status >= 300 || e.violations.length > 0 || !e.contentType.startsWith('application/json')).map((e) => describeExchange(e))
}
