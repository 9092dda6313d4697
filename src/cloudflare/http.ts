import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici'
import type { ZodType } from 'zod'
import { CloudflareApiError } from './errors.js'
import { EnvelopeSchema, type ResultInfo } from './schemas.js'

export type Auth = { kind: 'token'; token: string } | { kind: 'key'; key: string; email: string }

export interface HttpClientOptions {
  baseUrl: string
  auth: Auth
  timeoutMs: number
  maxRetries: number
  userAgent?: string
  /** Injected for tests; defaults to undici's EnvHttpProxyAgent (HTTPS_PROXY / HTTP_PROXY / NO_PROXY). */
  dispatcher?: Dispatcher
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  now?: () => number
  /** Called before each retry, so the log can say why we wait. */
  onRetry?: (info: { method: string; path: string; attempt: number; delayMs: number; reason: string }) => void
}

export type Method = 'GET' | 'POST' | 'DELETE'

export interface RequestOptions<T> {
  query?: Record<string, string | number | undefined>
  body?: unknown
  schema: ZodType<T>
  /** POST is not idempotent: the caller decides whether a lost answer may be retried. */
  retry?: boolean
}

export interface ApiResponse<T> {
  result: T
  resultInfo: ResultInfo | undefined
  status: number
}

const RETRY_BASE_MS = 500
const RETRY_CAP_MS = 8_000

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The one place that talks HTTP to Cloudflare: auth, envelope, retries, timeouts, proxy. */
export class HttpClient {
  private readonly base: URL
  private readonly dispatcher: Dispatcher
  private readonly sleep: (ms: number) => Promise<void>
  private readonly random: () => number
  private readonly now: () => number
  /** A 429 pauses every request of this client (concurrent page fetches included), not just one. */
  private pausedUntil = 0
  requestCount = 0

  constructor(private readonly options: HttpClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`)
    this.dispatcher = options.dispatcher ?? new EnvHttpProxyAgent()
    this.sleep = options.sleep ?? defaultSleep
    this.random = options.random ?? Math.random
    this.now = options.now ?? Date.now
  }

  async close(): Promise<void> {
    if (!this.options.dispatcher) await this.dispatcher.close()
  }

  async call<T>(method: Method, path: string, opts: RequestOptions<T>): Promise<ApiResponse<T>> {
    const retry = opts.retry ?? method !== 'POST'
    const maxAttempts = retry ? this.options.maxRetries + 1 : 1
    for (let attempt = 1; ; attempt++) {
      await this.waitForPause()
      try {
        return await this.once(method, path, opts)
      } catch (err) {
        if (!(err instanceof CloudflareApiError)) throw err
        err.attempts = attempt
        const retryable = isRetryable(err)
        if (!retryable || attempt >= maxAttempts) throw err
        const delayMs = this.retryDelay(err, attempt)
        this.options.onRetry?.({ method, path, attempt, delayMs, reason: retryReason(err) })
        if (err.status === 429) this.pausedUntil = Math.max(this.pausedUntil, this.now() + delayMs)
        else await this.sleep(delayMs)
      }
    }
  }

  private async waitForPause(): Promise<void> {
    for (;;) {
      const wait = this.pausedUntil - this.now()
      if (wait <= 0) return
      await this.sleep(wait)
    }
  }

  private retryDelay(err: CloudflareApiError & { retryAfterMs?: number }, attempt: number): number {
    if (err.retryAfterMs !== undefined) return err.retryAfterMs
    // Full jitter keeps concurrent page fetches from retrying in lock-step.
    const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempt - 1))
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2)
  }

  private url(path: string, query: RequestOptions<unknown>['query']): URL {
    const url = new URL(path.replace(/^\//, ''), this.base)
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v))
    }
    return url
  }

  private headers(hasBody: boolean): Record<string, string> {
    const h: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'cloudflare-mtls-certificates-action'
    }
    if (hasBody) h['content-type'] = 'application/json'
    const auth = this.options.auth
    if (auth.kind === 'token') h.authorization = `Bearer ${auth.token}`
    else {
      h['x-auth-key'] = auth.key
      h['x-auth-email'] = auth.email
    }
    return h
  }

  private async once<T>(method: Method, path: string, opts: RequestOptions<T>): Promise<ApiResponse<T>> {
    const url = this.url(path, opts.query)
    const hasBody = opts.body !== undefined
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs)
    this.requestCount++
    let status: number
    let text: string
    let retryAfter: string | undefined
    try {
      const res = await request(url, {
        method,
        headers: this.headers(hasBody),
        body: hasBody ? JSON.stringify(opts.body) : undefined,
        dispatcher: this.dispatcher,
        signal: controller.signal,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs
      })
      status = res.statusCode
      const ra = res.headers['retry-after']
      retryAfter = Array.isArray(ra) ? ra[0] : ra
      text = await res.body.text()
    } catch (cause) {
      const timedOut = controller.signal.aborted || isUndiciTimeout(cause)
      throw new CloudflareApiError({
        kind: timedOut ? 'timeout' : 'network',
        message: timedOut ? `no answer within ${this.options.timeoutMs / 1000} s` : networkMessage(cause),
        method,
        path: url.pathname
      })
    } finally {
      clearTimeout(timer)
    }
    return this.parse(method, url.pathname, status, text, retryAfter, opts.schema)
  }

  private parse<T>(
    method: Method,
    path: string,
    status: number,
    text: string,
    retryAfter: string | undefined,
    schema: ZodType<T>
  ): ApiResponse<T> {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      const err = new CloudflareApiError({
        kind: status >= 200 && status < 300 ? 'invalid-response' : 'api',
        message: `HTTP ${status} with a body that is not JSON (${describeBody(text)})`,
        method,
        path,
        status
      })
      throw withRetryAfter(err, retryAfter)
    }
    const envelope = EnvelopeSchema.safeParse(json)
    if (!envelope.success) {
      const err = new CloudflareApiError({
        kind: status >= 200 && status < 300 ? 'invalid-response' : 'api',
        message: `HTTP ${status} with JSON that is not Cloudflare's envelope (${firstIssue(envelope.error)})`,
        method,
        path,
        status
      })
      throw withRetryAfter(err, retryAfter)
    }
    const env = envelope.data
    if (!env.success || status < 200 || status >= 300) {
      const err = new CloudflareApiError({
        kind: 'api',
        message: env.errors.map((e) => `${e.code}: ${e.message}`).join('; ') || `HTTP ${status}`,
        method,
        path,
        status,
        errors: env.errors
      })
      throw withRetryAfter(err, retryAfter)
    }
    const result = schema.safeParse(env.result)
    if (!result.success) {
      throw new CloudflareApiError({
        kind: 'invalid-response',
        message: `the result does not match the expected shape (${firstIssue(result.error)})`,
        method,
        path,
        status
      })
    }
    return { result: result.data, resultInfo: env.result_info, status }
  }
}

function firstIssue(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid'
  const at = issue.path.length > 0 ? issue.path.map(String).join('.') : 'body'
  return `${at}: ${issue.message}`
}

function describeBody(text: string): string {
  const trimmed = text.trim()
  if (trimmed === '') return 'empty body'
  if (/^<(!doctype|html)/i.test(trimmed)) {
    const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim()
    return title ? `an HTML page: "${title.slice(0, 80)}"` : 'an HTML page'
  }
  return `${trimmed.length} bytes starting "${trimmed.slice(0, 40).replace(/\s+/g, ' ')}"`
}

function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 300_000)
  const date = Date.parse(value)
  if (Number.isFinite(date)) return Math.max(0, Math.min(date - now, 300_000))
  return undefined
}

function withRetryAfter(err: CloudflareApiError, retryAfter: string | undefined): CloudflareApiError {
  const ms = parseRetryAfter(retryAfter, Date.now())
  if (ms !== undefined) Object.assign(err, { retryAfterMs: ms })
  return err
}

export function isRetryable(err: CloudflareApiError): boolean {
  if (err.kind === 'network' || err.kind === 'timeout') return true
  if (err.kind === 'invalid-response') return false
  const s = err.status ?? 0
  return s === 429 || s >= 500
}

function retryReason(err: CloudflareApiError): string {
  if (err.kind === 'timeout') return 'timed out'
  if (err.kind === 'network') return err.message
  return `HTTP ${err.status ?? '?'}${err.errors.length ? ` (${err.errors.map((e) => e.code).join(', ')})` : ''}`
}

function isUndiciTimeout(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | null)?.code
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT'
}

/** undici says "fetch failed" or "other side closed"; dig out the cause that names the problem. */
function networkMessage(cause: unknown): string {
  const parts: string[] = []
  let c: unknown = cause
  for (let depth = 0; c && depth < 4; depth++) {
    const e = c as { code?: unknown; message?: unknown; cause?: unknown }
    const piece = [typeof e.code === 'string' ? e.code : '', typeof e.message === 'string' ? e.message : '']
      .filter(Boolean)
      .join(' ')
    if (piece && !parts.includes(piece)) parts.push(piece)
    c = e.cause
  }
  return parts.join(': ') || 'connection failed'
}
