// @ts-check
/**
 * A minimal DER writer: just enough to build the synthetic certificates that `seedSynthetic`
 * produces (real, parseable X.509, signed with one shared key) without an X.509 library.
 * Every function returns a complete TLV as a Buffer.
 */

/**
 * @param {number} length
 * @returns {Buffer}
 */
function encodeLength(length) {
  if (length < 0x80) return Buffer.from([length])
  const bytes = []
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

/**
 * @param {number} tag
 * @param {Buffer} content
 * @returns {Buffer}
 */
export function tlv(tag, content) {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content])
}

/** @param {Buffer[]} parts */
export const sequence = (...parts) => tlv(0x30, Buffer.concat(parts))

/** @param {Buffer[]} parts */
export const set = (...parts) => tlv(0x31, Buffer.concat(parts))

/**
 * Explicitly tagged context-specific value ([n] EXPLICIT).
 * @param {number} n
 * @param {Buffer} inner
 */
export const explicit = (n, inner) => tlv(0xa0 | n, inner)

/**
 * A non-negative INTEGER from its big-endian magnitude (a leading zero is added when needed).
 * @param {Buffer} magnitude
 */
export function integer(magnitude) {
  let start = 0
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++
  let body = magnitude.subarray(start)
  if (body.length === 0) body = Buffer.from([0])
  if ((body[0] ?? 0) & 0x80) body = Buffer.concat([Buffer.from([0]), body])
  return tlv(0x02, body)
}

/** @param {boolean} value */
export const boolean = (value) => tlv(0x01, Buffer.from([value ? 0xff : 0x00]))

/** @param {Buffer} content */
export const octetString = (content) => tlv(0x04, content)

/**
 * BIT STRING with no unused bits.
 * @param {Buffer} content
 */
export const bitString = (content) => tlv(0x03, Buffer.concat([Buffer.from([0]), content]))

/** @param {string} text */
export const utf8String = (text) => tlv(0x0c, Buffer.from(text, 'utf8'))

/** @param {string} text */
export const printableString = (text) => tlv(0x13, Buffer.from(text, 'latin1'))

/**
 * @param {string} dotted e.g. "1.2.840.10045.4.3.2"
 */
export function objectIdentifier(dotted) {
  const arcs = dotted.split('.').map((s) => Number(s))
  const [first = 0, second = 0, ...rest] = arcs
  const bytes = [first * 40 + second]
  for (const arc of rest) {
    const chunk = [arc & 0x7f]
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift((n & 0x7f) | 0x80)
    bytes.push(...chunk)
  }
  return tlv(0x06, Buffer.from(bytes))
}

/**
 * X.509 Time: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5).
 * @param {Date} date
 */
export function x509Time(date) {
  const iso = date.toISOString() // YYYY-MM-DDTHH:MM:SS.mmmZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '') // YYYYMMDDHHMMSS
  const year = date.getUTCFullYear()
  if (year >= 1950 && year < 2050) return tlv(0x17, Buffer.from(`${digits.slice(2)}Z`, 'latin1'))
  return tlv(0x18, Buffer.from(`${digits}Z`, 'latin1'))
}
