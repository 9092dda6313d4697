// @ts-check
/**
 * Writes dist/licenses.txt: the license of every package whose code is in dist/, in ncc's format
 * (name, license id, license text, a blank line), sorted by name.
 *
 * Why not ncc's own --license file: ncc 0.45 lists only the packages whose modules webpack kept
 * as modules of their own (CommonJS ones such as undici). ES modules it concatenates (@actions/core,
 * zod, …) lose their package path on the way and were missing from the file, although their code
 * is in dist/index.js. The bundle names every module it holds in a comment
 * (`// CONCATENATED MODULE: ./node_modules/…`, `// EXTERNAL MODULE: …`, `/***\/ "./node_modules/…"`),
 * so this reads the packages from there.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'dist')

/** `./node_modules/a/node_modules/@b/c/lib/x.js` → `node_modules/a/node_modules/@b/c` */
const PACKAGE_DIR = /\.\/((?:node_modules\/(?:@[^/\s"'`]+\/)?[^/\s"'`]+\/)+)/g

/** @returns {Set<string>} package directories, relative to the repository root */
export function bundledPackageDirs(dir = dist) {
  const dirs = new Set()
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(path.join(dir, file), 'utf8')
    for (const m of text.matchAll(PACKAGE_DIR)) dirs.add((m[1] ?? '').replace(/\/$/, ''))
  }
  return dirs
}

/** @param {string} pkgDir */
function licenseText(pkgDir) {
  const file = readdirSync(pkgDir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f))
  return file ? readFileSync(path.join(pkgDir, file), 'utf8').trim() : ''
}

export function licensesTxt(dir = dist) {
  /** @type {Map<string, { license: string, text: string }>} */
  const packages = new Map()
  for (const rel of bundledPackageDirs(dir)) {
    const pkgDir = path.join(root, rel)
    const manifest = path.join(pkgDir, 'package.json')
    if (!existsSync(manifest)) throw new Error(`dist/ holds code of ${rel}, which has no package.json: run npm ci, then npm run bundle`)
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'))
    const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN')
    // Two copies of one package (undici 6 for @actions/http-client, 7 for the client) share a license.
    if (!packages.has(pkg.name)) packages.set(pkg.name, { license, text: licenseText(pkgDir) })
  }
  return [...packages.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, { license, text }]) => `${name}\n${license}\n${text}\n`)
    .join('\n')
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(path.join(dist, 'licenses.txt'), licensesTxt())
}
