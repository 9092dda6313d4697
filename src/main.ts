import * as core from '@actions/core'
import { collectInputs, InputError, parseConfig, type Config, type RawInputs } from './inputs.js'
import { CloudflareApiError, describeApiError, type ErrorContext } from './cloudflare/errors.js'
import type { OperationResult } from './operations/results.js'
import { OperationError, type Logger } from './operations/types.js'
import { writeAnnotations, writeResult } from './report/write.js'

const log: Logger = {
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  debug: (m) => core.debug(m)
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
}

/** The whole action: inputs → config → operation → outputs and summary. The one catch is here. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: Config | undefined
  try {
    const raw = collectInputs((name) => core.getInput(name), env)
    maskInputs(raw)
    config = parseConfig(raw, { onSecret: maskSecret })
    const now = new Date()
    const result = await execute(config, now, env)
    await writeResult(result, now, config.summary)
  } catch (e) {
    core.setFailed(describeFailure(e, config))
    if (core.isDebug() && e instanceof Error && e.stack) core.debug(e.stack)
  }
}

async function execute(config: Config, now: Date, env: NodeJS.ProcessEnv): Promise<OperationResult> {
  if (config.operation === 'validate') {
    const [{ validateFiles }, glob] = await Promise.all([import('./operations/validate.js'), import('@actions/glob')])
    const result = await validateFiles(config, {
      log,
      now: () => now,
      workspace: env.GITHUB_WORKSPACE || process.cwd(),
      glob: async (patterns) => (await glob.create(patterns.join('\n'), { matchDirectories: false })).glob()
    })
    if (result.failed) {
      writeAnnotations(result.files)
      await writeResult(result, now, config.summary)
      const errors = result.files.reduce((n, f) => n + f.errorCount, 0)
      const warnings = result.files.reduce((n, f) => n + f.warningCount, 0)
      throw new OperationError(
        `PEM validation failed (fail-on: ${result.failOn}): ${errors} error(s) and ${warnings} warning(s) in ${result.files.filter((f) => f.errorCount + f.warningCount > 0).length} of ${result.files.length} file(s); see the annotations above and the job summary.`
      )
    }
    return result
  }
  // The HTTP stack is loaded only by operations that talk to Cloudflare: validate starts faster.
  const { createClients } = await import('./clients.js')
  const { clients, close } = createClients(config.connection, log, now)
  try {
    switch (config.operation) {
      case 'list':
        return await (await import('./operations/read.js')).listCertificates(config, clients)
      case 'get':
        return await (await import('./operations/read.js')).getCertificate(config, clients)
      case 'associations':
        return await (await import('./operations/read.js')).listAssociations(config, clients)
      case 'delete':
        return await (await import('./operations/delete.js')).deleteCertificate(config, clients)
      case 'upload':
        return await (await import('./operations/upload.js')).uploadCertificate(config, clients)
      case 'rotate':
        return await (await import('./operations/rotate.js')).rotateCertificate(config, clients)
      case 'report': {
        const result = await (await import('./operations/report.js')).reportExpiry(config, clients)
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
  } finally {
    await close()
  }
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
  }
}

/** One actionable line for any failure; never a stack trace, never a secret. */
function describeFailure(e: unknown, config: Config | undefined): string {
  if (e instanceof InputError || e instanceof OperationError) {
    const report = (e as { report?: Parameters<typeof writeAnnotations>[0][number] }).report
    if (report) writeAnnotations([report], { errorsAsFailure: true })
    return e.message
  }
  if (e instanceof CloudflareApiError) {
    const ctx = errorContext(config)
    return ctx ? describeApiError(e, ctx) : e.message
  }
  const message = e instanceof Error ? e.message : String(e)
  return `Unexpected failure: ${message}. Re-run with debug logging (RUNNER_DEBUG=1) for details, and report it if it persists.`
}
