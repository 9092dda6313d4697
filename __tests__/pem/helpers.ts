import { createPrivateKey, webcrypto } from 'node:crypto'
import './reflect-polyfill.js'
import * as x509 from '@peculiar/x509'
import { FINDING_CATALOGUE, type FileReport, type ValidateOptions } from '../../src/pem/index.js'

// The project compiles without DOM typings, so WebCrypto types come from node:crypto.
type CryptoKeyPair = webcrypto.CryptoKeyPair
type EcKeyGenParams = webcrypto.EcKeyGenParams
type RsaHashedKeyGenParams = webcrypto.RsaHashedKeyGenParams

x509.cryptoProvider.set(webcrypto)

export const NOW = new Date('2026-11-26T00:00:00Z')
const DAY = 86_400_000

export function options(overrides: Partial<ValidateOptions> = {}): ValidateOptions {
  return { file: 'cert.pem', profile: 'auto', now: NOW, expiryWarningDays: 30, expiryErrorDays: 0, ...overrides }
}

/** Codes in report order, for exact comparisons. */
export function codes(report: FileReport): string[] {
  return report.findings.map((f) => f.code)
}

export function codeSet(report: FileReport): string[] {
  return [...new Set(codes(report))].sort()
}

export function verdict(report: FileReport): 'valid' | 'warning' | 'error' {
  if (report.errorCount > 0) return 'error'
  if (report.warningCount > 0) return 'warning'
  return 'valid'
}

/** Invariants every report must satisfy, whatever the input. */
export function assertWellFormed(report: FileReport): void {
  const severities = new Map(FINDING_CATALOGUE.map((e) => [e.code, e.severity]))
  const count = (s: string): number => report.findings.filter((f) => f.severity === s).length
  if (report.errorCount !== count('error') || report.warningCount !== count('warning') || report.noticeCount !== count('notice')) {
    throw new Error(`inconsistent counts in ${JSON.stringify(report.findings.map((f) => f.code))}`)
  }
  for (const f of report.findings) {
    if (!Number.isInteger(f.line) || f.line < 1) throw new Error(`finding ${f.code} has line ${f.line}`)
    if (severities.get(f.code) !== f.severity) throw new Error(`finding ${f.code} has severity ${f.severity} not in the catalogue`)
    if (typeof f.message !== 'string' || f.message.length === 0) throw new Error(`finding ${f.code} has no message`)
    if (f.code === 'VALIDATOR_INTERNAL_ERROR') throw new Error(`internal error: ${f.message}`)
  }
  if (report.profile !== 'ca' && report.profile !== 'leaf') throw new Error(`bad profile ${String(report.profile)}`)
  for (const c of report.certificates) {
    if (Number.isNaN(c.notAfter.getTime()) || Number.isNaN(c.notBefore.getTime())) throw new Error('invalid date in facts')
  }
}

// ---- certificate generation (@peculiar/x509 on Node's WebCrypto: tests need nothing but Node) --------

export const EC256: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' }
export const EC384: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-384' }
export const EC521: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-521' }
export function rsa(bits: number, hash = 'SHA-256'): RsaHashedKeyGenParams {
  return { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash }
}

export async function keyPair(algorithm: EcKeyGenParams | RsaHashedKeyGenParams | { name: 'Ed25519' }): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair
}

export interface Issued {
  pem: string
  der: Uint8Array
  name: string
  keys: CryptoKeyPair
}

export interface IssueOptions {
  name: string
  keys: CryptoKeyPair
  issuer?: { name: string; keys: CryptoKeyPair }
  ca?: boolean
  /** Omit Basic Constraints entirely. */
  noBasicConstraints?: boolean
  pathLength?: number
  keyUsage?: x509.KeyUsageFlags
  extendedKeyUsage?: string[]
  notBefore?: Date
  notAfter?: Date
  serialNumber?: string
  hash?: string
}

let serial = 1
export async function issue(o: IssueOptions): Promise<Issued> {
  const issuer = o.issuer ?? { name: o.name, keys: o.keys }
  const extensions: x509.Extension[] = []
  const ca = o.ca ?? false
  if (o.noBasicConstraints !== true) extensions.push(new x509.BasicConstraintsExtension(ca, o.pathLength, true))
  const usage = o.keyUsage ?? (ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature)
  extensions.push(new x509.KeyUsagesExtension(usage, true))
  if (o.extendedKeyUsage !== undefined) extensions.push(new x509.ExtendedKeyUsageExtension(o.extendedKeyUsage, false))
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(o.keys.publicKey))
  extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey))
  const algorithm = issuer.keys.privateKey.algorithm
  const hash = o.hash ?? 'SHA-256'
  const signingAlgorithm = algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash } : algorithm.name === 'Ed25519' ? { name: 'Ed25519' } : { name: algorithm.name, hash }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: o.serialNumber ?? (serial++).toString(16).padStart(4, '0'),
    subject: o.name,
    issuer: issuer.name,
    notBefore: o.notBefore ?? new Date(NOW.getTime() - 10 * DAY),
    notAfter: o.notAfter ?? new Date(NOW.getTime() + 365 * DAY),
    signingAlgorithm,
    publicKey: o.keys.publicKey,
    signingKey: issuer.keys.privateKey,
    extensions
  })
  return { pem: cert.toString('pem') + '\n', der: new Uint8Array(cert.rawData), name: o.name, keys: o.keys }
}

export async function pkcs8Pem(keys: CryptoKeyPair): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey))
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString()
}

export async function encryptedPkcs8Pem(keys: CryptoKeyPair): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey))
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'correct horse' }).toString()
}

/** Traditional OpenSSL format with `Proc-Type: 4,ENCRYPTED` headers. */
export async function encryptedTraditionalPem(keys: CryptoKeyPair): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey))
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
  const type = key.asymmetricKeyType === 'rsa' ? 'pkcs1' : 'sec1'
  return key.export({ format: 'pem', type, cipher: 'aes-128-cbc', passphrase: 'correct horse' }).toString()
}

export async function csrPem(keys: CryptoKeyPair): Promise<string> {
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=request', keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } })
  return csr.toString('pem') + '\n'
}

export { x509 }
