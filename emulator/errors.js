// @ts-check
/**
 * Every error the emulator answers with, in one place. `confirmed: false` marks codes and texts
 * that API-NOTES could not confirm against Cloudflare; README.md lists the choices.
 */

/**
 * @typedef {object} ApiMessage
 * @property {number} code
 * @property {string} message
 * @property {{ pointer: string }} [source]
 * @property {{ code: number, message: string }[]} [error_chain]
 */

/**
 * @typedef {object} ApiResponse what a handler answers; serialised as Cloudflare's envelope
 * @property {number} status
 * @property {Record<string, unknown>} body
 * @property {Record<string, string>} [headers]
 */

export const CODES = Object.freeze({
  /** Body field missing or of the wrong type; bad query parameter. Unconfirmed. */
  INVALID_REQUEST: 1000,
  /** Body is not JSON. Cloudflare's general code for this; unconfirmed for this endpoint. */
  MALFORMED_JSON: 6007,
  /** "Unable to parse certificate": text confirmed, code unconfirmed. */
  UNPARSEABLE_CERTIFICATE: 1414,
  /** Private key cannot be read (or is encrypted). Unconfirmed. */
  UNPARSEABLE_KEY: 1415,
  /** Private key does not belong to the first certificate. Unconfirmed. */
  KEY_MISMATCH: 1416,
  /** ca:true but a certificate lacks Basic Constraints CA:TRUE. Unconfirmed. */
  NOT_A_CA: 1417,
  /** ca:true with a signature algorithm Cloudflare does not accept for BYO CA. Unconfirmed. */
  UNSUPPORTED_SIGNATURE: 1418,
  DUPLICATE: 1471,
  NOT_FOUND: 1472,
  /** Delete refused while associations exist. Unconfirmed. */
  IN_USE: 1473,
  /** Delete of a gateway_managed/access_managed certificate. Unconfirmed. */
  MANAGED: 1474,
  CA_LIMIT: 1489,
  AUTH_ERROR: 10000,
  MISSING_CREDENTIALS: 9106,
  UNKNOWN_KEY_OR_EMAIL: 9103,
  INVALID_HEADERS: 6003,
  INVALID_EMAIL_HEADER: 6102,
  INVALID_KEY_HEADER: 6103,
  INVALID_AUTHORIZATION_HEADER: 6111,
  NO_ROUTE: 7000,
  COULD_NOT_ROUTE: 7003,
  /** Wrong method on a known path. Unconfirmed. */
  METHOD_NOT_ALLOWED: 10405,
  /** Body larger than the emulator accepts. Unconfirmed. */
  BODY_TOO_LARGE: 1001,
  RATE_LIMITED: 971,
  /** Default code in a server-error fault's envelope. Unconfirmed. */
  INTERNAL: 10002
})

/**
 * @param {unknown} result
 * @param {Record<string, unknown>} [extra] e.g. result_info
 */
export function success(result, extra = {}) {
  return { success: true, errors: [], messages: [], result, ...extra }
}

/**
 * @param {number} status
 * @param {ApiMessage[]} errors
 * @param {Record<string, string>} [headers]
 * @returns {ApiResponse}
 */
export function failure(status, errors, headers) {
  const response = { status, body: { success: false, errors, messages: [], result: null } }
  return headers ? { ...response, headers } : response
}

/**
 * @param {number} status
 * @param {number} code
 * @param {string} message
 * @returns {ApiResponse}
 */
export function fail(status, code, message) {
  return failure(status, [{ code, message }])
}

/**
 * @param {number} code
 * @param {string} detail
 */
export const malformedHeaders = (code, detail) => failure(400, [{ code: CODES.INVALID_HEADERS, message: 'Invalid request headers', error_chain: [{ code, message: detail }] }])
