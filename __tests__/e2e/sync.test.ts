/**
 * operation: sync through the committed bundle against the emulator: the manifest → the plan →
 * the apply, asserted on the emulator's request log and state. Each case gets its own emulator
 * and workspace, so the cases run concurrently.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { tmpdir } from 'node:os'
import { afterAll, describe, expect, it } from 'vitest'
import type { RequestRecord } from '../../emulator/index.js'
import { makeCertificate, makeClientChain } from '../../scripts/lib/certs.js'
import { e2eBackendPool, type E2EBackend } from '../helpers/e2e.js'
import { startGitHubFake, type FakeToken } from '../helpers/github-fake.js'
import { findLeaks, secretsOf } from '../helpers/leak-scan.js'
import type { ActionRun } from '../helpers/run-action.js'

const backend = e2eBackendPool(afterAll)
const day = 86_400_000

interface PlanRow {
  name: string
  action: string
  id?: string
  details: string
}
const planOf = (r: ActionRun): PlanRow[] => JSON.parse(r.outputs.plan ?? '[]') as PlanRow[]
const actions = (r: ActionRun): string[] => planOf(r).map((p) => `${p.action} ${p.name}`)
const writes = (b: E2EBackend): string[] => b.emulator.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.route}`)
const named = (b: E2EBackend, name: string) => b.emulator.certificates().filter((c) => c.name === name)

/** Writes the manifest (and PEM files) into the backend's workspace and runs sync. */
async function sync(b: E2EBackend, manifest: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> {
  writeFileSync(path.join(b.dir, 'certs.yml'), manifest)
  return b.run({ operation: 'sync', manifest: 'certs.yml', ...inputs }, env)
}

function pem(b: E2EBackend, name: string, text: string): string {
  mkdirSync(path.join(b.dir, 'pki'), { recursive: true })
  writeFileSync(path.join(b.dir, 'pki', name), text)
  return `pki/${name}`
}

const caManifest = (file: string, zone?: string, hosts: string[] = ['api.example.com'], name = 'acme-edge-ca') =>
  `certificates:\n  ${name}:\n    file: ${file}\n    ca: true\n${zone ? `    hostnames:\n      ${zone}:\n${hosts.map((h) => `        - ${h}\n`).join('')}` : ''}`

// Each case runs the bundle two or three times: allow for a loaded machine.
describe.concurrent('sync: plan and apply', { timeout: 120_000 }, () => {
  it('uploads a listed CA and binds its hostnames; a second run plans only GETs and reports changes: 0', async () => {
    const b = await backend()
    const ca = await makeCertificate({ name: 'CN=Edge CA' })
    const m = caManifest(pem(b, 'edge.pem', ca.pem), b.emulator.zoneId)
    const r = await sync(b, m)
    expect(r.code, r.stdout).toBe(0)
    expect(actions(r)).toEqual(['upload acme-edge-ca'])
    expect(r.outputs.changes).toBe('1')
    const [c] = named(b, 'acme-edge-ca')
    expect(c?.ca).toBe(true)
    expect(b.emulator.hostnames(b.emulator.zoneId, c?.id ?? '')).toEqual(['api.example.com'])
    expect(r.summary).toContain('Plan: 1 to upload, 0 to rotate, 1 hostname to bind, 0 to delete')
    expect(writes(b)).toEqual(['POST upload', 'PUT replace-hostnames'])

    b.emulator.clearRequests()
    const again = await sync(b, m)
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.changes).toBe('0')
    expect(actions(again)).toEqual(['unchanged acme-edge-ca'])
    // The list once, the listed zone once for the CA: nothing else.
    expect(b.emulator.requests.map((x: RequestRecord) => `${x.method} ${x.route}`)).toEqual(['GET list', 'GET list-hostnames'])
  })

  it('rotates a changed PEM: upload, bind, verify, unbind the old, drain, delete it', async () => {
    const b = await backend()
    const old = await makeCertificate({ name: 'CN=Edge CA 1' })
    const [oldId] = b.emulator.seed([{ pem: old.pem, ca: true, name: 'acme-edge-ca', uploadedOn: new Date(Date.now() - day) }])
    b.emulator.setHostnames(b.emulator.zoneId, oldId as string, ['api.example.com'])
    const next = await makeCertificate({ name: 'CN=Edge CA 2' })
    const m = caManifest(pem(b, 'edge.pem', next.pem), b.emulator.zoneId)
    b.emulator.clearRequests()
    const r = await sync(b, m)
    expect(r.code, r.stdout).toBe(0)
    expect(actions(r)).toEqual(['rotate acme-edge-ca'])
    expect(planOf(r)[0]?.id).toBe(oldId)
    const now = named(b, 'acme-edge-ca')
    expect(now).toHaveLength(1)
    expect(now[0]?.id).not.toBe(oldId)
    expect(b.emulator.hostnames(b.emulator.zoneId, now[0]?.id ?? '')).toEqual(['api.example.com'])
    expect(writes(b)).toEqual(['POST upload', 'PUT replace-hostnames', 'PUT replace-hostnames', 'DELETE delete'])

    b.emulator.clearRequests()
    const again = await sync(b, m)
    expect(again.outputs.changes, again.stdout).toBe('0')
    expect(writes(b)).toEqual([])
  })

  it('uploads a client certificate with its key from the named environment variable; the key is masked and in no log, summary or output', async () => {
    const b = await backend()
    const chain = await makeClientChain({ clientName: 'CN=payments client' })
    const file = pem(b, 'payments.pem', chain.chainPem)
    const m = `certificates:\n  acme-payments-client:\n    file: ${file}\n    ca: false\n    private-key-env: PAYMENTS_CLIENT_KEY\n`
    // b.run scans every run for the key (any env variable holding a private key is a secret).
    const r = await sync(b, m, {}, { PAYMENTS_CLIENT_KEY: chain.client.keyPem })
    expect(r.code, r.stdout).toBe(0)
    expect(actions(r)).toEqual(['upload acme-payments-client'])
    const [c] = named(b, 'acme-payments-client')
    expect(c?.ca).toBe(false)
    expect(b.emulator.requests.find((x) => x.route === 'upload')?.bodyKeys).toContain('private_key')
    // Masked before anything could print it: the whole key is registered with the runner.
    const lines = r.stdout.split('\n')
    for (const line of chain.client.keyPem.split('\n').filter((l) => l.length > 0 && !l.startsWith('-----'))) expect(lines).toContain(`::add-mask::${line}`)
    expect(lines.findIndex((l) => l.startsWith('::add-mask::'))).toBeLessThan(lines.findIndex((l) => l.startsWith('::group::')))
  })

  it('sets a listed zone to exactly the manifest’s hostnames and leaves an unlisted zone alone', async () => {
    const b = await backend()
    const other = 'abcdefabcdefabcdefabcdefabcdefab'
    b.emulator.addZone(other)
    const ca = await makeCertificate({ name: 'CN=Edge CA' })
    const [id] = b.emulator.seed([{ pem: ca.pem, ca: true, name: 'acme-edge-ca' }])
    b.emulator.setHostnames(b.emulator.zoneId, id as string, ['old.example.com', 'api.example.com'])
    b.emulator.setHostnames(other, id as string, ['elsewhere.example.com'])
    const m = caManifest(pem(b, 'edge.pem', ca.pem), b.emulator.zoneId, ['api.example.com', 'new.example.com'])
    b.emulator.clearRequests()
    const r = await sync(b, m)
    expect(r.code, r.stdout).toBe(0)
    expect(actions(r)).toEqual(['hostnames acme-edge-ca'])
    expect(planOf(r)[0]?.details).toContain('bind new.example.com; unbind old.example.com')
    expect(r.summary).toContain('1 hostname to bind, 1 to unbind')
    expect(b.emulator.hostnames(b.emulator.zoneId, id as string)).toEqual(['api.example.com', 'new.example.com'])
    expect(b.emulator.hostnames(other, id as string)).toEqual(['elsewhere.example.com'])
    expect(b.emulator.requests.filter((x) => x.zoneId === other)).toEqual([])
    expect(writes(b)).toEqual(['PUT replace-hostnames'])
  })

  it('prune deletes unlisted certificates with the prefix, never one in use or a managed one, and nothing without prune', async () => {
    const b = await backend()
    const [keep, unused, used, managed, foreign] = await Promise.all([1, 2, 3, 4, 5].map((n) => makeCertificate({ name: `CN=Prune ${n}` })))
    const ids = b.emulator.seed([
      { pem: keep!.pem, ca: true, name: 'acme-edge-ca' },
      { pem: unused!.pem, ca: true, name: 'acme-old-ca' },
      { pem: used!.pem, ca: true, name: 'acme-used-ca', associations: [{ service: 'gateway', status: 'active' }] },
      { pem: managed!.pem, ca: true, name: 'acme-managed', type: 'gateway_managed' },
      { pem: foreign!.pem, ca: true, name: 'other-team-ca' }
    ])
    const file = pem(b, 'edge.pem', keep!.pem)
    const without = await sync(b, caManifest(file))
    expect(without.code, without.stdout).toBe(0)
    expect(actions(without)).toEqual(['unchanged acme-edge-ca'])
    expect(writes(b)).toEqual([])

    b.emulator.clearRequests()
    const r = await sync(b, `${caManifest(file)}prune:\n  name-prefix: acme-\n`)
    expect(r.code, r.stdout).toBe(0)
    expect(actions(r)).toEqual(['delete acme-old-ca', 'blocked acme-used-ca', 'blocked acme-managed', 'unchanged acme-edge-ca'])
    expect(r.outputs.changes).toBe('1')
    expect(planOf(r).find((x) => x.name === 'acme-used-ca')?.details).toContain('in use by gateway (active)')
    expect(planOf(r).find((x) => x.name === 'acme-managed')?.details).toContain('gateway_managed')
    expect(
      b.emulator
        .certificates()
        .map((c) => c.id)
        .sort()
    ).toEqual([ids[0], ids[2], ids[3], ids[4]].sort())
    // Associations read only for the two custom candidates; the managed one is never asked about.
    expect(b.emulator.requests.filter((x) => x.route === 'associations').length).toBe(3) // 2 in the plan, 1 re-check before the DELETE
    expect(writes(b)).toEqual(['DELETE delete'])
  })

  it('several certificates with one name: stops before any change and names their ids', async () => {
    const b = await backend()
    const [a, c, want] = await Promise.all([1, 2, 3].map((n) => makeCertificate({ name: `CN=Dup ${n}` })))
    const ids = b.emulator.seed([
      { pem: a!.pem, ca: true, name: 'acme-edge-ca' },
      { pem: c!.pem, ca: true, name: 'acme-edge-ca' }
    ])
    const r = await sync(b, caManifest(pem(b, 'edge.pem', want!.pem)))
    expect(r.code).toBe(1)
    const failed = r.errors.join('\n')
    expect(failed).toContain(ids[0] as string)
    expect(failed).toContain(ids[1] as string)
    expect(writes(b)).toEqual([])
    expect(r.summary).toContain('Conflicts: nothing may change')
  })

  it('dry-run and a pull_request event only plan; fail-on-drift fails a plan with changes and lists them', async () => {
    const b = await backend()
    const ca = await makeCertificate({ name: 'CN=Edge CA' })
    const m = caManifest(pem(b, 'edge.pem', ca.pem), b.emulator.zoneId)
    const dry = await sync(b, m, { 'dry-run': 'true' })
    expect(dry.code, dry.stdout).toBe(0)
    expect(actions(dry)).toEqual(['upload acme-edge-ca'])
    expect(dry.outputs.changes).toBe('1')
    expect(dry.summary).toContain('Only planned: dry-run: true')
    for (const event of ['pull_request', 'pull_request_target']) {
      const pr = await sync(b, m, { 'dry-run': 'false' }, { GITHUB_EVENT_NAME: event })
      expect(pr.code, pr.stdout).toBe(0)
      expect(pr.summary).toContain(`a ${event} event never changes the account`)
    }
    const drift = await sync(b, m, { 'fail-on-drift': 'true' })
    expect(drift.code).toBe(1)
    expect(drift.errors.join('\n')).toContain('upload "acme-edge-ca"')
    expect(writes(b)).toEqual([])
    expect(b.emulator.certificates()).toEqual([])
  })

  it('pr-comment: the plan is the sticky comment, headed by the count line, updated in place', async () => {
    const b = await backend()
    const token = `ghs_${'p'.repeat(36)}`
    const tokens: FakeToken[] = [{ label: 'write', token, permissions: { checks: 'write', pull_requests: 'write', issues: 'write', contents: 'read' } }]
    const gh = await startGitHubFake({ tokens })
    try {
      gh.addPullRequest({ number: 12, headSha: 'a'.repeat(40) })
      const env = gh.runnerEnv({ dir: path.join(b.dir, 'gh'), pullNumber: 12, workspace: b.dir })
      const ca = await makeCertificate({ name: 'CN=Edge CA' })
      const chain = await makeClientChain()
      const client = `  acme-client:\n    file: ${pem(b, 'client.pem', chain.chainPem)}\n    ca: false\n    private-key-env: CLIENT_KEY\n`
      const m = caManifest(pem(b, 'edge.pem', ca.pem), b.emulator.zoneId, ['api.example.com', 'www.example.com'], 'acme-edge-ca') + client
      Object.assign(env, { CLIENT_KEY: chain.client.keyPem })
      const r = await sync(b, m, { 'pr-comment': 'true', 'github-token': token }, env)
      expect(r.code, r.stdout).toBe(0)
      const comments = gh.commentsOn(12)
      expect(comments).toHaveLength(1)
      // The key is in no comment either (the run's log, summary and outputs are scanned by b.run).
      expect(findLeaks({ stdout: comments[0]?.body ?? '', stderr: '', outputs: {}, summary: '' }, secretsOf({}, { CLIENT_KEY: chain.client.keyPem }))).toEqual([])
      expect(comments[0]?.body).toContain('Plan: 2 to upload, 0 to rotate, 2 hostnames to bind, 0 to delete')
      expect(comments[0]?.body).toContain('acme\\-edge\\-ca')
      expect(writes(b)).toEqual([])
      const again = await sync(b, m, { 'pr-comment': 'true', 'github-token': token }, env)
      expect(again.code, again.stdout).toBe(0)
      expect(gh.commentsOn(12)).toHaveLength(1)
    } finally {
      await gh.close()
    }
  })

  it('a listed PEM with a validation error: its findings are annotations on the PEM file, and no request is sent', async () => {
    const b = await backend()
    const expired = await makeCertificate({ name: 'CN=Expired CA', notBefore: new Date(Date.now() - 400 * day), notAfter: new Date(Date.now() - 5 * day) })
    const good = await makeCertificate({ name: 'CN=Good CA' })
    const m =
      caManifest(pem(b, 'good.pem', good.pem), undefined, [], 'acme-good') +
      caManifest(pem(b, 'old.pem', expired.pem), undefined, [], 'acme-old').replace('certificates:\n', '')
    const r = await sync(b, m)
    expect(r.code).toBe(1)
    expect(b.emulator.requests).toEqual([])
    expect(r.errors.some((e) => e.includes('file=pki/old.pem') && /line=1(,|::)/.test(e) && e.includes('EXPIRED'))).toBe(true)
    expect(r.errors.join('\n')).toContain('did not pass validation (pki/old.pem)')
  })

  it('a manifest mistake is an error annotation at its line, and no request is sent', async () => {
    const b = await backend()
    const ca = await makeCertificate({ name: 'CN=Edge CA' })
    const file = pem(b, 'edge.pem', ca.pem)
    const outside = path.join(tmpdir(), `outside-${process.pid}-${Date.now()}.pem`)
    writeFileSync(outside, ca.pem)
    symlinkSync(outside, path.join(b.dir, 'pki', 'link.pem'))
    const m = [
      'certificates:', // 1
      '  acme-edge-ca:', // 2
      `    file: ${file}`, // 3
      '    ca: true', // 4
      '    colour: blue', // 5
      '  acme-client:', // 6
      '    file: pki/missing.pem', // 7
      '    ca: false', // 8
      '  acme-link:', // 9
      '    file: pki/link.pem', // 10
      '    ca: true', // 11
      '    hostnames:', // 12
      '      not-a-zone:', // 13
      '        - api.example.com' // 14
    ].join('\n')
    const r = await sync(b, m)
    expect(r.code).toBe(1)
    expect(b.emulator.requests).toEqual([])
    const at = (run: ActionRun, line: number) => run.errors.filter((e) => e.includes('file=certs.yml') && new RegExp(`line=${line}(,|::)`).test(e)).join('\n')
    expect(at(r, 5), r.stdout).toContain('unknown key "colour"')
    expect(at(r, 13)).toContain('not 32 lowercase hexadecimal')

    // Once the shape is right, the files, keys and links are checked: every mistake at its line.
    const fixed = m.replace('    colour: blue', '    # colour').replace('not-a-zone', b.emulator.zoneId)
    const r2 = await sync(b, fixed)
    expect(r2.code).toBe(1)
    expect(b.emulator.requests).toEqual([])
    expect(at(r2, 6)).toContain('ca: false but no private-key-env')
    expect(at(r2, 7)).toContain('does not exist')
    expect(at(r2, 10)).toContain('outside the workspace (through a symbolic link)')
  })
})

/**
 * An account that needs every kind of change: acme-new to upload (with a hostname), acme-rot to
 * rotate (its old CA bound in the zone), acme-host whose hostnames differ, acme-gone to prune.
 */
async function everyChange(b: E2EBackend): Promise<string> {
  const [oldRot, newRot, host, gone, fresh] = await Promise.all([1, 2, 3, 4, 5].map((n) => makeCertificate({ name: `CN=Every ${n}` })))
  const z = b.emulator.zoneId
  const [oldId, hostId] = b.emulator.seed([
    { pem: oldRot!.pem, ca: true, name: 'acme-rot', uploadedOn: new Date(Date.now() - day) },
    { pem: host!.pem, ca: true, name: 'acme-host' },
    { pem: gone!.pem, ca: true, name: 'acme-gone' }
  ])
  b.emulator.setHostnames(z, oldId as string, ['rot.example.com'])
  b.emulator.setHostnames(z, hostId as string, ['old.example.com'])
  const zone = (h: string) => `    hostnames:\n      ${z}:\n        - ${h}\n`
  return (
    'certificates:\n' +
    `  acme-new:\n    file: ${pem(b, 'new.pem', fresh!.pem)}\n    ca: true\n${zone('new.example.com')}` +
    `  acme-rot:\n    file: ${pem(b, 'rot.pem', newRot!.pem)}\n    ca: true\n${zone('rot.example.com')}` +
    `  acme-host:\n    file: ${pem(b, 'host.pem', host!.pem)}\n    ca: true\n${zone('host.example.com')}` +
    'prune:\n  name-prefix: acme-\n'
  )
}

/** The account as the manifest of everyChange wants it. */
function expectConverged(b: E2EBackend): void {
  const z = b.emulator.zoneId
  const by = (n: string) => named(b, n)
  expect(
    b.emulator
      .certificates()
      .map((c) => c.name)
      .sort()
  ).toEqual(['acme-host', 'acme-new', 'acme-rot'])
  expect(b.emulator.hostnames(z, by('acme-new')[0]?.id ?? '')).toEqual(['new.example.com'])
  expect(b.emulator.hostnames(z, by('acme-rot')[0]?.id ?? '')).toEqual(['rot.example.com'])
  expect(b.emulator.hostnames(z, by('acme-host')[0]?.id ?? '')).toEqual(['host.example.com'])
}

// One after another: each case runs the bundle three times.
describe('sync: failures half-way and re-runs', { timeout: 120_000 }, () => {
  it('applies every kind of change in one run, and the next run sends only GETs with changes: 0', async () => {
    const b = await backend()
    const m = await everyChange(b)
    const r = await sync(b, m)
    expect(r.code, r.stdout).toBe(0)
    expect(actions(r)).toEqual(['upload acme-new', 'rotate acme-rot', 'hostnames acme-host', 'delete acme-gone'])
    expect(r.outputs.changes).toBe('4')
    expect(r.summary).toContain('Plan: 1 to upload, 1 to rotate, 3 hostnames to bind, 1 to unbind, 1 to delete')
    expectConverged(b)
    // Every zone PUT named a certificate: none acted on the zone's managed CA.
    const puts = b.emulator.requests.filter((x) => x.route === 'replace-hostnames')
    expect(puts.length).toBeGreaterThan(0)
    expect(puts.filter((x) => typeof x.mtlsCertificateId !== 'string')).toEqual([])
    b.emulator.clearRequests()
    const again = await sync(b, m)
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.changes).toBe('0')
    expect(writes(b)).toEqual([])
  })

  // One fault for each request that changes the account, in the order apply sends them.
  const steps: Array<[string, { method: string; route: 'upload' | 'replace-hostnames' | 'delete'; skip: number }]> = [
    ['the upload', { method: 'POST', route: 'upload', skip: 0 }],
    ['binding the uploaded CA', { method: 'PUT', route: 'replace-hostnames', skip: 0 }],
    ['the rotation’s upload', { method: 'POST', route: 'upload', skip: 1 }],
    ['the rotation’s bind', { method: 'PUT', route: 'replace-hostnames', skip: 1 }],
    ['the rotation’s unbind', { method: 'PUT', route: 'replace-hostnames', skip: 2 }],
    ['the rotation’s delete', { method: 'DELETE', route: 'delete', skip: 0 }],
    ['setting hostnames', { method: 'PUT', route: 'replace-hostnames', skip: 3 }],
    ['the prune delete', { method: 'DELETE', route: 'delete', skip: 1 }]
  ]
  it.each(steps)('a failure at %s says what is done and what is not; the next run finishes and converges', async (_, at) => {
    const b = await backend()
    const m = await everyChange(b)
    b.emulator.injectFault({ kind: 'server-error', status: 400, code: 1000, message: 'injected', method: at.method, route: at.route, skip: at.skip, times: 'always' })
    const r = await sync(b, m)
    expect(r.code, r.stdout).toBe(1)
    const failure = r.errors.join('\n')
    expect(failure).toMatch(/Sync stopped at .*\. Done: .*; not done: .*\. A re-run plans again/)
    expect(r.summary).toContain('failed')
    b.emulator.clearFaults()
    const rerun = await sync(b, m)
    expect(rerun.code, rerun.stdout).toBe(0)
    expectConverged(b)
    b.emulator.clearRequests()
    const third = await sync(b, m)
    expect(third.outputs.changes, third.stdout).toBe('0')
    expect(writes(b)).toEqual([])
  })

  it('two applies at once with different PEMs for one name leave one certificate with that name', async () => {
    const b = await backend()
    const [x, y] = await Promise.all([1, 2].map((n) => makeCertificate({ name: `CN=Race ${n}` })))
    mkdirSync(path.join(b.dir, 'a'), { recursive: true })
    mkdirSync(path.join(b.dir, 'b'), { recursive: true })
    writeFileSync(path.join(b.dir, 'a', 'ca.pem'), x!.pem)
    writeFileSync(path.join(b.dir, 'b', 'ca.pem'), y!.pem)
    writeFileSync(path.join(b.dir, 'a.yml'), caManifest('a/ca.pem'))
    writeFileSync(path.join(b.dir, 'b.yml'), caManifest('b/ca.pem'))
    // Slow answers, so that both runs list before either upload lands.
    b.emulator.configure({ latencyMs: 150 })
    const [ra, rb] = await Promise.all([b.run({ operation: 'sync', manifest: 'a.yml' }), b.run({ operation: 'sync', manifest: 'b.yml' })])
    expect(named(b, 'acme-edge-ca'), `${ra.stdout}\n${rb.stdout}`).toHaveLength(1)
    expect([ra.code, rb.code]).toContain(0)
  })
})
