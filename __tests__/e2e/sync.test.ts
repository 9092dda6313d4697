/**
 * operation: sync through the committed bundle against the emulator: the manifest → the plan →
 * the apply, asserted on the emulator's request log and state. Each case gets its own emulator
 * and workspace, so the cases run concurrently.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { RequestRecord } from '../../emulator/index.js'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { e2eBackendPool, type E2EBackend } from '../helpers/e2e.js'
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

describe.concurrent('sync: plan and apply', () => {
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
})
