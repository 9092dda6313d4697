import {
  DerError,
  TAG,
  byteAt,
  children,
  content,
  expectTlv,
  readBitString,
  readBoolean,
  readIntegerBytes,
  readOid,
  readSmallInteger,
  readTime,
  readTlv,
  whole,
  type Tlv
} from './der.js'
import { ATTRIBUTE_NAMES, CURVES, KEY_ALGORITHM, SIGNATURE_ALGORITHMS } from './oids.js'

export interface AlgorithmIdentifier {
  oid: string
  /** The whole AlgorithmIdentifier TLV, for the byte-exact inner/outer comparison RFC 5280 requires. */
  raw: Uint8Array
  parameters?: { tag: number; raw: Uint8Array }
}

export interface NameAttribute {
  oid: string
  tag: number
  value: Uint8Array
  raw: Uint8Array
}

export interface ParsedName {
  raw: Uint8Array
  rdns: NameAttribute[][]
}

export interface ParsedExtension {
  oid: string
  critical: boolean
  value: Uint8Array
}

export interface ParsedCertificate {
  der: Uint8Array
  version: number
  serial: Uint8Array
  innerAlgorithm: AlgorithmIdentifier
  outerAlgorithm: AlgorithmIdentifier
  issuer: ParsedName
  subject: ParsedName
  notBefore: Date
  notAfter: Date
  spki: Uint8Array
  keyAlgorithm: AlgorithmIdentifier
  publicKey: Uint8Array
  extensions: ParsedExtension[]
}

/** Throws DerError with a reason a person can act on. */
export function parseCertificateDer(der: Uint8Array): ParsedCertificate {
  const cert = expectTlv(der, 0, der.length, TAG.SEQUENCE, 'Certificate')
  if (cert.end !== der.length) throw new DerError(`${der.length - cert.end} unexpected bytes after the certificate`)
  const parts = children(der, cert)
  if (parts.length !== 3) throw new DerError(`Certificate has ${parts.length} elements instead of 3`)
  const [tbsTlv, outerAlgTlv, signatureTlv] = parts as [Tlv, Tlv, Tlv]
  if (tbsTlv.tag !== TAG.SEQUENCE) throw new DerError('TBSCertificate is not a SEQUENCE')
  const outerAlgorithm = readAlgorithm(der, outerAlgTlv, 'signatureAlgorithm')
  readBitString(der, signatureTlv)

  const fields = children(der, tbsTlv)
  let i = 0
  let version = 1
  const first = fields[0]
  if (first !== undefined && first.tag === 0xa0) {
    const inner = children(der, first)
    if (inner.length !== 1 || inner[0] === undefined) throw new DerError('malformed version')
    const v = readSmallInteger(der, inner[0])
    if (v < 0 || v > 2) throw new DerError(`unknown certificate version ${v + 1}`)
    version = v + 1
    i++
  }
  const next = (what: string): Tlv => {
    const tlv = fields[i++]
    if (tlv === undefined) throw new DerError(`TBSCertificate ends before its ${what}`)
    return tlv
  }
  const serial = readIntegerBytes(der, next('serialNumber'))
  const innerAlgorithm = readAlgorithm(der, next('signature'), 'TBS signature')
  const issuer = readName(der, next('issuer'), 'issuer')
  const validity = next('validity')
  if (validity.tag !== TAG.SEQUENCE) throw new DerError('validity is not a SEQUENCE')
  const times = children(der, validity)
  if (times.length !== 2 || times[0] === undefined || times[1] === undefined) throw new DerError('validity must hold exactly two times')
  const notBefore = readTime(der, times[0])
  const notAfter = readTime(der, times[1])
  const subject = readName(der, next('subject'), 'subject')
  const spkiTlv = next('subjectPublicKeyInfo')
  if (spkiTlv.tag !== TAG.SEQUENCE) throw new DerError('subjectPublicKeyInfo is not a SEQUENCE')
  const spkiParts = children(der, spkiTlv)
  if (spkiParts.length !== 2 || spkiParts[0] === undefined || spkiParts[1] === undefined) {
    throw new DerError('malformed subjectPublicKeyInfo')
  }
  const keyAlgorithm = readAlgorithm(der, spkiParts[0], 'public key algorithm')
  const publicKey = readBitString(der, spkiParts[1]).bytes

  let extensions: ParsedExtension[] = []
  for (; i < fields.length; i++) {
    const tlv = fields[i] as Tlv
    if (tlv.tag === 0x81 || tlv.tag === 0x82 || tlv.tag === 0xa1 || tlv.tag === 0xa2) {
      if (version < 2) throw new DerError('unique identifiers require version 2 or 3')
      continue
    }
    if (tlv.tag === 0xa3) {
      if (version !== 3) throw new DerError('extensions present but the certificate is not version 3')
      if (i !== fields.length - 1) throw new DerError('data after the extensions')
      extensions = readExtensions(der, tlv)
      continue
    }
    throw new DerError(`unexpected element (tag 0x${tlv.tag.toString(16)}) in TBSCertificate`)
  }

  return {
    der,
    version,
    serial,
    innerAlgorithm,
    outerAlgorithm,
    issuer,
    subject,
    notBefore,
    notAfter,
    spki: whole(der, spkiTlv),
    keyAlgorithm,
    publicKey,
    extensions
  }
}

function readAlgorithm(der: Uint8Array, tlv: Tlv, what: string): AlgorithmIdentifier {
  if (tlv.tag !== TAG.SEQUENCE) throw new DerError(`${what} is not an AlgorithmIdentifier`)
  const parts = children(der, tlv)
  if (parts.length < 1 || parts.length > 2 || parts[0] === undefined) throw new DerError(`malformed ${what}`)
  const algorithm: AlgorithmIdentifier = { oid: readOid(der, parts[0]), raw: whole(der, tlv) }
  if (parts[1] !== undefined) algorithm.parameters = { tag: parts[1].tag, raw: whole(der, parts[1]) }
  return algorithm
}

function readName(der: Uint8Array, tlv: Tlv, what: string): ParsedName {
  if (tlv.tag !== TAG.SEQUENCE) throw new DerError(`${what} is not a Name`)
  const rdns: NameAttribute[][] = []
  for (const set of children(der, tlv)) {
    if (set.tag !== TAG.SET) throw new DerError(`${what} contains a non-SET RDN`)
    const rdn: NameAttribute[] = []
    for (const atv of children(der, set)) {
      if (atv.tag !== TAG.SEQUENCE) throw new DerError(`${what} contains a malformed attribute`)
      const pair = children(der, atv)
      if (pair.length !== 2 || pair[0] === undefined || pair[1] === undefined) throw new DerError(`${what} contains a malformed attribute`)
      rdn.push({ oid: readOid(der, pair[0]), tag: pair[1].tag, value: content(der, pair[1]), raw: whole(der, pair[1]) })
    }
    // X.501 forbids an empty RDN, but Go and OpenSSL accept one, so it is not worth failing the parse over.
    rdns.push(rdn)
  }
  return { raw: whole(der, tlv), rdns }
}

function readExtensions(der: Uint8Array, wrapper: Tlv): ParsedExtension[] {
  const inner = children(der, wrapper)
  if (inner.length !== 1 || inner[0] === undefined || inner[0].tag !== TAG.SEQUENCE) throw new DerError('malformed extensions')
  const out: ParsedExtension[] = []
  for (const ext of children(der, inner[0])) {
    if (ext.tag !== TAG.SEQUENCE) throw new DerError('malformed extension')
    const parts = children(der, ext)
    const oidTlv = parts[0]
    if (oidTlv === undefined) throw new DerError('empty extension')
    let critical = false
    let valueTlv = parts[1]
    if (parts.length === 3) {
      critical = readBoolean(der, parts[1] as Tlv)
      // DER forbids encoding a DEFAULT value, and Go rejects it.
      if (!critical) throw new DerError('extension encodes critical=FALSE explicitly (not DER)')
      valueTlv = parts[2]
    } else if (parts.length !== 2) {
      throw new DerError('malformed extension')
    }
    if (valueTlv === undefined || valueTlv.tag !== TAG.OCTET_STRING) throw new DerError('extension value is not an OCTET STRING')
    out.push({ oid: readOid(der, oidTlv), critical, value: content(der, valueTlv) })
  }
  return out
}

// ---- extension values ----------------------------------------------------------------------------

export interface BasicConstraints {
  ca: boolean
  pathLen?: number
}

export function decodeBasicConstraints(value: Uint8Array): BasicConstraints {
  const seq = expectTlv(value, 0, value.length, TAG.SEQUENCE, 'basicConstraints')
  if (seq.end !== value.length) throw new DerError('trailing data in basicConstraints')
  const result: BasicConstraints = { ca: false }
  for (const tlv of children(value, seq)) {
    if (tlv.tag === TAG.BOOLEAN) result.ca = readBoolean(value, tlv)
    else if (tlv.tag === TAG.INTEGER) result.pathLen = readSmallInteger(value, tlv)
    else throw new DerError('unexpected element in basicConstraints')
  }
  return result
}

/** Bit n of a KeyUsage BIT STRING (0 = digitalSignature, 5 = keyCertSign). */
export function decodeKeyUsage(value: Uint8Array): (bit: number) => boolean {
  const tlv = readTlv(value, 0, value.length)
  if (tlv.end !== value.length) throw new DerError('trailing data in keyUsage')
  const bits = readBitString(value, tlv).bytes
  return (bit) => (byteAt(bits, bit >> 3) & (0x80 >> (bit & 7))) !== 0
}

export function decodeExtKeyUsage(value: Uint8Array): string[] {
  const seq = expectTlv(value, 0, value.length, TAG.SEQUENCE, 'extKeyUsage')
  if (seq.end !== value.length) throw new DerError('trailing data in extKeyUsage')
  return children(value, seq).map((tlv) => readOid(value, tlv))
}

export function decodeKeyIdentifier(value: Uint8Array): Uint8Array {
  const tlv = expectTlv(value, 0, value.length, TAG.OCTET_STRING, 'subjectKeyIdentifier')
  return content(value, tlv)
}

export function decodeAuthorityKeyIdentifier(value: Uint8Array): Uint8Array | undefined {
  const seq = expectTlv(value, 0, value.length, TAG.SEQUENCE, 'authorityKeyIdentifier')
  for (const tlv of children(value, seq)) if (tlv.tag === 0x80) return content(value, tlv)
  return undefined
}

// ---- names ---------------------------------------------------------------------------------------

export function attributeValueString(attr: NameAttribute): string | undefined {
  switch (attr.tag) {
    case TAG.UTF8_STRING:
      return Buffer.from(attr.value.buffer, attr.value.byteOffset, attr.value.byteLength).toString('utf8')
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
    case TAG.NUMERIC_STRING:
    case TAG.VISIBLE_STRING:
    case TAG.TELETEX_STRING:
      // One code unit per byte, as String.fromCharCode(byte) would give, in one call.
      return Buffer.from(attr.value.buffer, attr.value.byteOffset, attr.value.byteLength).toString('latin1')
    case TAG.BMP_STRING: {
      let s = ''
      for (let i = 0; i + 1 < attr.value.length; i += 2) s += String.fromCharCode((byteAt(attr.value, i) << 8) | byteAt(attr.value, i + 1))
      return s
    }
    case TAG.UNIVERSAL_STRING: {
      let s = ''
      for (let i = 0; i + 3 < attr.value.length; i += 4) {
        const cp = ((byteAt(attr.value, i) << 24) | (byteAt(attr.value, i + 1) << 16) | (byteAt(attr.value, i + 2) << 8) | byteAt(attr.value, i + 3)) >>> 0
        s += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd'
      }
      return s
    }
    default:
      return undefined
  }
}

const RFC4514_SPECIAL = /[\\"+,;<>\u0000-\u001f\u007f]/

function escapeRfc4514(value: string): string {
  // Most values need no escaping: skip the replacements (names are formatted twice per certificate).
  if (!RFC4514_SPECIAL.test(value) && !value.startsWith('#') && !value.startsWith(' ') && !value.endsWith(' ')) return value
  let out = value.replace(/[\\"+,;<>]/g, (c) => `\\${c}`)
  out = out.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`)
  if (out.startsWith('#') || out.startsWith(' ')) out = `\\${out}`
  if (out.endsWith(' ') && out.length > 1) out = `${out.slice(0, -1)}\\ `
  return out
}

/** RFC 4514 order: the last RDN first, as `openssl -nameopt RFC2253` prints it. */
export function formatName(name: ParsedName): string {
  const parts: string[] = []
  for (let r = name.rdns.length - 1; r >= 0; r--) {
    const rdn = name.rdns[r] ?? []
    if (rdn.length === 0) continue
    parts.push(
      rdn
        .map((attr) => {
          const type = ATTRIBUTE_NAMES.get(attr.oid) ?? attr.oid
          const text = attributeValueString(attr)
          return `${type}=${text === undefined ? `#${Buffer.from(attr.raw).toString('hex')}` : escapeRfc4514(text)}`
        })
        .join('+')
    )
  }
  return parts.join(',')
}

/**
 * A key for issuer lookup: RFC 5280 §7.1 compares names attribute by attribute after case folding and
 * whitespace compression; RDN order still matters, as it does for Go and OpenSSL.
 */
export function canonicalName(name: ParsedName): string {
  return name.rdns
    .map((rdn) =>
      rdn
        .map((attr) => {
          const text = attributeValueString(attr)
          const value = text === undefined ? `#${Buffer.from(attr.raw).toString('hex')}` : text.trim().replace(/\s+/g, ' ').toLowerCase()
          return `${attr.oid}=${value}`
        })
        .sort()
        .join('\u0001')
    )
    .join('\u0000')
}

// ---- algorithms and keys -------------------------------------------------------------------------

export function signatureAlgorithmName(algorithm: AlgorithmIdentifier): string {
  return SIGNATURE_ALGORITHMS.get(algorithm.oid) ?? algorithm.oid
}

export interface KeyInfo {
  /** 'RSA', 'RSA-PSS', 'EC', 'Ed25519', 'Ed448', 'DSA', or the OID. */
  type: string
  bits?: number
  curve?: string
  /** The EC parameters are not a named-curve OID (explicit SEQUENCE or implicitlyCA NULL). */
  explicitCurve?: boolean
}

export function describeKey(cert: ParsedCertificate): KeyInfo {
  const { oid, parameters } = cert.keyAlgorithm
  switch (oid) {
    case KEY_ALGORITHM.RSA:
    case KEY_ALGORITHM.RSA_PSS:
      return { type: oid === KEY_ALGORITHM.RSA ? 'RSA' : 'RSA-PSS', bits: rsaModulusBits(cert.publicKey) }
    case KEY_ALGORITHM.EC: {
      if (parameters === undefined) return { type: 'EC', explicitCurve: true }
      if (parameters.tag !== TAG.OID) return { type: 'EC', explicitCurve: true }
      const curveOid = readOid(parameters.raw, readTlv(parameters.raw, 0, parameters.raw.length))
      return { type: 'EC', curve: CURVES.get(curveOid) ?? curveOid }
    }
    case KEY_ALGORITHM.ED25519:
      return { type: 'Ed25519' }
    case KEY_ALGORITHM.ED448:
      return { type: 'Ed448' }
    case KEY_ALGORITHM.DSA:
      return { type: 'DSA' }
    default:
      return { type: oid }
  }
}

function rsaModulusBits(publicKey: Uint8Array): number | undefined {
  try {
    const seq = expectTlv(publicKey, 0, publicKey.length, TAG.SEQUENCE, 'RSAPublicKey')
    const modulusTlv = children(publicKey, seq)[0]
    if (modulusTlv === undefined || modulusTlv.tag !== TAG.INTEGER) return undefined
    let start = modulusTlv.contentStart
    while (start < modulusTlv.end && byteAt(publicKey, start) === 0) start++
    if (start === modulusTlv.end) return 0
    return (modulusTlv.end - start - 1) * 8 + (32 - Math.clz32(byteAt(publicKey, start)))
  } catch {
    return undefined
  }
}

export function formatKey(info: KeyInfo): string {
  if (info.bits !== undefined) return `${info.type} ${info.bits}`
  if (info.curve !== undefined) return `${info.type} ${info.curve}${info.explicitCurve === true ? ' (explicit parameters)' : ''}`
  if (info.explicitCurve === true) return `${info.type} (explicit parameters)`
  return info.type
}
