import { getOctokit } from '@actions/github'
import { defaults as githubDefaults } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import type { Logger } from '../operations/types.js'
import { GitHubError, oneLine } from './types.js'

/**
 * How @actions/github's Octokit survives GitHub's bad minutes and hostile answers, on Octokit's own
 * plugins rather than loops of our own:
 * - @octokit/plugin-retry repeats a request that failed with 5xx, a timeout or a network error
 *   (its backoff: 1, 4, 9 … s);
 * - @octokit/plugin-throttling waits out a secondary rate limit (403 or 429 with retry-after) and
 *   a spent primary one (x-ratelimit-remaining: 0), and spaces writes as GitHub asks;
 * - a hook of ours (innermost, so it sees every attempt) announces each wait through the Logger,
 *   refuses a wait that does not fit the request's budget, never repeats a write whose outcome is
 *   unknown without looking first, and a fetch of ours gives each attempt a deadline and reads at
 *   most MAX_ANSWER_BYTES of an answer.
 */

/** Far above the largest real answer (a page of 100 files or comments); a hostile server or proxy gets no further. */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024

export interface TransportSettings {
  /** timeout-seconds: the deadline of each attempt. */
  timeoutMs: number
  /** max-retries: how often one request is tried again. */
  maxRetries: number
}

/** A request option of ours: before repeating a write whose answer was lost, look whether it was done. */
export type LookFirst = () => Promise<{ status: number; url: string; data: unknown } | undefined>

type OctokitPlugin = NonNullable<Parameters<typeof getOctokit>[2]>

/** What plugin-retry leaves to a 4xx (the request was refused, repeating cannot help); 429 goes to the throttling plugin. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451]

interface RequestState {
  started: number
  /** The last attempt of a write failed in a way that leaves open whether GitHub did it. */
  outcomeUnknown: boolean
  /** Why the request was not tried again although its error would allow it; ends the error's line. */
  gaveUp?: string
  /** The error is the look's, not this request's: its status says nothing of this request (nor of the token's permissions). */
  lookFailed?: boolean
}

/** What the hooks see of a request: Octokit's options before its route is filled in, and the parser that fills it. */
type Endpoint = { parse: (options: never) => { method: string; url: string; body?: unknown } }

export function createOctokit(token: string, log: Logger, settings: TransportSettings) {
  const { timeoutMs, maxRetries } = settings
  // The longest one request may take: what max-retries + 1 attempts take when each runs out of
  // time. A wait that does not fit in what is left is not waited (GitHub asks for 60 s at times).
  const budgetMs = timeoutMs * (maxRetries + 1)
  const states = new WeakMap<object, RequestState>()
  const stateOf = (options: object): RequestState => {
    let s = states.get(options)
    if (!s) states.set(options, (s = { started: Date.now(), outcomeUnknown: false }))
    return s
  }
  const baseFetch = (githubDefaults.request?.fetch ?? fetch) as typeof fetch
  const apiUrl = githubDefaults.baseUrl ?? 'https://api.github.com'

  /**
   * Waits announced and bounded: the throttling plugin asks before it waits out a rate limit.
   * `retryAfter` is GitHub's retry-after (or the reset time of x-ratelimit-reset) in seconds.
   */
  const waitForLimit = (kind: string) => (retryAfter: number, options: object, octokit: { request: { endpoint: Endpoint } }, retryCount: number) => {
    const state = stateOf(options)
    const what = describeRequest(octokit.request.endpoint, options)
    if (retryCount >= maxRetries) {
      state.gaveUp = `still limited after ${maxRetries} retr${maxRetries === 1 ? 'y' : 'ies'} (max-retries)`
      return false
    }
    const left = budgetMs - (Date.now() - state.started)
    if (retryAfter * 1000 > left) {
      state.gaveUp = `GitHub asked to wait ${retryAfter} s, more than the ${Math.max(0, Math.floor(left / 1000))} s left of this request's ${budgetMs / 1000} s (timeout-seconds × (max-retries + 1)); not waited`
      log.info(`${what}: ${kind}; GitHub asks to wait ${retryAfter} s, which does not fit in the ${Math.max(0, Math.floor(left / 1000))} s left, so the request fails`)
      return false
    }
    log.info(`${what}: ${kind}; waiting ${retryAfter} s as GitHub asks (retry ${retryCount + 1} of ${maxRetries})`)
    return true
  }

  /** Innermost: sees every attempt, before plugin-retry decides on it. */
  const attempts: OctokitPlugin = (octokit) => {
    octokit.hook.wrap('request', async (request, options) => {
      const state = stateOf(options)
      const req = (options.request ??= {})
      const lookFirst = req.lookFirst as LookFirst | undefined
      const what = describeRequest(octokit.request.endpoint, options)
      const repeatable = isRepeatable(octokit.request.endpoint, options)
      if (state.outcomeUnknown && lookFirst) {
        let found: Awaited<ReturnType<LookFirst>>
        try {
          found = await lookFirst()
        } catch (e) {
          // Not knowing whether the write was done, it is not done again.
          req.retries = 0
          state.gaveUp = 'could not look whether the earlier attempt had been done, so it was not sent again'
          state.lookFailed = true
          throw e
        }
        if (found) {
          log.info(`${what}: the earlier attempt had been done after all; not sent again`)
          return found as Awaited<ReturnType<typeof request>>
        }
      }
      try {
        return await request(options)
      } catch (e) {
        const err = e as { status?: unknown; request?: unknown; response?: unknown; cause?: unknown; message?: unknown }
        const status = typeof err.status === 'number' ? err.status : 0
        if (err.cause instanceof AnswerTooLarge) {
          // Asking again would read as much again.
          req.retries = 0
          throw e
        }
        // The same test as plugin-retry's (a RequestError of 5xx, or of a request that got no answer).
        const retryable = err.request !== undefined && status >= 400 && !DO_NOT_RETRY.includes(status)
        const retryCount = typeof req.retryCount === 'number' ? req.retryCount : 0
        const retries = typeof req.retries === 'number' ? req.retries : maxRetries
        if (!retryable || retryCount >= retries) throw e
        if (!repeatable && !lookFirst) {
          // A write that may have been done is never repeated blind.
          req.retries = 0
          throw e
        }
        // plugin-retry's backoff: (retryCount + 1)² × retryAfterBaseValue (1 s).
        const delayMs = (retryCount + 1) ** 2 * 1000
        const left = budgetMs - (Date.now() - state.started)
        const reason = err.response === undefined ? describeError(err) : `HTTP ${status}`
        if (delayMs > left) {
          req.retries = 0
          state.gaveUp = `the next retry would wait ${delayMs / 1000} s, more than the ${Math.max(0, Math.floor(left / 1000))} s left of this request's ${budgetMs / 1000} s (timeout-seconds × (max-retries + 1))`
          throw e
        }
        if (!repeatable) state.outcomeUnknown = true
        const looks = repeatable ? '' : ', looking first whether it was done'
        log.info(`${what}: ${reason}; retry ${retryCount + 1} of ${retries} in ${delayMs / 1000} s${looks}`)
        throw e
      }
    })
    return {}
  }

  const octokit = getOctokit(
    token,
    {
      userAgent: 'cloudflare-mtls-certificates-action',
      // Octokit's own notices (deprecations) belong in the debug log, not among the findings.
      log: { debug: (m: string) => log.debug(m), info: (m: string) => log.debug(m), warn: (m: string) => log.debug(m), error: (m: string) => log.debug(m) },
      request: { ...githubDefaults.request, fetch: boundedFetch(baseFetch, apiUrl, timeoutMs) },
      retry: { retries: maxRetries, doNotRetry: DO_NOT_RETRY },
      throttle: {
        onSecondaryRateLimit: waitForLimit('secondary rate limit'),
        onRateLimit: waitForLimit('rate limit spent (x-ratelimit-remaining: 0)')
      }
    },
    attempts,
    retry,
    throttling
  )
  // Outermost: the error a caller sees says why the request was not tried again, when it was not.
  octokit.hook.wrap('request', async (request, options) => {
    // A request without options of its own shares Octokit's default `request` object, and the
    // plugins write their retry counts into it: each request gets its own copy (a copy of the
    // whole options would lose the route).
    options.request = { ...options.request }
    try {
      return await request(options)
    } catch (e) {
      const state = states.get(options)
      if (!state?.gaveUp) throw e
      const err = e as { status?: unknown; response?: unknown }
      const status = typeof err.status === 'number' && err.response !== undefined && !state.lookFailed ? err.status : undefined
      throw new GitHubError(status, `${messageOf(e)}; ${state.gaveUp}`)
    }
  })
  return octokit
}

export type GitHubOctokit = ReturnType<typeof createOctokit>

/** The message of a failed request, our own transport errors unwrapped from Octokit's RequestError. */
export function messageOf(e: unknown): string {
  const cause = (e as { cause?: unknown }).cause
  if (cause instanceof GitHubError) return cause.message
  return oneLine(e instanceof Error ? e.message : String(e))
}

/** GET, PUT, DELETE and a PATCH without annotations do the same when repeated; a POST, or a PATCH that appends annotations, does not. */
function isRepeatable(endpoint: Endpoint, options: object): boolean {
  const { method, body } = endpoint.parse(options as never)
  if (method === 'POST') return false
  if (method === 'PATCH') {
    const annotations = (body as { output?: { annotations?: unknown } } | undefined)?.output?.annotations
    return !Array.isArray(annotations) || annotations.length === 0
  }
  return true
}

/** `POST /repos/acme/pki/check-runs`: the route filled in, no query. */
function describeRequest(endpoint: Endpoint, options: object): string {
  const { method, url } = endpoint.parse(options as never)
  return `${method} ${pathOf(url)}`
}

function pathOf(url: string): string {
  try {
    return oneLine(new URL(url).pathname)
  } catch {
    return oneLine(url.replace(/[?#].*$/, ''))
  }
}

function describeError(err: { cause?: unknown; message?: unknown }): string {
  if (err.cause instanceof TransportError) return err.cause.reason
  return oneLine(typeof err.message === 'string' ? err.message : 'no answer')
}

/** A request that got no (whole) answer: the line names the request; `reason` is what went wrong, for the retry's line. */
class TransportError extends GitHubError {
  constructor(
    message: string,
    readonly reason: string
  ) {
    super(undefined, message)
  }
}

/** An answer past MAX_ANSWER_BYTES: not read further, and not asked for again. */
class AnswerTooLarge extends TransportError {}

/**
 * The fetch under Octokit: @actions/github's (its proxy settings) with a deadline for each attempt
 * (headers and body) and an answer read to at most MAX_ANSWER_BYTES. Octokit reads a body that
 * fails half-way as an empty one rather than failing, so the body is read here, whole, first.
 */
function boundedFetch(base: typeof fetch, apiUrl: string, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const method = (init?.method ?? 'GET').toUpperCase()
    const where = `${method} ${pathOf(url)}`
    const deadline = AbortSignal.timeout(timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline
    const late = () =>
      new TransportError(`no answer from GitHub within ${timeoutMs / 1000} s (${method} ${url.replace(/[?#].*$/, '')})`, `no answer within ${timeoutMs / 1000} s`)
    let response: Response
    try {
      response = await base(input, { ...init, signal })
    } catch (e) {
      if (deadline.aborted) throw late()
      const reason = networkReason(e)
      throw new TransportError(
        `could not reach GitHub's API: ${reason} (${method} ${originOf(url)}${pathOf(url)}); check GITHUB_API_URL (${originOf(apiUrl)}${pathOf(apiUrl).replace(/\/$/, '')}), the proxy variables (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and the network`,
        reason
      )
    }
    const tooLarge = () => new AnswerTooLarge(`GitHub's answer to ${where} is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB; not read further`, 'answer too large')
    const declared = Number(response.headers.get('content-length'))
    if (Number.isFinite(declared) && declared > MAX_ANSWER_BYTES) {
      await response.body?.cancel().catch(() => {})
      throw tooLarge()
    }
    const chunks: Uint8Array[] = []
    let size = 0
    if (response.body) {
      const reader = (response.body as ReadableStream<Uint8Array>).getReader()
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          size += value.byteLength
          if (size > MAX_ANSWER_BYTES) {
            await reader.cancel().catch(() => {})
            throw tooLarge()
          }
          chunks.push(value)
        }
      } catch (e) {
        if (e instanceof AnswerTooLarge) throw e
        if (deadline.aborted) throw late()
        const reason = networkReason(e)
        throw new TransportError(`GitHub's answer to ${where} broke off: ${reason}`, `answer broke off (${reason})`)
      }
    }
    const empty = response.status === 204 || response.status === 205 || response.status === 304
    const copy = new Response(empty ? null : Buffer.concat(chunks), { status: response.status, statusText: response.statusText, headers: response.headers })
    Object.defineProperty(copy, 'url', { value: response.url })
    return copy
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return '(not a URL)'
  }
}

/** undici says "fetch failed" and keeps the reason in its cause (a code such as ECONNREFUSED, or "bad port"). */
function networkReason(e: unknown): string {
  let reason: unknown = e
  for (let i = 0; i < 4 && reason instanceof Error && reason.cause !== undefined; i++) reason = reason.cause
  if (reason instanceof Error) {
    const code = (reason as { code?: unknown }).code
    const message = oneLine(reason.message)
    return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message
  }
  return oneLine(String(reason))
}
