// @ts-check
/**
 * Timing helpers. Every comparison is made inside one run of the benchmark, by alternating the
 * variants (A, B, A, B, …) and taking medians: these machines are noisy and absolute times drift,
 * but two things measured back to back drift together.
 */
import { spawn } from 'node:child_process'
import { cpus } from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'

/**
 * @typedef {object} Timed
 * @property {number} ms          wall time from spawn to exit
 * @property {number | null} code
 * @property {string} stdout
 * @property {string} stderr
 */

/**
 * Runs a command and measures its wall time from spawn to exit (asynchronously, so an emulator
 * in this process keeps answering).
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, cwd?: string, timeoutMs?: number }} [options]
 * @returns {Promise<Timed>}
 */
export function timedSpawn(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { env: options.env ?? { PATH: process.env.PATH ?? '' }, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (/** @type {Buffer} */ d) => (stdout += d.toString()))
    child.stderr.on('data', (/** @type {Buffer} */ d) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ ms: performance.now() - started, code, stdout, stderr })
    })
  })
}

/**
 * Runs each variant `rounds` times, interleaved (A B C A B C …), after one unrecorded warm-up
 * round (file cache, lazy page-ins). Returns each variant's times and median.
 * @template {string} K
 * @param {Record<K, () => Promise<number>>} variants  each returns the time (ms) of one run
 * @param {number} rounds
 * @returns {Promise<Record<K, { times: number[], median: number }>>}
 */
export async function alternate(variants, rounds) {
  const names = /** @type {K[]} */ (Object.keys(variants))
  /** @type {Record<string, number[]>} */
  const times = Object.fromEntries(names.map((n) => [n, []]))
  for (let round = -1; round < rounds; round++) {
    for (const name of names) {
      const ms = await variants[name]()
      if (round >= 0) times[name]?.push(ms)
    }
  }
  return /** @type {Record<K, { times: number[], median: number }>} */ (Object.fromEntries(names.map((n) => [n, { times: times[n] ?? [], median: median(times[n] ?? []) }])))
}

/** @param {number[]} values */
export function median(values) {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2
}

/**
 * @param {string} node  the Node binary the action and the floors run on
 */
export function machine(node) {
  const list = cpus()
  let version = process.version
  try {
    version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    // keep this process's version
  }
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    node: version,
    nodePath: node === process.execPath ? 'the node running the benchmark' : path.relative(process.cwd(), node).startsWith('..') ? node : path.relative(process.cwd(), node),
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString()
  }
}

/** Milliseconds with one decimal. @param {number} ms */
export const fmtMs = (ms) => `${ms.toFixed(1)} ms`
/** A ratio with two decimals. @param {number} r */
export const fmtRatio = (r) => `${r.toFixed(2)}×`
