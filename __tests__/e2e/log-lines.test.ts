/**
 * What each operation prints, through the bundle against the emulator: one line for each step that
 * did something, no group left empty, nothing said twice. A re-run (everything already done) is the
 * case that used to print empty groups and the reuse twice.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { e2eBackendPool, type E2EBackend } from '../helpers/e2e.js'

const backend = e2eBackendPool(afterAll)
const HOST = 'api.example.com'
const day = 86_400_000
const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g

/** The log as a reader sees it: without masks and debug lines (hidden unless step debug is on). */
const shown = (stdout: string): string[] => stdout.split('\n').filter((l) => l !== '' && !l.startsWith('::add-mask::') && !l.startsWith('::debug::'))

/** Each group, with the lines it holds. */
function groupsOf(stdout: string): { name: string; lines: string[] }[] {
  const groups: { name: string; lines: string[] }[] = []
  let open: { name: string; lines: string[] } | undefined
  for (const l of shown(stdout)) {
    if (l.startsWith('::group::')) groups.push((open = { name: l.slice('::group::'.length), lines: [] }))
    else if (l === '::endgroup::') open = undefined
    else open?.lines.push(l)
  }
  return groups
}

/** Asserts the three rules of the log; `what` names the run in the failure message. */
function expectTidyLog(stdout: string, what: string): void {
  const lines = shown(stdout)
  const empty = lines.filter((l, i) => l.startsWith('::group::') && lines[i + 1] === '::endgroup::')
  expect(empty, `${what}: empty groups\n${stdout}`).toEqual([])
  const said = lines.filter((l) => !l.startsWith('::group::') && l !== '::endgroup::')
  expect(
    said.filter((l, i) => said.indexOf(l) !== i),
    `${what}: repeated lines\n${stdout}`
  ).toEqual([])
  // Two lines of one step about the same certificate say the same thing twice (the reuse did).
  for (const g of groupsOf(stdout)) {
    const ids = g.lines.flatMap((l) => [...new Set(l.match(ID) ?? [])])
    expect(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      `${what}: group "${g.name}" names a certificate twice\n${stdout}`
    ).toEqual([])
  }
}

async function seedEarlier(b: E2EBackend, name: string, hosts?: string[]): Promise<string> {
  const old = await makeCertificate()
  const [id] = b.emulator.seed([{ pem: old.pem, ca: true, name, uploadedOn: new Date(Date.now() - day) }])
  if (hosts) b.emulator.setHostnames(b.emulator.zoneId, id as string, hosts)
  return id as string
}

describe('the log of each operation', () => {
  it('rotate without zones: the first run and a re-run print no empty group and say the reuse once', async () => {
    const b = await backend()
    await seedEarlier(b, 'edge-ca')
    const inputs = { 'operation': 'rotate', 'name': 'edge-ca', 'certificate-path': b.file((await makeCertificate()).pem) }
    const first = await b.run(inputs)
    expect(first.code, first.stdout).toBe(0)
    expectTidyLog(first.stdout, 'rotate')
    expect(shown(first.stdout)).toContain(`::group::Validate ${inputs['certificate-path']}`)
    expect(groupsOf(first.stdout).find((g) => g.name.startsWith('Validate'))?.lines).toEqual([
      '1 certificate(s), 0 warning(s); ca: auto → true (the first certificate is a CA per its Basic Constraints).'
    ])

    const again = await b.run(inputs)
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.reused).toBe('true')
    expectTidyLog(again.stdout, 'rotate re-run')
    const id = again.outputs['certificate-id'] ?? ''
    expect(shown(again.stdout).filter((l) => l.includes(id))).toEqual([`An identical certificate is already in the account: reusing ${id}.`])
    // Nothing left to delete: no deletion step at all.
    expect(groupsOf(again.stdout).map((g) => g.name)).toEqual([
      `Validate ${inputs['certificate-path']}`,
      'Find the earlier versions of "edge-ca"',
      'Upload the new certificate'
    ])
  })

  it('rotate with zone-id and hostnames: the first run and a re-run print no empty group', async () => {
    const b = await backend()
    await seedEarlier(b, 'client-ca', [HOST])
    const inputs = { 'operation': 'rotate', 'name': 'client-ca', 'certificate-path': b.file((await makeCertificate()).pem), 'zone-id': b.emulator.zoneId, 'hostnames': HOST }
    const first = await b.run(inputs)
    expect(first.code, first.stdout).toBe(0)
    expectTidyLog(first.stdout, 'rotate with zones')
    expect(shown(first.stdout).some((l) => l.startsWith('Deleted earlier certificate'))).toBe(true)

    const again = await b.run(inputs)
    expect(again.code, again.stdout).toBe(0)
    expectTidyLog(again.stdout, 'rotate with zones, re-run')
    expect(groupsOf(again.stdout).map((g) => g.name)).not.toContain('Delete the earlier versions nothing uses')
  })

  it('rotate dry-run says what it would delete, inside the deletion step', async () => {
    const b = await backend()
    const old = await seedEarlier(b, 'edge-ca')
    const r = await b.run({ 'operation': 'rotate', 'name': 'edge-ca', 'certificate-path': b.file((await makeCertificate()).pem), 'dry-run': 'true' })
    expect(r.code, r.stdout).toBe(0)
    expectTidyLog(r.stdout, 'rotate dry-run')
    expect(
      groupsOf(r.stdout)
        .find((g) => g.name === 'Plan the deletion of earlier versions (dry run)')
        ?.lines.join('\n')
    ).toMatch(new RegExp(`^Dry run: would delete ${old} `))
    expect(b.emulator.certificates().map((c) => c.id)).toContain(old)
  })

  it('get prints the certificate it read, by id and by name', async () => {
    const b = await backend()
    const up = await b.run({ 'operation': 'upload', 'name': 'by-name', 'certificate-path': b.file((await makeCertificate()).pem) })
    const id = up.outputs['certificate-id'] ?? ''
    b.emulator.setAssociations(id, [{ service: 'gateway', status: 'active' }])
    for (const ref of [{ 'certificate-id': id }, { name: 'by-name' }] as Record<string, string>[]) {
      const r = await b.run({ operation: 'get', ...ref })
      expect(r.code, r.stdout).toBe(0)
      expectTidyLog(r.stdout, 'get')
      expect(shown(r.stdout)).toEqual([
        expect.stringMatching(new RegExp(`^Certificate ${id} \\("by-name"\\), ca: true, expires \\d{4}-\\d\\d-\\d\\dT[^,]+, 1 association\\(s\\)\\.$`))
      ])
    }
  })

  it('report prints what it read, whatever expires', async () => {
    const b = await backend()
    b.emulator.seedSynthetic(3)
    const r = await b.run({ operation: 'report' })
    expect(r.code, r.stdout).toBe(0)
    expectTidyLog(r.stdout, 'report')
    expect(shown(r.stdout).filter((l) => l.startsWith('Read '))).toEqual([
      expect.stringMatching(
        /^Read 3 certificate\(s\) and the associations of \d+ \(associations: expiring\): \d+ expired, \d+ inside expiry-error-days \(\d+\), \d+ within expiry-warning-days \(\d+\)\.$/
      )
    ])
  })

  it('upload, list, associations, associate, validate and delete: a re-run of each prints no empty group and nothing twice', async () => {
    const b = await backend()
    const file = b.file((await makeCertificate()).pem)
    const runs: [string, Record<string, string>][] = [['upload', { 'operation': 'upload', 'name': 'ca', 'certificate-path': file }]]
    const up = await b.run(runs[0]![1])
    const id = up.outputs['certificate-id'] ?? ''
    runs.push(
      ['list', { operation: 'list' }],
      ['associations', { 'operation': 'associations', 'certificate-id': id, 'zone-id': b.emulator.zoneId }],
      ['associate', { 'operation': 'associate', 'certificate-id': id, 'zone-id': b.emulator.zoneId, 'hostnames': HOST }],
      ['validate', { 'operation': 'validate', 'certificate-path': file }]
    )
    for (const [what, inputs] of runs) {
      for (const round of ['', ', re-run']) {
        const r = await b.run(inputs)
        expect(r.code, r.stdout).toBe(0)
        expect(shown(r.stdout).length, `${what}${round} prints a line`).toBeGreaterThan(0)
        expectTidyLog(r.stdout, `${what}${round}`)
      }
    }
    const spare = (await b.run({ 'operation': 'upload', 'name': 'spare', 'certificate-path': b.file((await makeCertificate()).pem) })).outputs['certificate-id'] ?? ''
    for (const round of ['', ', re-run']) {
      const r = await b.run({ 'operation': 'delete', 'certificate-id': spare, 'missing-ok': 'true' })
      expect(r.code, r.stdout).toBe(0)
      expect(shown(r.stdout).length).toBe(1)
      expectTidyLog(r.stdout, `delete${round}`)
    }
  })
})
