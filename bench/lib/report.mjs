// @ts-check
/**
 * The bench's results as tables: plain text for the terminal, Markdown for the README's Performance
 * section (between <!-- bench-results:start --> and <!-- bench-results:end -->, inside it). Both
 * are rendered from the object written to bench/results.json, so the README can be re-rendered from
 * that file alone (`node bench/readme.mjs`) and checked against it (__tests__/bench/readme.test.ts).
 */
import { fmtMs, fmtRatio } from './measure.mjs'
/** @param {number} n */
const fmtInt = (n) => n.toLocaleString('en-US')
/** @param {number} bytes */
const kib = (bytes) => `${fmtInt(Math.round(bytes / 1024))} KiB`

/** @param {boolean | null | undefined} ok */
export const verdict = (ok) => (ok === null || ok === undefined ? '' : ok ? 'pass' : 'MISS')

/**
 * @typedef {{ row: string, measured: string, against: string, ratio: string, target: string, result: string }} Line
 */

/**
 * The main table's lines, from results.json's object. A row that failed on correctness shows why.
 * @param {Record<string, any>} results
 * @param {{ md?: boolean }} [options]  md: wrap names in backticks
 * @returns {Line[]}
 */
export function lines(results, options = {}) {
  const code = (/** @type {string} */ s) => (options.md ? `\`${s}\`` : s)
  /** @type {Line[]} */
  const out = []
  const failed = (/** @type {string} */ row, /** @type {{ correctness: string }} */ r) =>
    out.push({ row, measured: `correctness failure: ${r.correctness.split('\n')[0]}`, against: '', ratio: '', target: '', result: 'FAILED' })

  const c = results.coldStart
  if (c?.correctness) failed(`Cold start: ${code('validate')} of 1 PEM file`, c)
  else if (c) {
    out.push({
      row: `Cold start: ${code('validate')} of 1 PEM file`,
      measured: fmtMs(c.bundleMs),
      against: `stack floor: ${fmtMs(c.stackFloorMs)}`,
      ratio: fmtRatio(c.ratio),
      target: `≤ ${c.target}×`,
      result: verdict(c.pass)
    })
    out.push({ row: `  ${code('node -e 0')} (information)`, measured: fmtMs(c.nodeMs), against: '', ratio: '', target: '', result: '' })
    // What the libraries of the stack cost any toolkit action: the part of the ratio the action's own code does not decide.
    out.push({
      row: `  toolkit floor, ${code('@actions/core')} only (information)`,
      measured: fmtMs(c.floorMs),
      against: `stack floor: ${fmtMs(c.stackFloorMs)}`,
      ratio: fmtRatio(c.floorMs / c.stackFloorMs),
      target: '',
      result: ''
    })
    out.push({
      row: `  toolkit floor + ${code('undici')}, loaded (information)`,
      measured: fmtMs(c.floorUndiciMs),
      against: `stack floor: ${fmtMs(c.stackFloorMs)}`,
      ratio: fmtRatio(c.floorUndiciMs / c.stackFloorMs),
      target: '',
      result: ''
    })
  }

  const l = results.largeList
  if (l?.correctness) failed(`${code('list')} of 1,000 certificates, 20 ms a request`, l)
  else if (l) {
    out.push({
      row: `${code('list')} of ${fmtInt(l.seen)} certificates, ${l.latencyMs} ms a request`,
      measured: fmtMs(l.bundleMs),
      against: `ideal: stack floor ${fmtMs(l.floorMs)} + ${l.roundTrips} × ${l.latencyMs} ms = ${fmtMs(l.idealMs)}`,
      ratio: fmtRatio(l.ratio),
      target: `≤ ${l.target}×`,
      result: verdict(l.ratio <= l.target)
    })
    out.push({
      row: '  Requests, in flight',
      measured: `${fmtInt(l.seen)} seen in ${l.requests} requests (every run), at most ${l.concurrency.max} in flight`,
      against: `${l.pages} pages of ${l.pageSize}, cap ${l.concurrency.cap}`,
      ratio: '',
      target: `≤ ${l.concurrency.cap}`,
      result: verdict(l.concurrency.respected)
    })
    out.push(
      l.sdk?.ms === undefined
        ? { row: '  Official SDK (information)', measured: `not run: ${l.sdk?.error ?? 'unknown'}`, against: '', ratio: '', target: '', result: '' }
        : {
            row: '  Official SDK (information)',
            measured: `${fmtMs(l.sdk.bundleBesideMs)}, saw ${fmtInt(l.seen)}`,
            against: `SDK ${code('mtlsCertificates.list')}: ${fmtMs(l.sdk.ms)}, saw ${l.sdk.saw.join('/')}`,
            ratio: fmtRatio(l.sdk.ratio),
            target: '',
            result: ''
          }
    )
  }

  const v = results.validation
  if (v?.correctness) failed(`${code('validate')} of 1,000 files`, v)
  else if (v) {
    out.push({
      row: `${code('validate')} of ${fmtInt(v.files)} files (${fmtInt(v.certificates)} certificates)`,
      measured: fmtMs(v.bundleMs),
      against: `ideal: stack floor ${fmtMs(v.stackFloorMs)} + loop ${fmtMs(v.loopMs)} − ${code('node -e 0')} ${fmtMs(v.nodeMs)} = ${fmtMs(v.idealMs)}`,
      ratio: fmtRatio(v.ratio),
      target: `≤ ${v.target}×`,
      result: verdict(v.pass)
    })
    out.push(
      v.opensslMs === undefined || v.opensslMs === null
        ? { row: `  ${code('openssl x509')} per file (information)`, measured: 'openssl not found: skipped', against: '', ratio: '', target: '', result: '' }
        : {
            row: `  ${code('openssl x509')} per file (information)`,
            measured: fmtMs(v.bundleMs),
            against: `${v.opensslMs >= 10_000 ? `${(v.opensslMs / 1000).toFixed(1)} s` : fmtMs(v.opensslMs)} for the ${fmtInt(v.files)} files (${v.opensslSample}-file samples)`,
            ratio: `${v.opensslSpeedup.toFixed(0)}× faster`,
            target: '',
            result: ''
          }
    )
  }

  const p = results.report
  if (p?.correctness) failed(`${code('report')} of 1,000 certificates with associations, 20 ms a request`, p)
  else if (p) {
    out.push({
      row: `${code('report')} of ${fmtInt(p.count)} certificates with associations, ${p.latencyMs} ms a request`,
      measured: fmtMs(p.bundleMs),
      against: `ideal: stack floor ${fmtMs(p.floorMs)} + ${p.roundTrips} × ${p.latencyMs} ms = ${fmtMs(p.idealMs)}`,
      ratio: fmtRatio(p.ratio),
      target: `≤ ${p.target}×`,
      result: verdict(p.pass)
    })
    out.push({
      row: '  Requests, in flight',
      measured: `${fmtInt(p.requests)} requests (every run), at most ${p.concurrency.max} in flight`,
      against: `20 pages + 1 associations GET per certificate, cap ${p.concurrency.cap}`,
      ratio: '',
      target: `≤ ${p.concurrency.cap}`,
      result: verdict(p.concurrency.respected)
    })
  }

  const z = results.size
  if (z) {
    out.push({
      row: `Size of ${code('dist/')}`,
      measured: `${kib(z.totalBytes)} (${(z.totalBytes / 1e6).toFixed(2)} MB) in ${z.files} files`,
      against: `${code('dist/index.js')}: ${kib(z.entryBytes)}; toolkit floor: ${kib(results.floor?.bytes ?? 0)}`,
      ratio: '',
      target: `≤ ${(z.target / 1e6).toFixed(1)} MB`,
      result: verdict(z.pass)
    })
  }
  return out
}

/** @param {Record<string, any>} results */
export function runLine(results) {
  const m = results.machine
  return `${m.cpu}, ${m.cores} cores, ${m.platform}, Node ${String(m.node).replace(/^v/, '')}, ${String(m.date).slice(0, 10)}, median of ${results.settings.rounds} alternating runs`
}

/**
 * The terminal's tables.
 * @param {Record<string, any>} results
 */
export function renderText(results) {
  const main = [['Row', 'Measured', 'Against', 'Ratio', 'Target', 'Result'], ...lines(results).map((x) => [x.row, x.measured, x.against, x.ratio, x.target, x.result])]
  const out = [`Performance · ${runLine(results)}`, '']
  if (main.length > 1) out.push(...columns(main), '')
  const q = results.requests
  if (q) {
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
    out.push(...columns(rq), '')
  }
  return out.join('\n')
}

/** @param {string[][]} table */
function columns(table) {
  const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length))) ?? []
  return table.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  )
}

/** @param {string} s */
const cell = (s) => s.replace(/\|/g, '\\|')

/**
 * The README's generated part: the run line, the main table and the request table.
 * @param {Record<string, any>} results
 */
export function renderMarkdown(results) {
  const out = [`**Latest run:** ${runLine(results)}. Every run's time is in [\`bench/results.json\`](bench/results.json).`, '']
  out.push('| Row | Measured | Against | Ratio | Target | Result |', '|---|---|---|---|---|---|')
  for (const x of lines(results, { md: true })) {
    out.push(`| ${[x.row.replace(/^ {2}/, '↳ '), x.measured, x.against, x.ratio, x.target, x.result].map(cell).join(' | ')} |`)
  }
  const q = results.requests
  if (q) {
    out.push(
      '',
      "**Requests per operation**, from the emulator's request log, next to the fewest that can do the job",
      '(the reasoning for each minimum is in [`bench/rows/requests.mjs`](bench/rows/requests.mjs)):',
      ''
    )
    out.push('| Operation | Requests | Minimum | Result | Why the minimum |', '|---|---|---|---|---|')
    for (const r of q.rows) out.push(`| ${[r.operation, String(r.made), String(r.minimum), r.succeeded ? verdict(r.pass) : 'FAILED', r.why].map(cell).join(' | ')} |`)
  }
  return out.join('\n')
}

const MARKERS = /(<!-- bench-results:start -->)[\s\S]*?(<!-- bench-results:end -->)/

/**
 * The README with its generated results replaced.
 * @param {string} readme
 * @param {Record<string, any>} results
 */
export function applyResults(readme, results) {
  if (!MARKERS.test(readme)) throw new Error('README.md has no <!-- bench-results:start --> … <!-- bench-results:end --> markers')
  return readme.replace(MARKERS, (_m, /** @type {string} */ start, /** @type {string} */ end) => `${start}\n${renderMarkdown(results)}\n${end}`)
}
