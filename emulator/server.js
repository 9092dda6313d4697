// @ts-check
/**
 * The HTTP side: sockets, the request log, latency, concurrency tracking, faults and the
 * /__emulator/ admin endpoints. The API's behaviour itself lives in api.js.
 */
import { createServer } from 'node:http'
import { randomBytes } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import { API_PREFIX, allAssociations, credentialKind, handleApi, matchRoute, publicView, seedOne } from './api.js'
import { CODES, fail, success } from './errors.js'
import { activateFault, badSchemaBody, edgeErrorPage, rateLimitResponse, serverErrorResponse, takeFault } from './faults.js'
import { CertificateStore } from './store.js'
import { makeSyntheticCertificates } from './synthetic.js'
import { fingerprintOfSet } from './x509.js'
import { ZoneStore, hostnameProblem } from './zones.js'

/** @typedef {import('./types.js').EmulatorOptions} EmulatorOptions */
/** @typedef {import('./types.js').RequestRecord} RequestRecord */
/** @typedef {import('./types.js').Fault} Fault */
/** @typedef {import('./types.js').ActiveFault} ActiveFault */
/** @typedef {import('./types.js').Association} Association */
/** @typedef {import('./types.js').MtlsCertificate} MtlsCertificate */
/** @typedef {import('./types.js').SeedCertificate} SeedCertificate */
/** @typedef {import('./types.js').CertificateType} CertificateType */
/** @typedef {import('./synthetic.js').SyntheticOptions & { type?: CertificateType }} SeedSyntheticOptions */
/** @typedef {import('./errors.js').ApiResponse} ApiResponse */
/** @typedef {import('./api.js').RouteMatch} RouteMatch */
/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('./zones.js').ZoneDeclaration} ZoneDeclaration */
/** @typedef {import('./zones.js').ZoneSnapshot} ZoneSnapshot */
/** @typedef {import('./zones.js').ZonePermission} ZonePermission */

export const DEFAULT_ACCOUNT_ID = '0123456789abcdef0123456789abcdef'
export const DEFAULT_TOKEN = 'test-token'
export const DEFAULT_EMAIL = 'user@example.com'
export const DEFAULT_API_KEY = '0123456789abcdef0123456789abcdef01234'
export const DEFAULT_ZONE_ID = 'fedcba9876543210fedcba9876543210'
/** Unconfirmed: what the account /associations endpoint calls a zone hostname binding. */
export const DEFAULT_HOSTNAME_SERVICE = 'mtls_hostname_associations'
const BODY_LIMIT = 10 * 1024 * 1024
const ADMIN_PREFIX = '/__emulator'

/**
 * @typedef {object} EmulatorInfo what the CLI prints and GET /__emulator/info returns
 * @property {string} url base URL of the API, ending with /client/v4
 * @property {string} adminUrl base URL of the admin endpoints
 * @property {number} port
 * @property {string} accountId
 * @property {string} token
 * @property {string} email
 * @property {string} apiKey
 * @property {string} zoneId the first declared zone (DEFAULT_ZONE_ID unless `zones` was given); "" if none
 */

/**
 * @typedef {object} EmulatorSettings runtime-adjustable settings (PATCH /__emulator/settings)
 * @property {number} [latencyMs]
 * @property {number} [perPage]
 * @property {number} [maxPerPage]
 * @property {number} [caLimit]
 * @property {number} [associationsPerPage]
 * @property {string} [hostnameAssociationService]
 * @property {number} [associationLingerReads]
 * @property {number} [associationLingerMs]
 * @property {boolean} [hostnameAssociationsListed]
 */

export class Emulator {
  /** @type {CertificateStore} */
  #store = new CertificateStore()
  #zones = new ZoneStore()
  /** @type {ActiveFault[]} */
  #faults = []
  /** @type {RequestRecord[]} */
  #requests = []
  /** @type {Set<import('node:net').Socket>} */
  #sockets = new Set()
  #inFlight = 0
  #maxConcurrency = 0
  #seq = 0
  #abort = new AbortController()
  /** @type {Promise<void> | undefined} */
  #closed
  #log
  #server

  /** @param {EmulatorOptions} [options] */
  constructor(options = {}) {
    /** Base URL of the API, ending with /client/v4; set once listening. */
    this.url = ''
    /** Base URL of the admin endpoints (/__emulator); set once listening. */
    this.adminUrl = ''
    this.port = 0
    this.host = options.host ?? '127.0.0.1'
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID
    this.token = options.token ?? DEFAULT_TOKEN
    this.email = options.email ?? DEFAULT_EMAIL
    this.apiKey = options.apiKey ?? DEFAULT_API_KEY
    /** Delay before answering each API request, in ms; may be changed at any time. */
    this.latencyMs = nonNegative(options.latencyMs ?? 0, 'latencyMs')
    this.perPage = positive(options.perPage ?? 50, 'perPage')
    this.maxPerPage = positive(options.maxPerPage ?? 50, 'maxPerPage')
    this.caLimit = nonNegative(options.caLimit ?? 5, 'caLimit')
    /** More accepted bearer tokens (same account access as `token`). */
    this.tokens = [...(options.tokens ?? [])]
    if (!this.tokens.every((t) => typeof t === 'string' && /^[^\s]+$/.test(t))) throw new TypeError('tokens must be non-empty strings without spaces')
    this.associationsPerPage = positive(options.associationsPerPage ?? 20, 'associationsPerPage')
    this.hostnameAssociationService = nonEmpty(options.hostnameAssociationService ?? DEFAULT_HOSTNAME_SERVICE, 'hostnameAssociationService')
    this.associationLingerReads = count(options.associationLingerReads ?? 0, 'associationLingerReads')
    this.associationLingerMs = nonNegative(options.associationLingerMs ?? 0, 'associationLingerMs')
    this.hostnameAssociationsListed = flag(options.hostnameAssociationsListed ?? true, 'hostnameAssociationsListed')
    this.#log = options.log ?? false
    if (!/^[0-9a-f]{32}$/.test(this.accountId)) throw new TypeError(`accountId must be 32 lowercase hex characters, got "${this.accountId}"`)
    for (const zone of options.zones ?? [DEFAULT_ZONE_ID]) this.#zones.add(zone)
    /** The first declared zone: DEFAULT_ZONE_ID unless `zones` was given; "" when there is none. */
    this.zoneId = this.#zones.ids()[0] ?? ''
    this.#server = createServer((req, res) => {
      this.#route(req, res).catch((e) => this.#internalError(res, e))
    })
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket)
      socket.on('close', () => this.#sockets.delete(socket))
    })
  }

  /**
   * @param {number} port
   * @returns {Promise<this>}
   */
  async listen(port = 0) {
    await new Promise((resolve, reject) => {
      this.#server.once('error', reject)
      this.#server.listen(port, this.host, () => {
        this.#server.off('error', reject)
        resolve(undefined)
      })
    })
    const address = this.#server.address()
    if (address === null || typeof address === 'string') throw new Error('emulator: unexpected server address')
    this.port = address.port
    const host = this.host === '0.0.0.0' ? '127.0.0.1' : this.host === '::' ? '::1' : this.host
    const origin = `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`
    this.url = `${origin}${API_PREFIX}`
    this.adminUrl = `${origin}${ADMIN_PREFIX}`
    return this
  }

  /** @returns {EmulatorInfo} */
  info() {
    return {
      url: this.url,
      adminUrl: this.adminUrl,
      port: this.port,
      accountId: this.accountId,
      token: this.token,
      email: this.email,
      apiKey: this.apiKey,
      zoneId: this.zoneId
    }
  }

  // ---------------------------------------------------------------------------------------
  // Observation

  /** The API request log, oldest first (a live array; admin requests are not in it). */
  get requests() {
    return /** @type {readonly RequestRecord[]} */ (this.#requests)
  }

  /** Empties the request log and resets maxConcurrency. */
  clearRequests() {
    this.#requests.length = 0
    this.#maxConcurrency = this.#inFlight
  }

  /** The most API requests that were being handled at the same moment since the last reset. */
  get maxConcurrency() {
    return this.#maxConcurrency
  }

  /** API requests being handled right now (including hanging ones). */
  get inFlight() {
    return this.#inFlight
  }

  resetMaxConcurrency() {
    this.#maxConcurrency = this.#inFlight
  }

  // ---------------------------------------------------------------------------------------
  // Account state

  /** @returns {MtlsCertificate[]} copies of the stored certificates, in list order */
  certificates() {
    return this.#store.all().map(publicView)
  }

  /**
   * What the account /associations endpoint shows for a certificate (all pages): the associations
   * set with setAssociations, then the zone hostname one while it has hostnames (or lingers).
   * Reading here does not use up a linger read.
   * @param {string} id
   * @returns {Association[]}
   */
  associations(id) {
    const record = this.#store.get(id)
    if (!record) throw new Error(`no certificate with id ${id}`)
    return allAssociations(this.#state(), record, false)
  }

  /**
   * Replaces a certificate's associations (an empty array clears them).
   * @param {string} id
   * @param {Association[]} associations
   */
  setAssociations(id, associations) {
    const record = this.#store.get(id)
    if (!record) throw new Error(`no certificate with id ${id}`)
    if (!Array.isArray(associations) || !associations.every((a) => typeof a?.service === 'string' && typeof a?.status === 'string')) {
      throw new TypeError('associations must be an array of { service: string, status: string }')
    }
    record.associations = associations.map((a) => ({ service: a.service, status: a.status }))
  }

  // ---------------------------------------------------------------------------------------
  // Zones and hostname associations

  /**
   * Declares a zone (idempotent; a name given later is recorded).
   * @param {string | ZoneDeclaration} zone a 32-lowercase-hex id, or { id, name }: with a name, hostnames must be in it
   * @returns {string} the zone id
   */
  addZone(zone) {
    const id = this.#zones.add(zone)
    if (this.zoneId === '') this.zoneId = id
    return id
  }

  /** @returns {ZoneSnapshot[]} every zone with its hostname associations */
  zones() {
    return this.#zones.snapshot()
  }

  /**
   * A certificate's hostnames in a zone, as GET …/hostname_associations answers them.
   * @param {string} zoneId
   * @param {string | null} certificateId null = the zone's Cloudflare-managed CA
   * @returns {string[]}
   */
  hostnames(zoneId, certificateId) {
    return this.#zones.hostnames(zoneId, certificateId)
  }

  /**
   * Replaces a certificate's hostnames in a zone as a PUT would, skipping the ca: true check
   * (hostnames are still validated and lowercased). `[]` removes them (the linger applies).
   * @param {string} zoneId
   * @param {string | null} certificateId null = the zone's Cloudflare-managed CA
   * @param {string[]} hostnames
   * @returns {string[]} the new set
   */
  setHostnames(zoneId, certificateId, hostnames) {
    const zone = this.#zones.get(zoneId)
    if (!zone) throw new Error(`no zone with id ${zoneId}`)
    if (certificateId !== null && !this.#store.get(certificateId)) throw new Error(`no certificate with id ${certificateId}`)
    if (!Array.isArray(hostnames) || !hostnames.every((h) => typeof h === 'string')) throw new TypeError('hostnames must be an array of strings')
    const lower = hostnames.map((h) => h.toLowerCase())
    for (const h of lower) {
      const problem = hostnameProblem(h, zone.name)
      if (problem) throw new TypeError(`hostname ${JSON.stringify(h)} ${problem}`)
    }
    return this.#zones.replace(zoneId, certificateId, lower, { reads: this.associationLingerReads, ms: this.associationLingerMs })
  }

  /**
   * What a bearer token may do on a zone's hostname associations: 'edit' (the default: GET and
   * PUT), 'read' (GET only) or 'none'. Refused requests get 403 / 10000. The legacy key pair
   * always has every permission.
   * @param {string} zoneId
   * @param {ZonePermission} level
   * @param {string} [token] default: the emulator's token
   */
  setZonePermission(zoneId, level, token = this.token) {
    this.#zones.setPermission(token, zoneId, level)
  }

  /** @returns {{ token: string, zoneId: string, level: ZonePermission }[]} the permissions set below 'edit' */
  zonePermissions() {
    return this.#zones.permissions()
  }

  /**
   * Stores certificates directly, skipping the upload rules (duplicates, CA limit, keys).
   * @param {SeedCertificate[]} certificates
   * @returns {string[]} their ids
   */
  seed(certificates) {
    if (!Array.isArray(certificates)) throw new TypeError('seed expects an array')
    return certificates.map((c) => seedOne(this.#store, c))
  }

  /**
   * Stores `count` synthetic self-signed certificates (real X.509, cheap to make): for
   * benchmarks and paging. They skip the CA limit.
   * @param {number} count
   * @param {SeedSyntheticOptions} [options]
   * @returns {string[]} their ids
   */
  seedSynthetic(count, options = {}) {
    if (!Number.isInteger(count) || count < 0) throw new TypeError('count must be a non-negative integer')
    const type = options.type ?? 'custom'
    return makeSyntheticCertificates(count, options).map(
      (s) =>
        this.#store.add({
          name: s.name,
          issuer: s.issuer,
          signature: s.signature,
          serial_number: s.serial_number,
          certificates: s.pem,
          ca: s.ca,
          expires_on: s.expires_on,
          type,
          fingerprint: fingerprintOfSet([s.der])
        }).certificate.id
    )
  }

  // ---------------------------------------------------------------------------------------
  // Faults

  /**
   * Queues a fault; faults are tried in the order they were injected.
   * @param {Fault} fault
   * @returns {string} an id for the fault
   */
  injectFault(fault) {
    const active = activateFault(fault)
    this.#faults.push(active)
    return active.id
  }

  /** @returns {ActiveFault[]} faults not yet used up */
  faults() {
    return this.#faults.map((f) => ({ ...f, fault: { ...f.fault } }))
  }

  clearFaults() {
    this.#faults.length = 0
  }

  /**
   * Forgets certificates, associations, hostname associations (and lingers), faults, the request
   * log and maxConcurrency. Settings, zones, tokens and zone permissions stay.
   */
  reset() {
    this.#store.clear()
    this.#zones.clearBindings()
    this.clearFaults()
    this.clearRequests()
    this.#seq = 0
  }

  /** @param {EmulatorSettings} settings */
  configure(settings) {
    if (settings.latencyMs !== undefined) this.latencyMs = nonNegative(settings.latencyMs, 'latencyMs')
    if (settings.perPage !== undefined) this.perPage = positive(settings.perPage, 'perPage')
    if (settings.maxPerPage !== undefined) this.maxPerPage = positive(settings.maxPerPage, 'maxPerPage')
    if (settings.caLimit !== undefined) this.caLimit = nonNegative(settings.caLimit, 'caLimit')
    if (settings.associationsPerPage !== undefined) this.associationsPerPage = positive(settings.associationsPerPage, 'associationsPerPage')
    if (settings.hostnameAssociationService !== undefined) {
      this.hostnameAssociationService = nonEmpty(settings.hostnameAssociationService, 'hostnameAssociationService')
    }
    if (settings.associationLingerReads !== undefined) this.associationLingerReads = count(settings.associationLingerReads, 'associationLingerReads')
    if (settings.associationLingerMs !== undefined) this.associationLingerMs = nonNegative(settings.associationLingerMs, 'associationLingerMs')
    if (settings.hostnameAssociationsListed !== undefined) this.hostnameAssociationsListed = flag(settings.hostnameAssociationsListed, 'hostnameAssociationsListed')
  }

  /** @returns {Required<EmulatorSettings>} */
  settings() {
    return {
      latencyMs: this.latencyMs,
      perPage: this.perPage,
      maxPerPage: this.maxPerPage,
      caLimit: this.caLimit,
      associationsPerPage: this.associationsPerPage,
      hostnameAssociationService: this.hostnameAssociationService,
      associationLingerReads: this.associationLingerReads,
      associationLingerMs: this.associationLingerMs,
      hostnameAssociationsListed: this.hostnameAssociationsListed
    }
  }

  /**
   * Stops listening and destroys every open socket, hanging ones included, so it is prompt.
   * @returns {Promise<void>}
   */
  close() {
    if (this.#closed) return this.#closed
    this.#abort.abort()
    this.#closed = new Promise((resolve) => {
      this.#server.close(() => resolve())
    })
    for (const socket of this.#sockets) socket.destroy()
    this.#server.closeAllConnections()
    return this.#closed
  }

  // ---------------------------------------------------------------------------------------
  // HTTP

  /**
   * @param {IncomingMessage} req
   * @param {ServerResponse} res
   */
  async #route(req, res) {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid')
    if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) return this.#admin(req, res, url)
    return this.#api(req, res, url)
  }

  /**
   * @param {IncomingMessage} req
   * @param {ServerResponse} res
   * @param {URL} url
   */
  async #api(req, res, url) {
    const method = (req.method ?? 'GET').toUpperCase()
    const started = performance.now()
    /** @type {RequestRecord} */
    const record = {
      seq: ++this.#seq,
      method,
      path: url.pathname,
      search: url.search,
      query: flattenQuery(url.searchParams),
      route: null,
      status: 0,
      errorCodes: [],
      at: Date.now(),
      durationMs: null,
      auth: credentialKind(req.headers),
      userAgent: req.headers['user-agent'] ?? null,
      bodyKeys: null
    }
    this.#requests.push(record)
    this.#inFlight++
    this.#maxConcurrency = Math.max(this.#maxConcurrency, this.#inFlight)
    let finished = false
    res.on('close', () => {
      if (finished) return
      finished = true
      this.#inFlight--
      record.durationMs = Math.round((performance.now() - started) * 10) / 10
      if (this.#log) {
        const fault = record.fault ? ` [fault: ${record.fault}]` : ''
        process.stderr.write(`[emulator] ${method} ${record.path}${record.search} → ${record.status || 'no response'}${fault} (${record.durationMs} ms)\n`)
      }
    })

    const body = await readBody(req)
    if (body === 'too-large') {
      this.#send(res, record, fail(413, CODES.BODY_TOO_LARGE, `Request body larger than ${BODY_LIMIT} bytes`))
      return
    }
    record.bodyKeys = jsonKeys(body)
    const match = matchRoute(method, url.pathname)
    if (match.ok) record.route = match.route
    if (match.ok && match.zoneId !== undefined) {
      record.zoneId = match.zoneId
      const named = namedCertificate(match.route, url.searchParams, body)
      if (named !== undefined) record.mtlsCertificateId = named
    }

    if (this.latencyMs > 0 && !(await this.#sleep(this.latencyMs))) return
    const fault = takeFault(this.#faults, { method, route: record.route, query: url.searchParams, zoneId: record.zoneId })
    const state = this.#state()
    const request = { method, url, headers: req.headers, body }
    if (!fault) {
      this.#send(res, record, handleApi(state, request, match))
      return
    }
    record.fault = fault.kind
    if (fault.delayMs && !(await this.#sleep(fault.delayMs))) return
    switch (fault.kind) {
      case 'rate-limit':
        this.#send(res, record, rateLimitResponse(fault))
        return
      case 'server-error':
        this.#send(res, record, serverErrorResponse(fault))
        return
      case 'bad-schema':
        this.#send(res, record, { status: 200, body: badSchemaBody(record.route) })
        return
      case 'html-502': {
        const status = fault.status ?? 502
        this.#sendRaw(res, record, status, 'text/html', edgeErrorPage(status))
        return
      }
      case 'non-json':
        this.#sendRaw(res, record, 200, 'text/plain; charset=utf-8', fault.message ?? 'OK: this is not JSON\n')
        return
      case 'reset':
        req.socket.resetAndDestroy()
        return
      case 'hang':
        // Never answer: the socket stays open until the client gives up or close() is called.
        return
      case 'truncated': {
        const readOnly = match.ok && (match.route === 'list' || match.route === 'get' || match.route === 'associations' || match.route === 'list-hostnames')
        const full = readOnly ? handleApi(state, request, match).body : success(null)
        const text = Buffer.from(JSON.stringify(full))
        record.status = 200
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length), 'cf-ray': rayId() })
        res.write(text.subarray(0, Math.floor(text.length / 2)), () => req.socket.destroy())
        return
      }
      case 'lost-response': {
        // The operation happens (an upload is stored, a delete deletes) but nobody hears back.
        const performed = handleApi(state, request, match)
        record.performedStatus = performed.status
        req.socket.destroy()
        return
      }
    }
  }

  /** @returns {import('./api.js').ApiState} */
  #state() {
    return { config: this.#apiConfig(), store: this.#store, zones: this.#zones }
  }

  /** @returns {import('./api.js').ApiConfig} */
  #apiConfig() {
    return {
      accountId: this.accountId,
      token: this.token,
      tokens: this.tokens,
      email: this.email,
      apiKey: this.apiKey,
      perPage: this.perPage,
      maxPerPage: this.maxPerPage,
      caLimit: this.caLimit,
      associationsPerPage: this.associationsPerPage,
      hostnameService: this.hostnameAssociationService,
      lingerReads: this.associationLingerReads,
      lingerMs: this.associationLingerMs,
      hostnameListed: this.hostnameAssociationsListed
    }
  }

  /**
   * @param {number} ms
   * @returns {Promise<boolean>} false when the emulator closed meanwhile
   */
  async #sleep(ms) {
    try {
      await delay(ms, undefined, { signal: this.#abort.signal })
      return true
    } catch {
      return false
    }
  }

  /**
   * @param {ServerResponse} res
   * @param {RequestRecord} record
   * @param {ApiResponse} response
   */
  #send(res, record, response) {
    const text = JSON.stringify(response.body)
    record.status = response.status
    const errors = response.body.errors
    record.errorCodes = Array.isArray(errors) ? errors.map((e) => /** @type {{ code: number }} */ (e).code) : []
    if (res.destroyed || res.headersSent) return
    res.writeHead(response.status, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      'cf-ray': rayId(),
      ...response.headers
    })
    res.end(text)
  }

  /**
   * @param {ServerResponse} res
   * @param {RequestRecord} record
   * @param {number} status
   * @param {string} contentType
   * @param {string} text
   */
  #sendRaw(res, record, status, contentType, text) {
    record.status = status
    if (res.destroyed || res.headersSent) return
    res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)), 'server': 'cloudflare', 'cf-ray': rayId() })
    res.end(text)
  }

  /**
   * @param {ServerResponse} res
   * @param {unknown} error
   */
  #internalError(res, error) {
    process.stderr.write(`[emulator] internal error: ${error instanceof Error ? error.stack : String(error)}\n`)
    if (res.destroyed || res.headersSent) return
    const text = JSON.stringify({ success: false, errors: [{ code: CODES.INTERNAL, message: 'Emulator internal error' }], messages: [], result: null })
    res.writeHead(500, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) })
    res.end(text)
  }

  // ---------------------------------------------------------------------------------------
  // Admin endpoints (no auth, not logged)

  /**
   * @param {IncomingMessage} req
   * @param {ServerResponse} res
   * @param {URL} url
   */
  async #admin(req, res, url) {
    const method = (req.method ?? 'GET').toUpperCase()
    const [, resource = '', ...rest] = url.pathname.slice(ADMIN_PREFIX.length).split('/')
    const raw = await readBody(req)
    /** @param {number} status @param {unknown} [value] */
    const reply = (status, value) => {
      if (value === undefined) {
        res.writeHead(status).end()
        return
      }
      const text = JSON.stringify(value)
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }).end(text)
    }
    const json = () => {
      if (raw === 'too-large') throw new TypeError('body too large')
      if (raw.length === 0) return undefined
      try {
        return JSON.parse(raw.toString('utf8'))
      } catch {
        throw new TypeError('body is not JSON')
      }
    }
    try {
      const key = `${method} ${resource}${rest.length > 0 ? '/:id' : ''}`
      switch (key) {
        case 'GET info':
          return reply(200, this.info())
        case 'GET requests':
          return reply(200, this.#requests)
        case 'DELETE requests':
          this.clearRequests()
          return reply(204)
        case 'GET stats':
          return reply(200, {
            inFlight: this.#inFlight,
            maxConcurrency: this.#maxConcurrency,
            requests: this.#requests.length,
            certificates: this.#store.size,
            faults: this.#faults.length,
            zones: this.#zones.ids().length
          })
        case 'GET certificates':
          return reply(200, this.certificates())
        case 'GET associations/:id':
          return reply(200, this.associations(decodeURIComponent(rest.join('/'))))
        case 'PUT associations/:id':
          this.setAssociations(decodeURIComponent(rest.join('/')), json())
          return reply(200, this.associations(decodeURIComponent(rest.join('/'))))
        case 'GET faults':
          return reply(200, this.faults())
        case 'POST faults': {
          const body = json()
          const ids = (Array.isArray(body) ? body : [body]).map((f) => this.injectFault(f))
          return reply(201, { ids })
        }
        case 'DELETE faults':
          this.clearFaults()
          return reply(204)
        case 'POST reset':
          this.reset()
          return reply(204)
        case 'POST seed': {
          const body = json()
          const list = Array.isArray(body) ? body : body?.certificates
          return reply(201, { ids: this.seed(list) })
        }
        case 'POST seed-synthetic': {
          const { count, ...options } = json() ?? {}
          return reply(201, { ids: this.seedSynthetic(count, options) })
        }
        case 'PATCH settings':
          this.configure(json() ?? {})
          return reply(200, this.settings())
        case 'GET settings':
          return reply(200, this.settings())
        case 'GET zones':
          return reply(200, this.zones())
        case 'POST zones': {
          const body = json()
          const ids = (Array.isArray(body) ? body : [body]).map((z) => this.addZone(z))
          return reply(201, { ids })
        }
        case 'PUT hostnames': {
          const body = json() ?? {}
          const certificateId = body.mtlsCertificateId ?? null
          const hostnames = this.setHostnames(body.zoneId, certificateId, body.hostnames)
          return reply(200, { hostnames })
        }
        case 'GET permissions':
          return reply(200, this.zonePermissions())
        case 'PUT permissions': {
          const body = json() ?? {}
          this.setZonePermission(body.zoneId, body.level, body.token ?? this.token)
          return reply(200, this.zonePermissions())
        }
        default:
          return reply(404, { error: `no admin endpoint ${method} ${url.pathname}` })
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      return reply(/^no (certificate|zone)/.test(message) ? 404 : 400, { error: message })
    }
  }
}

/**
 * @param {IncomingMessage} req
 * @returns {Promise<Buffer | 'too-large'>}
 */
async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = []
  let size = 0
  let tooLarge = false
  for await (const chunk of req) {
    size += chunk.length
    if (size > BODY_LIMIT) tooLarge = true
    else chunks.push(chunk)
  }
  return tooLarge ? 'too-large' : Buffer.concat(chunks)
}

/**
 * @param {Buffer} body
 * @returns {string[] | null}
 */
function jsonKeys(body) {
  if (body.length === 0) return null
  try {
    const value = JSON.parse(body.toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : null
  } catch {
    return null
  }
}

/**
 * The `mtls_certificate_id` a zone request sends, for the request log: the query value (GET) or
 * body field (PUT) as sent, null when none was sent (the request acts on the zone's managed CA),
 * undefined when a PUT body is not a JSON object.
 * @param {import('./types.js').RouteName} route
 * @param {URLSearchParams} params
 * @param {Buffer} body
 * @returns {string | null | undefined}
 */
function namedCertificate(route, params, body) {
  if (route === 'list-hostnames') return params.get('mtls_certificate_id')
  try {
    const value = JSON.parse(body.toString('utf8'))
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    const id = value.mtls_certificate_id
    return id === undefined || id === null ? null : typeof id === 'string' ? id : JSON.stringify(id)
  } catch {
    return undefined
  }
}

/** @param {URLSearchParams} params */
function flattenQuery(params) {
  /** @type {Record<string, string>} */
  const out = {}
  for (const key of new Set(params.keys())) out[key] = params.getAll(key).join(',')
  return out
}

function rayId() {
  return `${randomBytes(8).toString('hex')}-EMU`
}

/** @param {number} n @param {string} name */
function nonNegative(n, name) {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new TypeError(`${name} must be a non-negative number`)
  return n
}

/** @param {number} n @param {string} name */
function count(n, name) {
  if (!Number.isInteger(n) || n < 0) throw new TypeError(`${name} must be a non-negative integer`)
  return n
}

/** @param {boolean} b @param {string} name */
function flag(b, name) {
  if (typeof b !== 'boolean') throw new TypeError(`${name} must be a boolean`)
  return b
}

/** @param {string} s @param {string} name */
function nonEmpty(s, name) {
  if (typeof s !== 'string' || s === '') throw new TypeError(`${name} must be a non-empty string`)
  return s
}

/** @param {number} n @param {string} name */
function positive(n, name) {
  if (!Number.isInteger(n) || n < 1) throw new TypeError(`${name} must be a positive integer`)
  return n
}
