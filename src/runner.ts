import { accessSync, appendFileSync, constants, existsSync, writeSync } from 'node:fs'
import { EOL } from 'node:os'

/**
 * The runner's side of the protocol: inputs from INPUT_* variables, workflow commands on stdout,
 * file commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY). It does what @actions/core 3 does, byte for
 * byte, for the few calls this action makes: importing @actions/core also loads its OIDC client,
 * @actions/http-client, tunnel and a second copy of undici (1 MB of the old bundle), which cost
 * most of the cold start of `validate`, an operation that never talks HTTP.
 * Only main (inputs, masking, logging, failure) and src/report (outputs, summary, annotations) use it.
 */

/**
 * Where log lines and workflow commands go: file descriptor 1, written synchronously. Creating
 * process.stdout costs more than the rest of a small `validate` (3–6 ms: it builds a net.Socket for
 * the runner's pipe), and these writes are synchronous anyway on Linux. A non-blocking stdout that
 * is full (EAGAIN) hands the rest, and everything after it, to process.stdout, in order.
 * Replaceable in tests.
 */
export const stdout = {
  write(text: string): void {
    if (!useStream) {
      const bytes = Buffer.from(text, 'utf8')
      let done = 0
      try {
        while (done < bytes.length) done += writeSync(1, bytes, done)
        return
      } catch (e) {
        if ((e as { code?: string }).code !== 'EAGAIN') throw e
        useStream = true
        process.stdout.write(bytes.subarray(done))
        return
      }
    }
    process.stdout.write(text)
  }
}
let useStream = false

/** True while every write so far went out synchronously: nothing is left for the process to flush. */
export function everythingWritten(): boolean {
  return !useStream
}

export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
}

/** The value of an input as the runner passes it (trimmed; '' when absent). */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim()
}

export function isDebug(): boolean {
  return process.env.RUNNER_DEBUG === '1'
}

export function info(message: string): void {
  stdout.write(message + EOL)
}

export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

export function warning(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('warning', commandProperties(properties), message)
}

export function error(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('error', commandProperties(properties), message)
}

export function notice(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('notice', commandProperties(properties), message)
}

/** The runner replaces the value with *** in every later line of the log. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT || ''
  if (file) {
    appendFileCommand('OUTPUT', keyValueMessage(name, value))
    return
  }
  stdout.write(EOL)
  issueCommand('set-output', { name }, value)
}

/**
 * Appends HTML or Markdown to the job summary (GITHUB_STEP_SUMMARY). Synchronous like the output
 * file commands: node:fs/promises would be one more module to load for a single small write.
 */
export function appendSummary(text: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.')
  try {
    accessSync(file, constants.R_OK | constants.W_OK)
  } catch {
    throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`)
  }
  appendFileSync(file, text, { encoding: 'utf8' })
}

type CommandProperties = Record<string, string | number | undefined>

function commandProperties(p: AnnotationProperties): CommandProperties {
  if (Object.keys(p).length === 0) return {}
  return { title: p.title, file: p.file, line: p.startLine }
}

function issueCommand(command: string, properties: CommandProperties, message: string): void {
  let line = `::${command}`
  const props = Object.entries(properties)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
  if (props.length > 0) line += ` ${props.join(',')}`
  stdout.write(`${line}::${escapeData(message)}${EOL}`)
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

function appendFileCommand(command: 'OUTPUT', message: string): void {
  const file = process.env[`GITHUB_${command}`]
  if (!file) throw new Error(`Unable to find environment variable for file command ${command}`)
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  appendFileSync(file, `${message}${EOL}`, { encoding: 'utf8' })
}

/**
 * A version-4 UUID, as @actions/core's randomUUID() gives, from Math.random: loading node:crypto
 * costs about 25 ms on Node 24, a tenth of a `list`, which needs nothing else from it. The
 * delimiter needs to be unique, not secret: a value that contains it is refused below, whatever
 * it is, so a value can never end the heredoc early.
 */
export function delimiterUuid(random: () => number = Math.random): string {
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('')
  const variant = (8 + Math.floor(random() * 4)).toString(16)
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`
}

function keyValueMessage(key: string, value: string): string {
  const delimiter = `ghadelimiter_${delimiterUuid()}`
  // A value cannot end the heredoc early: the delimiter is random and checked.
  if (key.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`)
  if (value.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`)
  return `${key}<<${delimiter}${EOL}${value}${EOL}${delimiter}`
}
