import type { ReportEntry, ReportResult, TrackingIssueOutcome } from '../operations/results.js'
import type { GitHubRun, IssueChange, TrackedIssue } from '../github/types.js'
import { runUrl } from './check-run.js'
import { COMMENT_MAX } from './comment.js'
import { escapeMarkdown } from '../text.js'

/** What the label says in the repository's label list when report makes it. */
export const TRACKING_LABEL = { color: 'd93f0b', description: 'Cloudflare mTLS certificates expired or expiring (kept by the expiry report)' }

/** Where the tracking issue says to read how to rotate: the README of the action the step runs. */
export interface ActionSource {
  /** GITHUB_ACTION_REPOSITORY: owner/name of the action. */
  repository: string
  /** GITHUB_ACTION_REF: the tag, branch or commit the workflow uses. */
  ref: string
}

export interface TrackingContext {
  accountId: string
  run: GitHubRun
  /** Absent when the step runs a local copy (uses: ./): then the README is named, not linked. */
  action?: ActionSource
}

/**
 * The hidden line by which the issue of this account and certificate type is found again: two
 * reports of two accounts in one repository keep two issues. Percent encoding keeps `--` and `>`
 * (which would end the HTML comment) out of it.
 */
export function trackingMarker(accountId: string, typeFilter: string): string {
  const key = [accountId, typeFilter].map((s) => encodeURIComponent(s).replace(/[-!'()*~.]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/')
  return `<!-- cloudflare-mtls-certificates:tracking-issue:${key} -->`
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
const flaggedOf = (result: ReportResult): ReportEntry[] => result.entries.filter((e) => e.group !== 'fine').sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity))

/** The counts, in the issue list's one line: no value from the API in it. */
export function trackingTitle(result: ReportResult): string {
  const flagged = flaggedOf(result)
  const expired = flagged.filter((e) => e.group === 'expired').length
  const expiring = flagged.length - expired
  const parts = [expired > 0 ? `${expired} expired` : '', expiring > 0 ? `${expiring} expiring within ${result.expiryWarningDays} days` : ''].filter(Boolean)
  return `Cloudflare mTLS certificates: ${parts.join(', ') || 'none expiring'}`
}

/** A link to a section of the action's README at the ref the workflow uses; undefined for a local action. */
export function readmeUrl(run: GitHubRun, action: ActionSource | undefined, anchor: string): string | undefined {
  if (!action || !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(action.repository) || !/^[A-Za-z0-9_./-]+$/.test(action.ref) || action.ref.includes('..')) return undefined
  return `${run.serverUrl}/${action.repository}/blob/${action.ref.split('/').map(encodeURIComponent).join('/')}/README.md#${anchor}`
}

function severity(e: ReportEntry, result: ReportResult): string {
  if (e.group === 'expired') return '❌ expired'
  if (e.group === 'error') return `❌ within expiry-error-days (${result.expiryErrorDays})`
  return `⚠️ within expiry-warning-days (${result.expiryWarningDays})`
}

function row(e: ReportEntry, result: ReportResult): string {
  const c = e.certificate
  const days = e.daysLeft === undefined ? 'unknown' : String(e.daysLeft)
  const used = e.associationCount === undefined ? 'not read' : String(e.associationCount)
  return `| ${escapeMarkdown(c.name ?? '(no name)')} | ${escapeMarkdown(c.id)} | ${escapeMarkdown(c.expires_on ?? 'unknown')} | ${days} | ${used} | ${severity(e, result)} |`
}

/**
 * The issue's body (Markdown): what expires when, soonest first, whether anything still uses it,
 * and what to do. Every value from the API goes through escapeMarkdown (no link, table break,
 * HTML or @mention of its own). Within GitHub's size limit: rows that do not fit are counted.
 */
export function renderTrackingIssue(result: ReportResult, ctx: TrackingContext): string {
  const flagged = flaggedOf(result)
  const expired = flagged.filter((e) => e.group === 'expired').length
  const failing = flagged.filter((e) => e.group === 'expired' || e.group === 'error').length
  const run = runUrl(ctx.run)
  let body = `${trackingMarker(ctx.accountId, result.typeFilter)}\n`
  body += `### ${failing > 0 ? '❌' : '⚠️'} ${plural(flagged.length, 'Cloudflare mTLS certificate')} expired or expiring within ${result.expiryWarningDays} days\n\n`
  body += `Account \`${ctx.accountId.replace(/[^0-9a-f]/g, '')}\`, certificate type ${escapeMarkdown(result.typeFilter)}: ${expired} expired, ${flagged.length - expired} expiring; ${result.entries.length} certificates in all.`
  body += run ? ` Checked by [run ${ctx.run.runId}](${run}).\n\n` : '\n\n'
  body += '| Name | ID | Expires | Days left | Associations | Severity |\n|---|---|---|---|---|---|\n'
  const tail = whatToDo(result, ctx)
  let shown = 0
  for (const e of flagged) {
    const line = `${row(e, result)}\n`
    if (body.length + line.length + tail.length + 200 > COMMENT_MAX) break
    body += line
    shown++
  }
  if (shown < flagged.length)
    body += `\n…and ${plural(flagged.length - shown, 'more certificate')}, left out to stay within GitHub's issue size: the job summary${run ? ` of [the run](${run})` : ''} and the step's \`certificates\` output list all ${flagged.length}.\n`
  if (result.associations === 'none') body += '\nAssociations were not read (associations: none): the Associations column says "not read".\n'
  return body + tail
}

function whatToDo(result: ReportResult, ctx: TrackingContext): string {
  const rotate = readmeUrl(ctx.run, ctx.action, 'rotate-a-ca-in-a-release-pipeline')
  const how = rotate ? `the [rotate workflow](${rotate}) of the action's README` : `the "Rotate a CA in a release pipeline" workflow of the action's README`
  return (
    `\n#### What to do\n\n` +
    `- **In use** (associations above 0): issue a new certificate and upload it with \`operation: rotate\` and the same \`name\` (see ${how}): it uploads the new version, then deletes the earlier ones once nothing uses them.\n` +
    `- **Unused** (0 associations): delete it with \`operation: delete\`, or let a rotation remove it.\n` +
    `\n` +
    `<sub>This issue is kept by the expiry report: edited on every run while a certificate expires within ${result.expiryWarningDays} days, closed when none does, reopened if one does again. Edits here are overwritten.</sub>\n`
  )
}

/** The comment that closes the issue: nothing from the API in it. */
export function renderClosingComment(result: ReportResult, ctx: TrackingContext): string {
  const run = runUrl(ctx.run)
  return `✅ No certificate expires within ${result.expiryWarningDays} days any more (${plural(result.entries.length, 'certificate')} checked${run ? ` by [run ${ctx.run.runId}](${run})` : ''}). Closing; the report reopens this issue if one does again.\n`
}

export type TrackingPlan =
  | { kind: 'none'; duplicates: number[] }
  | { kind: 'create'; title: string; body: string; duplicates: number[] }
  | { kind: 'update'; issue: number; change: IssueChange; reopen: boolean; duplicates: number[] }
  | { kind: 'close'; issue: number; comment: string; duplicates: number[] }

/**
 * What to do with the tracking issue, from the report and the issues found by marker and label
 * (oldest first). One open issue at a time: the oldest open one is kept and any other open one is
 * a duplicate (two first runs at once), closed; with none open, the newest closed one is reopened
 * rather than a new one made.
 */
export function planTrackingIssue(result: ReportResult, found: TrackedIssue[], ctx: TrackingContext): TrackingPlan {
  const flagged = result.entries.some((e) => e.group !== 'fine')
  const open = found.filter((i) => i.state === 'open')
  const duplicates = open.slice(1).map((i) => i.number)
  const kept = open[0] ?? found.filter((i) => i.state === 'closed').at(-1)
  if (flagged) {
    const title = trackingTitle(result)
    const body = renderTrackingIssue(result, ctx)
    if (!kept) return { kind: 'create', title, body, duplicates }
    const reopen = kept.state === 'closed'
    return { kind: 'update', issue: kept.number, change: { title, body, ...(reopen ? { state: 'open' as const } : {}) }, reopen, duplicates }
  }
  if (open[0]) return { kind: 'close', issue: open[0].number, comment: renderClosingComment(result, ctx), duplicates }
  return { kind: 'none', duplicates }
}

/** The one log line about the tracking issue: info when it was kept, a warning with the fix when it could not be. */
export function trackingIssueLine(outcome: TrackingIssueOutcome): { level: 'info' | 'warning'; text: string } | undefined {
  if (outcome.failure) {
    const fix = outcome.failure.permission
      ? ` The token lacks ${outcome.failure.permission}: add "${outcome.failure.permission}" to the job's permissions, e.g. permissions: { contents: read, ${outcome.failure.permission} }.`
      : ''
    return {
      level: 'warning',
      text: `The tracking issue could not be kept: ${outcome.failure.detail.replace(/\.$/, '')}.${fix} The report itself is complete: see the job summary.`
    }
  }
  if (!outcome.issue) return outcome.action === 'none' ? { level: 'info', text: 'Tracking issue: nothing expires and no issue is open, so none was made.' } : undefined
  return { level: 'info', text: `Tracking issue #${outcome.issue.number} ${outcome.action}: ${outcome.issue.url}` }
}
