import type { MtlsCertificate } from '../cloudflare/schemas.js'
import type { ConfigOf, Connection, ValidationSettings } from '../inputs.js'
import { associateHostnames, sameSet } from '../operations/associate.js'
import { deleteCertificate } from '../operations/delete.js'
import type { ItemOutcome } from '../operations/results.js'
import { rotateCertificate } from '../operations/rotate.js'
import { OperationError, type Clients } from '../operations/types.js'
import { uploadOrReuse } from '../operations/upload.js'
import type { ManifestCertificate } from './manifest.js'
import type { Plan, PlanItem, ZoneChange } from './plan.js'

/** What every operation sync calls needs besides the manifest entry. */
export interface SyncSettings {
  connection: Connection
  validation: ValidationSettings
  keepPrevious: number
  waitForUnassociatedSeconds: number
}

/** The typed config of upload or rotate for one manifest entry: the same config the single-certificate inputs build. */
export function certificateConfig<O extends 'upload' | 'rotate'>(operation: O, entry: ManifestCertificate, s: SyncSettings): ConfigOf<'upload' | 'rotate'> & { operation: O } {
  const cfg: ConfigOf<'upload' | 'rotate'> & { operation: O } = {
    operation,
    summary: false,
    connection: s.connection,
    certificate: entry.certificate,
    ca: entry.ca ? 'true' : 'false',
    name: entry.name,
    validation: s.validation,
    reuseExisting: true,
    dryRun: false,
    keepPrevious: s.keepPrevious,
    waitForUnassociatedSeconds: s.waitForUnassociatedSeconds
  }
  if (entry.privateKey) cfg.privateKey = entry.privateKey
  if (operation === 'rotate' && entry.zones) cfg.zones = entry.zones
  return cfg
}

const byAge = (a: MtlsCertificate, b: MtlsCertificate): number => {
  const x = a.uploaded_on ?? ''
  const y = b.uploaded_on ?? ''
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** The result of an apply: one outcome per item, and the error that stopped it, if one did. */
export interface Applied {
  outcomes: ItemOutcome[]
  failure?: { item: PlanItem; error: unknown }
}

/**
 * Carries the plan out, item by item, by calling the operations (upload, rotate, associate,
 * delete) with their own typed configs. The first failure stops the run: what is done and what
 * is not is in the outcomes, and a re-run plans again from what the account then holds.
 */
export async function applyPlan(plan: Plan, certificates: MtlsCertificate[], settings: SyncSettings, clients: Clients): Promise<Applied> {
  const custom = certificates.filter((c) => (c.type ?? 'custom') === 'custom')
  const outcomes: ItemOutcome[] = plan.items.map(() => ({ status: 'not run' }))
  for (const [i, item] of plan.items.entries()) {
    if (item.action === 'unchanged' || item.action === 'blocked') {
      outcomes[i] = { status: 'done', note: 'nothing to do' }
      continue
    }
    try {
      const note = await clients.log.group(`${item.action} "${item.name}"`, () => applyItem(item, custom, settings, clients))
      outcomes[i] = { status: 'done', ...(note ? { note } : {}) }
    } catch (error) {
      outcomes[i] = { status: 'failed' }
      return { outcomes, failure: { item, error } }
    }
  }
  return { outcomes }
}

async function applyItem(item: PlanItem, custom: MtlsCertificate[], s: SyncSettings, clients: Clients): Promise<string | undefined> {
  const entry = item.entry
  switch (item.action) {
    case 'upload': {
      if (!entry) return undefined
      const cfg = certificateConfig('upload', entry, s)
      const up = await uploadOrReuse(cfg, entry.ca, clients, { existing: custom })
      const certificate = await keepOneOfName(entry.name, up.certificate, up.reused, s, clients)
      const zones = (entry.zones ?? []).map((z) => ({ zoneId: z.zoneId, hostnames: z.hostnames }))
      if (zones.length > 0) await setHostnames(certificate, zones, s, clients)
      return `uploaded ${certificate.id}${zones.length > 0 ? ' and bound its hostnames' : ''}`
    }
    case 'rotate': {
      if (!entry) return undefined
      const cfg = certificateConfig('rotate', entry, s) as ConfigOf<'rotate'>
      const r = await rotateCertificate(cfg, clients, { existing: custom })
      // rotate adds the manifest's hostnames; the manifest's list is exact: remove what else the new CA serves there.
      const extra = (r.zones ?? []).filter((z) => !sameSet(z.hostnames, entry.zones?.find((w) => w.zoneId === z.zoneId)?.hostnames ?? z.hostnames))
      if (extra.length > 0)
        await setHostnames(
          r.certificate,
          extra.map((z) => ({ zoneId: z.zoneId, hostnames: entry.zones?.find((w) => w.zoneId === z.zoneId)?.hostnames ?? [] })),
          s,
          clients
        )
      const blocked = r.previous.filter((p) => p.fate === 'blocked')
      const kept = r.previous.filter((p) => p.fate === 'kept')
      const deleted = r.previous.filter((p) => p.fate === 'deleted')
      return [
        `now ${r.certificate.id}`,
        deleted.length > 0 ? `deleted ${deleted.map((p) => p.certificate.id).join(', ')}` : '',
        kept.length > 0 ? `kept ${kept.map((p) => p.certificate.id).join(', ')} (keep-previous)` : '',
        blocked.length > 0 ? `left ${blocked.map((p) => `${p.certificate.id} (${p.why})`).join(', ')} in place` : ''
      ]
        .filter(Boolean)
        .join('; ')
    }
    case 'hostnames': {
      const current = custom.find((c) => c.id === item.id)
      if (!current) return undefined
      await setHostnames(
        current,
        (item.zones ?? []).map((z: ZoneChange) => ({ zoneId: z.zoneId, hostnames: z.after })),
        s,
        clients
      )
      return 'set and verified'
    }
    case 'delete': {
      if (!item.id) return undefined
      const d = await deleteCertificate(
        { operation: 'delete', summary: false, connection: s.connection, ref: { by: 'id', id: item.id }, missingOk: true, dryRun: false },
        clients
      )
      return d.missing ? 'already gone' : `deleted ${item.id}`
    }
    default:
      return undefined
  }
}

/** Exactly the given hostnames in each zone (associate with replace: true). */
async function setHostnames(certificate: MtlsCertificate, zones: { zoneId: string; hostnames: string[] }[], s: SyncSettings, clients: Clients): Promise<void> {
  await associateHostnames(
    { operation: 'associate', summary: false, connection: s.connection, ref: { by: 'id', id: certificate.id }, zones, replace: true, dryRun: false },
    clients,
    certificate
  )
}

/**
 * After an upload, the account is read again: two applies that ran at once with different PEMs
 * may both have uploaded under the name. The oldest keeps it (every run that looks agrees on
 * which is oldest); a run whose own upload is younger deletes it again and stops, so one
 * certificate holds the name and the next run rotates from there.
 */
async function keepOneOfName(name: string, ours: MtlsCertificate, reused: boolean, s: SyncSettings, clients: Clients): Promise<MtlsCertificate> {
  const named = (await clients.api.list({ types: ['custom'] })).filter((c) => c.name === name).sort(byAge)
  const keeper = named[0]
  if (named.length <= 1 || keeper === undefined || keeper.id === ours.id || reused) return ours
  await deleteCertificate({ operation: 'delete', summary: false, connection: s.connection, ref: { by: 'id', id: ours.id }, missingOk: true, dryRun: false }, clients)
  throw new OperationError(
    `Another run uploaded a certificate named "${name}" at the same time (${keeper.id}, uploaded ${keeper.uploaded_on ?? '?'}); this run's upload ${ours.id} was deleted again so that one certificate holds the name. Run sync again: it rotates to the manifest's PEM if the two differ.`
  )
}
