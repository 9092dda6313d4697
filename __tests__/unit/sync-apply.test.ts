/**
 * sync's apply against the in-process emulator, where a run's timing must be controlled: another
 * apply's upload that lands between this run's plan and its upload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { createClients } from '../../src/clients.js'
import type { Logger } from '../../src/operations/types.js'
import { applyPlan, type SyncSettings } from '../../src/sync/apply.js'
import type { Manifest } from '../../src/sync/manifest.js'
import { buildPlan } from '../../src/sync/plan.js'
import { readAccount } from '../../src/sync/run.js'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({})
})
afterAll(async () => emu.close())

const lines: string[] = []
const log: Logger = { info: (m) => void lines.push(m), warning: (m) => void lines.push(m), debug: () => {}, group: (_n, fn) => fn() }

describe('sync apply: two applies at once', () => {
  it('an upload that finds an older certificate of its name after the POST deletes its own and stops; the older one keeps the name', async () => {
    const [ours, theirs] = await Promise.all([1, 2].map((n) => makeCertificate({ name: `CN=Race ${n}` })))
    const settings: SyncSettings = {
      connection: { accountId: emu.accountId, auth: { kind: 'token', token: emu.token }, apiBaseUrl: emu.url, timeoutMs: 10_000, maxRetries: 0 },
      validation: { failOn: 'error', expiryWarningDays: 30, expiryErrorDays: 0 },
      keepPrevious: 0,
      waitForUnassociatedSeconds: 0
    }
    const { clients, close } = createClients(settings.connection, log, new Date())
    try {
      const manifest: Manifest = {
        file: 'm.yml',
        certificates: [{ name: 'acme-ca', line: 2, fileLine: 3, ca: true, certificate: { text: ours!.pem, label: 'pki/ca.pem', input: 'certificate-path' } }]
      }
      const account = await readAccount(manifest, clients)
      const plan = buildPlan(manifest, account, { keepPrevious: 0 })
      expect(plan.items.map((i) => i.action)).toEqual(['upload'])
      // The other apply's upload lands after this run's plan, before its POST.
      const [theirsId] = emu.seed([{ pem: theirs!.pem, ca: true, name: 'acme-ca' }])
      emu.clearRequests()
      const applied = await applyPlan(plan, account.certificates, settings, clients)
      expect(applied.outcomes.map((o) => o.status)).toEqual(['failed'])
      expect(String((applied.failure?.error as Error).message)).toContain(`Another run uploaded a certificate named "acme-ca" at the same time (${theirsId}`)
      expect(
        emu
          .certificates()
          .filter((c) => c.name === 'acme-ca')
          .map((c) => c.id)
      ).toEqual([theirsId])
      // POST, the re-read, then the guarded delete of its own upload.
      expect(emu.requests.map((r) => `${r.method} ${r.route}`)).toEqual(['POST upload', 'GET list', 'GET associations', 'DELETE delete'])
    } finally {
      await close()
    }
  })
})
