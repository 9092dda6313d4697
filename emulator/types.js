// @ts-check
/**
 * Shared JSDoc types. `index.js` re-exports the public ones, so TypeScript callers write
 * `import type { Emulator, Fault } from '../emulator/index.js'`.
 */

/** @typedef {'custom' | 'gateway_managed' | 'access_managed'} CertificateType */

/**
 * Account routes: 'list' | 'get' | 'upload' | 'delete' | 'associations'. Zone routes:
 * 'list-hostnames' (GET …/hostname_associations) and 'replace-hostnames' (PUT …/hostname_associations).
 * @typedef {'list' | 'get' | 'upload' | 'delete' | 'associations' | 'list-hostnames' | 'replace-hostnames'} RouteName
 */

/**
 * @typedef {object} Association
 * @property {string} service e.g. "gateway"
 * @property {string} status e.g. "pending_deployment"
 */

/**
 * A certificate as the API returns it from list/get/delete (upload adds `updated_at`).
 * @typedef {object} MtlsCertificate
 * @property {string} id
 * @property {string} name
 * @property {string} issuer
 * @property {string} signature
 * @property {string} serial_number
 * @property {string} certificates
 * @property {boolean} ca
 * @property {string} uploaded_on
 * @property {string} expires_on
 * @property {CertificateType} type
 */

/**
 * @typedef {object} SeedCertificate
 * @property {string} pem one certificate or a chain
 * @property {boolean} [ca] default: whether the first certificate has Basic Constraints CA:TRUE
 * @property {string} [name] default ""
 * @property {CertificateType} [type] default "custom"
 * @property {string | Date} [uploadedOn] default now (microsecond clock, always increasing)
 * @property {string} [id] default a random UUID
 * @property {Association[]} [associations]
 */

/**
 * @typedef {'rate-limit' | 'server-error' | 'html-502' | 'reset' | 'hang' | 'truncated' | 'non-json' | 'bad-schema' | 'lost-response'} FaultKind
 */

/**
 * A failure to inject into the next matching API request(s).
 * @typedef {object} Fault
 * @property {FaultKind} kind
 * @property {string} [method] only requests with this HTTP method (any case)
 * @property {RouteName} [route] only requests to this route
 * @property {Record<string, string>} [query] only requests whose query has these values, e.g. { page: '2' }
 * @property {string} [zoneId] only requests to this zone's endpoints
 * @property {number | 'always'} [times] how many requests it spoils; default 1; -1, Infinity or 'always' = until cleared
 * @property {number} [skip] let this many matching requests through first; default 0 (skip: N-1 fails exactly the Nth)
 * @property {number | null} [retryAfter] rate-limit: Retry-After seconds; default 1; null = no header
 * @property {number} [status] server-error (default 500) and html-502 (default 502)
 * @property {number} [code] server-error / rate-limit: envelope error code override
 * @property {string} [message] server-error / rate-limit: envelope message override
 * @property {number} [delayMs] wait this long before acting
 */

/**
 * @typedef {object} ActiveFault
 * @property {string} id
 * @property {Fault} fault
 * @property {number} remaining Infinity for faults that stay until cleared
 * @property {number} skip matching requests still to let through
 * @property {number} fired
 */

/**
 * One API request as the emulator saw it. Admin requests are not logged.
 * @typedef {object} RequestRecord
 * @property {number} seq 1, 2, 3… in arrival order
 * @property {string} method
 * @property {string} path full pathname, e.g. /client/v4/accounts/…/mtls_certificates
 * @property {string} search raw query string with its "?", or ""
 * @property {Record<string, string>} query parsed query; repeated keys joined with ","
 * @property {RouteName | null} route null when no route matched
 * @property {number} status HTTP status sent; 0 when no response was sent (reset, hang, lost-response)
 * @property {number[]} errorCodes envelope error codes of a failed response
 * @property {number} at arrival time, epoch milliseconds
 * @property {number | null} durationMs until the response was sent or the socket closed
 * @property {'token' | 'key' | 'none'} auth which kind of credential was presented (not whether it was valid)
 * @property {string | null} userAgent
 * @property {string[] | null} bodyKeys top-level keys of a JSON object body (never values)
 * @property {FaultKind} [fault] set when an injected fault answered this request
 * @property {number} [performedStatus] lost-response: status of the operation that ran but was never sent
 * @property {string} [zoneId] zone routes: the zone in the path
 * @property {string | null} [mtlsCertificateId] zone routes: the `mtls_certificate_id` sent (query for GET, body for PUT,
 *   whatever its type), or null when none was sent (absent or JSON null), i.e. the request acts on the zone's
 *   Cloudflare-managed CA. Not set when a PUT body is not a JSON object.
 */

/**
 * @typedef {object} EmulatorOptions
 * @property {number} [port] default 0 (a free port)
 * @property {string} [host] default "127.0.0.1"
 * @property {string} [accountId] default "0123456789abcdef0123456789abcdef"
 * @property {string} [token] default "test-token"
 * @property {string} [email] legacy auth e-mail; default "user@example.com"
 * @property {string} [apiKey] legacy global key; default "0123456789abcdef0123456789abcdef01234"
 * @property {number} [latencyMs] delay before answering each API request; default 0
 * @property {number} [perPage] list page size when the client sends no per_page; default 50
 * @property {number} [maxPerPage] the largest per_page honoured (larger is clamped); default 50
 * @property {number} [caLimit] custom CA certificates per account (error 1489 beyond); default 5
 * @property {boolean} [log] print each API request to stderr; default false
 * @property {string[]} [tokens] more accepted bearer tokens, with the same account access as `token`; default []
 * @property {(string | import('./zones.js').ZoneDeclaration)[]} [zones] zones that exist (32 lowercase hex ids, optionally
 *   `{ id, name }`); default [DEFAULT_ZONE_ID]
 * @property {number} [associationsPerPage] account /associations page size when no per_page is sent; default 20
 * @property {string} [hostnameAssociationService] `service` shown on the account /associations endpoint for a CA that
 *   zones associate with hostnames; default "mtls_hostname_associations" (unconfirmed)
 * @property {number} [associationLingerReads] after a CA loses its last hostname, this many more answers of the account
 *   /associations endpoint still show the association (and DELETE stays refused); default 0
 * @property {number} [associationLingerMs] and it lingers at least this long; default 0
 * @property {boolean} [hostnameAssociationsListed] false: the account /associations endpoint does not list a hostname
 *   binding at all (DELETE is still refused while the CA is bound); default true
 */

export {}
