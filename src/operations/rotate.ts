import { mapWithConcurrency, PAGE_CONCURRENCY } from '../cloudflare/mtls.js'
import type { Association, MtlsCertificate } from '../cloudflare/schemas.js'
import type { ConfigOf } from '../inputs.js'
import type { PreviousCertificate, RotateResult } from './results.js'
import type { Clients } from './types.js'
import { CA_LIMIT, findIdentical, preflight, uploadOrReuse } from './upload.js'
import { fingerprintsOfPem } from '../pem/index.js'
import { logPage } from './read.js'

// RFC 3339 times order as text; localeCompare would load ICU's collator (about 15 ms) for the same order.
const byUploadedAsc = (a: MtlsCertificate, b: MtlsCertificate): number => {
  const x = a.uploaded_on ?? ''
  const y = b.uploaded_on ?? ''
  return x < y ? -1 : x > y ? 1 : 0
}

const describe = (c: MtlsCertificate): string => `${c.id} (uploaded ${c.uploaded_on?.slice(0, 10) ?? '?'})`

/**
 * validate → upload or reuse the new certificate → delete the earlier ones with the same name
 * that nothing uses any more, oldest first, keeping the newest `keep-previous`. Certificates still
 * bound to a service are left for a later run (create-before-destroy, never the reverse).
 */
export async function rotateCertificate(config: ConfigOf<'rotate'>, clients: Clients): Promise<RotateResult> {
  const { api, log } = clients
  const { report, ca } = await log.group(`Validate ${config.certificate.label}`, async () => preflight(config, clients))
  const name = config.name as string

  // One read of the account serves reuse, the quota check and finding the earlier versions.
  const { existing, identical, previous, associations } = await log.group(`Find the earlier versions of "${name}"`, async () => {
    const existing = await api.list({ types: ['custom'], onPage: logPage(clients) })
    const identical = config.reuseExisting ? findIdentical(existing, fingerprintsOfPem(config.certificate.text)) : undefined
    const previous = existing.filter((c) => c.name === name && c.id !== identical?.id).sort(byUploadedAsc)
    log.info(`Found ${previous.length} earlier certificate(s) named "${name}".`)
    const associations = await mapWithConcurrency(previous, PAGE_CONCURRENCY, (c) => api.associations(c.id))
    return { existing, identical, previous, associations }
  })
  const kept = new Set(previous.slice(Math.max(0, previous.length - config.keepPrevious)).map((c) => c.id))
  const fates: PreviousCertificate[] = previous.map((certificate, i) => {
    const assoc = associations[i] ?? []
    if (kept.has(certificate.id)) return { certificate, associations: assoc, fate: 'kept', why: `keep-previous: ${config.keepPrevious}` }
    if (assoc.length > 0) return { certificate, associations: assoc, fate: 'blocked', why: `in use by ${servicesOf(assoc)}` }
    return { certificate, associations: assoc, fate: config.dryRun ? 'would-delete' : 'deleted', why: 'no associations' }
  })

  const deletable = fates.filter((f) => f.fate === 'deleted' || f.fate === 'would-delete')
  // At Cloudflare's CA limit, a certificate nothing uses may go first to make room for the new one.
  const caCount = existing.filter((c) => c.ca === true && (c.type ?? 'custom') === 'custom').length
  const mustFreeFirst = ca && !identical && caCount >= CA_LIMIT
  const removed: string[] = []
  const remove = async (f: PreviousCertificate): Promise<void> => {
    if (config.dryRun) return
    await api.delete(f.certificate.id)
    removed.push(f.certificate.id)
    log.info(`Deleted earlier certificate ${describe(f.certificate)}: ${f.why}.`)
  }
  if (mustFreeFirst && deletable.length > 0 && !config.dryRun) {
    const first = deletable[0] as PreviousCertificate
    log.info(`The account is at the CA limit (${CA_LIMIT}); deleting the unused ${describe(first.certificate)} before uploading.`)
    await remove(first)
  }

  const up = await log.group(config.dryRun ? 'Plan the upload (dry run)' : 'Upload the new certificate', async () => {
    const up = await uploadOrReuse(config, ca, clients, {
      deletingForQuota: config.dryRun ? Math.min(1, deletable.length) : removed.length,
      existing
    })
    if (up.reused) log.info(`The new certificate is already in the account: ${up.certificate.id}.`)
    return up
  })

  await log.group(config.dryRun ? 'Plan the deletion of earlier versions (dry run)' : 'Delete the earlier versions nothing uses', async () => {
    for (const f of deletable) if (!removed.includes(f.certificate.id)) await remove(f)
    if (config.waitForUnassociatedSeconds > 0 && !config.dryRun) {
      await waitAndDelete(fates, config.waitForUnassociatedSeconds, clients, remove)
    }
  })
  for (const f of fates) {
    if (f.fate === 'blocked') {
      log.warning(
        `Earlier certificate ${describe(f.certificate)} is still in use by ${servicesOf(f.associations)}; it was left in place. Move those services to ${up.certificate.id || 'the new certificate'}, then re-run to delete it.`
      )
    }
  }
  const plan = config.dryRun
    ? [
        ...up.plan,
        ...fates.map((f) => `would ${f.fate === 'would-delete' ? 'delete' : 'keep'} ${describe(f.certificate)} because ${f.why}`)
      ]
    : []
  return { operation: 'rotate', certificate: up.certificate, ca, reused: up.reused, dryRun: config.dryRun, previous: fates, plan, validation: report }
}

function servicesOf(assoc: Association[]): string {
  return assoc.map((a) => `${a.service} (${a.status ?? 'unknown status'})`).join(', ')
}

/** Polls the blocked certificates with backoff until they are free (then deletes them) or time runs out. */
async function waitAndDelete(
  fates: PreviousCertificate[],
  seconds: number,
  clients: Clients,
  remove: (f: PreviousCertificate) => Promise<void>
): Promise<void> {
  const sleep = clients.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const deadline = Date.now() + seconds * 1000
  let delay = 1000
  for (;;) {
    const blocked = fates.filter((f) => f.fate === 'blocked')
    if (blocked.length === 0) return
    const left = deadline - Date.now()
    if (left <= 0) return
    clients.log.info(`Waiting for ${blocked.length} earlier certificate(s) to lose their associations (${Math.ceil(left / 1000)} s left).`)
    await sleep(Math.min(delay, left))
    delay = Math.min(delay * 2, 15_000)
    for (const f of blocked) {
      const assoc = await clients.api.associations(f.certificate.id)
      f.associations = assoc
      if (assoc.length === 0) {
        f.fate = 'deleted'
        f.why = 'its associations were removed while we waited'
        await remove(f)
      }
    }
  }
}
