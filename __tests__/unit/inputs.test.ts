import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { collectInputs, InputError, parseConfig, type RawInputs } from '../../src/inputs.js'

const ACCOUNT = '0123456789abcdef0123456789abcdef'
const ID = '2a1b3c4d-0000-4000-8000-000000000001'
const base: RawInputs = { 'account-id': ACCOUNT, 'api-token': 'tok' }
const dir = mkdtempSync(path.join(tmpdir(), 'inputs-'))
const pemFile = path.join(dir, 'ca.pem')
writeFileSync(pemFile, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')
const keyFile = path.join(dir, 'key.pem')
writeFileSync(keyFile, '-----BEGIN PRIVATE KEY-----\nSECRETLINE1234567890\n-----END PRIVATE KEY-----\n')
mkdirSync(path.join(dir, 'sub'))

function errorOf(raw: RawInputs): InputError {
  try {
    parseConfig(raw)
  } catch (e) {
    if (e instanceof InputError) return e
    throw e
  }
  throw new Error('expected an InputError')
}

describe('collectInputs', () => {
  it('reads inputs by their action.yml names and falls back to the Cloudflare environment variables', () => {
    const got = collectInputs((n) => (n === 'operation' ? 'list' : ''), {
      CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
      CLOUDFLARE_API_TOKEN: 'envtok'
    })
    expect(got).toEqual({ 'operation': 'list', 'account-id': ACCOUNT, 'api-token': 'envtok' })
  })
  it('prefers the input over the environment', () => {
    const got = collectInputs((n) => (n === 'api-token' ? 'input' : ''), { CLOUDFLARE_API_TOKEN: 'env' })
    expect(got['api-token']).toBe('input')
  })
})

describe('parseConfig: good inputs', () => {
  it('list defaults to type custom, 30 s timeout, 3 retries, the public API and a summary', () => {
    const c = parseConfig({ ...base, operation: 'list' })
    expect(c).toMatchObject({
      operation: 'list',
      types: ['custom'],
      summary: true,
      connection: { accountId: ACCOUNT, auth: { kind: 'token', token: 'tok' }, timeoutMs: 30000, maxRetries: 3, apiBaseUrl: 'https://api.cloudflare.com/client/v4' }
    })
  })
  it('type all lists every type', () => {
    const c = parseConfig({ ...base, operation: 'list', type: 'all' })
    expect(c.operation === 'list' && c.types).toBeUndefined()
  })
  it('accepts the legacy key pair', () => {
    const c = parseConfig({ 'operation': 'get', 'account-id': ACCOUNT, 'api-key': 'k', 'api-email': 'a@b.c', 'certificate-id': ID })
    expect(c).toMatchObject({ connection: { auth: { kind: 'key', key: 'k', email: 'a@b.c' } }, ref: { by: 'id', id: ID } })
  })
  it('get finds by name when no id is given', () => {
    expect(parseConfig({ ...base, operation: 'get', name: 'my ca' })).toMatchObject({ ref: { by: 'name', name: 'my ca' } })
  })
  it('upload reads the certificate file and a key file, and reports the key to be masked', () => {
    const secrets: string[] = []
    const c = parseConfig({ ...base, 'operation': 'upload', 'certificate-path': pemFile, 'private-key-path': keyFile, 'ca': 'false' }, { onSecret: (s) => secrets.push(s) })
    expect(c.operation === 'upload' && c.certificate.text).toContain('BEGIN CERTIFICATE')
    expect(c.operation === 'upload' && c.privateKey?.label).toBe(keyFile)
    expect(secrets.join('')).toContain('SECRETLINE1234567890')
  })
  it('validate needs no account or token and splits paths by line', () => {
    const c = parseConfig({ 'operation': 'validate', 'certificate-path': 'a.pem\n  certs/**/*.crt \n\n' })
    expect(c).toMatchObject({ operation: 'validate', paths: ['a.pem', 'certs/**/*.crt'], ca: 'auto' })
  })
  it('booleans and numbers are parsed, not kept as strings', () => {
    const c = parseConfig({ ...base, 'operation': 'delete', 'certificate-id': ID, 'missing-ok': 'TRUE', 'dry-run': 'false', 'timeout-seconds': '5', 'summary': 'false' })
    expect(c).toMatchObject({ missingOk: true, dryRun: false, summary: false, connection: { timeoutMs: 5000 } })
  })
})

describe('parseConfig: bad inputs name the input', () => {
  it.each<[string, RawInputs, string, RegExp]>([
    ['missing operation', { ...base }, 'operation', /required/],
    ['unknown operation', { ...base, operation: 'destroy' }, 'operation', /one of upload, list/],
    ['short account id', { 'operation': 'list', 'account-id': 'abc', 'api-token': 't' }, 'account-id', /32 lowercase hexadecimal/],
    ['missing account id', { 'operation': 'list', 'api-token': 't' }, 'account-id', /CLOUDFLARE_ACCOUNT_ID/],
    ['missing token', { 'operation': 'list', 'account-id': ACCOUNT }, 'api-token', /required/],
    ['token and key', { ...base, 'operation': 'list', 'api-key': 'k', 'api-email': 'a@b.c' }, 'api-key', /either/],
    ['key without email', { 'operation': 'list', 'account-id': ACCOUNT, 'api-key': 'k' }, 'api-email', /required with api-key/],
    ['bad email', { 'operation': 'list', 'account-id': ACCOUNT, 'api-key': 'k', 'api-email': 'nope' }, 'api-email', /e-mail/],
    ['bad uuid', { ...base, 'operation': 'get', 'certificate-id': 'xyz' }, 'certificate-id', /UUID/],
    ['no id or name', { ...base, operation: 'delete' }, 'certificate-id', /required/],
    ['id and name', { ...base, 'operation': 'get', 'certificate-id': ID, 'name': 'x' }, 'name', /one of them/],
    ['bad base url', { ...base, 'operation': 'list', 'api-base-url': 'ftp://x' }, 'api-base-url', /must be an https URL/],
    ['url with credentials', { ...base, 'operation': 'list', 'api-base-url': 'https://u:p@x' }, 'api-base-url', /without credentials/],
    // The end anchor of the account id: 32 hex digits followed by anything are not an account id.
    ['32 hex digits and a path', { ...base, 'operation': 'list', 'account-id': `${ACCOUNT}/../zones` }, 'account-id', /32 lowercase hexadecimal/],
    ['32 hex digits and one more', { ...base, 'operation': 'list', 'account-id': `${ACCOUNT}0` }, 'account-id', /32 lowercase hexadecimal/],
    ['32 hex digits and a line break', { ...base, 'operation': 'list', 'account-id': `${ACCOUNT}\nx` }, 'account-id', /32 lowercase hexadecimal/],
    ['anything before 32 hex digits', { ...base, 'operation': 'list', 'account-id': `x${ACCOUNT}` }, 'account-id', /32 lowercase hexadecimal/],
    ['bad ca', { ...base, operation: 'upload', ca: 'maybe', certificate: 'x' }, 'ca', /true, false, auto/],
    ['bad type', { ...base, operation: 'list', type: 'mine' }, 'type', /custom/],
    ['negative timeout', { ...base, 'operation': 'list', 'timeout-seconds': '-1' }, 'timeout-seconds', /whole number/],
    ['too many retries', { ...base, 'operation': 'list', 'max-retries': '99' }, 'max-retries', /0 to 10/],
    ['bad boolean', { ...base, operation: 'list', summary: 'sometimes' }, 'summary', /true or false/],
    ['both certificate inputs', { ...base, 'operation': 'upload', 'certificate': 'x', 'certificate-path': pemFile }, 'certificate', /not both/],
    ['no certificate', { ...base, operation: 'upload' }, 'certificate-path', /required/],
    ['missing file', { ...base, 'operation': 'upload', 'certificate-path': path.join(dir, 'nope.pem') }, 'certificate-path', /ENOENT/],
    ['directory for a file', { ...base, 'operation': 'upload', 'certificate-path': path.join(dir, 'sub') }, 'certificate-path', /directory/],
    ['key on a CA upload', { ...base, 'operation': 'upload', 'ca': 'true', 'certificate-path': pemFile, 'private-key': 'k' }, 'private-key', /ca: true/],
    ['control characters in name', { ...base, operation: 'upload', certificate: 'x', name: 'a\u0007b' }, 'name', /control characters/],
    ['rotate without name', { ...base, operation: 'rotate', certificate: 'x' }, 'name', /required/],
    ['error days above warning days', { 'operation': 'validate', 'certificate-path': 'x', 'expiry-error-days': '40' }, 'expiry-error-days', /expiry-warning-days/],
    ['validate without paths', { operation: 'validate' }, 'certificate-path', /required/]
  ])('%s', (_name, raw, input, message) => {
    const e = errorOf(raw)
    expect(e.input).toBe(input)
    expect(e.message).toMatch(new RegExp(`^Input "${input}"`))
    expect(e.message).toMatch(message)
  })

  it('never echoes a secret in an error', () => {
    const e = errorOf({ 'operation': 'list', 'account-id': ACCOUNT, 'api-token': 'secret value with spaces' })
    expect(e.input).toBe('api-token')
    expect(e.message).not.toContain('secret value')
  })
})

describe('parseConfig: the workspace boundary for upload and rotate', () => {
  // The checkout holds a link to a file outside it (a key another step wrote to RUNNER_TEMP, say).
  const top = mkdtempSync(path.join(tmpdir(), 'inputs-ws-'))
  const ws = path.join(top, 'checkout')
  const temp = path.join(top, 'runner-temp')
  mkdirSync(ws)
  mkdirSync(temp)
  const outsidePem = path.join(temp, 'ca.pem')
  writeFileSync(outsidePem, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')
  const outsideKey = path.join(temp, 'key.pem')
  writeFileSync(outsideKey, '-----BEGIN PRIVATE KEY-----\nSECRETLINE1234567890\n-----END PRIVATE KEY-----\n')
  symlinkSync(outsidePem, path.join(ws, 'ca.pem'))
  symlinkSync(temp, path.join(ws, 'tmp-link'))
  writeFileSync(path.join(ws, 'real.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')
  symlinkSync(path.join(ws, 'real.pem'), path.join(ws, 'inside-link.pem'))

  it.each([
    ['certificate-path', { 'certificate-path': path.join(ws, 'ca.pem') }],
    ['certificate-path', { 'certificate-path': path.join(ws, 'tmp-link/ca.pem') }],
    ['private-key-path', { 'certificate-path': path.join(ws, 'real.pem'), 'private-key-path': path.join(ws, 'tmp-link/key.pem'), 'ca': 'false' }]
  ] as const)('%s inside the workspace that a symbolic link leads out of is refused, naming the input (%j)', (input, given) => {
    for (const operation of ['upload', 'rotate']) {
      let e: unknown
      try {
        parseConfig({ ...base, operation, name: 'edge-ca', ...given }, { workspace: ws })
      } catch (x) {
        e = x
      }
      expect(e).toBeInstanceOf(InputError)
      expect((e as InputError).input).toBe(input)
      expect((e as Error).message).toMatch(/symbolic link .* leading outside it/)
      expect((e as Error).message).not.toContain('SECRETLINE')
    }
  })

  it('a file named outside the workspace (RUNNER_TEMP), a link that stays inside, and no workspace at all are accepted', () => {
    const named = parseConfig({ ...base, 'operation': 'upload', 'certificate-path': outsidePem, 'private-key-path': outsideKey, 'ca': 'false' }, { workspace: ws })
    expect(named.operation === 'upload' && named.certificate.path).toBe(outsidePem)
    const inside = parseConfig({ ...base, 'operation': 'upload', 'certificate-path': path.join(ws, 'inside-link.pem') }, { workspace: ws })
    expect(inside.operation === 'upload' && inside.certificate.text).toContain('BEGIN CERTIFICATE')
    const local = parseConfig({ ...base, 'operation': 'upload', 'certificate-path': path.join(ws, 'ca.pem') })
    expect(local.operation === 'upload' && local.certificate.text).toContain('BEGIN CERTIFICATE')
  })
})

describe('api-base-url: https, or http to this machine only; no query, fragment or credentials', () => {
  const list = (url: string) => ({ ...base, 'operation': 'list', 'api-base-url': url })
  it.each([
    'https://api.cloudflare.com/client/v4',
    'https://api.cloudflare.com/client/v4/',
    'https://proxy.internal.example:8443/cloudflare/client/v4',
    'http://127.0.0.1:8787/client/v4',
    'http://127.5.6.7/client/v4',
    'http://localhost:8787/client/v4',
    'http://[::1]:8787/client/v4',
    'https://127.0.0.1:8443/client/v4'
  ])('accepts %s', (url) => {
    expect(parseConfig(list(url))).toMatchObject({ connection: { apiBaseUrl: url } })
  })

  it.each<[string, RegExp]>([
    ['http://api.example.com/client/v4', /clear text.*localhost, 127\.0\.0\.0\/8 and \[::1\]/],
    ['http://api.cloudflare.com/client/v4', /clear text/],
    ['http://10.0.0.1/client/v4', /clear text/],
    ['http://localhost.example.com/client/v4', /clear text/],
    ['http://128.0.0.1/client/v4', /clear text/],
    ['http://[::2]/client/v4', /clear text/],
    ['https://api.cloudflare.com/client/v4?x=1', /without a query or fragment/],
    ['https://api.cloudflare.com/client/v4?', /without a query or fragment/],
    ['https://api.cloudflare.com/client/v4#top', /without a query or fragment/],
    ['http://127.0.0.1:8787/client/v4?token=1', /without a query or fragment/],
    ['https://user:pass@api.cloudflare.com/client/v4', /without credentials/],
    ['https://user@api.cloudflare.com/client/v4', /without credentials/],
    ['https://@api.cloudflare.com/client/v4', /without credentials/],
    ['ftp://api.cloudflare.com/client/v4', /must be an https URL/],
    ['file:///etc/passwd', /must be an https URL/],
    ['api.cloudflare.com/client/v4', /must be an https URL/]
  ])('refuses %s', (url, says) => {
    const e = errorOf(list(url))
    expect(e.input).toBe('api-base-url')
    expect(e.message).toMatch(/^Input "api-base-url" /)
    expect(e.message).toMatch(says)
  })
})
