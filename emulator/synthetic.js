// @ts-check
/**
 * Real but cheap certificates for benchmarks: self-signed P-256 certificates built with a tiny
 * DER writer and signed with one key shared by the whole process, so 1,000 take milliseconds and
 * clients that parse the PEM of listed certificates (fingerprints, expiry) still can. Their
 * API fields are computed from the values put in, not by parsing them back.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import * as der from './der.js'
import { formatGoName, formatSeconds } from './x509.js'

/**
 * @typedef {object} SyntheticOptions
 * @property {string} [namePrefix] name and CN prefix; default "synthetic-ca-" (or "synthetic-leaf-")
 * @property {boolean} [ca] default true: Basic Constraints CA:TRUE
 * @property {Date | string} [firstExpiry] notAfter of the first one; default 30 days from now
 * @property {number} [expiryStepSeconds] each next one expires this much later; default 3600
 */

/**
 * @typedef {object} SyntheticCertificate
 * @property {string} pem
 * @property {Buffer} der
 * @property {string} name
 * @property {boolean} ca
 * @property {string} expires_on
 * @property {string} issuer
 * @property {string} serial_number
 * @property {string} signature
 */

/** @type {{ privateKey: import('node:crypto').KeyObject, spki: Buffer } | undefined} */
let sharedKey

function key() {
  if (!sharedKey) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    sharedKey = { privateKey, spki: publicKey.export({ type: 'spki', format: 'der' }) }
  }
  return sharedKey
}

const OID = Object.freeze({
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15'
})
const ORGANIZATION = 'Emulator Synthetic'

/**
 * @param {number} count
 * @param {SyntheticOptions} [options]
 * @returns {SyntheticCertificate[]}
 */
export function makeSyntheticCertificates(count, options = {}) {
  const ca = options.ca ?? true
  const prefix = options.namePrefix ?? (ca ? 'synthetic-ca-' : 'synthetic-leaf-')
  const step = (options.expiryStepSeconds ?? 3600) * 1000
  const firstExpiry = options.firstExpiry ? new Date(options.firstExpiry) : new Date(Date.now() + 30 * 86_400_000)
  if (Number.isNaN(firstExpiry.getTime())) throw new TypeError(`firstExpiry is not a date: ${String(options.firstExpiry)}`)
  const width = Math.max(4, String(count).length)
  const { privateKey, spki } = key()
  const notBefore = der.x509Time(new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000))
  const algorithm = der.sequence(der.objectIdentifier(OID.ecdsaWithSha256))
  const extensions = der.explicit(
    3,
    der.sequence(
      der.sequence(der.objectIdentifier(OID.basicConstraints), der.boolean(true), der.octetString(ca ? der.sequence(der.boolean(true)) : der.sequence())),
      der.sequence(
        der.objectIdentifier(OID.keyUsage),
        der.boolean(true),
        // keyCertSign + cRLSign for a CA, digitalSignature for a leaf (first byte = unused bits)
        der.octetString(der.tlv(0x03, Buffer.from(ca ? [0x01, 0x06] : [0x07, 0x80])))
      )
    )
  )
  // Serials: a random 11-byte prefix per batch and a 4-byte counter, so all are distinct.
  const batch = randomBytes(11)
  batch[0] = ((batch[0] ?? 0) & 0x3f) | 0x40

  /** @type {SyntheticCertificate[]} */
  const out = []
  for (let i = 0; i < count; i++) {
    const name = `${prefix}${String(i + 1).padStart(width, '0')}`
    const serial = Buffer.alloc(15)
    batch.copy(serial, 0)
    serial.writeUInt32BE(i, 11)
    const notAfterDate = new Date(Math.floor((firstExpiry.getTime() + i * step) / 1000) * 1000)
    const subject = der.sequence(
      der.set(der.sequence(der.objectIdentifier(OID.country), der.printableString('US'))),
      der.set(der.sequence(der.objectIdentifier(OID.organization), der.utf8String(ORGANIZATION))),
      der.set(der.sequence(der.objectIdentifier(OID.commonName), der.utf8String(name)))
    )
    const tbs = der.sequence(
      der.explicit(0, der.integer(Buffer.from([2]))),
      der.integer(serial),
      algorithm,
      subject,
      der.sequence(notBefore, der.x509Time(notAfterDate)),
      subject,
      spki,
      extensions
    )
    const certificate = der.sequence(tbs, algorithm, der.bitString(sign('sha256', tbs, privateKey)))
    out.push({
      pem: toPem(certificate),
      der: certificate,
      name,
      ca,
      expires_on: formatSeconds(notAfterDate),
      issuer: formatGoName([
        { type: OID.country, value: 'US', raw: null },
        { type: OID.organization, value: ORGANIZATION, raw: null },
        { type: OID.commonName, value: name, raw: null }
      ]),
      serial_number: BigInt(`0x${serial.toString('hex')}`).toString(10),
      signature: 'ECDSAWithSHA256'
    })
  }
  return out
}

/** @param {Buffer} certificate */
export function toPem(certificate) {
  const lines = certificate.toString('base64').match(/.{1,64}/g) ?? []
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----`
}
