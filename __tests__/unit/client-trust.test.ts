/**
 * The API client takes every answer as data to check: ids that go into paths are Cloudflare
 * identifiers, one function builds every path, pages must fit together, answers are read up to a
 * size limit. Each case runs the real client against a scripted loopback server.
 */
import { Readable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { CloudflareApiError, describeApiError } from '../../src/cloudflare/errors.js'
import { HostnameAssociationsApi } from '../../src/cloudflare/hostnames.js'
import { HttpClient } from '../../src/cloudflare/http.js'
import { MtlsCertificatesApi, PAGE_CONCURRENCY } from '../../src/cloudflare/mtls.js'
import { apiPath, isIdentifier, UnsafePathError } from '../../src/cloudflare/path.js'
import { CertificateListSchema } from '../../src/cloudflare/schemas.js'
import { fail, json, ok, scriptedServer } from '../helpers/scripted-server.js'

const ACCOUNT = '0123456789abcdef0123456789abcdef'
const ZONE = 'fedcba9876543210fedcba9876543210'
const uuid = (i: number) => `2a1b3c4d-0000-4000-8000-${String(i).padStart(12, '0')}`
const cert = (i: number) => ({ id: uuid(i), name: `c${i}`, ca: true })
const page = (from: number, n = 50) => Array.from({ length: n }, (_, i) => cert(from + i))

let servers: Array<{ close: () => Promise<void> }> = []
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()))
  servers = []
})

async function setup(handler: Parameters<typeof scriptedServer>[0], opts: { maxPages?: number; maxAnswerBytes?: number; timeoutMs?: number } = {}) {
  const server = await scriptedServer(handler)
  servers.push(server)
  const http = new HttpClient({
    baseUrl: server.url,
    auth: { kind: 'token', token: 'tok-secret-value' },
    timeoutMs: opts.timeoutMs ?? 5000,
    maxRetries: 2,
    sleep: async () => {},
    ...(opts.maxAnswerBytes ? { maxAnswerBytes: opts.maxAnswerBytes } : {})
  })
  return { server, http, api: new MtlsCertificatesApi(http, ACCOUNT, opts.maxPages ? { maxPages: opts.maxPages } : {}), zones: new HostnameAssociationsApi(http) }
}

async function failure(p: Promise<unknown>): Promise<CloudflareApiError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err
  )
  expect(e).toBeInstanceOf(CloudflareApiError)
  return e as CloudflareApiError
}

const CTX = { action: 'list the certificates', accountId: ACCOUNT, permission: 'Read' as const }

describe('apiPath builds every path from checked segments', () => {
  it.each([
    ['a UUID certificate id', ['accounts', ACCOUNT, 'mtls_certificates', uuid(1)], `accounts/${ACCOUNT}/mtls_certificates/${uuid(1)}`],
    [
      'a 32-hex certificate id',
      ['accounts', ACCOUNT, 'mtls_certificates', '023e105f4ecef8ad9ca31a8372d0c353', 'associations'],
      `accounts/${ACCOUNT}/mtls_certificates/023e105f4ecef8ad9ca31a8372d0c353/associations`
    ],
    ['the zone endpoint', ['zones', ZONE, 'certificate_authorities', 'hostname_associations'], `zones/${ZONE}/certificate_authorities/hostname_associations`]
  ])('accepts %s', (_name, segments, path) => {
    expect(apiPath(...segments)).toBe(path)
  })

  it.each([
    ['..', ['accounts', ACCOUNT, 'mtls_certificates', '..']],
    ['../zones', ['accounts', ACCOUNT, 'mtls_certificates', '../zones']],
    ['%2e%2e', ['accounts', ACCOUNT, 'mtls_certificates', '%2e%2e']],
    ['a/b', ['accounts', ACCOUNT, 'mtls_certificates', 'a/b']],
    ['an empty id', ['accounts', ACCOUNT, 'mtls_certificates', '']],
    ['a UUID in capitals', ['accounts', ACCOUNT, 'mtls_certificates', uuid(1).toUpperCase()]],
    ['a UUID with a tail', ['accounts', ACCOUNT, 'mtls_certificates', `${uuid(1)}/..`]],
    ['33 hex digits', ['accounts', ACCOUNT, 'mtls_certificates', `${ACCOUNT}0`]],
    ['an id with a query', ['accounts', ACCOUNT, 'mtls_certificates', `${uuid(1)}?x=1`]],
    ['a UUID as the account', ['accounts', uuid(1), 'mtls_certificates']],
    ['a 32-hex account id followed by anything', ['accounts', `${ACCOUNT}x`, 'mtls_certificates']],
    ['a zone id that is a UUID', ['zones', uuid(1), 'certificate_authorities', 'hostname_associations']],
    ['a word where an id belongs', ['accounts', ACCOUNT, 'mtls_certificates', 'associations']],
    ['an id where a word belongs', ['accounts', ACCOUNT, 'mtls_certificates', uuid(1), uuid(2)]],
    ['a word that is not the API’s', ['accounts', ACCOUNT, 'members']]
  ])('refuses %s', (_name, segments) => {
    expect(() => apiPath(...segments)).toThrow(UnsafePathError)
  })

  it('the refusal names the segment (bounded, without control characters) and what belongs there', () => {
    const refusal = (...segments: string[]): string => {
      try {
        apiPath(...segments)
      } catch (e) {
        expect(e).toBeInstanceOf(UnsafePathError)
        expect((e as Error).name).toBe('UnsafePathError')
        return (e as Error).message
      }
      throw new Error('expected a refusal')
    }
    expect(refusal('accounts', ACCOUNT, 'mtls_certificates', '..')).toBe(
      'refusing to build an API path from "..": a path segment must be a Cloudflare identifier (32 lowercase hexadecimal digits or a UUID)'
    )
    expect(refusal('accounts', 'x', 'mtls_certificates')).toBe(
      'refusing to build an API path from "x": a path segment must be an account id (32 lowercase hexadecimal digits)'
    )
    expect(refusal('zones', 'x')).toBe('refusing to build an API path from "x": a path segment must be a zone id (32 lowercase hexadecimal digits)')
    expect(refusal('accounts', ACCOUNT, 'members')).toBe('refusing to build an API path from "members": a path segment must be one of the API\'s own words')
    expect(refusal('accounts', ACCOUNT, 'mtls_certificates', `\u001b[31m${'a'.repeat(60)}`)).toBe(
      `refusing to build an API path from "?[31m${'a'.repeat(34)}…": a path segment must be a Cloudflare identifier (32 lowercase hexadecimal digits or a UUID)`
    )
  })

  it.each([
    [uuid(1), true],
    [ACCOUNT, true],
    ['..', false],
    [uuid(1).toUpperCase(), false],
    [42, false],
    [null, false]
  ])('isIdentifier(%j) is %s', (value, expected) => {
    expect(isIdentifier(value)).toBe(expected)
  })

  it.each(['..', '../zones', '%2e%2e', 'a/b'])('the API methods send nothing for the certificate id %j', async (id) => {
    const { api, zones, server } = await setup((_req, res) => json(res, 200, ok(cert(1))))
    await expect(api.get(id)).rejects.toThrow(UnsafePathError)
    await expect(api.delete(id)).rejects.toThrow(UnsafePathError)
    await expect(api.associations(id)).rejects.toThrow(UnsafePathError)
    await expect(zones.get(id, uuid(1))).rejects.toThrow(UnsafePathError)
    expect(server.seen).toEqual([])
  })
})

describe('an id from the server is checked before it is used', () => {
  it.each(['..', '../zones', '%2e%2e', 'a/b', 'ABCDEF00-0000-4000-8000-000000000001', `${uuid(1)}x`, 42, null])(
    'a list answer with the id %j fails naming result[3].id',
    async (bad) => {
      const { api, server } = await setup((_req, res) => {
        const items: Array<Record<string, unknown>> = page(0, 5)
        items[3] = { ...items[3], id: bad }
        json(res, 200, ok(items, { page: 1, per_page: 50, total_pages: 1 }))
      })
      const err = await failure(api.list())
      expect(err.kind).toBe('invalid-response')
      expect(err.message).toContain('result[3].id')
      expect(server.seen).toHaveLength(1)
      expect(describeApiError(err, CTX)).toMatch(
        /^Could not list the certificates: GET \/client\/v4\/accounts\/[0-9a-f]{32}\/mtls_certificates answered with something Cloudflare's API does not send: .*result\[3\]\.id/
      )
    }
  )

  it('the same id twice in one answer is an error naming both places, not a silent drop', async () => {
    const { api } = await setup((_req, res) => json(res, 200, ok([cert(1), cert(2), cert(1)], { page: 1, per_page: 50, total_pages: 1 })))
    const err = await failure(api.list())
    expect(err.message).toContain('result[2].id')
    expect(err.message).toContain('result[0].id')
  })

  it('a get answer whose id is not an identifier fails naming result.id', async () => {
    const { api } = await setup((_req, res) => json(res, 200, ok({ ...cert(1), id: '..' })))
    expect((await failure(api.get(uuid(1)))).message).toContain('result.id')
  })

  it.each([
    ['total_pages past a trillion', { total_pages: 1e13 }],
    ['a fractional page', { page: 1.5 }],
    ['a negative count', { count: -1 }],
    ['a string per_page', { per_page: '50' }]
  ])('result_info numbers are bounded whole numbers: %s is refused, naming the field', async (_name, info) => {
    const { api } = await setup((_req, res) => json(res, 200, ok(page(0, 2), info)))
    expect((await failure(api.list())).message).toMatch(/result_info\.\w+/)
  })
})

describe('pages that do not fit together stop the read', () => {
  it('a server claiming 999 pages that repeats page 1 is refused in fewer than 20 requests', async () => {
    const { api, server } = await setup((_req, res) => json(res, 200, ok(page(0), { page: 1, per_page: 50, total_pages: 999 })))
    const err = await failure(api.list())
    expect(err.message).toMatch(
      /do not fit together: (page \d+ repeats certificate 2a1b3c4d-0000-4000-8000-0000000000\d\d of page 1|the answer for page \d+ says it is page 1)/
    )
    expect(server.seen.length).toBeGreaterThanOrEqual(2)
    expect(server.seen.length).toBeLessThan(20)
  })

  it('the same, when the server does not say which page it sends: the repeated ids give it away', async () => {
    const { api, server } = await setup((_req, res) => json(res, 200, ok(page(0), { per_page: 50, total_pages: 999 })))
    expect((await failure(api.list())).message).toMatch(/page \d+ repeats certificate [0-9a-f-]{36} of page 1/)
    expect(server.seen.length).toBeLessThan(20)
  })

  it('a server without total_pages that repeats page 1 is refused at page 2', async () => {
    const { api, server } = await setup((_req, res) => json(res, 200, ok(page(0))))
    expect((await failure(api.list())).message).toMatch(/page 2 repeats certificate/)
    expect(server.seen).toHaveLength(2)
  })

  it('one id repeated from an earlier page is refused too (a list that changed while read)', async () => {
    const { api } = await setup((req, res) => {
      const n = Number(req.url.searchParams.get('page'))
      const items = n === 1 ? page(0) : [cert(49), ...page(100, 9)]
      json(res, 200, ok(items, { page: n, per_page: 50, total_pages: 2 }))
    })
    expect((await failure(api.list())).message).toContain(`page 2 repeats certificate ${uuid(49)} of page 1`)
  })

  it('a total_pages that changes between pages is refused', async () => {
    const { api, server } = await setup((req, res) => {
      const n = Number(req.url.searchParams.get('page'))
      json(res, 200, ok(page(n * 100), { page: n, per_page: 50, total_pages: n === 1 ? 3 : 4 }))
    })
    expect((await failure(api.list())).message).toMatch(/total_pages is 3 on page 1 and 4 on page [23]/)
    expect(server.seen.length).toBeLessThanOrEqual(3)
  })

  it('an empty page before the claimed last one is refused, not read on to the claimed end', async () => {
    const { api, server } = await setup((req, res) => {
      const n = Number(req.url.searchParams.get('page'))
      json(res, 200, ok(n === 1 ? page(0) : [], { page: n, per_page: 50, total_pages: 999 }))
    })
    expect((await failure(api.list())).message).toMatch(/page \d+ of 999 holds 0 items, fewer than the 50 of a full page/)
    expect(server.seen.length).toBeLessThan(20)
  })

  it('without total_pages, full pages of new ids for ever stop at the page cap: the error says so, after exactly the cap of requests', async () => {
    const { api, server } = await setup((req, res) => json(res, 200, ok(page(Number(req.url.searchParams.get('page')) * 100))), { maxPages: 7 })
    const err = await failure(api.list())
    expect(describeApiError(err, CTX)).toBe(
      `Could not list the certificates: GET /client/v4/accounts/${ACCOUNT}/mtls_certificates answered with something Cloudflare's API does not send: the list does not end: page 7 is still full, more than the 7 pages (350 certificates) this action reads. Check api-base-url (and any proxy in between).`
    )
    expect(server.seen).toHaveLength(7)
    expect(server.seen.map((s) => s.url.searchParams.get('page'))).toEqual(['1', '2', '3', '4', '5', '6', '7'])
  })

  it('a total_pages above the cap is refused after page 1', async () => {
    const { api, server } = await setup((_req, res) => json(res, 200, ok(page(0), { page: 1, per_page: 50, total_pages: 1_000_000_000 })))
    expect((await failure(api.list())).message).toMatch(/total_pages is 1000000000, more than the 1000 pages/)
    expect(server.seen).toHaveLength(1)
  })

  it('the pages of an honest server are still read concurrently, every one once', async () => {
    const { api, server } = await setup(async (req, res) => {
      const n = Number(req.url.searchParams.get('page'))
      await new Promise((r) => setTimeout(r, 15))
      json(res, 200, ok(page(n * 100, n === 9 ? 3 : 50), { page: n, per_page: 50, total_pages: 9 }))
    })
    expect(await api.list()).toHaveLength(8 * 50 + 3)
    expect(server.seen).toHaveLength(9)
    expect(server.maxInFlight).toBeGreaterThan(1)
    expect(server.maxInFlight).toBeLessThanOrEqual(PAGE_CONCURRENCY)
  })

  it('associations: a server that repeats page 1 of 999 is refused in fewer than 20 requests', async () => {
    const { api, server } = await setup((_req, res) => json(res, 200, ok([{ service: 'gateway', status: 'active' }], { per_page: 1, total_pages: 999 })))
    expect((await failure(api.associations(uuid(1)))).message).toMatch(/page \d+ is page 1 again/)
    expect(server.seen.length).toBeLessThan(20)
  })
})

describe('answers are read up to a size limit', () => {
  it('an endless chunked answer stops past the limit with one line naming the limit and the request', async () => {
    const { api, server } = await setup(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        const chunk = Buffer.alloc(64 * 1024, 0x20)
        // Never ends by itself: only the client's abort stops it.
        Readable.from(
          (function* () {
            for (;;) yield chunk
          })()
        )
          .pipe(res)
          .on('error', () => {})
      },
      { maxAnswerBytes: 1024 * 1024 }
    )
    const err = await failure(api.get(uuid(1)))
    expect(err.kind).toBe('invalid-response')
    const line = describeApiError(err, { ...CTX, action: `read certificate ${uuid(1)}` })
    expect(line).toContain(`GET /client/v4/accounts/${ACCOUNT}/mtls_certificates/${uuid(1)}`)
    expect(line).toContain('larger than 1 MiB')
    expect(line).not.toMatch(/\n/)
    // Not retried: the same server sends the same answer.
    expect(server.seen).toHaveLength(1)
  })

  it('an answer that declares its size past the limit is refused before its body is read', async () => {
    const { api } = await setup(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) })
        res.write('{"success":true')
      },
      { maxAnswerBytes: 1024 * 1024 }
    )
    expect((await failure(api.list())).message).toMatch(/HTTP 200 with an answer larger than 1 MiB/)
  })

  it('an answer just under the limit is read', async () => {
    const body = JSON.stringify(ok({ ...cert(1), certificates: 'x'.repeat(900 * 1024) }))
    const { api } = await setup(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(body)
      },
      { maxAnswerBytes: 1024 * 1024 }
    )
    expect((await api.get(uuid(1))).certificates).toHaveLength(900 * 1024)
  })
})

describe('transport', () => {
  it.each(['../../zones/x', '/../../x', 'https://elsewhere.example/client/v4/accounts', '//elsewhere.example/x'])(
    'the HTTP client sends nothing outside api-base-url, even for the path %j',
    async (path) => {
      const { http, server } = await setup((_req, res) => json(res, 200, ok([])))
      await expect(http.call('GET', path, { schema: CertificateListSchema })).rejects.toThrow(/outside api-base-url/)
      expect(server.seen).toEqual([])
    }
  )

  it('a days-long Retry-After is capped at 5 minutes, and the wait is announced', async () => {
    const server = await scriptedServer((_req, res, n) =>
      n === 1 ? json(res, 429, fail(971, 'slow down'), { 'retry-after': String(3 * 24 * 3600) }) : json(res, 200, ok([]))
    )
    servers.push(server)
    const waits: number[] = []
    const announced: string[] = []
    let clock = 0
    const http = new HttpClient({
      baseUrl: server.url,
      auth: { kind: 'token', token: 't' },
      timeoutMs: 1000,
      maxRetries: 1,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms)
        clock += ms
      },
      onRetry: ({ delayMs, reason }) => announced.push(`${reason} ${delayMs}`)
    })
    await new MtlsCertificatesApi(http, ACCOUNT).list()
    expect(waits).toEqual([300_000])
    expect(announced).toEqual(['HTTP 429 (971) 300000'])
  })
})
