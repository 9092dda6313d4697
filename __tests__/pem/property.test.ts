import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { readPemBlocks, validatePem, type Profile, type ValidateOptions } from '../../src/pem/index.js'
import { EC256, NOW, assertWellFormed, issue, keyPair, pkcs8Pem } from './helpers.js'

const DIR = join(import.meta.dirname, '..', 'fixtures', 'vectors')
const CORPUS = readdirSync(DIR)
  .filter((f) => !f.endsWith('.md'))
  .map((f) => readFileSync(join(DIR, f), 'utf8'))
const DERS = CORPUS.flatMap((text) => readPemBlocks(text, 'x').blocks.map((b) => b.der))

// Lines that steer the reader into its rarer states.
const INTERESTING_LINES = [
  '-----BEGIN CERTIFICATE-----',
  '-----END CERTIFICATE-----',
  '-----BEGIN PRIVATE KEY-----',
  '-----END PRIVATE KEY-----',
  '-----BEGIN RSA PRIVATE KEY-----',
  'Proc-Type: 4,ENCRYPTED',
  'DEK-Info: AES-128-CBC,00',
  '-----BEGIN PKCS7-----',
  '----BEGIN CERTIFICATE-----',
  '  -----END CERTIFICATE-----  ',
  '-----END CERTIFICATE-----junk',
  '',
  '   ',
  '\t',
  '====',
  'AAAA',
  'MIIB',
  '"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n"',
  '\ufeff',
  '\r',
  '-----BEGIN CERTIFICATE----- MIIB AAAA -----END CERTIFICATE-----'
]

type LineEdit = { kind: 'delete'; at: number } | { kind: 'duplicate'; at: number } | { kind: 'swap'; at: number; other: number } | { kind: 'insert'; at: number; line: string }

const lineEdit: fc.Arbitrary<LineEdit> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), line: fc.oneof(fc.constantFrom(...INTERESTING_LINES), fc.string({ maxLength: 80 })) })
)

function applyLineEdits(text: string, edits: LineEdit[]): string {
  const lines = text.split('\n')
  for (const edit of edits) {
    const at = lines.length === 0 ? 0 : edit.at % lines.length
    if (edit.kind === 'delete') lines.splice(at, 1)
    else if (edit.kind === 'duplicate') lines.splice(at, 0, lines[at] ?? '')
    else if (edit.kind === 'insert') lines.splice(at, 0, edit.line)
    else {
      const other = lines.length === 0 ? 0 : edit.other % lines.length
      const a = lines[at] ?? ''
      lines[at] = lines[other] ?? ''
      lines[other] = a
    }
  }
  return lines.join('\n')
}

type ByteEdit =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() })
)

function applyByteEdits(input: Uint8Array, edits: ByteEdit[]): Uint8Array {
  let bytes = Array.from(input)
  for (const edit of edits) {
    const at = bytes.length === 0 ? 0 : edit.at % bytes.length
    if (edit.kind === 'flip') bytes[at] = (bytes[at] ?? 0) ^ (1 << edit.bit)
    else if (edit.kind === 'insert') bytes.splice(at, 0, ...edit.bytes)
    else if (edit.kind === 'delete') bytes.splice(at, edit.length)
    else bytes = bytes.slice(0, at)
  }
  return new Uint8Array(bytes)
}

function toPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64')
  return `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`
}

let KEYS: string[] = []
let CHAIN_TAIL = ''

beforeAll(async () => {
  const rootKeys = await keyPair(EC256)
  const root = await issue({ name: 'CN=Fuzz Root', keys: rootKeys, ca: true })
  CHAIN_TAIL = root.pem
  KEYS = [await pkcs8Pem(rootKeys), await pkcs8Pem(await keyPair(EC256))]
})

const optionsArb = (file = 'fuzz.pem'): fc.Arbitrary<ValidateOptions> =>
  fc
    .record({
      profile: fc.constantFrom<Profile | 'auto'>('ca', 'leaf', 'auto'),
      requirePrivateKey: fc.boolean(),
      key: fc.oneof(fc.constant(undefined), fc.nat(), fc.string({ maxLength: 200 })),
      keyEdits: fc.array(lineEdit, { maxLength: 3 }),
      expiryErrorDays: fc.integer({ min: 0, max: 60 })
    })
    .map(({ profile, requirePrivateKey, key, keyEdits, expiryErrorDays }) => {
      const options: ValidateOptions = { file, profile, now: NOW, expiryWarningDays: 30, expiryErrorDays, requirePrivateKey }
      if (typeof key === 'number') options.privateKey = { text: applyLineEdits(KEYS[key % KEYS.length] ?? '', keyEdits), file: 'key.pem' }
      else if (typeof key === 'string') options.privateKey = { text: key, file: 'key.pem' }
      return options
    })

function check(input: string | Uint8Array, options: ValidateOptions): void {
  const report = validatePem(input, options)
  assertWellFormed(report)
  const { blocks, findings } = readPemBlocks(input, options.file)
  for (const f of findings) expect(f.line).toBeGreaterThanOrEqual(1)
  for (const b of blocks) {
    expect(b.line).toBeGreaterThanOrEqual(1)
    // Equal when a whole block sits on one line with literal "\n" separators.
    expect(b.endLine).toBeGreaterThanOrEqual(b.line)
    expect(b.der.length).toBeGreaterThan(0)
  }
}

// Runs are sized to keep this file well under 20 s on two cores; fast-check prints the seed on failure.
describe('validatePem and readPemBlocks never throw and always report consistently', () => {
  it('on vector files with lines deleted, duplicated, swapped and inserted', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(lineEdit, { minLength: 1, maxLength: 6 }), optionsArb(), (pick, edits, options) => {
        check(applyLineEdits(CORPUS[pick % CORPUS.length] ?? '', edits), options)
      }),
      { numRuns: 3000 }
    )
  })

  it('on vector files with raw bytes flipped, inserted and deleted', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(byteEdit, { minLength: 1, maxLength: 4 }), optionsArb(), (pick, edits, options) => {
        check(applyByteEdits(new TextEncoder().encode(CORPUS[pick % CORPUS.length] ?? ''), edits), options)
      }),
      { numRuns: 2500 }
    )
  })

  it('on certificates whose DER is mutated inside intact PEM armor (reaching the ASN.1 walker)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(byteEdit, { minLength: 1, maxLength: 3 }), fc.boolean(), optionsArb(), (pick, edits, withIssuer, options) => {
        const pem = toPem(applyByteEdits(DERS[pick % DERS.length] ?? new Uint8Array(), edits))
        check(withIssuer ? pem + CHAIN_TAIL : pem, options)
      }),
      { numRuns: 4000 }
    )
  })

  it('on random text, random bytes and random line soups', () => {
    const soup = fc
      .array(fc.oneof(fc.constantFrom(...INTERESTING_LINES), fc.base64String({ maxLength: 64 }), fc.string({ maxLength: 40 })), { maxLength: 30 })
      .map((lines) => lines.join('\n'))
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.uint8Array({ maxLength: 400 }), soup), optionsArb(), (input, options) => {
        check(input, options)
      }),
      { numRuns: 3000 }
    )
  })
})
