// @ts-check
/**
 * Injected failures: what the network and Cloudflare's edge do to clients on a bad day.
 */
import { randomUUID } from 'node:crypto'
import { CODES } from './errors.js'

/** @typedef {import('./types.js').Fault} Fault */
/** @typedef {import('./types.js').FaultKind} FaultKind */
/** @typedef {import('./types.js').ActiveFault} ActiveFault */
/** @typedef {import('./types.js').RouteName} RouteName */

export const FAULT_KINDS = /** @type {const} */ (['rate-limit', 'server-error', 'html-502', 'reset', 'hang', 'truncated', 'non-json', 'bad-schema', 'lost-response'])
const ROUTES = ['list', 'get', 'upload', 'delete', 'associations', 'list-hostnames', 'replace-hostnames']

/**
 * Validates a fault (it may come from JSON over the admin endpoint) and makes it active.
 * @param {unknown} input
 * @returns {ActiveFault}
 */
export function activateFault(input) {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new TypeError('a fault must be an object')
  const fault = /** @type {Fault} */ ({ ...input })
  if (!(/** @type {readonly string[]} */ (FAULT_KINDS).includes(fault.kind))) {
    throw new TypeError(`unknown fault kind ${JSON.stringify(fault.kind)}; expected one of ${FAULT_KINDS.join(', ')}`)
  }
  if (fault.route !== undefined && !ROUTES.includes(fault.route)) {
    throw new TypeError(`unknown route ${JSON.stringify(fault.route)}; expected one of ${ROUTES.join(', ')}`)
  }
  if (fault.method !== undefined && typeof fault.method !== 'string') throw new TypeError('fault.method must be a string')
  if (fault.zoneId !== undefined && typeof fault.zoneId !== 'string') throw new TypeError('fault.zoneId must be a string')
  if (fault.query !== undefined && (typeof fault.query !== 'object' || fault.query === null)) {
    throw new TypeError('fault.query must be an object of strings')
  }
  const times = fault.times
  /** @type {number} */
  let remaining
  if (times === undefined) remaining = 1
  else if (times === 'always' || times === -1 || times === Infinity) remaining = Infinity
  else if (typeof times === 'number' && Number.isInteger(times) && times > 0) remaining = times
  else throw new TypeError(`fault.times must be a positive integer, -1 or "always" (got ${JSON.stringify(times)})`)
  const skip = fault.skip ?? 0
  if (!Number.isInteger(skip) || skip < 0) throw new TypeError('fault.skip must be a non-negative integer')
  for (const field of /** @type {const} */ (['status', 'code', 'delayMs'])) {
    const v = fault[field]
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      throw new TypeError(`fault.${field} must be a non-negative number`)
    }
  }
  if (fault.retryAfter !== undefined && fault.retryAfter !== null && (typeof fault.retryAfter !== 'number' || fault.retryAfter < 0)) {
    throw new TypeError('fault.retryAfter must be a non-negative number of seconds, or null for no header')
  }
  return { id: randomUUID(), fault, remaining, skip, fired: 0 }
}

/**
 * Finds the first active fault that applies to a request and consumes one use of it.
 * @param {ActiveFault[]} active modified in place: spent faults are removed
 * @param {{ method: string, route: RouteName | null, query: URLSearchParams, zoneId?: string | undefined }} request
 * @returns {Fault | undefined}
 */
export function takeFault(active, request) {
  for (let i = 0; i < active.length; i++) {
    const entry = /** @type {ActiveFault} */ (active[i])
    const { fault } = entry
    if (fault.method !== undefined && fault.method.toUpperCase() !== request.method) continue
    if (fault.route !== undefined && fault.route !== request.route) continue
    if (fault.zoneId !== undefined && fault.zoneId !== request.zoneId) continue
    if (fault.query && !Object.entries(fault.query).every(([k, v]) => request.query.getAll(k).join(',') === String(v))) continue
    if (entry.skip > 0) {
      entry.skip--
      continue
    }
    entry.remaining--
    entry.fired++
    if (entry.remaining <= 0) active.splice(i, 1)
    return fault
  }
  return undefined
}

/**
 * The body Cloudflare's edge serves when the origin is unreachable: HTML, not JSON.
 * @param {number} status
 */
export function edgeErrorPage(status) {
  const title = `${status} ${status === 502 ? 'Bad Gateway' : status === 504 ? 'Gateway Time-out' : 'Error'}`
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n`
}

/**
 * @param {Fault} fault
 * @returns {{ status: number, headers: Record<string, string>, body: Record<string, unknown> }}
 */
export function rateLimitResponse(fault) {
  /** @type {Record<string, string>} */
  const headers = {}
  const retryAfter = fault.retryAfter === undefined ? 1 : fault.retryAfter
  if (retryAfter !== null) headers['retry-after'] = String(retryAfter)
  return {
    status: 429,
    headers,
    body: {
      success: false,
      errors: [{ code: fault.code ?? CODES.RATE_LIMITED, message: fault.message ?? 'Please wait and consider throttling your request speed' }],
      messages: [],
      result: null
    }
  }
}

/**
 * @param {Fault} fault
 */
export function serverErrorResponse(fault) {
  return {
    status: fault.status ?? 500,
    body: {
      success: false,
      errors: [{ code: fault.code ?? CODES.INTERNAL, message: fault.message ?? 'Internal Server Error' }],
      messages: [],
      result: null
    }
  }
}

/**
 * A 200 envelope that parses as JSON but whose result has the wrong types everywhere a client
 * could look.
 * @param {RouteName | null} route
 */
export function badSchemaBody(route) {
  const broken = { id: 42, ca: 'yes', certificates: null, expires_on: 'soon', issuer: 7, serial_number: 123, type: 'mystery' }
  if (route === 'list') {
    return { success: true, errors: [], messages: [], result: [broken], result_info: { page: '1', per_page: null, count: 'one', total_count: -1, total_pages: 'many' } }
  }
  if (route === 'associations') return { success: true, errors: [], messages: [], result: [{ service: 7, status: false }] }
  if (route === 'list-hostnames' || route === 'replace-hostnames') {
    return { success: true, errors: [], messages: [], result: { hostnames: 'api.example.com' } }
  }
  return { success: true, errors: [], messages: [], result: broken }
}
