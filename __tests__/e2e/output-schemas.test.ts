/**
 * Every JSON output of every operation, as the bundle writes it, parses with its schema in
 * src/report/output-schemas.ts: the schemas the README's field tables are generated from. The
 * schemas' objects are strict, so a field written but not documented (as `certificateIndex` was)
 * fails here.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { jsonOutputSchema } from '../../src/report/output-schemas.js'
import { e2eBackendPool } from '../helpers/e2e.js'
import type { ActionRun } from '../helpers/run-action.js'

const backend = e2eBackendPool(afterAll)
const HOST = 'api.example.com'
const day = 86_400_000

/** Parses each JSON output of the run with its schema; returns the names of the outputs checked. */
function expectOutputsMatchSchemas(operation: string, run: ActionRun): string[] {
  expect(run.code, run.stdout).toBe(0)
  const checked: string[] = []
  for (const [name, value] of Object.entries(run.outputs)) {
    const schema = jsonOutputSchema(operation, name)
    if (!/^[[{]/.test(value)) {
      expect(schema, `${operation}: ${name} is not JSON but has a JSON schema`).toBeUndefined()
      continue
    }
    expect(schema, `${operation}: JSON output ${name} has no schema in src/report/output-schemas.ts`).toBeDefined()
    const parsed = schema?.safeParse(JSON.parse(value))
    expect(parsed?.error?.issues ?? [], `${operation}: ${name} = ${value}`).toEqual([])
    checked.push(name)
  }
  return checked.sort()
}

describe('JSON outputs', () => {
  it('of every operation match the documented schemas, every field included', async () => {
    const b = await backend()
    // A chain whose leaf expires soon: findings about one certificate carry certificateIndex.
    const ca = await makeCertificate({ name: 'CN=Schema CA' })
    const soon = await makeCertificate({ ca: true, name: 'CN=Soon CA', notAfter: new Date(Date.now() + 10 * day) })
    const file = b.file(soon.pem + ca.pem)
    const old = await makeCertificate()
    const [oldId] = b.emulator.seed([{ pem: old.pem, ca: true, name: 'rotated', uploadedOn: new Date(Date.now() - day) }])
    b.emulator.setHostnames(b.emulator.zoneId, oldId ?? '', [HOST])
    const blocked = await makeCertificate()
    const [blockedId] = b.emulator.seed([{ pem: blocked.pem, ca: true, name: 'rotated', uploadedOn: new Date(Date.now() - 2 * day) }])
    b.emulator.setAssociations(blockedId ?? '', [{ service: 'gateway', status: 'active' }])

    const upload = await b.run({ 'operation': 'upload', 'name': 'schema', 'certificate-path': file })
    expect(expectOutputsMatchSchemas('upload', upload)).toEqual(['certificate', 'findings'])
    expect(JSON.parse(upload.outputs.findings ?? '[]')).toContainEqual(expect.objectContaining({ certificateIndex: 0 }))
    const id = upload.outputs['certificate-id'] ?? ''

    const runs: [string, Record<string, string>, string[]][] = [
      ['list', { operation: 'list' }, ['certificates']],
      ['get', { 'operation': 'get', 'certificate-id': id }, ['associations', 'certificate']],
      ['associations', { 'operation': 'associations', 'name': 'schema', 'zone-id': b.emulator.zoneId }, ['associations', 'certificate', 'hostnames']],
      ['associate', { 'operation': 'associate', 'certificate-id': id, 'zone-id': b.emulator.zoneId, 'hostnames': 'other.example.com' }, ['certificate', 'hostnames']],
      ['validate', { 'operation': 'validate', 'certificate-path': file }, ['findings']],
      [
        'rotate',
        { 'operation': 'rotate', 'name': 'rotated', 'certificate-path': b.file((await makeCertificate()).pem), 'zone-id': b.emulator.zoneId, 'hostnames': HOST },
        ['blocked-certificate-ids', 'certificate', 'deleted-certificate-ids', 'findings', 'hostnames', 'previous-certificate-ids']
      ],
      ['report', { 'operation': 'report', 'expiry-error-days': '1' }, ['certificates']]
    ]
    for (const [operation, inputs, json] of runs) expect(expectOutputsMatchSchemas(operation, await b.run(inputs)), operation).toEqual(json)

    const spare = (await b.run({ 'operation': 'upload', 'name': 'spare', 'certificate-path': b.file((await makeCertificate()).pem) })).outputs['certificate-id'] ?? ''
    expect(expectOutputsMatchSchemas('delete', await b.run({ 'operation': 'delete', 'certificate-id': spare }))).toEqual(['certificate', 'deleted-certificate-ids'])
  })

  it('an undocumented field fails the check', () => {
    const finding = { code: 'CERT_EXPIRED', severity: 'error', message: 'm', file: 'f.pem', line: 1 }
    expect(jsonOutputSchema('validate', 'findings')?.safeParse([finding]).success).toBe(true)
    expect(jsonOutputSchema('validate', 'findings')?.safeParse([{ ...finding, undocumented: 1 }]).success).toBe(false)
  })
})
