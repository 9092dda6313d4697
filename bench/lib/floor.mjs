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
 * The floor's variants (information beside the cold-start row): the floor plus one library of the
 * action's stack, each bundled the same way into bench/tmp/floor-NAME.
 */
export const FLOOR_VARIANTS = /** @type {const} */ (['with-zod', 'with-undici'])
/** @param {string} name */
const variantBundle = (name) => path.join(ROOT, `bench/tmp/floor-${name}/index.js`)

/**
 * Builds the floor (and its variants) unless the cached build matches its key.
 * @returns {{ bundle: string, variants: Record<typeof FLOOR_VARIANTS[number], string>, cached: boolean, buildMs: number, bytes: number, ncc: string, core: string, key: string }}
 */
export function buildFloor() {
  const { key, ncc, core } = floorKey()
  const started = performance.now()
  let cached
  try {
    cached = existsSync(FLOOR_BUNDLE) && FLOOR_VARIANTS.every((v) => existsSync(variantBundle(v))) && JSON.parse(readFileSync(STAMP, 'utf8')).key === key
  } catch {
    cached = false
  }
  if (!cached) {
    execFileSync(NCC, ['build', path.join(FLOOR_SOURCE_DIR, 'index.js'), '-o', FLOOR_OUT_DIR, '--target', 'es2022'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    if (!existsSync(FLOOR_BUNDLE)) throw new Error(`ncc did not write ${path.relative(ROOT, FLOOR_BUNDLE)}`)
    for (const v of FLOOR_VARIANTS) {
      execFileSync(NCC, ['build', path.join(FLOOR_SOURCE_DIR, `${v}.js`), '-o', path.dirname(variantBundle(v)), '--target', 'es2022'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe']
      })
    }
    writeFileSync(STAMP, `${JSON.stringify({ key, ncc, core, builtAt: new Date().toISOString() }, null, 2)}\n`)
  }
  const variants = /** @type {Record<typeof FLOOR_VARIANTS[number], string>} */ (Object.fromEntries(FLOOR_VARIANTS.map((v) => [v, variantBundle(v)])))
  return { bundle: FLOOR_BUNDLE, variants, cached, buildMs: cached ? 0 : performance.now() - started, bytes: readFileSync(FLOOR_BUNDLE).length, ncc, core, key }
}
