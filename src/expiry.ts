/**
 * The one definition of "days left" and of the expiry windows. validate (the PEM checks), report and
 * the summary all ask here, so that one certificate gets one answer everywhere, also at the edge.
 *
 * - days left: whole days until notAfter, floored (30 days 18 hours left is 30, not 31).
 * - expired: past notAfter (X.509's notAfter is the last valid instant); 1 hour after it, days left is -1.
 * - inside an N-day window (expiry-warning-days, expiry-error-days): fewer than N whole days left,
 *   that is less than N × 24 hours. Exactly N days left is outside; N = 0 is an empty window.
 */
export const DAY_MS = 86_400_000

export type ExpiryGroup = 'expired' | 'error' | 'warning' | 'fine'

/** Whole days from `now` until `notAfter`, floored; negative once it has passed. */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS)
}

/** daysLeft for a time as Cloudflare sends it; undefined when absent or unreadable. */
export function daysUntil(iso: string | undefined, now: Date): number | undefined {
  // Stryker disable next-line ConditionalExpression: Date.parse of '' is NaN, caught below; the guard is for the type
  if (!iso) return undefined
  const t = Date.parse(iso)
  if (!Number.isFinite(t)) return undefined
  return daysLeft(new Date(t), now)
}

/** Whether a certificate with `days` left (not expired) is inside an N-day window. */
export function withinDays(days: number, n: number): boolean {
  return days < n
}

/** expired → error (inside expiry-error-days) → warning (inside expiry-warning-days) → fine; unknown is fine. */
export function expiryGroup(days: number | undefined, warningDays: number, errorDays: number): ExpiryGroup {
  // Stryker disable next-line ConditionalExpression: without it, undefined < n is false throughout and the answer is 'fine' all the same
  if (days === undefined) return 'fine'
  if (days < 0) return 'expired'
  if (withinDays(days, errorDays)) return 'error'
  if (withinDays(days, warningDays)) return 'warning'
  return 'fine'
}
