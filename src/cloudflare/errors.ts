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

  constructor(init: {
    kind: ApiErrorKind
    message: string
    method: string
    path: string
    status?: number
    errors?: ApiMessage[]
    attempts?: number
  }) {
    super(init.message)
    this.name = 'CloudflareApiError'
    this.kind = init.kind
    this.status = init.status
    this.errors = init.errors ?? []
    this.method = init.method
    this.path = init.path
    this.attempts = init.attempts ?? 1
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

function codesText(err: CloudflareApiError): string {
  if (err.errors.length === 0) return ''
  return err.errors.map((e) => `${e.code}: ${e.message}`).join('; ')
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
    case 'timeout':
      return `${where}: ${err.method} ${err.path} got no answer within the timeout${attemptsText(err)}. Raise timeout-seconds or max-retries, or check the network and proxy settings.`
    case 'network':
      return `${where}: ${err.method} ${err.path} failed${attemptsText(err)}: ${err.message}. Check the network, api-base-url and proxy settings.`
    case 'invalid-response':
      return `${where}: ${err.method} ${err.path} answered ${status || 'with'} a response that is not Cloudflare's JSON envelope${attemptsText(err)}: ${err.message}`
    default:
      return `${where}: Cloudflare answered ${detail || 'with an error'}${attemptsText(err)}.`
  }
}
