import { createHash } from 'node:crypto'

const BEGIN = '-----BEGIN CERTIFICATE-----'
const END = '-----END CERTIFICATE-----'

function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/** DER of every CERTIFICATE block, tolerating whatever the strict reader would merely complain about. */
function certificateDers(text: string): Uint8Array[] {
  // The API returns PEM inside JSON; an un-decoded copy still carries literal "\n".
  const normalised = text.includes('\\n') ? text.replace(/\\r\\n|\\n|\\r/g, '\n') : text
  const ders: Uint8Array[] = []
  // indexOf rather than a lazy regex, so many BEGINs without an END cannot turn quadratic.
  for (let from = 0; ;) {
    const begin = normalised.indexOf(BEGIN, from)
    if (begin === -1) break
    const end = normalised.indexOf(END, begin + BEGIN.length)
    if (end === -1) break
    // The last BEGIN before this END: a truncated block before it is skipped, as PEM readers do.
    const start = normalised.lastIndexOf(BEGIN, end - BEGIN.length)
    const body = normalised.slice(start + BEGIN.length, end).replace(/[^A-Za-z0-9+/=]/g, '')
    if (body.length > 0) ders.push(new Uint8Array(Buffer.from(body, 'base64')))
    from = end + END.length
  }
  return ders
}

/**
 * SHA-256 (lowercase hex) identifying what an upload would send: the certificate's DER, or for a
 * bundle the concatenation of its certificates' DER in file order, so the same bundle in a different
 * PEM layout (CRLF, wrapping, comments) matches while a re-ordered bundle does not.
 * Throws TypeError when the input holds no certificate — validate first.
 */
export function certificateSha256(pemOrDer: string | Uint8Array): string {
  if (typeof pemOrDer !== 'string' && pemOrDer[0] === 0x30) return sha256Hex(pemOrDer)
  const text = typeof pemOrDer === 'string' ? pemOrDer : new TextDecoder().decode(pemOrDer)
  const ders = certificateDers(text)
  if (ders.length === 0) throw new TypeError('certificateSha256: no CERTIFICATE block found')
  if (ders.length === 1) return sha256Hex(ders[0] as Uint8Array)
  const hash = createHash('sha256')
  for (const der of ders) hash.update(der)
  return hash.digest('hex')
}

/** SHA-256 (lowercase hex) of each CERTIFICATE block's DER, in order; never throws, never reports. */
export function fingerprintsOfPem(text: string): string[] {
  if (typeof text !== 'string') return []
  return certificateDers(text).map(sha256Hex)
}
