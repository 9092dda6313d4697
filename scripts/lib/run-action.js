// @ts-check
/**
 * Runs the committed bundle exactly as a GitHub runner does: INPUT_* variables (name upper-cased,
 * spaces to underscores, hyphens kept), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, a clean
 * environment. Shared by the e2e tests, the demo and the benchmark.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const BUNDLE = path.join(ROOT, 'dist/index.js')
/** CI sets ACTION_NODE to a Node 24 binary to run the same suite as the runner would. */
export const NODE = process.env.ACTION_NODE || process.execPath

/**
 * @typedef {object} ActionRun
 * @property {number | null} code
 * @property {string} stdout
 * @property {string} stderr
 * @property {Record<string, string>} outputs
 * @property {string} summary
 * @property {string[]} errors    the ::error lines (workflow commands) printed
 * @property {number} durationMs
 */

/**
 * Parses the GITHUB_OUTPUT file format: `name<<DELIM\nvalue\nDELIM`.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseOutputFile(text) {
  /** @type {Record<string, string>} */
  const out = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!m || !m[1] || !m[2]) continue
    const value = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] ?? '')
    out[m[1]] = value.join('\n')
  }
  return out
}

/**
 * The files and environment the runner gives a step: a scratch directory with empty GITHUB_OUTPUT
 * and GITHUB_STEP_SUMMARY files, and the inputs as INPUT_* variables. Shared with the benchmark.
 * @param {Record<string, string>} inputs  action inputs by their action.yml names
 * @param {{ env?: Record<string, string>, cwd?: string }} [options]
 */
export function runnerStep(inputs, options = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'action-run-'))
  const outputFile = path.join(dir, 'output')
  const summaryFile = path.join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  /** @type {Record<string, string>} */
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: options.cwd ?? ROOT,
    RUNNER_TEMP: dir,
    ...options.env
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v
  return {
    env,
    cwd: options.cwd ?? ROOT,
    /** What the step wrote: its outputs and job summary. */
    read: () => ({ outputs: parseOutputFile(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8') }),
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * @param {Record<string, string>} inputs  action inputs by their action.yml names
 * @param {{ env?: Record<string, string>, cwd?: string, timeoutMs?: number, node?: string }} [options]
 * @returns {Promise<ActionRun>}
 */
export async function runAction(inputs, options = {}) {
  const step = runnerStep(inputs, options)
  const started = Date.now()
  const child = spawn(options.node ?? NODE, [BUNDLE], { env: step.env, cwd: step.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (/** @type {Buffer} */ d) => (stdout += d.toString()))
  child.stderr.on('data', (/** @type {Buffer} */ d) => (stderr += d.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  /** @type {number | null} */
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)))
  clearTimeout(timer)
  try {
    return {
      code,
      stdout,
      stderr,
      ...step.read(),
      errors: stdout.split('\n').filter((l) => l.startsWith('::error')),
      durationMs: Date.now() - started
    }
  } finally {
    step.cleanup()
  }
}
