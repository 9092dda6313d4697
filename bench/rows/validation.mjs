// @ts-check
/**
 * Row 3. `validate` of a directory of 1,000 PEM files (bench/lib/certset.mjs) through the bundle,
 * against its ideal: the stack floor (bench/floor/with-zod.js) plus the bare loop of
 * bench/scripts/parse-floor.mjs (read each file, build an X509Certificate per PEM block, verify each
 * self-issued certificate's signature), minus `node -e 0`: the floor and the loop are two processes,
 * and the action is one, so Node's own start would otherwise be counted twice. The loop must parse
 * every certificate of the set (1,750) and verify every self-issued one (750), or the run is a
 * correctness failure.
 * Beside it, as information: what a shell-script PR check does, `openssl x509 -noout -in FILE`, one
 * process per file. One openssl process costs the same for every file, so each round runs it on a
 * rotating sample of the files and scales the time to the whole set (the sample size is reported).
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { NODE, ROOT, assertOk, runBundle, runFloor, runNode } from '../lib/action.mjs'
import { CorrectnessError } from '../lib/correctness.mjs'
import { alternate, timedSpawn } from '../lib/measure.mjs'
import { profiledRun } from '../lib/profile.mjs'

/** Validating the set may cost at most this many times its ideal. */
export const VALIDATE_TARGET = 2.0
/** Certificates in one file of each kind of bench/lib/certset.mjs, and how many of them are self-issued. */
const CERTS_PER_FILE = { 'rsa-ca': 1, 'ec-ca': 1, 'rsa-chain': 3, 'ec-chain': 2 }
const SELF_ISSUED_PER_FILE = { 'rsa-ca': 1, 'ec-ca': 1, 'rsa-chain': 1, 'ec-chain': 0 }

/** The openssl binary's version line, or undefined when there is none. */
function opensslVersion() {
  try {
    return execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
}

/**
 * @param {Record<string, number>} mix  files per kind
 * @param {Record<string, number>} per
 */
const total = (mix, per) => Object.entries(mix).reduce((sum, [kind, n]) => sum + n * (per[kind] ?? NaN), 0)

/**
 * @param {{ rounds: number, set: import('../lib/certset.mjs').CertSet, opensslSample: number, stackFloor: string, profile?: boolean }} options
 */
export async function validation({ rounds, set, opensslSample, stackFloor, profile = false }) {
  const openssl = opensslVersion()
  const count = set.files.length
  const expected = total(set.mix, CERTS_PER_FILE)
  const selfIssued = total(set.mix, SELF_ISSUED_PER_FILE)
  const inputs = { 'operation': 'validate', 'certificate-path': path.relative(ROOT, set.dir) }
  const checked = (/** @type {import('../lib/action.mjs').BenchRun} */ run) => {
    if (!run.stdout.includes(`Validated ${count} file(s): 0 error(s), 0 warning(s).`)) {
      throw new CorrectnessError(`validate did not check ${count} clean files:\n${run.stdout.split('\n').slice(0, 5).join('\n')}`)
    }
  }
  let sampleRound = 0
  /** @type {Record<string, () => Promise<number>>} */
  const variants = {
    bundle: async () => {
      const run = await runBundle(inputs)
      assertOk(run, 'validate of the set')
      checked(run)
      return run.ms
    },
    loop: async () => {
      const run = await timedSpawn(NODE, [path.join(ROOT, 'bench/scripts/parse-floor.mjs'), set.dir], { env: { PATH: process.env.PATH ?? '' } })
      if (run.code !== 0) throw new Error(`parse-floor failed:\n${run.stderr}`)
      const [files, parsed, verified] = run.stdout.trim().split(' ').map(Number)
      if (files !== count || parsed !== expected || verified !== selfIssued) {
        throw new CorrectnessError(`parse-floor read ${files} files, parsed ${parsed} certificates and verified ${verified}, not ${count}, ${expected} and ${selfIssued}`)
      }
      return run.ms
    },
    stackFloor: () => runFloor(stackFloor),
    node: async () => (await runNode(['-e', '0'])).ms
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
  const loopMs = r.loop?.median ?? NaN
  const stackFloorMs = r.stackFloor?.median ?? NaN
  const nodeMs = r.node?.median ?? NaN
  const idealMs = stackFloorMs + loopMs - nodeMs
  const opensslMs = r.openssl?.median
  const ratio = bundle / idealMs
  return {
    id: 'validation',
    title: `Validate ${count} PEM files`,
    files: count,
    certificates: expected,
    selfIssued,
    mix: set.mix,
    bundleMs: bundle,
    loopMs,
    stackFloorMs,
    nodeMs,
    idealMs,
    opensslMs,
    opensslSample: opensslSample,
    openssl: openssl ?? null,
    ratio,
    opensslSpeedup: opensslMs === undefined ? undefined : opensslMs / bundle,
    target: VALIDATE_TARGET,
    pass: ratio <= VALIDATE_TARGET,
    ...(profile ? { profile: await profiledRun('validation', inputs, checked) } : {}),
    times: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.times]))
  }
}
