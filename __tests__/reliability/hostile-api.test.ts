/**
 * The committed bundle against a hostile server in Cloudflare's place (a compromised proxy, a
 * typo'd api-base-url, a malicious emulator in a fork), for every operation that talks to the API.
 * The server redirects to another origin, answers huge, endless, slow and never, claims a billion
 * pages or repeats page 1, returns ids like `..`, wrong types, non-JSON and a days-long Retry-After.
 *
 * Each case: exit code 1, exactly one `::error::` line that says what happened, every request's
 * method and path (nothing outside `/accounts/<account>/mtls_certificates[/<id>[/associations]]`
 * and the zone endpoint), not one request to the other origin, the token in no log, output or
 * summary (runAction's leak scan), and an end well before any hang would.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import type { ServerResponse } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { distinctiveCredentials } from '../helpers/e2e.js'
import { envelope, hostileServer, streamBody, type Certificate, type HostileRequest, type HostileServer, type Twist } from '../helpers/hostile-server.js'
import { runAction, type ActionRun } from '../helpers/run-action.js'

const ACCOUNT = '0123456789abcdef0123456789abcdef'
const ZONE = 'fedcba9876543210fedcba9876543210'
const TARGET = '2a1b3c4d-0000-4000-8000-000000000001'
const uuid = (i: number) => `2a1b3c4d-0000-4000-8000-${String(i).padStart(12, '0')}`
/** A run that has not ended by then hangs: far above any case's timeout-seconds × attempts. */
const HANG_MS = 30_000
const STACK = /^\s+at .+:\d+:\d+\)?$/m
/** Every path this action may send: the account's certificates and the zone endpoint. */
const ALLOWED = new RegExp(
  `^/client/v4/(accounts/${ACCOUNT}/mtls_certificates(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(/associations)?)?|zones/${ZONE}/certificate_authorities/hostname_associations)$`
)

let dir: string
let caFile: string
let caPem: string
let expiresOn: string
const servers: HostileServer[] = []

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hostile-api-'))
  const ca = await makeCertificate()
  // The account's certificates are another CA: an upload of ca.pem is new, not a reuse.
  const seeded = await makeCertificate()
  caPem = seeded.pem
  expiresOn = seeded.cert.notAfter.toISOString().replace(/\.\d+Z$/, 'Z')
  caFile = path.join(dir, 'ca.pem')
  writeFileSync(caFile, ca.pem)
})
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  rmSync(dir, { recursive: true, force: true })
})

function certificate(i: number, name = `cert-${i}`): Certificate {
  return {
    id: uuid(i),
    name,
    ca: true,
    certificates: caPem,
    type: 'custom',
    expires_on: expiresOn,
    uploaded_on: '2026-01-01T00:00:00.000000Z',
    issuer: 'CN=Test CA',
    serial_number: String(1000 + i),
    signature: 'ECDSAWithSHA256'
  }
}

/** Every operation that talks to Cloudflare, as the inputs a workflow would give. */
const OPERATIONS: Record<string, () => Record<string, string>> = {
  'list': () => ({ operation: 'list' }),
  'report': () => ({ operation: 'report' }),
  'get by id': () => ({ 'operation': 'get', 'certificate-id': TARGET }),
  'get by name': () => ({ operation: 'get', name: 'target' }),
  'delete by id': () => ({ 'operation': 'delete', 'certificate-id': TARGET }),
  'delete by name': () => ({ operation: 'delete', name: 'target' }),
  'associations by id': () => ({ 'operation': 'associations', 'certificate-id': TARGET }),
  'associations by name': () => ({ operation: 'associations', name: 'target' }),
  'upload': () => ({ 'operation': 'upload', 'certificate-path': caFile, 'name': 'fresh' }),
  'rotate': () => ({ 'operation': 'rotate', 'certificate-path': caFile, 'name': 'target' }),
  'associate': () => ({ 'operation': 'associate', 'certificate-id': TARGET, 'zone-id': ZONE, 'hostnames': 'a.example.com' })
}
type OperationName = keyof typeof OPERATIONS

async function run(op: OperationName, twist: Twist | undefined, extra: Record<string, string> = {}, env: Record<string, string> = {}) {
  const { token } = distinctiveCredentials()
  const server = await hostileServer({ accountId: ACCOUNT, certificates: [certificate(1, 'target'), certificate(2, 'other')], ...(twist ? { twist } : {}) })
  servers.push(server)
  const r = await runAction(
    {
      'api-base-url': server.url,
      'account-id': ACCOUNT,
      'api-token': token,
      'timeout-seconds': '1',
      'max-retries': '0',
      ...(OPERATIONS[op] as () => Record<string, string>)(),
      ...extra
    },
    { env, cwd: dir, timeoutMs: HANG_MS * 2 }
  )
  return { r, server, token }
}

/** Answers 200 with `body` (already JSON): the twist has handled the request. */
function answer(res: ServerResponse, body: string): true {
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(body)
  return true
}

const routes = (s: HostileServer) => s.requests.map((q) => `${q.method} ${q.route}`)

/** What every case holds, whatever the server did. */
function expectContained(r: ActionRun, server: HostileServer, token: string, says: RegExp): void {
  expect(r.code, r.stdout).toBe(1)
  expect(r.errors, r.stdout).toHaveLength(1)
  expect(r.errors[0]).toMatch(says)
  expect(r.stdout + r.stderr).not.toMatch(STACK)
  for (const q of server.requests) expect(q.path, `${q.method} ${q.path}`).toMatch(ALLOWED)
  // A redirect's target never hears from us, least of all with the token.
  expect(server.otherRequests).toEqual([])
  // Token in no log, output or summary: runAction's leak scan has checked the run; once more here,
  // plainly (the ::add-mask:: line is how the runner learns the secret, and the one place it may be).
  const written = [...r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')), r.stderr, r.summary, JSON.stringify(r.outputs)].join('\n')
  expect(written).not.toContain(token)
  expect(r.durationMs).toBeLessThan(HANG_MS)
}

/** The first request each operation sends: a twist on every answer stops the operation there. */
const FIRST: Record<OperationName, string | string[]> = {
  'list': 'GET list',
  'report': 'GET list',
  // The certificate and its associations, at once.
  'get by id': ['GET associations', 'GET get'],
  'get by name': 'GET list',
  'delete by id': 'GET associations',
  'delete by name': 'GET list',
  'associations by id': 'GET associations',
  'associations by name': 'GET list',
  'upload': 'GET list',
  'rotate': 'GET list',
  'associate': 'GET get'
}

describe.concurrent('an honest server: every operation succeeds, on the allowed paths only', () => {
  it.each(Object.keys(OPERATIONS))('%s', async (op) => {
    const { r, server } = await run(op, undefined)
    expect(r.code, r.stdout).toBe(0)
    expect(r.errors).toEqual([])
    const first = [FIRST[op]].flat()
    expect(routes(server).slice(0, first.length).sort()).toEqual(first)
    for (const q of server.requests) expect(q.path).toMatch(ALLOWED)
  })
})

/** Answers a hostile server can give to any request. */
/** Reading 32 MiB takes a moment on a loaded machine: these cases are about size, not time. */
const UNHURRIED = { 'timeout-seconds': '30' }
const EVERY_ANSWER: Array<[string, Twist, RegExp, Record<string, string>?]> = [
  [
    'a redirect to another origin',
    (req, res, { otherUrl }) => {
      res.writeHead(307, { location: `${otherUrl}${req.path}` })
      res.end()
      return true
    },
    /HTTP 307 with a body that is not JSON/
  ],
  ['a 400 MiB answer that says so', (_req, res) => (streamBody(res, 400 * 1024 * 1024, { 'content-length': String(400 * 1024 * 1024) }), true), /larger than 32 MiB/],
  ['an endless answer', (_req, res) => (streamBody(res, 'endless'), true), /larger than 32 MiB/, UNHURRIED],
  [
    'a slow answer (a byte every 300 ms)',
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 300)
      return true
    },
    /no answer within 1 s/
  ],
  ['no answer at all', () => true, /no answer within 1 s/],
  [
    'a 200 that is not JSON',
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html><head><title>Totally Cloudflare</title></head></html>')
      return true
    },
    /HTTP 200 with a body that is not JSON/
  ],
  [
    'a result of the wrong type',
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(envelope('a string where an object or a list belongs', { page: 'one', total_pages: -3 }))
      return true
    },
    /HTTP 200 (with JSON that is not Cloudflare's envelope|whose result does not have the expected shape) \((result_info|result)\b/
  ],
  [
    'a 429 asking to wait three days',
    (_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(3 * 24 * 3600) })
      res.end(JSON.stringify({ success: false, errors: [{ code: 971, message: 'Please wait and consider throttling your request speed' }], messages: [], result: null }))
      return true
    },
    /rate-limited/
  ]
]

/**
 * Every hostile answer against one operation of each first request (GET of the list, of one
 * certificate, of its associations), and every operation against hostile answers in turn: the
 * whole matrix would be 88 runs of the bundle for the same HTTP code path.
 */
const REPRESENTATIVES: OperationName[] = ['list', 'get by id', 'associations by id']
const hostileCases = [
  ...EVERY_ANSWER.flatMap(([what, twist, says, extra]) => REPRESENTATIVES.map((op) => [`${what}: ${op}`, op, twist, says, extra] as const)),
  ...Object.keys(OPERATIONS)
    .filter((op) => !REPRESENTATIVES.includes(op))
    .map((op, i) => {
      const [what, twist, says, extra] = EVERY_ANSWER[i % EVERY_ANSWER.length] as (typeof EVERY_ANSWER)[number]
      return [`${what}: ${op}`, op, twist, says, extra] as const
    })
]

describe.concurrent('a hostile answer to every request stops each operation at its first request', () => {
  it('every hostile answer and every operation is in the cases', () => {
    expect(new Set(hostileCases.map((c) => c[1]))).toEqual(new Set(Object.keys(OPERATIONS)))
    expect(new Set(hostileCases.map((c) => c[2]))).toEqual(new Set(EVERY_ANSWER.map((a) => a[1])))
  })

  const cases = hostileCases
  it.each(cases)('%s', async (_name, op, twist, says, extra) => {
    const { r, server, token } = await run(op, twist, extra ?? {})
    expectContained(r, server, token, says)
    expect(routes(server).sort()).toEqual([FIRST[op]].flat())
  })
})

/** A list answer with `bad` as the id of the certificate named "target". */
const listWithId =
  (bad: unknown): Twist =>
  (req, res) => {
    if (req.route !== 'list') return false
    const items = [{ ...certificate(2, 'other') }, { ...certificate(1, 'target'), id: bad }]
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(envelope(items, { page: 1, per_page: 50, count: 2, total_count: 2, total_pages: 1 }))
    return true
  }

const LISTING: OperationName[] = ['list', 'report', 'get by name', 'delete by name', 'associations by name', 'upload', 'rotate']

describe.concurrent('an id from the server that is not an identifier steers no request', () => {
  const ids: unknown[] = ['..', '../zones', '%2e%2e', 'a/b', 'ABC', 42, null]
  const cases = [
    ...ids.map((id) => [`list id ${JSON.stringify(id)}: delete by name`, 'delete by name', id] as const),
    ...LISTING.filter((op) => op !== 'delete by name').map((op) => [`list id "..": ${op}`, op, '..'] as const)
  ]
  it.each(cases)('%s', async (_name, op, id) => {
    const { r, server, token } = await run(op, listWithId(id))
    expectContained(
      r,
      server,
      token,
      /GET \/client\/v4\/accounts\/[0-9a-f]{32}\/mtls_certificates answered with something Cloudflare's API does not send: HTTP 200 whose result does not have the expected shape \(result\[1\]\.id: /
    )
    // The list is all that was sent: no DELETE, no GET of a path built from the id.
    expect(routes(server)).toEqual(['GET list'])
  })

  it.each<[string, OperationName, Twist]>([
    ['get by id: the answer names another id', 'get by id', (req, res) => req.route === 'get' && answer(res, envelope({ ...certificate(1, 'target'), id: '../..' }))],
    ['associate: the certificate read back has the id ..', 'associate', (req, res) => req.route === 'get' && answer(res, envelope({ ...certificate(1, 'target'), id: '..' }))]
  ])('%s', async (_name, op, twist) => {
    const { r, server, token } = await run(op, twist)
    expectContained(r, server, token, /result\.id: "\.\.(\/\.\.)?" is not a Cloudflare identifier/)
    expect(routes(server).sort()).toEqual([FIRST[op]].flat())
  })

  it('upload: a POST answered with the id .. is not taken; the list is read to see whether it landed, nothing else', async () => {
    const { r, server, token } = await run('upload', (req, res) => req.route === 'post' && answer(res, envelope({ ...certificate(9, 'fresh'), id: '..' })))
    expectContained(r, server, token, /POST \/client\/v4\/accounts\/[0-9a-f]{32}\/mtls_certificates .*result\.id: "\.\." is not a Cloudflare identifier/)
    expect(routes(server)).toEqual(['GET list', 'POST post', 'GET list'])
  })
})

const fullPage = (from: number) => Array.from({ length: 50 }, (_, i) => certificate(from + i, from + i === 1 ? 'target' : `cert-${from + i}`))

describe.concurrent('pages that lie', () => {
  const billion: Twist = (req, res) => {
    if (req.route !== 'list') return false
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(envelope(fullPage(1), { page: 1, per_page: 50, count: 50, total_count: 5e10, total_pages: 1e9 }))
    return true
  }
  const repeatsPage1: Twist = (req, res) => {
    if (req.route !== 'list') return false
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(envelope(fullPage(1), { per_page: 50, count: 50, total_count: 49950, total_pages: 999 }))
    return true
  }
  const lies = [
    ['a billion pages', billion, /total_pages is 1000000000, more than the 1000 pages/],
    ['999 pages, each page 1 again', repeatsPage1, /do not fit together: page \d+ repeats certificate [0-9a-f-]{36} of page 1/]
  ] as const
  // Both lies to list, each operation that reads the list to one of them in turn.
  const cases = [
    ...lies.map(([what, twist, says]) => [`${what}: list`, 'list', twist, says] as const),
    ...LISTING.filter((op) => op !== 'list').map((op, i) => {
      const [what, twist, says] = lies[i % 2] as (typeof lies)[number]
      return [`${what}: ${op}`, op, twist, says] as const
    })
  ]
  it.each(cases)('%s', async (_name, op, twist, says) => {
    const { r, server, token } = await run(op, twist)
    expectContained(r, server, token, says)
    expect(server.requests.every((q) => q.route === 'list')).toBe(true)
    expect(server.requests.length).toBeLessThan(20)
  })

  it('no total_pages and full pages of new ids for ever: stopped by the page cap, after exactly 1,000 requests', { timeout: 120_000 }, async () => {
    // Small certificates: the case is about the number of pages, not their weight.
    const page = (n: number) => Array.from({ length: 50 }, (_, i) => ({ id: uuid(n * 100 + i), name: `c${n}-${i}`, ca: true, type: 'custom' }))
    const { r, server, token } = await run('list', (req, res) => {
      if (req.route !== 'list') return false
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(envelope(page(Number(req.query.get('page')))))
      return true
    })
    expectContained(r, server, token, /the list does not end: page 1000 is still full, more than the 1000 pages \(50000 certificates\) this action reads/)
    expect(server.requests).toHaveLength(1000)
    expect(server.requests.map((q) => Number(q.query.get('page')))).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1))
  })
})

describe('memory', () => {
  it('a 400 MiB answer without a declared size fails in one line, with the process under 256 MiB at its peak', async () => {
    const rssFile = path.join(dir, 'max-rss')
    const preload = fileURLToPath(new URL('../helpers/max-rss.cjs', import.meta.url))
    const { r, server, token } = await run('list', (_req: HostileRequest, res) => (streamBody(res, 400 * 1024 * 1024), true), UNHURRIED, {
      NODE_OPTIONS: `--require ${preload}`,
      MAX_RSS_FILE: rssFile
    })
    expectContained(
      r,
      server,
      token,
      /^::error::Could not list the certificates: GET \/client\/v4\/accounts\/[0-9a-f]{32}\/mtls_certificates answered with something Cloudflare's API does not send: HTTP 200 with an answer larger than 32 MiB, the most this action reads: stopped reading it\./
    )
    const maxRssKiB = Number(readFileSync(rssFile, 'utf8'))
    expect(maxRssKiB).toBeGreaterThan(0)
    expect(maxRssKiB).toBeLessThan(256 * 1024)
  })
})
