import { X509Certificate, createHash } from 'node:crypto'
import type { FindingCode } from './catalogue.js'
import {
  canonicalName,
  decodeAuthorityKeyIdentifier,
  decodeBasicConstraints,
  decodeExtKeyUsage,
  decodeKeyIdentifier,
  decodeKeyUsage,
  describeKey,
  formatName,
  parseCertificateDer,
  signatureAlgorithmName,
  type BasicConstraints,
  type KeyInfo,
  type ParsedCertificate
} from './certificate.js'
import { DerError } from './der.js'
import { EXTENSION, KNOWN_EXTENSIONS, NODE_CURVE_NAMES } from './oids.js'
import type { ScannedBlock } from './reader.js'
import type { Finding, Profile, ValidateOptions } from './types.js'

export type AddFinding = (code: FindingCode, message: string, line: number, certificateIndex?: number) => void

/** One parsed certificate and everything later checks need, computed once. */
export interface CertEntry {
  index: number
  block: ScannedBlock
  parsed: ParsedCertificate
  node: X509Certificate
  subject: string
  issuerName: string
  subjectKey: string
  issuerKey: string
  selfIssued: boolean
  keyInfo: KeyInfo
  signatureAlgorithm: string
  fingerprint: string
  basicConstraints?: BasicConstraints
  basicConstraintsCritical: boolean
  keyUsage?: (bit: number) => boolean
  extKeyUsage?: string[]
  subjectKeyId?: Uint8Array
  authorityKeyId?: Uint8Array
  duplicateOf?: CertEntry
  /** The certificate in the file whose key verifies this one's signature. */
  issuer?: CertEntry
  /** Name-matched issuer whose key does NOT verify the signature (CHAIN_BAD_SIGNATURE). */
  claimedIssuer?: CertEntry
  badSignature: boolean
  /** The per-run cache record shared by every block with the same bytes. */
  record?: CertRecord
}

export interface Context {
  file: string
  options: ValidateOptions
  findings: Finding[]
  profile: Profile
  /** Parsed certificates in the file: a lone non-CA is "not a CA", one among others is "a leaf in the bundle". */
  certificateCount: number
}

/**
 * Everything about a certificate that depends only on its bytes, shared by every block in this run that
 * holds the same base64 body (the same CA is repeated across many bundles). Findings are not cached:
 * their text names the certificate's index and line, so only the tails after the label are kept and
 * replayed per block, in the order parseEntry would have added them.
 */
export interface CertRecord {
  parsed: ParsedCertificate
  node: X509Certificate
  subject: string
  issuerName: string
  subjectKey: string
  issuerKey: string
  keyInfo: KeyInfo
  signatureAlgorithm: string
  fingerprint: string
  basicConstraints?: BasicConstraints
  basicConstraintsCritical: boolean
  keyUsage?: (bit: number) => boolean
  extKeyUsage?: string[]
  subjectKeyId?: Uint8Array
  authorityKeyId?: Uint8Array
  /** Findings after label(entry): [code, message tail]. */
  problems: Array<[FindingCode, string]>
  /** Signature verification of this certificate against an issuer's key, by the issuer's record. */
  verified: Map<CertRecord, boolean>
  /** Lazily computed report facts. */
  facts?: { serialNumber: string; sha256Fingerprint: string; key: string; pem: string }
}

const RECORD_LIMIT = 4096
const records = new Map<string, CertRecord>()

export function parseEntry(block: ScannedBlock, index: number, add: AddFinding): CertEntry | undefined {
  let record = records.get(block.base64)
  if (record === undefined) {
    record = buildRecord(block, index, add)
    if (record === undefined) return undefined
    // What recurs across files is the issuers after a bundle's first certificate; keeping every first
    // certificate (leaves, single CAs) alive would only grow the heap the garbage collector must copy.
    if (index > 0 && (record.basicConstraints?.ca === true || record.subjectKey === record.issuerKey)) {
      if (records.size >= RECORD_LIMIT) records.clear()
      records.set(block.base64, record)
    }
  }
  const entry: CertEntry = {
    index,
    block,
    parsed: record.parsed,
    node: record.node,
    subject: record.subject,
    issuerName: record.issuerName,
    subjectKey: record.subjectKey,
    issuerKey: record.issuerKey,
    selfIssued: record.subjectKey === record.issuerKey,
    keyInfo: record.keyInfo,
    signatureAlgorithm: record.signatureAlgorithm,
    fingerprint: record.fingerprint,
    basicConstraintsCritical: record.basicConstraintsCritical,
    badSignature: false,
    record
  }
  if (record.basicConstraints !== undefined) entry.basicConstraints = record.basicConstraints
  if (record.keyUsage !== undefined) entry.keyUsage = record.keyUsage
  if (record.extKeyUsage !== undefined) entry.extKeyUsage = record.extKeyUsage
  if (record.subjectKeyId !== undefined) entry.subjectKeyId = record.subjectKeyId
  if (record.authorityKeyId !== undefined) entry.authorityKeyId = record.authorityKeyId
  if (record.problems.length > 0) {
    const name = label(entry)
    for (const [code, tail] of record.problems) add(code, `${name}${tail}`, block.line, index)
  }
  return entry
}

/** Parses a certificate not seen before in this run; undefined (with its finding added) when it does not parse. */
function buildRecord(block: ScannedBlock, index: number, add: AddFinding): CertRecord | undefined {
  const where = `Certificate ${index + 1} (line ${block.line})`
  let parsed: ParsedCertificate
  try {
    parsed = parseCertificateDer(block.der)
  } catch (error) {
    const reason = error instanceof DerError ? error.message : `unexpected structure (${error instanceof Error ? error.message : String(error)})`
    add('CERT_UNPARSEABLE', `${where} is not a valid DER X.509 certificate (${reason}); it is corrupted or truncated — obtain it again from its issuer.`, block.line, index)
    return undefined
  }
  let node: X509Certificate
  try {
    node = new X509Certificate(Buffer.from(block.der.buffer, block.der.byteOffset, block.der.byteLength))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    add('CERT_UNPARSEABLE', `${where} is rejected by OpenSSL (${reason}); it is malformed — obtain it again from its issuer.`, block.line, index)
    return undefined
  }
  const subjectKey = canonicalName(parsed.subject)
  const record: CertRecord = {
    parsed,
    node,
    subject: formatName(parsed.subject),
    issuerName: formatName(parsed.issuer),
    subjectKey,
    issuerKey: canonicalName(parsed.issuer),
    keyInfo: { type: 'unknown' },
    signatureAlgorithm: signatureAlgorithmName(parsed.outerAlgorithm),
    fingerprint: createHash('sha256').update(block.der).digest('hex'),
    basicConstraintsCritical: false,
    problems: [],
    verified: new Map()
  }
  try {
    record.keyInfo = describeKey(parsed)
  } catch (error) {
    record.problems.push(['CERT_UNPARSEABLE', ` has a malformed public key (${error instanceof Error ? error.message : String(error)}); reissue it.`])
  }
  if (record.keyInfo.explicitCurve === true) {
    // Node/OpenSSL recognise a well-known curve even when spelled out, which names it for the message.
    try {
      const named = node.publicKey.asymmetricKeyDetails?.namedCurve
      if (named !== undefined) record.keyInfo.curve = NODE_CURVE_NAMES.get(named) ?? named
    } catch {
      // the curve stays unnamed
    }
  }
  decodeExtensions(record)
  return record
}

function decodeExtensions(record: CertRecord): void {
  const seen = new Set<string>()
  const reported = new Set<string>()
  for (const ext of record.parsed.extensions) {
    if (seen.has(ext.oid)) {
      if (!reported.has(ext.oid)) {
        reported.add(ext.oid)
        record.problems.push([
          'CERT_DUPLICATE_EXTENSION',
          ` contains extension ${extensionName(ext.oid)} more than once; RFC 5280 forbids this and Go rejects it — reissue the certificate.`
        ])
      }
      continue
    }
    seen.add(ext.oid)
    if (ext.critical && !KNOWN_EXTENSIONS.has(ext.oid)) {
      record.problems.push([
        'CERT_UNKNOWN_CRITICAL_EXTENSION',
        ` has an unknown critical extension ${extensionName(ext.oid)}; verifiers must reject it — reissue without it or mark it non-critical.`
      ])
    }
    try {
      if (ext.oid === EXTENSION.BASIC_CONSTRAINTS) {
        record.basicConstraints = decodeBasicConstraints(ext.value)
        record.basicConstraintsCritical = ext.critical
      } else if (ext.oid === EXTENSION.KEY_USAGE) {
        record.keyUsage = decodeKeyUsage(ext.value)
      } else if (ext.oid === EXTENSION.EXT_KEY_USAGE) {
        record.extKeyUsage = decodeExtKeyUsage(ext.value)
      } else if (ext.oid === EXTENSION.SUBJECT_KEY_IDENTIFIER) {
        record.subjectKeyId = decodeKeyIdentifier(ext.value)
      } else if (ext.oid === EXTENSION.AUTHORITY_KEY_IDENTIFIER) {
        record.authorityKeyId = decodeAuthorityKeyIdentifier(ext.value)
      }
    } catch (error) {
      record.problems.push([
        'CERT_MALFORMED_EXTENSION',
        ` has a malformed ${extensionName(ext.oid)} extension (${error instanceof Error ? error.message : String(error)}); reissue the certificate.`
      ])
    }
  }
}

const EXTENSION_NAMES: ReadonlyMap<string, string> = new Map([
  ['2.5.29.14', 'subjectKeyIdentifier'],
  ['2.5.29.15', 'keyUsage'],
  ['2.5.29.17', 'subjectAltName'],
  ['2.5.29.19', 'basicConstraints'],
  ['2.5.29.31', 'cRLDistributionPoints'],
  ['2.5.29.32', 'certificatePolicies'],
  ['2.5.29.35', 'authorityKeyIdentifier'],
  ['2.5.29.37', 'extKeyUsage'],
  ['1.3.6.1.5.5.7.1.1', 'authorityInfoAccess'],
  ['2.16.840.1.113730.1.1', 'Netscape cert type'],
  ['2.16.840.1.113730.1.13', 'Netscape comment'],
  ['1.3.6.1.4.1.11129.2.4.3', 'CT precertificate poison']
])

function extensionName(oid: string): string {
  const name = EXTENSION_NAMES.get(oid)
  return name === undefined ? oid : `${name} (${oid})`
}

export function label(entry: CertEntry): string {
  return `Certificate ${entry.index + 1} (${entry.subject === '' ? 'empty subject' : entry.subject})`
}

export function isSelfSigned(entry: CertEntry): boolean {
  return entry.issuer === entry
}
