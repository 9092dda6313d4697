/**
 * The sync planner: the manifest against the account → which action for each name, and which
 * reads the plan needs. Pure: a table of accounts, no server.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { makeCertificate } from '../../scripts/lib/certs.js'
import type { MtlsCertificate } from '../../src/cloudflare/schemas.js'
import type { Manifest, ManifestCertificate } from '../../src/sync/manifest.js'
import { buildPlan, hostKeyOf, planHeadline, planReads, type AccountState } from '../../src/sync/plan.js'

const ZONE = 'fedcba9876543210fedcba9876543210'
const OTHER = 'abcdefabcdefabcdefabcdefabcdefab'
const id = (n: number) => `2a1b3c4d-0000-4000-8000-${String(n).padStart(12, '0')}`
let pems: string[]

beforeAll(async () => {
  pems = await Promise.all([1, 2, 3, 4, 5].map(async (n) => (await makeCertificate({ name: `CN=Plan ${n}` })).pem))
})

const entry = (name: string, pem: number, zones?: Record<string, string[]>): ManifestCertificate => ({
  name,
  line: 1,
  fileLine: 2,
  ca: true,
  certificate: { text: pems[pem] as string, label: `pki/${name}.pem`, input: 'certificate-path' },
  ...(zones ? { zones: Object.entries(zones).map(([zoneId, hostnames]) => ({ zoneId, hostnames })) } : {})
})
const cert = (n: number, name: string, pem: number, extra: Partial<MtlsCertificate> = {}): MtlsCertificate => ({
  id: id(n),
  name,
  ca: true,
  certificates: pems[pem],
  type: 'custom',
  uploaded_on: `2026-01-0${n}T00:00:00Z`,
  ...extra
})
const account = (
  certificates: MtlsCertificate[],
  hostnames: Record<string, string[]> = {},
  associations: Record<string, { service: string; status?: string }[]> = {}
): AccountState => ({
  certificates,
  hostnames: new Map(Object.entries(hostnames)),
  associations: new Map(Object.entries(associations))
})
const summary = (m: Manifest, a: AccountState, keepPrevious = 0) => {
  const plan = buildPlan(m, a, { keepPrevious })
  return {
    rows: plan.items.map((i) => `${i.action} ${i.name}${i.id ? ` ${i.id.slice(-2)}` : ''}`),
    changes: plan.changes,
    conflicts: plan.conflicts.length,
    headline: planHeadline(plan)
  }
}

describe('sync planner', () => {
  it('a name not in the account is an upload; its hostnames are all to bind', () => {
    const m: Manifest = { file: 'm.yml', certificates: [entry('acme-a', 0, { [ZONE]: ['a.example.com', 'b.example.com'] })] }
    expect(summary(m, account([]))).toEqual({
      rows: ['upload acme-a'],
      changes: 1,
      conflicts: 0,
      headline: 'Plan: 1 to upload, 0 to rotate, 2 hostnames to bind, 0 to delete'
    })
  })

  it('the same certificate is unchanged when every listed zone already serves exactly its list', () => {
    const m: Manifest = { file: 'm.yml', certificates: [entry('acme-a', 0, { [ZONE]: ['a.example.com'] })] }
    const a = account([cert(1, 'acme-a', 0)], { [hostKeyOf(ZONE, id(1))]: ['A.example.com.'] })
    expect(summary(m, a).rows).toEqual(['unchanged acme-a 01'])
    expect(summary(m, a).changes).toBe(0)
  })

  it('a listed zone with another set is a hostnames change to exactly the list; an unlisted zone is not read', () => {
    const m: Manifest = { file: 'm.yml', certificates: [entry('acme-a', 0, { [ZONE]: ['a.example.com'] })] }
    const a = account([cert(1, 'acme-a', 0)], { [hostKeyOf(ZONE, id(1))]: ['old.example.com'], [hostKeyOf(OTHER, id(1))]: ['x.example.com'] })
    const plan = buildPlan(m, a, { keepPrevious: 0 })
    expect(plan.items.map((i) => [i.action, i.zones?.map((z) => [z.zoneId, z.bind, z.unbind])])).toEqual([['hostnames', [[ZONE, ['a.example.com'], ['old.example.com']]]]])
    expect(planReads(m, a.certificates).hostnames).toEqual([{ zoneId: ZONE, certificateId: id(1) }])
  })

  it('a changed PEM is a rotate of the current one, with no zone read (a new CA serves nothing yet)', () => {
    const m: Manifest = { file: 'm.yml', certificates: [entry('acme-a', 1, { [ZONE]: ['a.example.com'] })] }
    const a = account([cert(1, 'acme-a', 0)])
    expect(summary(m, a)).toMatchObject({ rows: ['rotate acme-a 01'], changes: 1, headline: 'Plan: 0 to upload, 1 to rotate, 1 hostname to bind, 0 to delete' })
    expect(planReads(m, a.certificates)).toEqual({ hostnames: [], associations: [] })
  })

  it('an earlier rotation left an old version: finish it; with keep-previous covering it, unchanged', () => {
    const m: Manifest = { file: 'm.yml', certificates: [entry('acme-a', 1)] }
    const a = account([cert(1, 'acme-a', 0), cert(2, 'acme-a', 1)])
    expect(summary(m, a).rows).toEqual(['rotate acme-a 02'])
    expect(summary(m, a, 1).rows).toEqual(['unchanged acme-a 02'])
  })

  it('several certificates with one name and none holding the PEM: a conflict naming every id', () => {
    const m: Manifest = { file: 'm.yml', certificates: [entry('acme-a', 2)] }
    const plan = buildPlan(m, account([cert(1, 'acme-a', 0), cert(2, 'acme-a', 1)]), { keepPrevious: 0 })
    expect(plan.items).toEqual([])
    expect(plan.conflicts[0]).toContain(id(1))
    expect(plan.conflicts[0]).toContain(id(2))
  })

  it('the PEM already in the account under another name: a conflict (Cloudflare cannot rename it)', () => {
    const m: Manifest = { file: 'm.yml', certificates: [entry('acme-a', 0)] }
    expect(buildPlan(m, account([cert(1, 'legacy', 0)]), { keepPrevious: 0 }).conflicts[0]).toContain('named "legacy"')
  })

  it('prune: unlisted with the prefix is deleted, in use or managed is blocked, other prefixes and listed names are kept', () => {
    const m: Manifest = { file: 'm.yml', certificates: [entry('acme-a', 0)], prune: { namePrefix: 'acme-' } }
    const certs = [cert(1, 'acme-a', 0), cert(2, 'acme-old', 1), cert(3, 'acme-used', 2), cert(4, 'acme-zt', 3, { type: 'access_managed' }), cert(5, 'team-b', 4)]
    const a = account(certs, {}, { [id(3)]: [{ service: 'gateway', status: 'active' }] })
    expect(summary(m, a).rows).toEqual(['delete acme-old 02', 'blocked acme-used 03', 'blocked acme-zt 04', 'unchanged acme-a 01'])
    expect(summary(m, a).changes).toBe(1)
    expect(planReads(m, certs).associations).toEqual([id(2), id(3)])
    // Without prune nothing unlisted is read or deleted.
    const noPrune: Manifest = { file: 'm.yml', certificates: [entry('acme-a', 0)] }
    expect(summary(noPrune, a).rows).toEqual(['unchanged acme-a 01'])
    expect(planReads(noPrune, certs).associations).toEqual([])
  })

  it('a managed certificate with a listed name is never rotated: the listed name is uploaded beside it', () => {
    const m: Manifest = { file: 'm.yml', certificates: [entry('acme-a', 0)] }
    expect(summary(m, account([cert(1, 'acme-a', 1, { type: 'gateway_managed' })])).rows).toEqual(['upload acme-a'])
  })

  it('orders the plan as apply carries it out: uploads, rotations, hostnames, deletions', () => {
    const m: Manifest = {
      file: 'm.yml',
      certificates: [entry('acme-h', 0, { [ZONE]: ['h.example.com'] }), entry('acme-r', 1), entry('acme-u', 2)],
      prune: { namePrefix: 'acme-' }
    }
    const a = account([cert(1, 'acme-h', 0), cert(2, 'acme-r', 3), cert(3, 'acme-x', 4)])
    expect(summary(m, a).rows).toEqual(['upload acme-u', 'rotate acme-r 02', 'hostnames acme-h 01', 'delete acme-x 03'])
  })
})
