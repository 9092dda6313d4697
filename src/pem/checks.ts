import { makeFinding, type FindingCode } from './catalogue.js'
import { formatKey, signatureAlgorithmName } from './certificate.js'
import { bytesEqual } from './der.js'
import { isSelfSigned, label, type CertEntry, type Context } from './entry.js'
import { CLOUDFLARE_SIGNATURE_ALGORITHMS, EKU_ANY, EKU_CLIENT_AUTH, INSECURE_SIGNATURE_ALGORITHMS, KEY_ALGORITHM, SHA1_SIGNATURE_ALGORITHMS } from './oids.js'
import type { ValidateOptions } from './types.js'
import { daysLeft, expiryGroup } from '../expiry.js'

const KEY_USAGE_DIGITAL_SIGNATURE = 0
const KEY_USAGE_KEY_CERT_SIGN = 5

export function checkCertificate(entry: CertEntry, ctx: Context): void {
  const { options } = ctx
  const add = (code: FindingCode, message: string): void => {
    ctx.findings.push(makeFinding(code, message, ctx.file, entry.block.line, entry.index))
  }
  const cert = entry.parsed
  const name = label(entry)

  if (!bytesEqual(cert.innerAlgorithm.raw, cert.outerAlgorithm.raw)) {
    add(
      'CERT_SIGNATURE_ALGORITHM_MISMATCH',
      `${name} says ${signatureAlgorithmName(cert.innerAlgorithm)} inside the signed part but ${entry.signatureAlgorithm} outside; RFC 5280 requires them to be identical — reissue the certificate.`
    )
  }

  const caUpload = ctx.profile === 'ca'
  const algorithm = entry.signatureAlgorithm
  if (INSECURE_SIGNATURE_ALGORITHMS.has(algorithm)) {
    add('CERT_SIGNATURE_ALGORITHM_INSECURE', `${name} is signed with ${algorithm}, which is broken; reissue it with SHA-256 or stronger.`)
  } else if (!CLOUDFLARE_SIGNATURE_ALGORITHMS.has(algorithm)) {
    if (caUpload) {
      add(
        'CERT_SIGNATURE_ALGORITHM_UNSUPPORTED',
        `${name} is signed with ${algorithm}, which Cloudflare does not accept for a CA (only SHA1/256/384/512WithRSA and ECDSAWithSHA1/256/384/512); reissue it with RSA or ECDSA and SHA-256/384.`
      )
    } else {
      add('CERT_UNDOCUMENTED_ALGORITHM', `${name} is signed with ${algorithm}, outside Cloudflare's documented algorithms; prefer RSA or ECDSA with SHA-256/384.`)
    }
  } else if (SHA1_SIGNATURE_ALGORITHMS.has(algorithm)) {
    // A root whose self-signature fails is reported as such (CERT_BAD_SELF_SIGNATURE); SHA-1 is no issue of it.
    if (isSelfSigned(entry) || entry.claimedIssuer === entry) {
      add('CERT_SHA1_SELF_SIGNATURE', `${name} is a root with a SHA-1 self-signature; nothing to do, since a root's self-signature is not relied upon.`)
    } else {
      add('CERT_SHA1_SIGNATURE', `${name} is signed with ${algorithm}; SHA-1 is deprecated — reissue it with SHA-256 or stronger.`)
    }
  }

  checkKey(entry, caUpload, add)
  checkValidity(entry, options, add)
  checkSerial(entry, add)

  const caRole = caUpload || entry.index > 0
  if (caRole) checkCaRole(entry, ctx, add)
}

function checkKey(entry: CertEntry, caUpload: boolean, add: (code: FindingCode, message: string) => void): void {
  const info = entry.keyInfo
  const name = label(entry)
  const oid = entry.parsed.keyAlgorithm.oid
  if (oid === KEY_ALGORITHM.RSA || oid === KEY_ALGORITHM.RSA_PSS) {
    if (info.bits !== undefined && info.bits < 2048) {
      add('CERT_RSA_KEY_TOO_SMALL', `${name} has a ${info.bits}-bit RSA key; generate a key of at least 2048 bits and reissue the certificate.`)
    }
    if (oid === KEY_ALGORITHM.RSA) return
  } else if (oid === KEY_ALGORITHM.EC) {
    if (info.explicitCurve === true) {
      add(
        'CERT_EC_EXPLICIT_PARAMETERS',
        `${name} spells out its EC curve parameters${info.curve === undefined ? '' : ` (${info.curve})`} instead of naming the curve; Go and modern OpenSSL reject this — reissue with a named curve.`
      )
    } else if (info.curve === 'P-521') {
      add('CERT_EC_CURVE_P521', `${name} uses a P-521 key, which is outside Cloudflare's documented P-256/P-384; prefer P-256 or P-384.`)
    } else if (info.curve !== 'P-256' && info.curve !== 'P-384') {
      add('CERT_EC_CURVE_UNSUPPORTED', `${name} uses the ${info.curve ?? 'unknown'} curve, which is not accepted; use a P-256 or P-384 key and reissue the certificate.`)
    }
    return
  }
  const type = formatKey(info)
  if (caUpload) {
    add(
      'CERT_KEY_ALGORITHM_UNSUPPORTED',
      `${name} has a ${type} key; Cloudflare accepts CA certificates with RSA or ECDSA keys only — reissue the CA with RSA ≥ 2048 or ECDSA P-256/P-384.`
    )
  } else {
    add('CERT_UNDOCUMENTED_ALGORITHM', `${name} has a ${type} key, outside Cloudflare's documented RSA/ECDSA; prefer an RSA or ECDSA P-256/P-384 key.`)
  }
}

function checkValidity(entry: CertEntry, options: ValidateOptions, add: (code: FindingCode, message: string) => void): void {
  const { notBefore, notAfter } = entry.parsed
  const name = label(entry)
  const now = options.now.getTime()
  if (notAfter.getTime() < notBefore.getTime()) {
    add('CERT_VALIDITY_INVERTED', `${name} is valid from ${iso(notBefore)} until ${iso(notAfter)}, which is before it starts; it can never be valid — reissue it.`)
    return
  }
  if (now < notBefore.getTime()) {
    add('CERT_NOT_YET_VALID', `${name} is not valid until ${iso(notBefore)}; check the issuing system's clock or wait until then.`)
    return
  }
  // The same days left and windows as report and the summary (src/expiry.ts).
  const days = daysLeft(notAfter, options.now)
  const group = expiryGroup(days, options.expiryWarningDays, options.expiryErrorDays)
  if (group === 'expired') {
    add('CERT_EXPIRED', `${name} expired on ${iso(notAfter)}; renew it and upload the new certificate.`)
  } else if (group === 'error') {
    add('CERT_EXPIRES_WITHIN_ERROR_WINDOW', `${name} expires on ${iso(notAfter)}, in ${days} day(s), within the ${options.expiryErrorDays}-day error window; renew it now.`)
  } else if (group === 'warning') {
    add('CERT_EXPIRES_SOON', `${name} expires on ${iso(notAfter)}, in ${days} day(s); renew it before then.`)
  }
}

function checkSerial(entry: CertEntry, add: (code: FindingCode, message: string) => void): void {
  const serial = entry.parsed.serial
  const name = label(entry)
  if ((serial[0] ?? 0) & 0x80) {
    add('CERT_SERIAL_NEGATIVE', `${name} has a negative serial number; recent Go versions reject it — reissue with a positive serial.`)
  } else if (serial.every((b) => b === 0)) {
    add('CERT_SERIAL_ZERO', `${name} has serial number 0, which RFC 5280 forbids; reissue with a positive random serial when convenient.`)
  }
  if (serial.length > 20) {
    add('CERT_SERIAL_TOO_LONG', `${name} has a ${serial.length}-octet serial number, more than RFC 5280's 20; reissue with a shorter serial when convenient.`)
  }
}

function checkCaRole(entry: CertEntry, ctx: Context, add: (code: FindingCode, message: string) => void): void {
  const name = label(entry)
  const bc = entry.basicConstraints
  const certSign = entry.keyUsage?.(KEY_USAGE_KEY_CERT_SIGN)
  const looksLikeLeaf = bc?.ca !== true && certSign !== true
  if (ctx.profile === 'ca' && looksLikeLeaf && ctx.certificateCount > 1) {
    add('CA_LEAF_IN_BUNDLE', `${name} is an end-entity certificate, not a CA; remove it from this ca: true upload (or upload it with ca: false and its private key).`)
    return
  }
  const role = ctx.profile === 'ca' ? 'in a ca: true upload' : 'as an issuer in the chain'
  if (bc === undefined) {
    add(
      'CA_BASIC_CONSTRAINTS_MISSING',
      `${name} has no Basic Constraints extension, so it is not a CA ${role}; Cloudflare requires CA:TRUE — reissue it with \`basicConstraints=critical,CA:TRUE\`.`
    )
  } else if (!bc.ca) {
    add('CA_NOT_CA', `${name} has Basic Constraints CA:FALSE, so it cannot act as a CA ${role}; upload its issuing CA instead or reissue it with CA:TRUE.`)
  } else if (!entry.basicConstraintsCritical) {
    add('CA_BASIC_CONSTRAINTS_NOT_CRITICAL', `${name} marks Basic Constraints non-critical; accepted, but RFC 5280 requires it critical in new CAs.`)
  }
  // Key Usage only matters once the certificate is a CA at all; for a non-CA the finding above says it all.
  if (bc?.ca === true) {
    if (entry.keyUsage === undefined) {
      add('CA_KEY_USAGE_MISSING', `${name} has no Key Usage extension; accepted, but new CAs should carry \`keyUsage=critical,keyCertSign,cRLSign\`.`)
    } else if (certSign !== true) {
      add(
        'CA_KEY_USAGE_NO_CERT_SIGN',
        `${name} has Key Usage without keyCertSign, so it may not sign certificates; reissue it with \`keyUsage=critical,keyCertSign,cRLSign\`.`
      )
    }
  }
  if (entry.subject === '') {
    add('CA_EMPTY_SUBJECT', `${name} is a CA with an empty subject; issuers are found by name, so reissue it with a non-empty subject.`)
  }
}

// ---- leaf ------------------------------------------------------------------------------------------

export function checkLeaf(leaf: CertEntry, ctx: Context): void {
  const add = (code: FindingCode, message: string): void => {
    ctx.findings.push(makeFinding(code, message, ctx.file, leaf.block.line, leaf.index))
  }
  const name = label(leaf)
  const eku = leaf.extKeyUsage
  if (eku !== undefined && !eku.includes(EKU_CLIENT_AUTH) && !eku.includes(EKU_ANY)) {
    add(
      'LEAF_EKU_NO_CLIENT_AUTH',
      `${name} has Extended Key Usage without clientAuth (${eku.map(ekuName).join(', ') || 'empty'}), so it cannot authenticate a TLS client; reissue it with \`extendedKeyUsage=clientAuth\`.`
    )
  }
  if (leaf.keyUsage !== undefined && !leaf.keyUsage(KEY_USAGE_DIGITAL_SIGNATURE)) {
    add(
      'LEAF_KEY_USAGE_NO_DIGITAL_SIGNATURE',
      `${name} has Key Usage without digitalSignature, which TLS client authentication needs; reissue it with \`keyUsage=critical,digitalSignature\`.`
    )
  }
  if (leaf.basicConstraints?.ca === true && ctx.options.profile === 'leaf') {
    add('LEAF_IS_CA', `${name} is a CA certificate uploaded with ca: false; upload it with ca: true if it should validate client certificates.`)
  }
}

function ekuName(oid: string): string {
  switch (oid) {
    case '1.3.6.1.5.5.7.3.1':
      return 'serverAuth'
    case '1.3.6.1.5.5.7.3.3':
      return 'codeSigning'
    case '1.3.6.1.5.5.7.3.4':
      return 'emailProtection'
    case '1.3.6.1.5.5.7.3.8':
      return 'timeStamping'
    case '1.3.6.1.5.5.7.3.9':
      return 'OCSPSigning'
    default:
      return oid
  }
}

function iso(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'an invalid date' : date.toISOString().replace('.000Z', 'Z')
}
