/**
 * Test certificates made with @peculiar/x509 and WebCrypto: independent of the emulator's own
 * DER writer, so parsing is checked against certificates it did not make.
 */
import { webcrypto } from 'node:crypto'
import type { JsonName } from '@peculiar/x509'

type CryptoKeyPair = webcrypto.CryptoKeyPair

// @peculiar/x509 pulls in tsyringe, which insists on a Reflect metadata polyfill; reflect-metadata
// is not a dependency, and these three functions are all tsyringe calls.
installReflectMetadata()
const x509 = await import('@peculiar/x509')
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])

function installReflectMetadata(): void {
  const r = Reflect as unknown as Record<string, unknown>
  if (typeof r.getMetadata === 'function') return
  const store = new WeakMap<object, Map<unknown, unknown>>()
  r.defineMetadata = (key: unknown, value: unknown, target: object) => {
    let map = store.get(target)
    if (!map) store.set(target, (map = new Map()))
    map.set(key, value)
  }
  r.getOwnMetadata = (key: unknown, target: object) => store.get(target)?.get(key)
  r.getMetadata = (key: unknown, target: object) => {
    for (let o: object | null = target; o; o = Object.getPrototypeOf(o) as object | null) {
      const v = store.get(o)?.get(key)
      if (v !== undefined) return v
    }
    return undefined
  }
}

export type KeyKind = 'ec' | 'rsa' | 'ed25519'

const ALGORITHMS: Record<KeyKind, webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams | webcrypto.Algorithm> = {
  ec: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  rsa: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
  ed25519: { name: 'Ed25519' }
}

export interface TestCertificate {
  pem: string
  keyPem: string
  keys: CryptoKeyPair
  cert: InstanceType<typeof x509.X509Certificate>
  kind: KeyKind
}

export interface CertificateOptions {
  kind?: KeyKind
  /** a string in @peculiar/x509 syntax (DER order = written order) or JSON name */
  name?: string | JsonName
  serialNumber?: string
  notAfter?: Date
  ca?: boolean
  issuer?: TestCertificate
}

let counter = 0

export async function makeCertificate(options: CertificateOptions = {}): Promise<TestCertificate> {
  const kind = options.kind ?? 'ec'
  const algorithm = ALGORITHMS[kind]
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair
  const ca = options.ca ?? true
  const name = options.name ?? `CN=Test ${ca ? 'CA' : 'Leaf'} ${++counter}, O=Example Inc., C=US`
  const common = {
    serialNumber: options.serialNumber ?? `0${(0x1000 + ++counter).toString(16)}`,
    notBefore: new Date(Date.now() - 3_600_000),
    notAfter: options.notAfter ?? new Date(Date.now() + 90 * 86_400_000),
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(ca, ca ? 1 : undefined, true),
      new x509.KeyUsagesExtension(ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature, true)
    ]
  }
  const cert = options.issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: name,
        issuer: options.issuer.cert.subject,
        publicKey: keys.publicKey,
        signingKey: options.issuer.keys.privateKey
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name, keys })
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey))
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString('base64')
    .match(/.{1,64}/g)
    ?.join('\n')}\n-----END PRIVATE KEY-----\n`
  return { pem: `${cert.toString('pem')}\n`, keyPem, keys, cert, kind }
}

export { x509 }
