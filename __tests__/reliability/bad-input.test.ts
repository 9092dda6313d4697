/**
 * A corpus of bad inputs, through the committed bundle. Each one: exit code 1, exactly one
 * `::error::` line that starts `Input "<name>"` (with the file and line where there is one), no
 * stack trace, and not one request to the API.
 *
 * Decided per case:
 * - a PEM with 1,000 certificates is refused over a limit of 100 (MAX_CERTIFICATES): a client chain
 *   is a leaf and a few issuers, a CA bundle a handful of CAs; 1,000 is a trust store pasted by
 *   mistake, which Cloudflare would refuse anyway after a long validation;
 * - unicode in `name` is valid (see the last describe); control characters (C0, C1), line and
 *   paragraph separators and bidi overrides are not: they break log lines or disguise a name.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSyntheticCertificates } from '../../emulator/synthetic.js'
import { makeCertificate, makeClientChain } from '../../scripts/lib/certs.js'
import { e2eBackendPool } from '../helpers/e2e.js'

interface Fixtures {
  dir: string
  caPem: string
  chainPem: string
  clientKey: string
  otherKey: string
  files: Record<string, string>
}
let fx: Fixtures
const backend = e2eBackendPool(afterAll)

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bad-input-'))
  const ca = await makeCertificate()
  const chain = await makeClientChain()
  const other = await makeCertificate({ ca: false })
  const file = (name: string, content: string | Uint8Array) => {
    const p = path.join(dir, name)
    writeFileSync(p, content)
    return p
  }
  const big = path.join(dir, 'big.pem')
  writeFileSync(big, '')
  truncateSync(big, 50 * 1024 * 1024) // sparse: 50 MB without writing them
  mkdirSync(path.join(dir, 'a-directory'))
  execFileSync('mkfifo', [path.join(dir, 'fifo.pem')])
  const lines = ca.pem.trimEnd().split('\n')
  lines[2] = `${(lines[2] ?? '').slice(0, 30)}!!${(lines[2] ?? '').slice(32)}`
  fx = {
    dir,
    caPem: ca.pem,
    chainPem: chain.chainPem,
    clientKey: chain.client.keyPem,
    otherKey: other.keyPem,
    files: {
      ca: file('ca.pem', ca.pem),
      chain: file('chain.pem', chain.chainPem),
      big,
      binary: file('random.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))),
      der: file('cert.der', ca.cert.rawData ? Buffer.from(ca.cert.rawData) : Buffer.alloc(0)),
      thousand: file(
        'thousand.pem',
        makeSyntheticCertificates(1000)
          .map((c) => `${c.pem.trim()}\n`)
          .join('')
      ),
      empty: file('empty.pem', ''),
      corrupted: file('corrupted.pem', `${lines.join('\n')}\n`),
      key: file('client.key', chain.client.keyPem),
      directory: path.join(dir, 'a-directory'),
      fifo: path.join(dir, 'fifo.pem'),
      missing: path.join(dir, 'no-such-file.pem')
    }
  }
})

const UUID = '2a1b3c4d-1234-4abc-9def-0123456789ab'
const ZONE = 'a'.repeat(32)
const ZONE2 = 'b'.repeat(32)

/** [what, inputs (beyond the backend's URL, account and token), the input named, more it must say] */
type Case = [string, (f: Fixtures) => Record<string, string>, string, RegExp?]

const cases: Case[] = [
  // operation
  ['no operation', () => ({ operation: '' }), 'operation', /is required: one of upload, list/],
  ['an unknown operation', () => ({ operation: 'uplaod' }), 'operation', /must be one of .* \(got "uplaod"\)/],
  // account and credentials
  ['no account-id', () => ({ 'operation': 'list', 'account-id': '' }), 'account-id', /CLOUDFLARE_ACCOUNT_ID/],
  ['an account-id that is too short', () => ({ 'operation': 'list', 'account-id': 'abc123' }), 'account-id', /32 lowercase hexadecimal/],
  ['an upper-case account-id', () => ({ 'operation': 'list', 'account-id': '0123456789ABCDEF0123456789ABCDEF' }), 'account-id'],
  ['no credentials at all', () => ({ 'operation': 'list', 'api-token': '' }), 'api-token', /is required/],
  [
    'api-token together with api-key',
    () => ({ 'operation': 'list', 'api-key': '0123456789abcdef0123456789abcdef01234' }),
    'api-key',
    /must not be given together with api-token/
  ],
  ['api-token together with api-email', () => ({ 'operation': 'list', 'api-email': 'a@example.com' }), 'api-email', /must not be given together with api-token/],
  ['api-key without api-email', () => ({ 'operation': 'list', 'api-token': '', 'api-key': '0123456789abcdef0123456789abcdef01234' }), 'api-email', /is required with api-key/],
  ['api-email without api-key', () => ({ 'operation': 'list', 'api-token': '', 'api-email': 'a@example.com' }), 'api-key', /is required with api-email/],
  ['a malformed api-email', () => ({ 'operation': 'list', 'api-token': '', 'api-key': 'k'.repeat(37), 'api-email': 'not-an-address' }), 'api-email'],
  ['an api-token with a space in it', () => ({ 'operation': 'list', 'api-token': 'two words' }), 'api-token', /spaces or line breaks/],
  // certificate ids and names
  ['get: a certificate-id that is not a UUID', () => ({ 'operation': 'get', 'certificate-id': 'not-a-uuid' }), 'certificate-id', /UUID/],
  ['delete: a certificate-id that is a path', () => ({ 'operation': 'delete', 'certificate-id': '../../accounts' }), 'certificate-id'],
  ['associations: neither certificate-id nor name', () => ({ operation: 'associations' }), 'certificate-id', /or give name/],
  ['get: both certificate-id and name', () => ({ 'operation': 'get', 'certificate-id': UUID, 'name': 'x' }), 'name', /give one of them/],
  ['delete: neither certificate-id nor name', () => ({ operation: 'delete' }), 'certificate-id'],
  // base URL, numbers, switches
  ['an ftp api-base-url', () => ({ 'operation': 'list', 'api-base-url': 'ftp://api.cloudflare.com/client/v4' }), 'api-base-url', /must be an https URL/],
  ['an http:// api-base-url to another host', () => ({ 'operation': 'list', 'api-base-url': 'http://api.example.com/client/v4' }), 'api-base-url', /clear text/],
  ['an api-base-url with a query', () => ({ 'operation': 'list', 'api-base-url': 'https://api.cloudflare.com/client/v4?x=1' }), 'api-base-url', /without a query or fragment/],
  [
    'an api-base-url with a fragment',
    () => ({ 'operation': 'list', 'api-base-url': 'https://api.cloudflare.com/client/v4#x' }),
    'api-base-url',
    /without a query or fragment/
  ],
  [
    'an account-id of 32 hex digits followed by more',
    () => ({ 'operation': 'list', 'account-id': `${'0123456789abcdef'.repeat(2)}/../..` }),
    'account-id',
    /32 lowercase hexadecimal/
  ],
  ['an api-base-url that is not a URL', () => ({ 'operation': 'list', 'api-base-url': 'api.cloudflare.com' }), 'api-base-url'],
  [
    'an api-base-url with credentials in it',
    () => ({ 'operation': 'list', 'api-base-url': 'https://user:pass@api.cloudflare.com/client/v4' }),
    'api-base-url',
    /without credentials/
  ],
  ['timeout-seconds: 0', () => ({ 'operation': 'list', 'timeout-seconds': '0' }), 'timeout-seconds', /from 1 to 600/],
  ['timeout-seconds: 1.5', () => ({ 'operation': 'list', 'timeout-seconds': '1.5' }), 'timeout-seconds'],
  ['max-retries: 11', () => ({ 'operation': 'list', 'max-retries': '11' }), 'max-retries', /from 0 to 10/],
  ['max-retries: -1', () => ({ 'operation': 'list', 'max-retries': '-1' }), 'max-retries'],
  ['summary: maybe', () => ({ operation: 'list', summary: 'maybe' }), 'summary', /true or false/],
  ['type: everything', () => ({ operation: 'list', type: 'everything' }), 'type', /custom, gateway_managed, access_managed, all/],
  ['ca: yes', (f) => ({ 'operation': 'upload', 'certificate-path': f.files.ca as string, 'ca': 'yes' }), 'ca', /true, false, auto/],
  ['fail-on: notice', (f) => ({ 'operation': 'upload', 'certificate-path': f.files.ca as string, 'fail-on': 'notice' }), 'fail-on'],
  [
    'expiry-error-days above expiry-warning-days',
    () => ({ 'operation': 'report', 'expiry-error-days': '40' }),
    'expiry-error-days',
    /must not be larger than expiry-warning-days \(30\)/
  ],
  ['keep-previous: -1', (f) => ({ 'operation': 'rotate', 'name': 'n', 'certificate-path': f.files.ca as string, 'keep-previous': '-1' }), 'keep-previous'],
  ['check-run: sometimes', () => ({ 'operation': 'validate', 'certificate-path': 'ca.pem', 'check-run': 'sometimes' }), 'check-run', /auto, always, never/],
  ['pr-comment: maybe', () => ({ 'operation': 'validate', 'certificate-path': 'ca.pem', 'pr-comment': 'maybe' }), 'pr-comment', /true or false/],
  ['changed-files-only: 2', () => ({ 'operation': 'validate', 'certificate-path': 'ca.pem', 'changed-files-only': '2' }), 'changed-files-only', /true or false/],
  ['associations: some', () => ({ operation: 'report', associations: 'some' }), 'associations', /expiring, all, none/],
  ['tracking-issue: weekly', () => ({ 'operation': 'report', 'tracking-issue': 'weekly' }), 'tracking-issue', /true or false/],
  [
    'a tracking-issue-label with a comma',
    () => ({ 'operation': 'report', 'tracking-issue': 'true', 'tracking-issue-label': 'mtls,expiry' }),
    'tracking-issue-label',
    /without commas/
  ],
  [
    'a github-token with a line break',
    () => ({ 'operation': 'validate', 'certificate-path': 'ca.pem', 'github-token': 'ghs_first\nsecond' }),
    'github-token',
    /spaces or line breaks/
  ],
  ['dry-run: sure', () => ({ 'operation': 'delete', 'certificate-id': UUID, 'dry-run': 'sure' }), 'dry-run'],
  [
    'wait-for-unassociated-seconds beyond 6 hours',
    (f) => ({ 'operation': 'rotate', 'name': 'n', 'certificate-path': f.files.ca as string, 'wait-for-unassociated-seconds': '99999' }),
    'wait-for-unassociated-seconds'
  ],
  // upload: which certificate, which key
  ['upload: no certificate', () => ({ operation: 'upload' }), 'certificate-path', /is required for operation: upload/],
  [
    'upload: certificate and certificate-path',
    (f) => ({ 'operation': 'upload', 'certificate': f.caPem, 'certificate-path': f.files.ca as string }),
    'certificate',
    /must not both be given/
  ],
  [
    'upload: ca: true with a private key',
    (f) => ({ 'operation': 'upload', 'certificate-path': f.files.ca as string, 'ca': 'true', 'private-key': f.clientKey }),
    'private-key',
    /ca: true/
  ],
  [
    'upload: a private key with a CA found by ca: auto',
    (f) => ({ 'operation': 'upload', 'certificate-path': f.files.ca as string, 'private-key': f.clientKey }),
    'private-key',
    /CA:TRUE/
  ],
  [
    'upload: a certificate-path that does not exist',
    (f) => ({ 'operation': 'upload', 'certificate-path': f.files.missing as string }),
    'certificate-path',
    /no-such-file\.pem \(ENOENT\)/
  ],
  ['upload: a directory as certificate-path', (f) => ({ 'operation': 'upload', 'certificate-path': f.files.directory as string }), 'certificate-path', /names a directory/],
  ['upload: two files in certificate-path', (f) => ({ 'operation': 'upload', 'certificate-path': `${f.files.ca}\n${f.files.chain}` }), 'certificate-path', /one file/],
  [
    'upload: a 50 MB file',
    (f) => ({ 'operation': 'upload', 'certificate-path': f.files.big as string }),
    'certificate-path',
    /52428800 bytes, larger than the 1 MiB .*big\.pem/
  ],
  ['upload: a FIFO as certificate-path', (f) => ({ 'operation': 'upload', 'certificate-path': f.files.fifo as string }), 'certificate-path', /does not name a regular file/],
  ['upload: a binary file', (f) => ({ 'operation': 'upload', 'certificate-path': f.files.binary as string }), 'certificate-path', /random\.bin:1: FILE_BINARY/],
  [
    'upload: a DER certificate',
    (f) => ({ 'operation': 'upload', 'certificate-path': f.files.der as string }),
    'certificate-path',
    /cert\.der:1: FILE_IS_DER.*openssl x509 -inform der/
  ],
  [
    'upload: a PEM with 1,000 certificates',
    (f) => ({ 'operation': 'upload', 'certificate-path': f.files.thousand as string }),
    'certificate-path',
    /holds 1000 certificates, more than the 100 .*thousand\.pem:\d+ begins certificate 101/
  ],
  ['upload: an empty file', (f) => ({ 'operation': 'upload', 'certificate-path': f.files.empty as string }), 'certificate-path', /empty\.pem:1: FILE_EMPTY/],
  [
    'upload: a corrupted base64 line',
    (f) => ({ 'operation': 'upload', 'certificate-path': f.files.corrupted as string }),
    'certificate-path',
    /corrupted\.pem:3: PEM_BAD_BASE64/
  ],
  ['upload: the key file as certificate-path', (f) => ({ 'operation': 'upload', 'certificate-path': f.files.key as string }), 'certificate-path', /client\.key:1: /],
  ['upload: inline certificate that is not PEM', () => ({ operation: 'upload', certificate: 'hello, world' }), 'certificate', /certificate:1: /],
  [
    'upload: a private-key-path that does not exist',
    (f) => ({ 'operation': 'upload', 'certificate-path': f.files.chain as string, 'private-key-path': f.files.missing as string }),
    'private-key-path',
    /ENOENT/
  ],
  [
    'upload: a directory as private-key-path',
    (f) => ({ 'operation': 'upload', 'certificate-path': f.files.chain as string, 'private-key-path': f.files.directory as string }),
    'private-key-path',
    /names a directory/
  ],
  [
    'upload: a key that does not match the certificate',
    (f) => ({ 'operation': 'upload', 'certificate-path': f.files.chain as string, 'private-key': f.otherKey }),
    'private-key',
    /private-key:\d+: /
  ],
  [
    'upload: a client certificate without its key',
    (f) => ({ 'operation': 'upload', 'certificate-path': f.files.chain as string, 'ca': 'false' }),
    'private-key',
    /KEY_MISSING/
  ],
  // zone-id, hostnames, replace (associate; rotate with zones)
  [
    'associate: a zone-id that is not 32 hex',
    () => ({ 'operation': 'associate', 'certificate-id': UUID, 'zone-id': 'example.com', 'hostnames': 'a.example.com' }),
    'zone-id',
    /32 lowercase hexadecimal characters, one per line \(got "example\.com"/
  ],
  ['associate: no zone-id', () => ({ 'operation': 'associate', 'certificate-id': UUID, 'hostnames': 'a.example.com' }), 'zone-id', /is required for operation: associate/],
  ['associate: no hostnames', () => ({ 'operation': 'associate', 'certificate-id': UUID, 'zone-id': ZONE }), 'hostnames', /is required for operation: associate/],
  ['associate: hostnames of blank lines only', () => ({ 'operation': 'associate', 'certificate-id': UUID, 'zone-id': ZONE, 'hostnames': '\n  \n' }), 'hostnames'],
  [
    'associate: a hostname that is not a hostname',
    () => ({ 'operation': 'associate', 'certificate-id': UUID, 'zone-id': ZONE, 'hostnames': 'a.example.com\nhttps://b.example.com/' }),
    'hostnames',
    /"https:\/\/b\.example\.com\/", which is not a hostname/
  ],
  [
    'associate: a hostname with a space',
    () => ({ 'operation': 'associate', 'certificate-id': UUID, 'zone-id': ZONE, 'hostnames': 'a b.example.com' }),
    'hostnames',
    /not a hostname/
  ],
  [
    'associate: zone: host naming a zone not in zone-id',
    () => ({ 'operation': 'associate', 'certificate-id': UUID, 'zone-id': ZONE, 'hostnames': `${'c'.repeat(32)}: a.example.com` }),
    'hostnames',
    /not in zone-id/
  ],
  [
    'associate: several zones without the prefix form',
    () => ({ 'operation': 'associate', 'certificate-id': UUID, 'zone-id': `${ZONE}\n${ZONE2}`, 'hostnames': 'a.example.com' }),
    'hostnames',
    /write "zone-id: a\.example\.com"/
  ],
  [
    'associate: a zone in zone-id without hostnames',
    () => ({ 'operation': 'associate', 'certificate-id': UUID, 'zone-id': `${ZONE}\n${ZONE2}`, 'hostnames': `${ZONE}: a.example.com` }),
    'hostnames',
    /no hostname for zone b{32}/
  ],
  [
    'associate: the same zone twice',
    () => ({ 'operation': 'associate', 'certificate-id': UUID, 'zone-id': `${ZONE}\n${ZONE}`, 'hostnames': 'a.example.com' }),
    'zone-id',
    /twice/
  ],
  [
    'associate: without a certificate',
    () => ({ 'operation': 'associate', 'zone-id': ZONE, 'hostnames': 'a.example.com' }),
    'certificate-id',
    /is required for operation: associate/
  ],
  [
    'associate: replace: maybe',
    () => ({ 'operation': 'associate', 'certificate-id': UUID, 'zone-id': ZONE, 'hostnames': 'a.example.com', 'replace': 'maybe' }),
    'replace',
    /true or false/
  ],
  [
    'rotate: hostnames without zone-id',
    (f) => ({ 'operation': 'rotate', 'name': 'n', 'certificate-path': f.files.ca as string, 'hostnames': 'a.example.com' }),
    'zone-id',
    /is required with hostnames/
  ],
  [
    'rotate: zone-id without hostnames',
    (f) => ({ 'operation': 'rotate', 'name': 'n', 'certificate-path': f.files.ca as string, 'zone-id': ZONE }),
    'hostnames',
    /is required with zone-id/
  ],
  [
    'rotate: zone-id with an upper-case id',
    (f) => ({ 'operation': 'rotate', 'name': 'n', 'certificate-path': f.files.ca as string, 'zone-id': ZONE.toUpperCase(), 'hostnames': 'a.example.com' }),
    'zone-id'
  ],
  [
    'rotate: a client certificate with zone-id',
    (f) => ({ 'operation': 'rotate', 'name': 'n', 'certificate-path': f.files.chain as string, 'private-key': f.clientKey, 'zone-id': ZONE, 'hostnames': 'a.example.com' }),
    'certificate-path',
    /is not a CA/
  ],
  ['upload: zone-id', (f) => ({ 'operation': 'upload', 'certificate-path': f.files.ca as string, 'zone-id': ZONE }), 'zone-id', /not used by operation: upload/],
  [
    'associations: hostnames',
    () => ({ 'operation': 'associations', 'certificate-id': UUID, 'zone-id': ZONE, 'hostnames': 'a.example.com' }),
    'hostnames',
    /not used by operation: associations/
  ],
  // name
  ['name with a line break', (f) => ({ 'operation': 'upload', 'certificate-path': f.files.ca as string, 'name': 'first\nsecond' }), 'name', /control characters/],
  ['name with a tab', (f) => ({ 'operation': 'upload', 'certificate-path': f.files.ca as string, 'name': 'a\tb' }), 'name', /control characters/],
  ['name with an ANSI escape', (f) => ({ 'operation': 'upload', 'certificate-path': f.files.ca as string, 'name': 'red\u001b[31mname' }), 'name', /control characters/],
  ['name with a C1 control (NEL)', (f) => ({ 'operation': 'upload', 'certificate-path': f.files.ca as string, 'name': 'a\u0085b' }), 'name', /control characters/],
  ['name with a line separator (U+2028)', (f) => ({ 'operation': 'upload', 'certificate-path': f.files.ca as string, 'name': 'a\u2028b' }), 'name', /control characters/],
  [
    'name with a right-to-left override',
    (f) => ({ 'operation': 'upload', 'certificate-path': f.files.ca as string, 'name': 'invoice\u202Egpj.exe' }),
    'name',
    /control characters/
  ],
  ['name of 256 characters', (f) => ({ 'operation': 'upload', 'certificate-path': f.files.ca as string, 'name': 'n'.repeat(256) }), 'name', /at most 255/],
  ['rotate without name', (f) => ({ 'operation': 'rotate', 'certificate-path': f.files.ca as string }), 'name', /is required for operation: rotate/],
  // validate
  ['validate: no certificate-path', () => ({ operation: 'validate' }), 'certificate-path', /is required for operation: validate/],
  ['validate: certificate instead of certificate-path', (f) => ({ operation: 'validate', certificate: f.caPem }), 'certificate', /is not used by operation: validate/],
  [
    'validate: a FIFO as certificate-path',
    (f) => ({ 'operation': 'validate', 'certificate-path': f.files.fifo as string }),
    'certificate-path',
    /neither a file nor a directory/
  ],
  [
    'validate: a FIFO as private-key-path',
    (f) => ({ 'operation': 'validate', 'certificate-path': f.files.chain as string, 'private-key-path': f.files.fifo as string }),
    'private-key-path',
    /does not name a regular file/
  ]
]

const STACK = /^\s+at .+:\d+:\d+\)?$/m

describe.concurrent(`${cases.length} bad inputs: one error line naming the input, no request`, () => {
  it.each(cases)('%s', async (_what, inputs, input, says) => {
    const b = await backend()
    const r = await b.run(inputs(fx))
    expect(r.code, r.stdout).toBe(1)
    expect(r.errors, r.stdout).toHaveLength(1)
    expect(r.errors[0]).toMatch(new RegExp(`^::error::Input "${input}" `))
    if (says) expect(r.errors[0]).toMatch(says)
    expect(r.stdout + r.stderr).not.toMatch(STACK)
    expect(b.emulator.requests).toEqual([])
    expect(r.durationMs).toBeLessThan(15_000)
  })
})

it('the corpus has at least 40 cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(40)
})

describe('inputs at the edge that are valid', () => {
  it('a unicode name is kept as it is: uploaded, listed and put in the outputs', async () => {
    const b = await backend()
    const name = 'zertifikat-äöü-証明書-🔐'
    const ca = await makeCertificate()
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(ca.pem), name })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.name).toBe(name)
    expect(b.emulator.certificates()[0]?.name).toBe(name)
  })

  it('a name of exactly 255 characters is accepted', async () => {
    const b = await backend()
    const ca = await makeCertificate()
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(ca.pem), 'name': 'é'.repeat(255), 'dry-run': 'true' })
    expect(r.code, r.stdout).toBe(0)
  })
})
