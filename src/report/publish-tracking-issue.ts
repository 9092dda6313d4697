import type { ReportResult, TrackingIssueOutcome } from '../operations/results.js'
import { describeGitHubFailure, type GitHub, type GitHubApi } from '../github/types.js'
import { planTrackingIssue, TRACKING_LABEL, trackingMarker, type ActionSource, type TrackingContext } from './tracking-issue.js'

export interface TrackingIssueTarget {
  accountId: string
  label: string
  action?: ActionSource
}

/**
 * Keeps report's one tracking issue: finds it by marker and label, then creates, edits, reopens or
 * closes it as planTrackingIssue says, through the injected GitHub client. Nothing here throws:
 * a failure (a token without issues: write, GitHub down) is returned with the permission that
 * would fix it, and the report exits by its own rules.
 */
export async function publishTrackingIssue(result: ReportResult, target: TrackingIssueTarget, deps: { github: () => Promise<GitHub> }): Promise<TrackingIssueOutcome> {
  const notes: string[] = []
  let gh: GitHub
  try {
    gh = await deps.github()
  } catch (e) {
    return { action: 'none', failure: { detail: describeGitHubFailure(e).detail }, notes }
  }
  const ctx: TrackingContext = { accountId: target.accountId, run: gh.run, ...(target.action ? { action: target.action } : {}) }
  try {
    const found = await gh.api.findIssues(target.label, trackingMarker(target.accountId, result.typeFilter))
    const plan = planTrackingIssue(result, found, ctx)
    let outcome: TrackingIssueOutcome
    switch (plan.kind) {
      case 'none':
        outcome = { action: 'none', notes }
        break
      case 'create': {
        await gh.api.ensureLabel(target.label, TRACKING_LABEL)
        const issue = await gh.api.createIssue({ title: plan.title, body: plan.body, labels: [target.label] })
        // GitHub drops the labels of a new issue silently when the token may not set them; the
        // next run looks for the label, and would not find the issue.
        if (!issue.labels.some((l) => l.toLowerCase() === target.label.toLowerCase())) {
          notes.push(`GitHub did not put the label "${target.label}" on issue #${issue.number}; add it by hand, or the next run opens another issue.`)
        }
        outcome = { action: 'created', issue: { number: issue.number, url: issue.url }, notes }
        break
      }
      case 'update': {
        const issue = await gh.api.updateIssue(plan.issue, plan.change)
        outcome = { action: plan.reopen ? 'reopened' : 'updated', issue: { number: issue.number, url: issue.url }, notes }
        break
      }
      case 'close': {
        // The comment first, so that a failed close leaves the issue open (and a re-run closes it).
        await gh.api.createIssueComment(plan.issue, plan.comment)
        const issue = await gh.api.updateIssue(plan.issue, { state: 'closed', stateReason: 'completed' })
        outcome = { action: 'closed', issue: { number: issue.number, url: issue.url }, notes }
        break
      }
    }
    const kept = outcome.issue?.number
    for (const n of plan.duplicates) await closeDuplicate(gh.api, n, kept, notes)
    return outcome
  } catch (e) {
    const { detail, permission } = describeGitHubFailure(e)
    return { action: 'none', failure: { detail, ...(permission ? { permission: 'issues: write' } : {}) }, notes }
  }
}

/** A second open issue (two first runs at once): closed as not planned, pointing at the one kept. */
async function closeDuplicate(api: GitHubApi, issue: number, kept: number | undefined, notes: string[]): Promise<void> {
  await api.createIssueComment(
    issue,
    kept ? `Duplicate of #${kept}: the expiry report keeps one open issue.\n` : 'The expiry report keeps one open issue: closing this second one.\n'
  )
  await api.updateIssue(issue, { state: 'closed', stateReason: 'not_planned' })
  notes.push(`Closed issue #${issue}, a second open tracking issue${kept ? ` (kept #${kept})` : ''}.`)
}
