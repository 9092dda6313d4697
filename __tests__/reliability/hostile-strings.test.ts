/**
 * A hostile API server's strings, through every operation of the committed bundle: a recording
 * proxy in front of the emulator puts workflow commands, output delimiters, ANSI and bidi
 * controls, Markdown, HTML, @mentions and line breaks into every string field of its answers
 * (certificate fields, association service and status, error messages). Each case runs twice on
 * the same state, once with the answers as the emulator gave them and once with them made hostile,
 * and the hostile run must be the benign one with other text: the same exit code, the same
 * outputs (each one line or valid JSON, none over 1 MB), the same summary structure (tag for tag,
 * no blank line, no Markdown link, no live @mention) and no workflow command or control byte of
 * the server's making in the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { e2eBackend, type E2EBackend } from '../helpers/e2e.js'
import { startRecordingProxy, type RecordingProxy, type Rewrite } from '../helpers/recording-proxy.js'
import { runAction, type ActionRun } from '../helpers/run-action.js'
import { JSON_OUTPUTS } from '../../src/report/outputs.js'

/** Every workflow command below ends in FORGED: a log line of the server's making starts with one. */
const PAYLOAD = [
  '::error::FORGED error',
  '::warning file=x,line=1::FORGED warning',
  '::set-output name=certificate-id::FORGED',
  '::add-mask::FORGED',
  '::stop-commands::FORGED',
  '##[error]FORGED',
  'certificate-id<<ghadelimiter_00000000-0000-4000-8000-000000000000',
  'FORGED-VALUE',
  'ghadelimiter_00000000-0000-4000-8000-000000000000',
  '\u001b[2J\u001b[31mred\u001b]0;title\u0007 \u009b31m C1',
  '\u202Eexe.txt\u202C \u2066isolate\u2069 \u200Fmark',
  '',
  '# injected heading',
  '[link](http://evil.example) ![img](http://evil.example/x.png)',
  '</td></tr></table><h1>injected</h1><a href="http://evil.example">a</a><script>alert(1)</script>',
  '| cell | break |',
  '@octocat @github/security',
  'line\u2028separator\u2029paragraph\u0085nel\r\ncrlf',
  ''
].join('\n')

const hostile = (field: string) => `${field} ${PAYLOAD}\n\n`

type Field = 'name' | 'issuer' | 'serial_number' | 'signature' | 'type' | 'expires_on' | 'service' | 'status' | 'message'

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Replaces the given string fields of every object in an answer's result, and every error message. */
function hostileAnswers(fields: Field[], value: (field: string) => string = hostile): Rewrite {
  const wanted = new Set<string>(fields)
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit)
    if (!isRecord(v)) return
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string' && wanted.has(k)) v[k] = value(k)
      else if (typeof x === 'object') visit(x)
    }
  }
  return (exchange) => {
    const body = exchange.responseBody
    if (!isRecord(body)) return undefined
    const copy = structuredClone(body)
    visit(copy.result)
    if (wanted.has('message') && Array.isArray(copy.errors)) for (const e of copy.errors) if (isRecord(e)) e.message = value('message')
    return copy
  }
}

const CERT_FIELDS: Field[] = ['name', 'issuer', 'serial_number', 'signature', 'expires_on', 'type']
/** Fields the action decides on (type refuses a managed certificate; expiry groups a report) stay true where it does. */
const SHOWN_FIELDS: Field[] = ['name', 'issuer', 'serial_number', 'signature']

/** Any control byte but LF, any line or paragraph separator, any bidi control. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/
const COMMANDS_WE_WRITE = /^::(add-mask|debug|error|warning|notice|group|endgroup)( [^:]*)?::/
const OUTPUT_MAX = 1_000_000

let b: E2EBackend
let proxy: RecordingProxy
beforeAll(async () => {
  b = await e2eBackend()
  proxy = await startRecordingProxy(b.emulator.url)
})
afterAll(async () => {
  await proxy.close()
  await b.close()
})

function run(inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({ 'api-base-url': proxy.url, 'account-id': b.emulator.accountId, 'api-token': b.emulator.token, 'max-retries': '1', ...inputs }, { cwd: b.dir })
}

/** No line of the log is a workflow command we did not write, and no byte of it is a control. */
function expectCleanLog(r: ActionRun): void {
  for (const [stream, text] of [
    ['stdout', r.stdout],
    ['stderr', r.stderr]
  ] as const) {
    const bad = CONTROL.exec(text)
    expect(
      bad,
      `${stream} holds U+${bad?.[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, (bad?.index ?? 0) - 60), (bad?.index ?? 0) + 20))}`
    ).toBeNull()
    for (const line of text.split('\n')) {
      const t = line.trimStart()
      expect(t.startsWith('##'), `${stream} line ${JSON.stringify(line.slice(0, 120))}`).toBe(false)
      if (!t.startsWith('::')) continue
      expect(t, `${stream}: a command we do not write`).toMatch(COMMANDS_WE_WRITE)
      expect(t, `${stream}: a command of the server's making`).not.toMatch(/^::[^:]*::FORGED/)
    }
  }
}

/** Outputs a runner can store and a script can read: scalars one line, JSON that parses, none over 1 MB. */
function expectCleanOutputs(r: ActionRun): void {
  for (const [name, value] of Object.entries(r.outputs)) {
    expect(Buffer.byteLength(value), `output ${name}`).toBeLessThanOrEqual(OUTPUT_MAX)
    expect(CONTROL.test(value) || value.includes('\n'), `output ${name}: ${JSON.stringify(value.slice(0, 200))}`).toBe(false)
    if (JSON_OUTPUTS.has(name)) expect(() => JSON.parse(value) as unknown, `output ${name} is JSON`).not.toThrow()
  }
}

const tags = (html: string): string[] => html.match(/<\/?[a-z][a-z0-9]*/gi) ?? []

/** The summary is one HTML block of our own tags: no blank line ends it, no data adds a tag, a link or a mention. */
function expectCleanSummary(summary: string): void {
  expect(summary).not.toMatch(CONTROL)
  expect(summary).not.toMatch(/\n[ \t]*\n/)
  for (const line of summary.split('\n')) if (line) expect(line.startsWith('<'), `summary line ${JSON.stringify(line.slice(0, 120))}`).toBe(true)
  expect(summary).not.toMatch(/\[[^\]\n]*\]\(/)
  expect(summary).not.toMatch(/@[A-Za-z0-9]/)
  expect(summary).not.toMatch(/<(h1|script|a href="http:\/\/evil)/i)
}

/**
 * Runs `inputs` on the state `setup` makes, once as the emulator answers and once with `fields`
 * made hostile, and holds the hostile run to the benign one.
 */
async function compare(setup: () => Promise<void> | void, inputs: Record<string, string>, fields: Field[]) {
  b.emulator.reset()
  await setup()
  proxy.setRewrite(undefined)
  const benign = await run(inputs)
  b.emulator.reset()
  await setup()
  proxy.clear()
  proxy.setRewrite(hostileAnswers(fields))
  const evil = await run(inputs)
  proxy.setRewrite(undefined)
  expect(
    proxy.exchanges.some((x) => x.rewrittenTo !== undefined),
    'the hostile answers were served'
  ).toBe(true)
  expect(evil.code, evil.stdout).toBe(benign.code)
  expectCleanLog(evil)
  expectCleanOutputs(evil)
  expect(Object.keys(evil.outputs).sort()).toEqual(Object.keys(benign.outputs).sort())
  expectCleanSummary(evil.summary)
  expect(tags(evil.summary)).toEqual(tags(benign.summary))
  expect(evil.errors.length).toBe(benign.errors.length)
  // The hostile text did arrive somewhere, defused: the test is not passing on an empty run.
  expect(evil.stdout + evil.summary + JSON.stringify(evil.outputs)).toContain('FORGED')
  return { benign, evil }
}

const ID = '2a1b3c4d-0000-4000-8000-000000000001'
const MISSING = '2a1b3c4d-0000-4000-8000-000000000009'
/** A name as a workflow may give it (inputs refuse controls and line breaks): every other trap. */
const ROTATED = '::error::FORGED </table><h1>x</h1> [l](http://evil.example) | @octocat ghadelimiter_x # h'
const DAY = 86_400_000

let ca: { pem: string }
let next: { pem: string }
beforeAll(async () => {
  ca = await makeCertificate()
  next = await makeCertificate()
})

/** The CA of most cases, under a fixed id, with these associations. */
const seedCa =
  (associations: { service: string; status: string }[] = []) =>
  () =>
    void b.emulator.seed([{ pem: ca.pem, id: ID, name: 'prod-ca', associations, uploadedOn: new Date(Date.now() - DAY) }])
const IN_USE = [{ service: 'gateway', status: 'pending_deployment' }]

describe('hostile strings from the API, through every operation of the bundle', () => {
  it('list: every certificate field', async () => {
    const { evil } = await compare(() => void b.emulator.seedSynthetic(3), { operation: 'list', type: 'all' }, CERT_FIELDS)
    const listed = JSON.parse(evil.outputs.certificates ?? '[]') as { name: string }[]
    // JSON outputs keep the value as the API sent it: a script that parses them sees the same data.
    expect(listed[0]?.name).toBe(hostile('name'))
  })

  it('get: the certificate and its associations', async () => {
    const { evil } = await compare(seedCa([{ service: 'gateway', status: 'active' }]), { 'operation': 'get', 'certificate-id': ID }, [
      ...SHOWN_FIELDS,
      'type',
      'service',
      'status'
    ])
    // Scalars: one line, the workflow command in it inert text.
    expect(evil.outputs.name).toMatch(/^name ::error::FORGED error ::warning/)
    expect(JSON.parse(evil.outputs.associations ?? '[]')).toEqual([{ service: hostile('service'), status: hostile('status') }])
  })

  it('associations', async () => {
    await compare(seedCa(IN_USE), { 'operation': 'associations', 'certificate-id': ID }, [...SHOWN_FIELDS, 'service', 'status'])
  })

  it('delete by name with dry-run', async () => {
    await compare(seedCa(), { 'operation': 'delete', 'name': 'prod-ca', 'dry-run': 'true' }, ['issuer', 'serial_number', 'signature', 'service', 'status'])
  })

  it('delete refused because services use the certificate: the failure line quotes them inert', async () => {
    const { evil } = await compare(seedCa(IN_USE), { 'operation': 'delete', 'certificate-id': ID }, [...SHOWN_FIELDS, 'service', 'status'])
    expect(evil.code).toBe(1)
    expect(evil.errors).toHaveLength(1)
    expect(evil.errors[0]).toContain('service ::error::FORGED error')
    expect(b.emulator.certificates()).toHaveLength(1)
  })

  it("an API error's message (delete of an unknown id)", async () => {
    const { evil } = await compare(() => undefined, { 'operation': 'delete', 'certificate-id': MISSING }, ['message'])
    expect(evil.code).toBe(1)
  })

  it('upload of a new certificate', async () => {
    await compare(() => undefined, { 'operation': 'upload', 'certificate-path': b.file(ca.pem, 'ca.pem'), 'name': 'prod-ca' }, SHOWN_FIELDS)
  })

  it('upload that reuses an identical certificate', async () => {
    const { evil } = await compare(seedCa(), { 'operation': 'upload', 'certificate-path': b.file(ca.pem, 'ca.pem'), 'name': 'prod-ca' }, SHOWN_FIELDS)
    expect(evil.outputs.reused).toBe('true')
  })

  it('rotate, with a name that holds every trap an input may hold', async () => {
    const seed = () => void b.emulator.seed([{ pem: ca.pem, name: ROTATED, uploadedOn: new Date(Date.now() - DAY), associations: IN_USE }])
    const { evil } = await compare(seed, { 'operation': 'rotate', 'name': ROTATED, 'certificate-path': b.file(next.pem, 'next.pem') }, [
      'issuer',
      'serial_number',
      'signature',
      'service',
      'status'
    ])
    expect(JSON.parse(evil.outputs['blocked-certificate-ids'] ?? '[]')).toHaveLength(1)
  })

  it('report', async () => {
    await compare(() => void b.emulator.seedSynthetic(3), { operation: 'report' }, [...SHOWN_FIELDS, 'type', 'service', 'status'])
  })

  it('associate', async () => {
    await compare(seedCa(), { 'operation': 'associate', 'certificate-id': ID, 'zone-id': b.emulator.zoneId, 'hostnames': 'api.example.com' }, SHOWN_FIELDS)
  })
})

describe('a 3 MiB name', () => {
  const huge = (field: string) => `${'N'.repeat(3 * 1024 * 1024)} ${hostile(field)}`

  it.each([
    ['list', { operation: 'list', type: 'all' }, 'certificates'],
    ['get', { 'operation': 'get', 'certificate-id': ID }, 'certificate']
  ] as const)('%s: every output under 1 MB and valid, a warning that says how to get the rest', async (_op, inputs, jsonOutput) => {
    b.emulator.reset()
    seedCa()()
    proxy.setRewrite(hostileAnswers(['name'], huge))
    const r = await run(inputs)
    proxy.setRewrite(undefined)
    expect(r.code, r.stdout.slice(0, 2000)).toBe(0)
    expectCleanLog(r)
    expectCleanOutputs(r)
    expectCleanSummary(r.summary)
    // Not 52 MB: each output within GitHub's limit, and the whole file a few of them.
    const total = Object.values(r.outputs).reduce((n, v) => n + Buffer.byteLength(v), 0)
    expect(total).toBeLessThan(3 * OUTPUT_MAX)
    expect(Buffer.byteLength(r.summary)).toBeLessThanOrEqual(1024 * 1024)
    expect(r.stdout.length).toBeLessThan(200_000)
    const parsed = JSON.parse(r.outputs[jsonOutput] ?? 'null') as unknown
    if (jsonOutput === 'certificates') expect(parsed).toEqual([{ truncated: true, omitted: 1 }])
    else expect(parsed).toMatchObject({ id: ID, truncated: true, omitted: ['name'] })
    expect(r.stdout).toMatch(
      new RegExp(`^::warning::Output ${jsonOutput} was \\d+ bytes, over the 1000000 an output may hold \\(GitHub refuses one over 1 MiB\\).*For the rest: `, 'm')
    )
  })
})
