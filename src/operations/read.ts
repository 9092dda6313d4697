import type { ConfigOf } from '../inputs.js'
import { resolveCertificate } from './lookup.js'
import type { AssociationsResult, GetResult, ListResult } from './results.js'
import type { Clients } from './types.js'

export async function listCertificates(config: ConfigOf<'list'>, clients: Clients): Promise<ListResult> {
  const certificates = await clients.log.group(`Reading the certificates of account ${clients.api.accountId}`, () =>
    clients.api.list({ ...(config.types ? { types: config.types } : {}), onPage: logPage(clients) })
  )
  clients.log.info(`Found ${certificates.length} certificate(s) of type ${config.types?.join(', ') ?? 'all'}.`)
  return {
    operation: 'list',
    certificates,
    typeFilter: config.types?.join(',') ?? 'all',
    expiryWarningDays: config.validation.expiryWarningDays
  }
}

export async function getCertificate(config: ConfigOf<'get'>, clients: Clients): Promise<GetResult> {
  const found = await resolveCertificate(config.ref, clients)
  // By id, the object and its associations are independent reads: fetch them together.
  const [certificate, associations] = await Promise.all([found.certificate ?? clients.api.get(found.id), clients.api.associations(found.id)])
  clients.log.info(
    `Certificate ${certificate.id}${certificate.name ? ` ("${certificate.name}")` : ''}, ca: ${String(certificate.ca)}, expires ${certificate.expires_on ?? 'at an unknown date'}, ${associations.length} association(s).`
  )
  return { operation: 'get', certificate, associations }
}

export async function listAssociations(config: ConfigOf<'associations'>, clients: Clients): Promise<AssociationsResult> {
  const found = await resolveCertificate(config.ref, clients)
  const associations = await clients.api.associations(found.id)
  clients.log.info(`Certificate ${found.id} has ${associations.length} association(s).`)
  const result: AssociationsResult = { operation: 'associations', certificateId: found.id, associations }
  if (config.zoneIds) {
    const zones: { zoneId: string; hostnames: string[] }[] = []
    for (const zoneId of config.zoneIds) {
      const hostnames = await clients.hostnames.get(zoneId, found.id)
      clients.log.info(`Zone ${zoneId}: it serves ${hostnames.length === 0 ? 'no hostname' : hostnames.join(', ')}.`)
      zones.push({ zoneId, hostnames })
    }
    result.zones = zones
  }
  if (found.certificate) result.certificate = found.certificate
  return result
}

/** One log line a page, inside the phase's group: a long list shows that it moves. */
export function logPage(clients: Clients): (page: number, total: number | undefined, count: number) => void {
  return (page, total, count) => clients.log.info(`Page ${page}${total !== undefined ? ` of ${total}` : ''}: ${count} certificate(s).`)
}
