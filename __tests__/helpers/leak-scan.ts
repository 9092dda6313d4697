/**
 * The secret-leak scan that every run of the bundle in the test suite goes through (see
 * run-action.ts): the secrets a run was given must not appear, un-masked, in anything it wrote.
 *
 * `::add-mask::<value>` lines are how a secret reaches the runner's masker, so exactly those lines
 * are excluded; every other line of stdout, all of stderr, every output and the job summary must
 * be clean. This is stricter than the runner needs (it would replace a masked value with ***), on
 * purpose: GITHUB_OUTPUT values flow into later steps unmasked, and a value printed before it was
 * masked is not masked at all.
 */
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'

export interface Secret {
  /** Where the secret came from, for the failure message (never the value itself). */
  what: string
  value: string
}

export interface RunText {
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

export interface Leak {
  what: string
  where: 'stdout' | 'stderr' | 'outputs' | 'summary'
  /** 1-based line of the stream where it was found. */
  line: number
}

/** Secrets shorter than this are not scanned: they would match ordinary text (the action masks the same). */
export const MIN_SECRET_LENGTH = 8
/** Length of the windows of a private key's base64 that must not appear anywhere, even clipped. */
export const KEY_WINDOW = 16

const SECRET_INPUTS = ['api-token', 'api-key', 'api-email', 'github-token'] as const
const SECRET_ENV = ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_API_KEY', 'CLOUDFLARE_EMAIL', 'GITHUB_TOKEN'] as const
const PROXY_ENV = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const

function readSmallFile(file: string | undefined, cwd: string): string | undefined {
  if (!file || file.includes('\n')) return undefined
  const p = path.resolve(cwd, file)
  try {
    const st = statSync(p)
    if (!st.isFile() || st.size > 2 * 1024 * 1024) return undefined
    return readFileSync(p, 'utf8')
  } catch {
    return undefined
  }
}

const isArmor = (line: string) => line.startsWith('-----')

/** A private key as secrets: the whole text, every base64 line, and windows of its secret lines. */
function keySecrets(what: string, text: string, publicText: string): Secret[] {
  const out: Secret[] = [{ what, value: text.trim() }]
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
  const body = lines.filter((l) => !isArmor(l) && !l.includes(':'))
  for (const [i, line] of body.entries()) {
    if (line.length >= MIN_SECRET_LENGTH) out.push({ what: `${what}, base64 line ${i + 1}`, value: line })
  }
  // Windows are cut from the key material only: a BEGIN/END marker glued to a line is public text.
  const material = body.flatMap((l) => l.split(/-----(?:BEGIN|END)[^-]*-----/)).filter((l) => l.length >= KEY_WINDOW)
  // A clipped quote of a key line ("text before the marker (MIIEvQIBADANBgkqhk…)") is a leak too.
  // The first body line is ASN.1 boilerplate shared by every key of its kind, and the public key
  // inside a private key also sits in its certificate: windows found in public text are skipped.
  const windows = new Set<string>()
  for (const line of material.slice(1)) {
    for (let i = 0; i + KEY_WINDOW <= line.length; i++) windows.add(line.slice(i, i + KEY_WINDOW))
  }
  const publicFlat = publicText.replace(/\s+/g, '')
  for (const w of windows) {
    if (!publicFlat.includes(w)) out.push({ what: `${what}, a ${KEY_WINDOW}-character piece`, value: w })
  }
  return out
}

/** The password of a proxy URL such as http://user:pass@proxy:3128. */
function proxyPassword(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const pw = decodeURIComponent(new URL(url).password)
    return pw || undefined
  } catch {
    return undefined
  }
}

/** Everything secret that a run of the bundle was given, as inputs, files or environment. */
export function secretsOf(inputs: Record<string, string>, env: Record<string, string> = {}, cwd = process.cwd()): Secret[] {
  const out: Secret[] = []
  const publicText = [inputs.certificate ?? '', readSmallFile(inputs['certificate-path'], cwd) ?? ''].join('\n')
  for (const name of SECRET_INPUTS) {
    const v = inputs[name]?.trim()
    if (v) out.push({ what: `input ${name}`, value: v })
  }
  for (const name of SECRET_ENV) {
    const v = env[name]?.trim()
    if (v) out.push({ what: `env ${name}`, value: v })
  }
  for (const name of PROXY_ENV) {
    const pw = proxyPassword(env[name])
    if (pw) out.push({ what: `password in ${name}`, value: pw })
  }
  // sync reads a client certificate's key from the environment variable its manifest names: any
  // variable that holds a private key is one.
  for (const [name, v] of Object.entries(env)) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(v)) out.push(...keySecrets(`env ${name}`, v, publicText))
  }
  if (inputs['private-key']?.trim()) out.push(...keySecrets('input private-key', inputs['private-key'], publicText))
  const keyFile = readSmallFile(inputs['private-key-path'], cwd)
  if (keyFile?.trim()) out.push(...keySecrets(`file in private-key-path`, keyFile, publicText))
  return out.filter((s) => s.value.length >= MIN_SECRET_LENGTH)
}

/** Where any of the secrets appears outside `::add-mask::` lines. */
export function findLeaks(run: RunText, secrets: Secret[]): Leak[] {
  if (secrets.length === 0) return []
  const streams: Array<[Leak['where'], string]> = [
    ['stdout', run.stdout],
    ['stderr', run.stderr],
    [
      'outputs',
      Object.entries(run.outputs)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n')
    ],
    ['summary', run.summary]
  ]
  const leaks: Leak[] = []
  for (const [where, text] of streams) {
    const lines = text.split('\n')
    for (const [i, line] of lines.entries()) {
      if (where === 'stdout' && line.startsWith('::add-mask::')) continue
      for (const s of secrets) {
        if (line.includes(s.value)) leaks.push({ what: s.what, where, line: i + 1 })
      }
    }
  }
  return leaks
}

/** Throws (failing the test) when a run printed or wrote one of its secrets. */
export function assertNoLeaks(run: RunText, secrets: Secret[], label = 'the action run'): void {
  const leaks = findLeaks(run, secrets)
  if (leaks.length === 0) return
  const first = leaks
    .slice(0, 5)
    .map((l) => `${l.what} in ${l.where} line ${l.line}`)
    .join('; ')
  throw new Error(`Secret leak: ${label} wrote ${leaks.length} un-masked secret occurrence(s): ${first}`)
}

/** The secrets that were registered with the runner's masker (`::add-mask::` lines), in order. */
export function maskedValues(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('::add-mask::'))
    .map((l) => l.slice('::add-mask::'.length))
}
