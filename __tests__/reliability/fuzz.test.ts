/**
 * Property tests (fast-check):
 * - any answer a server sends (status, body, Retry-After) gives a typed result or a typed
 *   CloudflareApiError whose message is one bounded line: never another exception, never an
 *   `undefined` where a value was promised;
 * - the pager ends, whatever result_info and pages a server sends (lying, ignoring `page`);
 * - any strings as inputs give a Config or an InputError that names a real input: nothing else.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CloudflareApiError, describeApiError } from '../../src/cloudflare/errors.js'
import { parseResponse, type HttpClient } from '../../src/cloudflare/http.js'
import { MAX_PAGES, MtlsCertificatesApi } from '../../src/cloudflare/mtls.js'
import { isIdentifier } from '../../src/cloudflare/path.js'
import { AssociationListSchema, CertificateListSchema, DeleteResultSchema, MtlsCertificateSchema, type ResponseSchema } from '../../src/cloudflare/schemas.js'
import { collectInputs, INPUT_NAMES, InputError, OPERATIONS, parseConfig, type Config, type ParseContext } from '../../src/inputs.js'

const SCHEMAS = { certificate: MtlsCertificateSchema, list: CertificateListSchema, associations: AssociationListSchema, delete: DeleteResultSchema } as const
type SchemaName = keyof typeof SCHEMAS

const KINDS = new Set(['api', 'network', 'timeout', 'invalid-response'])
const CTX = { action: 'list the certificates', accountId: '0123456789abcdef0123456789abcdef', permission: 'Read' as const }

/** Values a server might put where a string, boolean or number is expected. */
const anyValue = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 })
)
const certificateLike = fc.record(
  {
    id: fc.oneof(fc.uuid(), fc.string(), fc.integer(), fc.constant(null), fc.constantFrom('..', '../zones', '%2e%2e', 'a/b', '', '023e105f4ecef8ad9ca31a8372d0c353')),
    ca: fc.oneof(fc.boolean(), anyValue),
    certificates: fc.oneof(fc.string(), anyValue),
    expires_on: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      anyValue
    ),
    issuer: anyValue,
    name: anyValue,
    serial_number: anyValue,
    signature: anyValue,
    type: fc.oneof(fc.constantFrom('custom', 'gateway_managed', 'access_managed', 'mystery'), anyValue),
    uploaded_on: anyValue
  },
  { requiredKeys: [] }
)
const resultLike = fc.oneof(
  certificateLike,
  fc.array(certificateLike, { maxLength: 4 }),
  fc.array(fc.record({ service: anyValue, status: anyValue }, { requiredKeys: [] }), { maxLength: 3 }),
  anyValue
)
const messageLike = fc.record(
  { code: fc.oneof(fc.integer(), anyValue), message: fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 400 }), anyValue) },
  { requiredKeys: [] }
)
const envelopeLike = fc.record(
  {
    success: fc.oneof(fc.boolean(), anyValue),
    errors: fc.oneof(fc.array(messageLike, { maxLength: 3 }), anyValue),
    messages: fc.oneof(fc.array(anyValue, { maxLength: 2 }), anyValue),
    result: resultLike,
    result_info: fc.oneof(
      fc.record({ page: anyValue, per_page: anyValue, count: anyValue, total_count: anyValue, total_pages: fc.oneof(fc.nat(), anyValue) }, { requiredKeys: [] }),
      anyValue
    )
  },
  { requiredKeys: [] }
)
/** A body: a plausible envelope, any JSON, or any text at all (HTML, truncated JSON, binary). */
const body = fc.oneof(
  { weight: 4, arbitrary: envelopeLike.map((e) => JSON.stringify(e) ?? '') },
  { weight: 2, arbitrary: fc.json() },
  { weight: 1, arbitrary: envelopeLike.map((e) => (JSON.stringify(e) ?? '').slice(0, 17)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string().map((t) => `<html><head><title>${t}</title></head></html>`) }
)
const status = fc.oneof(fc.constantFrom(200, 201, 204, 400, 403, 404, 429, 500, 502, 503, 520), fc.integer({ min: 100, max: 599 }))
const retryAfter = fc.option(
  fc.oneof(
    fc.nat({ max: 100_000 }).map(String),
    fc.string(),
    fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toUTCString()))
  ),
  { nil: undefined }
)

function isOneBoundedLine(text: string): boolean {
  return !/[\r\n\u2028\u2029]/.test(text) && text.length < 2_000
}

describe('parseResponse: any answer gives a result or a CloudflareApiError', () => {
  it.each(Object.keys(SCHEMAS) as SchemaName[])('with the %s schema', (name) => {
    const schema = SCHEMAS[name] as ResponseSchema<unknown>
    fc.assert(
      fc.property(status, body, retryAfter, (st, text, ra) => {
        let outcome: unknown
        try {
          outcome = parseResponse({ method: 'GET', path: '/client/v4/accounts/x/mtls_certificates', status: st, text, retryAfter: ra }, schema)
        } catch (e) {
          expect(e).toBeInstanceOf(CloudflareApiError)
          const err = e as CloudflareApiError
          expect(KINDS.has(err.kind)).toBe(true)
          expect(err.status).toBe(st)
          expect(isOneBoundedLine(err.message), err.message).toBe(true)
          const line = describeApiError(err, CTX)
          expect(isOneBoundedLine(line), line).toBe(true)
          const wait = (err as { retryAfterMs?: number }).retryAfterMs
          if (wait !== undefined) expect(wait >= 0 && wait <= 300_000).toBe(true)
          return
        }
        // A result: only from a 2xx, and it has what the schema promised.
        const res = outcome as { result: unknown; status: number }
        expect(st >= 200 && st < 300).toBe(true)
        expect(res.result).not.toBeUndefined()
        const items = name === 'list' || name === 'associations' ? (res.result as unknown[]) : res.result === null ? [] : [res.result]
        if (name !== 'delete') expect(res.result).not.toBeNull()
        for (const item of items as Array<Record<string, unknown>>) {
          if (name === 'associations') expect(typeof item.service).toBe('string')
          else {
            // Nothing but a Cloudflare identifier ever comes out as an id: ids go into paths.
            expect(isIdentifier(item.id), String(item.id)).toBe(true)
            for (const v of Object.values(item)) expect(['string', 'boolean']).toContain(typeof v)
          }
        }
      }),
      { numRuns: 1500 }
    )
  })

  it('a well-formed error envelope keeps every Cloudflare code, whatever the messages hold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 599 }),
        fc.array(fc.record({ code: fc.integer({ min: 0, max: 100_000 }), message: fc.string({ unit: 'binary' }) }), { minLength: 1, maxLength: 8 }),
        (st, errors) => {
          const text = JSON.stringify({ success: false, errors, messages: [], result: null })
          const err = (() => {
            try {
              parseResponse({ method: 'DELETE', path: '/p', status: st, text }, DeleteResultSchema)
            } catch (e) {
              return e as CloudflareApiError
            }
            throw new Error('no error for a failure envelope')
          })()
          expect(err.codes).toEqual(errors.map((e) => e.code))
          expect(isOneBoundedLine(describeApiError(err, CTX))).toBe(true)
        }
      ),
      { numRuns: 500 }
    )
  })
})

describe('the pager ends, whatever the server says', () => {
  interface Server {
    total: number
    perPage: number
    ignoresPage: boolean
    totalPages: number | undefined
    reportedPerPage: number | undefined
  }
  const server = fc.record({
    total: fc.nat({ max: 400 }),
    perPage: fc.integer({ min: 1, max: 60 }),
    ignoresPage: fc.boolean(),
    totalPages: fc.option(fc.oneof(fc.nat({ max: 30 }), fc.constant(MAX_PAGES + 1), fc.nat({ max: 1_000_000_000 })), { nil: undefined }),
    reportedPerPage: fc.option(fc.nat({ max: 80 }), { nil: undefined })
  })

  /** An HttpClient whose answers come from the model server, through the real parser. */
  function fakeHttp(s: Server) {
    let calls = 0
    const ids = Array.from({ length: s.total }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)
    const http = {
      requestPath: (path: string) => `/client/v4/${path}`,
      call: async (method: string, path: string, opts: { query?: Record<string, unknown>; schema: Parameters<typeof parseResponse>[1] }) => {
        calls++
        const page = s.ignoresPage ? 1 : Number(opts.query?.page ?? 1)
        const items = ids.slice((page - 1) * s.perPage, page * s.perPage).map((id) => ({ id, name: id.slice(-4) }))
        const info: Record<string, number> = { page, count: items.length, total_count: s.total }
        if (s.totalPages !== undefined) info.total_pages = s.totalPages
        if (s.reportedPerPage !== undefined) info.per_page = s.reportedPerPage
        return parseResponse({ method, path, status: 200, text: JSON.stringify({ success: true, errors: [], messages: [], result: items, result_info: info }) }, opts.schema)
      }
    }
    return { http: http as unknown as HttpClient, calls: () => calls, ids }
  }

  it('ends within MAX_PAGES requests with a list of distinct certificates or a CloudflareApiError', async () => {
    await fc.assert(
      fc.asyncProperty(server, async (s) => {
        const { http, calls, ids } = fakeHttp(s)
        const api = new MtlsCertificatesApi(http, '0123456789abcdef0123456789abcdef')
        try {
          const list = await api.list()
          expect(new Set(list.map((c) => c.id)).size).toBe(list.length)
          // An honest server (pages as asked, a page full at the per_page it reports, 50 if it
          // reports none, and total_pages right or absent) gets every certificate read.
          const honestPages = Math.ceil(s.total / s.perPage)
          const honest = !s.ignoresPage && (s.reportedPerPage || 50) === s.perPage && (s.totalPages === undefined || s.totalPages === honestPages)
          if (honest) expect(list.map((c) => c.id)).toEqual(ids)
        } catch (e) {
          expect(e).toBeInstanceOf(CloudflareApiError)
          expect((e as CloudflareApiError).message).toMatch(/does not end|do not fit together/)
        }
        expect(calls()).toBeLessThanOrEqual(MAX_PAGES + 1)
        // A server that repeats page 1, whatever it claims, is found out after a few requests.
        if (s.ignoresPage) expect(calls()).toBeLessThan(20)
      }),
      { numRuns: 300 }
    )
  })
})

describe('input parsing: a Config or an InputError naming an input, for any strings', () => {
  const inputNames = new Set<string>(INPUT_NAMES)
  const value = (name: string) => {
    const plausible: Record<string, fc.Arbitrary<string>> = {
      'operation': fc.constantFrom(...OPERATIONS, 'LIST', 'nope', ''),
      'account-id': fc.oneof(fc.constant('0123456789abcdef0123456789abcdef'), fc.string()),
      'certificate-id': fc.oneof(fc.uuid(), fc.string()),
      'timeout-seconds': fc.oneof(fc.nat({ max: 700 }).map(String), fc.string()),
      'max-retries': fc.oneof(fc.nat({ max: 12 }).map(String), fc.string()),
      'api-base-url': fc.oneof(fc.webUrl(), fc.string()),
      'api-email': fc.oneof(fc.emailAddress(), fc.string()),
      'ca': fc.constantFrom('true', 'false', 'auto', 'TRUE', 'yes', ''),
      'type': fc.constantFrom('custom', 'all', 'gateway_managed', 'x', '')
    }
    return fc.oneof(
      { weight: 3, arbitrary: plausible[name] ?? fc.string() },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme' }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary' }) }
    )
  }
  const inputs = fc.record(Object.fromEntries(INPUT_NAMES.map((n) => [n, value(n)])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>
  const env = fc.record(
    { CLOUDFLARE_ACCOUNT_ID: fc.string(), CLOUDFLARE_API_TOKEN: fc.string(), CLOUDFLARE_API_KEY: fc.string(), CLOUDFLARE_EMAIL: fc.string() },
    { requiredKeys: [] }
  )
  /** The file system, as parseConfig sees it: any kind of entry, any size, any bytes. */
  const files = fc.record({
    kind: fc.constantFrom('file', 'directory', 'other', 'missing', 'unreadable'),
    size: fc.oneof(fc.nat({ max: 4096 }), fc.constant(50 * 1024 * 1024)),
    bytes: fc.uint8Array({ maxLength: 512 })
  })

  it('returns a Config or throws an InputError, nothing else', () => {
    fc.assert(
      fc.property(inputs, env, files, (given, environment, fsys) => {
        const secrets: string[] = []
        const ctx: ParseContext = {
          onSecret: (s) => secrets.push(s),
          statFile: () => {
            if (fsys.kind === 'missing') throw Object.assign(new Error('nope'), { code: 'ENOENT' })
            return { isFile: () => fsys.kind === 'file' || fsys.kind === 'unreadable', isDirectory: () => fsys.kind === 'directory', size: fsys.size }
          },
          readFile: () => {
            if (fsys.kind === 'unreadable') throw Object.assign(new Error('nope'), { code: 'EACCES' })
            return Buffer.from(fsys.bytes)
          }
        }
        let config: Config
        try {
          // As the runner hands them over: trimmed.
          config = parseConfig(
            collectInputs((n) => (given[n] ?? '').trim(), environment),
            ctx
          )
        } catch (e) {
          expect(e).toBeInstanceOf(InputError)
          const err = e as InputError
          expect(inputNames.has(err.input), err.input).toBe(true)
          expect(err.message.startsWith(`Input "${err.input}" `)).toBe(true)
          expect(isOneBoundedLine(err.message), JSON.stringify(err.message)).toBe(true)
          return
        }
        expect(OPERATIONS).toContain(config.operation)
        if ('connection' in config) {
          expect(config.connection.accountId).toMatch(/^[0-9a-f]{32}$/)
          expect(config.connection.timeoutMs).toBeGreaterThanOrEqual(1000)
          expect(config.connection.timeoutMs).toBeLessThanOrEqual(600_000)
          expect(config.connection.maxRetries).toBeGreaterThanOrEqual(0)
          expect(config.connection.maxRetries).toBeLessThanOrEqual(10)
          expect(['http:', 'https:']).toContain(new URL(config.connection.apiBaseUrl).protocol)
          const auth = config.connection.auth
          if (auth.kind === 'token') expect(auth.token).not.toMatch(/\s/)
          else expect(auth.email).toMatch(/^[^\s@]+@[^\s@]+$/)
        }
        if ('ref' in config && config.ref.by === 'id') expect(config.ref.id).toMatch(/^[0-9a-f-]{36}$/)
        if ('name' in config && typeof config.name === 'string') expect(config.name).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/)
        // A key read from a file was handed to the masker the moment it was read.
        if ('privateKey' in config && config.privateKey?.path !== undefined) expect(secrets).toContain(config.privateKey.text)
      }),
      {
        numRuns: 3000,
        examples: [
          // Paths end up in the message: a carriage return or a separator must not split the line.
          [
            { 'operation': 'upload', 'account-id': '0123456789abcdef0123456789abcdef', 'api-token': 't', 'certificate-path': 'a\rb.pem' },
            {},
            { kind: 'missing', size: 0, bytes: new Uint8Array() }
          ],
          [
            { 'operation': 'upload', 'account-id': '0123456789abcdef0123456789abcdef', 'api-token': 't', 'certificate-path': 'c.pem', 'private-key-path': 'k\u2028.pem' },
            {},
            { kind: 'directory', size: 0, bytes: new Uint8Array() }
          ],
          [{ 'operation': 'validate', 'certificate-path': 'x.pem', 'private-key-path': 'k\r.pem' }, {}, { kind: 'other', size: 0, bytes: new Uint8Array() }]
        ]
      }
    )
  })
})
