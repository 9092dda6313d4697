// @ts-check
/**
 * Certificates made on the fly with @peculiar/x509 and WebCrypto, for tests, the demo and the
 * benchmark: nothing expires in the repository, and only Node is needed (no openssl).
 */
import 'reflect-metadata'
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(/** @type {any} */ (webcrypto))

/** @typedef {'ec' | 'ec384' | 'rsa' | 'rsa1024' | 'ed25519'} KeyKind */
/**
 * @typedef {object} TestCertificate
 * @property {string} pem        PEM of the certificate, with a trailing newline
 * @property {string} keyPem     PKCS#8 PEM of its private key
 * @property {import('node:crypto').webcrypto.CryptoKeyPair} keys
 * @property {x509.X509Certificate} cert
 * @property {KeyKind} kind
 */
/**
 * @typedef {object} CertificateOptions
 * @property {KeyKind} [kind]           key type (default ec: P-256)
 * @property {string} [name]            subject, e.g. 'CN=Example CA, O=Example'
 * @property {boolean} [ca]             Basic Constraints CA (default true)
 * @property {Date} [notBefore]
 * @property {Date} [notAfter]          default: 90 days from now
 * @property {TestCertificate} [issuer] signer (default: self-signed)
 * @property {boolean} [clientAuth]     leaf: add EKU clientAuth (default true for leaves)
 * @property {string} [serialNumber]    hex
 */

/** @type {Record<KeyKind, any>} */
const ALGORITHMS = {
  ec: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  ec384: { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' },
  rsa: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
  rsa1024: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
  ed25519: { name: 'Ed25519' }
}

let counter = 0

/**
 * @param {CertificateOptions} [options]
 * @returns {Promise<TestCertificate>}
 */
export async function makeCertificate(options = {}) {
  const kind = options.kind ?? 'ec'
  const algorithm = ALGORITHMS[kind]
  const keys = /** @type {import('node:crypto').webcrypto.CryptoKeyPair} */ (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']))
  const ca = options.ca ?? true
  const n = ++counter
  const name = options.name ?? `CN=Test ${ca ? 'CA' : 'Client'} ${n}-${Date.now().toString(36)}, O=Example Inc., C=US`
  /** @type {x509.Extension[]} */
  const extensions = [
    new x509.BasicConstraintsExtension(ca, ca ? 1 : undefined, true),
    new x509.KeyUsagesExtension(ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature, true)
  ]
  if (!ca && (options.clientAuth ?? true)) extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]))
  const signer = options.issuer
  const common = {
    serialNumber: options.serialNumber ?? `01${webcrypto.getRandomValues(new Uint8Array(8)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '')}`,
    notBefore: options.notBefore ?? new Date(Date.now() - 3_600_000),
    notAfter: options.notAfter ?? new Date(Date.now() + 90 * 86_400_000),
    signingAlgorithm: signer ? ALGORITHMS[signer.kind] : algorithm,
    extensions
  }
  const cert = signer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: name,
        issuer: signer.cert.subject,
        publicKey: keys.publicKey,
        signingKey: signer.keys.privateKey
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name, keys })
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey))
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString('base64')
    .match(/.{1,64}/g)
    ?.join('\n')}\n-----END PRIVATE KEY-----\n`
  return { pem: `${cert.toString('pem')}\n`, keyPem, keys, cert, kind }
}

/**
 * A CA and a client certificate it issued, with the client's key: what a Workers mTLS binding needs.
 * @param {{ caName?: string, clientName?: string, notAfter?: Date }} [options]
 */
export async function makeClientChain(options = {}) {
  const ca = await makeCertificate({ name: options.caName, ca: true })
  const client = await makeCertificate({ name: options.clientName, ca: false, issuer: ca, notAfter: options.notAfter })
  return { ca, client, chainPem: client.pem + ca.pem }
}

export { x509 }
