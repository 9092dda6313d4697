import type { Association, MtlsCertificate } from '../cloudflare/schemas.js'
import type { CertificateFacts, FileReport } from '../pem/index.js'
import { daysUntil, type OperationResult, type SyncResult, type ValidateResult } from '../operations/results.js'
import { planHeadline } from '../sync/headline.js'
import { code, h2, h3, link, list, p, raw, table, type Raw } from './html.js'
import { escapeAttribute, escapeSummary, safeHref } from '../text.js'
import { withinDays } from '../expiry.js'

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

function expiryCell(iso: string | undefined, now: Date, warningDays: number): string {
  return expiryCellOf(daysUntil(iso, now), warningDays)
}

function expiryCellOf(days: number | undefined, warningDays: number): string {
  if (days === undefined) return 'unknown'
  if (days < 0) return `❌ expired ${-days} day(s) ago`
  if (withinDays(days, warningDays)) return `⚠️ ${days} day(s)`
  return `${days} day(s)`
}

function certificateTable(c: MtlsCertificate, now: Date): string {
  return table(
    ['Field', 'Value'],
    [
      ['ID', code(c.id)],
      ['Name', c.name ?? ''],
      ['CA', c.ca === undefined ? '' : String(c.ca)],
      ['Type', c.type ?? ''],
      ['Issuer', c.issuer ?? ''],
      ['Serial number', c.serial_number ?? ''],
      ['Signature', c.signature ?? ''],
      ['Expires', `${c.expires_on ?? ''} (${expiryCell(c.expires_on, now, 30)})`],
      ['Uploaded', c.uploaded_on ?? '']
    ]
  )
}

function associationsTable(associations: Association[]): string {
  if (associations.length === 0) return p('No associations: no service uses this certificate.')
  return table(
    ['Service', 'Status'],
    associations.map((a) => [a.service, a.status ?? ''])
  )
}

/** Which rows carry an association count, and where the tracking issue is (or why it is not). */
function reportNotes(result: Extract<OperationResult, { operation: 'report' }>): string {
  let html = ''
  const read = result.entries.filter((e) => e.associationCount !== undefined).length
  if (result.associations === 'expiring') {
    html += p(
      `Associations were read for the ${read} expired or expiring certificate(s) only (associations: expiring); the others show none. associations: all reads every one (one request per certificate).`
    )
  } else if (result.associations === 'none') {
    html += p('Associations were not read (associations: none).')
  }
  const t = result.trackingIssue
  const href = t?.issue ? safeHref(t.issue.url) : undefined
  if (t?.issue && href) html += p(raw(`Tracking issue: <a href="${href}">#${t.issue.number}</a> (${escapeSummary(t.action)}).`))
  else if (t?.failure) html += p(`Tracking issue: could not be kept: ${t.failure.detail}${t.failure.permission ? ` (the token needs ${t.failure.permission})` : ''}.`)
  return html
}

/**
 * Past this many files, the files without findings share one table, a row each, soonest expiry
 * first; files with findings keep their own tables. A PR check of a directory of 1,000 good
 * certificates otherwise wrote 1,000 identical "No findings" tables (850 KB, near GitHub's 1 MiB
 * cap on a step's summary, and 15 ms of a 400 ms run).
 */
export const DETAILED_FILES_MAX = 100

export function validationTables(files: FileReport[]): string {
  if (files.length <= DETAILED_FILES_MAX) return files.map(fileTables).join('')
  const clean = files.filter((f) => f.findings.length === 0)
  let html = files
    .filter((f) => f.findings.length > 0)
    .map(fileTables)
    .join('')
  if (clean.length > 0) {
    const earliest = (f: FileReport): CertificateFacts | undefined =>
      f.certificates.reduce<CertificateFacts | undefined>((a, c) => (a === undefined || c.daysLeft < a.daysLeft ? c : a), undefined)
    const rows = clean
      .map((f) => ({ f, first: earliest(f) }))
      .sort((a, b) => (a.first?.daysLeft ?? Infinity) - (b.first?.daysLeft ?? Infinity) || compareText(a.f.file, b.f.file))
    html +=
      h3(`✅ ${clean.length} file(s) with no findings`) +
      p(`One row per file, soonest expiry first (the certificate of each file that expires first).`) +
      table(
        ['File', 'Profile', 'Certificates', 'Expires first', 'Not after', 'Days left'],
        rows.map(({ f, first }) => [
          f.file,
          f.profile === 'ca' ? 'CA bundle' : 'client certificate',
          String(f.certificates.length),
          first?.subject ?? '',
          first ? first.notAfter.toISOString() : '',
          first ? String(first.daysLeft) : ''
        ])
      )
  }
  return html
}

/** Hex digits of a SHA-256 fingerprint shown in a table: enough to tell certificates apart at a glance. */
const FINGERPRINT_SHOWN = 16

/**
 * A fingerprint in a table cell: its first 16 hex digits and `…`, the whole one in the title (a
 * tooltip). The full 95 characters made the certificate table wider than the page.
 */
export function shortFingerprint(fingerprint: string): Raw {
  const hex = fingerprint.replace(/[^0-9A-Fa-f]/g, '')
  if (hex.length <= FINGERPRINT_SHOWN) return code(fingerprint)
  // Up to the 16th hex digit, with the colons between them as they are written.
  let end = 0
  for (let digits = 0; digits < FINGERPRINT_SHOWN; end++) if (/[0-9A-Fa-f]/.test(fingerprint[end] ?? '')) digits++
  const shown = fingerprint.slice(0, end)
  return raw(`<code title="${escapeAttribute(fingerprint)}">${escapeSummary(shown)}…</code>`)
}

/** The full fingerprints, folded away under the table they belong to. */
function fingerprintDetails(certificates: CertificateFacts[]): string {
  if (!certificates.some((c) => c.sha256Fingerprint.replace(/[^0-9A-Fa-f]/g, '').length > FINGERPRINT_SHOWN)) return ''
  return `<details><summary>SHA-256 fingerprints in full</summary>\n${table(
    ['#', 'SHA-256'],
    certificates.map((c) => [String(c.index + 1), code(c.sha256Fingerprint)])
  )}</details>\n`
}

function fileTables(f: FileReport): string {
  const verdict = f.errorCount > 0 ? '❌' : f.warningCount > 0 ? '⚠️' : '✅'
  let html = h3(`${verdict} ${f.file} (${f.profile === 'ca' ? 'CA bundle' : 'client certificate'})`)
  if (f.certificates.length > 0) {
    html += table(
      ['#', 'Subject', 'Issuer', 'Serial', 'SHA-256', 'Not after', 'Days left', 'Key', 'Signature'],
      f.certificates.map((c) => [
        String(c.index + 1),
        c.subject,
        c.issuer,
        c.serialNumber,
        shortFingerprint(c.sha256Fingerprint),
        c.notAfter.toISOString(),
        String(c.daysLeft),
        c.key,
        c.signatureAlgorithm
      ])
    )
    html += fingerprintDetails(f.certificates)
  }
  html +=
    f.findings.length > 0
      ? table(
          ['Severity', 'Line', 'Code', 'Finding'],
          f.findings.map((x) => [x.severity, String(x.line), code(x.code), x.message])
        )
      : p('No findings.')
  return html
}

/** Which files were validated, and where else the findings are (or why they are not there). */
function scopeAndPublication(result: ValidateResult): string {
  const items: Raw[] = []
  const scope = result.scope
  if (scope?.kind === 'changed') {
    items.push(
      raw(`Only the files pull request #${scope.pullNumber} adds or modifies (changed-files-only): ${scope.validated} validated, ${scope.skipped} unchanged left out.`)
    )
  } else if (scope?.reason) {
    items.push(raw(`changed-files-only: ${escapeSummary(scope.reason)}; every file of certificate-path was validated.`))
  }
  const pub = result.publication
  if (pub?.checkRun) items.push(raw(`Every finding is on the ${link(pub.checkRun.url, 'check run')} (${pub.checkRun.annotations} annotation(s)).`))
  if (pub?.comment) items.push(raw(`Pull-request ${link(pub.comment.url, 'comment')} ${pub.comment.updated ? 'updated' : 'written'}.`))
  for (const f of pub?.failures ?? []) {
    const fix = f.permission
      ? ` Add <code>${escapeSummary(f.permission)}</code> to the job's <code>permissions:</code> (a pull request from a fork gets a read-only token).`
      : ''
    items.push(
      raw(
        `⚠️ The ${f.what === 'check run' ? 'check run could not be created' : 'pull-request comment could not be written'}: ${escapeSummary(f.detail)}.${fix} Every finding is listed below.`
      )
    )
  }
  for (const n of pub?.notes ?? []) items.push(raw(escapeSummary(n)))
  return items.length > 0 ? list(items) : ''
}

/** sync: the plan first (a row per name: name, action, details, and in an apply what became of it), then the files. */
function syncSummary(result: SyncResult): string {
  const plan = result.plan
  const applied = result.mode === 'apply' && result.outcomes !== undefined
  const head = result.mode === 'apply' ? `Sync of ${result.manifest}` : `Sync plan of ${result.manifest}`
  let html = h2(head) + p(planHeadline(plan) + (plan.changes === 0 ? ' (no changes)' : ''))
  if (result.planOnly) html += p(`Only planned: ${result.planOnly}.`)
  const rows = plan.items.map((i, n) => {
    const cells = [i.name, i.action, i.id && !i.details.includes(i.id) ? `${i.details} (${i.id})` : i.details]
    if (applied) {
      const o = result.outcomes?.[n]
      cells.push(o ? `${o.status}${o.note ? `: ${o.note}` : ''}` : '')
    }
    return cells
  })
  html += rows.length > 0 ? table(['Name', 'Action', 'Details', ...(applied ? ['Result'] : [])], rows) : p('The manifest lists no certificate.')
  if (plan.conflicts.length > 0) html += h3('Conflicts: nothing may change') + list(plan.conflicts)
  const pub = result.publication
  const items: Raw[] = []
  if (pub?.comment) items.push(raw(`Pull-request ${link(pub.comment.url, 'comment')} ${pub.comment.updated ? 'updated' : 'written'}.`))
  for (const f of pub?.failures ?? []) {
    const fix = f.permission ? ` Add <code>${escapeSummary(f.permission)}</code> to the job's <code>permissions:</code>.` : ''
    items.push(raw(`⚠️ The pull-request comment could not be written: ${escapeSummary(f.detail)}.${fix}`))
  }
  for (const n of pub?.notes ?? []) items.push(raw(escapeSummary(n)))
  if (items.length > 0) html += list(items)
  return html + validationTables(result.validation)
}

/** The job summary of one operation, as HTML. Pure: every value escaped, no secrets in the result. */
export function renderSummary(result: OperationResult, now: Date): string {
  switch (result.operation) {
    case 'sync':
      return syncSummary(result)
    case 'upload': {
      const c = result.certificate
      const how = `ca: ${result.ca} (${result.caSource === 'auto' ? 'auto: from the first certificate' : 'from the input'})`
      if (result.dryRun && !result.reused) {
        return h2('Dry run: upload') + list(result.plan) + p(how) + validationTables([result.validation])
      }
      const head = result.reused ? `Reused certificate ${c.id}: an identical certificate was already uploaded` : `Uploaded certificate ${c.id}`
      return h2(head) + p(how) + certificateTable(c, now) + validationTables([result.validation])
    }
    case 'list': {
      // RFC 3339 times sort as text; a plain comparison orders them as localeCompare does, without
      // ICU collation (15 ms for 1,000 certificates).
      const sorted = [...result.certificates].sort((a, b) => compareText(a.expires_on ?? '', b.expires_on ?? ''))
      // One date parse per certificate, not three.
      const days = sorted.map((c) => daysUntil(c.expires_on, now))
      const expired = days.filter((d) => (d ?? 0) < 0).length
      const soon = days.filter((d) => d !== undefined && d >= 0 && withinDays(d, result.expiryWarningDays)).length
      return (
        h2(`${sorted.length} mTLS certificate(s) (type: ${result.typeFilter})`) +
        p(`${expired} expired, ${soon} expiring within ${result.expiryWarningDays} days.`) +
        table(
          ['Name', 'ID', 'CA', 'Type', 'Expires', 'Days left', 'Issuer'],
          sorted.map((c, i) => [
            c.name ?? '',
            code(c.id),
            c.ca === undefined ? '' : String(c.ca),
            c.type ?? '',
            c.expires_on ?? '',
            expiryCellOf(days[i], result.expiryWarningDays),
            c.issuer ?? ''
          ])
        )
      )
    }
    case 'get':
      return (
        h2(`Certificate ${result.certificate.name ?? result.certificate.id}`) +
        certificateTable(result.certificate, now) +
        h3(`${result.associations.length} association(s)`) +
        associationsTable(result.associations)
      )
    case 'associations':
      return (
        h2(`${result.associations.length} association(s) of certificate ${result.certificateId}`) +
        associationsTable(result.associations) +
        (result.zones
          ? table(
              ['Zone', 'Hostnames'],
              result.zones.map((z) => [code(z.zoneId), z.hostnames.join(', ') || 'none'])
            )
          : '')
      )
    case 'associate': {
      const c = result.certificate
      const head = result.dryRun ? `Dry run: associate ${c.id} with hostnames` : `Hostnames of certificate ${c.id}${c.name ? ` ("${c.name}")` : ''}`
      return (
        h2(head) +
        (result.dryRun ? (result.plan.length > 0 ? list(result.plan) : p('Nothing to change.')) : '') +
        table(
          ['Zone', 'Before', 'Added', 'Removed', result.dryRun ? 'Would be' : 'After (verified)'],
          result.zones.map((z) => [code(z.zoneId), z.before.join(', ') || 'none', z.added.join(', ') || '', z.removed.join(', ') || '', z.after.join(', ') || 'none'])
        ) +
        p(result.replace ? 'replace: true (the set is exactly the hostnames given).' : 'replace: false (the hostnames given were added to the set).')
      )
    }
    case 'delete': {
      const c = result.certificate
      if (result.missing) return h2('Nothing deleted') + p(`Certificate ${result.certificateId || '(by name)'} does not exist (missing-ok).`)
      if (result.dryRun) return h2('Dry run: delete') + list(result.plan)
      return h2(`Deleted certificate ${result.certificateId}`) + (c ? certificateTable(c, now) : '')
    }
    case 'validate': {
      const errors = result.files.reduce((n, f) => n + f.errorCount, 0)
      const warnings = result.files.reduce((n, f) => n + f.warningCount, 0)
      return (
        h2(`PEM validation: ${result.files.length} file(s), ${errors} error(s), ${warnings} warning(s)`) +
        p(raw(`Fails on: ${escapeSummary(result.failOn)}. ${result.failed ? '<strong>Failed.</strong>' : 'Passed.'}`)) +
        scopeAndPublication(result) +
        validationTables(result.files)
      )
    }
    case 'rotate': {
      const c = result.certificate
      const newId = c.id || '(new certificate)'
      const head = result.dryRun ? `Dry run: rotate "${c.name ?? ''}"` : `Rotated "${c.name ?? ''}" → ${newId}${result.reused ? ' (reused: already uploaded)' : ''}`
      const hostFate: Record<string, string> = { 'bound': '✅ bound to', 'already': 'already bound to', 'would-bind': 'would bind to' }
      const fate: Record<string, string> = { 'deleted': '🗑️ deleted', 'would-delete': 'would delete', 'kept': 'kept', 'blocked': '⚠️ left in place' }
      return (
        h2(head) +
        (result.dryRun ? list(result.plan) : '') +
        (result.previous.length === 0
          ? p('No earlier certificates with this name.')
          : table(
              ['Old certificate', 'Uploaded', 'Expires', 'Associations', '→ Fate', 'Why'],
              result.previous.map((x) => [
                code(x.certificate.id),
                x.certificate.uploaded_on ?? '',
                x.certificate.expires_on ?? '',
                String(x.associations.length),
                `${fate[x.fate] ?? x.fate} → ${newId}`,
                x.why
              ])
            )) +
        (result.hostnames
          ? h3('Hostnames') +
            table(
              ['Zone', 'Hostname', 'Served before by', '→ Now'],
              result.hostnames.map((m) => [code(m.zoneId), m.hostname, m.from.join(', ') || 'no earlier version', `${hostFate[m.fate]} ${newId}`])
            )
          : '') +
        (c.id ? certificateTable(c, now) : '') +
        validationTables([result.validation])
      )
    }
    case 'report': {
      const groups = (
        [
          ['expired', '❌ Expired'],
          ['error', `❌ Expiring within ${result.expiryErrorDays} days`],
          ['warning', `⚠️ Expiring within ${result.expiryWarningDays} days`],
          ['fine', '✅ Fine']
        ] as const
      ).filter(([g]) => g !== 'error' || result.expiryErrorDays > 0)
      let html = h2(`Expiry report: ${result.entries.length} certificate(s) (type: ${result.typeFilter})`)
      html += p(groups.map(([g, label]) => `${label}: ${result.entries.filter((e) => e.group === g).length}`).join(' · '))
      html += reportNotes(result)
      for (const [g, label] of groups) {
        const rows = result.entries.filter((e) => e.group === g)
        if (rows.length === 0) continue
        html += h3(label)
        html += table(
          ['Name', 'ID', 'CA', 'Expires', 'Days left', 'Associations'],
          rows.map((e) => [
            e.certificate.name ?? '',
            code(e.certificate.id),
            e.certificate.ca === undefined ? '' : String(e.certificate.ca),
            e.certificate.expires_on ?? '',
            e.daysLeft === undefined ? '' : String(e.daysLeft),
            e.associationCount === undefined ? '' : String(e.associationCount)
          ])
        )
      }
      return html
    }
  }
}
