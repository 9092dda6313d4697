import type { MtlsCertificate } from '../cloudflare/schemas.js'
import type { ConfigOf } from '../inputs.js'
import { resolveCertificate } from './lookup.js'
import type { AssociateResult, ZoneHostnamesChange } from './results.js'
import { OperationError, StepFailed, type Clients } from './types.js'

/** Hostname associations take an uploaded CA; a client certificate (ca: false) cannot serve them. */
export function requireCa(certificate: MtlsCertificate): void {
  if (certificate.ca === true) return
  throw new OperationError(
    `Certificate ${certificate.id}${certificate.name ? ` ("${certificate.name}")` : ''} is not a CA (ca: ${String(certificate.ca ?? 'unknown')}): only a CA uploaded with ca: true can be associated with hostnames for mTLS. A client certificate with its key is for Workers or Hyperdrive bindings.`,
    'invalid-certificate'
  )
}

/**
 * A hostname as compared: Cloudflare's answers may spell a hostname with capitals or a trailing dot
 * (the inputs are already lowercased and dotless); DNS names compare without either.
 */
// Stryker disable next-line MethodExpression: hostKey only compares; upper case on both sides gives the same answers for ASCII hostnames
export const hostKey = (h: string): string => h.trim().toLowerCase().replace(/\.$/, '')

/** Whether `set` holds `h`, compared as hostKey does. */
export const hasHost = (set: string[], h: string): boolean => set.some((x) => hostKey(x) === hostKey(h))

/**
 * `current` with `wanted` added (current order first), or exactly `wanted` when replacing. A hostname
 * the set already holds keeps the server's own spelling (resending a set Cloudflare had changes
 * nothing it did not need to); one it lacks is added as given (lowercase).
 */
export function desiredHostnames(current: string[], wanted: string[], replace: boolean): string[] {
  if (replace) {
    const out: string[] = []
    for (const w of wanted) {
      const h = current.find((c) => hostKey(c) === hostKey(w)) ?? w
      if (!hasHost(out, h)) out.push(h)
    }
    return out
  }
  return [...current, ...wanted.filter((h, i) => !hasHost(current, h) && !hasHost(wanted.slice(0, i), h))]
}

/** The same hostnames, compared as hostKey does (order and spelling aside). */
export const sameSet = (a: string[], b: string[]): boolean => a.every((h) => hasHost(b, h)) && b.every((h) => hasHost(a, h))

export const hostList = (hosts: string[]): string => (hosts.length === 0 ? 'none' : hosts.join(', '))

/**
 * Makes the certificate's hostname set in each zone include (or, with replace, equal) the given
 * hostnames: read the set (PUT replaces it), PUT the new set, read it again to verify. Zones go one
 * after another; the first failure stops the run and says what is bound where.
 */
export async function associateHostnames(config: ConfigOf<'associate'>, clients: Clients, known?: MtlsCertificate): Promise<AssociateResult> {
  const { api, log } = clients
  // A caller that has just read or uploaded the certificate (sync) passes it: no second read.
  const certificate =
    known ??
    (await log.group('Find the certificate', async () => {
      const found = await resolveCertificate(config.ref, clients)
      const c = found.certificate ?? (await api.get(found.id))
      log.info(`Certificate ${c.id}${c.name ? ` ("${c.name}")` : ''}, ca: ${String(c.ca)}.`)
      return c
    }))
  requireCa(certificate)
  const zones: ZoneHostnamesChange[] = []
  const plan: string[] = []
  for (const zone of config.zones) {
    const change = await log.group(`Zone ${zone.zoneId}: ${config.dryRun ? 'plan' : 'set'} the hostnames of ${certificate.id}`, async () => {
      const before = await clients.hostnames.get(zone.zoneId, certificate.id)
      const after = desiredHostnames(before, zone.hostnames, config.replace)
      const change: ZoneHostnamesChange = {
        zoneId: zone.zoneId,
        before,
        after,
        added: after.filter((h) => !hasHost(before, h)),
        removed: before.filter((h) => !hasHost(after, h)),
        changed: !sameSet(before, after)
      }
      log.info(`It serves ${hostList(before)}.`)
      if (!change.changed) {
        log.info('Nothing to change.')
        return change
      }
      const what = `zone ${zone.zoneId}: add ${hostList(change.added)}; remove ${hostList(change.removed)} (${after.length} hostname(s) after)`
      if (config.dryRun) {
        plan.push(`would set ${what}`)
        log.info(`Dry run: would set ${what}.`)
        return change
      }
      const state = `in zone ${zone.zoneId}, certificate ${certificate.id} served ${hostList(before)} before this step; zones done: ${zones.map((z) => z.zoneId).join(', ') || 'none'}`
      try {
        await clients.hostnames.replace(zone.zoneId, certificate.id, after)
      } catch (e) {
        throw new StepFailed(`Setting the hostnames in zone ${zone.zoneId}`, state, e)
      }
      let verified: string[]
      try {
        verified = await clients.hostnames.get(zone.zoneId, certificate.id)
      } catch (e) {
        throw new StepFailed(`Verifying the hostnames in zone ${zone.zoneId}`, `${state}; the PUT of ${hostList(after)} was answered`, e)
      }
      if (!sameSet(verified, after)) {
        throw new OperationError(
          `Zone ${zone.zoneId}: after setting ${hostList(after)}, Cloudflare lists ${hostList(verified)} for certificate ${certificate.id}. Check the hostnames belong to the zone, then re-run.`
        )
      }
      change.after = verified
      log.info(`Set ${what}; verified.`)
      return change
    })
    zones.push(change)
  }
  return { operation: 'associate', certificate, replace: config.replace, dryRun: config.dryRun, zones, plan }
}
