// @ts-check
/**
 * Row 4. How many API requests each operation makes, from the emulator's request log, next to the
 * fewest that can do the job. The account holds 120 certificates (3 pages of 50) unless a
 * scenario says otherwise. The minimum, by reasoning about the API:
 *  - a list of every certificate is one GET per page: there is no bigger page and no other index;
 *  - an upload reuses an identical certificate when reuse-existing is true (the default), and only
 *    the list can tell whether one exists: every page, then one POST;
 *  - a certificate's associations are one GET per certificate: there is no bulk endpoint;
 *  - a name is not an id: finding one by name is the list;
 *  - get needs the object and its associations (association-count); by name, the list already
 *    returned the object;
 *  - delete checks the associations before it deletes (it refuses to break a binding);
 *  - rotate lists once (reuse, the CA limit and the earlier versions all come from that list),
 *    reads the associations of each earlier version, uploads, and deletes the unbound ones.
 *  - associate needs the certificate (only a ca: true one may serve hostnames: 1 GET), then per
 *    zone the CA's current set (PUT replaces the whole set, so adding needs it: 1 GET), the PUT
 *    when the set changes, and 1 GET that reads the set back (the verification the operation
 *    reports; a PUT's answer is the set as sent, not proof the zone serves it): 4 for one zone
 *    with a change, 2 when the set already holds the hostnames (no PUT, nothing to verify);
 *  - rotate with zone-id + hostnames, one zone and one earlier CA bound there: the list pages,
 *    1 associations GET of the earlier CA (other services that hold it), 1 zone GET of its hostnames
 *    per zone given, whatever its associations show (the account may not list a hostname binding,
 *    or may lag: a binding missed would leave the DELETE refused on every re-run; which ones to
 *    unbind, keeping the rest: PUT replaces the set), 1 POST, 1 PUT binding the
 *    new CA (a fresh upload serves nothing, so no read of its set is needed), 1 zone GET to verify
 *    the binding before anything is unbound, 1 PUT unbinding the earlier CA, 1 associations GET
 *    (the drain: Cloudflare refuses to delete while an association shows) and 1 DELETE =
 *    pages + 8.
 *  - report reads every page, and the associations of the expired and expiring certificates only
 *    (associations: expiring, the default): they decide between rotating and deleting; a certificate
 *    months from expiry needs no decision. 1,000 certificates of which 10 expire: 20 pages + 10.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startEmulator } from '../../emulator/index.js'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { runBundle } from '../lib/action.mjs'

export const ACCOUNT_SIZE = 120
export const REPORT_SIZE = 120
/** report on a large account of which a few certificates expire: the associations economy. */
export const LARGE_REPORT_SIZE = 1000
export const LARGE_REPORT_EXPIRING = 10

/**
 * @typedef {object} Scenario
 * @property {string} name
 * @property {(e: import('../../emulator/index.js').Emulator) => Promise<Record<string, string>>} prepare  sets up the account, returns the inputs
 * @property {number} minimum
 * @property {string} why
 * @property {(outputs: Record<string, string>) => boolean} [check]  the run did what it should
 * @property {string} [cwd]  the workspace the run starts in (sync: where its manifest and PEM files are)
 */

/** @returns {Promise<Scenario[]>} */
async function scenarios() {
  const pages = Math.ceil(ACCOUNT_SIZE / 50)
  const upload = await makeCertificate({ name: 'CN=Bench Upload CA, O=Bench Inc., C=US' })
  const oldVersion = await makeCertificate({ name: 'CN=Bench Rotate CA 1, O=Bench Inc., C=US' })
  const newVersion = await makeCertificate({ name: 'CN=Bench Rotate CA 2, O=Bench Inc., C=US' })
  const fresh = (/** @type {import('../../emulator/index.js').Emulator} */ e) => {
    e.reset()
    return e.seedSynthetic(ACCOUNT_SIZE, { ca: false })
  }
  const some = (/** @type {string[]} */ ids) => /** @type {string} */ (ids[7])
  const zoneCa = await makeCertificate({ name: 'CN=Bench Zone CA, O=Bench Inc., C=US' })
  const boundOld = await makeCertificate({ name: 'CN=Bench Zone Rotate CA 1, O=Bench Inc., C=US' })
  const boundNew = await makeCertificate({ name: 'CN=Bench Zone Rotate CA 2, O=Bench Inc., C=US' })
  const HOST = 'api.example.com'
  const syncCa = await makeCertificate({ name: 'CN=Bench Sync CA, O=Bench Inc., C=US' })
  const syncGone = await makeCertificate({ name: 'CN=Bench Sync Old CA, O=Bench Inc., C=US' })
  const syncWorkspace = mkdtempSync(path.join(tmpdir(), 'bench-sync-'))
  writeFileSync(path.join(syncWorkspace, 'ca.pem'), syncCa.pem)
  /** The account of 120 plus one CA, serving `hosts` in the emulator's zone; returns its id. */
  const zoneAccount = (/** @type {import('../../emulator/index.js').Emulator} */ e, /** @type {string[]} */ hosts) => {
    fresh(e)
    const [id] = e.seed([{ pem: zoneCa.pem, ca: true, name: 'bench-zone-ca' }])
    if (hosts.length > 0) e.setHostnames(e.zoneId, /** @type {string} */ (id), hosts)
    return /** @type {string} */ (id)
  }
  return [
    {
      name: 'upload (new)',
      prepare: async (e) => (fresh(e), { operation: 'upload', certificate: upload.pem, name: 'bench-upload' }),
      minimum: pages + 1,
      why: `${pages} list pages (reuse-existing) + 1 POST`,
      check: (o) => o.reused === 'false' && Boolean(o['certificate-id'])
    },
    {
      name: 'upload (re-run)',
      prepare: async () => ({ operation: 'upload', certificate: upload.pem, name: 'bench-upload' }),
      minimum: pages,
      why: `${pages} list pages; the identical certificate is reused`,
      check: (o) => o.reused === 'true'
    },
    {
      name: `list (${ACCOUNT_SIZE})`,
      prepare: async (e) => (fresh(e), { operation: 'list' }),
      minimum: pages,
      why: `${pages} pages of 50`,
      check: (o) => o.count === String(ACCOUNT_SIZE)
    },
    {
      name: 'get by id',
      prepare: async (e) => ({ 'operation': 'get', 'certificate-id': some(fresh(e)) }),
      minimum: 2,
      why: '1 GET of the object + 1 GET of its associations',
      check: (o) => o['association-count'] === '0'
    },
    {
      name: 'get by name',
      prepare: async (e) => (fresh(e), { operation: 'get', name: 'synthetic-leaf-0008' }),
      minimum: pages + 1,
      why: `${pages} list pages (they hold the object) + 1 associations GET`,
      check: (o) => o.name === 'synthetic-leaf-0008'
    },
    {
      name: 'associations by id',
      prepare: async (e) => ({ 'operation': 'associations', 'certificate-id': some(fresh(e)) }),
      minimum: 1,
      why: '1 associations GET',
      check: (o) => o['association-count'] === '0'
    },
    {
      name: 'delete by id',
      prepare: async (e) => ({ 'operation': 'delete', 'certificate-id': some(fresh(e)) }),
      minimum: 2,
      why: '1 associations GET (refuse if in use) + 1 DELETE',
      check: (o) => JSON.parse(o['deleted-certificate-ids'] ?? '[]').length === 1
    },
    {
      name: 'rotate (1 unbound old)',
      prepare: async (e) => {
        fresh(e)
        e.seed([{ pem: oldVersion.pem, name: 'bench-rotate', uploadedOn: '2024-01-01T00:00:00.000000Z' }])
        return { operation: 'rotate', certificate: newVersion.pem, name: 'bench-rotate' }
      },
      minimum: Math.ceil((ACCOUNT_SIZE + 1) / 50) + 3,
      why: `${Math.ceil((ACCOUNT_SIZE + 1) / 50)} list pages + 1 associations GET of the old + 1 POST + 1 DELETE`,
      check: (o) => JSON.parse(o['deleted-certificate-ids'] ?? '[]').length === 1
    },
    {
      name: 'associate (1 zone, a change)',
      prepare: async (e) => {
        const id = zoneAccount(e, ['www.example.com'])
        return { 'operation': 'associate', 'certificate-id': id, 'zone-id': e.zoneId, 'hostnames': HOST }
      },
      minimum: 4,
      why: '1 GET (is it a CA?) + 1 zone GET (PUT replaces the set) + 1 PUT + 1 zone GET to verify',
      check: (o) =>
        Object.values(JSON.parse(o.hostnames ?? '{}'))
          .flat()
          .join(',') === `www.example.com,${HOST}`
    },
    {
      name: 'associate (unchanged)',
      prepare: async (e) => {
        const id = zoneAccount(e, [HOST])
        return { 'operation': 'associate', 'certificate-id': id, 'zone-id': e.zoneId, 'hostnames': HOST }
      },
      minimum: 2,
      why: '1 GET (is it a CA?) + 1 zone GET; the set already holds the hostname: no PUT',
      check: (o) =>
        Object.values(JSON.parse(o.hostnames ?? '{}'))
          .flat()
          .join(',') === HOST
    },
    {
      name: 'rotate (1 zone, 1 bound old)',
      prepare: async (e) => {
        fresh(e)
        const [old] = e.seed([{ pem: boundOld.pem, ca: true, name: 'bench-rotate-zone', uploadedOn: '2024-01-01T00:00:00.000000Z' }])
        e.setHostnames(e.zoneId, /** @type {string} */ (old), [HOST])
        return { 'operation': 'rotate', 'certificate': boundNew.pem, 'name': 'bench-rotate-zone', 'zone-id': e.zoneId, 'hostnames': HOST }
      },
      minimum: Math.ceil((ACCOUNT_SIZE + 1) / 50) + 8,
      why: `${Math.ceil((ACCOUNT_SIZE + 1) / 50)} list pages + 1 associations GET + 1 zone GET of the old (read whatever its associations show) + 1 POST + 1 PUT (bind) + 1 zone GET (verify) + 1 PUT (unbind) + 1 associations GET (drain) + 1 DELETE`,
      check: (o) =>
        JSON.parse(o['deleted-certificate-ids'] ?? '[]').length === 1 &&
        Object.values(JSON.parse(o.hostnames ?? '{}'))
          .flat()
          .join(',') === HOST
    },
    {
      // The plan of a second apply: the account already holds the manifest's CA, bound as listed,
      // and one unlisted certificate with the prune prefix (dry-run: the plan's requests alone).
      name: 'sync plan (1 CA in 1 zone, 1 to prune)',
      cwd: syncWorkspace,
      prepare: async (e) => {
        fresh(e)
        const [id] = e.seed([
          { pem: syncCa.pem, ca: true, name: 'bench-sync-ca' },
          { pem: syncGone.pem, ca: true, name: 'bench-sync-old' }
        ])
        e.setHostnames(e.zoneId, /** @type {string} */ (id), [HOST])
        writeFileSync(
          path.join(syncWorkspace, 'mtls.yml'),
          `certificates:\n  bench-sync-ca:\n    file: ca.pem\n    ca: true\n    hostnames:\n      ${e.zoneId}: [${HOST}]\nprune:\n  name-prefix: bench-sync-\n`
        )
        return { 'operation': 'sync', 'manifest': 'mtls.yml', 'dry-run': 'true' }
      },
      minimum: Math.ceil((ACCOUNT_SIZE + 2) / 50) + 2,
      why: `${Math.ceil((ACCOUNT_SIZE + 2) / 50)} list pages (every type, once) + 1 zone GET (the listed zone, for the CA already there) + 1 associations GET (the certificate prune would delete)`,
      check: (o) =>
        o.changes === '1' &&
        JSON.parse(o.plan ?? '[]')
          .map((/** @type {{action: string}} */ p) => p.action)
          .join(',') === 'delete,unchanged'
    },
    {
      name: `report (${REPORT_SIZE})`,
      prepare: async (e) => {
        e.reset()
        e.seedSynthetic(REPORT_SIZE, { ca: false })
        return { operation: 'report', associations: 'all' }
      },
      minimum: Math.ceil(REPORT_SIZE / 50) + REPORT_SIZE,
      why: `${Math.ceil(REPORT_SIZE / 50)} list pages + 1 associations GET per certificate (associations: all)`,
      check: (o) => o.count === String(REPORT_SIZE)
    },
    {
      name: `report (${LARGE_REPORT_SIZE.toLocaleString('en-US')}, ${LARGE_REPORT_EXPIRING} expiring)`,
      prepare: async (e) => {
        e.reset()
        e.seedSynthetic(LARGE_REPORT_EXPIRING, { ca: false, namePrefix: 'bench-expiring-', firstExpiry: new Date(Date.now() + 5 * 86_400_000).toISOString() })
        e.seedSynthetic(LARGE_REPORT_SIZE - LARGE_REPORT_EXPIRING, { ca: false, firstExpiry: new Date(Date.now() + 200 * 86_400_000).toISOString() })
        return { operation: 'report' }
      },
      minimum: Math.ceil(LARGE_REPORT_SIZE / 50) + LARGE_REPORT_EXPIRING,
      why: `${Math.ceil(LARGE_REPORT_SIZE / 50)} list pages + 1 associations GET per expiring certificate (associations: expiring, the default)`,
      check: (o) => o.count === String(LARGE_REPORT_SIZE) && o['expiring-count'] === String(LARGE_REPORT_EXPIRING)
    }
  ]
}

export async function requestEconomy() {
  const emulator = await startEmulator({ latencyMs: 0 })
  try {
    const rows = []
    for (const s of await scenarios()) {
      const inputs = await s.prepare(emulator)
      emulator.clearRequests()
      const run = await runBundle({ 'api-base-url': emulator.url, 'account-id': emulator.accountId, 'api-token': emulator.token, ...inputs }, s.cwd ? { cwd: s.cwd } : {})
      const ok = run.code === 0 && (s.check?.(run.outputs) ?? true)
      /** @type {Record<string, number>} */
      const byRoute = {}
      for (const r of emulator.requests) {
        const key = `${r.method} ${r.route ?? r.path}`
        byRoute[key] = (byRoute[key] ?? 0) + 1
      }
      const made = emulator.requests.length
      rows.push({
        operation: s.name,
        made,
        minimum: s.minimum,
        why: s.why,
        byRoute,
        succeeded: ok,
        pass: ok && made <= s.minimum,
        ...(ok
          ? {}
          : {
              log: run.stdout
                .split('\n')
                .filter((l) => l.startsWith('::error'))
                .join('\n')
            })
      })
    }
    return { id: 'requests', title: 'Requests per operation', rows, pass: rows.every((r) => r.pass) }
  } finally {
    await emulator.close()
  }
}
