// A small strict DER reader. It exists because a schema-driven ASN.1 parser costs about twice a whole
// `new X509Certificate()` per certificate, and the validator must stay within 2× of that; it also lets
// us see what Node hides (raw names, extension criticality and duplicates, EC parameter encoding).
// It follows the DER rules Go's crypto/x509 enforces, since Cloudflare's API is written in Go.

export class DerError extends Error {}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  NUMERIC_STRING: 0x12,
  PRINTABLE_STRING: 0x13,
  TELETEX_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31
} as const

export interface Tlv {
  /** The single identifier octet; high-tag-number form never occurs in X.509 and is rejected. */
  readonly tag: number
  readonly start: number
  readonly contentStart: number
  readonly end: number
}

export function byteAt(bytes: Uint8Array, index: number): number {
  return bytes[index] ?? 0
}

export function readTlv(bytes: Uint8Array, offset: number, limit: number): Tlv {
  if (offset + 2 > limit) throw new DerError('unexpected end of data')
  const tag = byteAt(bytes, offset)
  if ((tag & 0x1f) === 0x1f) throw new DerError('high-tag-number form is not used in certificates')
  const first = byteAt(bytes, offset + 1)
  let contentStart = offset + 2
  let length = first
  if (first === 0x80) throw new DerError('indefinite length is not allowed in DER')
  if (first > 0x80) {
    const count = first & 0x7f
    if (count > 4) throw new DerError('length field too long')
    if (contentStart + count > limit) throw new DerError('unexpected end of data in length')
    if (byteAt(bytes, contentStart) === 0) throw new DerError('non-minimal length encoding')
    length = 0
    for (let i = 0; i < count; i++) length = length * 256 + byteAt(bytes, contentStart + i)
    if (length < 0x80) throw new DerError('non-minimal length encoding')
    contentStart += count
  }
  const end = contentStart + length
  if (end > limit) throw new DerError(`element is ${end - limit} bytes longer than the data (truncated?)`)
  return { tag, start: offset, contentStart, end }
}

export function expectTlv(bytes: Uint8Array, offset: number, limit: number, tag: number, what: string): Tlv {
  const tlv = readTlv(bytes, offset, limit)
  if (tlv.tag !== tag) throw new DerError(`${what}: expected tag 0x${hex2(tag)}, found 0x${hex2(tlv.tag)}`)
  return tlv
}

/** The elements inside a constructed TLV. */
export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = []
  let offset = parent.contentStart
  while (offset < parent.end) {
    const tlv = readTlv(bytes, offset, parent.end)
    out.push(tlv)
    offset = tlv.end
  }
  return out
}

export function content(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.contentStart, tlv.end)
}

export function whole(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.start, tlv.end)
}

export function readOid(bytes: Uint8Array, tlv: Tlv): string {
  if (tlv.tag !== TAG.OID) throw new DerError(`expected OBJECT IDENTIFIER, found tag 0x${hex2(tlv.tag)}`)
  if (tlv.end === tlv.contentStart) throw new DerError('empty OBJECT IDENTIFIER')
  let text = ''
  // Plain numbers while an arc fits in 2^46 (every OID in practice); BigInt only for UUID-style arcs.
  let value = 0
  let big: bigint | undefined
  let started = false
  for (let i = tlv.contentStart; i < tlv.end; i++) {
    const b = byteAt(bytes, i)
    if (!started && b === 0x80) throw new DerError('non-minimal OBJECT IDENTIFIER arc')
    started = true
    if (big !== undefined) big = (big << 7n) | BigInt(b & 0x7f)
    else if (value >= 2 ** 46) big = (BigInt(value) << 7n) | BigInt(b & 0x7f)
    else value = value * 128 + (b & 0x7f)
    if ((b & 0x80) === 0) {
      if (text === '') {
        if (big !== undefined) text = `2.${(big - 80n).toString()}`
        else text = value < 40 ? `0.${value}` : value < 80 ? `1.${value - 40}` : `2.${value - 80}`
      } else {
        text += `.${big === undefined ? value : big.toString()}`
      }
      value = 0
      big = undefined
      started = false
    }
  }
  if (started) throw new DerError('truncated OBJECT IDENTIFIER')
  return text
}

export function readBoolean(bytes: Uint8Array, tlv: Tlv): boolean {
  if (tlv.tag !== TAG.BOOLEAN || tlv.end - tlv.contentStart !== 1) throw new DerError('malformed BOOLEAN')
  const b = byteAt(bytes, tlv.contentStart)
  if (b !== 0 && b !== 0xff) throw new DerError('BOOLEAN must be 0x00 or 0xFF in DER')
  return b === 0xff
}

/** Content octets of an INTEGER, checked for minimal two's-complement encoding. */
export function readIntegerBytes(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  if (tlv.tag !== TAG.INTEGER) throw new DerError(`expected INTEGER, found tag 0x${hex2(tlv.tag)}`)
  const value = content(bytes, tlv)
  if (value.length === 0) throw new DerError('empty INTEGER')
  if (value.length > 1) {
    const a = byteAt(value, 0)
    const b = byteAt(value, 1)
    if ((a === 0 && (b & 0x80) === 0) || (a === 0xff && (b & 0x80) !== 0)) throw new DerError('non-minimal INTEGER encoding')
  }
  return value
}

export function integerToBigInt(value: Uint8Array): bigint {
  let n = 0n
  for (const b of value) n = (n << 8n) | BigInt(b)
  if (value.length > 0 && (byteAt(value, 0) & 0x80) !== 0) n -= 1n << BigInt(value.length * 8)
  return n
}

export function readSmallInteger(bytes: Uint8Array, tlv: Tlv): number {
  const value = readIntegerBytes(bytes, tlv)
  if (value.length > 6) throw new DerError('INTEGER too large')
  return Number(integerToBigInt(value))
}

export interface BitString {
  unusedBits: number
  bytes: Uint8Array
}

export function readBitString(bytes: Uint8Array, tlv: Tlv): BitString {
  if (tlv.tag !== TAG.BIT_STRING) throw new DerError(`expected BIT STRING, found tag 0x${hex2(tlv.tag)}`)
  if (tlv.end === tlv.contentStart) throw new DerError('empty BIT STRING')
  const unusedBits = byteAt(bytes, tlv.contentStart)
  if (unusedBits > 7 || (unusedBits > 0 && tlv.end - tlv.contentStart === 1)) throw new DerError('malformed BIT STRING')
  return { unusedBits, bytes: bytes.subarray(tlv.contentStart + 1, tlv.end) }
}

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/

export function readTime(bytes: Uint8Array, tlv: Tlv): Date {
  const text = latin1(content(bytes, tlv))
  let match: RegExpExecArray | null
  let year: number
  if (tlv.tag === TAG.UTC_TIME) {
    match = UTC_TIME.exec(text)
    if (match === null) throw new DerError(`malformed UTCTime "${printable(text)}"`)
    const yy = Number(match[1])
    // RFC 5280 §4.1.2.5.1: two-digit years 50..99 are 19xx.
    year = yy >= 50 ? 1900 + yy : 2000 + yy
  } else if (tlv.tag === TAG.GENERALIZED_TIME) {
    match = GENERALIZED_TIME.exec(text)
    if (match === null) throw new DerError(`malformed GeneralizedTime "${printable(text)}"`)
    year = Number(match[1])
  } else {
    throw new DerError(`expected a time, found tag 0x${hex2(tlv.tag)}`)
  }
  const [month, day, hour, minute, second] = [2, 3, 4, 5, 6].map((i) => Number(match?.[i]))
  if (month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined) {
    throw new DerError('malformed time')
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second)
  const date = new Date(ms)
  // Date.UTC silently rolls 31 February over to March; a certificate saying so is malformed.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new DerError(`invalid date "${printable(text)}"`)
  }
  if (year < 100) date.setUTCFullYear(year)
  return date
}

export function latin1(bytes: Uint8Array): string {
  // One code unit per byte, as String.fromCharCode(byte) would give, in one call.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 40)
}

export function hex2(n: number): string {
  return n.toString(16).padStart(2, '0')
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
