import { readFileSync, statSync } from 'node:fs'
import { z } from 'zod'
import type { Auth } from './cloudflare/http.js'
import type { CertificateType } from './cloudflare/schemas.js'
import { workspaceBoundary } from './workspace.js'

export const OPERATIONS = ['upload', 'list', 'get', 'delete', 'associations', 'validate', 'rotate', 'report', 'associate', 'sync'] as const
export type Operation = (typeof OPERATIONS)[number]

/** Every input of action.yml, by its action.yml name. */
export const INPUT_NAMES = [
  'operation',
  'account-id',
  'api-token',
  'api-key',
  'api-email',
  'certificate-path',
  'certificate',
  'private-key-path',
  'private-key',
  'ca',
  'name',
  'certificate-id',
  'type',
  'api-base-url',
  'timeout-seconds',
  'max-retries',
  'summary',
  'fail-on',
  'expiry-warning-days',
  'expiry-error-days',
  'reuse-existing',
  'missing-ok',
  'keep-previous',
  'wait-for-unassociated-seconds',
  'dry-run',
  'zone-id',
  'hostnames',
  'replace',
  'github-token',
  'check-run',
  'pr-comment',
  'changed-files-only',
  'tracking-issue',
  'tracking-issue-label',
  'associations',
  'manifest',
  'fail-on-drift'
] as const
export type InputName = (typeof INPUT_NAMES)[number]

/** Environment fallbacks, as Cloudflare's own tools name them. */
const ENV_FALLBACK: Partial<Record<InputName, string>> = {
  'account-id': 'CLOUDFLARE_ACCOUNT_ID',
  'api-token': 'CLOUDFLARE_API_TOKEN',
  'api-key': 'CLOUDFLARE_API_KEY',
  'api-email': 'CLOUDFLARE_EMAIL'
}

/** A problem with what the user gave us: reported as one line naming the input, before any request. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    detail: string
  ) {
    super(`Input "${input}" ${detail}`)
    this.name = 'InputError'
  }
}

/** Where the PEM came from, so findings and errors can name it. */
export interface PemSource {
  text: string
  /** The file's bytes, so the validator can tell DER, a BOM or binary from text. */
  bytes?: Uint8Array
  /** The file path, or the input name for inline PEM. */
  label: string
  input: InputName
  path?: string
}

export interface Connection {
  accountId: string
  auth: Auth
  apiBaseUrl: string
  timeoutMs: number
  maxRetries: number
}

export interface ValidationSettings {
  failOn: 'error' | 'warning'
  expiryWarningDays: number
  expiryErrorDays: number
}

export type CaMode = 'true' | 'false' | 'auto'
/** The hostnames wanted for one zone (zone-id + hostnames), in the order given, without repeats. */
export interface ZoneHostnames {
  zoneId: string
  hostnames: string[]
}

/** How validate shows its findings on the pull request (GitHub's API, through the github-token). */
export interface PullRequestSettings {
  /** Absent when no token was given (or a local run passed action.yml's default unexpanded). */
  token?: string
  checkRun: 'auto' | 'always' | 'never'
  prComment: boolean
  changedFilesOnly: boolean
  /** timeout-seconds: the deadline of each request to GitHub. */
  timeoutMs: number
  /** max-retries: how often a request to GitHub that failed with 5xx, a timeout or a network error is tried again. */
  maxRetries: number
}
/** Which certificates' associations report reads: one request each, so only where they decide by default. */
export type AssociationScope = 'expiring' | 'all' | 'none'

/** report's tracking issue (GitHub's API, through the github-token). */
export interface TrackingIssueSettings {
  /** Absent when no token was given (or a local run passed action.yml's default unexpanded). */
  token?: string
  label: string
  /** timeout-seconds: the deadline of each request to GitHub. */
  timeoutMs: number
  /** max-retries: how often a request to GitHub is tried again (5xx, network, rate limits). */
  maxRetries: number
}

export type CertificateRef = { by: 'id'; id: string } | { by: 'name'; name: string }

interface Base {
  summary: boolean
}
export type Config =
  | (Base & { operation: 'validate'; paths: string[]; privateKeyPath?: string; ca: CaMode; validation: ValidationSettings; pullRequest: PullRequestSettings })
  | (Base & {
      operation: 'upload' | 'rotate'
      connection: Connection
      certificate: PemSource
      privateKey?: PemSource
      ca: CaMode
      name?: string
      validation: ValidationSettings
      reuseExisting: boolean
      dryRun: boolean
      keepPrevious: number
      waitForUnassociatedSeconds: number
      /** rotate with zone-id + hostnames: bind the new CA there and unbind the earlier ones. */
      zones?: ZoneHostnames[]
    })
  | (Base & { operation: 'list'; connection: Connection; types: CertificateType[] | undefined; validation: ValidationSettings })
  | (Base & {
      operation: 'report'
      connection: Connection
      types: CertificateType[] | undefined
      validation: ValidationSettings
      associations: AssociationScope
      /** tracking-issue: true: keep one open issue while anything expires. */
      trackingIssue?: TrackingIssueSettings
    })
  | (Base & { operation: 'get'; connection: Connection; ref: CertificateRef })
  | (Base & { operation: 'associations'; connection: Connection; ref: CertificateRef; zoneIds?: string[] })
  | (Base & { operation: 'associate'; connection: Connection; ref: CertificateRef; zones: ZoneHostnames[]; replace: boolean; dryRun: boolean })
  | (Base & { operation: 'delete'; connection: Connection; ref: CertificateRef; missingOk: boolean; dryRun: boolean })
  | (Base & {
      operation: 'sync'
      connection: Connection
      /** The manifest's path as given (relative to the workspace, or absolute). */
      manifest: string
      validation: ValidationSettings
      dryRun: boolean
      failOnDrift: boolean
      keepPrevious: number
      waitForUnassociatedSeconds: number
      pullRequest: PullRequestSettings
    })

/** The config of the operation(s) O (members that serve two operations count for both). */
export type ConfigOf<O extends Operation> = Config extends infer C ? (C extends { operation: infer K } ? ([O] extends [K] ? C : never) : never) : never

export type RawInputs = Partial<Record<InputName, string>>

/** Reads every input once (with env fallbacks), trimmed; empty means absent. */
export function collectInputs(getInput: (name: string) => string, env: NodeJS.ProcessEnv): RawInputs {
  const raw: RawInputs = {}
  for (const name of INPUT_NAMES) {
    let value = getInput(name)
    if (value === '' && ENV_FALLBACK[name]) value = env[ENV_FALLBACK[name]]?.trim() ?? ''
    if (value !== '') raw[name] = value
  }
  return raw
}

/** A string input that must pass `test`; the message is built from the value. */
const checked = (test: (v: string) => boolean, message: (v: string) => string) =>
  z.string().superRefine((v, ctx) => {
    if (!test(v)) ctx.addIssue({ code: 'custom', message: message(v) })
  })

const text = z.string()

const boolean = checked(
  (v) => ['true', 'yes', '1', 'false', 'no', '0'].includes(v.toLowerCase()),
  (v) => `must be true or false (got "${printable(v)}")`
).transform((v) => ['true', 'yes', '1'].includes(v.toLowerCase()))

const integer = (min: number, max: number) =>
  checked(
    (v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max,
    (v) => `must be a whole number from ${min} to ${max} (got "${printable(v)}")`
  ).transform(Number)

const oneOf = <const T extends readonly string[]>(values: T) =>
  checked(
    (v) => values.includes(v.toLowerCase()),
    (v) => `must be one of ${values.join(', ')} (got "${printable(v)}")`
  ).transform((v) => v.toLowerCase() as T[number])

/**
 * What is wrong with an api-base-url, or undefined when nothing is. The token travels with every
 * request: https only, except to this machine (the emulator, tests), where http:// stays allowed.
 * A query or fragment would be dropped, with the path after it, when request paths are appended.
 */
export function apiBaseUrlProblem(v: string): string | undefined {
  let u: URL
  try {
    u = new URL(v)
  } catch {
    return 'must be an https URL'
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'must be an https URL'
  if (u.username || u.password || /^[a-z]+:\/\/[^/?#]*@/i.test(v)) return 'must be an https URL without credentials (give the token in api-token)'
  if (u.search || u.hash || /[?#]/.test(v)) return 'must be an https URL without a query or fragment'
  if (u.protocol === 'http:' && !isLoopback(u.hostname))
    return 'must be an https URL: http:// sends the API token in clear text, and is allowed only for localhost, 127.0.0.0/8 and [::1]'
  return undefined
}

/** The hostname as URL parsing normalised it: `127.1` and `2130706433` are 127.0.0.1 already. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/** C0 and C1 controls, line and paragraph separators, bidi embeddings, overrides and isolates. */
export const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/
const ACCOUNT_ID = /^[0-9a-f]{32}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const lines = (v: string): string[] =>
  v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
const noWhitespace = checked(
  (v) => !/\s/.test(v),
  () => 'must not contain spaces or line breaks'
)

/**
 * The form of every input, by its action.yml name, so that an error names `account-id`, not
 * accountId. Every member of the schema below checks every input it is given (an input an
 * operation does not use is still refused when malformed), in this order; the first problem is
 * reported. Rules that join two inputs (api-token or api-key + api-email, certificate or
 * certificate-path) are in parseConfig.
 */
const fields = {
  'account-id': checked(
    (v) => ACCOUNT_ID.test(v),
    (v) =>
      `must be the 32 lowercase hexadecimal characters of a Cloudflare account id (got "${printable(v)}", ${v.length} characters); find it in the dashboard URL or with \`wrangler whoami\``
  ),
  'api-token': noWhitespace,
  'api-key': noWhitespace,
  'api-email': checked(
    (v) => /^[^\s@]+@[^\s@]+$/.test(v),
    () => 'must be the e-mail address of the Cloudflare user that owns api-key'
  ),
  'certificate-path': text,
  'certificate': text,
  'private-key-path': text,
  'private-key': text,
  'ca': oneOf(['true', 'false', 'auto'] as const),
  'name': checked(
    (v) => v.length <= 255,
    () => 'must be at most 255 characters'
  ).superRefine((v, ctx) => {
    if (UNPRINTABLE.test(v))
      ctx.addIssue({ code: 'custom', message: 'must not contain control characters, line breaks or bidirectional overrides (it is shown in logs and the dashboard)' })
  }),
  'certificate-id': checked(
    (v) => UUID.test(v),
    (v) => `must be a certificate id (a UUID such as 2a1b3c4d-…; got "${printable(v)}"); use name to find a certificate by its name`
  ),
  'type': oneOf(['custom', 'gateway_managed', 'access_managed', 'all'] as const),
  'api-base-url': checked(
    (v) => apiBaseUrlProblem(v) === undefined,
    (v) => `${apiBaseUrlProblem(v) ?? ''}, such as https://api.cloudflare.com/client/v4 (got "${printable(v)}")`
  ),
  'timeout-seconds': integer(1, 600),
  'max-retries': integer(0, 10),
  'summary': boolean,
  'fail-on': oneOf(['error', 'warning'] as const),
  'expiry-warning-days': integer(0, 3650),
  'expiry-error-days': integer(0, 3650),
  'reuse-existing': boolean,
  'missing-ok': boolean,
  'keep-previous': integer(0, 100),
  'wait-for-unassociated-seconds': integer(0, 21600),
  'dry-run': boolean,
  'zone-id': checked(
    (v) => lines(v).length > 0 && lines(v).every((z) => ACCOUNT_ID.test(z)),
    (v) => {
      const bad = lines(v).find((z) => !ACCOUNT_ID.test(z))
      return bad === undefined
        ? 'must hold at least one zone id'
        : `must be zone ids of 32 lowercase hexadecimal characters, one per line (got "${printable(bad)}", ${bad.length} characters); find it on the zone's Overview page in the dashboard`
    }
  ),
  'hostnames': text,
  'replace': boolean,
  // A run outside Actions (npm run local) is given action.yml's default as written: no token then.
  'github-token': z
    .string()
    .transform((v) => (/^\$\{\{[\s\S]*\}\}$/.test(v) ? undefined : v))
    .pipe(z.string().regex(/^\S+$/, 'must not contain spaces or line breaks').optional()),
  'check-run': oneOf(['auto', 'always', 'never'] as const),
  'pr-comment': boolean,
  'changed-files-only': boolean,
  'tracking-issue': boolean,
  // The issues list takes labels comma-separated: a comma would make it look for two labels.
  'tracking-issue-label': checked(
    (v) => v.length <= 50 && !v.includes(',') && !UNPRINTABLE.test(v),
    (v) => `must be a GitHub label name of at most 50 characters without commas or control characters (got "${printable(v)}")`
  ),
  'associations': oneOf(['expiring', 'all', 'none'] as const),
  'manifest': checked(
    (v) => !v.includes('\n'),
    () => 'must name one file (the sync manifest, relative to the workspace)'
  ),
  'fail-on-drift': boolean
} satisfies Record<Exclude<InputName, 'operation'>, z.ZodType>

/** Every input optional: an operation's member of the union below makes its own ones required. */
const AnyInputs = z.object(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]> })

/** A field that this operation needs, with the message that says so. */
const required = <S extends z.ZodType<unknown, string>>(schema: S, message: string) =>
  z.string({ error: (iss) => (iss.input === undefined ? message : 'must be a string') }).pipe(schema)

const network = { 'account-id': required(fields['account-id'], 'is required: set it, or the CLOUDFLARE_ACCOUNT_ID environment variable') }

/**
 * The inputs of one run: a union on `operation`, one member per operation (or pair of operations
 * that take the same inputs), keyed by the action.yml names.
 */
export const InputSchema = z.discriminatedUnion('operation', [
  AnyInputs.extend({
    'operation': z.literal('validate'),
    'certificate-path': required(fields['certificate-path'], 'is required for operation: validate (files, directories or globs, one per line)'),
    'certificate': z.undefined({ error: 'is not used by operation: validate; list files, directories or globs in certificate-path' }).optional()
  }),
  AnyInputs.extend({ operation: z.literal('upload'), ...network }),
  AnyInputs.extend({
    operation: z.literal('rotate'),
    ...network,
    name: required(fields.name, 'is required for operation: rotate: it is how earlier versions of the certificate are found')
  }),
  AnyInputs.extend({ operation: z.enum(['list', 'report']), ...network }),
  AnyInputs.extend({ operation: z.enum(['get', 'associations', 'delete']), ...network }),
  AnyInputs.extend({
    'operation': z.literal('associate'),
    ...network,
    'zone-id': required(fields['zone-id'], 'is required for operation: associate (the zone whose hostnames the CA serves; several zones one per line)'),
    'hostnames': required(fields.hostnames, 'is required for operation: associate (one hostname per line)')
  }),
  AnyInputs.extend({
    operation: z.literal('sync'),
    ...network,
    manifest: required(fields.manifest, 'is required for operation: sync: the YAML file that lists the certificates the account should hold')
  })
])
export type Inputs = z.output<typeof InputSchema>
type Parsed = z.output<typeof AnyInputs> & { operation: Operation }

/** Checks every given input against the schema; the first problem names its input. */
export function parseInputs(raw: RawInputs): Inputs {
  const operation = raw.operation?.toLowerCase()
  if (operation === undefined) throw new InputError('operation', `is required: one of ${OPERATIONS.join(', ')}`)
  if (!(OPERATIONS as readonly string[]).includes(operation)) {
    throw new InputError('operation', `must be one of ${OPERATIONS.join(', ')} (got "${printable(raw.operation ?? '')}")`)
  }
  const result = InputSchema.safeParse({ ...raw, operation })
  if (result.success) return result.data
  // What the user wrote is reported before what they left out: it is the likelier mistake
  // (certificate given to validate says more than "certificate-path is required").
  const given = (i: { path: PropertyKey[] }) => typeof i.path[0] === 'string' && raw[i.path[0] as InputName] !== undefined
  const issue = result.error.issues.find(given) ?? result.error.issues[0]
  const input = typeof issue?.path[0] === 'string' ? issue.path[0] : 'operation'
  throw new InputError(input, issue?.message ?? 'is not valid')
}

/** Shows a value in an error without control characters or unbounded length. */
function printable(v: string): string {
  const clean = v.replace(new RegExp(UNPRINTABLE.source, 'g'), '?')
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean
}

export interface ParseContext {
  /** Called with a secret read from a file (a private key) the moment it is read, to mask it. */
  onSecret?: (value: string) => void
  readFile?: (path: string) => Buffer
  statFile?: (path: string) => { isFile(): boolean; isDirectory(): boolean; size: number }
  /**
   * GITHUB_WORKSPACE: a certificate or key path inside it must not lead out of it through a
   * symbolic link (a pull request could plant one). Unset: no boundary (a local run).
   */
  workspace?: string
}

/** A PEM file larger than this is not a certificate bundle; refuse before reading it whole. */
export const MAX_PEM_BYTES = 1024 * 1024

/** Raw inputs → a typed config for one operation, or an InputError naming the input. */
export function parseConfig(raw: RawInputs, ctx: ParseContext = {}): Config {
  const p: Parsed = parseInputs(raw)
  const summary = p.summary ?? true
  const validation: ValidationSettings = {
    failOn: p['fail-on'] ?? 'error',
    expiryWarningDays: p['expiry-warning-days'] ?? 30,
    expiryErrorDays: p['expiry-error-days'] ?? 0
  }
  if (validation.expiryErrorDays > validation.expiryWarningDays) {
    throw new InputError('expiry-error-days', `(${validation.expiryErrorDays}) must not be larger than expiry-warning-days (${validation.expiryWarningDays})`)
  }
  const op = p.operation
  switch (op) {
    case 'validate': {
      // The schema made certificate-path required here.
      const paths = (p['certificate-path'] ?? '')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean)
      // A FIFO or a device named directly would block the validator's read for ever (a glob or a
      // directory walk only yields regular files); what does not exist is the validator's to report.
      const stat = ctx.statFile ?? ((f: string) => statSync(f))
      for (const entry of paths) {
        if (/[*?[\]{}!]/.test(entry)) continue
        let info: ReturnType<typeof stat> | undefined
        try {
          info = stat(entry)
        } catch {
          info = undefined
        }
        if (info && !info.isFile() && !info.isDirectory()) {
          throw new InputError('certificate-path', `names something that is neither a file nor a directory: ${shownPath(entry)}`)
        }
      }
      const pullRequest: PullRequestSettings = {
        checkRun: p['check-run'] ?? 'auto',
        prComment: p['pr-comment'] ?? false,
        changedFilesOnly: p['changed-files-only'] ?? false,
        timeoutMs: (p['timeout-seconds'] ?? 30) * 1000,
        maxRetries: p['max-retries'] ?? 3
      }
      if (p['github-token']) pullRequest.token = p['github-token']
      const cfg: ConfigOf<'validate'> = { operation: op, summary, paths, ca: p.ca ?? 'auto', validation, pullRequest }
      if (p['private-key-path']) {
        // Read here too, for the same checks as an upload's key (a FIFO would block the read for
        // ever) and so that the key is masked before the validator can print anything.
        pemSource(p, 'private-key', 'private-key-path', ctx)
        cfg.privateKeyPath = p['private-key-path']
      }
      return cfg
    }
    case 'upload':
    case 'rotate': {
      const connection = parseConnection(p)
      if (op === 'upload' && (p['zone-id'] || p.hostnames)) {
        throw new InputError(
          p['zone-id'] ? 'zone-id' : 'hostnames',
          'is not used by operation: upload; use operation: associate (or rotate) to bind the certificate to hostnames'
        )
      }
      const zones = op === 'rotate' ? zoneHostnames(p, false) : undefined
      const certificate = pemSource(p, 'certificate', 'certificate-path', ctx)
      if (!certificate) throw new InputError('certificate-path', `is required for operation: ${op} (or give the PEM inline in certificate)`)
      const privateKey = pemSource(p, 'private-key', 'private-key-path', ctx)
      const ca = p.ca ?? 'auto'
      if (privateKey && ca === 'true') {
        throw new InputError(privateKey.input, 'must not be given with ca: true: a CA bundle is uploaded without its private key')
      }
      const cfg: ConfigOf<'upload' | 'rotate'> = {
        operation: op,
        summary,
        connection,
        certificate,
        ca,
        validation,
        reuseExisting: p['reuse-existing'] ?? true,
        dryRun: p['dry-run'] ?? false,
        keepPrevious: p['keep-previous'] ?? 0,
        waitForUnassociatedSeconds: p['wait-for-unassociated-seconds'] ?? 0
      }
      if (privateKey) cfg.privateKey = privateKey
      if (p.name) cfg.name = p.name
      if (zones) cfg.zones = zones
      return cfg
    }
    case 'list': {
      const t = p.type ?? 'custom'
      return { operation: op, summary, connection: parseConnection(p), types: t === 'all' ? undefined : [t], validation }
    }
    case 'report': {
      const t = p.type ?? 'custom'
      const cfg: ConfigOf<'report'> = {
        operation: op,
        summary,
        connection: parseConnection(p),
        types: t === 'all' ? undefined : [t],
        validation,
        associations: p.associations ?? 'expiring'
      }
      if (p['tracking-issue']) {
        cfg.trackingIssue = { label: p['tracking-issue-label'] ?? 'mtls-expiry', timeoutMs: (p['timeout-seconds'] ?? 30) * 1000, maxRetries: p['max-retries'] ?? 3 }
        if (p['github-token']) cfg.trackingIssue.token = p['github-token']
      }
      return cfg
    }
    case 'get':
      return { operation: op, summary, connection: parseConnection(p), ref: certificateRef(p, op) }
    case 'associations': {
      if (p.hostnames) throw new InputError('hostnames', 'is not used by operation: associations: give zone-id alone to list the hostnames the certificate serves there')
      const cfg: ConfigOf<'associations'> = { operation: op, summary, connection: parseConnection(p), ref: certificateRef(p, op) }
      if (p['zone-id']) cfg.zoneIds = zoneIdList(p['zone-id'])
      return cfg
    }
    case 'associate':
      return {
        operation: op,
        summary,
        connection: parseConnection(p),
        ref: certificateRef(p, op),
        zones: zoneHostnames(p, true) ?? [],
        replace: p.replace ?? false,
        dryRun: p['dry-run'] ?? false
      }
    case 'delete':
      return {
        operation: op,
        summary,
        connection: parseConnection(p),
        ref: certificateRef(p, op),
        missingOk: p['missing-ok'] ?? false,
        dryRun: p['dry-run'] ?? false
      }
    case 'sync': {
      // The manifest says which certificates, files, keys and hostnames: the single-certificate inputs would contradict it.
      const unused = (['certificate-path', 'certificate', 'private-key-path', 'private-key', 'name', 'certificate-id', 'zone-id', 'hostnames'] as const).find(
        (k) => p[k] !== undefined
      )
      if (unused) throw new InputError(unused, 'is not used by operation: sync: the manifest lists the certificates, their files, keys and hostnames')
      const pullRequest: PullRequestSettings = {
        checkRun: 'never',
        prComment: p['pr-comment'] ?? false,
        changedFilesOnly: false,
        timeoutMs: (p['timeout-seconds'] ?? 30) * 1000,
        maxRetries: p['max-retries'] ?? 3
      }
      if (p['github-token']) pullRequest.token = p['github-token']
      return {
        operation: op,
        summary,
        connection: parseConnection(p),
        manifest: p.manifest ?? '',
        validation,
        dryRun: p['dry-run'] ?? false,
        failOnDrift: p['fail-on-drift'] ?? false,
        keepPrevious: p['keep-previous'] ?? 0,
        waitForUnassociatedSeconds: p['wait-for-unassociated-seconds'] ?? 0,
        pullRequest
      }
    }
  }
}

function parseConnection(p: Parsed): Connection {
  // The schema made account-id required for every operation that connects.
  const accountId = p['account-id'] ?? ''
  const token = p['api-token']
  const key = p['api-key']
  const email = p['api-email']
  let auth: Auth
  if (token && (key || email)) {
    throw new InputError(key ? 'api-key' : 'api-email', 'must not be given together with api-token: use either an API token or the legacy api-key + api-email pair')
  } else if (token) {
    auth = { kind: 'token', token }
  } else if (key && email) {
    auth = { kind: 'key', key, email }
  } else if (key || email) {
    throw new InputError(
      key ? 'api-email' : 'api-key',
      `is required with ${key ? 'api-key' : 'api-email'} (the legacy global API key needs both); an API token in api-token is the better choice`
    )
  } else {
    throw new InputError(
      'api-token',
      'is required: set it from a secret (or the CLOUDFLARE_API_TOKEN environment variable); the token needs "Account · SSL and Certificates" permission'
    )
  }
  return {
    accountId,
    auth,
    apiBaseUrl: p['api-base-url'] ?? 'https://api.cloudflare.com/client/v4',
    timeoutMs: (p['timeout-seconds'] ?? 30) * 1000,
    maxRetries: p['max-retries'] ?? 3
  }
}

function certificateRef(p: Parsed, op: Operation): CertificateRef {
  if (p['certificate-id'] && p.name) throw new InputError('name', `must not be given together with certificate-id for operation: ${op}: give one of them`)
  if (p['certificate-id']) return { by: 'id', id: p['certificate-id'].toLowerCase() }
  if (p.name) return { by: 'name', name: p.name }
  throw new InputError('certificate-id', `is required for operation: ${op} (or give name to find the certificate by its name)`)
}

function pemSource(p: Parsed, inline: 'certificate' | 'private-key', pathInput: 'certificate-path' | 'private-key-path', ctx: ParseContext): PemSource | undefined {
  const text = p[inline]
  const path = p[pathInput]
  if (text !== undefined && path !== undefined) throw new InputError(inline, `and ${pathInput} must not both be given: use one of them`)
  if (text !== undefined) {
    if (inline === 'certificate') maskPastedKeys(text, ctx)
    return { text, label: inline, input: inline }
  }
  if (path === undefined) return undefined
  if (path.includes('\n')) throw new InputError(pathInput, 'must name one file for this operation')
  const stat = ctx.statFile ?? ((f: string) => statSync(f))
  const read = ctx.readFile ?? ((f: string) => readFileSync(f))
  let info: ReturnType<typeof stat>
  try {
    info = stat(path)
  } catch (e) {
    throw new InputError(pathInput, `names a file that cannot be read: ${shownPath(path)} (${errorCode(e)})`)
  }
  if (ctx.workspace !== undefined) {
    // A file an earlier step wrote to RUNNER_TEMP may be named directly; a link in the checkout that leads there may not.
    const boundary = workspaceBoundary(ctx.workspace)
    const real = boundary.resolve(path)
    if (real !== undefined && boundary.escapes(path, real)) {
      throw new InputError(
        pathInput,
        `names a file inside the workspace that is a symbolic link (or lies below one) leading outside it: ${shownPath(path)}. Name the file itself; a file an earlier step wrote outside the workspace (RUNNER_TEMP) may be named directly`
      )
    }
  }
  if (info.isDirectory()) throw new InputError(pathInput, `names a directory, not a file: ${shownPath(path)}`)
  if (!info.isFile()) throw new InputError(pathInput, `does not name a regular file: ${shownPath(path)}`)
  if (info.size > MAX_PEM_BYTES)
    throw new InputError(pathInput, `names a file of ${info.size} bytes, larger than the 1 MiB a PEM bundle can reasonably be: ${shownPath(path)}`)
  let buf: Buffer
  try {
    buf = read(path)
  } catch (e) {
    throw new InputError(pathInput, `names a file that cannot be read: ${shownPath(path)} (${errorCode(e)})`)
  }
  if (inline === 'private-key') ctx.onSecret?.(buf.toString('utf8'))
  else maskPastedKeys(buf.toString('utf8'), ctx)
  return { text: buf.toString('utf8'), bytes: buf, label: path, input: pathInput, path }
}

/**
 * A private key pasted into the certificate (a common mistake: cert and key in one file) is a
 * secret too: mask it before the validator refuses it, although nobody said it was one.
 */
function maskPastedKeys(text: string, ctx: ParseContext): void {
  if (!ctx.onSecret || !/PRIVATE KEY-----/.test(text)) return
  const block = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]*?(?:-----END \1-----|$)/g
  for (const m of text.matchAll(block)) ctx.onSecret(m[0])
}

/** A path in an error line: whole (unlike printable), but never a line break or control character. */
function shownPath(path: string): string {
  return path.replace(new RegExp(UNPRINTABLE.source, 'g'), '?')
}

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown }).code
  return typeof code === 'string' ? code : 'unreadable'
}

/** A hostname as a zone serves it: letters, digits and hyphens in dot-separated labels, `*.` allowed first. */
export const HOSTNAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/
/** `zone-id: hostname`; a hostname never holds a colon, so the form is unambiguous. */
const PREFIXED = /^([0-9a-fA-F]{32})\s*:\s*(.*)$/

function zoneIdList(value: string): string[] {
  const ids = lines(value)
  const twice = ids.find((z, i) => ids.indexOf(z) !== i)
  if (twice) throw new InputError('zone-id', `names zone ${twice} twice`)
  return ids
}

/**
 * zone-id + hostnames → the hostnames per zone. With one zone, a line is a hostname (or
 * `zone-id: hostname` naming that zone); with several, every line must say its zone. Both inputs
 * or neither, unless `required` (associate).
 */
export function zoneHostnames(p: Pick<Parsed, 'zone-id' | 'hostnames'>, required: boolean): ZoneHostnames[] | undefined {
  const zoneInput = p['zone-id']
  const hostInput = p.hostnames
  if (zoneInput === undefined && hostInput === undefined && !required) return undefined
  if (zoneInput === undefined) throw new InputError('zone-id', 'is required with hostnames: the zone (32 hexadecimal characters) that serves them, several one per line')
  const zoneIds = zoneIdList(zoneInput)
  const entries = lines(hostInput ?? '')
  if (entries.length === 0)
    throw new InputError('hostnames', `is required with zone-id: the hostnames the CA serves, one per line${zoneIds.length > 1 ? ', each as "zone-id: hostname"' : ''}`)
  const byZone = new Map<string, string[]>(zoneIds.map((z) => [z, []]))
  for (const entry of entries) {
    const m = PREFIXED.exec(entry)
    let zone: string
    let host: string
    if (m) {
      zone = (m[1] ?? '').toLowerCase()
      host = m[2] ?? ''
      if (!byZone.has(zone)) {
        throw new InputError('hostnames', `names zone "${printable(zone)}" in "${printable(entry)}", which is not in zone-id (${zoneIds.join(', ')})`)
      }
    } else if (zoneIds.length === 1) {
      zone = zoneIds[0] as string
      host = entry
    } else {
      throw new InputError('hostnames', `must say the zone of each hostname when zone-id holds ${zoneIds.length} zones: write "zone-id: ${printable(entry)}"`)
    }
    const name = host.trim().toLowerCase().replace(/\.$/, '')
    if (name.length > 253 || !HOSTNAME.test(name)) {
      throw new InputError(
        'hostnames',
        `holds "${printable(host)}", which is not a hostname (such as api.example.com; one per line${zoneIds.length > 1 ? ', as "zone-id: hostname"' : ''})`
      )
    }
    const list = byZone.get(zone) as string[]
    if (!list.includes(name)) list.push(name)
  }
  const empty = zoneIds.find((z) => (byZone.get(z) ?? []).length === 0)
  if (empty) throw new InputError('hostnames', `names no hostname for zone ${empty} of zone-id: write "${empty}: hostname", or remove the zone`)
  return zoneIds.map((zoneId) => ({ zoneId, hostnames: byZone.get(zoneId) ?? [] }))
}
