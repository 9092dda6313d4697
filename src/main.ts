import { collectInputs, InputError, parseConfig, type Config, type RawInputs, type TrackingIssueSettings } from './inputs.js'
import type { ErrorContext } from './cloudflare/errors.js'
import type { OperationResult, ReportResult, SyncResult, TrackingIssueOutcome } from './operations/results.js'
import { OperationError, StepFailed, type Clients, type Logger } from './operations/types.js'
import { writeAnnotations, writeManifestProblems, writeResult } from './report/write.js'
import { publishPlan, publishValidation } from './report/publish.js'
import { describeGitHubFailure, type GitHub } from './github/types.js'
import * as core from '@actions/core'
import { logText, printable } from './text.js'

// Imported above: what every run needs. The rest loads along the seams between operations: the
// validator (and node:crypto) for the operations that validate, the HTTP client (undici and the
// response schemas) and each network operation only for the operation that uses them.

// Every message may hold text from an answer or a file: each goes out through logText, the log's one sink.
const log: Logger = {
  info: (m) => core.info(logText(m)),
  warning: (m) => core.warning(logText(m)),
  debug: (m) => core.debug(logText(m)),
  group: (name, fn) => core.group(logText(name), fn)
}

/** Registers every secret with the runner before anything can print it: whole, and line by line. */
export function maskSecret(value: string | undefined): void {
  if (!value) return
  core.setSecret(value)
  for (const line of value.split(/\r?\n/)) {
    const t = line.trim()
    // Armor lines are public text; masking them would blank out every certificate in the log too.
    if (t.length >= 8 && !t.startsWith('-----')) core.setSecret(t)
  }
}

function maskInputs(raw: RawInputs): void {
  maskSecret(raw['api-token'])
  maskSecret(raw['api-key'])
  maskSecret(raw['api-email'])
  maskSecret(raw['private-key'])
  maskSecret(raw['github-token'])
}

/** GitHub's API (Octokit) loads only when a check run, a comment or the changed files need it, and once. */
function gitHubLoader(token: string | undefined, transport: { timeoutMs: number; maxRetries: number }): () => Promise<GitHub> {
  let github: Promise<GitHub> | undefined
  return () =>
    (github ??= token
      ? import('./github/client.js').then((m) => m.createGitHub(token, log, { timeoutMs: transport.timeoutMs, maxRetries: transport.maxRetries }))
      : Promise.reject(new Error('no github-token was given (its default is ${{ github.token }})')))
}

/** The whole action: inputs → config → operation → outputs and summary. The one catch is here. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: Config | undefined
  try {
    const raw = collectInputs((name) => core.getInput(name), env)
    maskInputs(raw)
    config = parseConfig(raw, { onSecret: maskSecret, ...(env.GITHUB_WORKSPACE ? { workspace: env.GITHUB_WORKSPACE } : {}) })
    const now = new Date()
    const result = await execute(config, now, env)
    await writeResult(result, now, config.summary)
  } catch (e) {
    // An OperationError or an API error quotes the API's own strings (a name, a service, a message).
    core.setFailed(logText(await describeFailure(e, config)))
    if (core.isDebug() && e instanceof Error && e.stack) core.debug(e.stack.split('\n').map(printable).join('\n'))
  }
}

async function execute(config: Config, now: Date, env: NodeJS.ProcessEnv): Promise<OperationResult> {
  if (config.operation === 'validate') {
    const { validateFiles } = await import('./operations/validate.js')
    // GitHub's API (Octokit) loads only when a check run, a comment or the changed files need it.
    const loadGitHub = gitHubLoader(config.pullRequest.token, config.pullRequest)
    const validated = await validateFiles(config, {
      log,
      now: () => now,
      workspace: env.GITHUB_WORKSPACE || process.cwd(),
      // @actions/glob only for a directory or a pattern: a list of files needs none.
      glob: async (patterns) => {
        const glob = await import('@actions/glob')
        // Links are not followed by the walk: validate resolves each one and keeps to the workspace.
        return (await glob.create(patterns.join('\n'), { matchDirectories: false, followSymbolicLinks: false })).glob()
      },
      changedFiles: async () => {
        try {
          const { api, run } = await loadGitHub()
          if (run.pullNumber === undefined) return { eventName: run.eventName }
          const files = await api.listPullRequestFiles(run.pullNumber)
          return {
            pullNumber: run.pullNumber,
            // Added, modified, renamed, copied or changed: what the pull request leaves in the tree.
            files: files.filter((f) => f.status !== 'removed' && f.status !== 'unchanged').map((f) => f.filename),
            listed: files.length,
            ...(run.changedFiles !== undefined ? { total: run.changedFiles } : {})
          }
        } catch (e) {
          const { detail, permission } = describeGitHubFailure(e)
          return { failure: detail, ...(permission ? { permission: 'pull-requests: read' } : {}) }
        }
      }
    })
    const publication = await publishValidation(validated, config.pullRequest, { github: loadGitHub, log })
    const result = publication ? { ...validated, publication } : validated
    if (result.failed) {
      await writeResult(result, now, config.summary)
      const errors = result.files.reduce((n, f) => n + f.errorCount, 0)
      const warnings = result.files.reduce((n, f) => n + f.warningCount, 0)
      throw new OperationError(
        `PEM validation failed (fail-on: ${result.failOn}): ${errors} error(s) and ${warnings} warning(s) in ${result.files.filter((f) => f.errorCount + f.warningCount > 0).length} of ${result.files.length} file(s); see the annotations above and the job summary.`
      )
    }
    return result
  }
  // Only operations that talk to Cloudflare load the HTTP client: it starts loading
  // here, while the operation's own module loads beside it.
  const http = import('./clients.js')
  http.catch(() => {}) // awaited below; a failure is reported there, not as an unhandled rejection
  const connected = async <R>(operate: (clients: Clients) => Promise<R>): Promise<R> => {
    const { clients, close } = (await http).createClients(config.connection, log, now)
    try {
      return await operate(clients)
    } finally {
      await close()
    }
  }
  switch (config.operation) {
    case 'list': {
      const { listCertificates } = await import('./operations/read.js')
      return connected((clients) => listCertificates(config, clients))
    }
    case 'get': {
      const { getCertificate } = await import('./operations/read.js')
      return connected((clients) => getCertificate(config, clients))
    }
    case 'associations': {
      const { listAssociations } = await import('./operations/read.js')
      return connected((clients) => listAssociations(config, clients))
    }
    case 'delete': {
      const { deleteCertificate } = await import('./operations/delete.js')
      return connected((clients) => deleteCertificate(config, clients))
    }
    case 'upload': {
      const { uploadCertificate } = await import('./operations/upload.js')
      return connected((clients) => uploadCertificate(config, clients))
    }
    case 'rotate': {
      const { rotateCertificate } = await import('./operations/rotate.js')
      return connected((clients) => rotateCertificate(config, clients))
    }
    case 'associate': {
      const { associateHostnames } = await import('./operations/associate.js')
      return connected((clients) => associateHostnames(config, clients))
    }
    case 'sync': {
      // The manifest and every PEM it lists are checked before the HTTP client is used at all.
      const [{ readManifest }, sync] = await Promise.all([import('./sync/manifest.js'), import('./sync/run.js')])
      const manifest = readManifest(config.manifest, { workspace: env.GITHUB_WORKSPACE || process.cwd(), env, onSecret: maskSecret })
      const validation = sync.validateManifestFiles(manifest, config, now)
      const loadGitHub = gitHubLoader(config.pullRequest.token, config.pullRequest)
      const publish = config.pullRequest.prComment
        ? async (r: SyncResult): Promise<SyncResult> => ({ ...r, publication: await publishPlan(r, { github: loadGitHub, log }) })
        : undefined
      const { result, failure } = await connected((clients) =>
        sync.syncAccount(config, manifest, validation, clients, { eventName: env.GITHUB_EVENT_NAME, ...(publish ? { publish } : {}) })
      )
      if (failure) {
        await writeResult(result, now, config.summary)
        throw failure
      }
      return result
    }
    case 'report': {
      const { reportExpiry } = await import('./operations/report.js')
      let result = await connected((clients) => reportExpiry(config, clients))
      // Before the exit code is decided: a failing report keeps its issue too, and a tracking
      // failure is one warning line, never the step's failure.
      if (config.trackingIssue) result = { ...result, trackingIssue: await keepTrackingIssue(result, config.connection.accountId, config.trackingIssue, env) }
      if (result.failed) {
        await writeResult(result, now, config.summary)
        const expired = result.entries.filter((e) => e.group === 'expired').length
        const soon = result.entries.filter((e) => e.group === 'error').length
        throw new OperationError(
          `${expired} certificate(s) expired and ${soon} expire within expiry-error-days (${result.expiryErrorDays}) in account ${config.connection.accountId}; see the warnings above and the job summary. Rotate them (operation: rotate) or delete the unused ones.`
        )
      }
      return result
    }
  }
}

/** report's tracking issue, through GitHub's API (Octokit loads only here and for validate). */
async function keepTrackingIssue(result: ReportResult, accountId: string, settings: TrackingIssueSettings, env: NodeJS.ProcessEnv): Promise<TrackingIssueOutcome> {
  const { publishTrackingIssue } = await import('./report/publish-tracking-issue.js')
  const token = settings.token
  // Where the README's rotate workflow is: the action this step runs, at the ref the workflow uses.
  const repository = env.GITHUB_ACTION_REPOSITORY
  const ref = env.GITHUB_ACTION_REF
  return publishTrackingIssue(
    result,
    { accountId, label: settings.label, ...(repository && ref ? { action: { repository, ref } } : {}) },
    { github: gitHubLoader(token, settings) }
  )
}

function errorContext(config: Config | undefined): ErrorContext | undefined {
  if (!config || config.operation === 'validate') return undefined
  const accountId = config.connection.accountId
  const id = 'ref' in config && config.ref.by === 'id' ? config.ref.id : undefined
  const base = { accountId, ...(id ? { certificateId: id } : {}) }
  switch (config.operation) {
    case 'upload':
      return { ...base, action: 'upload the certificate', permission: 'Edit' }
    case 'rotate':
      return { ...base, action: `rotate the certificate "${config.name ?? ''}"`, permission: 'Edit' }
    case 'delete':
      return { ...base, action: `delete certificate ${id ?? `"${config.ref.by === 'name' ? config.ref.name : ''}"`}`, permission: 'Edit' }
    case 'list':
      return { ...base, action: 'list the certificates', permission: 'Read' }
    case 'report':
      return { ...base, action: 'report on the certificates', permission: 'Read' }
    case 'get':
      return { ...base, action: `read certificate ${id ?? ''}`.trim(), permission: 'Read' }
    case 'associations':
      return { ...base, action: `read the associations of certificate ${id ?? ''}`.trim(), permission: 'Read' }
    case 'sync':
      return { ...base, action: `sync the account with ${config.manifest}`, permission: 'Edit' }
    case 'associate':
      return { ...base, action: `associate certificate ${id ?? `"${config.ref.by === 'name' ? config.ref.name : ''}"`} with hostnames`, permission: 'Edit' }
  }
}

/** One actionable line for any failure; never a stack trace, never a secret. */
async function describeFailure(e: unknown, config: Config | undefined): Promise<string> {
  if (config?.operation === 'sync' && e instanceof Error && e.name === 'SyncStopped') {
    const { SyncStopped } = await import('./sync/run.js')
    if (e instanceof SyncStopped) {
      const why = (await describeFailure(e.error, config))
        .replace(/ Nothing after this step was done: a re-run with the same inputs picks up from here\.$/, '')
        .replace(/\.$/, '')
      return `Sync stopped at ${e.item}: ${why}. Done: ${e.done.join(', ') || 'nothing'}; not done: ${e.notDone.join(', ')}. A re-run plans again from what the account then holds and finishes the job.`
    }
  }
  // A multi-step change that stopped half-way: the failure, then where it stopped and what is bound where.
  if (e instanceof StepFailed) {
    const why = (await describeFailure(e.error, config)).replace(/\.$/, '')
    return `Step "${e.step}" failed: ${why}. State: ${e.state}. Nothing after this step was done: a re-run with the same inputs picks up from here.`
  }
  if (config?.operation === 'sync' && e instanceof OperationError) {
    // Loaded already: the sync modules threw it.
    const [{ ManifestInvalid }, { PemFilesInvalid }] = await Promise.all([import('./sync/manifest.js'), import('./sync/run.js')])
    if (e instanceof ManifestInvalid) writeManifestProblems(e.file, e.problems)
    if (e instanceof PemFilesInvalid) writeAnnotations(e.reports)
  }
  if (e instanceof InputError || e instanceof OperationError) {
    const report = (e as { report?: Parameters<typeof writeAnnotations>[0][number] }).report
    if (report) writeAnnotations([report], { errorsAsFailure: true })
    return e.message
  }
  // An API error exists only once the HTTP stack is loaded: importing its module here costs nothing then.
  const { CloudflareApiError, describeApiError } = await import('./cloudflare/errors.js')
  if (e instanceof CloudflareApiError) {
    const ctx = errorContext(config)
    return ctx ? describeApiError(e, ctx) : e.message
  }
  const message = e instanceof Error ? e.message : String(e)
  return `Unexpected failure: ${message}. Re-run with debug logging (RUNNER_DEBUG=1) for details, and report it if it persists.`
}
