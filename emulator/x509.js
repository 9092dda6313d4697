// @ts-check
/**
 * Certificate facts the way Cloudflare reports them.
 *
 * Cloudflare's field formats are those of Go's crypto/x509: `signature` is Go's
 * SignatureAlgorithm.String() ("SHA256WithRSA", "ECDSAWithSHA256"), `serial_number` is
 * big.Int.String(), `issuer` is pkix.Name.String() and `expires_on` is RFC 3339. So this module
 * reproduces Go's behaviour, including its canonical attribute order for names: for the usual
 * C/ST/L/O/OU/CN certificates that is simply the DER order reversed.
 */
import { X509Certificate, createHash, createPrivateKey, createPublicKey } from 'node:crypto'
import { AsnConvert } from '@peculiar/asn1-schema'
import { Certificate } from '@peculiar/asn1-x509'

/** Thrown for anything Cloudflare answers with "Unable to parse certificate". */
export class CertificateParseError extends Error {
  /** @param {string} detail why, for the emulator's own log; the API message stays generic */
  constructor(detail) {
    super(`Unable to parse certificate: ${detail}`)
    this.name = 'CertificateParseError'
    this.detail = detail
  }
}

/**
 * @typedef {object} PemBlock
 * @property {string} type the label, e.g. "CERTIFICATE"
 * @property {Buffer} der
 */

/**
 * @typedef {object} ParsedCertificate
 * @property {Buffer} der
 * @property {X509Certificate} x509
 * @property {Certificate} asn
 */

/**
 * @typedef {object} CertificateFacts
 * @property {string} expires_on RFC 3339, whole seconds
 * @property {string} issuer Go pkix.Name.String()
 * @property {string} serial_number decimal
 * @property {string} signature Go SignatureAlgorithm.String()
 * @property {boolean} isCa Basic Constraints CA:TRUE
 */

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/**
 * Reads every PEM block. Text between blocks is ignored (as Go's pem.Decode does), but a block
 * that does not close, whose labels disagree, or whose body is not clean base64 is an error.
 * @param {string} text
 * @returns {PemBlock[]}
 */
export function readPemBlocks(text) {
  /** @type {PemBlock[]} */
  const blocks = []
  for (const match of text.matchAll(PEM_BLOCK)) {
    const [, begin = '', body = '', end = ''] = match
    if (begin !== end) throw new CertificateParseError(`BEGIN ${begin} closed by END ${end}`)
    const b64 = body.replace(/\s+/g, '')
    if (b64.length === 0 || b64.length % 4 !== 0 || !BASE64.test(b64)) {
      throw new CertificateParseError(`the ${begin} block is not clean base64 (headers or damage)`)
    }
    blocks.push({ type: begin, der: Buffer.from(b64, 'base64') })
  }
  const begins = text.split('-----BEGIN ').length - 1
  if (begins !== blocks.length) throw new CertificateParseError('a PEM block is not closed')
  return blocks
}

/**
 * Parses a `certificates` field: one or more CERTIFICATE blocks and nothing else that is PEM.
 * A private key or public key in the same text is refused, as Cloudflare does.
 * @param {string} text
 * @returns {ParsedCertificate[]}
 */
export function parseCertificates(text) {
  const blocks = readPemBlocks(text)
  if (blocks.length === 0) throw new CertificateParseError('no PEM CERTIFICATE block')
  return blocks.map((block, index) => {
    if (block.type !== 'CERTIFICATE') {
      throw new CertificateParseError(`block ${index + 1} is ${block.type}, not CERTIFICATE`)
    }
    return parseDer(block.der, index)
  })
}

/**
 * @param {Buffer} der
 * @param {number} index
 * @returns {ParsedCertificate}
 */
function parseDer(der, index) {
  /** @type {X509Certificate} */
  let x509
  /** @type {Certificate} */
  let asn
  try {
    x509 = new X509Certificate(der)
    asn = AsnConvert.parse(der, Certificate)
  } catch (e) {
    throw new CertificateParseError(`certificate ${index + 1}: ${e instanceof Error ? e.message : String(e)}`)
  }
  const serial = Buffer.from(asn.tbsCertificate.serialNumber)
  // Go (1.23+) refuses negative serial numbers, so Cloudflare cannot parse them either.
  if (serial.length === 0 || ((serial[0] ?? 0) & 0x80) !== 0) {
    throw new CertificateParseError(`certificate ${index + 1}: negative serial number`)
  }
  return { der, x509, asn }
}

/**
 * Identity of an uploaded set of certificates: the same DER certificates, whatever the PEM
 * text, order or name, are "the same certificate" for error 1471.
 * @param {Buffer[]} ders
 */
export function fingerprintOfSet(ders) {
  const each = ders.map((d) => createHash('sha256').update(d).digest('hex')).sort()
  return createHash('sha256').update(each.join(',')).digest('hex')
}

/**
 * @param {ParsedCertificate} parsed
 * @returns {CertificateFacts}
 */
export function describeCertificate(parsed) {
  const { asn, x509 } = parsed
  const serial = Buffer.from(asn.tbsCertificate.serialNumber)
  return {
    expires_on: formatSeconds(asn.tbsCertificate.validity.notAfter.getTime()),
    issuer: formatGoName(nameAttributes(asn.tbsCertificate.issuer)),
    serial_number: BigInt(`0x${serial.toString('hex') || '0'}`).toString(10),
    signature: signatureName(asn.signatureAlgorithm.algorithm, asn.signatureAlgorithm.parameters),
    isCa: x509.ca
  }
}

/** RFC 3339 with whole seconds, as Go's time.RFC3339 prints a UTC time. @param {Date} date */
export function formatSeconds(date) {
  return `${date.toISOString().slice(0, 19)}Z`
}

// ---------------------------------------------------------------------------------------------
// Signature algorithm names: Go's crypto/x509 signatureAlgorithmDetails.

/** @type {Readonly<Record<string, string>>} */
const SIGNATURE_NAMES = Object.freeze({
  '1.2.840.113549.1.1.2': 'MD2WithRSA',
  '1.2.840.113549.1.1.4': 'MD5WithRSA',
  '1.2.840.113549.1.1.5': 'SHA1WithRSA',
  '1.3.14.3.2.29': 'SHA1WithRSA',
  '1.2.840.113549.1.1.11': 'SHA256WithRSA',
  '1.2.840.113549.1.1.12': 'SHA384WithRSA',
  '1.2.840.113549.1.1.13': 'SHA512WithRSA',
  '1.2.840.10040.4.3': 'DSAWithSHA1',
  '2.16.840.1.101.3.4.3.2': 'DSAWithSHA256',
  '1.2.840.10045.4.1': 'ECDSAWithSHA1',
  '1.2.840.10045.4.3.2': 'ECDSAWithSHA256',
  '1.2.840.10045.4.3.3': 'ECDSAWithSHA384',
  '1.2.840.10045.4.3.4': 'ECDSAWithSHA512',
  '1.3.101.112': 'Ed25519'
})

const RSA_PSS = '1.2.840.113549.1.1.10'
/** DER of the SHA-2 OIDs (2.16.840.1.101.3.4.2.x) that Go accepts inside RSA-PSS parameters. */
const PSS_HASHES = /** @type {const} */ ([
  ['0609608648016503040201', 'SHA256WithRSAPSS'],
  ['0609608648016503040202', 'SHA384WithRSAPSS'],
  ['0609608648016503040203', 'SHA512WithRSAPSS']
])

/** Signature algorithms Cloudflare accepts for a BYO CA (API-NOTES). */
export const CA_SIGNATURES = Object.freeze([
  'SHA1WithRSA',
  'SHA256WithRSA',
  'SHA384WithRSA',
  'SHA512WithRSA',
  'ECDSAWithSHA1',
  'ECDSAWithSHA256',
  'ECDSAWithSHA384',
  'ECDSAWithSHA512'
])

/**
 * @param {string} oid
 * @param {ArrayBuffer | null | undefined} parameters
 */
export function signatureName(oid, parameters) {
  const known = SIGNATURE_NAMES[oid]
  if (known) return known
  if (oid === RSA_PSS && parameters) {
    // The PSS hash is inside the parameters; finding its OID bytes is enough here.
    const hex = Buffer.from(parameters).toString('hex')
    for (const [oidDer, name] of PSS_HASHES) if (hex.includes(oidDer)) return name
  }
  // Go prints an unknown SignatureAlgorithm as its number: 0.
  return '0'
}

// ---------------------------------------------------------------------------------------------
// Names: Go's pkix.Name.String().

/**
 * @typedef {object} NameAttribute
 * @property {string} type dotted OID
 * @property {string | null} value the string value, or null when Go would not see a string
 * @property {Buffer | null} raw the DER of a non-string value
 */

/**
 * Flattens an asn1-x509 Name into its attributes in DER order.
 * @param {import('@peculiar/asn1-x509').Name} name
 * @returns {NameAttribute[]}
 */
export function nameAttributes(name) {
  /** @type {NameAttribute[]} */
  const out = []
  for (const rdn of name) {
    for (const atv of rdn) {
      const v = atv.value
      const text = v.printableString ?? v.utf8String ?? v.ia5String ?? v.teletexString ?? v.bmpString ?? v.universalString
      if (text !== undefined) {
        out.push({ type: atv.type, value: text, raw: null })
      } else if (v.anyValue) {
        const raw = Buffer.from(v.anyValue)
        // Go decodes NumericString as a string too.
        const numeric = raw[0] === 0x12 ? decodeShortTlvContent(raw) : null
        out.push({ type: atv.type, value: numeric, raw: numeric === null ? raw : null })
      }
    }
  }
  return out
}

/** @param {Buffer} raw */
function decodeShortTlvContent(raw) {
  const len = raw[1] ?? 0
  if (len & 0x80) {
    const n = len & 0x7f
    return raw.subarray(2 + n).toString('latin1')
  }
  return raw.subarray(2, 2 + len).toString('latin1')
}

/** Go's attributeTypeNames. */
/** @type {Readonly<Record<string, string>>} */
const SHORT_NAMES = Object.freeze({
  '2.5.4.6': 'C',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.3': 'CN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.17': 'POSTALCODE'
})

/** The order of Go's Name.ToRDNSequence(); CN and SERIALNUMBER keep only their last value. */
const CANONICAL_ORDER = ['2.5.4.6', '2.5.4.8', '2.5.4.7', '2.5.4.9', '2.5.4.17', '2.5.4.10', '2.5.4.11', '2.5.4.3', '2.5.4.5']
const SINGLE_VALUED = new Set(['2.5.4.3', '2.5.4.5'])

/**
 * Formats a Name exactly as Go's pkix.Name.String() does after parsing a certificate:
 * attributes Go does not know come first in the sequence (so last in the string) as
 * OID=#hex; known ones are regrouped in Go's canonical order; then the sequence is reversed.
 * @param {NameAttribute[]} attributes
 * @returns {string}
 */
export function formatGoName(attributes) {
  /** @type {{ type: string, value: string | null, raw: Buffer | null }[][]} */
  const rdns = []
  for (const a of attributes) {
    if (!(a.type in SHORT_NAMES)) rdns.push([a])
  }
  for (const type of CANONICAL_ORDER) {
    const values = attributes.filter((a) => a.type === type && a.value !== null)
    const kept = SINGLE_VALUED.has(type) ? values.slice(-1) : values
    if (kept.length > 0) rdns.push(kept)
  }
  return rdns
    .reverse()
    .map((rdn) =>
      rdn
        .map((a) => {
          const short = SHORT_NAMES[a.type]
          if (short !== undefined) return `${short}=${escapeGoValue(a.value ?? '')}`
          const der = a.value !== null ? marshalGoString(a.value) : (a.raw ?? Buffer.alloc(0))
          return `${a.type}=#${der.toString('hex')}`
        })
        .join('+')
    )
    .join(',')
}

/** @param {string} value */
function escapeGoValue(value) {
  let out = ''
  const chars = Array.from(value)
  chars.forEach((c, i) => {
    let escape = false
    if (',+"\\<>;'.includes(c)) escape = true
    else if (c === ' ') escape = i === 0 || i === chars.length - 1
    else if (c === '#') escape = i === 0
    out += escape ? `\\${c}` : c
  })
  return out
}

/**
 * asn1.Marshal of a Go string: PrintableString when every character allows it, else UTF8String.
 * @param {string} value
 */
function marshalGoString(value) {
  const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value)
  const content = Buffer.from(value, printable ? 'latin1' : 'utf8')
  const tag = printable ? 0x13 : 0x0c
  const len = content.length
  /** @type {number[]} */
  const lenBytes = []
  if (len < 0x80) lenBytes.push(len)
  else {
    for (let n = len; n > 0; n = Math.floor(n / 256)) lenBytes.unshift(n % 256)
    lenBytes.unshift(0x80 | lenBytes.length)
  }
  return Buffer.concat([Buffer.from([tag, ...lenBytes]), content])
}

// ---------------------------------------------------------------------------------------------
// Private keys.

export class PrivateKeyError extends Error {
  /** @param {'unparseable' | 'mismatch'} reason @param {string} message */
  constructor(reason, message) {
    super(message)
    this.name = 'PrivateKeyError'
    this.reason = reason
  }
}

/**
 * Checks that an unencrypted PEM private key belongs to the certificate.
 * @param {string} pem
 * @param {ParsedCertificate} certificate
 */
export function assertKeyMatches(pem, certificate) {
  /** @type {import('node:crypto').KeyObject} */
  let key
  try {
    key = createPrivateKey({ key: pem, format: 'pem' })
  } catch (e) {
    throw new PrivateKeyError('unparseable', `Unable to parse private key: ${e instanceof Error ? e.message : String(e)}`)
  }
  const fromKey = createPublicKey(key).export({ type: 'spki', format: 'der' })
  const fromCert = certificate.x509.publicKey.export({ type: 'spki', format: 'der' })
  if (!fromKey.equals(fromCert)) {
    throw new PrivateKeyError('mismatch', 'The private key does not match the certificate')
  }
}
