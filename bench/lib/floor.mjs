// @ts-check
/**
 * The toolkit floor (bench/floor/index.js): a hello-world action on @actions/core, bundled by ncc
 * exactly as the action is (`ncc build … --target es2022`), into bench/tmp/floor. The build is
 * cached: it is redone only when the floor's source, the ncc version or the @actions/core version
 * changes (or the output is missing).
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './action.mjs'

export const FLOOR_SOURCE_DIR = path.join(ROOT, 'bench/floor')
export const FLOOR_OUT_DIR = path.join(ROOT, 'bench/tmp/floor')
export const FLOOR_BUNDLE = path.join(FLOOR_OUT_DIR, 'index.js')
const STAMP = path.join(ROOT, 'bench/tmp/floor.json')
const NCC = path.join(ROOT, 'node_modules/.bin/ncc')

/** @param {string} pkg  a package name under node_modules */
const installedVersion = (pkg) => String(JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version)

/**
 * What the build depends on: the floor's files, the ncc version, the @actions/core version.
 * @returns {{ key: string, ncc: string, core: string }}
 */
export function floorKey() {
  const hash = createHash('sha256')
  for (const name of readdirSync(FLOOR_SOURCE_DIR).sort()) {
    hash.update(`${name}\0`)
    hash.update(readFileSync(path.join(FLOOR_SOURCE_DIR, name)))
    hash.update('\0')
  }
  const ncc = installedVersion('@vercel/ncc')
  const core = installedVersion('@actions/core')
  hash.update(`ncc ${ncc}\0core ${core}\0target es2022`)
  return { key: hash.digest('hex'), ncc, core }
}

/**
 * Builds the floor unless the cached build matches its key.
 * @returns {{ bundle: string, cached: boolean, buildMs: number, bytes: number, ncc: string, core: string, key: string }}
 */
export function buildFloor() {
  const { key, ncc, core } = floorKey()
  const started = performance.now()
  let cached = false
  try {
    cached = existsSync(FLOOR_BUNDLE) && JSON.parse(readFileSync(STAMP, 'utf8')).key === key
  } catch {
    cached = false
  }
  if (!cached) {
    execFileSync(NCC, ['build', path.join(FLOOR_SOURCE_DIR, 'index.js'), '-o', FLOOR_OUT_DIR, '--target', 'es2022'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    if (!existsSync(FLOOR_BUNDLE)) throw new Error(`ncc did not write ${path.relative(ROOT, FLOOR_BUNDLE)}`)
    writeFileSync(STAMP, `${JSON.stringify({ key, ncc, core, builtAt: new Date().toISOString() }, null, 2)}\n`)
  }
  return { bundle: FLOOR_BUNDLE, cached, buildMs: cached ? 0 : performance.now() - started, bytes: readFileSync(FLOOR_BUNDLE).length, ncc, core, key }
}
