import type { SyncResult, ValidateResult } from '../operations/results.js'
import { planHeadline } from '../sync/headline.js'
import type { SyncAction } from '../sync/plan.js'
import type { FileReport } from '../pem/index.js'
import type { GitHubRun } from '../github/types.js'
import { escapeMarkdown } from '../text.js'

/** GitHub refuses a comment body over 65,536 characters; leave room for the closing lines. */
export const COMMENT_MAX = 60_000

/**
 * The hidden line by which the comment of this workflow, job and step is found again. Percent
 * encoding keeps `--` and `>` (which would end the HTML comment) out of it.
 */
export function commentMarker(run: GitHubRun, kind: 'validate' | 'sync' = 'validate'): string {
  const key = [run.workflow, run.job, run.step].map((s) => encodeURIComponent(s).replace(/[-!'()*~.]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/')
  return `<!-- cloudflare-mtls-certificates:${kind}:${key} -->`
}

const ACTION_ICON: Record<SyncAction, string> = { upload: '➕', unchanged: '✅', rotate: '🔄', hostnames: '🔗', delete: '🗑️', blocked: '⛔' }

/**
 * sync's plan as the step's one comment (Markdown): the count line, a row per name (every value
 * escaped), the conflicts that stop it. Rows that do not fit GitHub's size are counted.
 */
export function renderPlanComment(result: SyncResult, run: GitHubRun, links: { runUrl?: string } = {}): string {
  const plan = result.plan
  let body = `${commentMarker(run, 'sync')}\n### ${plan.conflicts.length > 0 ? '❌' : plan.changes > 0 ? '📝' : '✅'} Cloudflare mTLS sync: ${escapeMarkdown(planHeadline(plan))}\n\n`
  body += `Manifest ${escapeMarkdown(result.manifest)}${plan.changes === 0 ? ': the account already matches it.' : result.planOnly ? ` (${escapeMarkdown(result.planOnly)}).` : '.'}\n\n`
  if (plan.conflicts.length > 0) {
    body += `**Nothing can be applied until these are resolved:**\n\n${plan.conflicts.map((c) => `- ${escapeMarkdown(c)}`).join('\n')}\n\n`
  }
  if (plan.items.length > 0) {
    body += '| Name | Action | Details |\n|---|---|---|\n'
    let shown = 0
    for (const i of plan.items) {
      const row = `| ${escapeMarkdown(i.name)} | ${ACTION_ICON[i.action]} ${i.action} | ${escapeMarkdown(i.details)}${i.id ? ` (\`${i.id.replace(/[^0-9a-f-]/gi, '')}\`)` : ''} |\n`
      if (body.length + row.length > COMMENT_MAX) break
      body += row
      shown++
    }
    if (shown < plan.items.length) body += `\n…and ${plan.items.length - shown} more row(s), left out to stay within GitHub's comment size: see the job summary.\n`
  }
  body += `\n<sub>Commit ${run.headSha.slice(0, 7) || 'unknown'}${links.runUrl ? ` · [job summary](${links.runUrl})` : ''}. This comment is updated on every run; the apply runs on the default branch.</sub>\n`
  return body
}

/** A link to a line of a file at the commit validated. */
export function blobUrl(run: GitHubRun, file: string, line?: number): string {
  const encoded = file
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/')
  return `${run.serverUrl}/${run.owner}/${run.repo}/blob/${run.headSha}/${encoded}${line ? `#L${line}` : ''}`
}

const ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function fileSection(f: FileReport, run: GitHubRun, linked: boolean): string {
  const name = escapeMarkdown(f.file)
  const head = `${f.errorCount > 0 ? ICON.error : ICON.warning} **${linked ? `[${name}](${blobUrl(run, f.file)})` : name}**: ${plural(f.errorCount, 'error')}, ${plural(f.warningCount, 'warning')}`
  const rows = f.findings.map((x) => {
    const line = linked ? `[${x.line}](${blobUrl(run, f.file, x.line)})` : String(x.line)
    return `| ${line} | ${ICON[x.severity]} ${x.severity} | \`${x.code.replace(/[^A-Z0-9_]/g, '')}\` | ${escapeMarkdown(x.message)} |`
  })
  return `${head}\n\n| Line | Level | Code | Finding |\n|---|---|---|---|\n${rows.join('\n')}\n`
}

/**
 * The one comment of a pull request and step (Markdown): the verdict, then each file with an error
 * or warning and its findings, linked to the file and line at the head commit. Within GitHub's
 * size limit: files that do not fit are counted, and the check run and job summary have them.
 */
export function renderComment(result: ValidateResult, run: GitHubRun, links: { checkRunUrl?: string; runUrl?: string } = {}): string {
  const counts = { error: 0, warning: 0 }
  for (const f of result.files) {
    counts.error += f.errorCount
    counts.warning += f.warningCount
  }
  const flagged = result.files.filter((f) => f.errorCount + f.warningCount > 0).sort((a, b) => b.errorCount - a.errorCount || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  const scope = result.scope?.kind === 'changed' ? ' added or modified by this pull request' : ''
  let body = `${commentMarker(run)}\n`
  if (flagged.length === 0) {
    body += `### ✅ Cloudflare mTLS: all ${plural(result.files.length, 'PEM file')}${scope} pass\n\n`
    body += result.files.length === 0 ? 'No PEM file to validate.\n' : `No errors or warnings (fail-on: ${result.failOn}).\n`
  } else {
    // A file fails on what fails the step (fail-on); one with warnings only is listed, not counted as failing.
    const failing = result.files.filter((f) => f.errorCount > 0 || (result.failOn === 'warning' && f.warningCount > 0)).length
    const verdict = result.failed
      ? `❌ Cloudflare mTLS: ${failing} of ${plural(result.files.length, 'PEM file')}${scope} fail`
      : `⚠️ Cloudflare mTLS: passes, with warnings in ${plural(flagged.length, 'PEM file')} of ${result.files.length}${scope}`
    body += `### ${verdict}\n\n${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')} (fail-on: ${result.failOn}).\n\n`
    let shown = 0
    for (const f of flagged) {
      const section = fileSection(f, run, !!run.headSha && f.file.length > 0 && !f.file.startsWith('/'))
      if (body.length + section.length > COMMENT_MAX) break
      body += `${section}\n`
      shown++
    }
    if (shown < flagged.length)
      body += `…and ${plural(flagged.length - shown, 'more file')} with findings, left out to stay within GitHub's comment size: see the check run or the job summary.\n\n`
  }
  const where = [links.checkRunUrl ? `[check run](${links.checkRunUrl})` : '', links.runUrl ? `[job summary](${links.runUrl})` : ''].filter(Boolean)
  body += `\n<sub>Commit ${run.headSha.slice(0, 7) || 'unknown'}${where.length ? ` · every finding: ${where.join(', ')}` : ''}. This comment is updated on every run.</sub>\n`
  return body
}
