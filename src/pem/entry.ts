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
}

export interface Context {
  file: string
  options: ValidateOptions
  findings: Finding[]
  profile: Profile
  /** Parsed certificates in the file: a lone non-CA is "not a CA", one among others is "a leaf in the bundle". */
  certificateCount: number
}

export function parseEntry(
  block: ScannedBlock,
  index: number,
  add: AddFinding
): CertEntry | undefined {
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
  const subject = formatName(parsed.subject)
  const entry: CertEntry = {
    index,
    block,
    parsed,
    node,
    subject,
    issuerName: formatName(parsed.issuer),
    subjectKey: canonicalName(parsed.subject),
    issuerKey: canonicalName(parsed.issuer),
    selfIssued: false,
    keyInfo: { type: 'unknown' },
    signatureAlgorithm: signatureAlgorithmName(parsed.outerAlgorithm),
    fingerprint: createHash('sha256').update(block.der).digest('hex'),
    basicConstraintsCritical: false,
    badSignature: false
  }
  entry.selfIssued = entry.subjectKey === entry.issuerKey
  try {
    entry.keyInfo = describeKey(parsed)
  } catch (error) {
    add('CERT_UNPARSEABLE', `${label(entry)} has a malformed public key (${error instanceof Error ? error.message : String(error)}); reissue it.`, block.line, index)
  }
  if (entry.keyInfo.explicitCurve === true) {
    // Node/OpenSSL recognise a well-known curve even when spelled out, which names it for the message.
    try {
      const named = node.publicKey.asymmetricKeyDetails?.namedCurve
      if (named !== undefined) entry.keyInfo.curve = NODE_CURVE_NAMES.get(named) ?? named
    } catch {
      // the curve stays unnamed
    }
  }
  decodeExtensions(entry, add)
  return entry
}

function decodeExtensions(entry: CertEntry, add: AddFinding): void {
  const seen = new Set<string>()
  const reported = new Set<string>()
  for (const ext of entry.parsed.extensions) {
    if (seen.has(ext.oid)) {
      if (!reported.has(ext.oid)) {
        reported.add(ext.oid)
        add('CERT_DUPLICATE_EXTENSION', `${label(entry)} contains extension ${extensionName(ext.oid)} more than once; RFC 5280 forbids this and Go rejects it — reissue the certificate.`, entry.block.line, entry.index)
      }
      continue
    }
    seen.add(ext.oid)
    if (ext.critical && !KNOWN_EXTENSIONS.has(ext.oid)) {
      add('CERT_UNKNOWN_CRITICAL_EXTENSION', `${label(entry)} has an unknown critical extension ${extensionName(ext.oid)}; verifiers must reject it — reissue without it or mark it non-critical.`, entry.block.line, entry.index)
    }
    try {
      if (ext.oid === EXTENSION.BASIC_CONSTRAINTS) {
        entry.basicConstraints = decodeBasicConstraints(ext.value)
        entry.basicConstraintsCritical = ext.critical
      } else if (ext.oid === EXTENSION.KEY_USAGE) {
        entry.keyUsage = decodeKeyUsage(ext.value)
      } else if (ext.oid === EXTENSION.EXT_KEY_USAGE) {
        entry.extKeyUsage = decodeExtKeyUsage(ext.value)
      } else if (ext.oid === EXTENSION.SUBJECT_KEY_IDENTIFIER) {
        entry.subjectKeyId = decodeKeyIdentifier(ext.value)
      } else if (ext.oid === EXTENSION.AUTHORITY_KEY_IDENTIFIER) {
        entry.authorityKeyId = decodeAuthorityKeyIdentifier(ext.value)
      }
    } catch (error) {
      add('CERT_MALFORMED_EXTENSION', `${label(entry)} has a malformed ${extensionName(ext.oid)} extension (${error instanceof Error ? error.message : String(error)}); reissue the certificate.`, entry.block.line, entry.index)
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
