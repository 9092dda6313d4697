// @ts-check
/**
 * The floor of validation: a bare loop that reads each file, builds an X509Certificate from every
 * PEM certificate block in it and verifies the signature of each self-issued one (subject = issuer)
 * with its own key (what validate must do since a root whose signature does not verify is an error),
 * nothing else (no checks, no findings, no report, no output files). Given the directory, it takes the same files the action validates there (src/operations/validate.ts:
 * .pem, .crt, .cer, .cert, .ca-bundle, .ca); given files, those.
 * Usage: node bench/scripts/parse-floor.mjs DIR | FILE…  → prints `<files> <certificates> <self-issued verified>`
 */
import { X509Certificate } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const args = process.argv.slice(2)
if (args.length === 0) throw new Error('usage: parse-floor.mjs DIR | FILE…')
const first = args[0] ?? '.'
const files =
  args.length === 1 && statSync(first).isDirectory()
    ? readdirSync(first)
        .filter((n) => /\.(pem|crt|cer|cert|ca-bundle|ca)$/i.test(n))
        .sort()
        .map((n) => path.join(first, n))
    : args
const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g
let parsed = 0
let verified = 0
for (const file of files) {
  const text = readFileSync(file, 'utf8')
  let blocks = 0
  for (const block of text.match(BLOCK) ?? []) {
    const cert = new X509Certificate(block)
    if (cert.subject === cert.issuer) {
      if (!cert.verify(cert.publicKey)) throw new Error(`${file}: a self-issued certificate whose signature does not verify`)
      verified++
    }
    blocks++
  }
  if (blocks === 0) throw new Error(`${file}: no certificate block`)
  parsed += blocks
}
console.log(`${files.length} ${parsed} ${verified}`)
