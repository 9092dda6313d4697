// @ts-check
/**
 * Renders bench/results.json into the README's Performance section (between
 * <!-- bench-results:start --> and <!-- bench-results:end -->). `npm run bench` does this itself
 * when it writes bench/results.json; this script redoes it from the file alone.
 *
 *   node bench/readme.mjs           rewrite README.md
 *   node bench/readme.mjs --check   exit 1 when README.md differs from bench/results.json
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { applyResults } from './lib/report.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const README = path.join(ROOT, 'README.md')
export const RESULTS = path.join(ROOT, 'bench/results.json')

/** Rewrites the README from results.json; returns whether it changed. */
export function updateReadme() {
  const readme = readFileSync(README, 'utf8')
  const next = applyResults(readme, JSON.parse(readFileSync(RESULTS, 'utf8')))
  if (next !== readme) writeFileSync(README, next)
  return next !== readme
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (process.argv.includes('--check')) {
    const readme = readFileSync(README, 'utf8')
    if (applyResults(readme, JSON.parse(readFileSync(RESULTS, 'utf8'))) !== readme) {
      console.error('README.md Performance results differ from bench/results.json: run `node bench/readme.mjs`')
      process.exit(1)
    }
  } else {
    console.log(updateReadme() ? 'README.md updated from bench/results.json' : 'README.md already matches bench/results.json')
  }
}
