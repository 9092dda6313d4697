// @ts-check
/**
 * Cloudflare's behaviour for /client/v4/accounts/{account_id}/mtls_certificates and
 * /client/v4/zones/{zone_id}/certificate_authorities/hostname_associations: routing,
 * authentication, validation and the seven operations. Pure with respect to HTTP: a request
 * goes in, an ApiResponse comes out; server.js does the sockets, latency and faults.
 */
import { CODES, fail, failure, malformedHeaders, success } from './errors.js'
import { CA_SIGNATURES, CertificateParseError, PrivateKeyError, assertKeyMatches, describeCertificate, fingerprintOfSet, parseCertificates } from './x509.js'
import { ZONE_ID, hostnameProblem } from './zones.js'

/** @typedef {import('./errors.js').ApiResponse} ApiResponse */
/** @typedef {import('./errors.js').ApiMessage} ApiMessage */
/** @typedef {import('./types.js').RouteName} RouteName */
/** @typedef {import('./types.js').CertificateType} CertificateType */
/** @typedef {import('./types.js').MtlsCertificate} MtlsCertificate */
/** @typedef {import('./store.js').CertificateStore} CertificateStore */
/** @typedef {import('./store.js').StoredRecord} StoredRecord */
/** @typedef {import('./zones.js').ZoneStore} ZoneStore */
/** @typedef {import('./types.js').Association} Association */
/** @typedef {{ config: ApiConfig, store: CertificateStore, zones: ZoneStore }} ApiState */

export const API_PREFIX = '/client/v4'
export const CERTIFICATE_TYPES = /** @type {const} */ (['custom', 'gateway_managed', 'access_managed'])

/**
 * @typedef {object} ApiConfig
 * @property {string} accountId
 * @property {string} token
 * @property {string[]} tokens more accepted bearer tokens (same account access as `token`)
 * @property {string} email
 * @property {string} apiKey
 * @property {number} perPage
 * @property {number} maxPerPage
 * @property {number} caLimit
 * @property {number} associationsPerPage account /associations page size when no per_page is sent
 * @property {string} hostnameService `service` of the association a hostname binding shows
 * @property {number} lingerReads /associations answers that still show a removed hostname binding
 * @property {number} lingerMs and the least time it lingers
 * @property {boolean} hostnameListed whether the account /associations answer lists a hostname binding (DELETE is refused either way)
 */

/**
 * @typedef {object} ApiRequest
 * @property {string} method
 * @property {URL} url
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {Buffer} body
 */

/**
 * @typedef {{ ok: true, route: RouteName, accountId: string | undefined, zoneId: string | undefined, certificateId: string | undefined } | { ok: false, response: ApiResponse }} RouteMatch
 */

const ACCOUNT_ID = /^[0-9a-f]{32}$/
/** Certificate ids are UUIDs in practice; the spec allows up to 36 characters. */
const CERTIFICATE_ID = /^[A-Za-z0-9-]{1,36}$/

/**
 * Finds the operation for a method and path. Routing comes before authentication, as at
 * Cloudflare: a bad identifier is a routing error whatever the credentials.
 * @param {string} method
 * @param {string} pathname
 * @returns {RouteMatch}
 */
export function matchRoute(method, pathname) {
  if (pathname !== API_PREFIX && !pathname.startsWith(`${API_PREFIX}/`)) {
    return { ok: false, response: fail(404, CODES.NO_ROUTE, 'No route for that URI') }
  }
  const rest = pathname.slice(API_PREFIX.length)
  const segments = rest.split('/').slice(1)
  const [accounts, accountId = '', collection, rawId, sub, ...extra] = segments
  const couldNotRoute = () => ({
    ok: /** @type {const} */ (false),
    response: fail(404, CODES.COULD_NOT_ROUTE, `Could not route to ${rest || '/'}, perhaps your object identifier is invalid?`)
  })
  if (accounts === 'zones') {
    // /zones/{zone_id}/certificate_authorities/hostname_associations
    if (collection !== 'certificate_authorities' || rawId !== 'hostname_associations' || sub !== undefined) return couldNotRoute()
    if (!ZONE_ID.test(accountId)) return couldNotRoute()
    /** @type {[string, RouteName][]} */
    const zoneRoutes = [
      ['GET', 'list-hostnames'],
      ['PUT', 'replace-hostnames']
    ]
    const zoneHit = zoneRoutes.find(([m]) => m === method)
    if (!zoneHit) return methodNotAllowed(method, rest, zoneRoutes)
    return { ok: true, route: zoneHit[1], accountId: undefined, zoneId: accountId, certificateId: undefined }
  }
  if (accounts !== 'accounts' || collection !== 'mtls_certificates' || extra.length > 0) return couldNotRoute()
  if (!ACCOUNT_ID.test(accountId)) return couldNotRoute()
  if (sub !== undefined && sub !== 'associations') return couldNotRoute()

  /** @type {[string, RouteName][]} */
  let allowed
  /** @type {string | undefined} */
  let certificateId
  if (rawId === undefined) {
    allowed = [
      ['GET', 'list'],
      ['POST', 'upload']
    ]
  } else {
    certificateId = safeDecode(rawId)
    if (certificateId === undefined || !CERTIFICATE_ID.test(certificateId)) return couldNotRoute()
    allowed =
      sub === undefined
        ? [
            ['GET', 'get'],
            ['DELETE', 'delete']
          ]
        : [['GET', 'associations']]
  }
  const hit = allowed.find(([m]) => m === method)
  if (!hit) return methodNotAllowed(method, rest, allowed)
  return { ok: true, route: hit[1], accountId, zoneId: undefined, certificateId }
}

/**
 * @param {string} method
 * @param {string} rest
 * @param {[string, RouteName][]} allowed
 * @returns {RouteMatch}
 */
function methodNotAllowed(method, rest, allowed) {
  return {
    ok: false,
    response: failure(405, [{ code: CODES.METHOD_NOT_ALLOWED, message: `Method ${method} not allowed for ${rest}` }], {
      allow: allowed.map(([m]) => m).join(', ')
    })
  }
}

/** @param {string} s */
function safeDecode(s) {
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}

/**
 * Which credential kind a request presents, for the request log.
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @returns {'token' | 'key' | 'none'}
 */
export function credentialKind(headers) {
  if (headers.authorization !== undefined) return 'token'
  if (headers['x-auth-key'] !== undefined || headers['x-auth-email'] !== undefined) return 'key'
  return 'none'
}

/**
 * @param {ApiConfig} config
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @returns {ApiResponse | undefined} an error, or undefined when the credentials are good
 */
export function authenticate(config, headers) {
  const authorization = headers.authorization
  if (authorization !== undefined) {
    const match = /^Bearer ([^\s]+)$/i.exec(authorization.trim())
    if (!match) return malformedHeaders(CODES.INVALID_AUTHORIZATION_HEADER, 'Invalid format for Authorization header')
    if (match[1] !== config.token && !config.tokens.includes(/** @type {string} */ (match[1]))) {
      return fail(403, CODES.AUTH_ERROR, 'Authentication error')
    }
    return undefined
  }
  const email = first(headers['x-auth-email'])
  const key = first(headers['x-auth-key'])
  if (email === undefined || key === undefined || email === '' || key === '') {
    return fail(400, CODES.MISSING_CREDENTIALS, 'Missing X-Auth-Key, X-Auth-Email or Authorization headers')
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return malformedHeaders(CODES.INVALID_EMAIL_HEADER, 'Invalid format for X-Auth-Email header')
  // Global API keys are 37 lowercase hex characters; the configured key is always accepted.
  if (key !== config.apiKey && !/^[0-9a-f]{37}$/.test(key)) {
    return malformedHeaders(CODES.INVALID_KEY_HEADER, 'Invalid format for X-Auth-Key header')
  }
  if (email !== config.email || key !== config.apiKey) {
    return fail(403, CODES.UNKNOWN_KEY_OR_EMAIL, 'Unknown X-Auth-Key or X-Auth-Email')
  }
  return undefined
}

/** @param {string | string[] | undefined} v */
function first(v) {
  return Array.isArray(v) ? v[0] : v
}

/**
 * The bearer token a request presents (for zone permissions), or undefined for the legacy key
 * pair, which carries every permission.
 * @param {import('node:http').IncomingHttpHeaders} headers
 */
function bearerToken(headers) {
  if (headers.authorization === undefined) return undefined
  return /^Bearer ([^\s]+)$/i.exec(headers.authorization.trim())?.[1]
}

/**
 * Runs one API request through routing, auth and the operation.
 * @param {ApiState} state
 * @param {ApiRequest} request
 * @param {RouteMatch} match
 * @returns {ApiResponse}
 */
export function handleApi(state, request, match) {
  if (!match.ok) return match.response
  const denied = authenticate(state.config, request.headers)
  if (denied) return denied
  if (match.zoneId !== undefined) {
    // A zone the emulator does not have, or one the token may not use for this, looks the same
    // as at Cloudflare: 403 / 10000.
    if (!state.zones.has(match.zoneId)) return fail(403, CODES.AUTH_ERROR, 'Authentication error')
    const token = bearerToken(request.headers)
    const level = token === undefined ? 'edit' : state.zones.permission(token, match.zoneId)
    if (level === 'none' || (level === 'read' && match.route === 'replace-hostnames')) {
      return fail(403, CODES.AUTH_ERROR, 'Authentication error')
    }
    return match.route === 'list-hostnames' ? listHostnames(state, match.zoneId, request.url.searchParams) : replaceHostnames(state, match.zoneId, request.body)
  }
  if (match.accountId !== state.config.accountId) return fail(403, CODES.AUTH_ERROR, 'Authentication error')
  switch (match.route) {
    case 'list':
      return list(state, request.url.searchParams)
    case 'upload':
      return upload(state, request.body)
    case 'get':
      return withRecord(state, match.certificateId, (r) => ({ status: 200, body: success(publicView(r)) }))
    case 'delete':
      return withRecord(state, match.certificateId, (r) => remove(state, r))
    case 'associations':
      return withRecord(state, match.certificateId, (r) => associations(state, r, request.url.searchParams))
    default:
      return couldNotRouteResponse(request.url.pathname)
  }
}

/** @param {string} pathname */
function couldNotRouteResponse(pathname) {
  const rest = pathname.slice(API_PREFIX.length)
  return fail(404, CODES.COULD_NOT_ROUTE, `Could not route to ${rest || '/'}, perhaps your object identifier is invalid?`)
}

/**
 * Everything the account endpoint lists for a certificate: the associations set on it, then one
 * for its zone hostname associations while it has any (and while a removed one lingers). With
 * `hostnameListed` false, the API answer leaves that one out; DELETE and the admin view still see it.
 * @param {ApiState} state
 * @param {StoredRecord} record
 * @param {boolean} consume whether this is an API answer (uses up a linger read)
 * @returns {Association[]}
 */
export function allAssociations(state, record, consume) {
  const out = record.associations.map((a) => ({ ...a }))
  const shows = state.zones.showsAssociation(record.certificate.id, consume)
  if (shows && (state.config.hostnameListed || !consume)) out.push({ service: state.config.hostnameService, status: 'active' })
  return out
}

/**
 * @param {ApiState} state
 * @param {StoredRecord} record
 * @param {URLSearchParams} params
 * @returns {ApiResponse}
 */
function associations(state, record, params) {
  /** @type {ApiMessage[]} */
  const errors = []
  const page = positiveInteger(params.get('page'), 1, 'page', errors)
  const requested = positiveInteger(params.get('per_page'), state.config.associationsPerPage, 'per_page', errors)
  if (errors.length > 0) return failure(400, errors)
  const perPage = Math.min(requested, state.config.maxPerPage)
  const all = allAssociations(state, record, true)
  const items = all.slice((page - 1) * perPage, page * perPage)
  return {
    status: 200,
    body: success(items, {
      result_info: { page, per_page: perPage, count: items.length, total_count: all.length, total_pages: Math.ceil(all.length / perPage) }
    })
  }
}

/**
 * The certificate a hostname-association request names: a stored CA, or null for the zone's
 * Cloudflare-managed CA (no id sent), or an error answer.
 * @param {ApiState} state
 * @param {unknown} raw the query value or body field; undefined/null = not sent
 * @param {string} where for messages: "query parameter" or "body field"
 * @returns {{ ok: true, id: string | null } | { ok: false, response: ApiResponse }}
 */
function targetCertificate(state, raw, where) {
  if (raw === undefined || raw === null) return { ok: true, id: null }
  /** @param {string} message */
  const invalid = (message) => ({
    ok: /** @type {const} */ (false),
    response: failure(400, [
      {
        code: CODES.INVALID_REQUEST,
        message: `Invalid request: ${message}`,
        ...(where === 'body field' ? { source: { pointer: '/mtls_certificate_id' } } : {})
      }
    ])
  })
  if (typeof raw !== 'string') return invalid(`\`mtls_certificate_id\` must be a string, not ${typeof raw}`)
  if (!/^[A-Za-z0-9-]{36}$/.test(raw)) return invalid(`${where} \`mtls_certificate_id\` must be a 36-character certificate id (got "${raw}")`)
  const record = state.store.get(raw)
  if (!record) return { ok: false, response: fail(404, CODES.NOT_FOUND, 'Certificate not found') }
  if (!record.certificate.ca) {
    return {
      ok: false,
      response: fail(400, CODES.NOT_A_CA, `Certificate ${raw} is not a CA certificate (ca: false); only a CA can be associated with hostnames`)
    }
  }
  return { ok: true, id: raw }
}

/**
 * @param {ApiState} state
 * @param {string} zoneId
 * @param {URLSearchParams} params
 * @returns {ApiResponse}
 */
function listHostnames(state, zoneId, params) {
  const target = targetCertificate(state, params.get('mtls_certificate_id') ?? undefined, 'query parameter')
  if (!target.ok) return target.response
  return { status: 200, body: success({ hostnames: state.zones.hostnames(zoneId, target.id) }) }
}

/**
 * A request body that must be a JSON object, or the answer Cloudflare gives when it is not.
 * @param {Buffer} body
 * @returns {{ fields: Record<string, unknown> } | { response: ApiResponse }}
 */
function parseObjectBody(body) {
  /** @type {unknown} */
  let data
  try {
    data = JSON.parse(body.toString('utf8'))
  } catch {
    return { response: fail(400, CODES.MALFORMED_JSON, 'Malformed JSON in request body') }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { response: fail(400, CODES.INVALID_REQUEST, 'Invalid request: the body must be a JSON object') }
  }
  return { fields: /** @type {Record<string, unknown>} */ (data) }
}

/**
 * PUT replaces the named certificate's hostname set in the zone (or, without
 * `mtls_certificate_id`, the set of the zone's Cloudflare-managed CA).
 * @param {ApiState} state
 * @param {string} zoneId
 * @param {Buffer} body
 * @returns {ApiResponse}
 */
function replaceHostnames(state, zoneId, body) {
  const given = parseObjectBody(body)
  if ('response' in given) return given.response
  const fields = given.fields
  const raw = fields.hostnames
  if (!Array.isArray(raw)) {
    const message =
      raw === undefined || raw === null ? '`hostnames` is required (an empty array removes every hostname)' : `\`hostnames\` must be an array of strings, not ${typeof raw}`
    return failure(400, [{ code: CODES.INVALID_REQUEST, message: `Invalid request: ${message}`, source: { pointer: '/hostnames' } }])
  }
  const zoneName = state.zones.get(zoneId)?.name
  /** @type {ApiMessage[]} */
  const errors = []
  /** @type {string[]} */
  const hostnames = []
  raw.forEach((h, i) => {
    const problem = typeof h !== 'string' ? `must be a string, not ${h === null ? 'null' : typeof h}` : hostnameProblem(h.toLowerCase(), zoneName)
    if (problem) {
      errors.push({ code: CODES.INVALID_REQUEST, message: `Invalid request: hostname ${JSON.stringify(h)} ${problem}`, source: { pointer: `/hostnames/${i}` } })
    } else hostnames.push(/** @type {string} */ (h).toLowerCase())
  })
  if (errors.length > 0) return failure(400, errors)
  const target = targetCertificate(state, fields.mtls_certificate_id, 'body field')
  if (!target.ok) return target.response
  const { lingerReads: reads, lingerMs: ms } = state.config
  return { status: 200, body: success({ hostnames: state.zones.replace(zoneId, target.id, hostnames, { reads, ms }) }) }
}

/**
 * @param {{ store: CertificateStore }} state
 * @param {string | undefined} id
 * @param {(record: StoredRecord) => ApiResponse} then
 */
function withRecord(state, id, then) {
  const record = id === undefined ? undefined : state.store.get(id)
  if (!record) return fail(404, CODES.NOT_FOUND, 'Certificate not found')
  return then(record)
}

/** @param {StoredRecord} record @returns {MtlsCertificate} */
export function publicView(record) {
  return { ...record.certificate }
}

/**
 * @param {{ config: ApiConfig, store: CertificateStore }} state
 * @param {URLSearchParams} params
 * @returns {ApiResponse}
 */
function list(state, params) {
  /** @type {ApiMessage[]} */
  const errors = []
  const types = params
    .getAll('type')
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '')
  const unknown = types.filter((t) => !(/** @type {readonly string[]} */ (CERTIFICATE_TYPES).includes(t)))
  if (unknown.length > 0) {
    errors.push({
      code: CODES.INVALID_REQUEST,
      message: `Invalid request: type must be one of ${CERTIFICATE_TYPES.join(', ')} (got ${unknown.join(', ')})`
    })
  }
  const page = positiveInteger(params.get('page'), 1, 'page', errors)
  const requested = positiveInteger(params.get('per_page'), state.config.perPage, 'per_page', errors)
  if (errors.length > 0) return failure(400, errors)

  const perPage = Math.min(requested, state.config.maxPerPage)
  const wanted = new Set(types)
  const all = state.store.all().filter((r) => wanted.size === 0 || wanted.has(r.certificate.type))
  const items = all.slice((page - 1) * perPage, page * perPage).map(publicView)
  return {
    status: 200,
    body: success(items, {
      result_info: {
        page,
        per_page: perPage,
        count: items.length,
        total_count: all.length,
        total_pages: Math.ceil(all.length / perPage)
      }
    })
  }
}

/**
 * @param {string | null} raw
 * @param {number} fallback
 * @param {string} name
 * @param {ApiMessage[]} errors
 */
function positiveInteger(raw, fallback, name, errors) {
  if (raw === null || raw === '') return fallback
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) {
    errors.push({ code: CODES.INVALID_REQUEST, message: `Invalid request: ${name} must be a positive integer (got "${raw}")` })
    return fallback
  }
  return Number(raw)
}

/**
 * @param {{ config: ApiConfig, store: CertificateStore }} state
 * @param {Buffer} body
 * @returns {ApiResponse}
 */
function upload(state, body) {
  const given = parseObjectBody(body)
  if ('response' in given) return given.response
  const fields = given.fields
  /** @type {ApiMessage[]} */
  const errors = []
  /** @param {string} field @param {string} message */
  const bad = (field, message) => errors.push({ code: CODES.INVALID_REQUEST, message: `Invalid request: ${message}`, source: { pointer: `/${field}` } })
  if (fields.ca === undefined || fields.ca === null) bad('ca', '`ca` is required (true for a CA, false for a client certificate)')
  else if (typeof fields.ca !== 'boolean') bad('ca', `\`ca\` must be a boolean, not ${typeof fields.ca}`)
  if (fields.certificates === undefined || fields.certificates === null) bad('certificates', '`certificates` is required')
  else if (typeof fields.certificates !== 'string') bad('certificates', `\`certificates\` must be a string, not ${typeof fields.certificates}`)
  if (fields.name !== undefined && fields.name !== null && typeof fields.name !== 'string') {
    bad('name', `\`name\` must be a string, not ${typeof fields.name}`)
  }
  if (fields.private_key !== undefined && fields.private_key !== null && typeof fields.private_key !== 'string') {
    bad('private_key', `\`private_key\` must be a string, not ${typeof fields.private_key}`)
  }
  if (errors.length > 0) return failure(400, errors)

  const ca = /** @type {boolean} */ (fields.ca)
  const text = /** @type {string} */ (fields.certificates)
  const name = typeof fields.name === 'string' ? fields.name : ''
  const privateKey = typeof fields.private_key === 'string' && fields.private_key.trim() !== '' ? fields.private_key : undefined

  /** @type {import('./x509.js').ParsedCertificate[]} */
  let parsed
  try {
    parsed = parseCertificates(text)
  } catch (e) {
    if (e instanceof CertificateParseError) return fail(400, CODES.UNPARSEABLE_CERTIFICATE, 'Unable to parse certificate')
    throw e
  }
  const facts = parsed.map(describeCertificate)
  const leafFacts = /** @type {import('./x509.js').CertificateFacts} */ (facts[0])

  if (ca) {
    if (privateKey !== undefined) {
      return failure(400, [
        {
          code: CODES.INVALID_REQUEST,
          message: 'Invalid request: `private_key` must not be sent when `ca` is true (a CA upload needs no key)',
          source: { pointer: '/private_key' }
        }
      ])
    }
    const notCa = facts.findIndex((f) => !f.isCa)
    if (notCa >= 0) {
      return fail(400, CODES.NOT_A_CA, `Certificate ${notCa + 1} is not a CA certificate: Basic Constraints CA:TRUE is required when \`ca\` is true`)
    }
    const unsupported = facts.find((f) => !CA_SIGNATURES.includes(f.signature))
    if (unsupported) {
      return fail(400, CODES.UNSUPPORTED_SIGNATURE, `Unsupported signature algorithm ${unsupported.signature}: a CA must be signed with RSA or ECDSA and SHA-1/256/384/512`)
    }
  } else {
    if (privateKey === undefined) {
      return failure(400, [
        {
          code: CODES.INVALID_REQUEST,
          message: 'Invalid request: `private_key` is required when `ca` is false',
          source: { pointer: '/private_key' }
        }
      ])
    }
    try {
      assertKeyMatches(privateKey, /** @type {import('./x509.js').ParsedCertificate} */ (parsed[0]))
    } catch (e) {
      if (!(e instanceof PrivateKeyError)) throw e
      return e.reason === 'unparseable'
        ? fail(400, CODES.UNPARSEABLE_KEY, 'Unable to parse private key')
        : fail(400, CODES.KEY_MISMATCH, 'The private key does not match the certificate')
    }
  }

  const fingerprint = fingerprintOfSet(parsed.map((p) => p.der))
  if (state.store.findByFingerprint(fingerprint)) return fail(400, CODES.DUPLICATE, 'This certificate already exists')
  if (ca && state.store.countCustomCas() >= state.config.caLimit) {
    return fail(400, CODES.CA_LIMIT, `The account has reached its limit of ${state.config.caLimit} CA certificates`)
  }

  const record = state.store.add({
    name,
    issuer: leafFacts.issuer,
    signature: leafFacts.signature,
    serial_number: leafFacts.serial_number,
    certificates: text.trim(),
    ca,
    expires_on: leafFacts.expires_on,
    type: 'custom',
    fingerprint
  })
  const view = publicView(record)
  return { status: 200, body: success({ ...view, updated_at: view.uploaded_on }) }
}

/**
 * @param {ApiState} state
 * @param {StoredRecord} record
 * @returns {ApiResponse}
 */
function remove(state, record) {
  if (record.certificate.type !== 'custom') {
    return fail(403, CODES.MANAGED, `A ${record.certificate.type} certificate is managed by Cloudflare and cannot be deleted`)
  }
  const inUse = allAssociations(state, record, false)
  if (inUse.length > 0) {
    const services = [...new Set(inUse.map((a) => a.service))].join(', ')
    return fail(400, CODES.IN_USE, `The certificate is in use by ${services} and cannot be deleted; remove its associations first`)
  }
  state.store.delete(record.certificate.id)
  state.zones.forget(record.certificate.id)
  return { status: 200, body: success(publicView(record)) }
}

/**
 * Seeding (admin): parses the certificates for their facts but skips the upload rules
 * (duplicates, CA limit, key checks), so tests can build any account state.
 * @param {CertificateStore} store
 * @param {import('./types.js').SeedCertificate} seed
 * @returns {string} the id
 */
export function seedOne(store, seed) {
  if (typeof seed?.pem !== 'string') throw new TypeError('seed: each entry needs a `pem` string')
  const parsed = parseCertificates(seed.pem)
  const facts = describeCertificate(/** @type {import('./x509.js').ParsedCertificate} */ (parsed[0]))
  const type = seed.type ?? 'custom'
  if (!(/** @type {readonly string[]} */ (CERTIFICATE_TYPES).includes(type))) throw new TypeError(`seed: unknown type ${type}`)
  const record = store.add({
    ...(seed.id !== undefined ? { id: seed.id } : {}),
    ...(seed.uploadedOn !== undefined ? { uploadedOn: seed.uploadedOn } : {}),
    ...(seed.associations !== undefined ? { associations: seed.associations } : {}),
    name: seed.name ?? '',
    issuer: facts.issuer,
    signature: facts.signature,
    serial_number: facts.serial_number,
    certificates: seed.pem.trim(),
    ca: seed.ca ?? facts.isCa,
    expires_on: facts.expires_on,
    type,
    fingerprint: fingerprintOfSet(parsed.map((p) => p.der))
  })
  return record.certificate.id
}
