import { describe, expect, it } from 'vitest'
import type { MtlsCertificate } from '../../src/cloudflare/schemas.js'
import type { OperationResult } from '../../src/operations/results.js'
import { escapeHtml } from '../../src/report/html.js'
import { toOutputs } from '../../src/report/outputs.js'
import { renderSummary } from '../../src/report/summary.js'

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
      name: 'prod-ca',
      issuer: 'CN=Root',
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
