import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { AsnConvert } from '@peculiar/asn1-schema'
import { Certificate } from '@peculiar/asn1-x509'
import { describe, expect, it } from 'vitest'
import { attributeValueString, formatName, parseCertificateDer } from '../../src/pem/certificate.js'
import { DerError, readOid, readTlv } from '../../src/pem/der.js'
import { readPemBlocks } from '../../src/pem/index.js'
import { x509 } from './helpers.js'

const DIR = join(import.meta.dirname, '..', 'fixtures', 'vectors')
const BUNDLE = '/etc/ssl/certs/ca-certificates.crt'

function ders(): Array<[string, Uint8Array]> {
  const out: Array<[string, Uint8Array]> = []
  const sources = readdirSync(DIR)
    .filter((f) => !f.endsWith('.md'))
    .map((f) => [f, readFileSync(join(DIR, f), 'utf8')] as const)
  const all = existsSync(BUNDLE) ? [...sources, [BUNDLE, readFileSync(BUNDLE, 'utf8')] as const] : sources
  for (const [name, text] of all) {
    for (const block of readPemBlocks(text, name).blocks) if (block.label === 'CERTIFICATE') out.push([`${name}:${block.line}`, block.der])
  }
  return out
}

const hex = (b: ArrayBuffer | Uint8Array): string => Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex')

// The validator walks DER by hand for speed; @peculiar/asn1-x509 is the independent reference that the
// walker must agree with on every certificate both can parse.
describe('the DER walker agrees with @peculiar/asn1-x509', () => {
  it('on every vector certificate and system root', () => {
    let compared = 0
    for (const [name, der] of ders()) {
      let mine
      try {
        mine = parseCertificateDer(der)
      } catch (error) {
        expect(error, name).toBeInstanceOf(DerError)
        continue
      }
      const ref = AsnConvert.parse(der, Certificate)
      const tbs = ref.tbsCertificate
      const names = (n: typeof tbs.subject): string[][] => n.map((rdn) => rdn.map((atv) => atv.type))
      expect(
        {
          serial: hex(mine.serial),
          inner: mine.innerAlgorithm.oid,
          outer: mine.outerAlgorithm.oid,
          key: mine.keyAlgorithm.oid,
          notBefore: mine.notBefore.getTime(),
          notAfter: mine.notAfter.getTime(),
          issuer: mine.issuer.rdns.map((rdn) => rdn.map((a) => a.oid)),
          subject: mine.subject.rdns.map((rdn) => rdn.map((a) => a.oid)),
          extensions: mine.extensions.map((e) => [e.oid, e.critical, hex(e.value)])
        },
        name
      ).toEqual({
        serial: hex(tbs.serialNumber),
        inner: tbs.signature.algorithm,
        outer: ref.signatureAlgorithm.algorithm,
        key: tbs.subjectPublicKeyInfo.algorithm.algorithm,
        notBefore: tbs.validity.notBefore.getTime().getTime(),
        notAfter: tbs.validity.notAfter.getTime().getTime(),
        issuer: names(tbs.issuer),
        subject: names(tbs.subject),
        extensions: (tbs.extensions ?? []).map((e) => [e.extnID, e.critical, hex(e.extnValue.buffer)])
      })
      compared++
    }
    expect(compared).toBeGreaterThan(30)
  })

  it('decodes every name attribute value like @peculiar/x509', () => {
    let compared = 0
    for (const [name, der] of ders()) {
      let mine
      try {
        mine = parseCertificateDer(der)
      } catch {
        continue
      }
      const ref = new x509.X509Certificate(der)
      for (const [parsed, json] of [
        [mine.subject, ref.subjectName.toJSON()],
        [mine.issuer, ref.issuerName.toJSON()]
      ] as const) {
        const expected = json.flatMap((rdn) => Object.values(rdn).flat())
        const actual = parsed.rdns.flatMap((rdn) => rdn.map((attr) => attributeValueString(attr)))
        expect(actual.length, name).toBe(expected.length)
        actual.forEach((value, i) => {
          // Non-string values (e.g. a DER-encoded OID) are shown as #hex by us and differently by @peculiar.
          if (value !== undefined) expect(value, name).toBe(expected[i])
        })
        compared++
      }
    }
    expect(compared).toBeGreaterThan(60)
  })

  it('writes names in RFC 4514 order (last RDN first), as Go and Cloudflare print them', () => {
    const [, der] = ders().find(([n]) => n.startsWith('cfssl-bundler_testdata_partial-bundle.pem:1')) ?? ['', new Uint8Array()]
    expect(formatName(parseCertificateDer(der).subject)).toBe('CN=cloudflare-leaf.com,OU=Systems Engineering,O=CloudFlare,L=San Francisco,ST=California,C=US')
  })
})

describe('strict DER rules', () => {
  it.each([
    ['indefinite length', [0x30, 0x80, 0x00, 0x00]],
    ['non-minimal long-form length', [0x30, 0x81, 0x05, 1, 2, 3, 4, 5]],
    ['length beyond the data', [0x30, 0x05, 0x01]],
    ['high tag number form', [0x1f, 0x81, 0x01, 0x00]],
    ['too short for a header', [0x30]]
  ])('rejects %s', (_name, bytes) => {
    const data = new Uint8Array(bytes)
    expect(() => readTlv(data, 0, data.length)).toThrow(DerError)
  })

  it('decodes OIDs, including arcs beyond 2^53', () => {
    const oid = (bytes: number[]): string => {
      const data = new Uint8Array([0x06, bytes.length, ...bytes])
      return readOid(data, readTlv(data, 0, data.length))
    }
    expect(oid([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b])).toBe('1.2.840.113549.1.1.11')
    expect(oid([0x55, 0x1d, 0x13])).toBe('2.5.29.19')
    // 2.25.<UUID as integer>: the arc needs BigInt.
    expect(oid([0x69, 0x82, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00])).toBe(`2.25.${(2n ** 64n).toString()}`)
    expect(() => oid([0x55, 0x80, 0x01])).toThrow(DerError)
  })

  it('rejects trailing bytes after the certificate', () => {
    const [, der] = ders()[0] ?? ['', new Uint8Array()]
    expect(() => parseCertificateDer(new Uint8Array([...der, 0]))).toThrow(/unexpected bytes after the certificate/)
  })
})
