import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validatePem, type FileReport, type Profile, type ValidateOptions } from '../../src/pem/index.js'
import { assertWellFormed, codeSet, options, verdict } from './helpers.js'

const DIR = join(import.meta.dirname, '..', 'fixtures', 'vectors')

interface Row {
  file: string
  profile: Profile | 'auto'
  extra?: Partial<ValidateOptions>
  verdict: 'valid' | 'warning' | 'error'
  /** Every distinct code the report must contain — no more, no less. */
  codes: string[]
  /** What MANIFEST.md says, for the reader of a failure. */
  manifest: string
}

// The clock is fixed at 2026-11-26T00:00:00Z (helpers.NOW), the date MANIFEST.md's verdicts assume.
// Rows marked "ca →" in the manifest run with profile 'ca'; x509-limbo rows (leaf → intermediates → root,
// no profile given) run with 'auto', which resolves to 'leaf' because certificate 1 is an end entity; their
// serverAuth-only end entities therefore add LEAF_EKU_NO_CLIENT_AUTH to the defect the row is about.
const ROWS: Row[] = [
  {
    // Policy choice: text outside PEM blocks is a warning, not an error. The manifest allows either
    // ("strict error / lenient warning"); Cloudflare's Go parser skips such text, so it cannot break the upload.
    file: 'zlint-rootCAValid.pem',
    profile: 'ca',
    verdict: 'warning',
    codes: ['PEM_TEXT_OUTSIDE_BLOCKS'],
    manifest: 'cert valid; file strict error / lenient warning (text preamble)'
  },
  {
    file: 'zlint-rsawithsha1after2016.pem',
    profile: 'ca',
    verdict: 'warning',
    codes: ['CA_BASIC_CONSTRAINTS_NOT_CRITICAL', 'CA_KEY_USAGE_MISSING', 'CERT_SHA1_SELF_SIGNATURE', 'PEM_TEXT_OUTSIDE_BLOCKS'],
    manifest: 'warning: BC not critical, no KeyUsage; notice SHA-1 self-signature (+ preamble)'
  },
  {
    file: 'zlint-caBasicConstNotCrit.pem',
    profile: 'ca',
    verdict: 'error',
    codes: ['CA_BASIC_CONSTRAINTS_NOT_CRITICAL', 'CERT_EXPIRED', 'CHAIN_ROOT_NOT_INCLUDED', 'PEM_TEXT_OUTSIDE_BLOCKS'],
    manifest: 'warning: BC not critical; error: expired (+ preamble; warning root not included)'
  },
  {
    file: 'zlint-caKeyUsageNoCertSign.pem',
    profile: 'ca',
    verdict: 'error',
    codes: ['CA_KEY_USAGE_NO_CERT_SIGN', 'CERT_EXPIRED', 'CHAIN_ROOT_NOT_INCLUDED', 'PEM_TEXT_OUTSIDE_BLOCKS'],
    manifest: 'error: no keyCertSign; error: expired'
  },
  {
    file: 'zlint-md5WithRSASignatureAlgorithm.pem',
    profile: 'ca',
    verdict: 'error',
    codes: ['CERT_EXPIRED', 'CERT_SIGNATURE_ALGORITHM_INSECURE', 'CHAIN_ROOT_NOT_INCLUDED', 'PEM_TEXT_OUTSIDE_BLOCKS'],
    manifest: 'error: MD5 signature; error: expired'
  },
  {
    file: 'zlint-ecdsaP224.pem',
    profile: 'ca',
    verdict: 'error',
    codes: ['CA_NOT_CA', 'CERT_EC_CURVE_UNSUPPORTED', 'CERT_EXPIRED', 'CERT_SERIAL_TOO_LONG', 'PEM_TEXT_OUTSIDE_BLOCKS'],
    manifest: 'error: curve P-224; error: not a CA; warning serial > 20 octets; expired'
  },
  {
    file: 'zlint-multDupeExts.pem',
    profile: 'ca',
    verdict: 'error',
    codes: ['CA_NOT_CA', 'CERT_DUPLICATE_EXTENSION', 'CERT_UNKNOWN_CRITICAL_EXTENSION', 'PEM_TEXT_OUTSIDE_BLOCKS'],
    manifest: 'error: duplicate extension; error: unknown critical extension; error: not a CA'
  },
  {
    // Only the inversion: "expired" and "not yet valid" would both be true and both be noise.
    file: 'zlint-validityNegative.pem',
    profile: 'ca',
    verdict: 'error',
    codes: ['CERT_VALIDITY_INVERTED', 'CHAIN_ROOT_NOT_INCLUDED', 'PEM_TEXT_OUTSIDE_BLOCKS'],
    manifest: 'error: validity inverted'
  },
  {
    file: 'limbo-pathlen__ee-with-intermediate-pathlen-0.pem',
    profile: 'ca',
    verdict: 'error',
    codes: ['CA_LEAF_IN_BUNDLE'],
    manifest: 'as ca upload → error: EE is not a CA (drop cert 0)'
  },
  {
    file: 'limbo-pathlen__ee-with-intermediate-pathlen-0.pem',
    profile: 'leaf',
    extra: { requirePrivateKey: true },
    verdict: 'error',
    codes: ['KEY_MISSING', 'LEAF_EKU_NO_CLIENT_AUTH'],
    manifest: 'as leaf upload → error: EKU lacks clientAuth + no key'
  },
  {
    file: 'limbo-pathlen__intermediate-violates-pathlen-0.pem',
    profile: 'auto',
    verdict: 'error',
    codes: ['CA_PATH_LENGTH_EXCEEDED', 'LEAF_EKU_NO_CLIENT_AUTH'],
    manifest: 'error: pathLen exceeded (on ICA1)'
  },
  {
    file: 'limbo-rfc5280__intermediate-ca-without-ca-bit.pem',
    profile: 'auto',
    verdict: 'error',
    codes: ['CA_NOT_CA', 'LEAF_EKU_NO_CLIENT_AUTH'],
    manifest: 'error: issuer is not a CA / CA flag false'
  },
  {
    file: 'limbo-rfc5280__root-missing-basic-constraints.pem',
    profile: 'auto',
    verdict: 'error',
    codes: ['CA_BASIC_CONSTRAINTS_MISSING', 'LEAF_EKU_NO_CLIENT_AUTH'],
    manifest: 'error: CA has no Basic Constraints'
  },
  {
    file: 'limbo-rfc5280__root-inconsistent-ca-extensions.pem',
    profile: 'auto',
    verdict: 'error',
    codes: ['CA_KEY_USAGE_NO_CERT_SIGN', 'LEAF_EKU_NO_CLIENT_AUTH'],
    manifest: 'error: no keyCertSign'
  },
  {
    file: 'limbo-webpki__forbidden-p192-root.pem',
    profile: 'auto',
    verdict: 'error',
    codes: ['CERT_EC_CURVE_UNSUPPORTED', 'LEAF_EKU_NO_CLIENT_AUTH'],
    manifest: 'error: curve P-192'
  },
  {
    // This end entity has no EKU, so the explicit parameters and expiry are the whole story.
    file: 'limbo-webpki__explicit-curve.pem',
    profile: 'auto',
    verdict: 'error',
    codes: ['CERT_EC_EXPLICIT_PARAMETERS', 'CERT_EXPIRED'],
    manifest: 'error: explicit EC parameters; expired'
  },
  {
    file: 'limbo-rfc5280__mismatching-signature-algorithm.pem',
    profile: 'auto',
    verdict: 'error',
    codes: ['CERT_EXPIRED', 'CERT_SIGNATURE_ALGORITHM_MISMATCH', 'CHAIN_BAD_SIGNATURE'],
    manifest: 'error: signatureAlgorithm mismatch; signature does not verify; expired'
  },
  {
    file: 'limbo-rfc5280__ca-empty-subject.pem',
    profile: 'auto',
    verdict: 'error',
    codes: ['CA_EMPTY_SUBJECT', 'LEAF_EKU_NO_CLIENT_AUTH'],
    manifest: 'error: CA with empty subject'
  },
  {
    file: 'limbo-rfc5280__unknown-critical-extension-root.pem',
    profile: 'auto',
    verdict: 'error',
    codes: ['CERT_UNKNOWN_CRITICAL_EXTENSION', 'LEAF_EKU_NO_CLIENT_AUTH'],
    manifest: 'error: unknown critical extension'
  },
  {
    // PEM_NO_CERTIFICATES is deliberately not added: the PKCS7 finding already says where the certificates are.
    file: 'cfssl-helpers_testdata_bundle_pkcs7.pem',
    profile: 'ca',
    verdict: 'error',
    codes: ['PEM_PKCS7_BLOCK'],
    manifest: 'error: PKCS7 block; convert with `openssl pkcs7 -print_certs`'
  },
  {
    file: 'cfssl-helpers_testdata_bundle_with_whitespace.pem',
    profile: 'ca',
    verdict: 'error',
    codes: ['CERT_EXPIRED', 'CHAIN_ROOT_NOT_INCLUDED', 'PEM_WHITESPACE_ONLY_LINES'],
    manifest: 'whitespace → accepted (info); error: expired; no bad self-signature on the self-issued cert 0'
  },
  {
    file: 'cfssl-helpers_testdata_messed_up_bundle.pem',
    profile: 'ca',
    verdict: 'error',
    codes: ['CERT_EXPIRED', 'CERT_UNPARSEABLE', 'CHAIN_ROOT_NOT_INCLUDED', 'PEM_TEXT_OUTSIDE_BLOCKS'],
    manifest: 'error: certificate 1 does not parse'
  },
  {
    file: 'cfssl-helpers_testdata_emptycert.pem',
    profile: 'ca',
    verdict: 'error',
    codes: ['PEM_EMPTY_BLOCK', 'PEM_MALFORMED_ARMOR'],
    manifest: 'error: empty/malformed block'
  },
  {
    file: 'cfssl-helpers_testdata_noheadercert.pem',
    profile: 'ca',
    verdict: 'error',
    codes: ['PEM_NO_ARMOR'],
    manifest: 'error: no PEM armor'
  },
  {
    file: 'cfssl-bundler_testdata_partial-bundle.pem',
    profile: 'ca',
    verdict: 'warning',
    codes: ['CHAIN_ROOT_NOT_INCLUDED'],
    manifest: 'warning: root not included'
  },
  {
    file: 'cfssl-bundler_testdata_reverse-partial-bundle.pem',
    profile: 'ca',
    verdict: 'warning',
    codes: ['CHAIN_ORDER', 'CHAIN_ROOT_NOT_INCLUDED'],
    manifest: 'warning: chain order; warning: root not included'
  },
  {
    file: 'debian-ISRG_Root_X1.crt',
    profile: 'ca',
    verdict: 'valid',
    codes: [],
    manifest: 'valid'
  },
  {
    file: 'debian-Baltimore_CyberTrust_Root.crt',
    profile: 'ca',
    verdict: 'error',
    codes: ['CERT_EXPIRED', 'CERT_SHA1_SELF_SIGNATURE'],
    manifest: 'error: expired (notice SHA-1 self-signature)'
  },
  {
    file: 'debian-Go_Daddy_Class_2_CA.crt',
    profile: 'ca',
    verdict: 'warning',
    codes: ['CA_BASIC_CONSTRAINTS_NOT_CRITICAL', 'CA_KEY_USAGE_MISSING', 'CERT_SERIAL_ZERO', 'CERT_SHA1_SELF_SIGNATURE'],
    manifest: 'warning only (serial zero, BC not critical, no KU)'
  }
]

function run(row: Row): FileReport {
  return validatePem(readFileSync(join(DIR, row.file)), options({ file: row.file, profile: row.profile, ...row.extra }))
}

describe('external vectors (MANIFEST.md) get the verdict and the explaining codes', () => {
  it.each(ROWS.map((row) => [`${row.file} as ${row.profile}${row.extra?.requirePrivateKey === true ? ' with key required' : ''}`, row] as const))('%s', (_name, row) => {
    const report = run(row)
    assertWellFormed(report)
    expect({ verdict: verdict(report), codes: codeSet(report) }, row.manifest).toEqual({ verdict: row.verdict, codes: [...row.codes].sort() })
  })

  it('covers every vector file in the fixtures directory', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.pem') || f.endsWith('.crt'))
    expect(files.length).toBe(28)
    expect(new Set(ROWS.map((r) => r.file))).toEqual(new Set(files))
  })

  it('keeps the provenance notice and the manifest next to the vectors', () => {
    expect(existsSync(join(DIR, 'MANIFEST.md'))).toBe(true)
    const notice = readFileSync(join(DIR, 'NOTICE.md'), 'utf8')
    for (const word of ['zlint', 'x509-limbo', 'cfssl', 'ca-certificates', 'Apache', 'BSD', 'MPL']) expect(notice).toContain(word)
  })
})

describe('vector details the verdict alone does not pin down', () => {
  const load = (file: string, profile: Profile | 'auto' = 'ca', extra: Partial<ValidateOptions> = {}): FileReport =>
    validatePem(readFileSync(join(DIR, file)), options({ file, profile, ...extra }))

  it('reports the preamble once, on line 1, and the certificate on its BEGIN line', () => {
    const report = load('zlint-rootCAValid.pem')
    expect(report.findings).toEqual([expect.objectContaining({ code: 'PEM_TEXT_OUTSIDE_BLOCKS', line: 1, severity: 'warning', file: 'zlint-rootCAValid.pem' })])
    expect(report.certificates).toHaveLength(1)
    expect(report.certificates[0]).toMatchObject({ line: 35, isCA: true, selfSigned: true, key: 'EC P-256', signatureAlgorithm: 'ECDSAWithSHA256' })
  })

  it('names the unparseable certificate 1-based and keeps the parseable one', () => {
    const report = load('cfssl-helpers_testdata_messed_up_bundle.pem')
    const unparseable = report.findings.find((f) => f.code === 'CERT_UNPARSEABLE')
    expect(unparseable).toMatchObject({ line: 1, certificateIndex: 0 })
    expect(unparseable?.message).toMatch(/^Certificate 1 \(line 1\)/)
    expect(report.certificates.map((c) => c.index)).toEqual([1])
    expect(report.findings.find((f) => f.code === 'PEM_TEXT_OUTSIDE_BLOCKS')?.line).toBe(48)
  })

  it('does not call a self-issued certificate signed by another same-named key a bad signature (cfssl bundle_with_whitespace)', () => {
    const report = load('cfssl-helpers_testdata_bundle_with_whitespace.pem')
    expect(report.certificates.map((c) => [c.subject === c.issuer, c.selfSigned])).toEqual([
      [true, false],
      [false, false]
    ])
    expect(codeSet(report)).not.toContain('CHAIN_BAD_SIGNATURE')
    expect(report.findings.find((f) => f.code === 'CHAIN_ROOT_NOT_INCLUDED')?.certificateIndex).toBe(1)
  })

  it('puts the pathLen violation on the constraining CA, not on the leaf', () => {
    const report = load('limbo-pathlen__intermediate-violates-pathlen-0.pem', 'auto')
    expect(report.profile).toBe('leaf')
    expect(report.findings.find((f) => f.code === 'CA_PATH_LENGTH_EXCEEDED')).toMatchObject({ certificateIndex: 2, line: 29 })
  })

  it('finds explicit EC parameters from the ASN.1 although Node reports a named curve', () => {
    const report = load('limbo-webpki__explicit-curve.pem', 'auto')
    expect(report.certificates.map((c) => c.key)).toEqual(['EC P-256 (explicit parameters)', 'EC P-256 (explicit parameters)'])
    expect(report.findings.filter((f) => f.code === 'CERT_EC_EXPLICIT_PARAMETERS').map((f) => f.certificateIndex)).toEqual([0, 1])
  })

  it('gives an empty-subject CA an empty subject string, not undefined', () => {
    const report = load('limbo-rfc5280__ca-empty-subject.pem', 'auto')
    expect(report.certificates[1]?.subject).toBe('')
    expect(report.certificates[0]?.issuer).toBe('')
  })

  it('uses RFC 4514 order and escaping, decimal serials and openssl-style fingerprints', () => {
    const report = load('debian-Go_Daddy_Class_2_CA.crt')
    expect(report.certificates[0]).toMatchObject({
      subject: 'OU=Go Daddy Class 2 Certification Authority,O=The Go Daddy Group\\, Inc.,C=US',
      serialNumber: '0',
      key: 'RSA 2048',
      signatureAlgorithm: 'SHA1WithRSA',
      selfSigned: true
    })
    const isrg = load('debian-ISRG_Root_X1.crt').certificates[0]
    expect(isrg).toMatchObject({
      subject: 'CN=ISRG Root X1,O=Internet Security Research Group,C=US',
      serialNumber: '172886928669790476064670243504169061120',
      sha256Fingerprint: '96:BC:EC:06:26:49:76:F3:74:60:77:9A:CF:28:C5:A7:CF:E8:A3:C0:AA:E1:1A:8F:FC:EE:05:C0:BD:DF:08:C6',
      key: 'RSA 4096',
      daysLeft: 3112
    })
  })

  it('says which certificate breaks the chain when the signature does not verify', () => {
    const report = load('limbo-rfc5280__mismatching-signature-algorithm.pem', 'auto')
    const bad = report.findings.find((f) => f.code === 'CHAIN_BAD_SIGNATURE')
    expect(bad).toMatchObject({ certificateIndex: 0, line: 1 })
    expect(bad?.message).toContain('certificate 2')
    // The claimed issuer is still part of the leaf's chain, so it is not "unrelated".
    expect(codeSet(report)).not.toContain('LEAF_UNRELATED_CERTIFICATE')
  })
})
