import type { Association, MtlsCertificate } from '../cloudflare/schemas.js'
import { hasHost, hostList, sameSet } from '../operations/associate.js'
import { fingerprintsOfPem } from '../pem/fingerprint.js'
import type { Manifest, ManifestCertificate } from './manifest.js'

/**
 * What sync does with one name: upload (not in the account), unchanged (the same certificate),
 * rotate (the PEM changed, or an earlier rotation left versions to remove), hostnames (a listed
 * zone's set differs), delete (prune), blocked (prune would delete it, but it is in use or managed).
 */
export type SyncAction = 'upload' | 'unchanged' | 'rotate' | 'hostnames' | 'delete' | 'blocked'

/** One zone's hostnames of one CA: as read, and as the manifest wants them. */
export interface ZoneChange {
  zoneId: string
  before: string[]
  after: string[]
  bind: string[]
  unbind: string[]
}

export interface PlanItem {
  name: string
  action: SyncAction
  /** The account's certificate this is about (the current one; for delete, the one to delete). */
  id?: string
  /** One line, for the log, the summary, the comment and the output. */
  details: string
  /** upload, unchanged, rotate, hostnames: the manifest's entry. */
  entry?: ManifestCertificate
  /** hostnames: the zones whose set changes. upload, rotate: the zones to bind. */
  zones?: ZoneChange[]
}

export interface Plan {
  items: PlanItem[]
  /** Why nothing may change (several certificates with one name, …): the run stops before any change. */
  conflicts: string[]
  /** How many items change the account. */
  changes: number
  counts: { upload: number; rotate: number; bind: number; unbind: number; delete: number }
}

/** The account as read for the plan: zone sets by `zoneId certificateId`, associations by id. */
export interface AccountState {
  certificates: MtlsCertificate[]
  hostnames: Map<string, string[]>
  associations: Map<string, Association[]>
}

export const hostKeyOf = (zoneId: string, certificateId: string): string => `${zoneId} ${certificateId}`

const MANAGED = new Set(['gateway_managed', 'access_managed'])
const isCustom = (c: MtlsCertificate): boolean => (c.type ?? 'custom') === 'custom'
const CHANGES: ReadonlySet<SyncAction> = new Set(['upload', 'rotate', 'hostnames', 'delete'])

/** A manifest entry against the account: the certificates of its name, and which of them is its PEM. */
interface Match {
  entry: ManifestCertificate
  fingerprints: string
  sameName: MtlsCertificate[]
  identical?: MtlsCertificate
  /** The same certificate under another name (Cloudflare holds one copy of a certificate). */
  elsewhere?: MtlsCertificate
}

const joined = (c: MtlsCertificate): string => (c.certificates ? fingerprintsOfPem(c.certificates).join(',') : '')

function match(manifest: Manifest, certificates: MtlsCertificate[]): Match[] {
  const custom = certificates.filter(isCustom)
  const prints = new Map(custom.map((c) => [c.id, joined(c)]))
  return manifest.certificates.map((entry) => {
    const fingerprints = fingerprintsOfPem(entry.certificate.text).join(',')
    const sameName = custom.filter((c) => c.name === entry.name)
    const identical = sameName.find((c) => prints.get(c.id) === fingerprints)
    const elsewhere = identical ? undefined : custom.find((c) => c.name !== entry.name && prints.get(c.id) === fingerprints)
    return { entry, fingerprints, sameName, ...(identical ? { identical } : {}), ...(elsewhere ? { elsewhere } : {}) }
  })
}

/** Unlisted certificates whose name has the prune prefix. */
function pruneCandidates(manifest: Manifest, certificates: MtlsCertificate[]): MtlsCertificate[] {
  const prefix = manifest.prune?.namePrefix
  if (prefix === undefined) return []
  const listed = new Set(manifest.certificates.map((c) => c.name))
  return certificates.filter((c) => c.name !== undefined && c.name.startsWith(prefix) && !listed.has(c.name))
}

/**
 * The reads the plan needs after the list, and no more: each listed zone once for the CA that the
 * account already holds with the manifest's PEM (a fresh upload serves nothing), and the
 * associations of the certificates prune would delete (one in use is never deleted).
 */
export function planReads(manifest: Manifest, certificates: MtlsCertificate[]): { hostnames: { zoneId: string; certificateId: string }[]; associations: string[] } {
  const hostnames = match(manifest, certificates).flatMap((m) =>
    m.identical && m.entry.zones ? m.entry.zones.map((z) => ({ zoneId: z.zoneId, certificateId: (m.identical as MtlsCertificate).id })) : []
  )
  const associations = pruneCandidates(manifest, certificates)
    .filter((c) => isCustom(c))
    .map((c) => c.id)
  return { hostnames, associations }
}

const describe = (c: MtlsCertificate): string => `${c.id} (uploaded ${c.uploaded_on?.slice(0, 10) ?? '?'})`
const services = (a: Association[]): string => a.map((x) => `${x.service} (${x.status ?? 'unknown status'})`).join(', ')

function zoneChanges(entry: ManifestCertificate, served: (zoneId: string) => string[]): ZoneChange[] {
  return (entry.zones ?? []).map((z) => {
    const before = served(z.zoneId)
    // Exactly the manifest's list; a hostname the zone already holds keeps Cloudflare's spelling.
    const after = z.hostnames.map((h) => before.find((b) => hasHost([b], h)) ?? h)
    return { zoneId: z.zoneId, before, after, bind: after.filter((h) => !hasHost(before, h)), unbind: before.filter((h) => !hasHost(after, h)) }
  })
}

const zoneText = (zones: ZoneChange[]): string =>
  zones
    .filter((z) => z.bind.length + z.unbind.length > 0)
    .map(
      (z) => `zone ${z.zoneId}: ${[z.bind.length > 0 ? `bind ${hostList(z.bind)}` : '', z.unbind.length > 0 ? `unbind ${hostList(z.unbind)}` : ''].filter(Boolean).join('; ')}`
    )
    .join('; ')

/**
 * The manifest against the account: what each name needs, in the order apply carries it out
 * (uploads, rotations, hostnames, deletions). Pure: the account is what was read.
 */
export function buildPlan(manifest: Manifest, account: AccountState, options: { keepPrevious: number }): Plan {
  const items: PlanItem[] = []
  const conflicts: string[] = []
  for (const m of match(manifest, account.certificates)) {
    const { entry } = m
    const kind = entry.ca ? 'CA' : 'client certificate'
    const count = m.fingerprints.split(',').length
    if (m.elsewhere) {
      conflicts.push(
        `"${entry.name}": the account holds this certificate already, named "${m.elsewhere.name ?? ''}" (${m.elsewhere.id}); Cloudflare keeps one copy of a certificate and cannot rename it: list it under that name, or delete it first`
      )
    }
    if (m.identical && m.identical.ca !== undefined && m.identical.ca !== entry.ca) {
      conflicts.push(
        `"${entry.name}": ${m.identical.id} was uploaded with ca: ${String(m.identical.ca)}, the manifest says ca: ${String(entry.ca)}; Cloudflare cannot change it: delete it, then sync uploads it again`
      )
    }
    const others = m.sameName.filter((c) => c.id !== m.identical?.id)
    if (!m.identical && m.sameName.length > 1) {
      conflicts.push(
        `${m.sameName.length} certificates are named "${entry.name}": ${m.sameName.map(describe).join(', ')}, and none holds the manifest's PEM; which one to rotate is not clear: delete the extra ones (operation: delete with certificate-id), then sync again`
      )
      continue
    }
    if (m.sameName.length === 0) {
      const zones = zoneChanges(entry, () => [])
      const bind = zoneText(zones) ? `, then bind ${zoneText(zones)}` : ''
      items.push({ name: entry.name, action: 'upload', details: `upload ${count} certificate(s) from ${entry.certificate.label} as a ${kind}${bind}`, entry, zones })
      continue
    }
    if (!m.identical) {
      const old = m.sameName[0] as MtlsCertificate
      const zones = zoneChanges(entry, () => [])
      const bind = zones.some((z) => z.after.length > 0)
        ? `, bind ${zones
            .filter((z) => z.after.length > 0)
            .map((z) => `${hostList(z.after)} in zone ${z.zoneId}`)
            .join('; ')} to it, unbind them from the earlier version`
        : ''
      const keep = options.keepPrevious > 0 ? `, keep it (keep-previous: ${options.keepPrevious})` : ', delete it once nothing uses it'
      items.push({
        name: entry.name,
        action: 'rotate',
        id: old.id,
        details: `the PEM in ${entry.certificate.label} changed: upload it as a ${kind}${bind}${keep} (earlier: ${describe(old)})`,
        entry,
        zones
      })
      continue
    }
    const current = m.identical
    const zones = zoneChanges(entry, (zoneId) => account.hostnames.get(hostKeyOf(zoneId, current.id)) ?? [])
    if (others.length > options.keepPrevious) {
      // An earlier rotation stopped half-way (or left versions in use): finish it.
      items.push({
        name: entry.name,
        action: 'rotate',
        id: current.id,
        details: `finish the rotation to ${current.id}: ${zones.some((z) => z.bind.length > 0) ? `${zoneText(zones)}; ` : ''}remove the earlier version(s) ${others.map(describe).join(', ')} once nothing uses them${options.keepPrevious > 0 ? ` (keep-previous: ${options.keepPrevious})` : ''}`,
        entry,
        zones
      })
      continue
    }
    const changed = zones.filter((z) => !sameSet(z.before, z.after))
    if (changed.length > 0) {
      items.push({ name: entry.name, action: 'hostnames', id: current.id, details: zoneText(changed), entry, zones: changed })
      continue
    }
    const serves = zones.length > 0 ? `; serves ${zones.map((z) => `${hostList(z.after)} in zone ${z.zoneId}`).join('; ')}` : ''
    items.push({ name: entry.name, action: 'unchanged', id: current.id, details: `the same certificate (SHA-256 of each certificate matches)${serves}`, entry })
  }
  for (const c of pruneCandidates(manifest, account.certificates)) {
    const name = c.name ?? ''
    const prefix = manifest.prune?.namePrefix ?? ''
    if (c.type && MANAGED.has(c.type)) {
      items.push({ name, action: 'blocked', id: c.id, details: `not in the manifest (prefix "${prefix}"), but ${c.type}: Cloudflare manages it, sync never deletes it` })
      continue
    }
    const assoc = account.associations.get(c.id) ?? []
    if (assoc.length > 0) {
      items.push({
        name,
        action: 'blocked',
        id: c.id,
        details: `not in the manifest (prefix "${prefix}"), but in use by ${services(assoc)}: left in place; unbind it, then sync deletes it`
      })
      continue
    }
    items.push({ name, action: 'delete', id: c.id, details: `not in the manifest (prefix "${prefix}") and no associations: delete ${describe(c)}` })
  }
  const order: SyncAction[] = ['upload', 'rotate', 'hostnames', 'delete', 'blocked', 'unchanged']
  const sorted = items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => order.indexOf(a.item.action) - order.indexOf(b.item.action) || a.i - b.i)
    .map((x) => x.item)
  const sum = (f: (z: ZoneChange) => number) => sorted.filter((i) => CHANGES.has(i.action)).reduce((n, i) => n + (i.zones ?? []).reduce((k, z) => k + f(z), 0), 0)
  return {
    items: sorted,
    conflicts,
    changes: sorted.filter((i) => CHANGES.has(i.action)).length,
    counts: {
      upload: sorted.filter((i) => i.action === 'upload').length,
      rotate: sorted.filter((i) => i.action === 'rotate').length,
      bind: sum((z) => z.bind.length),
      unbind: sum((z) => z.unbind.length),
      delete: sorted.filter((i) => i.action === 'delete').length
    }
  }
}

export { planHeadline } from './headline.js'
