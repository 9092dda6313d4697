// @ts-check
/**
 * Row 3. `validate` of a directory of 1,000 PEM files (bench/lib/certset.mjs) through the bundle,
 * against
 *  - the floor (the target): bench/scripts/parse-floor.mjs, a bare loop that reads each file and
 *    builds an X509Certificate from every PEM block in it; it must parse every certificate of the
 *    set (1,750), or the run is a correctness failure;
 *  - as information: what a shell-script PR check does, `openssl x509 -noout -in FILE`, one
 *    process per file. One openssl process costs the same for every file, so each round runs it on
 *    a rotating sample of the files and scales the time to the whole set (the sample size is reported).
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { NODE, ROOT, assertOk, runBundle } from '../lib/action.mjs'
import { CorrectnessError } from '../lib/correctness.mjs'
import { alternate, timedSpawn } from '../lib/measure.mjs'

/** Validating the set may cost at most this many times the bare parse loop. */
export const FLOOR_TARGET = 2.5
/** Certificates in one file of each kind of bench/lib/certset.mjs. */
const CERTS_PER_FILE = { 'rsa-ca': 1, 'ec-ca': 1, 'rsa-chain': 3, 'ec-chain': 2 }

/** The openssl binary's version line, or undefined when there is none. */
export function opensslVersion() {
  try {
    return execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
}

/**
 * @param {{ rounds: number, set: import('../lib/certset.mjs').CertSet, opensslSample: number }} options
 */
export async function validation({ rounds, set, opensslSample }) {
  const openssl = opensslVersion()
  const count = set.files.length
  const expected = Object.entries(set.mix).reduce((sum, [kind, n]) => sum + n * (CERTS_PER_FILE[/** @type {keyof typeof CERTS_PER_FILE} */ (kind)] ?? NaN), 0)
  let sampleRound = 0
  /** @type {Record<string, () => Promise<number>>} */
  const variants = {
    bundle: async () => {
      const run = await runBundle({ operation: 'validate', 'certificate-path': path.relative(ROOT, set.dir) })
      assertOk(run, 'validate of the set')
      if (!run.stdout.includes(`Validated ${count} file(s): 0 error(s), 0 warning(s).`)) {
        throw new CorrectnessError(`validate did not check ${count} clean files:\n${run.stdout.split('\n').slice(0, 5).join('\n')}`)
      }
      return run.ms
    },
    floor: async () => {
      const run = await timedSpawn(NODE, [path.join(ROOT, 'bench/scripts/parse-floor.mjs'), set.dir], { env: { PATH: process.env.PATH ?? '' } })
      if (run.code !== 0) throw new Error(`parse-floor failed:\n${run.stderr}`)
      const [files, parsed] = run.stdout.trim().split(' ').map(Number)
      if (files !== count || parsed !== expected) {
        throw new CorrectnessError(`parse-floor read ${files} files and parsed ${parsed} certificates, not ${count} and ${expected}`)
      }
      return run.ms
    }
  }
  if (openssl) {
    variants.openssl = async () => {
      const start = (sampleRound++ * opensslSample) % count
      const sample = [...set.files, ...set.files].slice(start, start + opensslSample)
      const run = await timedSpawn('sh', ['-c', 'for f in "$@"; do openssl x509 -noout -in "$f" || exit 1; done', 'sh', ...sample], {
        env: { PATH: process.env.PATH ?? '' }
      })
      if (run.code !== 0) throw new Error(`openssl failed:\n${run.stderr}`)
      return (run.ms * count) / sample.length
    }
  }
  const r = await alternate(variants, rounds)
  const bundle = r.bundle?.median ?? NaN
  const floor = r.floor?.median ?? NaN
  const opensslMs = r.openssl?.median
  const vsFloor = bundle / floor
  const opensslSpeedup = opensslMs === undefined ? undefined : opensslMs / bundle
  return {
    id: 'validation',
    title: `Validate ${count} PEM files`,
    files: count,
    certificates: expected,
    mix: set.mix,
    bundleMs: bundle,
    floorMs: floor,
    opensslMs,
    opensslSample: opensslSample,
    openssl: openssl ?? null,
    vsFloor,
    opensslSpeedup,
    target: FLOOR_TARGET,
    pass: vsFloor <= FLOOR_TARGET,
    times: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.times]))
  }
}
