// @ts-check
/**
 * npm run bench: the performance of the committed bundle (dist/index.js), each row a ratio of two
 * things measured side by side in this one run. Prints a table and writes bench/results.json.
 *
 *   node bench/run.mjs [--rounds N] [--rows cold,list,validate,requests] [--out FILE]
 *
 *   ACTION_NODE=/path/to/node   run the action and the floors on that Node (default: this one)
 *   BENCH_BUNDLE=path/index.js  measure another build instead of dist/index.js
 *   BENCH_OPENSSL_SAMPLE=25     files per openssl round (scaled to the whole set)
 *
 * See the README's Performance section for what each row measures.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ACTION_BUNDLE, NODE, ROOT } from './lib/action.mjs'
import { certSet } from './lib/certset.mjs'
import { fmtMs, fmtRatio, machine } from './lib/measure.mjs'
import { coldStart } from './rows/cold-start.mjs'
import { largeList } from './rows/large-list.mjs'
import { requestEconomy } from './rows/requests.mjs'
import { validation } from './rows/validation.mjs'

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '11' },
    rows: { type: 'string', default: 'cold,list,validate,requests' },
    out: { type: 'string', default: path.join(ROOT, 'bench/results.json') }
  }
})
const rounds = Number(values.rounds)
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive whole number')
const wanted = new Set(String(values.rows).split(','))
const opensslSample = Number(process.env.BENCH_OPENSSL_SAMPLE || 25)

const started = performance.now()
const info = machine(NODE)
const log = (/** @type {string} */ m) => process.stderr.write(`${m}\n`)
log(`bench: ${info.cpu} (${info.cores} cores), node ${info.node}, ${rounds} rounds, bundle ${path.relative(ROOT, ACTION_BUNDLE)}`)

const set = await certSet(1000)
log(set.cached ? `bench: ${set.files.length} PEM files from the cache (${path.relative(ROOT, set.dir)})` : `bench: generated ${set.files.length} PEM files in ${(set.generationMs / 1000).toFixed(1)} s`)
const onePem = set.files.find((f) => f.endsWith('-ec-chain.pem')) ?? /** @type {string} */ (set.files[0])

/** @type {Record<string, any>} */
const results = { machine: info, settings: { rounds, bundle: path.relative(ROOT, ACTION_BUNDLE), opensslSample, onePem: path.relative(ROOT, onePem) } }

if (wanted.has('cold')) {
  log('bench: cold start…')
  results.coldStart = await coldStart({ rounds, pem: onePem })
}
if (wanted.has('list')) {
  log('bench: large list…')
  results.largeList = await largeList({ rounds, pem: onePem })
}
if (wanted.has('validate')) {
  log('bench: validation throughput…')
  results.validation = await validation({ rounds, set, opensslSample })
}
if (wanted.has('requests')) {
  log('bench: request economy…')
  results.requests = await requestEconomy()
}
results.durationMs = Math.round(performance.now() - started)

// ---- the table ---------------------------------------------------------------------------------
const verdict = (/** @type {boolean | null | undefined} */ ok) => (ok === null || ok === undefined ? 'n/a' : ok ? 'pass' : 'MISS')
/** @type {string[][]} */
const table = [['Row', 'Measured', 'Against', 'Ratio', 'Target', 'Result']]
const c = results.coldStart
if (c) {
  table.push([
    'Cold start (validate 1 file)',
    fmtMs(c.bundleMs),
    `node -e 0: ${fmtMs(c.floorMs)}`,
    fmtRatio(c.ratio),
    `≤ ${c.target}×`,
    verdict(c.pass)
  ])
  table.push(['Bundle size', `${(c.size.entryBytes / 1024).toFixed(0)} KiB entry`, `${(c.size.totalBytes / 1024).toFixed(0)} KiB in ${c.size.files} files`, '', '', ''])
}
const l = results.largeList
if (l) {
  table.push([
    `List 1,000 (${l.roundTrips} round trips)`,
    fmtMs(l.bundleMs),
    `${l.roundTrips} × 20 ms + cold start ${fmtMs(l.coldStartMs)}: ${fmtMs(l.idealMs)}`,
    fmtRatio(l.ratio),
    `≤ ${l.target}×`,
    verdict(l.ratio <= l.target)
  ])
  table.push(['  ideal with node -e 0', fmtMs(l.bundleMs), `${l.roundTrips} × 20 ms + ${fmtMs(l.floorMs)}: ${fmtMs(l.strictIdealMs)}`, fmtRatio(l.strictRatio), '', ''])
  table.push([
    '  vs the SDK (1 page)',
    `${fmtMs(l.bundleBesideSdkMs)}, saw ${l.seen.bundle.join("/")}`,
    `SDK: ${fmtMs(l.sdkMs)}, saw ${l.seen.sdk.join('/')}`,
    fmtRatio(l.vsSdk),
    '< 1×',
    verdict(l.bundleBesideSdkMs < l.sdkMs)
  ])
  table.push(['  concurrency', `max ${l.concurrency.max} in flight`, `cap ${l.concurrency.cap}`, '', `≤ ${l.concurrency.cap}`, verdict(l.concurrency.respected)])
}
const v = results.validation
if (v) {
  table.push([
    `Validate ${v.files} files (${v.certificates} certs)`,
    fmtMs(v.bundleMs),
    `X509Certificate only: ${fmtMs(v.floorMs)}`,
    fmtRatio(v.vsFloor),
    `≤ ${v.targets.floor}×`,
    verdict(v.pass.floor)
  ])
  table.push(
    v.opensslMs === undefined
      ? ['  vs openssl per file', 'openssl not found: skipped', '', '', '', 'n/a']
      : [
          '  vs openssl per file',
          fmtMs(v.bundleMs),
          `openssl x509 × ${v.files}: ${fmtMs(v.opensslMs)} (from ${v.opensslSample}-file samples)`,
          `${v.opensslSpeedup.toFixed(1)}× faster`,
          `≥ ${v.targets.openssl}×`,
          verdict(v.pass.openssl)
        ]
  )
}
const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length))) ?? []
const line = (/** @type {string[]} */ r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
const out = [`Performance · ${info.cpu}, ${info.cores} cores · node ${info.node} · ${info.date.slice(0, 10)} · median of ${rounds} alternating runs`, '']
if (table.length > 1) out.push(line(table[0] ?? []), ...table.slice(1).map(line), '')
const q = results.requests
if (q) {
  /** @type {string[][]} */
  const rq = [['Operation', 'Requests', 'Minimum', 'Result', 'Made', 'Why the minimum']]
  for (const r of q.rows) {
    rq.push([
      r.operation,
      String(r.made),
      String(r.minimum),
      r.succeeded ? verdict(r.pass) : 'FAILED',
      Object.entries(r.byRoute)
        .map(([k, n]) => `${n}× ${k}`)
        .join(', '),
      r.why
    ])
  }
  const w = rq[0]?.map((_, i) => Math.max(...rq.map((r) => (r[i] ?? '').length))) ?? []
  out.push(...rq.map((r) => r.map((cell, i) => cell.padEnd(w[i] ?? 0)).join('  ').trimEnd()), '')
}
out.push(`${(results.durationMs / 1000).toFixed(0)} s in all; written to ${path.relative(ROOT, String(values.out))}`)
console.log(out.join('\n'))
writeFileSync(String(values.out), `${JSON.stringify(results, null, 2)}\n`)
