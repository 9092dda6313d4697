import type { Publication, SyncResult, ValidateResult } from '../operations/results.js'
import type { Logger } from '../operations/types.js'
import { describeGitHubFailure, type GitHub, type GitHubApi, type GitHubRun } from '../github/types.js'
import { checkAnnotations, checkConclusion, checkOutput, checkRunName, countFindings, inBatches, runUrl } from './check-run.js'
import { commentMarker, renderComment, renderPlanComment } from './comment.js'
import { planAnnotations } from './write.js'

export interface PublishSettings {
  checkRun: 'auto' | 'always' | 'never'
  prComment: boolean
}

/**
 * Whether this run needs GitHub's API at all. check-run: auto publishes when the log would leave a
 * finding out: with the places the failure line and the warning line take under GitHub's caps
 * (a failing step shows 9 errors, not 10).
 */
export function needsGitHub(result: ValidateResult, settings: PublishSettings): { checkRun: boolean; comment: boolean } {
  const hidden = () => {
    const h = planAnnotations(countFindings(result.files), { failing: result.failed }).hidden
    return h.error + h.warning + h.notice > 0
  }
  const checkRun = settings.checkRun === 'always' || (settings.checkRun === 'auto' && hidden())
  return { checkRun, comment: settings.prComment }
}

/**
 * Puts validate's findings on the pull request: a check run with every finding as an annotation,
 * and the step's one comment. GitHub is loaded (`github()`) only when one of them is wanted.
 * Nothing here throws: what cannot be published is returned as a failure, with the permission
 * that would fix it, and the findings stay in the log and the job summary.
 */
export async function publishValidation(
  result: ValidateResult,
  settings: PublishSettings,
  deps: { github: () => Promise<GitHub>; log: Logger }
): Promise<Publication | undefined> {
  const want = needsGitHub(result, settings)
  if (!want.checkRun && !want.comment) return undefined
  const publication: Publication = { failures: [], notes: [] }
  let gh: GitHub
  try {
    gh = await deps.github()
  } catch (e) {
    const { detail } = describeGitHubFailure(e)
    if (want.checkRun) publication.failures.push({ what: 'check run', detail })
    if (want.comment) publication.failures.push({ what: 'comment', detail })
    return publication
  }
  if (want.checkRun) {
    try {
      publication.checkRun = await publishCheckRun(result, gh.api, gh.run)
      deps.log.info(`Check run with ${publication.checkRun.annotations} annotation(s): ${publication.checkRun.url}`)
    } catch (e) {
      const { detail, permission } = describeGitHubFailure(e)
      publication.failures.push({ what: 'check run', detail, ...(permission ? { permission: 'checks: write' } : {}) })
    }
  }
  if (want.comment) {
    const links = { ...(publication.checkRun ? { checkRunUrl: publication.checkRun.url } : {}), ...(runUrl(gh.run) ? { runUrl: runUrl(gh.run) } : {}) }
    await publishComment(gh, publication, 'validate', (run) => renderComment(result, run, links), deps.log)
  }
  return publication
}

/**
 * The step's one pull-request comment, written or updated in place (found again by the marker of
 * `kind`): on a pull request only; what fails goes into the publication, never thrown.
 */
async function publishComment(gh: GitHub, publication: Publication, kind: 'validate' | 'sync', render: (run: GitHubRun) => string, log: Logger): Promise<void> {
  if (gh.run.pullNumber === undefined) {
    publication.notes.push(`pr-comment: not a pull request (event: ${gh.run.eventName || 'unknown'}), so no comment was written.`)
    return
  }
  try {
    publication.comment = await upsertComment(gh.api, gh.run.pullNumber, commentMarker(gh.run, kind), render(gh.run))
    log.info(`Pull-request comment ${publication.comment.updated ? 'updated' : 'written'}: ${publication.comment.url}`)
  } catch (e) {
    const { detail, permission } = describeGitHubFailure(e)
    publication.failures.push({ what: 'comment', detail, ...(permission ? { permission: 'pull-requests: write' } : {}) })
  }
}

/** sync with pr-comment: the plan as the step's sticky comment (the same machinery as validate's). */
export async function publishPlan(result: SyncResult, deps: { github: () => Promise<GitHub>; log: Logger }): Promise<Publication> {
  const publication: Publication = { failures: [], notes: [] }
  let gh: GitHub
  try {
    gh = await deps.github()
  } catch (e) {
    publication.failures.push({ what: 'comment', detail: describeGitHubFailure(e).detail })
    return publication
  }
  const url = runUrl(gh.run)
  await publishComment(gh, publication, 'sync', (run) => renderPlanComment(result, run, url ? { runUrl: url } : {}), deps.log)
  return publication
}

/**
 * Creates the check run with the first 50 annotations, appends the rest 50 at a time (the API's
 * limit per request), and completes it with the conclusion of fail-on.
 */
async function publishCheckRun(result: ValidateResult, api: GitHubApi, run: GitHubRun): Promise<{ id: number; url: string; annotations: number }> {
  const annotations = checkAnnotations(result.files)
  const batches = inBatches(annotations)
  const output = checkOutput(result, run)
  const details = runUrl(run)
  const created = await api.createCheckRun({
    name: checkRunName(run),
    headSha: run.headSha,
    output: { ...output, annotations: batches[0] ?? [] },
    ...(details ? { detailsUrl: details } : {})
  })
  const conclusion = checkConclusion(result)
  try {
    for (let i = 1; i < batches.length; i++) {
      await api.updateCheckRun(created.id, { output: { ...output, annotations: batches[i] ?? [] }, ...(i === batches.length - 1 ? { conclusion } : {}) })
    }
    if (batches.length <= 1) await api.updateCheckRun(created.id, { output, conclusion })
  } catch (e) {
    // Completed rather than left spinning: it says what it holds, and the run says the rest is missing.
    const note = `\n\n**Incomplete:** not every annotation could be added; the job summary lists every finding.`
    await api.updateCheckRun(created.id, { output: { ...output, summary: output.summary + note }, conclusion }).catch(() => {})
    throw e
  }
  return { id: created.id, url: created.url, annotations: annotations.length }
}

/** One comment per pull request and step: found again by its marker and edited, never a second one. */
async function upsertComment(api: GitHubApi, issue: number, marker: string, body: string): Promise<{ id: number; url: string; updated: boolean }> {
  const existing = await api.findIssueComment(issue, marker)
  if (existing) {
    const c = await api.updateIssueComment(existing.id, body)
    return { ...c, updated: true }
  }
  const c = await api.createIssueComment(issue, body)
  return { ...c, updated: false }
}
