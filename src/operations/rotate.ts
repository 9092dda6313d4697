import { mapWithConcurrency, PAGE_CONCURRENCY } from '../cloudflare/mtls.js'
import type { Association, MtlsCertificate } from '../cloudflare/schemas.js'
import type { ConfigOf } from '../inputs.js'
import { InputError, type ZoneHostnames } from '../inputs.js'
import { desiredHostnames, hasHost, hostList, sameSet } from './associate.js'
import type { HostnameMove, PreviousCertificate, RotateResult } from './results.js'
import { OperationError, StepFailed, type Clients } from './types.js'
import { CA_LIMIT, describeCa, findIdentical, preflight, uploadOrReuse } from './upload.js'
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
export async function rotateCertificate(config: ConfigOf<'rotate'>, clients: Clients, options: { existing?: MtlsCertificate[] } = {}): Promise<RotateResult> {
  if (config.zones) return rotateBoundCa(config, config.zones, clients, options.existing)
  const { api, log } = clients
  const { report, ca } = await validateNew(config, clients)

  const { existing, identical, previous, associations } = await findEarlierVersions(config, clients, options.existing)
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
    if (config.dryRun) return log.info(`Dry run: would delete ${describe(f.certificate)}: ${f.why}.`)
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
    return up
  })

  // A step with nothing to delete and nothing to wait for opens no group: it would stay empty.
  const waits = config.waitForUnassociatedSeconds > 0 && !config.dryRun && fates.some((f) => f.fate === 'blocked')
  if (waits || deletable.some((f) => !removed.includes(f.certificate.id))) {
    await log.group(config.dryRun ? 'Plan the deletion of earlier versions (dry run)' : 'Delete the earlier versions nothing uses', async () => {
      for (const f of deletable) if (!removed.includes(f.certificate.id)) await remove(f)
      if (waits) await waitAndDelete(fates, config.waitForUnassociatedSeconds, clients, remove)
    })
  }
  for (const f of fates) {
    if (f.fate === 'blocked') {
      log.warning(
        `Earlier certificate ${describe(f.certificate)} is still in use by ${servicesOf(f.associations)}; it was left in place. Move those services to ${up.certificate.id || 'the new certificate'}, then re-run to delete it.`
      )
    }
  }
  const plan = config.dryRun ? [...up.plan, ...fates.map((f) => `would ${f.fate === 'would-delete' ? 'delete' : 'keep'} ${describe(f.certificate)} because ${f.why}`)] : []
  return { operation: 'rotate', certificate: up.certificate, ca, reused: up.reused, dryRun: config.dryRun, previous: fates, plan, validation: report }
}

/** The validation step, with the line that says what passed and how the certificate goes up. */
function validateNew(config: ConfigOf<'rotate'>, clients: Clients): Promise<ReturnType<typeof preflight>> {
  return clients.log.group(`Validate ${config.certificate.label}`, () => {
    const checked = preflight(config, clients)
    clients.log.info(`${checked.report.certificates.length} certificate(s), ${checked.report.warningCount} warning(s); ${describeCa(config, checked.ca)}`)
    return Promise.resolve(checked)
  })
}

/**
 * One read of the account serves reuse, the quota check and finding the earlier versions (same
 * name, oldest first), with the associations of each.
 */
async function findEarlierVersions(config: ConfigOf<'rotate'>, clients: Clients, known?: MtlsCertificate[]) {
  const { api, log } = clients
  const name = config.name as string
  return log.group(`Find the earlier versions of "${name}"`, async () => {
    // sync passes the custom certificates it has just listed for its plan: the account is read once.
    const existing = known ?? (await api.list({ types: ['custom'], onPage: logPage(clients) }))
    const identical = config.reuseExisting ? findIdentical(existing, fingerprintsOfPem(config.certificate.text)) : undefined
    const previous = existing.filter((c) => c.name === name && c.id !== identical?.id).sort(byUploadedAsc)
    log.info(`Found ${previous.length} earlier certificate(s) named "${name}".`)
    const associations = await mapWithConcurrency(previous, PAGE_CONCURRENCY, (c) => api.associations(c.id))
    return { existing, identical, previous, associations }
  })
}

function servicesOf(assoc: Association[]): string {
  return assoc.map((a) => `${a.service} (${a.status ?? 'unknown status'})`).join(', ')
}

/** Polls the blocked certificates with backoff until they are free (then deletes them) or time runs out. */
async function waitAndDelete(fates: PreviousCertificate[], seconds: number, clients: Clients, remove: (f: PreviousCertificate) => Promise<void>): Promise<void> {
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

/**
 * rotate with zone-id + hostnames, Cloudflare's documented order for a BYO CA on hostnames:
 * validate → upload or reuse the new CA → per zone: bind it to the hostnames, verify, remove those
 * hostnames from each earlier CA with the same name (keeping the others they serve) → wait for the
 * earlier CAs' associations to drain → delete the free ones, oldest first, keeping keep-previous.
 * Every step reads before it writes and skips what is already done, so a re-run after a failure
 * anywhere picks up where the failed run stopped.
 */
async function rotateBoundCa(config: ConfigOf<'rotate'>, zones: ZoneHostnames[], clients: Clients, known?: MtlsCertificate[]): Promise<RotateResult> {
  const { api, log } = clients
  const { report, ca } = await validateNew(config, clients)
  if (!ca) {
    throw new InputError(
      config.certificate.input,
      'is not a CA (its first certificate is not CA:TRUE): zone-id and hostnames bind a CA uploaded with ca: true to hostnames; a client certificate cannot serve them'
    )
  }
  const { existing, identical, previous, associations } = await findEarlierVersions(config, clients, known)

  // zone → certificate id → the hostnames it serves there, as read and then as written.
  const bindings = new Map<string, Map<string, string[]>>(zones.map((z) => [z.zoneId, new Map()]))
  const served = (zoneId: string, id: string): string[] => bindings.get(zoneId)?.get(id) ?? []
  const setServed = (zoneId: string, id: string, hosts: string[]): void => void bindings.get(zoneId)?.set(id, hosts)
  const removed: string[] = []
  let up: Awaited<ReturnType<typeof uploadOrReuse>> | undefined
  const newId = (): string => up?.certificate.id ?? ''
  const state = (): string => `${describeBindings(zones, bindings, newId(), previous)}; deleted before this: ${removed.join(', ') || 'none'}`

  // Every earlier CA with the name, in every zone given, whatever the account's /associations shows:
  // whether (and with which service) it lists a hostname binding is unconfirmed, and its answer may
  // lag. A binding missed here would stay, and Cloudflare would refuse the DELETE on every re-run.
  // The BYO CA limit (5 per account) keeps this to a handful of reads. A client certificate of the
  // same name (ca: false) cannot serve hostnames and is not read.
  const earlierCas = previous.filter((c) => c.ca !== false)
  await log.group(`Read the hostnames of ${zones.length} zone(s)`, async () => {
    for (const zone of zones) {
      for (const c of [...earlierCas, ...(identical ? [identical] : [])]) {
        let hosts: string[]
        try {
          hosts = await clients.hostnames.get(zone.zoneId, c.id)
        } catch (e) {
          throw new StepFailed(`Reading the hostnames of ${c.id} in zone ${zone.zoneId}`, state(), e)
        }
        setServed(zone.zoneId, c.id, hosts)
        log.info(`Zone ${zone.zoneId}: ${describe(c)}${c.id === identical?.id ? ' (the new CA, already uploaded)' : ''} serves ${hostList(hosts)}.`)
      }
    }
  })
  // Which earlier CAs serve hostnames in the zones given, as read before anything changed.
  const servedAtStart = new Set(previous.filter((c) => zones.some((z) => served(z.zoneId, c.id).length > 0)).map((c) => c.id))

  const kept = new Set(previous.slice(Math.max(0, previous.length - config.keepPrevious)).map((c) => c.id))
  const unused = previous.filter((c, i) => !kept.has(c.id) && (associations[i] ?? []).length === 0 && !servedAtStart.has(c.id))
  const caCount = existing.filter((c) => c.ca === true && (c.type ?? 'custom') === 'custom').length
  const remove = async (c: MtlsCertificate, why: string): Promise<void> => {
    try {
      await api.delete(c.id)
    } catch (e) {
      throw new StepFailed(`Deleting earlier certificate ${c.id}`, state(), e)
    }
    removed.push(c.id)
    log.info(`Deleted earlier certificate ${describe(c)}: ${why}.`)
  }
  // At Cloudflare's CA limit, an earlier CA nothing uses may go first to make room for the new one.
  if (ca && !identical && caCount >= CA_LIMIT && unused.length > 0 && !config.dryRun) {
    const first = unused[0] as MtlsCertificate
    log.info(`The account is at the CA limit (${CA_LIMIT}); deleting the unused ${describe(first)} before uploading.`)
    await remove(first, 'no associations (deleted first: the account was at the CA limit)')
  }

  up = await log.group(config.dryRun ? 'Plan the upload (dry run)' : 'Upload the new certificate', async () => {
    let up: Awaited<ReturnType<typeof uploadOrReuse>>
    try {
      up = await uploadOrReuse(config, ca, clients, { deletingForQuota: config.dryRun ? Math.min(1, unused.length) : removed.length, existing })
    } catch (e) {
      // An input problem is not a step half-way; anything else may follow a deletion made for room.
      if (e instanceof InputError) throw e
      throw new StepFailed('Uploading the new certificate', state(), e)
    }
    return up
  })
  const next = up.certificate
  const plan: string[] = [...(config.dryRun ? up.plan : [])]
  const moves: HostnameMove[] = []
  const label = next.id || 'the new CA'

  for (const zone of zones) {
    const z = zone.zoneId
    // Read unless known: an identical CA found in the list was read above; a fresh upload serves nothing yet.
    if (next.id && !bindings.get(z)?.has(next.id)) {
      if (up.reused) {
        const hosts = await log.group(`Zone ${z}: read the hostnames of ${next.id}`, async () => {
          let read: string[]
          try {
            read = await clients.hostnames.get(z, next.id)
          } catch (e) {
            throw new StepFailed(`Reading the hostnames of the new CA ${next.id} in zone ${z}`, state(), e)
          }
          log.info(`${next.id} serves ${hostList(read)}.`)
          return read
        })
        setServed(z, next.id, hosts)
      } else setServed(z, next.id, [])
    }
    const before = served(z, next.id)
    const after = desiredHostnames(before, zone.hostnames, false)
    const changed = !sameSet(before, after)
    const from = (h: string) => previous.filter((c) => hasHost(served(z, c.id), h)).map((c) => c.id)
    for (const h of zone.hostnames) moves.push({ zoneId: z, hostname: h, from: from(h), fate: hasHost(before, h) ? 'already' : config.dryRun ? 'would-bind' : 'bound' })

    await log.group(`Zone ${z}: bind ${zone.hostnames.length} hostname(s) to ${label}`, async () => {
      if (!changed) return log.info(`${label} already serves ${hostList(zone.hostnames)}.`)
      const what = `bind ${hostList(after.filter((h) => !hasHost(before, h)))} in zone ${z} to ${label} (${after.length} hostname(s) after)`
      if (config.dryRun) return void (plan.push(`would ${what}`), log.info(`Dry run: would ${what}.`))
      try {
        await clients.hostnames.replace(z, next.id, after)
      } catch (e) {
        throw new StepFailed(`Binding the new CA in zone ${z}`, state(), e)
      }
      log.info(`Sent: ${what}.`)
    })
    if (changed && !config.dryRun) {
      await log.group(`Zone ${z}: verify`, async () => {
        let now: string[]
        try {
          now = await clients.hostnames.get(z, next.id)
        } catch (e) {
          throw new StepFailed(`Verifying the new CA's hostnames in zone ${z}`, state(), e)
        }
        setServed(z, next.id, now)
        const missing = zone.hostnames.filter((h) => !hasHost(now, h))
        if (missing.length > 0) {
          throw new OperationError(
            `Step "verify" failed in zone ${z}: after binding, Cloudflare lists ${hostList(now)} for the new CA ${next.id}, without ${hostList(missing)}; the earlier CAs were left bound and nothing was deleted. Check that the hostnames belong to zone ${z}, then re-run. State: ${state()}.`
          )
        }
        log.info(`${next.id} serves ${hostList(now)}.`)
      })
    }

    await log.group(`Zone ${z}: unbind the hostnames from the earlier versions`, async () => {
      let any = false
      for (const c of previous) {
        const had = served(z, c.id)
        // The rest keep Cloudflare's own spelling: the PUT resends them as they were.
        const rest = had.filter((h) => !hasHost(zone.hostnames, h))
        if (rest.length === had.length) continue
        any = true
        const what = `unbind ${hostList(had.filter((h) => hasHost(zone.hostnames, h)))} in zone ${z} from ${describe(c)}${rest.length > 0 ? `, which keeps ${hostList(rest)}` : ''}`
        if (config.dryRun) {
          plan.push(`would ${what}`)
          log.info(`Dry run: would ${what}.`)
          setServed(z, c.id, rest) // as it would be: the plan of the deletions below follows from it
          continue
        }
        try {
          await clients.hostnames.replace(z, c.id, rest)
        } catch (e) {
          throw new StepFailed(`Unbinding earlier certificate ${c.id} in zone ${z}`, state(), e)
        }
        setServed(z, c.id, rest)
        log.info(`Done: ${what}.`)
      }
      if (!any) log.info('No earlier version serves these hostnames here.')
    })
  }

  // Which earlier versions can go: drained ones (after the unbinding above) and those nothing used.
  const fates: PreviousCertificate[] = previous.map((certificate, i) => {
    const assoc = associations[i] ?? []
    if (kept.has(certificate.id)) return { certificate, associations: assoc, fate: 'kept', why: `keep-previous: ${config.keepPrevious}` }
    if (removed.includes(certificate.id)) return { certificate, associations: assoc, fate: 'deleted', why: 'no associations (deleted first: the account was at the CA limit)' }
    const keeps = zones.filter((z) => served(z.zoneId, certificate.id).length > 0).map((z) => `${hostList(served(z.zoneId, certificate.id))} in zone ${z.zoneId}`)
    if (keeps.length > 0) return { certificate, associations: assoc, fate: 'blocked', why: `it ${config.dryRun ? 'would still serve' : 'still serves'} ${keeps.join('; ')}` }
    if (assoc.length === 0) {
      // The account listed nothing, even for one that served hostnames here (its /associations need not show them).
      if (!servedAtStart.has(certificate.id)) return { certificate, associations: assoc, fate: config.dryRun ? 'would-delete' : 'deleted', why: 'no associations' }
      return {
        certificate,
        associations: assoc,
        fate: config.dryRun ? 'would-delete' : 'deleted',
        why: `its hostnames ${config.dryRun ? 'move' : 'moved'} to the new CA, and the account listed no association for it`
      }
    }
    if (config.dryRun)
      return { certificate, associations: assoc, fate: 'would-delete', why: 'its hostnames move to the new CA; deleted once Cloudflare lists no association for it' }
    return { certificate, associations: assoc, fate: 'blocked', why: `in use by ${servicesOf(assoc)}` }
  })

  if (!config.dryRun) {
    // One that still serves hostnames here keeps its associations whatever we wait for.
    const draining = fates.filter((f) => f.fate === 'blocked' && !f.why.startsWith('it still serves'))
    const poll = async (): Promise<PreviousCertificate[]> => {
      for (const f of draining.filter((x) => x.fate === 'blocked')) {
        try {
          f.associations = await api.associations(f.certificate.id)
        } catch (e) {
          throw new StepFailed(`Reading the associations of earlier certificate ${f.certificate.id}`, state(), e)
        }
        if (f.associations.length === 0) {
          f.fate = 'deleted'
          f.why = 'its associations drained after the unbinding'
        } else f.why = `in use by ${servicesOf(f.associations)}`
      }
      return draining.filter((x) => x.fate === 'blocked')
    }
    // The first read is outside the wait: associations usually drain at once, and a wait that waits for nothing opens no group.
    const deadline = Date.now() + config.waitForUnassociatedSeconds * 1000
    let left = draining.length > 0 ? await poll() : []
    if (left.length > 0 && deadline > Date.now()) {
      await log.group(`Wait for the associations of ${left.length} earlier version(s) to drain`, async () => {
        const sleep = clients.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
        let delay = 1000
        for (;;) {
          const remaining = deadline - Date.now()
          if (left.length === 0 || remaining <= 0) return
          log.info(`Waiting for ${left.length} earlier certificate(s) to lose their associations (${Math.ceil(remaining / 1000)} s left).`)
          await sleep(Math.min(delay, remaining))
          delay = Math.min(delay * 2, 15_000)
          left = await poll()
        }
      })
    }
  }
  for (const f of fates) {
    if (f.fate === 'would-delete') plan.push(`would delete ${describe(f.certificate)} because ${f.why}`)
    else if (f.fate === 'kept' && config.dryRun) plan.push(`would keep ${describe(f.certificate)} because ${f.why}`)
  }
  // Nothing to delete, nothing to plan: no group (it would stay empty).
  const toDelete = fates.filter((f) => f.fate === 'would-delete' || (f.fate === 'deleted' && !removed.includes(f.certificate.id)))
  if (toDelete.length > 0) {
    await log.group(config.dryRun ? 'Plan the deletion of earlier versions (dry run)' : 'Delete the earlier versions nothing uses', async () => {
      for (const f of toDelete) {
        if (f.fate === 'would-delete') log.info(`Dry run: would delete ${describe(f.certificate)}: ${f.why}.`)
        else await remove(f.certificate, f.why)
      }
    })
  }
  for (const f of fates) {
    if (f.fate === 'blocked') {
      log.warning(
        `Earlier certificate ${describe(f.certificate)} is still in use by ${servicesOf(f.associations)}; it was left in place. ${f.why.startsWith('it ') ? `In the zones given, ${f.why}. ` : ''}Move those services to ${next.id || 'the new certificate'} (or raise wait-for-unassociated-seconds), then re-run to delete it.`
      )
    }
  }
  return {
    operation: 'rotate',
    certificate: next,
    ca,
    reused: up.reused,
    dryRun: config.dryRun,
    previous: fates,
    plan: config.dryRun ? plan : [],
    validation: report,
    hostnames: moves,
    zones: zones.map((z) => ({ zoneId: z.zoneId, hostnames: config.dryRun ? desiredHostnames(served(z.zoneId, next.id), z.hostnames, false) : served(z.zoneId, next.id) }))
  }
}

/** What is bound where, for an error line: per zone, the hostnames of the new CA and of each earlier one. */
function describeBindings(zones: ZoneHostnames[], bindings: Map<string, Map<string, string[]>>, newId: string, previous: MtlsCertificate[]): string {
  return zones
    .map((z) => {
      const m = bindings.get(z.zoneId) ?? new Map<string, string[]>()
      const parts = [...m.entries()].map(
        ([id, hosts]) => `${id === newId ? 'new CA ' : previous.some((c) => c.id === id) ? 'earlier CA ' : ''}${id} serves ${hostList(hosts)}`
      )
      return `zone ${z.zoneId}: ${parts.join(', ') || 'nothing read yet'}`
    })
    .join('; ')
}
