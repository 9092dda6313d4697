import { KeyObject, X509Certificate, createHash, sign, type webcrypto } from 'node:crypto'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { children, readTlv } from '../../src/pem/der.js'
import { validatePem, type FileReport, type ValidateOptions } from '../../src/pem/index.js'
import {
  EC256,
  EC384,
  EC521,
  NOW,
  assertWellFormed,
  codeSet,
  csrPem,
  encryptedPkcs8Pem,
  encryptedTraditionalPem,
  issue,
  keyPair,
  options,
  pkcs8Pem,
  rsa,
  verdict,
  x509,
  type Issued
} from './helpers.js'

const DAY = 86_400_000
const CLIENT_AUTH = [x509.ExtendedKeyUsage.clientAuth]

interface World {
  root: Issued
  intermediate: Issued
  leaf: Issued
  leafKey: string
  rootKey: string
  otherKey: string
}
let w: World

beforeAll(async () => {
  // EC keys generate in microseconds; only the two RSA tests below pay for RSA generation.
  const [rootKeys, interKeys, leafKeys, otherKeys] = await Promise.all([keyPair(EC256), keyPair(EC384), keyPair(EC256), keyPair(EC256)])
  const root = await issue({ name: 'CN=Test Root,O=Example', keys: rootKeys, ca: true })
  const intermediate = await issue({ name: 'CN=Test Intermediate,O=Example', keys: interKeys, issuer: root, ca: true, pathLength: 0 })
  const leaf = await issue({ name: 'CN=client.example,O=Example', keys: leafKeys, issuer: intermediate, extendedKeyUsage: CLIENT_AUTH })
  w = { root, intermediate, leaf, leafKey: await pkcs8Pem(leafKeys), rootKey: await pkcs8Pem(rootKeys), otherKey: await pkcs8Pem(otherKeys) }
})

function derLength(n: number): number[] {
  if (n < 0x80) return [n]
  const bytes: number[] = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256)
  return [0x80 | bytes.length, ...bytes]
}

function tlv(tag: number, body: number[]): number[] {
  return [tag, ...derLength(body.length), ...body]
}

/** The same certificate with another serial, re-signed with `signer` (the issuer's private key) so only the serial changes. */
function withSerial(der: Uint8Array, serial: number[], signer: webcrypto.CryptoKey): Uint8Array {
  const cert = readTlv(der, 0, der.length)
  const [tbs, algorithm] = children(der, cert)
  if (tbs === undefined || algorithm === undefined) throw new Error('no TBS')
  const fields = children(der, tbs)
  const serialIndex = fields[0]?.tag === 0xa0 ? 1 : 0
  const tbsDer = tlv(
    0x30,
    fields.flatMap((f, i) => (i === serialIndex ? tlv(0x02, serial) : Array.from(der.subarray(f.start, f.end))))
  )
  // ECDSA with SHA-256 (the helpers' default): Node signs EC keys in the DER form X.509 uses.
  const signature = sign('sha256', new Uint8Array(tbsDer), KeyObject.from(signer))
  return new Uint8Array(tlv(0x30, [...tbsDer, ...Array.from(der.subarray(algorithm.start, algorithm.end)), ...tlv(0x03, [0, ...signature])]))
}

/** The same certificate with the last byte of its signature value changed: it parses, but its signature no longer verifies. */
function corruptSignature(pem: string): string {
  const der = new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'))
  der[der.length - 1] = (der[der.length - 1] ?? 0) ^ 0x01
  return toPemText(der)
}

function toPemText(der: Uint8Array): string {
  return `-----BEGIN CERTIFICATE-----\n${
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g)
      ?.join('\n') ?? ''
  }\n-----END CERTIFICATE-----\n`
}

function leafUpload(pem: string, key: string | undefined, extra: Partial<ValidateOptions> = {}): FileReport {
  const report = validatePem(
    pem,
    options({ profile: 'leaf', requirePrivateKey: true, ...(key === undefined ? {} : { privateKey: { text: key, file: 'key.pem' } }), ...extra })
  )
  assertWellFormed(report)
  return report
}

function caUpload(pem: string | Uint8Array, extra: Partial<ValidateOptions> = {}): FileReport {
  const report = validatePem(pem, options({ profile: 'ca', ...extra }))
  assertWellFormed(report)
  return report
}

describe('a correct upload', () => {
  it('accepts a leaf with its matching key and issuers, and reports its facts', () => {
    const report = leafUpload(w.leaf.pem + w.intermediate.pem + w.root.pem, w.leafKey)
    expect(report.findings).toEqual([])
    expect(report.profile).toBe('leaf')
    const node = new X509Certificate(w.leaf.pem)
    expect(report.certificates[0]).toMatchObject({
      index: 0,
      line: 1,
      subject: 'O=Example,CN=client.example',
      issuer: 'O=Example,CN=Test Intermediate',
      sha256Fingerprint: node.fingerprint256,
      serialNumber: BigInt(`0x${node.serialNumber}`).toString(10),
      isCA: false,
      selfSigned: false,
      key: 'EC P-256',
      signatureAlgorithm: 'ECDSAWithSHA256',
      daysLeft: 365
    })
    expect(report.certificates[1]).toMatchObject({ key: 'EC P-384', isCA: true, selfSigned: false })
    expect(report.certificates[2]).toMatchObject({ isCA: true, selfSigned: true, signatureAlgorithm: 'ECDSAWithSHA256' })
    expect(report.certificates.map((c) => c.pem).join('')).toBe(
      w.leaf.pem.replace(/\n\n$/, '\n') + w.intermediate.pem.replace(/\n\n$/, '\n') + w.root.pem.replace(/\n\n$/, '\n')
    )
  })

  it('accepts a CA upload of a root, resolving the auto profile to ca', () => {
    const report = validatePem(w.root.pem, options())
    expect(report.profile).toBe('ca')
    expect(report.findings).toEqual([])
  })

  it('resolves auto to leaf for an end entity and to ca when there is no certificate', () => {
    expect(validatePem(w.leaf.pem, options()).profile).toBe('leaf')
    expect(validatePem('', options()).profile).toBe('ca')
  })

  it('accepts the same bundle as bytes', () => {
    expect(validatePem(new TextEncoder().encode(w.root.pem), options({ profile: 'ca' })).findings).toEqual([])
  })
})

describe('private key pairing', () => {
  it('rejects a key that belongs to another certificate, pointing at the key line', () => {
    const report = leafUpload(w.leaf.pem + w.intermediate.pem, w.otherKey)
    expect(codeSet(report)).toEqual(['KEY_MISMATCH'])
    expect(report.findings[0]).toMatchObject({ file: 'key.pem', line: 1 })
  })

  it('says when the key matches a later certificate of the bundle instead', () => {
    const report = leafUpload(w.leaf.pem + w.root.pem, w.rootKey)
    expect(report.findings.find((f) => f.code === 'KEY_MISMATCH')?.message).toContain('matches certificate 2')
  })

  it('rejects an encrypted PKCS#8 key', async () => {
    const report = leafUpload(w.leaf.pem + w.intermediate.pem, await encryptedPkcs8Pem(w.leaf.keys))
    expect(codeSet(report)).toEqual(['KEY_ENCRYPTED'])
  })

  it('rejects a traditional key with Proc-Type: 4,ENCRYPTED', async () => {
    const report = leafUpload(w.leaf.pem + w.intermediate.pem, await encryptedTraditionalPem(w.leaf.keys))
    expect(codeSet(report)).toEqual(['KEY_ENCRYPTED'])
  })

  it('requires a key for a ca: false upload and ignores its absence otherwise', () => {
    expect(codeSet(leafUpload(w.leaf.pem + w.intermediate.pem, undefined))).toEqual(['KEY_MISSING'])
    expect(codeSet(leafUpload(w.leaf.pem + w.intermediate.pem, '  \n'))).toEqual(['KEY_MISSING'])
    expect(codeSet(leafUpload(w.leaf.pem + w.intermediate.pem, undefined, { requirePrivateKey: false }))).toEqual([])
  })

  it('does not require a key when auto resolves to a CA upload', () => {
    const report = validatePem(w.intermediate.pem + w.root.pem, options({ requirePrivateKey: true }))
    expect(report.profile).toBe('ca')
    expect(report.findings).toEqual([])
  })

  it('warns that a key given with a CA upload is not used', () => {
    const report = caUpload(w.root.pem, { privateKey: { text: w.rootKey, file: 'key.pem' } })
    expect(codeSet(report)).toEqual(['KEY_NOT_USED'])
  })

  it('rejects two keys, a key file without a key, and a corrupted key', () => {
    expect(codeSet(leafUpload(w.leaf.pem + w.intermediate.pem, w.leafKey + w.otherKey))).toEqual(['KEY_MULTIPLE'])
    expect(codeSet(leafUpload(w.leaf.pem + w.intermediate.pem, w.root.pem))).toEqual(['KEY_FILE_CONTAINS_CERTIFICATE', 'KEY_NOT_FOUND'])
    const corrupted = w.leafKey.replace(/\n([A-Za-z0-9+/]{8})/, '\nAAAAAAAA')
    expect(codeSet(leafUpload(w.leaf.pem + w.intermediate.pem, corrupted))).toEqual(['KEY_UNPARSEABLE'])
  })

  it('rejects an OpenSSH key and warns about stray blocks in the key input', () => {
    const openssh = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n'
    expect(codeSet(leafUpload(w.leaf.pem + w.intermediate.pem, openssh))).toEqual(['KEY_UNSUPPORTED_FORMAT'])
    const publicKey = new X509Certificate(w.leaf.pem).publicKey.export({ type: 'spki', format: 'pem' }).toString()
    const report = leafUpload(w.leaf.pem + w.intermediate.pem, publicKey + w.leafKey)
    expect(report.findings.map((f) => [f.code, f.file, f.line])).toEqual([['KEY_FILE_UNEXPECTED_BLOCK', 'key.pem', 1]])
  })

  it('accepts a key file that also carries EC PARAMETERS (openssl ecparam -genkey output)', () => {
    const params = '-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n'
    expect(leafUpload(w.leaf.pem + w.intermediate.pem, params + w.leafKey).findings).toEqual([])
  })

  it('never quotes key material in a finding', () => {
    const report = leafUpload(w.leaf.pem, w.otherKey.replace('-----END', 'junk!\n-----END'))
    const body = w.otherKey.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))
    for (const f of report.findings) for (const line of body) expect(f.message).not.toContain(line.slice(0, 16))
  })
})

describe('weak or unsupported keys and algorithms', () => {
  it('rejects a 1024-bit RSA key and its private key', async () => {
    const keys = await keyPair(rsa(1024))
    const leaf = await issue({ name: 'CN=weak', keys, issuer: w.intermediate, extendedKeyUsage: CLIENT_AUTH })
    const report = leafUpload(leaf.pem + w.intermediate.pem, await pkcs8Pem(keys))
    expect(codeSet(report)).toEqual(['CERT_RSA_KEY_TOO_SMALL'])
    expect(report.certificates[0]?.key).toBe('RSA 1024')
    // A 1024-bit key that does not match is reported on its own.
    expect(codeSet(leafUpload(w.leaf.pem + w.intermediate.pem, await pkcs8Pem(keys)))).toEqual(['KEY_MISMATCH', 'KEY_WEAK'])
  })

  it('warns on a P-521 key', async () => {
    const keys = await keyPair(EC521)
    const leaf = await issue({ name: 'CN=p521', keys, issuer: w.intermediate, extendedKeyUsage: CLIENT_AUTH })
    const report = leafUpload(leaf.pem + w.intermediate.pem, await pkcs8Pem(keys))
    expect({ verdict: verdict(report), codes: codeSet(report) }).toEqual({ verdict: 'warning', codes: ['CERT_EC_CURVE_P521'] })
  })

  it('warns on a SHA-1 signature by an issuer but only notes it on a root self-signature', async () => {
    const keys = await keyPair(rsa(2048, 'SHA-1'))
    const root = await issue({ name: 'CN=SHA1 Root', keys, ca: true, hash: 'SHA-1' })
    const leaf = await issue({ name: 'CN=sha1 leaf', keys: w.leaf.keys, issuer: root, extendedKeyUsage: CLIENT_AUTH, hash: 'SHA-1' })
    expect(codeSet(caUpload(root.pem))).toEqual(['CERT_SHA1_SELF_SIGNATURE'])
    expect(codeSet(leafUpload(leaf.pem + root.pem, w.leafKey))).toEqual(['CERT_SHA1_SELF_SIGNATURE', 'CERT_SHA1_SIGNATURE'])
  })

  it("rejects an Ed25519 CA (signature and key outside Cloudflare's list) but only warns for a leaf", async () => {
    const keys = await keyPair({ name: 'Ed25519' })
    const root = await issue({ name: 'CN=Edwards Root', keys, ca: true })
    expect(codeSet(caUpload(root.pem))).toEqual(['CERT_KEY_ALGORITHM_UNSUPPORTED', 'CERT_SIGNATURE_ALGORITHM_UNSUPPORTED'])
    expect(caUpload(root.pem).certificates[0]).toMatchObject({ key: 'Ed25519', signatureAlgorithm: 'Ed25519', selfSigned: true })
    const leaf = await issue({ name: 'CN=ed leaf', keys: w.leaf.keys, issuer: root, extendedKeyUsage: CLIENT_AUTH })
    const report = leafUpload(leaf.pem + root.pem, w.leafKey)
    expect(report.findings.map((f) => [f.code, f.certificateIndex])).toEqual([
      ['CERT_UNDOCUMENTED_ALGORITHM', 0],
      ['CERT_UNDOCUMENTED_ALGORITHM', 1],
      ['CERT_UNDOCUMENTED_ALGORITHM', 1]
    ])
  })
})

describe('validity window', () => {
  const leafExpiringIn = async (days: number): Promise<Issued> =>
    issue({ name: 'CN=soon', keys: w.leaf.keys, issuer: w.intermediate, extendedKeyUsage: CLIENT_AUTH, notAfter: new Date(NOW.getTime() + days * DAY) })

  it('warns inside the warning window and not at its edge', async () => {
    const soon = await leafExpiringIn(10)
    expect(codeSet(leafUpload(soon.pem + w.intermediate.pem, w.leafKey))).toEqual(['CERT_EXPIRES_SOON'])
    expect(leafUpload(soon.pem + w.intermediate.pem, w.leafKey).certificates[0]?.daysLeft).toBe(10)
    const edge = await leafExpiringIn(30)
    expect(codeSet(leafUpload(edge.pem + w.intermediate.pem, w.leafKey))).toEqual([])
  })

  it('turns expiry within expiryErrorDays into an error', async () => {
    const soon = await leafExpiringIn(10)
    const report = leafUpload(soon.pem + w.intermediate.pem, w.leafKey, { expiryErrorDays: 14 })
    expect(codeSet(report)).toEqual(['CERT_EXPIRES_WITHIN_ERROR_WINDOW'])
  })

  it('rejects an expired and a not-yet-valid certificate', async () => {
    const expired = await issue({
      name: 'CN=old',
      keys: w.leaf.keys,
      issuer: w.intermediate,
      extendedKeyUsage: CLIENT_AUTH,
      notBefore: new Date('2020-01-01'),
      notAfter: new Date('2021-01-01')
    })
    expect(codeSet(leafUpload(expired.pem + w.intermediate.pem, w.leafKey))).toEqual(['CERT_EXPIRED'])
    const future = await issue({ name: 'CN=future', keys: w.leaf.keys, issuer: w.intermediate, extendedKeyUsage: CLIENT_AUTH, notBefore: new Date(NOW.getTime() + DAY) })
    expect(codeSet(leafUpload(future.pem + w.intermediate.pem, w.leafKey))).toEqual(['CERT_NOT_YET_VALID'])
  })

  it('uses only the injected clock', async () => {
    const soon = await leafExpiringIn(10)
    const later = leafUpload(soon.pem + w.intermediate.pem, w.leafKey, { now: new Date(NOW.getTime() + 20 * DAY) })
    expect(codeSet(later)).toEqual(['CERT_EXPIRED'])
    expect(later.certificates[0]?.daysLeft).toBe(-10)
  })
})

describe('leaf profile', () => {
  it('rejects a leaf whose EKU lacks clientAuth', async () => {
    const server = await issue({ name: 'CN=server', keys: w.leaf.keys, issuer: w.intermediate, extendedKeyUsage: [x509.ExtendedKeyUsage.serverAuth] })
    expect(codeSet(leafUpload(server.pem + w.intermediate.pem, w.leafKey))).toEqual(['LEAF_EKU_NO_CLIENT_AUTH'])
    const noEku = await issue({ name: 'CN=any', keys: w.leaf.keys, issuer: w.intermediate })
    expect(codeSet(leafUpload(noEku.pem + w.intermediate.pem, w.leafKey))).toEqual([])
  })

  it("warns about a certificate that is not in the leaf's chain", async () => {
    const stranger = await issue({ name: 'CN=Stranger Root', keys: await keyPair(EC256), ca: true })
    const report = leafUpload(w.leaf.pem + w.intermediate.pem + stranger.pem, w.leafKey)
    expect(report.findings.map((f) => [f.code, f.certificateIndex])).toEqual([['LEAF_UNRELATED_CERTIFICATE', 2]])
  })

  it("rejects a ca: false bundle whose second certificate is not the leaf's issuer (intermediate missing)", async () => {
    const stranger = await issue({ name: 'CN=Stranger Root', keys: await keyPair(EC256), ca: true })
    // The leaf's real root in the intermediate's place is as incomplete as an unrelated one.
    for (const pem of [w.leaf.pem + stranger.pem, w.leaf.pem + w.root.pem, w.leaf.pem + stranger.pem + w.root.pem]) {
      const report = leafUpload(pem, w.leafKey)
      expect(report.findings.map((f) => [f.code, f.severity, f.certificateIndex])).toEqual([['LEAF_CHAIN_INCOMPLETE', 'error', 0]])
      expect(report.findings[0]?.message).toContain('"O=Example,CN=Test Intermediate"')
    }
    // ca: auto resolves to the leaf profile from the first certificate's Basic Constraints.
    const auto = validatePem(w.leaf.pem + stranger.pem, options({ privateKey: { text: w.leafKey, file: 'key.pem' } }))
    expect(auto.profile).toBe('leaf')
    expect(codeSet(auto)).toEqual(['LEAF_CHAIN_INCOMPLETE'])
    expect(verdict(auto)).toBe('error')
  })

  it('keeps a lone leaf and a leaf with its issuer plus an unrelated certificate below error, and a repeated leaf is no incomplete chain', async () => {
    const stranger = await issue({ name: 'CN=Stranger Root', keys: await keyPair(EC256), ca: true })
    expect(leafUpload(w.leaf.pem, w.leafKey).findings).toEqual([])
    const extra = leafUpload(w.leaf.pem + w.intermediate.pem + stranger.pem, w.leafKey)
    expect({ verdict: verdict(extra), codes: codeSet(extra) }).toEqual({ verdict: 'warning', codes: ['LEAF_UNRELATED_CERTIFICATE'] })
    // The copy is not "another certificate" (it gets CHAIN_DUPLICATE_CERTIFICATE, and CA_NOT_CA in the issuer's place).
    expect(codeSet(leafUpload(w.leaf.pem + w.leaf.pem, w.leafKey))).not.toContain('LEAF_CHAIN_INCOMPLETE')
  })

  it("does not call a self-signed leaf's extra certificate an incomplete chain", async () => {
    const keys = await keyPair(EC256)
    const selfSigned = await issue({ name: 'CN=self-signed client', keys, extendedKeyUsage: CLIENT_AUTH })
    const report = leafUpload(selfSigned.pem + w.root.pem, await pkcs8Pem(keys))
    expect(report.findings.map((f) => [f.code, f.certificateIndex])).toEqual([['LEAF_UNRELATED_CERTIFICATE', 1]])
  })

  it("leaves an incomplete chain to the CA profile's own findings when the upload is ca: true or auto resolves to ca", async () => {
    const stranger = await issue({ name: 'CN=Stranger Root', keys: await keyPair(EC256), ca: true })
    expect(codeSet(caUpload(w.leaf.pem + stranger.pem))).toEqual(['CA_LEAF_IN_BUNDLE'])
    const auto = validatePem(w.intermediate.pem + stranger.pem, options())
    expect(auto.profile).toBe('ca')
    expect(auto.findings.map((f) => [f.code, f.severity, f.certificateIndex])).toEqual([['CHAIN_ROOT_NOT_INCLUDED', 'warning', 0]])
  })

  it('warns when a CA certificate is uploaded explicitly as a leaf', () => {
    // The root's Key Usage (keyCertSign, cRLSign) also lacks digitalSignature, which client auth needs.
    expect(codeSet(leafUpload(w.root.pem, w.rootKey))).toEqual(['LEAF_IS_CA', 'LEAF_KEY_USAGE_NO_DIGITAL_SIGNATURE'])
  })
})

describe('CA profile', () => {
  it('warns that the root is missing when the bundle ends in an intermediate', () => {
    const report = caUpload(w.intermediate.pem)
    expect(report.findings.map((f) => [f.code, f.severity])).toEqual([['CHAIN_ROOT_NOT_INCLUDED', 'warning']])
  })

  it('rejects an end-entity certificate inside a CA bundle', () => {
    const report = caUpload(w.leaf.pem + w.intermediate.pem + w.root.pem)
    expect(report.findings.map((f) => [f.code, f.certificateIndex])).toEqual([['CA_LEAF_IN_BUNDLE', 0]])
  })

  it('rejects a lone end-entity certificate as not a CA', () => {
    expect(codeSet(caUpload(w.leaf.pem))).toEqual(['CA_NOT_CA'])
  })

  it('rejects a CA below a pathlen:0 intermediate', async () => {
    const sub = await issue({ name: 'CN=Sub CA', keys: await keyPair(EC256), issuer: w.intermediate, ca: true })
    const report = caUpload(sub.pem + w.intermediate.pem + w.root.pem)
    expect(report.findings.map((f) => [f.code, f.certificateIndex])).toEqual([['CA_PATH_LENGTH_EXCEEDED', 1]])
  })

  it('rejects a certificate whose Basic Constraints value is not valid DER', async () => {
    const keys = await keyPair(EC256)
    // BOOLEAN TRUE encoded as 0x01: BER allows it, DER (and Go) do not.
    const badBc = new x509.Extension('2.5.29.19', true, new Uint8Array([0x30, 0x03, 0x01, 0x01, 0x01]))
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '0101',
      name: 'CN=Odd BC',
      notBefore: new Date(NOW.getTime() - DAY),
      notAfter: new Date(NOW.getTime() + 365 * DAY),
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      extensions: [badBc, new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)]
    })
    const report = caUpload(cert.toString('pem'))
    expect(codeSet(report)).toEqual(['CA_BASIC_CONSTRAINTS_MISSING', 'CERT_MALFORMED_EXTENSION'])
    expect(report.findings.find((f) => f.code === 'CERT_MALFORMED_EXTENSION')?.message).toContain('basicConstraints')
  })

  it('warns about a negative serial number', async () => {
    // Generators always encode a positive serial, so drop the sign byte of 0x00FF01 by re-encoding the DER.
    const positive = await issue({ name: 'CN=Negative', keys: await keyPair(EC256), ca: true, serialNumber: 'ff01' })
    const report = caUpload(toPemText(withSerial(positive.der, [0xff, 0x01], positive.keys.privateKey)))
    expect(report.certificates[0]?.serialNumber).toBe('-255')
    expect(codeSet(report)).toEqual(['CERT_SERIAL_NEGATIVE'])
  })

  it('rejects Basic Constraints missing and a CA without keyCertSign', async () => {
    const noBc = await issue({ name: 'CN=No BC', keys: await keyPair(EC256), noBasicConstraints: true, keyUsage: x509.KeyUsageFlags.keyCertSign })
    expect(codeSet(caUpload(noBc.pem))).toEqual(['CA_BASIC_CONSTRAINTS_MISSING'])
    const noSign = await issue({ name: 'CN=No Sign', keys: await keyPair(EC256), ca: true, keyUsage: x509.KeyUsageFlags.digitalSignature })
    expect(codeSet(caUpload(noSign.pem))).toEqual(['CA_KEY_USAGE_NO_CERT_SIGN'])
  })
})

describe('bundle structure', () => {
  it('warns about a repeated certificate once, on the copy', () => {
    const report = caUpload(w.intermediate.pem + w.root.pem + w.root.pem)
    expect(report.findings.map((f) => [f.code, f.certificateIndex, f.line])).toEqual([['CHAIN_DUPLICATE_CERTIFICATE', 2, report.certificates[2]?.line]])
  })

  it('warns when an issuer is present but not next', () => {
    const report = leafUpload(w.leaf.pem + w.root.pem + w.intermediate.pem, w.leafKey)
    expect(report.findings.map((f) => [f.code, f.certificateIndex])).toEqual([
      ['CHAIN_ORDER', 0],
      ['CHAIN_ORDER', 2]
    ])
  })

  it('rejects a certificate whose name-matched issuer did not sign it', async () => {
    const impostorKeys = await keyPair(EC256)
    const forged = await issue({ name: 'CN=forged', keys: w.leaf.keys, issuer: { name: 'CN=Test Root,O=Example', keys: impostorKeys }, extendedKeyUsage: CLIENT_AUTH })
    const report = leafUpload(forged.pem + w.root.pem, w.leafKey)
    expect(report.findings.map((f) => [f.code, f.certificateIndex])).toEqual([['CHAIN_BAD_SIGNATURE', 0]])
  })

  it('accepts a key-rollover certificate: self-issued, signed by the previous root key', async () => {
    const newKeys = await keyPair(EC256)
    const rollover = await issue({ name: 'CN=Test Root,O=Example', keys: newKeys, issuer: w.root, ca: true })
    const report = caUpload(rollover.pem + w.root.pem)
    expect(report.findings).toEqual([])
    expect(report.certificates.map((c) => c.selfSigned)).toEqual([false, true])
  })

  it('rejects a self-signed root whose signature does not verify under its own key', () => {
    const corrupted = corruptSignature(w.root.pem)
    for (const profile of ['ca', 'auto'] as const) {
      const report = validatePem(corrupted, options({ profile }))
      assertWellFormed(report)
      expect(report.findings.map((f) => [f.code, f.severity, f.certificateIndex, f.line])).toEqual([['CERT_BAD_SELF_SIGNATURE', 'error', 0, 1]])
      expect(report.certificates[0]).toMatchObject({ isCA: true, selfSigned: false })
    }
    // The intact root still passes in the same run: results are cached by the certificate's bytes.
    expect(caUpload(w.root.pem).findings).toEqual([])
  })

  it('rejects a corrupted root at the end of a chain, every time it recurs in a run', () => {
    const pem = w.leaf.pem + w.intermediate.pem + corruptSignature(w.root.pem)
    for (let i = 0; i < 3; i++) {
      expect(leafUpload(pem, w.leafKey).findings.map((f) => [f.code, f.certificateIndex])).toEqual([['CERT_BAD_SELF_SIGNATURE', 2]])
      expect(caUpload(pem.slice(w.leaf.pem.length)).findings.map((f) => [f.code, f.certificateIndex])).toEqual([['CERT_BAD_SELF_SIGNATURE', 1]])
    }
    expect(leafUpload(w.leaf.pem + w.intermediate.pem + w.root.pem, w.leafKey).findings).toEqual([])
  })

  it('verifies a root repeated across the files of a run once', async () => {
    const root = await issue({ name: 'CN=Repeated Root', keys: await keyPair(EC256), ca: true })
    const intermediate = await issue({ name: 'CN=Repeated Intermediate', keys: await keyPair(EC256), issuer: root, ca: true })
    const verify = vi.spyOn(X509Certificate.prototype, 'verify')
    try {
      for (let i = 0; i < 5; i++) expect(caUpload(intermediate.pem + root.pem).findings).toEqual([])
      // The root's self-signature is checked once, not once per file (the first certificate of a file,
      // here the intermediate, is not kept between files, so its own check repeats).
      const rootFingerprint = new X509Certificate(root.pem).fingerprint256
      expect(verify.mock.contexts.filter((cert) => (cert as X509Certificate).fingerprint256 === rootFingerprint)).toHaveLength(1)
    } finally {
      verify.mockRestore()
    }
  })

  it('rejects a corrupted RSA root and keeps its SHA-1 self-signature a notice, but does not judge an MD2 self-signature', async () => {
    const keys = await keyPair(rsa(2048, 'SHA-1'))
    const root = await issue({ name: 'CN=SHA1 RSA Root', keys, ca: true, hash: 'SHA-1' })
    expect(codeSet(caUpload(corruptSignature(root.pem)))).toEqual(['CERT_BAD_SELF_SIGNATURE', 'CERT_SHA1_SELF_SIGNATURE'])
    // OpenSSL 3 cannot verify MD2 at all, so an MD2 root is rejected for its algorithm only, never called corrupted.
    const sha1WithRsa = '06092a864886f70d010105'
    const md2 = Buffer.from(Buffer.from(root.der).toString('hex').replaceAll(sha1WithRsa, '06092a864886f70d010102'), 'hex')
    const report = caUpload(toPemText(new Uint8Array(md2)))
    expect(report.certificates[0]).toMatchObject({ signatureAlgorithm: 'MD2WithRSA', selfSigned: true })
    expect(codeSet(report)).toEqual(['CERT_SIGNATURE_ALGORITHM_INSECURE'])
  })

  it('names the same-named certificate that does not verify a corrupted root either', async () => {
    const rollover = await issue({ name: 'CN=Test Root,O=Example', keys: await keyPair(EC256), issuer: w.root, ca: true })
    const report = caUpload(rollover.pem + corruptSignature(w.root.pem))
    // The rollover certificate is still issued by the root's key, which the corrupted copy carries intact.
    expect(report.findings.map((f) => [f.code, f.certificateIndex])).toEqual([['CERT_BAD_SELF_SIGNATURE', 1]])
    expect(report.findings[0]?.message).toContain('certificate 1 (same name)')
  })

  it('does not verify signatures when no issuer is in the file', () => {
    // A leaf alone: nothing name-matches, so it is neither a bad signature nor self-signed.
    const report = leafUpload(w.leaf.pem, w.leafKey)
    expect(report.findings).toEqual([])
    expect(report.certificates[0]?.selfSigned).toBe(false)
  })
})

describe('file and PEM problems on a generated certificate', () => {
  const der = (): Uint8Array => new Uint8Array(Buffer.from(w.root.pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'))

  it.each([
    ['CRLF line endings', (p: string) => p.replace(/\n/g, '\r\n'), ['PEM_CRLF'], 1],
    ['a UTF-8 BOM', (p: string) => `\ufeff${p}`, ['PEM_BOM'], 1],
    ['a JSON-escaped PEM with literal \\n', (p: string) => JSON.stringify(p).slice(1, -1), ['PEM_LITERAL_NEWLINES'], 1],
    ['a JSON string with its quotes', (p: string) => JSON.stringify(p), ['PEM_LITERAL_NEWLINES'], 1],
    ['indented armor', (p: string) => p.replace(/^/gm, '    ').trimEnd(), ['PEM_INDENTED_ARMOR', 'PEM_WHITESPACE_IN_BODY'], 1],
    ['line breaks replaced by spaces', (p: string) => `certificate: ${p.trim().replace(/\n/g, ' ')}`, ['PEM_SINGLE_LINE', 'PEM_TEXT_OUTSIDE_BLOCKS'], 1],
    ['a mismatched END label', (p: string) => p.replace('END CERTIFICATE', 'END PRIVATE KEY'), ['PEM_LABEL_MISMATCH'], 11],
    ['a truncated block followed by a complete one', (p: string) => p.split('\n').slice(0, 4).join('\n') + '\n' + p, ['PEM_NESTED_BEGIN'], 5],
    ['a missing END line', (p: string) => p.replace(/-----END CERTIFICATE-----\n+$/, ''), ['PEM_MISSING_END'], 1],
    ['a non-base64 character', (p: string) => p.replace(/\n([A-Za-z0-9+/]{10})/, '\n$1*'), ['PEM_BAD_BASE64'], 2],
    ['a truncated body', (p: string) => p.replace(/[A-Za-z0-9+/]{5}={0,2}\n-----END/, '\n-----END'), ['PEM_BAD_BASE64'], 10],
    ['a blank line in the body', (p: string) => p.replace(/\n(?=[A-Za-z0-9+/]{64}\n)/, '\n\n'), ['PEM_BLANK_LINE_IN_BLOCK'], 2],
    ['a shortened middle line', (p: string) => p.replace(/\n([A-Za-z0-9+/]{60})([A-Za-z0-9+/]{4})\n/, '\n$1\n$2\n'), ['PEM_IRREGULAR_LINE_LENGTH'], 2]
  ] as const)('%s', (_name, mutate, expected, line) => {
    const report = caUpload(mutate(w.root.pem))
    expect(codeSet(report)).toEqual([...expected].sort())
    expect(report.findings[0]?.line).toBe(line)
  })

  it('still reads the certificate behind CRLF, BOM, literal \\n, indentation and flattening', () => {
    const variants = [
      w.root.pem.replace(/\n/g, '\r\n'),
      `\ufeff${w.root.pem}`,
      JSON.stringify(w.root.pem).slice(1, -1),
      w.root.pem.replace(/^/gm, '  '),
      w.root.pem.trim().replace(/\n/g, ' ')
    ]
    for (const text of variants) {
      expect(caUpload(text).certificates.map((c) => c.sha256Fingerprint)).toEqual([new X509Certificate(w.root.pem).fingerprint256])
    }
  })

  it('recognises a DER file and says how to convert it', () => {
    const report = caUpload(der(), { file: 'root.der' })
    expect(report.findings).toEqual([expect.objectContaining({ code: 'FILE_IS_DER', line: 1, file: 'root.der' })])
    expect(report.findings[0]?.message).toContain('openssl x509 -inform der')
  })

  it('rejects empty input in every form', () => {
    for (const empty of ['', '\n\n', '   ', new Uint8Array(0)]) expect(codeSet(caUpload(empty))).toEqual(['FILE_EMPTY'])
  })

  it('rejects non-certificate blocks with the command that fixes each', async () => {
    const cases: Array<[string, string, string]> = [
      [w.leafKey, 'PEM_PRIVATE_KEY_BLOCK', 'private-key input'],
      [await encryptedPkcs8Pem(w.leaf.keys), 'PEM_PRIVATE_KEY_BLOCK', 'private-key input'],
      [await csrPem(w.leaf.keys), 'PEM_CSR_BLOCK', 'openssl x509 -req'],
      ['-----BEGIN PKCS7-----\nMAsGCSqGSIb3DQEHAqA=\n-----END PKCS7-----\n', 'PEM_PKCS7_BLOCK', 'openssl pkcs7 -print_certs'],
      [new X509Certificate(w.root.pem).publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'PEM_PUBLIC_KEY_BLOCK', 'certificate'],
      ['-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n', 'PEM_CRL_BLOCK', 'revocation list']
    ]
    for (const [block, code, hint] of cases) {
      const report = caUpload(w.root.pem + block)
      expect(codeSet(report)).toEqual([code])
      expect(report.findings[0]?.message).toContain(hint)
      expect(report.findings[0]?.line).toBe(12)
    }
    expect(codeSet(caUpload(await csrPem(w.leaf.keys)))).toEqual(['PEM_CSR_BLOCK'])
  })

  it('reads a legacy X509 CERTIFICATE block as a certificate but rejects the label, and rejects other labels', () => {
    const legacy = caUpload(w.root.pem.replace(/CERTIFICATE/g, 'X509 CERTIFICATE'))
    expect(codeSet(legacy)).toEqual(['PEM_LEGACY_CERTIFICATE_LABEL'])
    expect(legacy.certificates).toHaveLength(1)
    const trusted = caUpload(w.root.pem.replace(/CERTIFICATE/g, 'TRUSTED CERTIFICATE'))
    expect(codeSet(trusted)).toEqual(['PEM_TRUSTED_CERTIFICATE_BLOCK'])
    expect(trusted.findings[0]?.message).toContain('openssl x509 -in')
    expect(codeSet(caUpload(w.root.pem + '-----BEGIN DH PARAMETERS-----\nMAA=\n-----END DH PARAMETERS-----\n'))).toEqual(['PEM_UNEXPECTED_BLOCK'])
    expect(codeSet(caUpload('just some notes\n'))).toEqual(['PEM_NO_CERTIFICATES', 'PEM_TEXT_OUTSIDE_BLOCKS'])
  })

  it('identifies every finding with the file label it was given', () => {
    const report = validatePem(JSON.stringify(w.root.pem), options({ file: 'certificate', profile: 'ca' }))
    expect(report.file).toBe('certificate')
    expect(report.findings.every((f) => f.file === 'certificate')).toBe(true)
  })

  it('hashes the DER it reports', () => {
    const report = caUpload(w.root.pem)
    const expected = createHash('sha256').update(der()).digest('hex').toUpperCase().match(/../g)?.join(':')
    expect(report.certificates[0]?.sha256Fingerprint).toBe(expected)
  })
})
