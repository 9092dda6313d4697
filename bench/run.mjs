// @ts-check
/**
 * npm run bench: the performance of the committed bundle (dist/index.js), each row a ratio of
 * things measured side by side in this one run, against the stack floor (bench/floor/with-zod.js: a
 * hello-world action on @actions/core whose one input zod parses, bundled by ncc, which every
 * zod-checked toolkit action pays) plus what the row cannot avoid (round trips, a bare parse loop).
 * Prints a table, writes bench/results.json and, when it writes that file, the results table of
 * the README's Performance section.
 *
 *   node bench/run.mjs [--rounds N] [--rows cold,list,validate,report,size,requests] [--profile] [--out FILE] [--no-readme]
 *
 *   --profile   after each row's timed runs, one more run under `--cpu-prof` (bench/lib/profile.mjs):
 *               bench/profiles/ROW.cpuprofile and a summary of its top costs (bench/profiles/summary.txt)
 *
 *   ACTION_NODE=/path/to/node   run the action and the floors on that Node (default: this one)
 *   BENCH_BUNDLE=path/index.js  measure another build instead of dist/index.js
 *   BENCH_OPENSSL_SAMPLE=25     files per openssl round (scaled to the whole set)
 *
 * A row whose ratio is over its target is a MISS (pass: false) and the run goes on. A run that did
 * the wrong thing (list did not see all 1,000, or made other than 20 requests; validate did not check
 * every file) is a correctness failure: the row records it, the other rows still run, and the bench
 * exits 1. See the README's Performance section for what each row measures.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ACTION_BUNDLE, NODE, ROOT } from './lib/action.mjs'
import { certSet } from './lib/certset.mjs'
import { CorrectnessError } from './lib/correctness.mjs'
import { buildFloor } from './lib/floor.mjs'
import { machine } from './lib/measure.mjs'
import { buildProfileBundle, writeSummaries } from './lib/profile.mjs'
import { renderText } from './lib/report.mjs'
import { updateReadme, RESULTS } from './readme.mjs'
import { coldStart } from './rows/cold-start.mjs'
import { largeList } from './rows/large-list.mjs'
import { reportRow } from './rows/report.mjs'
import { requestEconomy } from './rows/requests.mjs'
import { bundleSize } from './rows/size.mjs'
import { validation } from './rows/validation.mjs'

const { values } = parseArgs({
  options: {
    'rounds': { type: 'string', default: '11' },
    'rows': { type: 'string', default: 'cold,list,validate,report,size,requests' },
    'profile': { type: 'boolean', default: false },
    'out': { type: 'string', default: RESULTS },
    'no-readme': { type: 'boolean', default: false }
  }
})
const rounds = Number(values.rounds)
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive whole number')
const wanted = new Set(String(values.rows).split(','))
const opensslSample = Number(process.env.BENCH_OPENSSL_SAMPLE || 25)
const out = path.resolve(String(values.out))

const started = performance.now()
const info = machine(NODE)
const log = (/** @type {string} */ m) => process.stderr.write(`${m}\n`)
log(`bench: ${info.cpu} (${info.cores} cores), node ${info.node}, ${rounds} rounds, bundle ${path.relative(ROOT, ACTION_BUNDLE)}`)

const floor = buildFloor()
log(
  floor.cached
    ? `bench: toolkit floor from the cache (${path.relative(ROOT, floor.bundle)}, ncc ${floor.ncc}, @actions/core ${floor.core})`
    : `bench: built the toolkit floor with ncc ${floor.ncc} (@actions/core ${floor.core}) in ${(floor.buildMs / 1000).toFixed(1)} s`
)

const profile = Boolean(values.profile)
if (profile) {
  log('bench: --profile: building the source-mapped bundle the profiled runs use…')
  buildProfileBundle()
}

const set = await certSet(1000)
log(
  set.cached
    ? `bench: ${set.files.length} PEM files from the cache (${path.relative(ROOT, set.dir)})`
    : `bench: generated ${set.files.length} PEM files in ${(set.generationMs / 1000).toFixed(1)} s`
)
const onePem = set.files.find((f) => f.endsWith('-ec-chain.pem')) ?? /** @type {string} */ (set.files[0])

/** @type {Record<string, any>} */
const results = {
  machine: info,
  settings: { rounds, bundle: path.relative(ROOT, ACTION_BUNDLE), opensslSample, onePem: path.relative(ROOT, onePem) },
  floor: { source: 'bench/floor/index.js', bundle: path.relative(ROOT, floor.bundle), bytes: floor.bytes, ncc: floor.ncc, actionsCore: floor.core, cached: floor.cached },
  stackFloor: { source: 'bench/floor/with-zod.js', bundle: path.relative(ROOT, floor.variants['with-zod']) }
}
const stackFloor = floor.variants['with-zod']

/** @type {string[]} */
const correctness = []
/**
 * Runs one row; a correctness failure is recorded on the row (pass: false) and remembered.
 * @param {string} key  its name in results.json
 * @param {string} id
 * @param {() => Promise<Record<string, any>>} row
 */
async function runRow(key, id, row) {
  try {
    results[key] = await row()
  } catch (e) {
    if (!(e instanceof CorrectnessError)) throw e
    correctness.push(`${id}: ${e.message}`)
    results[key] = { id, pass: false, correctness: e.message }
    log(`bench: CORRECTNESS FAILURE in ${id}: ${e.message}`)
  }
}

if (wanted.has('cold')) {
  log('bench: cold start…')
  await runRow('coldStart', 'cold-start', () => coldStart({ rounds, pem: onePem, floor: floor.bundle, variants: floor.variants, profile }))
}
if (wanted.has('list')) {
  log('bench: large list…')
  await runRow('largeList', 'large-list', () => largeList({ rounds, stackFloor, profile }))
}
if (wanted.has('validate')) {
  log('bench: validation throughput…')
  await runRow('validation', 'validation', () => validation({ rounds, set, opensslSample, stackFloor, profile }))
}
if (wanted.has('report')) {
  log('bench: report with associations…')
  await runRow('report', 'report', () => reportRow({ rounds, stackFloor, profile }))
}
if (wanted.has('size')) results.size = bundleSize()
if (wanted.has('requests')) {
  log('bench: request economy…')
  await runRow('requests', 'requests', () => requestEconomy())
}
results.durationMs = Math.round(performance.now() - started)
if (correctness.length > 0) results.correctnessFailures = correctness

writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`)
if (profile) {
  const summaries = Object.fromEntries(['coldStart', 'largeList', 'validation', 'report'].filter((k) => results[k]?.profile).map((k) => [results[k].id, results[k].profile]))
  log(`\nbench: profiles in bench/profiles/ (top costs by self time; summary.txt):\n${writeSummaries(summaries)}\n`)
}
const readme = out === RESULTS && !values['no-readme'] ? updateReadme() : null
console.log(
  [
    renderText(results),
    `${(results.durationMs / 1000).toFixed(0)} s in all; written to ${path.relative(ROOT, out)}${readme === null ? '' : readme ? ' and README.md' : ' (README.md unchanged)'}`
  ].join('\n')
)
if (correctness.length > 0) {
  log(`\nbench: ${correctness.length} CORRECTNESS FAILURE(S): the figures above measure runs that did the wrong thing\n${correctness.map((c) => `  - ${c}`).join('\n')}`)
  process.exitCode = 1
}
