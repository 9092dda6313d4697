/**
 * The one way an API path is built. Every segment is either one of the API's own words or a
 * Cloudflare identifier; anything else is refused before a request exists. Encoding a segment is
 * not enough: `..` and `%2e%2e` encode to themselves and still climb out of
 * `/mtls_certificates/<id>` (a server-supplied id of `..` once sent DELETE to the account itself).
 */

/**
 * Cloudflare's identifier (`tls-certificates-and-hostnames_identifier`, at most 36 characters):
 * 32 lowercase hexadecimal digits (account and zone ids, some certificate ids), or a UUID with its
 * dashes (certificate ids in practice). One explicit pattern, nothing else.
 */
export const IDENTIFIER = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/

/** Account and zone ids: 32 lowercase hexadecimal digits, never a UUID. */
export const HEX_ID = /^[0-9a-f]{32}$/

/** The fixed words of the endpoints this action calls. */
const WORDS: ReadonlySet<string> = new Set(['accounts', 'mtls_certificates', 'associations', 'zones', 'certificate_authorities', 'hostname_associations'])

export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER.test(value)
}

/** A path segment that is neither an identifier nor one of the API's words: a bug or a hostile value, never sent. */
export class UnsafePathError extends Error {
  constructor(
    readonly segment: string,
    expected = 'a Cloudflare identifier (32 lowercase hexadecimal digits or a UUID)'
  ) {
    super(`refusing to build an API path from "${shown(segment)}": a path segment must be ${expected}`)
    this.name = 'UnsafePathError'
  }
}

/**
 * `accounts/<id>/mtls_certificates/<id>`…, relative to api-base-url. Each segment is checked by
 * where it stands: after `accounts` or `zones` an account or zone id, after `mtls_certificates` a
 * certificate id, anywhere else one of the API's words. An id can never stand for a word, nor a
 * word for an id.
 */
export function apiPath(...segments: string[]): string {
  for (const [i, s] of segments.entries()) {
    const after = segments[i - 1]
    if (after === 'accounts' || after === 'zones') {
      if (!HEX_ID.test(s)) throw new UnsafePathError(s, `a${after === 'zones' ? ' zone' : 'n account'} id (32 lowercase hexadecimal digits)`)
    } else if (after === 'mtls_certificates') {
      if (!IDENTIFIER.test(s)) throw new UnsafePathError(s)
    } else if (!WORDS.has(s)) throw new UnsafePathError(s, "one of the API's own words")
  }
  return segments.join('/')
}

/** A value in an error line: bounded, without control characters. */
function shown(value: string): string {
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '?')
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat
}
