// @ts-check
/**
 * `npm run bench -- --profile`: after a row's timed runs, one more run of the action under Node's
 * sampling profiler (`--cpu-prof`), written to bench/profiles/ROW.cpuprofile (open it in Chrome's
 * DevTools or VS Code), and a short summary of where the time went: self time by package and by
 * function. The profiled runs are never timed: the profiler slows what it watches.
 *
 * The bundle is one file, so a frame's line alone does not say which package it belongs to. The
 * profiled runs therefore use a build of the same source with a source map (`ncc build --source-map`,
 * into bench/tmp/profile-dist), and each frame is placed through the map with Node's own
 * `module.SourceMap`.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ROOT, assertOk, runStep } from './action.mjs'

export const PROFILE_DIR = path.join(ROOT, 'bench/profiles')
export const PROFILE_BUNDLE = path.join(ROOT, 'bench/tmp/profile-dist/index.js')

/** Builds the source-mapped bundle the profiled runs use (the same source as dist/, ~20 s). */
export function buildProfileBundle() {
  const out = path.dirname(PROFILE_BUNDLE)
  rmSync(out, { recursive: true, force: true })
  execFileSync(
    path.join(ROOT, 'node_modules/.bin/ncc'),
    ['build', path.join(ROOT, 'src/index.ts'), '-o', out, '--source-map', '--no-source-map-register', '--target', 'es2022'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  if (!existsSync(PROFILE_BUNDLE)) throw new Error(`ncc did not write ${path.relative(ROOT, PROFILE_BUNDLE)}`)
  mkdirSync(PROFILE_DIR, { recursive: true })
  return PROFILE_BUNDLE
}

/**
 * One run of the source-mapped build under the profiler, as a runner step with these inputs; writes
 * bench/profiles/NAME.cpuprofile and returns its summary. The run must succeed (and pass `check`).
 * @param {string} name  the row's id
 * @param {Record<string, string>} inputs
 * @param {(run: import('./action.mjs').BenchRun) => void} [check]
 * @returns {Promise<ProfileSummary>}
 */
export async function profiledRun(name, inputs, check) {
  const file = path.join(PROFILE_DIR, `${name}.cpuprofile`)
  rmSync(file, { force: true })
  const run = await runStep(PROFILE_BUNDLE, inputs, { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, '--cpu-prof-name', `${name}.cpuprofile`] })
  assertOk(run, `the profiled run of ${name}`)
  check?.(run)
  return summarizeProfile(file)
}

/**
 * @typedef {{ functionName: string, url: string, lineNumber: number, columnNumber: number }} CallFrame
 * @typedef {{ id: number, callFrame: CallFrame, children?: number[] }} ProfileNode
 * @typedef {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[], startTime: number, endTime: number }} CpuProfile
 * @typedef {{ name: string, ms: number }} Cost
 * @typedef {{ file: string, wallMs: number, idleMs: number, busyMs: number, byPackage: Cost[], byFunction: Cost[] }} ProfileSummary
 */

/** `…/node_modules/a/node_modules/@b/c/x.js` → `@b/c`; `…/src/pem/x.ts` → `src/pem`. @param {string} source */
export function packageOf(source) {
  const nm = source.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const parts = source.slice(nm + 'node_modules/'.length).split('/')
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? source)
  }
  const src = source.match(/(?:^|\/)(src|emulator|bench|scripts)\/(?:([^/]+)\/)?[^/]*$/)
  if (src) return src[2] ? `${src[1]}/${src[2]}` : (src[1] ?? source)
  return source
}

/** Node's own modules, by area: `node:internal/modules/esm/loader` → `node: modules`. @param {string} url */
function nodeArea(url) {
  const rest = url.replace(/^node:/, '').replace(/^internal\//, '')
  return `node: ${rest.split('/')[0] ?? rest}`
}

/**
 * Self time by package and by function, from a .cpuprofile. `(idle)` is the process waiting (on the
 * network, for the rows that talk to the emulator); busy time is the rest.
 * @param {string} file
 * @param {number} [top]
 * @returns {ProfileSummary}
 */
export function summarizeProfile(file, top = 8) {
  /** @type {CpuProfile} */
  const profile = JSON.parse(readFileSync(file, 'utf8'))
  /** @type {Map<number, number>} */
  const self = new Map()
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  /** @type {Map<string, SourceMap | null>} */
  const maps = new Map()
  const mapFor = (/** @type {string} */ url) => {
    if (!maps.has(url)) {
      let map = null
      try {
        const js = fileURLToPath(url)
        if (existsSync(`${js}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${js}.map`, 'utf8')))
      } catch {
        map = null
      }
      maps.set(url, map)
    }
    return maps.get(url) ?? null
  }
  /** @type {Map<string, number>} */
  const byPackage = new Map()
  /** @type {Map<string, number>} */
  const byFunction = new Map()
  let idle = 0
  let total = 0
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0
    if (us === 0) continue
    total += us
    const { functionName, url, lineNumber, columnNumber } = node.callFrame
    if (functionName === '(idle)') {
      idle += us
      continue
    }
    let pkg
    let where = ''
    if (url === '') pkg = functionName.startsWith('(') ? functionName : '(native)'
    else if (url.startsWith('node:')) {
      pkg = nodeArea(url)
      where = url.replace(/^node:/, '')
    } else {
      const entry = mapFor(url)?.findEntry(lineNumber, columnNumber)
      const source = entry && 'originalSource' in entry && entry.originalSource ? entry.originalSource.replace(/^webpack:\/\/[^/]*\//, '') : url.replace(/^file:\/\//, '')
      pkg = packageOf(source)
      where = `${source.replace(/^.*node_modules\//, '').replace(/^\.\//, '')}${entry && 'originalLine' in entry ? `:${entry.originalLine + 1}` : ''}`
    }
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us)
    const fn = `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us)
  }
  const sorted = (/** @type {Map<string, number>} */ m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10 }))
  return {
    file: path.relative(ROOT, file),
    wallMs: Math.round((profile.endTime - profile.startTime) / 100) / 10,
    idleMs: Math.round(idle / 100) / 10,
    busyMs: Math.round((total - idle) / 100) / 10,
    byPackage: sorted(byPackage),
    byFunction: sorted(byFunction)
  }
}

/**
 * The summary as a few lines of text (bench/profiles/ROW.txt and the terminal).
 * @param {string} row
 * @param {ProfileSummary} s
 */
function renderProfile(row, s) {
  const list = (/** @type {Cost[]} */ costs) => costs.map((c) => `${c.name} ${c.ms} ms`).join(', ')
  return [
    `${row}: ${s.wallMs} ms profiled (${s.busyMs} ms busy, ${s.idleMs} ms idle) — ${s.file}`,
    `  by package: ${list(s.byPackage)}`,
    `  by function: ${list(s.byFunction)}`
  ].join('\n')
}

/**
 * Writes each row's summary beside its profile and returns them all as text.
 * @param {Record<string, ProfileSummary>} summaries
 */
export function writeSummaries(summaries) {
  const text = Object.entries(summaries).map(([row, s]) => renderProfile(row, s))
  writeFileSync(path.join(PROFILE_DIR, 'summary.txt'), `${text.join('\n\n')}\n`)
  return text.join('\n\n')
}
