// @ts-check
/**
 * The floor of validation: read every file of a directory and parse each certificate in it with
 * node:crypto's X509Certificate, nothing else (no checks, no findings, no report).
 * Usage: node bench/scripts/parse-floor.mjs DIR   → prints the number of certificates parsed
 */
import { X509Certificate } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const dir = process.argv[2] ?? '.'
const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g
let parsed = 0
for (const name of readdirSync(dir)) {
  if (!name.endsWith('.pem')) continue
  const text = readFileSync(path.join(dir, name), 'utf8')
  for (const block of text.match(BLOCK) ?? []) {
    new X509Certificate(block)
    parsed++
  }
}
console.log(parsed)
