import { describe, expect, it } from 'vitest'
import type { MtlsCertificate } from '../../src/cloudflare/schemas.js'
import type { OperationResult } from '../../src/operations/results.js'
import { escapeSummary as escapeHtml } from '../../src/text.js'
import { toOutputs } from '../../src/report/outputs.js'
import { DETAILED_FILES_MAX, renderSummary, validationTables } from '../../src/report/summary.js'
import { fitSummary, SUMMARY_MAX_BYTES } from '../../src/report/write.js'
import { makeFinding, type CertificateFacts, type FileReport } from '../../src/pem/index.js'

const now = new Date('2026-11-26T00:00:00Z')
const evil = '<img src=x onerror=alert(1)>&"\''
const cert = (over: Partial<MtlsCertificate> = {}): MtlsCertificate => ({
  id: '2a1b3c4d-0000-4000-8000-000000000001',
  name: 'prod-ca',
  ca: true,
  issuer: 'CN=Root',
  serial_number: '123',
  expires_on: '2027-11-26T00:00:00Z',
  type: 'custom',
  certificates: '-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----',
  ...over
})

describe('escaping', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })

  const results: OperationResult[] = [
    { operation: 'list', certificates: [cert({ name: evil, issuer: evil })], typeFilter: evil, expiryWarningDays: 30 },
    { operation: 'get', certificate: cert({ name: evil }), associations: [{ service: evil, status: evil }] },
    { operation: 'associations', certificateId: evil, associations: [{ service: evil, status: 'active' }] },
    { operation: 'delete', certificateId: 'x', certificate: cert({ name: evil, issuer: evil }), deleted: true, missing: false, dryRun: false, plan: [] }
  ]
  it.each(results.map((r) => [r.operation, r] as const))('the %s summary shows user and API values escaped', (_op, result) => {
    const html = renderSummary(result, now)
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })
})

describe('list summary', () => {
  it('sorts by expiry and marks expired and expiring certificates', () => {
    const html = renderSummary(
      {
        operation: 'list',
        typeFilter: 'custom',
        expiryWarningDays: 30,
        certificates: [
          cert({ name: 'later', expires_on: '2030-01-01T00:00:00Z' }),
          cert({ name: 'expired', expires_on: '2026-11-20T00:00:00Z' }),
          cert({ name: 'soon', expires_on: '2026-12-06T00:00:00Z' })
        ]
      },
      now
    )
    expect(html.indexOf('expired')).toBeLessThan(html.indexOf('soon'))
    expect(html.indexOf('soon')).toBeLessThan(html.indexOf('later'))
    expect(html).toContain('❌ expired 6 day(s) ago')
    expect(html).toContain('⚠️ 10 day(s)')
    expect(html).toContain('1 expired, 1 expiring within 30 days')
  })
})

describe('outputs', () => {
  it('get gives the id, the association count and the certificate facts', () => {
    const out = toOutputs({ operation: 'get', certificate: cert(), associations: [{ service: 'gateway', status: 'pending_deployment' }] }, now)
    expect(out).toMatchObject({
      'certificate-id': cert().id,
      'association-count': '1',
      'expires-on': '2027-11-26T00:00:00Z',
      'days-until-expiry': '365',
      'name': 'prod-ca',
      'issuer': 'CN=Root',
      'serial-number': '123'
    })
    expect(JSON.parse(out.associations ?? '')).toEqual([{ service: 'gateway', status: 'pending_deployment' }])
    expect(JSON.parse(out.certificate ?? '').id).toBe(cert().id)
  })
  it('list gives a count and every certificate without its PEM, and no association count', () => {
    const out = toOutputs({ operation: 'list', certificates: [cert(), cert({ id: 'b' })], typeFilter: 'custom', expiryWarningDays: 30 }, now)
    expect(out.count).toBe('2')
    const parsed = JSON.parse(out.certificates ?? '') as Array<Record<string, unknown>>
    expect(parsed.map((c) => c.id)).toEqual([cert().id, 'b'])
    expect(parsed[0]).not.toHaveProperty('certificates')
    expect(out).not.toHaveProperty('association-count')
  })
  it('delete lists the deleted id', () => {
    const out = toOutputs({ operation: 'delete', certificateId: 'x', deleted: true, missing: false, dryRun: false, plan: [] }, now)
    expect(JSON.parse(out['deleted-certificate-ids'] ?? '')).toEqual(['x'])
    expect(out['association-count']).toBe('0')
  })
})

describe('validation summary of many files', () => {
  const facts = (i: number, daysLeft: number): CertificateFacts =>
    ({
      index: 0,
      line: 1,
      subject: `CN=Cert ${i}`,
      issuer: 'CN=Root',
      serialNumber: String(i),
      sha256Fingerprint: 'AB:CD',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date(now.getTime() + daysLeft * 86_400_000),
      daysLeft,
      isCA: true,
      selfSigned: true,
      key: 'EC P-256',
      signatureAlgorithm: 'ECDSAWithSHA256'
    }) as CertificateFacts
  const file = (i: number, daysLeft: number, finding = false): FileReport => ({
    file: `certs/${String(i).padStart(4, '0')}.pem`,
    profile: 'ca',
    certificates: [facts(i, daysLeft)],
    findings: finding ? [makeFinding('CERT_EXPIRES_SOON', `expires in ${daysLeft} days`, `certs/${i}.pem`, 1)] : [],
    errorCount: 0,
    warningCount: finding ? 1 : 0,
    noticeCount: 0
  })
  const count = (html: string, s: string) => html.split(s).length - 1

  it(`up to ${DETAILED_FILES_MAX} files: one table per file, as before`, () => {
    const files = Array.from({ length: DETAILED_FILES_MAX }, (_, i) => file(i, 100 + i))
    const html = validationTables(files)
    expect(count(html, '<h3>')).toBe(DETAILED_FILES_MAX)
    expect(count(html, 'No findings.')).toBe(DETAILED_FILES_MAX)
  })

  it('more: files with findings keep their tables, the others share one table, soonest expiry first', () => {
    const files = Array.from({ length: 300 }, (_, i) => file(i, 1000 - i, i % 100 === 7))
    const html = validationTables(files)
    // 3 files with findings in full, then one heading and one table for the 297 others.
    expect(count(html, '<h3>')).toBe(4)
    expect(html).toContain('✅ 297 file(s) with no findings')
    expect(count(html, 'No findings.')).toBe(0)
    expect(html).toContain('certs/0007.pem')
    const overview = html.slice(html.indexOf('✅ 297'))
    expect(count(overview, '<tr>')).toBe(298)
    const order = [...overview.matchAll(/certs\/(\d{4})\.pem/g)].map((m) => Number(m[1]))
    expect(order).toHaveLength(297)
    expect(order[0]).toBe(299) // 701 days left: the soonest
    expect(order.at(-1)).toBe(0)
    expect(html.length).toBeLessThan(100_000)
  })
})

describe('a summary over GitHub’s 1 MiB', () => {
  it('is cut after the last table row that fits, the table closed, with a line that says so', () => {
    const many = Array.from({ length: 6000 }, (_, i) =>
      cert({ id: `2a1b3c4d-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `✅ prod-ca-${i}`, issuer: 'CN=Root CA, O=Example ✓' })
    )
    const html = renderSummary({ operation: 'list', certificates: many, typeFilter: 'all', expiryWarningDays: 30 }, now)
    expect(Buffer.byteLength(html)).toBeGreaterThan(SUMMARY_MAX_BYTES)
    const fitted = fitSummary(html)
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES)
    expect(Buffer.byteLength(fitted)).toBeGreaterThan(SUMMARY_MAX_BYTES - 2_000)
    expect(fitted).toMatch(/<\/tr><\/table>\n<p><strong>The summary stops here:<\/strong> GitHub shows at most 1 MiB .* \d+ bytes \(\d+ shown\)\. .*<\/p>\n$/)
    expect(count(fitted, '<table>')).toBe(count(fitted, '</table>'))
    expect(count(fitted, '<tr>')).toBe(count(fitted, '</tr>'))
    expect(fitted).not.toContain('\uFFFD') // no multi-byte character cut in half
    expect(html.startsWith(fitted.slice(0, fitted.indexOf('</table>\n<p><strong>The summary stops')))).toBe(true)
  })

  it('a summary that fits is left alone', () => {
    const html = renderSummary({ operation: 'list', certificates: [cert()], typeFilter: 'all', expiryWarningDays: 30 }, now)
    expect(fitSummary(html)).toBe(html)
  })

  function count(html: string, s: string): number {
    return html.split(s).length - 1
  }
})
