import { mapWithConcurrency, PAGE_CONCURRENCY } from '../cloudflare/mtls.js'
import type { Association } from '../cloudflare/schemas.js'
import { InputError, type ConfigOf } from '../inputs.js'
import { logPage } from '../operations/read.js'
import type { SyncResult } from '../operations/results.js'
import { OperationError, type Clients } from '../operations/types.js'
import { preflight, ValidationFailed } from '../operations/upload.js'
import type { FileReport } from '../pem/index.js'
import { applyPlan, certificateConfig, type SyncSettings } from './apply.js'
import { ManifestInvalid, type Manifest, type ManifestProblem } from './manifest.js'
import { buildPlan, hostKeyOf, planHeadline, planReads, type AccountState, type Plan } from './plan.js'

/** An apply that stopped at one item: what is done and what is not, and the error that stopped it. */
export class SyncStopped extends Error {
  constructor(
    readonly item: string,
    readonly done: string[],
    readonly notDone: string[],
    readonly error: unknown
  ) {
    super(`${item} failed`)
    this.name = 'SyncStopped'
  }
}

/** Listed PEM files with errors: their findings go on the files' lines, and nothing is sent. */
export class PemFilesInvalid extends OperationError {
  constructor(readonly reports: FileReport[]) {
    const bad = reports.filter((r) => r.errorCount > 0)
    super(
      `${bad.length} PEM file(s) of the manifest did not pass validation (${bad.map((r) => r.file).join(', ')}); nothing was sent to Cloudflare. See the annotations on the files.`,
      'invalid-certificate'
    )
    this.name = 'PemFilesInvalid'
  }
}

export const settingsOf = (config: ConfigOf<'sync'>): SyncSettings => ({
  connection: config.connection,
  validation: config.validation,
  keepPrevious: config.keepPrevious,
  waitForUnassociatedSeconds: config.waitForUnassociatedSeconds
})

/**
 * Every listed PEM through the upload's own preflight (the validator, with the key for a client
 * certificate), before any request: all of them, so that one run shows every broken file.
 */
export function validateManifestFiles(manifest: Manifest, config: ConfigOf<'sync'>, now: Date): FileReport[] {
  const reports: FileReport[] = []
  const problems: ManifestProblem[] = []
  let failed = false
  for (const entry of manifest.certificates) {
    try {
      reports.push(preflight(certificateConfig('upload', entry, settingsOf(config)), { now: () => now }).report)
    } catch (e) {
      failed = true
      if (e instanceof ValidationFailed) reports.push(e.report)
      // Too many certificates in one file: said before the validator reads them, at the manifest's line.
      else if (e instanceof InputError) problems.push({ line: entry.fileLine, message: `file of "${entry.name}": ${e.message.replace(/^Input "[^"]*" /, '')}` })
      else throw e
    }
  }
  if (problems.length > 0) throw new ManifestInvalid(manifest.file, problems)
  if (failed) throw new PemFilesInvalid(reports)
  return reports
}

/**
 * The account as the plan needs it, read only: the list once (every page, every type, so that a
 * managed certificate is recognised), each listed zone once for a CA already there, and the
 * associations of what prune would delete.
 */
export async function readAccount(manifest: Manifest, clients: Clients): Promise<AccountState> {
  const { api, hostnames, log } = clients
  return log.group(`Read account ${api.accountId}`, async () => {
    const certificates = await api.list({ onPage: logPage(clients) })
    const reads = planReads(manifest, certificates)
    const sets = await mapWithConcurrency(reads.hostnames, PAGE_CONCURRENCY, (r) => hostnames.get(r.zoneId, r.certificateId))
    const assoc = await mapWithConcurrency(reads.associations, PAGE_CONCURRENCY, (id) => api.associations(id))
    log.info(`${certificates.length} certificate(s); ${reads.hostnames.length} zone set(s) and ${reads.associations.length} association list(s) read.`)
    return {
      certificates,
      hostnames: new Map(reads.hostnames.map((r, i) => [hostKeyOf(r.zoneId, r.certificateId), sets[i] ?? []])),
      associations: new Map<string, Association[]>(reads.associations.map((id, i) => [id, assoc[i] ?? []]))
    }
  })
}

/** The plan in the log, one line an item, in a group headed by the count line. */
export async function logPlan(plan: Plan, clients: Clients): Promise<void> {
  await clients.log.group(planHeadline(plan), () => {
    for (const i of plan.items) clients.log.info(`${i.action} "${i.name}"${i.id ? ` ${i.id}` : ''}: ${i.details}`)
    for (const c of plan.conflicts) clients.log.info(`conflict: ${c}`)
    if (plan.items.length === 0) clients.log.info('The manifest lists no certificate and prune deletes none.')
    return Promise.resolve()
  })
}

/** Why this run only plans, or undefined when it applies. */
export function planOnlyReason(config: ConfigOf<'sync'>, eventName: string | undefined): string | undefined {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') return `a ${eventName} event never changes the account`
  if (config.dryRun) return 'dry-run: true'
  if (config.failOnDrift) return 'fail-on-drift: true reports drift and does not fix it'
  return undefined
}

/**
 * manifest → read the account → plan → (unless only planning) apply. Returns the result with the
 * plan and each item's outcome; a conflict or a failed item is thrown after `onResult` has been
 * given the result, so the summary always shows the plan and how far the apply got.
 */
export async function syncAccount(
  config: ConfigOf<'sync'>,
  manifest: Manifest,
  validation: FileReport[],
  clients: Clients,
  deps: { eventName: string | undefined; publish?: (result: SyncResult) => Promise<SyncResult> }
): Promise<{ result: SyncResult; failure?: Error }> {
  const account = await readAccount(manifest, clients)
  const plan = buildPlan(manifest, account, { keepPrevious: config.keepPrevious })
  await logPlan(plan, clients)
  const reason = planOnlyReason(config, deps.eventName)
  let result: SyncResult = { operation: 'sync', manifest: manifest.file, plan, mode: reason ? 'plan' : 'apply', validation, ...(reason ? { planOnly: reason } : {}) }
  if (reason || plan.conflicts.length > 0) result.mode = 'plan'
  if (deps.publish) result = await deps.publish(result)
  if (plan.conflicts.length > 0) {
    return { result, failure: new OperationError(`The plan cannot be applied; nothing was changed: ${plan.conflicts.join(' | ')}`, 'ambiguous') }
  }
  if (reason) {
    clients.log.info(`Only the plan: ${reason}.`)
    if (config.failOnDrift && plan.changes > 0) {
      const list = plan.items.filter((i) => i.action !== 'unchanged' && i.action !== 'blocked').map((i) => `${i.action} "${i.name}"`)
      return {
        result,
        failure: new OperationError(
          `Drift: the account differs from ${manifest.file} in ${plan.changes} place(s): ${list.join(', ')}. Run sync without fail-on-drift (on the default branch) to apply the manifest.`
        )
      }
    }
    return { result }
  }
  if (plan.changes === 0) {
    clients.log.info('The account matches the manifest: nothing to change.')
    return { result: { ...result, outcomes: plan.items.map(() => ({ status: 'done', note: 'nothing to do' })) } }
  }
  const applied = await applyPlan(plan, account.certificates, settingsOf(config), clients)
  result = { ...result, outcomes: applied.outcomes }
  if (applied.failure) {
    const done = plan.items
      .filter((it, i) => applied.outcomes[i]?.status === 'done' && it.action !== 'unchanged' && it.action !== 'blocked')
      .map((it) => `${it.action} "${it.name}"`)
    const notDone = plan.items.filter((_, i) => applied.outcomes[i]?.status === 'not run').map((it) => `${it.action} "${it.name}"`)
    const { item, error } = applied.failure
    return { result, failure: new SyncStopped(`${item.action} "${item.name}"`, done, [`${item.action} "${item.name}"`, ...notDone], error) }
  }
  return { result }
}
