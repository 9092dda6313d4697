/**
 * No secret in any log, output or summary: the hard cases, with RUNNER_DEBUG=1 (which prints the
 * most). Every other run of the bundle in the suite is scanned too (see helpers/run-action.ts);
 * this table adds the cases built to make a secret escape: errors while reading the key file,
 * keys that do not parse or do not match, a server that echoes what it was sent, a crash, a proxy
 * password.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { mkdirSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCertificate, makeClientChain } from '../../scripts/lib/certs.js'
import { runAction as runBundle, type ActionRun } from '../../scripts/lib/run-action.js'
import { e2eBackendPool, type E2EBackend } from '../helpers/e2e.js'
import { findLeaks, maskedValues, secretsOf, type Secret } from '../helpers/leak-scan.js'

let shared: E2EBackend
let chain: Awaited<ReturnType<typeof makeClientChain>>
let otherKey: string
const backend = e2eBackendPool(afterAll)
beforeAll(async () => {
  shared = await backend()
  chain = await makeClientChain()
  otherKey = (await makeCertificate({ ca: false })).keyPem
})

const keyLines = (pem: string) => pem.split('\n').filter((l) => l.length >= 8 && !l.startsWith('-----'))
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m

interface Case {
  inputs: Record<string, string>
  env?: Record<string, string>
  /** Secrets the action cannot know are secret (a key pasted where a certificate goes). */
  extra?: Secret[]
  code: 0 | 1
  says?: RegExp
  /** Values that must reach the runner's masker. */
  mustMask?: string[]
  before?: () => void
}

/** The one failure line (annotations carry properties: `::error file=…::`). */
const failureLines = (run: ActionRun) => run.stdout.split('\n').filter((l) => l.startsWith('::error::'))

/** Runs the bundle as b.run does, but returns the run so the test can look at every byte itself. */
async function runCase(b: E2EBackend, c: Case): Promise<{ run: ActionRun; secrets: Secret[] }> {
  c.before?.()
  const inputs: Record<string, string> = { 'api-base-url': b.emulator.url, 'account-id': b.emulator.accountId, 'api-token': b.emulator.token, 'max-retries': '0', ...c.inputs }
  for (const [k, v] of Object.entries(inputs)) if (v === '') delete inputs[k]
  const env = { RUNNER_DEBUG: '1', ...c.env }
  const secrets = [...secretsOf(inputs, env, b.dir), ...(c.extra ?? [])]
  const run = await runBundle(inputs, { env, cwd: b.dir, timeoutMs: 30_000 })
  return { run, secrets }
}

const garbageKey = () => {
  const lines = keyLines(chain.client.keyPem)
  // The last base64 line glued to the END marker: a reader that quotes "text before the marker"
  // would print key material that no ::add-mask:: line covers (only whole lines are masked).
  return `-----BEGIN PRIVATE KEY-----\n${lines.slice(0, -1).join('\n')}\n${lines.at(-1)}-----END PRIVATE KEY-----\n`
}

const cases: Record<string, (b: E2EBackend) => Case> = {
  'success: client certificate with the key inline': (b) => ({
    inputs: { 'operation': 'upload', 'certificate-path': b.file(chain.chainPem), 'private-key': chain.client.keyPem, 'name': 'leak-1' },
    code: 0,
    mustMask: [b.emulator.token, ...keyLines(chain.client.keyPem)]
  }),
  'success: client certificate with the key from a file, then rotate': (b) => ({
    inputs: { 'operation': 'rotate', 'certificate-path': b.file(chain.chainPem), 'private-key-path': b.file(chain.client.keyPem, 'client.key'), 'name': 'leak-2' },
    code: 0,
    mustMask: keyLines(chain.client.keyPem)
  }),
  'success: the legacy api-key and api-email pair': (b) => ({
    inputs: { 'operation': 'list', 'api-token': '', 'api-key': b.emulator.apiKey, 'api-email': b.emulator.email },
    code: 0,
    mustMask: [b.emulator.apiKey, b.emulator.email]
  }),
  'API failure: a wrong token': (_b) => ({
    inputs: { 'operation': 'list', 'api-token': `wrongTok_${randomBytes(10).toString('hex')}` },
    code: 1,
    says: /10000/
  }),
  'API failure: a wrong legacy key pair': (_b) => ({
    inputs: {
      'operation': 'get',
      'certificate-id': '2a1b3c4d-0000-4000-8000-000000000001',
      'api-token': '',
      'api-key': randomBytes(19).toString('hex').slice(0, 37),
      'api-email': `wrong-${randomBytes(4).toString('hex')}@secret.example`
    },
    code: 1,
    says: /9103/
  }),
  'API failure: the server echoes the token in its error message': (b) => ({
    inputs: { operation: 'list' },
    code: 1,
    says: /Could not list the certificates: Cloudflare answered HTTP 500, 10002: token \*\*\* is not allowed/,
    before: () => b.emulator.injectFault({ kind: 'server-error', route: 'list', times: 'always', message: `token ${b.emulator.token} is not allowed` })
  }),
  'API failure: the server echoes the private key it was sent': (b) => ({
    inputs: { 'operation': 'upload', 'certificate-path': b.file(chain.chainPem), 'private-key': chain.client.keyPem },
    code: 1,
    says: /Unable to parse private key near \*\*\*/,
    before: () => {
      b.emulator.injectFault({
        kind: 'server-error',
        status: 400,
        code: 1415,
        route: 'upload',
        message: `Unable to parse private key near ${keyLines(chain.client.keyPem)[1]}`
      })
    }
  }),
  'input error: a token with a line break': (_b) => {
    const token = `tokPartOne_${randomBytes(6).toString('hex')}\ntokPartTwo_${randomBytes(6).toString('hex')}`
    return {
      inputs: { 'operation': 'list', 'api-token': token },
      code: 1,
      says: /Input "api-token" must not contain spaces or line breaks/,
      extra: token.split('\n').map((value) => ({ what: 'a line of the token', value })),
      mustMask: token.split('\n')
    }
  },
  'input error: a malformed api-email with api-key': (_b) => ({
    inputs: { 'operation': 'list', 'api-token': '', 'api-key': randomBytes(19).toString('hex').slice(0, 37), 'api-email': `not-an-address-${randomBytes(6).toString('hex')}` },
    code: 1,
    says: /Input "api-email"/
  }),
  'input error: a bad account-id, with a token and a key given': (b) => ({
    inputs: { 'operation': 'upload', 'account-id': 'nope', 'certificate-path': b.file(chain.chainPem), 'private-key': chain.client.keyPem },
    code: 1,
    says: /Input "account-id"/,
    mustMask: keyLines(chain.client.keyPem)
  }),
  'key file error: private-key-path is a directory': (b) => {
    const dir = path.join(b.dir, `keys-${randomBytes(3).toString('hex')}`)
    mkdirSync(dir)
    return {
      inputs: { 'operation': 'upload', 'certificate-path': b.file(chain.chainPem), 'private-key-path': dir },
      code: 1,
      says: /Input "private-key-path" names a directory/
    }
  },
  'key file error: a dangling symlink': (b) => {
    const link = path.join(b.dir, `dangling-${randomBytes(3).toString('hex')}.key`)
    symlinkSync(path.join(b.dir, 'nowhere.key'), link)
    return {
      inputs: { 'operation': 'upload', 'certificate-path': b.file(chain.chainPem), 'private-key-path': link },
      code: 1,
      says: /Input "private-key-path" names a file that cannot be read: .*ENOENT/
    }
  },
  'key file error: a symlink loop': (b) => {
    const a = path.join(b.dir, `loop-a-${randomBytes(3).toString('hex')}`)
    const c = `${a}-b`
    symlinkSync(c, a)
    symlinkSync(a, c)
    return {
      inputs: { 'operation': 'upload', 'certificate-path': b.file(chain.chainPem), 'private-key-path': a },
      code: 1,
      says: /Input "private-key-path" names a file that cannot be read: .*ELOOP/
    }
  },
  'key file error: a FIFO (reading it would block for ever)': (b) => {
    const fifo = path.join(b.dir, `fifo-${randomBytes(3).toString('hex')}.key`)
    execFileSync('mkfifo', [fifo])
    return {
      inputs: { 'operation': 'upload', 'certificate-path': b.file(chain.chainPem), 'private-key-path': fifo },
      code: 1,
      says: /Input "private-key-path" does not name a regular file/
    }
  },
  'key file error: binary garbage': (b) => ({
    inputs: {
      'operation': 'upload',
      'certificate-path': b.file(chain.chainPem),
      'private-key-path': b.file(randomBytes(2048), `garbage-${randomBytes(3).toString('hex')}.key`)
    },
    code: 1,
    says: /private-key-path/
  }),
  'key file error: the last key line glued to the END marker': (b) => ({
    inputs: { 'operation': 'upload', 'certificate-path': b.file(chain.chainPem), 'private-key-path': b.file(garbageKey(), `glued-${randomBytes(3).toString('hex')}.key`) },
    code: 1,
    says: /private-key-path/,
    mustMask: keyLines(chain.client.keyPem).slice(0, -1)
  }),
  'key file error: the BEGIN marker glued to the first key line, in validate': (b) => {
    const lines = keyLines(chain.client.keyPem)
    const glued = `-----BEGIN PRIVATE KEY-----${lines.join('\n')}\n-----END PRIVATE KEY-----\n`
    return {
      inputs: { 'operation': 'validate', 'certificate-path': b.file(chain.chainPem), 'private-key-path': b.file(glued, `glued2-${randomBytes(3).toString('hex')}.key`) },
      code: 1
    }
  },
  'a key that does not match the certificate': (b) => ({
    inputs: { 'operation': 'upload', 'certificate-path': b.file(chain.chainPem), 'private-key': otherKey },
    code: 1,
    says: /private-key/,
    mustMask: keyLines(otherKey)
  }),
  'an encrypted key': (b) => {
    const { privateKey } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pass-phrase' },
      publicKeyEncoding: { type: 'spki', format: 'pem' }
    })
    return {
      inputs: { 'operation': 'upload', 'certificate-path': b.file(chain.chainPem), 'private-key': privateKey },
      code: 1,
      says: /private-key/,
      mustMask: keyLines(privateKey)
    }
  },
  'the key pasted into the certificate file as well': (b) => ({
    inputs: { 'operation': 'upload', 'certificate-path': b.file(chain.chainPem + chain.client.keyPem), 'private-key': chain.client.keyPem },
    code: 1,
    says: /PEM_PRIVATE_KEY_BLOCK/
  }),
  'the key pasted into certificate instead of the certificate': (_b) => ({
    inputs: { operation: 'upload', certificate: chain.client.keyPem },
    code: 1,
    // The action is not told this is secret; it must still never print a private key it finds.
    extra: keyLines(chain.client.keyPem).map((value, i) => ({ what: `key line ${i + 1} given as certificate`, value })),
    mustMask: keyLines(chain.client.keyPem)
  }),
  'a crash: GITHUB_OUTPUT names a missing file': (b) => ({
    inputs: { 'operation': 'list', 'api-token': '', 'api-key': b.emulator.apiKey, 'api-email': b.emulator.email },
    env: { GITHUB_OUTPUT: path.join(b.dir, 'no-such-dir', 'output') },
    code: 1,
    says: /Unexpected failure/
  }),
  'a proxy with a password that refuses the connection': (_b) => ({
    inputs: { operation: 'list' },
    env: { HTTP_PROXY: `http://proxy-user:proxyPw_${randomBytes(8).toString('hex')}@127.0.0.1:9` },
    code: 1,
    says: /ECONNREFUSED/
  })
}

describe.concurrent('no secret escapes, RUNNER_DEBUG=1', () => {
  it.each(Object.keys(cases))('%s', async (name) => {
    const b = await backend()
    const c = (cases[name] as (b: E2EBackend) => Case)(b)
    const { run, secrets } = await runCase(b, c)
    expect(run.code, run.stdout).toBe(c.code)
    expect(secrets.length).toBeGreaterThan(0)
    expect(findLeaks(run, secrets)).toEqual([])
    if (c.code === 1) {
      expect(failureLines(run), run.stdout).toHaveLength(1)
      if (c.says) expect(failureLines(run)[0]).toMatch(c.says)
    }
    // A stack trace is only ever a ::debug:: line (one line, escaped), never raw output.
    expect(run.stdout + run.stderr).not.toMatch(STACK_LINE)
    // Masking comes before anything else is printed ...
    const lines = run.stdout.split('\n').filter(Boolean)
    const firstOther = lines.findIndex((l) => !l.startsWith('::add-mask::'))
    const lastMask = lines.map((l) => l.startsWith('::add-mask::')).lastIndexOf(true)
    expect(lastMask, 'an ::add-mask:: after other output').toBeLessThan(firstOther === -1 ? Infinity : firstOther)
    // ... and covers the secrets the action was given, whole and line by line.
    const masked = new Set(maskedValues(run.stdout))
    for (const v of c.mustMask ?? []) expect(masked.has(v), `not masked: ${v.slice(0, 6)}…`).toBe(true)
  })
})

describe('text from the account cannot forge a workflow command', () => {
  it('a certificate name with a line break and ::error:: prints no second error line, and the run succeeds', async () => {
    const b = await backend()
    const ca = await makeCertificate()
    b.emulator.seed([{ pem: ca.pem, ca: true, name: 'evil\n::error::forged by a certificate name\n::add-mask::x' }])
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(ca.pem), 'name': 'mine' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.reused).toBe('true')
    expect(r.stdout).toMatch(/its name is "evil\?::error::forged/)
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error') || l === '::add-mask::x')).toEqual([])
  })

  it('a Cloudflare error message with line breaks stays on the one error line', async () => {
    const b = await backend()
    b.emulator.injectFault({ kind: 'server-error', status: 500, route: 'list', times: 'always', message: 'boom\n::error::forged by the server\r\n::warning::too' })
    const r = await b.run({ 'operation': 'list', 'max-retries': '1' })
    expect(r.code).toBe(1)
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error') || l.startsWith('::warning'))).toHaveLength(1)
    expect(r.errors[0]).toMatch(/10002: boom ::error::forged by the server ::warning::too after 2 attempts/)
  })
})

describe('the scan itself', () => {
  it('every run of the e2e backend is scanned: a run that prints its token fails the test', async () => {
    // The emulator's account id as the token: the 10000 error line names the account, and so
    // prints the "token". The hook must catch it.
    await expect(shared.run({ 'operation': 'list', 'api-token': shared.emulator.accountId })).rejects.toThrow(/Secret leak: .*input api-token in stdout/)
  })

  it('finds a clipped piece of a key line, and ignores ::add-mask:: lines', () => {
    const key = chain.client.keyPem
    const secrets = secretsOf({ 'private-key': key })
    const line = keyLines(key)[1] ?? ''
    const clean = { stdout: `::add-mask::${line}\nok\n`, stderr: '', outputs: {}, summary: '' }
    expect(findLeaks(clean, secrets)).toEqual([])
    const clipped = { ...clean, stdout: `${clean.stdout}text before the marker ("${line.slice(5, 25)}…")\n` }
    expect(findLeaks(clipped, secrets).map((l) => l.where)).toContain('stdout')
    const inOutput = { ...clean, outputs: { findings: `[${JSON.stringify(line)}]` } }
    expect(findLeaks(inOutput, secrets).map((l) => l.where)).toContain('outputs')
  })
})
