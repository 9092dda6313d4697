// @ts-check
/**
 * The benchmark's PEM files: CA bundles and client-certificate chains, RSA and EC, generated with
 * @peculiar/x509 and cached in bench/tmp (RSA key generation is slow; signing is not, so a few
 * keys are reused across many certificates, which changes nothing for a parser).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { webcrypto } from 'node:crypto'
import { x509 } from '../../scripts/lib/certs.js'
import { ROOT } from './action.mjs'

/** @typedef {import('node:crypto').webcrypto.CryptoKeyPair} CryptoKeyPair */

/** Bump when the mix below changes: the cache is keyed by it. */
export const CERTSET_VERSION = 'v1'
const MAX_AGE_DAYS = 30

const RSA = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }

/**
 * @typedef {object} CertSet
 * @property {string} dir     the directory holding the files (and nothing else with a PEM extension)
 * @property {string[]} files absolute paths, sorted
 * @property {Record<string, number>} mix  files per kind
 * @property {boolean} cached
 * @property {number} generationMs
 */

/** @param {number} n */
const serial = (n) => `01${n.toString(16).padStart(8, '0')}${webcrypto.getRandomValues(new Uint8Array(4)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '')}`

/**
 * @param {any} algorithm
 * @returns {Promise<CryptoKeyPair>}
 */
const keyPair = async (algorithm) => /** @type {CryptoKeyPair} */ (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']))

/**
 * @param {{ subject: string, issuer?: { name: string, keys: CryptoKeyPair, alg: any }, keys: CryptoKeyPair, alg: any, ca: boolean, n: number }} o
 */
async function certificate(o) {
  const notBefore = new Date(Date.now() - 86_400_000)
  const notAfter = new Date(Date.now() + 400 * 86_400_000)
  /** @type {x509.Extension[]} */
  const extensions = [
    new x509.BasicConstraintsExtension(o.ca, o.ca ? 1 : undefined, true),
    new x509.KeyUsagesExtension(o.ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature, true),
    await x509.SubjectKeyIdentifierExtension.create(o.keys.publicKey)
  ]
  if (!o.ca) extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]))
  if (o.issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(o.issuer.keys.publicKey))
  const common = { serialNumber: serial(o.n), notBefore, notAfter, extensions }
  const cert = o.issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: o.subject,
        issuer: o.issuer.name,
        publicKey: o.keys.publicKey,
        signingKey: o.issuer.keys.privateKey,
        signingAlgorithm: o.issuer.alg
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name: o.subject, keys: o.keys, signingAlgorithm: o.alg })
  return `${cert.toString('pem')}\n`
}

/**
 * 1,000 files (by default), a quarter of each kind:
 *  - rsa-ca:    a self-signed RSA-2048 CA (a BYO CA upload)
 *  - ec-ca:     a self-signed P-256 CA
 *  - rsa-chain: an RSA client certificate, its intermediate and its root (leaf first)
 *  - ec-chain:  a P-256 client certificate and its intermediate
 * @param {number} [count]
 * @returns {Promise<CertSet>}
 */
export async function certSet(count = 1000) {
  const dir = path.join(ROOT, 'bench/tmp', `certs-${CERTSET_VERSION}-${count}`)
  const marker = path.join(dir, 'complete.json')
  if (existsSync(marker)) {
    const m = JSON.parse(readFileSync(marker, 'utf8'))
    const fresh = Date.now() - Date.parse(m.generatedAt) < MAX_AGE_DAYS * 86_400_000
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.pem'))
      .sort()
    if (fresh && files.length === count) return { dir, files: files.map((f) => path.join(dir, f)), mix: m.mix, cached: true, generationMs: 0 }
  }
  const started = performance.now()
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const rsaKeys = await Promise.all([0, 1, 2, 3].map(() => keyPair(RSA)))
  const ecKeys = await Promise.all([0, 1, 2, 3].map(() => keyPair(EC)))
  const rsa = (/** @type {number} */ i) => /** @type {CryptoKeyPair} */ (rsaKeys[i % rsaKeys.length])
  const ec = (/** @type {number} */ i) => /** @type {CryptoKeyPair} */ (ecKeys[i % ecKeys.length])

  const rsaRoot = { name: 'CN=Bench RSA Root, O=Bench Inc., C=US', keys: rsa(0), alg: RSA }
  const rsaRootPem = await certificate({ subject: rsaRoot.name, keys: rsaRoot.keys, alg: RSA, ca: true, n: 0 })
  const rsaInter = { name: 'CN=Bench RSA Issuing CA, O=Bench Inc., C=US', keys: rsa(1), alg: RSA }
  const rsaInterPem = await certificate({ subject: rsaInter.name, issuer: rsaRoot, keys: rsaInter.keys, alg: RSA, ca: true, n: 1 })
  const ecRoot = { name: 'CN=Bench EC Root, O=Bench Inc., C=US', keys: ec(0), alg: EC }
  const ecInter = { name: 'CN=Bench EC Issuing CA, O=Bench Inc., C=US', keys: ec(1), alg: EC }
  const ecInterPem = await certificate({ subject: ecInter.name, issuer: ecRoot, keys: ecInter.keys, alg: EC, ca: true, n: 2 })

  /** @type {Record<string, number>} */
  const mix = { 'rsa-ca': 0, 'ec-ca': 0, 'rsa-chain': 0, 'ec-chain': 0 }
  for (let i = 0; i < count; i++) {
    const n = i + 10
    const id = String(i).padStart(4, '0')
    const kind = /** @type {const} */ (['rsa-ca', 'ec-ca', 'rsa-chain', 'ec-chain'])[i % 4] ?? 'rsa-ca'
    let pem
    if (kind === 'rsa-ca') pem = await certificate({ subject: `CN=Bench RSA CA ${id}, O=Bench Inc., C=US`, keys: rsa(i), alg: RSA, ca: true, n })
    else if (kind === 'ec-ca') pem = await certificate({ subject: `CN=Bench EC CA ${id}, O=Bench Inc., C=US`, keys: ec(i), alg: EC, ca: true, n })
    else if (kind === 'rsa-chain') {
      pem =
        (await certificate({ subject: `CN=bench-client-${id}, O=Bench Inc., C=US`, issuer: rsaInter, keys: rsa(i + 2), alg: RSA, ca: false, n })) + rsaInterPem + rsaRootPem
    } else {
      pem = (await certificate({ subject: `CN=bench-client-${id}, O=Bench Inc., C=US`, issuer: ecInter, keys: ec(i + 2), alg: EC, ca: false, n })) + ecInterPem
    }
    mix[kind] = (mix[kind] ?? 0) + 1
    writeFileSync(path.join(dir, `${id}-${kind}.pem`), pem)
  }
  writeFileSync(marker, JSON.stringify({ version: CERTSET_VERSION, count, mix, generatedAt: new Date().toISOString() }, null, 2))
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.pem'))
    .sort()
    .map((f) => path.join(dir, f))
  return { dir, files, mix, cached: false, generationMs: performance.now() - started }
}
