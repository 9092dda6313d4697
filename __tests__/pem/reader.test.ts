import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FINDING_CATALOGUE, certificateSha256, fingerprintsOfPem, readPemBlocks, validatePem } from '../../src/pem/index.js'
import { assertWellFormed, codeSet, options } from './helpers.js'

const VECTORS = join(import.meta.dirname, '..', 'fixtures', 'vectors')
const ISRG = readFileSync(join(VECTORS, 'debian-ISRG_Root_X1.crt'), 'utf8')
const GODADDY = readFileSync(join(VECTORS, 'debian-Go_Daddy_Class_2_CA.crt'), 'utf8')
const ISRG_BODY = ISRG.split('\n').filter((l) => l !== '' && !l.startsWith('-----'))
const ISRG_DER = Buffer.from(ISRG_BODY.join(''), 'base64')
const ISRG_SHA256 = createHash('sha256').update(ISRG_DER).digest('hex')

function read(text: string | Uint8Array): ReturnType<typeof readPemBlocks> {
  return readPemBlocks(text, 'cert.pem')
}

function findingCodes(text: string): string[] {
  return [...new Set(read(text).findings.map((f) => f.code))].sort()
}

describe('readPemBlocks', () => {
  it('returns each block with its BEGIN/END lines, label, DER and clean base64', () => {
    const { blocks, findings } = read(`${ISRG}\n${GODADDY}`)
    expect(findings).toEqual([])
    expect(blocks.map((b) => [b.label, b.line, b.endLine])).toEqual([
      ['CERTIFICATE', 1, 31],
      ['CERTIFICATE', 33, 56]
    ])
    expect(Buffer.from(blocks[0]?.der ?? []).equals(ISRG_DER)).toBe(true)
    expect(blocks[0]?.base64).toBe(ISRG_BODY.join(''))
  })

  it('accepts other consistent wrap widths (76-column MIME, one long line) silently', () => {
    const body = ISRG_BODY.join('')
    const wrap = (n: number): string => `-----BEGIN CERTIFICATE-----\n${body.match(new RegExp(`.{1,${n}}`, 'g'))?.join('\n')}\n-----END CERTIFICATE-----\n`
    expect(read(wrap(76)).findings).toEqual([])
    expect(read(wrap(100_000)).findings).toEqual([])
    expect(findingCodes(wrap(65))).toEqual(['PEM_IRREGULAR_LINE_LENGTH'])
  })

  it('treats blank lines between blocks as normal and whitespace-only lines as a notice', () => {
    expect(read(`\n\n${ISRG}\n\n\n${GODADDY}\n\n`).findings).toEqual([])
    const { findings } = read(`  \t\n${ISRG}`)
    expect(findings).toEqual([expect.objectContaining({ code: 'PEM_WHITESPACE_ONLY_LINES', severity: 'notice', line: 1 })])
  })

  it('reports text outside blocks once per stretch, with its first line', () => {
    const { findings, blocks } = read(`subject=CN=ISRG Root X1\nissuer=CN=ISRG Root X1\n${ISRG}trailing words\n`)
    expect(blocks).toHaveLength(1)
    expect(findings.map((f) => [f.code, f.severity, f.line])).toEqual([
      ['PEM_TEXT_OUTSIDE_BLOCKS', 'warning', 1],
      ['PEM_TEXT_OUTSIDE_BLOCKS', 'warning', 34]
    ])
    expect(findings[0]?.message).toContain('Lines 1–2')
  })

  it('tells stray base64 (a lost BEGIN line) from ordinary text', () => {
    const orphan = ISRG_BODY.slice(0, 5).join('\n')
    expect(findingCodes(`${ISRG}${orphan}\n`)).toEqual(['PEM_STRAY_BASE64'])
    expect(findingCodes(`${orphan}\n`)).toEqual(['PEM_NO_ARMOR'])
  })

  it('reports an END line that closes nothing', () => {
    const { findings } = read(`${ISRG}-----END CERTIFICATE-----\n`)
    expect(findings.map((f) => [f.code, f.line])).toEqual([['PEM_END_WITHOUT_BEGIN', 32]])
  })

  it.each([
    ['five dashes missing on one side', '----BEGIN CERTIFICATE-----'],
    ['a lowercase marker', '-----begin certificate-----'],
    ['a YAML key on the same line', 'cert: -----BEGIN CERTIFICATE-----'],
    ['no closing dashes', '-----BEGIN CERTIFICATE']
  ])('reports a malformed BEGIN line (%s) and still reads the block', (_name, begin) => {
    const { findings, blocks } = read(ISRG.replace('-----BEGIN CERTIFICATE-----', begin))
    expect(findings.map((f) => [f.code, f.line])).toEqual([['PEM_MALFORMED_ARMOR', 1]])
    expect(blocks).toHaveLength(1)
  })

  it('notes trailing whitespace on armor and spaces inside the body', () => {
    expect(findingCodes(ISRG.replace('-----BEGIN CERTIFICATE-----', '-----BEGIN CERTIFICATE-----  '))).toEqual(['PEM_TRAILING_WHITESPACE'])
    const spaced = ISRG.replace(ISRG_BODY[3] ?? '', ` ${ISRG_BODY[3] ?? ''}\t`)
    const result = read(spaced)
    expect(result.findings.map((f) => [f.code, f.severity, f.line])).toEqual([['PEM_WHITESPACE_IN_BODY', 'notice', 5]])
    expect(Buffer.from(result.blocks[0]?.der ?? []).equals(ISRG_DER)).toBe(true)
  })

  it('keeps RFC 1421 headers and the validator flags them in a certificate', () => {
    const withHeaders = ISRG.replace('-----BEGIN CERTIFICATE-----\n', '-----BEGIN CERTIFICATE-----\nComment: exported by hand\n\n')
    const { blocks, findings } = read(withHeaders)
    expect(findings).toEqual([])
    expect(blocks[0]?.headers).toEqual({ Comment: 'exported by hand' })
    expect(codeSet(validatePem(withHeaders, options({ profile: 'ca' })))).toEqual(['PEM_BLOCK_HEADERS'])
  })

  it('reports padding in the middle of the data', () => {
    const { findings, blocks } = read(ISRG.replace(ISRG_BODY[2] ?? '', `${(ISRG_BODY[2] ?? '').slice(0, 62)}==`))
    expect(findings.map((f) => [f.code, f.line])).toEqual([['PEM_BAD_BASE64', 4]])
    expect(blocks).toEqual([])
  })

  it('rejects binary input that is not DER', () => {
    expect(findingCodes('abc\u0000def')).toEqual(['FILE_BINARY'])
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(ISRG, 'utf16le')])
    expect(read(utf16).findings.map((f) => [f.code, f.message.includes('UTF-16')])).toEqual([['FILE_BINARY', true]])
  })

  it('points at the DER conversion for binary certificates given as bytes or as a latin1 string', () => {
    expect(read(new Uint8Array(ISRG_DER)).findings.map((f) => f.code)).toEqual(['FILE_IS_DER'])
    expect(read(ISRG_DER.toString('latin1')).findings.map((f) => f.code)).toEqual(['FILE_IS_DER'])
  })

  it('maps findings after a literal \\n expansion back to the original line', () => {
    const escaped = `# exported from vault\n${JSON.stringify(ISRG).slice(1, -1).replace('-----END', 'XX*X-----END')}\n`
    const { findings } = read(escaped)
    expect(findings.map((f) => [f.code, f.line])).toEqual([
      ['PEM_TEXT_OUTSIDE_BLOCKS', 1],
      ['PEM_LITERAL_NEWLINES', 2],
      ['PEM_MALFORMED_ARMOR', 2]
    ])
  })
})

describe('hostile input stays linear', () => {
  // Each input would take minutes with a backtracking regex or a quadratic scan; linear code needs milliseconds.
  it.each([
    ['a line of dashes', '-'.repeat(200_000)],
    ['dashes before BEGIN', `${'-'.repeat(100_000)} BEGIN`],
    ['a flattened block with huge blank runs', `-----BEGIN CERTIFICATE----- ${'A '.repeat(50_000)}${' '.repeat(100_000)}* -----END CERTIFICATE-----`],
    ['many BEGINs and no END', '-----BEGIN CERTIFICATE-----\n'.repeat(30_000)],
    ['many ENDs and no BEGIN', '-----END CERTIFICATE-----\n'.repeat(30_000)],
    ['a long literal-\\n line', `-----BEGIN CERTIFICATE-----${'\\nAAAA'.repeat(50_000)}`]
  ])('%s', (_name, text) => {
    const started = performance.now()
    assertWellFormed(validatePem(text, options({ profile: 'ca' })))
    fingerprintsOfPem(text)
    expect(performance.now() - started).toBeLessThan(3000)
  })
})

describe('validatePem never throws', () => {
  it.each([
    ['undefined-ish options fields', { file: 'x', profile: 'auto', now: new Date(Number.NaN), expiryWarningDays: Number.NaN, expiryErrorDays: -1 }],
    [
      'a private key that is bytes of garbage',
      {
        file: 'x',
        profile: 'leaf',
        now: new Date(0),
        expiryWarningDays: 30,
        expiryErrorDays: 0,
        privateKey: { text: new Uint8Array([0x30, 0x82, 1, 2]), file: 'k' },
        requirePrivateKey: true
      }
    ]
  ] as const)('with %s', (_name, opts) => {
    const report = validatePem(ISRG, opts)
    assertWellFormed(report)
  })
})

describe('fingerprints for idempotent uploads', () => {
  it('certificateSha256 hashes the DER, whatever the PEM layout', () => {
    expect(certificateSha256(ISRG)).toBe(ISRG_SHA256)
    expect(certificateSha256(new Uint8Array(ISRG_DER))).toBe(ISRG_SHA256)
    expect(certificateSha256(new TextEncoder().encode(ISRG))).toBe(ISRG_SHA256)
    expect(certificateSha256(ISRG.replace(/\n/g, '\r\n').replace(/^/gm, '  '))).toBe(ISRG_SHA256)
    expect(certificateSha256(`comment\n${ISRG}`)).toBe(ISRG_SHA256)
  })

  it('certificateSha256 identifies a bundle by its certificates in order', () => {
    const gd = Buffer.from(GODADDY.replace(/-----[^-]+-----|\s/g, ''), 'base64')
    const both = createHash('sha256').update(ISRG_DER).update(gd).digest('hex')
    expect(certificateSha256(ISRG + GODADDY)).toBe(both)
    expect(certificateSha256(GODADDY + ISRG)).not.toBe(both)
  })

  it('certificateSha256 refuses input without a certificate', () => {
    expect(() => certificateSha256('no pem here')).toThrow(TypeError)
  })

  it('fingerprintsOfPem lists each certificate, tolerating API-style escaping and junk', () => {
    const gdSha = createHash('sha256')
      .update(Buffer.from(GODADDY.replace(/-----[^-]+-----|\s/g, ''), 'base64'))
      .digest('hex')
    expect(fingerprintsOfPem(ISRG + GODADDY)).toEqual([ISRG_SHA256, gdSha])
    expect(fingerprintsOfPem(JSON.stringify(ISRG + GODADDY))).toEqual([ISRG_SHA256, gdSha])
    expect(fingerprintsOfPem('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')).toEqual([])
    expect(fingerprintsOfPem('')).toEqual([])
  })

  it('matches the fingerprint validatePem reports', () => {
    const facts = validatePem(ISRG, options({ profile: 'ca' })).certificates[0]
    expect(facts?.sha256Fingerprint.replace(/:/g, '').toLowerCase()).toBe(fingerprintsOfPem(ISRG)[0])
  })
})

describe('FINDING_CATALOGUE', () => {
  it('lists unique UPPER_SNAKE codes, each with a severity, title and fix', () => {
    const seen = new Set<string>()
    for (const entry of FINDING_CATALOGUE) {
      expect(entry.code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/)
      expect(seen.has(entry.code)).toBe(false)
      seen.add(entry.code)
      expect(['error', 'warning', 'notice']).toContain(entry.severity)
      expect(entry.title.length).toBeGreaterThan(5)
      expect(entry.fix.length).toBeGreaterThan(10)
    }
  })

  it('gives the severities the manifest calibrates', () => {
    const severity = new Map(FINDING_CATALOGUE.map((e) => [e.code, e.severity]))
    expect(severity.get('PEM_TEXT_OUTSIDE_BLOCKS')).toBe('warning')
    expect(severity.get('CERT_SERIAL_ZERO')).toBe('warning')
    expect(severity.get('CA_BASIC_CONSTRAINTS_NOT_CRITICAL')).toBe('warning')
    expect(severity.get('CA_KEY_USAGE_MISSING')).toBe('warning')
    expect(severity.get('CERT_SHA1_SELF_SIGNATURE')).toBe('notice')
    expect(severity.get('PEM_WHITESPACE_ONLY_LINES')).toBe('notice')
    expect(severity.get('CHAIN_ROOT_NOT_INCLUDED')).toBe('warning')
    expect(severity.get('CERT_EXPIRED')).toBe('error')
  })
})
