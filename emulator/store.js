// @ts-check
/**
 * The account's certificates and their associations, in upload order.
 */
import { randomUUID } from 'node:crypto'

/** @typedef {import('./types.js').MtlsCertificate} MtlsCertificate */
/** @typedef {import('./types.js').Association} Association */
/** @typedef {import('./types.js').CertificateType} CertificateType */

/**
 * @typedef {object} StoredRecord
 * @property {MtlsCertificate} certificate
 * @property {string} fingerprint identity of the DER set, for error 1471
 * @property {Association[]} associations
 * @property {number} uploadedMicros
 * @property {number} seq insertion order, to keep equal timestamps stable
 */

/**
 * @typedef {Omit<MtlsCertificate, 'id' | 'uploaded_on'> & { id?: string, uploadedOn?: string | Date, fingerprint: string, associations?: Association[] }} NewRecord
 */

export class CertificateStore {
  /** @type {Map<string, StoredRecord>} */
  #records = new Map()
  #seq = 0
  #lastMicros = 0
  /** @type {StoredRecord[] | undefined} */
  #sorted

  /**
   * @param {NewRecord} input
   * @returns {StoredRecord}
   */
  add(input) {
    const id = input.id ?? randomUUID()
    if (this.#records.has(id)) throw new Error(`a certificate with id ${id} already exists`)
    const uploadedMicros = input.uploadedOn === undefined ? this.#nextMicros() : parseMicros(input.uploadedOn)
    /** @type {MtlsCertificate} */
    const certificate = {
      id,
      name: input.name,
      issuer: input.issuer,
      signature: input.signature,
      serial_number: input.serial_number,
      certificates: input.certificates,
      ca: input.ca,
      uploaded_on: formatMicros(uploadedMicros),
      expires_on: input.expires_on,
      type: input.type
    }
    const record = {
      certificate,
      fingerprint: input.fingerprint,
      associations: (input.associations ?? []).map((a) => ({ service: a.service, status: a.status })),
      uploadedMicros,
      seq: ++this.#seq
    }
    this.#records.set(id, record)
    this.#sorted = undefined
    return record
  }

  /** @param {string} id */
  get(id) {
    return this.#records.get(id)
  }

  /** @param {string} id */
  delete(id) {
    const record = this.#records.get(id)
    if (record) {
      this.#records.delete(id)
      this.#sorted = undefined
    }
    return record
  }

  /** @param {string} fingerprint */
  findByFingerprint(fingerprint) {
    for (const record of this.#records.values()) if (record.fingerprint === fingerprint) return record
    return undefined
  }

  /** Custom CA certificates: the ones that count against Cloudflare's BYO CA limit. */
  countCustomCas() {
    let n = 0
    for (const { certificate } of this.#records.values()) if (certificate.ca && certificate.type === 'custom') n++
    return n
  }

  /** @returns {readonly StoredRecord[]} sorted by uploaded_on, then insertion */
  all() {
    this.#sorted ??= [...this.#records.values()].sort((a, b) => a.uploadedMicros - b.uploadedMicros || a.seq - b.seq)
    return this.#sorted
  }

  get size() {
    return this.#records.size
  }

  clear() {
    this.#records.clear()
    this.#sorted = undefined
  }

  /** Strictly increasing, so upload order is list order even within one microsecond. */
  #nextMicros() {
    const now = Math.floor((performance.timeOrigin + performance.now()) * 1000)
    this.#lastMicros = Math.max(now, this.#lastMicros + 1)
    return this.#lastMicros
  }
}

/**
 * RFC 3339 with six fractional digits, like Cloudflare's uploaded_on.
 * @param {number} micros epoch microseconds
 */
export function formatMicros(micros) {
  const iso = new Date(Math.floor(micros / 1000)).toISOString()
  const fraction = String(((micros % 1_000_000) + 1_000_000) % 1_000_000).padStart(6, '0')
  return `${iso.slice(0, 19)}.${fraction}Z`
}

/**
 * @param {string | Date} value
 * @returns {number} epoch microseconds
 */
export function parseMicros(value) {
  if (value instanceof Date) {
    const ms = value.getTime()
    if (Number.isNaN(ms)) throw new TypeError('uploadedOn is an invalid Date')
    return ms * 1000
  }
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new TypeError(`uploadedOn is not a date: ${value}`)
  // Date.parse keeps milliseconds only; take the microsecond digits from the text.
  const fraction = /\.(\d+)/.exec(value)?.[1] ?? ''
  const extra = Number(fraction.slice(3, 6).padEnd(3, '0'))
  return ms * 1000 + extra
}
