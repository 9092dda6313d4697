import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readPemBlocks, validatePem } from '../../src/pem/index.js'
import { assertWellFormed, options } from './helpers.js'

const BUNDLE = '/etc/ssl/certs/ca-certificates.crt'
const present = existsSync(BUNDLE)
if (!present) console.warn(`system-roots.test.ts: ${BUNDLE} not found — skipping the real-root-store check`)

// Mozilla's roots are the best evidence of what a real CA looks like: serial 0, SHA-1 self-signatures,
// non-critical Basic Constraints and missing Key Usage all occur, so none of them may be an error.
describe('the system root store', () => {
  it.skipIf(!present)('validates every root individually as a CA upload with no error other than expiry', () => {
    const { blocks, findings } = readPemBlocks(readFileSync(BUNDLE, 'utf8'), BUNDLE)
    expect(findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(blocks.length).toBeGreaterThan(100)
    const unexpected: string[] = []
    for (const block of blocks) {
      const pem = `-----BEGIN CERTIFICATE-----\n${block.base64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`
      const report = validatePem(pem, options({ file: `root at line ${block.line}`, profile: 'ca' }))
      assertWellFormed(report)
      expect(report.certificates).toHaveLength(1)
      expect(report.certificates[0]?.selfSigned).toBe(true)
      for (const f of report.findings) if (f.severity === 'error' && f.code !== 'CERT_EXPIRED') unexpected.push(`${f.file}: ${f.code} ${f.message}`)
    }
    expect(unexpected).toEqual([])
  })

  it.skipIf(!present)('validates the whole bundle as one CA upload without chain errors', () => {
    const report = validatePem(readFileSync(BUNDLE), options({ file: BUNDLE, profile: 'ca' }))
    assertWellFormed(report)
    const errors = report.findings.filter((f) => f.severity === 'error' && f.code !== 'CERT_EXPIRED')
    expect(errors).toEqual([])
    expect(report.certificates.every((c) => c.isCA)).toBe(true)
  })
})
