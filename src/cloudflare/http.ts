import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici'
import { CloudflareApiError } from './errors.js'
import { EnvelopeSchema, type ResponseSchema, type ResultInfo } from './schemas.js'

export type Auth = { kind: 'token'; token: string } | { kind: 'key'; key: string; email: string }

export interface HttpClientOptions {
  baseUrl: string
  auth: Auth
  timeoutMs: number
  maxRetries: number
  userAgent?: string
  /**
   * Injected for tests: every request then goes through this undici dispatcher. Without it, the
   * client makes its own EnvHttpProxyAgent: direct with keep-alive, or through the proxy that
   * HTTPS_PROXY / HTTP_PROXY name for the URL, unless NO_PROXY exempts it.
   */
  dispatcher?: Dispatcher
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  now?: () => number
  /** The largest answer read (MAX_ANSWER_BYTES); smaller in tests. */
  maxAnswerBytes?: number
  /** Called before each retry, so the log can say why we wait. */
  onRetry?: (info: { method: string; path: string; attempt: number; delayMs: number; reason: string }) => void
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface RequestOptions<T> {
  query?: Record<string, string | number | undefined>
  body?: unknown
  schema: ResponseSchema<T>
  /** POST is not idempotent: the caller decides whether a lost answer may be retried. */
  retry?: boolean
  /**
   * Called once a 2xx answer has been read in full, before it is parsed: this request is off the
   * wire for good (a 2xx is never retried, whatever its body), so a caller that caps the requests
   * in flight can start the next one while this one is parsed.
   */
  onReceived?: () => void
}

export interface ApiResponse<T> {
  result: T
  resultInfo: ResultInfo | undefined
  status: number
}

/**
 * The largest answer this action reads: far above the largest real page (50 certificates with
 * their PEM are well under 1 MiB), far below what would exhaust the runner's memory.
 */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024

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
  /** Set by close(): no new attempt starts, waits end, and requests still in flight are aborted. */
  private closed = false
  /** Cancels each request in flight (aborts it and stops waiting for it). */
  private readonly inFlight = new Set<() => void>()
  private readonly wakeOnClose = new AbortController()
  requestCount = 0

  constructor(private readonly options: HttpClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`)
    this.dispatcher = options.dispatcher ?? new EnvHttpProxyAgent()
    this.sleep = options.sleep ?? defaultSleep
    this.random = options.random ?? Math.random
    this.now = options.now ?? Date.now
  }

  /**
   * Ends the client. An operation that failed may leave sibling requests (other pages) running or
   * waiting to retry: they stop here instead of retrying against a closed connection pool and
   * keeping the process alive for their backoff.
   */
  async close(): Promise<void> {
    this.closed = true
    this.wakeOnClose.abort()
    for (const cancel of this.inFlight) cancel()
    // destroy, not close: close() would wait for what is still pending, such as a CONNECT to a
    // proxy that never answers (undici gives that up only after 300 s, whatever the signal says).
    // An injected dispatcher belongs to whoever injected it.
    if (!this.options.dispatcher) await this.dispatcher.destroy()
  }

  async call<T>(method: Method, path: string, opts: RequestOptions<T>): Promise<ApiResponse<T>> {
    // A POST is not repeated here: its answer may be lost after it was stored (the caller looks
    // before trying again). A 429 is the exception: Cloudflare refused it before doing anything.
    const idempotent = opts.retry ?? method !== 'POST'
    const maxAttempts = this.options.maxRetries + 1
    let priorOutcomeUnknown = false
    for (let attempt = 1; ; attempt++) {
      await this.waitForPause()
      this.throwIfClosed(method, path)
      try {
        return await this.once(method, path, opts)
      } catch (err) {
        if (!(err instanceof CloudflareApiError)) throw err
        redact(err, this.secretsOf(opts.body))
        err.attempts = attempt
        err.priorOutcomeUnknown = priorOutcomeUnknown
        const retryable = isRetryable(err) && (idempotent || err.status === 429)
        if (!retryable || attempt >= maxAttempts || this.closed) throw err
        priorOutcomeUnknown ||= outcomeUnknown(err)
        const delayMs = this.retryDelay(err, attempt)
        this.options.onRetry?.({ method, path, attempt, delayMs, reason: retryReason(err) })
        if (err.status === 429) this.pausedUntil = Math.max(this.pausedUntil, this.now() + delayMs)
        else await this.pause(delayMs)
      }
    }
  }

  /**
   * What must never reach a log line, even if a server (or a proxy) echoes it back in an error:
   * the credentials, the private key we sent, a proxy password.
   */
  private secretsOf(body: unknown): string[] {
    const auth = this.options.auth
    const out = auth.kind === 'token' ? [auth.token] : [auth.key, auth.email]
    const key = (body as { private_key?: unknown } | null | undefined)?.private_key
    if (typeof key === 'string') {
      out.push(key.trim())
      for (const line of key.split(/\r?\n/)) {
        const t = line.trim()
        if (t.length >= 8 && !t.startsWith('-----')) out.push(t)
      }
    }
    if (!this.options.dispatcher) {
      for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) {
        const password = proxyPassword(process.env[name])
        if (password) out.push(password, encodeURIComponent(password))
      }
    }
    // Longest first, so a secret that contains another is replaced whole.
    return out.filter((x) => x.length >= 4).sort((a, b) => b.length - a.length)
  }

  private throwIfClosed(method: Method, path: string): void {
    if (!this.closed) return
    throw new CloudflareApiError({ kind: 'network', message: 'cancelled: the operation had already failed', method, path })
  }

  /** Sleeps, but wakes at once when the client is closed. */
  private async pause(ms: number): Promise<void> {
    if (this.closed || ms <= 0) return
    const wake = this.wakeOnClose.signal
    let onClose = (): void => {}
    const closed = new Promise<void>((resolve) => {
      onClose = resolve
      wake.addEventListener('abort', onClose, { once: true })
    })
    try {
      await Promise.race([this.sleep(ms), closed])
    } finally {
      // Many pauses in one run (pages, retries) must not pile up listeners on the one signal.
      wake.removeEventListener('abort', onClose)
    }
  }

  private async waitForPause(): Promise<void> {
    for (;;) {
      const wait = this.pausedUntil - this.now()
      if (wait <= 0 || this.closed) return
      await this.pause(wait)
    }
  }

  private retryDelay(err: CloudflareApiError & { retryAfterMs?: number }, attempt: number): number {
    if (err.retryAfterMs !== undefined) return err.retryAfterMs
    // Full jitter keeps concurrent page fetches from retrying in lock-step.
    const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempt - 1))
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2)
  }

  /** The path as sent (under api-base-url's own path), for error lines about a request. */
  requestPath(path: string): string {
    return this.url(path, undefined).pathname
  }

  private url(path: string, query: RequestOptions<unknown>['query']): URL {
    const url = new URL(path.replace(/^\//, ''), this.base)
    // Paths come from apiPath, whose segments cannot climb; this is the last check before the
    // credentials are sent: the request stays on api-base-url's origin, under its path.
    if (url.origin !== this.base.origin || !url.pathname.startsWith(this.base.pathname)) {
      throw new Error(`refusing a request outside api-base-url: ${url.pathname.slice(0, 80)}`)
    }
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v))
    }
    return url
  }

  private headers(hasBody: boolean): Record<string, string> {
    const h: Record<string, string> = {
      'accept': 'application/json',
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
    let timedOut = false
    // Our own deadline, raced against undici's: undici does not always honour the abort
    // signal (a request waiting for a proxy's CONNECT answer ignores it), and a hung request must
    // not hang the run.
    let stop: (reason: Error) => void = () => {}
    const stopped = new Promise<never>((_, reject) => {
      stop = reject
    })
    stopped.catch(() => {})
    const cancel = (): void => {
      controller.abort()
      stop(new Error('cancelled'))
    }
    const timer = setTimeout(() => {
      timedOut = true
      cancel()
    }, this.options.timeoutMs)
    this.inFlight.add(cancel)
    this.requestCount++
    const proxy = this.options.dispatcher ? undefined : proxyFor(url, process.env)
    let status: number
    let text: string
    let retryAfter: string | undefined
    try {
      const pending = request(url, {
        dispatcher: this.dispatcher,
        method,
        headers: this.headers(hasBody),
        body: hasBody ? JSON.stringify(opts.body) : undefined,
        signal: controller.signal,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs
      }).then(async (res) => {
        const ra = res.headers['retry-after']
        const text = await readLimited(res, this.options.maxAnswerBytes ?? MAX_ANSWER_BYTES, method, url.pathname)
        return { status: res.statusCode, retryAfter: Array.isArray(ra) ? ra[0] : ra, text }
      })
      // If it fails after we stopped waiting, nobody is listening any more.
      pending.catch(() => {})
      const res = await Promise.race([pending, stopped])
      status = res.status
      retryAfter = res.retryAfter
      text = res.text
    } catch (cause) {
      // An answer over the size limit: said as such, not as a network failure.
      if (cause instanceof CloudflareApiError) throw cause
      if (this.closed && !timedOut) {
        throw new CloudflareApiError({ kind: 'network', message: 'cancelled: the operation had already failed', method, path: url.pathname })
      }
      const isTimeout = timedOut || isUndiciTimeout(cause)
      // When a proxy is in the way, say so: its refusal or silence looks like the API's otherwise.
      const via = proxy ? ` (through the proxy ${proxy})` : ''
      throw new CloudflareApiError({
        kind: isTimeout ? 'timeout' : 'network',
        message: (isTimeout ? `no answer within ${this.options.timeoutMs / 1000} s` : networkMessage(cause)) + via,
        method,
        path: url.pathname,
        timeoutMs: this.options.timeoutMs,
        ...(proxy ? { proxy } : {})
      })
    } finally {
      clearTimeout(timer)
      this.inFlight.delete(cancel)
    }
    if (opts.onReceived && status >= 200 && status < 300) opts.onReceived()
    // undici gives the connection back to its pool a tick after the body has been read: a request
    // sent before then (the next pages, right after page 1) would open a new connection instead of
    // reusing this one. Parsing is synchronous, so this also lets a caller's next request go first.
    await new Promise<void>((resolve) => setImmediate(resolve))
    return parseResponse({ method, path: url.pathname, status, text, retryAfter, now: Date.now() }, opts.schema)
  }
}

/**
 * Reads an answer's body as it arrives, counting bytes, and stops past `limit`: a hostile or broken
 * server's endless (or 400 MiB) answer ends in one error line, not in the runner's memory.
 */
async function readLimited(res: Dispatcher.ResponseData, limit: number, method: string, path: string): Promise<string> {
  const tooLarge = (): CloudflareApiError => {
    res.body.destroy()
    return new CloudflareApiError({
      kind: 'invalid-response',
      message: `HTTP ${res.statusCode} with an answer larger than ${formatBytes(limit)}, the most this action reads: stopped reading it`,
      method,
      path,
      status: res.statusCode
    })
  }
  const declared = Number(res.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) throw tooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw tooLarge()
    chunks.push(chunk)
  }
  return new TextDecoder().decode(Buffer.concat(chunks, size))
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`
}

/** What came back for one request, before it is understood. */
export interface RawResponse {
  method: string
  path: string
  status: number
  text: string
  retryAfter?: string | undefined
  /** For an HTTP-date Retry-After. */
  now?: number
}

/**
 * Turns any answer into a typed result or a CloudflareApiError: never another exception, never
 * an `undefined` where the schema promised a value. Pure, so it is fuzzed directly.
 */
export function parseResponse<T>(raw: RawResponse, schema: ResponseSchema<T>): ApiResponse<T> {
  const { method, path, status, text, retryAfter } = raw
  const now = raw.now ?? Date.now()
  const ok = status >= 200 && status < 300
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    const err = new CloudflareApiError({
      kind: ok ? 'invalid-response' : 'api',
      message: `HTTP ${status} with a body that is not JSON (${describeBody(text)})`,
      method,
      path,
      status
    })
    throw withRetryAfter(err, retryAfter, now)
  }
  const envelope = EnvelopeSchema.safeParse(json)
  if (!envelope.success) {
    const err = new CloudflareApiError({
      kind: ok ? 'invalid-response' : 'api',
      message: `HTTP ${status} with JSON that is not Cloudflare's envelope (${firstIssue(envelope.error, [])})`,
      method,
      path,
      status
    })
    throw withRetryAfter(err, retryAfter, now)
  }
  const env = envelope.data
  if (!env.success || !ok) {
    // The server's words end up in the one error line: one line, of a bounded length.
    const errors = env.errors.map((e) => ({ ...e, message: oneLine(e.message, 200) }))
    const err = new CloudflareApiError({
      kind: 'api',
      message:
        errors
          .slice(0, 5)
          .map((e) => `${e.code}: ${e.message}`)
          .join('; ') || `HTTP ${status}`,
      method,
      path,
      status,
      errors
    })
    throw withRetryAfter(err, retryAfter, now)
  }
  const result = schema.safeParse(env.result)
  if (!result.success) {
    throw new CloudflareApiError({
      kind: 'invalid-response',
      message: `HTTP ${status} whose result does not have the expected shape (${firstIssue(result.error, ['result'])})`,
      method,
      path,
      status
    })
  }
  return { result: result.data, resultInfo: env.result_info, status }
}

/** The first problem, named by where it is in the answer: `result[3].id`, `result_info.total_pages`. */
function firstIssue(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }, root: string[]): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid'
  const path = [...root, ...issue.path]
  const at = path.length > 0 ? oneLine(fieldPath(path), 80) : 'body'
  return `${at}: ${oneLine(issue.message, 120)}`
}

/** ['result', 3, 'id'] → result[3].id */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('')
}

/** Text from the server, fit for a log line: no line breaks or control characters, at most `max` characters. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

function describeBody(text: string): string {
  const trimmed = text.trim()
  if (trimmed === '') return 'empty body'
  if (/^<(!doctype|html)/i.test(trimmed)) {
    const title = /<title>([^<]*)<\/title>/i.exec(trimmed.slice(0, 4096))?.[1]
    return title?.trim() ? `an HTML page: "${oneLine(title, 80)}"` : 'an HTML page'
  }
  return `${trimmed.length} bytes starting "${oneLine(trimmed.slice(0, 40), 40)}"`
}

function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 300_000)
  const date = Date.parse(value)
  if (Number.isFinite(date)) return Math.max(0, Math.min(date - now, 300_000))
  return undefined
}

function withRetryAfter(err: CloudflareApiError, retryAfter: string | undefined, now: number): CloudflareApiError {
  const ms = parseRetryAfter(retryAfter, now)
  if (ms !== undefined) Object.assign(err, { retryAfterMs: ms })
  return err
}

export function isRetryable(err: CloudflareApiError): boolean {
  if (err.kind === 'network' || err.kind === 'timeout') return true
  if (err.kind === 'invalid-response') return false
  const s = err.status ?? 0
  return s === 429 || s >= 500
}

/**
 * The proxy undici's EnvHttpProxyAgent uses for this URL, as `url (VARIABLE)` with any password
 * hidden, or undefined when it goes direct. undici routes the request; this only lets an error
 * line name the proxy, whose refusal or silence looks like the API's otherwise. Mirrors undici 7: lower-case variables win,
 * an https URL falls back to HTTP_PROXY, NO_PROXY matches a host, a domain suffix or `*`.
 */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): string | undefined {
  const pick = (lower: string, upper: string): [string, string] | undefined => {
    const value = env[lower] ?? env[upper]
    return value ? [value, env[lower] !== undefined ? lower : upper] : undefined
  }
  const http = pick('http_proxy', 'HTTP_PROXY')
  const chosen = url.protocol === 'https:' ? (pick('https_proxy', 'HTTPS_PROXY') ?? http) : http
  if (!chosen) return undefined
  const noProxy = env.no_proxy ?? env.NO_PROXY ?? ''
  const host = url.host.replace(/:\d*$/, '').toLowerCase()
  const port = Number.parseInt(url.port, 10) || (url.protocol === 'https:' ? 443 : 80)
  const entries = noProxy.split(/[,\s]/).filter(Boolean)
  if (noProxy === '*') return undefined
  for (const entry of entries) {
    const m = /^(.+):(\d+)$/.exec(entry)
    const name = (m?.[1] ?? entry).replace(/^\*?\./, '').toLowerCase()
    // Port 0 (or none) means any port, as in undici.
    if (m && Number(m[2]) !== 0 && Number(m[2]) !== port) continue
    if (host === name || host.endsWith(`.${name}`)) return undefined
  }
  return `${withoutPassword(chosen[0])} (${chosen[1]})`
}

function withoutPassword(url: string): string {
  try {
    const u = new URL(url)
    const user = u.username ? `${u.username}${u.password ? ':***' : ''}@` : ''
    return `${u.protocol}//${user}${u.host}`
  } catch {
    return 'a proxy URL that does not parse'
  }
}

function proxyPassword(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return decodeURIComponent(new URL(url).password) || undefined
  } catch {
    return undefined
  }
}

/** Replaces every secret in the error's text with ***. */
function redact(err: CloudflareApiError, secrets: string[]): void {
  const clean = (text: string): string => secrets.reduce((t, x) => t.split(x).join('***'), text)
  err.message = clean(err.message)
  for (const e of err.errors) e.message = clean(e.message)
}

/** An attempt whose request may have been carried out although we did not hear so. */
function outcomeUnknown(err: CloudflareApiError): boolean {
  return err.kind === 'network' || err.kind === 'timeout' || (err.status ?? 0) >= 500
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
  // undici's word for a connection that ended before the answer did.
  if ((cause as { code?: unknown } | null)?.code === 'UND_ERR_SOCKET') parts.push('the connection closed before the whole answer arrived')
  let c: unknown = cause
  for (let depth = 0; c && depth < 4; depth++) {
    const e = c as { code?: unknown; message?: unknown; cause?: unknown }
    const piece = [typeof e.code === 'string' ? e.code : '', typeof e.message === 'string' ? e.message : ''].filter(Boolean).join(' ')
    if (piece && !parts.includes(piece)) parts.push(piece)
    c = e.cause
  }
  return parts.join(': ') || 'connection failed'
}
