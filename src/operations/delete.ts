import { CloudflareApiError } from '../cloudflare/errors.js'
import type { ConfigOf } from '../inputs.js'
import { resolveCertificate } from './lookup.js'
import type { DeleteResult } from './results.js'
import { OperationError, type Clients } from './types.js'

/** Cloudflare manages these (Zero Trust); a function, not a module constant, so that its mutants are tied to the tests that reach it. */
const isManaged = (type: string): boolean => type === 'gateway_managed' || type === 'access_managed'

/**
 * Deletes one certificate, but only when nothing is bound to it: Cloudflare refuses too,
 * with a message that does not say which services to unbind.
 */
export async function deleteCertificate(config: ConfigOf<'delete'>, clients: Clients): Promise<DeleteResult> {
  let found: Awaited<ReturnType<typeof resolveCertificate>>
  try {
    found = await resolveCertificate(config.ref, clients)
  } catch (e) {
    if (config.missingOk && e instanceof OperationError && e.reason === 'not-found') {
      clients.log.info(`${e.message} Nothing to delete (missing-ok).`)
      return { operation: 'delete', certificateId: '', deleted: false, missing: true, dryRun: config.dryRun, plan: [] }
    }
    throw e
  }
  const { id, certificate } = found
  if (certificate?.type && isManaged(certificate.type)) {
    throw new OperationError(
      `Certificate ${id} is ${certificate.type}: Cloudflare manages it, and it cannot be deleted through this API. Remove it where it is managed (Zero Trust settings).`,
      'managed'
    )
  }
  let associations
  try {
    associations = await clients.api.associations(id)
  } catch (e) {
    if (config.missingOk && e instanceof CloudflareApiError && e.hasCode(1472)) return missing(id, config, clients)
    throw e
  }
  if (associations.length > 0) {
    const list = associations.map((a) => `${a.service} (${a.status ?? 'unknown status'})`).join(', ')
    throw new OperationError(
      `Certificate ${id} is still in use by ${associations.length} service(s): ${list}. Unbind it from each service (or move them to another certificate) before deleting it; operation: rotate does this safely.`,
      'in-use'
    )
  }
  const plan = [`would delete certificate ${id}${certificate?.name ? ` ("${certificate.name}")` : ''}: it has no associations`]
  if (config.dryRun) {
    clients.log.info(`Dry run: ${plan[0]}.`)
    const result: DeleteResult = { operation: 'delete', certificateId: id, deleted: false, missing: false, dryRun: true, plan }
    // Stryker disable next-line ConditionalExpression: a certificate property holding undefined reads as none to outputs and summary
    if (certificate) result.certificate = certificate
    return result
  }
  let deleted
  try {
    deleted = await clients.api.delete(id)
  } catch (e) {
    if (config.missingOk && e instanceof CloudflareApiError && e.hasCode(1472)) return missing(id, config, clients)
    throw e
  }
  clients.log.info(`Deleted certificate ${id}.`)
  const result: DeleteResult = { operation: 'delete', certificateId: id, deleted: true, missing: false, dryRun: false, plan: [] }
  const shown = deleted ?? certificate
  // Stryker disable next-line ConditionalExpression: a certificate property holding undefined reads as none to outputs and summary
  if (shown) result.certificate = shown
  return result
}

function missing(id: string, config: ConfigOf<'delete'>, clients: Clients): DeleteResult {
  clients.log.info(`Certificate ${id} does not exist: nothing to delete (missing-ok).`)
  return { operation: 'delete', certificateId: id, deleted: false, missing: true, dryRun: config.dryRun, plan: [] }
}
