import { mapWithConcurrency, PAGE_CONCURRENCY } from '../cloudflare/mtls.js'
import type { ConfigOf } from '../inputs.js'
import { daysUntil, type ExpiryGroup, type ReportEntry, type ReportResult } from './results.js'
import type { Clients } from './types.js'

export function expiryGroup(days: number | undefined, warningDays: number, errorDays: number): ExpiryGroup {
  if (days === undefined) return 'fine'
  if (days < 0) return 'expired'
  if (days < errorDays) return 'error'
  if (days <= warningDays) return 'warning'
  return 'fine'
}

/** Every certificate with its days left and association count, grouped by how soon it expires. */
export async function reportExpiry(config: ConfigOf<'report'>, clients: Clients): Promise<ReportResult> {
  const { expiryWarningDays, expiryErrorDays } = config.validation
  const certificates = await clients.api.list(config.types ? { types: config.types } : {})
  const now = clients.now()
  const counts = await mapWithConcurrency(certificates, PAGE_CONCURRENCY, async (c) => (await clients.api.associations(c.id)).length)
  const entries: ReportEntry[] = certificates
    .map((certificate, i) => {
      const daysLeft = daysUntil(certificate.expires_on, now)
      return { certificate, daysLeft, associationCount: counts[i], group: expiryGroup(daysLeft, expiryWarningDays, expiryErrorDays) }
    })
    .sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity))
  for (const e of entries) {
    const label = `"${e.certificate.name ?? '(no name)'}" ${e.certificate.id}`
    const bound = `${e.associationCount ?? '?'} association(s)`
    if (e.group === 'expired') clients.log.warning(`${label} expired ${-(e.daysLeft ?? 0)} day(s) ago (${bound}).`)
    else if (e.group === 'error') clients.log.warning(`${label} expires in ${e.daysLeft} day(s), inside expiry-error-days (${expiryErrorDays}) (${bound}).`)
    else if (e.group === 'warning') clients.log.warning(`${label} expires in ${e.daysLeft} day(s), within expiry-warning-days (${expiryWarningDays}) (${bound}).`)
  }
  const failed = entries.some((e) => e.group === 'expired' || e.group === 'error')
  return {
    operation: 'report',
    entries,
    typeFilter: config.types?.join(',') ?? 'all',
    expiryWarningDays,
    expiryErrorDays,
    failed
  }
}
