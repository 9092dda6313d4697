/**
 * One certificate, one answer: validate (the PEM check), report (its groups, on the emulator) and the
 * summary (the list's marks) agree on days left and on the expiry windows, at every edge. The rule
 * (src/expiry.ts, README "expiry-warning-days"): days left are floored; past notAfter is expired;
 * inside an N-day window means fewer than N whole days (less than N × 24 h) left.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { createClients } from '../../src/clients.js'
import type { MtlsCertificate } from '../../src/cloudflare/schemas.js'
import { DAY_MS, daysLeft, daysUntil, expiryGroup, withinDays, type ExpiryGroup } from '../../src/expiry.js'
import { parseConfig, type ConfigOf } from '../../src/inputs.js'
import { reportExpiry } from '../../src/operations/report.js'
import type { Logger } from '../../src/operations/types.js'
import { validatePem } from '../../src/pem/index.js'
import { toOutputs } from '../../src/report/outputs.js'
import { renderSummary } from '../../src/report/summary.js'
import { makeCertificate } from '../../scripts/lib/certs.js'

const H = 3_600_000
const WARN = 30
const ERR = 7
// Whole seconds: X.509 times carry no milliseconds.
const NOT_AFTER = new Date('2027-03-01T12:00:00Z')

// [what, time left until notAfter (ms), days left, group with expiry-warning-days 30 and expiry-error-days 7]
const EDGES: [string, number, number, ExpiryGroup][] = [
  ['expired 1 h ago', -H, -1, 'expired'],
  ['expired 1 ms ago', -1, -1, 'expired'],
  ['expired 25 h ago', -25 * H, -2, 'expired'],
  ['0 h left (the notAfter instant, still valid)', 0, 0, 'error'],
  ['23 h left', 23 * H, 0, 'error'],
  ['24 h left', 24 * H, 1, 'error'],
  ['7 days − 1 ms left', 7 * DAY_MS - 1, 6, 'error'],
  ['exactly 7 days left (the error window)', 7 * DAY_MS, 7, 'warning'],
  ['7 days + 1 ms left', 7 * DAY_MS + 1, 7, 'warning'],
  ['29 days 18 h left (floored 29, rounded 30)', 29 * DAY_MS + 18 * H, 29, 'warning'],
  ['30 days − 1 ms left', 30 * DAY_MS - 1, 29, 'warning'],
  ['exactly 30 days left (the warning window)', 30 * DAY_MS, 30, 'fine'],
  ['30 days + 1 ms left', 30 * DAY_MS + 1, 30, 'fine'],
  ['30 days 23 h left', 30 * DAY_MS + 23 * H, 30, 'fine'],
  ['400 days left', 400 * DAY_MS, 400, 'fine']
]
const at = (msLeft: number): Date => new Date(NOT_AFTER.getTime() - msLeft)

describe('days left and the expiry windows (src/expiry.ts)', () => {
  it.each(EDGES)('%s: days left and group', (_what, msLeft, days, group) => {
    expect(daysLeft(NOT_AFTER, at(msLeft))).toBe(days)
    expect(daysUntil(NOT_AFTER.toISOString(), at(msLeft))).toBe(days)
    expect(expiryGroup(days, WARN, ERR)).toBe(group)
  })

  it.each<[string, number | undefined, number, number, ExpiryGroup]>([
    ['expiry-error-days 0: the last day is a warning, not an error', 0, 30, 0, 'warning'],
    ['both windows 0: only an expired certificate is flagged', 0, 0, 0, 'fine'],
    ['both windows 0, expired', -1, 0, 0, 'expired'],
    ['equal windows: inside both is an error', 6, 7, 7, 'error'],
    ['no expiry date known', undefined, 30, 7, 'fine']
  ])('%s', (_what, days, warn, err, group) => {
    expect(expiryGroup(days, warn, err)).toBe(group)
  })

  it.each<[string, number, number, boolean]>([
    ['fewer days left than the window', 29, 30, true],
    ['as many days left as the window', 30, 30, false],
    ['a window of 0 days holds nothing', 0, 0, false]
  ])('withinDays: %s', (_what, days, n, inside) => {
    expect(withinDays(days, n)).toBe(inside)
  })

  it.each([undefined, '', 'soon', '2027-13-45T00:00:00Z'])('an absent or unreadable expires_on (%j) has no days left', (iso) => {
    expect(daysUntil(iso, NOT_AFTER)).toBeUndefined()
  })
})

describe('validate, report and the summary give one certificate one answer', () => {
  let emu: Emulator
  let pem: string
  let cert: MtlsCertificate
  const log: Logger = { info: () => {}, warning: () => {}, debug: () => {}, group: async (_n, fn) => fn() }

  beforeAll(async () => {
    emu = await startEmulator({})
    const made = await makeCertificate({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: NOT_AFTER, name: 'CN=Edge CA, O=Example Inc., C=US' })
    pem = made.pem
    emu.seed([{ pem, ca: true, name: 'edge-ca' }])
    cert = emu.certificates()[0] as MtlsCertificate
    expect(cert.expires_on).toBe('2027-03-01T12:00:00Z')
  })
  afterAll(async () => emu.close())

  const FINDING: Record<ExpiryGroup, string | undefined> = {
    expired: 'CERT_EXPIRED',
    error: 'CERT_EXPIRES_WITHIN_ERROR_WINDOW',
    warning: 'CERT_EXPIRES_SOON',
    fine: undefined
  }

  it.each(EDGES)('%s: validate finds the same group', (_what, msLeft, days, group) => {
    const report = validatePem(pem, { file: 'ca.pem', profile: 'ca', now: at(msLeft), expiryWarningDays: WARN, expiryErrorDays: ERR })
    const expiry = report.findings.filter((f) => f.code.startsWith('CERT_EXPIRE'))
    expect(expiry.map((f) => f.code)).toEqual(FINDING[group] ? [FINDING[group]] : [])
    if (group === 'error' || group === 'warning') expect(expiry[0]?.message).toContain(`in ${days} day(s)`)
    expect(report.certificates[0]?.daysLeft).toBe(days)
  })

  it.each(EDGES)('%s: report puts it in the same group, with the same days left', async (_what, msLeft, days, group) => {
    const config = parseConfig({
      'operation': 'report',
      'account-id': emu.accountId,
      'api-token': emu.token,
      'api-base-url': emu.url,
      'expiry-warning-days': String(WARN),
      'expiry-error-days': String(ERR)
    }) as ConfigOf<'report'>
    const { clients, close } = createClients(config.connection, log, at(msLeft))
    try {
      const result = await reportExpiry(config, clients)
      expect(result.entries.map((e) => [e.daysLeft, e.group])).toEqual([[days, group]])
      expect(result.failed).toBe(group === 'expired' || group === 'error')
      const outputs = toOutputs(result, at(msLeft))
      expect([outputs['expired-count'], outputs['expiring-count']]).toEqual([group === 'expired' ? '1' : '0', group === 'error' || group === 'warning' ? '1' : '0'])
    } finally {
      await close()
    }
  })

  it.each(EDGES)('%s: the list summary marks it alike', (_what, msLeft, days, group) => {
    const html = renderSummary({ operation: 'list', certificates: [cert], typeFilter: 'custom', expiryWarningDays: WARN }, at(msLeft))
    const cell = group === 'expired' ? `❌ expired ${-days} day(s) ago` : group === 'fine' ? `${days} day(s)` : `⚠️ ${days} day(s)`
    expect(html).toContain(`<td>${cell}</td>`)
    expect(html).toContain(`${group === 'expired' ? 1 : 0} expired, ${group === 'error' || group === 'warning' ? 1 : 0} expiring within ${WARN} days.`)
    const outputs = toOutputs({ operation: 'get', certificate: cert, associations: [] }, at(msLeft))
    expect(outputs['days-until-expiry']).toBe(String(days))
  })
})
