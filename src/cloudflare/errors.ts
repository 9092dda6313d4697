import type { ApiMessage } from './schemas.js'

export type ApiErrorKind =
  | 'api' // Cloudflare answered with success: false (or a non-2xx status)
  | 'network' // the connection failed or was reset
  | 'timeout' // no complete answer within timeout-seconds
  | 'invalid-response' // a 2xx whose body is not the JSON we expect

/** Everything we know about a failed API call, for one actionable line. */
export class CloudflareApiError extends Error {
  readonly kind: ApiErrorKind
  readonly status: number | undefined
  readonly errors: ApiMessage[]
  readonly method: string
  readonly path: string
  /** Set by the HTTP layer once retries are over. */
  attempts: number
  /**
   * Set by the HTTP layer: an earlier attempt of this call failed in a way that leaves open whether
   * the server carried it out (lost connection, timeout, 5xx). A DELETE that then meets 1472 has
   * most likely deleted the certificate on that earlier attempt.
   */
  priorOutcomeUnknown = false
  /** The per-request timeout, for timeout errors. */
  readonly timeoutMs: number | undefined
  /** The proxy the request went through (its URL without password, and the variable that named it). */
  readonly proxy: string | undefined

  constructor(init: {
    kind: ApiErrorKind
    message: string
    method: string
    path: string
    status?: number
    errors?: ApiMessage[]
    attempts?: number
    timeoutMs?: number
    proxy?: string
  }) {
    super(init.message)
    this.name = 'CloudflareApiError'
    this.kind = init.kind
    this.status = init.status
    this.errors = init.errors ?? []
    this.method = init.method
    this.path = init.path
    this.attempts = init.attempts ?? 1
    this.timeoutMs = init.timeoutMs
    this.proxy = init.proxy
  }

  get codes(): number[] {
    return this.errors.map((e) => e.code)
  }

  hasCode(code: number): boolean {
    return this.errors.some((e) => e.code === code)
  }
}

/** What the caller was doing, so an error can say which permission or id is involved. */
export interface ErrorContext {
  action: string // e.g. 'list certificates', 'delete certificate 1a2b…'
  accountId: string
  certificateId?: string
  permission: 'Read' | 'Edit'
}

const PERMISSION = 'Account · SSL and Certificates'
const ZONE_PERMISSION = 'Zone · SSL and Certificates'

function codesText(err: CloudflareApiError): string {
  if (err.errors.length === 0) return ''
  return err.errors
    .slice(0, 5)
    .map((e) => `${e.code}: ${e.message}`)
    .join('; ')
}

function attemptsText(err: CloudflareApiError): string {
  return err.attempts > 1 ? ` after ${err.attempts} attempts` : ''
}

/** Turns a failed call into one line that says what happened and how to fix it. */
export function describeApiError(err: CloudflareApiError, ctx: ErrorContext): string {
  const where = `Could not ${ctx.action}`
  const codes = codesText(err)
  const status = err.status !== undefined ? `HTTP ${err.status}` : ''
  const detail = [status, codes].filter(Boolean).join(', ')

  // err.path is the URL's pathname as sent (`/client/v4/zones/…`, or under a proxy's prefix), not the relative path.
  const zone = /(?:^|\/)zones\/([^/]+)\/certificate_authorities\//.exec(err.path)?.[1]
  if (zone !== undefined && (err.hasCode(10000) || err.status === 403)) {
    // A zone endpoint: the account permission is not enough, the token needs the zone's own.
    const permission = err.method === 'GET' && ctx.permission === 'Read' ? 'Read' : 'Edit'
    return `${where}: Cloudflare refused ${err.method} of the hostname associations of zone ${decodeURIComponent(zone)} (${detail}). The API token needs the permission "${ZONE_PERMISSION} · ${permission}" on zone ${decodeURIComponent(zone)} (besides "${PERMISSION} · ${ctx.permission}" on account ${ctx.accountId}); BYO CA for mTLS on hostnames may also need a plan that includes it.`
  }
  if (err.hasCode(10000)) {
    return `${where}: Cloudflare rejected the credentials (${detail}). Check that the API token is valid, belongs to account ${ctx.accountId}, and has the permission "${PERMISSION} · ${ctx.permission}".`
  }
  if (err.hasCode(9106) || err.hasCode(6003) || err.hasCode(6111) || err.hasCode(6103)) {
    return `${where}: Cloudflare received no usable credentials (${detail}). Set the api-token input (or CLOUDFLARE_API_TOKEN), or api-key with api-email.`
  }
  if (err.hasCode(1472)) {
    const id = ctx.certificateId ? ` ${ctx.certificateId}` : ''
    return `${where}: certificate${id} was not found in account ${ctx.accountId} (${detail}). Check certificate-id, or run operation: list to see the account's certificates.`
  }
  if (err.hasCode(1471)) {
    return `${where}: an identical certificate is already uploaded to account ${ctx.accountId} (${detail}). Use its existing id (operation: list shows it).`
  }
  if (err.hasCode(1489)) {
    return `${where}: the account already has the maximum number of CA certificates (${detail}). Delete an unused CA certificate first (operation: list with type: custom shows them).`
  }
  if (err.hasCode(971) || err.status === 429) {
    return `${where}: Cloudflare rate-limited the requests${attemptsText(err)} (${detail}). The API allows 1,200 requests per 5 minutes per token; wait and re-run, or raise max-retries.`
  }
  switch (err.kind) {
    case 'timeout': {
      const within = err.timeoutMs !== undefined ? `within ${err.timeoutMs / 1000} s (timeout-seconds)` : 'within the timeout'
      const via = err.proxy ? ` through the proxy ${err.proxy}` : ''
      return `${where}: ${err.method} ${err.path} got no answer ${within}${via}${attemptsText(err)}. Raise timeout-seconds or max-retries, or check the network and proxy settings.`
    }
    case 'network':
      return `${where}: ${err.method} ${err.path} failed${attemptsText(err)}: ${err.message}. Check the network, api-base-url and proxy settings.`
    case 'invalid-response':
      return `${where}: ${err.method} ${err.path} answered with something Cloudflare's API does not send${attemptsText(err)}: ${err.message}. Check api-base-url (and any proxy in between).`
    default:
      // Without Cloudflare's codes (an HTML page from the edge, say), the message is all we know.
      return `${where}: Cloudflare answered ${codes ? detail : err.message || detail || 'with an error'}${attemptsText(err)}.`
  }
}
