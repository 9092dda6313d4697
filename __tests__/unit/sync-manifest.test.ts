/**
 * The sync manifest's checks: every mistake at its line, with a message that names it. A table
 * of manifests against a scratch workspace holding real PEM files.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeCertificate, makeClientChain } from '../../scripts/lib/certs.js'
import { ManifestInvalid, parseManifest, readManifest, type ManifestContext } from '../../src/sync/manifest.js'

const ZONE = 'fedcba9876543210fedcba9876543210'
let workspace: string
let ctx: ManifestContext
let key: string

beforeAll(async () => {
  workspace = mkdtempSync(path.join(tmpdir(), 'manifest-'))
  mkdirSync(path.join(workspace, 'pki'))
  const ca = await makeCertificate({ name: 'CN=Edge CA' })
  const chain = await makeClientChain()
  writeFileSync(path.join(workspace, 'pki/edge.pem'), ca.pem)
  writeFileSync(path.join(workspace, 'pki/edge2.pem'), (await makeCertificate({ name: 'CN=Edge CA 2' })).pem)
  writeFileSync(path.join(workspace, 'pki/client.pem'), chain.chainPem)
  const outside = mkdtempSync(path.join(tmpdir(), 'outside-'))
  writeFileSync(path.join(outside, 'secret.pem'), ca.pem)
  symlinkSync(path.join(outside, 'secret.pem'), path.join(workspace, 'pki/link.pem'))
  key = chain.client.keyPem
  ctx = { workspace, env: { CLIENT_KEY: key } }
})

const problemsOf = (text: string): Array<[number, string]> => {
  try {
    parseManifest(text, 'certs.yml', ctx)
  } catch (e) {
    if (e instanceof ManifestInvalid) return e.problems.map((p) => [p.line, p.message])
    throw e
  }
  return []
}

const lines = (...l: string[]): string => l.join('\n') + '\n'

describe('sync manifest: every mistake at its line', () => {
  const cases: Array<[string, string, Array<[number, string]>]> = [
    ['unknown key in a certificate', lines('certificates:', '  a:', '    file: pki/edge.pem', '    ca: true', '    colour: blue'), [[5, 'unknown key "colour"']]],
    ['unknown top-level key', lines('certificates: {}', 'prunes:', '  name-prefix: a'), [[2, 'unknown key "prunes"']]],
    ['unknown key in prune', lines('certificates: {}', 'prune:', '  prefix: a'), [[3, 'unknown key "prefix"']]],
    ['missing ca', lines('certificates:', '  a:', '    file: pki/edge.pem'), [[3, 'ca is required']]],
    ['ca not a boolean', lines('certificates:', '  a:', '    file: pki/edge.pem', '    ca: maybe'), [[4, 'ca must be true or false']]],
    [
      'zone id not 32 hex',
      lines('certificates:', '  a:', '    file: pki/edge.pem', '    ca: true', '    hostnames:', '      ZONE1:', '        - api.example.com'),
      [[6, 'zone id "ZONE1" is not 32 lowercase hexadecimal']]
    ],
    [
      'bad hostname',
      lines('certificates:', '  a:', '    file: pki/edge.pem', '    ca: true', '    hostnames:', `      ${ZONE}:`, '        - api.example.com', '        - "bad host!"'),
      [[8, '"bad host!" is not a hostname']]
    ],
    ['missing file', lines('certificates:', '  a:', '    file: pki/nope.pem', '    ca: true'), [[3, 'does not exist']]],
    ['file outside the workspace', lines('certificates:', '  a:', '    file: ../../etc/passwd', '    ca: true'), [[3, 'outside the workspace']]],
    [
      'file outside through a symbolic link',
      lines('certificates:', '  a:', '    file: pki/link.pem', '    ca: true'),
      [[3, 'outside the workspace (through a symbolic link)']]
    ],
    ['ca: false without private-key-env', lines('certificates:', '  client:', '    file: pki/client.pem', '    ca: false'), [[2, 'ca: false but no private-key-env']]],
    [
      'private-key-env not set',
      lines('certificates:', '  client:', '    file: pki/client.pem', '    ca: false', '    private-key-env: NOT_SET_ANYWHERE'),
      [[5, 'NOT_SET_ANYWHERE (private-key-env of "client") is not set']]
    ],
    [
      'private-key-env naming the action’s own token',
      lines('certificates:', '  client:', '    file: pki/client.pem', '    ca: false', '    private-key-env: CLOUDFLARE_API_TOKEN'),
      [[5, 'names a variable of the runner or of this action']]
    ],
    [
      'ca: true with a key',
      lines('certificates:', '  a:', '    file: pki/edge.pem', '    ca: true', '    private-key-env: CLIENT_KEY'),
      [[5, 'ca: true and a private-key-env']]
    ],
    [
      'hostnames on a client certificate',
      lines(
        'certificates:',
        '  client:',
        '    file: pki/client.pem',
        '    ca: false',
        '    private-key-env: CLIENT_KEY',
        '    hostnames:',
        `      ${ZONE}: [api.example.com]`
      ),
      [[6, 'only a CA (ca: true) serves hostnames']]
    ],
    [
      'two names for one file',
      lines('certificates:', '  a:', '    file: pki/edge.pem', '    ca: true', '  b:', '    file: ./pki/../pki/edge.pem', '    ca: true'),
      [[6, 'listed for "a" too']]
    ],
    [
      'one hostname for two CAs',
      lines(
        'certificates:',
        '  a:',
        '    file: pki/edge.pem',
        '    ca: true',
        '    hostnames:',
        `      ${ZONE}: [api.example.com]`,
        '  b:',
        '    file: pki/edge2.pem',
        '    ca: true',
        '    hostnames:',
        `      ${ZONE}: [API.example.com]`
      ),
      [[11, 'hostname api.example.com in zone fedcba9876543210fedcba9876543210 is listed for "a" too']]
    ],
    [
      'a duplicate name (YAML key)',
      lines('certificates:', '  a:', '    file: pki/edge.pem', '    ca: true', '  a:', '    file: pki/edge.pem', '    ca: true'),
      [[5, 'not valid YAML']]
    ],
    ['not YAML at all', lines('certificates: [', '  oops'), [[3, 'not valid YAML']]],
    ['an alias', lines('x: &k pki/edge.pem', 'certificates:', '  a:', '    file: *k', '    ca: true'), [[4, 'aliases']]],
    ['an empty prefix', lines('certificates: {}', 'prune:', '  name-prefix: ""'), [[3, 'name-prefix must not be empty']]]
  ]
  it.each(cases)('%s', (_, text, expected) => {
    const got = problemsOf(text)
    // Every expected problem at its line (a case may find one more, as the alias case's unknown key).
    for (const [line, message] of expected)
      expect(
        got.some(([l, m]) => l === line && m.includes(message)),
        JSON.stringify(got)
      ).toBe(true)
  })

  it('reports every problem of the files and keys in one run, sorted by line', () => {
    const got = problemsOf(lines('certificates:', '  a:', '    file: pki/nope.pem', '    ca: true', '  client:', '    file: pki/client.pem', '    ca: false'))
    expect(got.map(([l]) => l)).toEqual([3, 5])
  })

  it('a valid manifest: names, files, the key from the environment (passed to onSecret at once), exact hostnames', () => {
    const secrets: string[] = []
    const m = parseManifest(
      lines(
        'certificates:',
        '  acme-edge-ca:',
        '    file: pki/edge.pem',
        '    ca: true',
        '    hostnames:',
        `      ${ZONE}:`,
        '        - API.example.com.',
        '        - api.example.com',
        '  acme-client:',
        '    file: pki/client.pem',
        '    ca: false',
        '    private-key-env: CLIENT_KEY',
        'prune:',
        '  name-prefix: acme-'
      ),
      'certs.yml',
      { ...ctx, onSecret: (v) => secrets.push(v) }
    )
    expect(m.certificates.map((c) => [c.name, c.line, c.certificate.label, c.ca])).toEqual([
      ['acme-edge-ca', 2, 'pki/edge.pem', true],
      ['acme-client', 9, 'pki/client.pem', false]
    ])
    expect(m.certificates[0]?.zones).toEqual([{ zoneId: ZONE, hostnames: ['api.example.com'] }])
    expect(m.certificates[1]?.privateKey?.text).toBe(key)
    expect(m.certificates[1]?.privateKey?.label).toBe('environment variable CLIENT_KEY')
    expect(secrets).toEqual([key])
    expect(m.prune).toEqual({ namePrefix: 'acme-' })
  })

  it('a zone id of digits only stays the id (the YAML core schema would read a number)', () => {
    const digits = '12345678901234567890123456789012'
    const m = parseManifest(lines('certificates:', '  a:', '    file: pki/edge.pem', '    ca: true', '    hostnames:', `      ${digits}: [api.example.com]`), 'certs.yml', ctx)
    expect(m.certificates[0]?.zones?.[0]?.zoneId).toBe(digits)
  })

  it('a manifest that does not exist is one problem at line 1', () => {
    expect(() => readManifest('nope.yml', ctx)).toThrow(ManifestInvalid)
  })
})
