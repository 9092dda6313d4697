#!/usr/bin/env node
// @ts-check
/**
 * node emulator/cli.js [--port N] [--host H] [--token T] [--account-id A] [--latency-ms N]
 *                      [--per-page N] [--ca-limit N] [--seed-synthetic N] [--zone ID]... [--log]
 *
 * Prints one JSON line ({"url", "adminUrl", "port", "accountId", "token", "email", "apiKey", "zoneId"}) on
 * stdout once listening, then serves until SIGTERM or SIGINT.
 */
import { parseArgs } from 'node:util'
import { startEmulator } from './index.js'

/** @param {string | undefined} value @param {string} flag */
function integer(value, flag) {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) {
    process.stderr.write(`emulator: --${flag} expects a non-negative integer, got "${value}"\n`)
    process.exit(2)
  }
  return Number(value)
}

/** @type {ReturnType<typeof parseArgs<{ options: Record<string, { type: 'string' | 'boolean', multiple?: boolean }> }>>['values']} */
let values
try {
  values = parseArgs({
    options: {
      'port': { type: 'string' },
      'host': { type: 'string' },
      'token': { type: 'string' },
      'account-id': { type: 'string' },
      'email': { type: 'string' },
      'api-key': { type: 'string' },
      'latency-ms': { type: 'string' },
      'per-page': { type: 'string' },
      'ca-limit': { type: 'string' },
      'seed-synthetic': { type: 'string' },
      'zone': { type: 'string', multiple: true },
      'log': { type: 'boolean' },
      'help': { type: 'boolean' }
    },
    strict: true
  }).values
} catch (e) {
  process.stderr.write(`emulator: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(2)
}

if (values.help) {
  process.stdout.write(
    'usage: node emulator/cli.js [--port N] [--host H] [--token T] [--account-id A] [--email E] [--api-key K]\n' +
      '                            [--latency-ms N] [--per-page N] [--ca-limit N] [--seed-synthetic N] [--zone ID]... [--log]\n'
  )
  process.exit(0)
}

/** @param {string} name */
const str = (name) => {
  const v = values[name]
  return typeof v === 'string' ? v : undefined
}

/** @type {import('./index.js').EmulatorOptions} */
const options = {}
const port = integer(str('port'), 'port')
const latencyMs = integer(str('latency-ms'), 'latency-ms')
const perPage = integer(str('per-page'), 'per-page')
const caLimit = integer(str('ca-limit'), 'ca-limit')
const synthetic = integer(str('seed-synthetic'), 'seed-synthetic')
if (port !== undefined) options.port = port
if (latencyMs !== undefined) options.latencyMs = latencyMs
if (perPage !== undefined) options.perPage = perPage
if (caLimit !== undefined) options.caLimit = caLimit
for (const [flag, key] of /** @type {const} */ ([
  ['host', 'host'],
  ['token', 'token'],
  ['account-id', 'accountId'],
  ['email', 'email'],
  ['api-key', 'apiKey']
])) {
  const v = str(flag)
  if (v !== undefined) options[key] = v
}
if (values.log === true) options.log = true
const zones = values.zone
if (Array.isArray(zones) && zones.length > 0) options.zones = zones.filter((z) => typeof z === 'string')

let emulator
try {
  emulator = await startEmulator(options)
} catch (e) {
  process.stderr.write(`emulator: cannot start: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
}
if (synthetic) emulator.seedSynthetic(synthetic)
process.stdout.write(`${JSON.stringify(emulator.info())}\n`)

const running = emulator
/** @param {NodeJS.Signals} signal */
const stop = (signal) => {
  running.close().then(
    () => process.exit(0),
    () => process.exit(1)
  )
  // A second signal, or a close that takes too long, ends it at once.
  setTimeout(() => process.exit(1), 2000).unref()
  process.once(signal, () => process.exit(1))
}
process.once('SIGTERM', () => stop('SIGTERM'))
process.once('SIGINT', () => stop('SIGINT'))
