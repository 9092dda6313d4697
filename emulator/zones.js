// @ts-check
/**
 * Zones and their hostname associations
 * (`/zones/{zone_id}/certificate_authorities/hostname_associations`): per zone, a map of mTLS
 * certificate id → hostname set, plus the set of the zone's Cloudflare-managed CA (what a
 * request without `mtls_certificate_id` acts on). Also the per-token zone permissions and the
 * "lingering" account association left behind when a CA loses its last hostname.
 */

/** @typedef {'none' | 'read' | 'edit'} ZonePermission */

/**
 * @typedef {object} ZoneDeclaration
 * @property {string} id 32 lowercase hex characters
 * @property {string} [name] e.g. "example.com"; when set, every hostname must be it or under it
 */

/**
 * @typedef {object} ZoneSnapshot what `emulator.zones()` and `GET /__emulator/zones` return
 * @property {string} id
 * @property {string | null} name
 * @property {string[]} managed hostnames of the zone's Cloudflare-managed CA
 * @property {Record<string, string[]>} certificates mTLS certificate id → hostnames (only non-empty sets)
 */

/**
 * @typedef {object} LingerSettings
 * @property {number} reads answers of the account /associations endpoint that still show it
 * @property {number} ms and for at least this long
 */

export const ZONE_ID = /^[0-9a-f]{32}$/
export const PERMISSIONS = /** @type {const} */ (['none', 'read', 'edit'])

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?'
const HOSTNAME = new RegExp(`^(?:\\*\\.)?(?:${LABEL}\\.)+${LABEL}$`)

/**
 * Why a hostname is refused, or undefined when it is acceptable (after lowercasing).
 * @param {string} hostname lowercase
 * @param {string | undefined} zoneName
 * @returns {string | undefined}
 */
export function hostnameProblem(hostname, zoneName) {
  if (hostname.length === 0) return 'is empty'
  if (hostname.length > 253) return 'is longer than 253 characters'
  if (!HOSTNAME.test(hostname)) return 'is not a valid hostname'
  if (/^\d+$/.test(hostname.slice(hostname.lastIndexOf('.') + 1))) return 'is an IP address, not a hostname'
  if (zoneName !== undefined) {
    const bare = hostname.startsWith('*.') ? hostname.slice(2) : hostname
    if (bare !== zoneName && !bare.endsWith(`.${zoneName}`)) return `is not in zone ${zoneName}`
  }
  return undefined
}

/**
 * @typedef {object} Zone
 * @property {string} id
 * @property {string | undefined} name
 * @property {string[]} managed
 * @property {Map<string, string[]>} certificates
 */

export class ZoneStore {
  /** @type {Map<string, Zone>} */
  #zones = new Map()
  /** token → zone id → permission; absent means 'edit' */
  /** @type {Map<string, Map<string, ZonePermission>>} */
  #permissions = new Map()
  /** certificate id → how long its hostname association still shows after its last hostname went */
  /** @type {Map<string, { reads: number, until: number }>} */
  #lingering = new Map()

  /** @param {string | ZoneDeclaration} declaration */
  add(declaration) {
    const { id, name } = typeof declaration === 'string' ? { id: declaration, name: undefined } : (declaration ?? {})
    if (typeof id !== 'string' || !ZONE_ID.test(id)) throw new TypeError(`zone id must be 32 lowercase hex characters, got ${JSON.stringify(id)}`)
    if (name !== undefined && (typeof name !== 'string' || hostnameProblem(name.toLowerCase(), undefined) !== undefined)) {
      throw new TypeError(`zone name must be a hostname such as "example.com", got ${JSON.stringify(name)}`)
    }
    const existing = this.#zones.get(id)
    if (existing) {
      if (name !== undefined) existing.name = name.toLowerCase()
      return id
    }
    this.#zones.set(id, { id, name: name?.toLowerCase(), managed: [], certificates: new Map() })
    return id
  }

  /** @param {string} id */
  get(id) {
    return this.#zones.get(id)
  }

  /** @param {string} id */
  has(id) {
    return this.#zones.has(id)
  }

  /** @returns {string[]} */
  ids() {
    return [...this.#zones.keys()]
  }

  /** @returns {ZoneSnapshot[]} */
  snapshot() {
    return [...this.#zones.values()].map((z) => ({
      id: z.id,
      name: z.name ?? null,
      managed: [...z.managed],
      certificates: Object.fromEntries([...z.certificates].map(([id, hostnames]) => [id, [...hostnames]]))
    }))
  }

  /**
   * @param {string} zoneId
   * @param {string | null} certificateId null = the zone's Cloudflare-managed CA
   * @returns {string[]}
   */
  hostnames(zoneId, certificateId) {
    const zone = this.#zones.get(zoneId)
    if (!zone) throw new Error(`no zone with id ${zoneId}`)
    return [...(certificateId === null ? zone.managed : (zone.certificates.get(certificateId) ?? []))]
  }

  /**
   * Replaces a certificate's (or the managed CA's) hostname set in one zone. Hostnames must
   * already be validated and lowercased; duplicates are dropped, first occurrence wins.
   * @param {string} zoneId
   * @param {string | null} certificateId
   * @param {string[]} hostnames
   * @param {LingerSettings} linger
   * @returns {string[]} the new set
   */
  replace(zoneId, certificateId, hostnames, linger) {
    const zone = this.#zones.get(zoneId)
    if (!zone) throw new Error(`no zone with id ${zoneId}`)
    const set = [...new Set(hostnames)]
    if (certificateId === null) {
      zone.managed = set
      return [...set]
    }
    const before = this.isBound(certificateId)
    if (set.length === 0) zone.certificates.delete(certificateId)
    else zone.certificates.set(certificateId, set)
    const after = this.isBound(certificateId)
    if (after) this.#lingering.delete(certificateId)
    else if (before && (linger.reads > 0 || linger.ms > 0)) {
      this.#lingering.set(certificateId, { reads: linger.reads, until: Date.now() + linger.ms })
    }
    return [...set]
  }

  /** @param {string} certificateId whether any zone associates hostnames with it */
  isBound(certificateId) {
    for (const zone of this.#zones.values()) if (zone.certificates.has(certificateId)) return true
    return false
  }

  /**
   * Whether the account endpoint shows a hostname association for the certificate: while it is
   * bound, and afterwards until the linger has run out (both its reads and its time).
   * @param {string} certificateId
   * @param {boolean} consume true for an answer of the account /associations endpoint, which uses up one linger read
   */
  showsAssociation(certificateId, consume) {
    if (this.isBound(certificateId)) return true
    const linger = this.#lingering.get(certificateId)
    if (!linger) return false
    if (linger.reads <= 0 && Date.now() >= linger.until) {
      this.#lingering.delete(certificateId)
      return false
    }
    if (consume && linger.reads > 0) linger.reads--
    return true
  }

  /** Forgets everything about a certificate (it was deleted). @param {string} certificateId */
  forget(certificateId) {
    for (const zone of this.#zones.values()) zone.certificates.delete(certificateId)
    this.#lingering.delete(certificateId)
  }

  /**
   * @param {string} token
   * @param {string} zoneId
   * @returns {ZonePermission}
   */
  permission(token, zoneId) {
    return this.#permissions.get(token)?.get(zoneId) ?? 'edit'
  }

  /**
   * @param {string} token
   * @param {string} zoneId
   * @param {ZonePermission} level
   */
  setPermission(token, zoneId, level) {
    if (typeof token !== 'string' || token === '') throw new TypeError('permission: token must be a non-empty string')
    if (typeof zoneId !== 'string' || !ZONE_ID.test(zoneId)) throw new TypeError(`permission: zone id must be 32 lowercase hex characters, got ${JSON.stringify(zoneId)}`)
    if (!(/** @type {readonly string[]} */ (PERMISSIONS).includes(level))) {
      throw new TypeError(`permission: level must be one of ${PERMISSIONS.join(', ')}, got ${JSON.stringify(level)}`)
    }
    let byZone = this.#permissions.get(token)
    if (!byZone) this.#permissions.set(token, (byZone = new Map()))
    if (level === 'edit') byZone.delete(zoneId)
    else byZone.set(zoneId, level)
  }

  /** @returns {{ token: string, zoneId: string, level: ZonePermission }[]} the permissions that differ from 'edit' */
  permissions() {
    return [...this.#permissions].flatMap(([token, byZone]) => [...byZone].map(([zoneId, level]) => ({ token, zoneId, level })))
  }

  /** Forgets every binding and linger; zones and permissions (configuration) stay. */
  clearBindings() {
    for (const zone of this.#zones.values()) {
      zone.managed = []
      zone.certificates.clear()
    }
    this.#lingering.clear()
  }
}
