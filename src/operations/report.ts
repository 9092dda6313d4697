import { mapWithConcurrency, PAGE_CONCURRENCY } from '../cloudflare/mtls.js'
import type { ConfigOf } from '../inputs.js'
import { daysUntil, expiryGroup } from '../expiry.js'
import type { ReportEntry, ReportResult } from './results.js'
import type { Clients } from './types.js'

/** Certificates named one warning each; with more, the last of GitHub's 10 warnings per step says where the rest are. */
export const WARNINGS_SHOWN = 9

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
  // Each warning is an annotation, and GitHub shows 10 warning annotations per step and drops the
  // rest without a word: the soonest WARNINGS_SHOWN, then one line that says where the others are.
  const flagged = entries.filter((e) => e.group !== 'fine')
  for (const e of flagged.slice(0, flagged.length > WARNINGS_SHOWN + 1 ? WARNINGS_SHOWN : flagged.length)) {
    const label = `"${e.certificate.name ?? '(no name)'}" ${e.certificate.id}`
    const bound = `${e.associationCount ?? '?'} association(s)`
    if (e.group === 'expired') clients.log.warning(`${label} expired ${-(e.daysLeft ?? 0)} day(s) ago (${bound}).`)
    else if (e.group === 'error') clients.log.warning(`${label} expires in ${e.daysLeft} day(s), inside expiry-error-days (${expiryErrorDays}) (${bound}).`)
    else clients.log.warning(`${label} expires in ${e.daysLeft} day(s), within expiry-warning-days (${expiryWarningDays}) (${bound}).`)
  }
  if (flagged.length > WARNINGS_SHOWN + 1) {
    clients.log.warning(
      `${flagged.length - WARNINGS_SHOWN} more certificate(s) expired or expire soon: GitHub shows 10 warnings per step; the job summary and the certificates output list all ${flagged.length}.`
    )
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
