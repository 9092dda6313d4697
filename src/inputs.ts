import { readFileSync, statSync } from 'node:fs'
import { z } from 'zod'
import type { Auth } from './cloudflare/http.js'
import type { CertificateType } from './cloudflare/schemas.js'

export const OPERATIONS = ['upload', 'list', 'get', 'delete', 'associations', 'validate', 'rotate', 'report'] as const
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
  'dry-run'
] as const
export type InputName = (typeof INPUT_NAMES)[number]

/** Environment fallbacks, as Cloudflare's own tools name them. */
const ENV_FALLBACK: Partial<Record<InputName, string>> = {
  'account-id': 'CLOUDFLARE_ACCOUNT_ID',
  'api-token': 'CLOUDFLARE_API_TOKEN',
  'api-key': 'CLOUDFLARE_API_KEY',
  'api-email': 'CLOUDFLARE_EMAIL'
}

export const SECRET_INPUTS: ReadonlySet<InputName> = new Set(['api-token', 'api-key', 'api-email', 'private-key'])

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
export type CertificateRef = { by: 'id'; id: string } | { by: 'name'; name: string }

interface Base {
  summary: boolean
}
export type Config =
  | (Base & { operation: 'validate'; paths: string[]; privateKeyPath?: string; ca: CaMode; validation: ValidationSettings })
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
    })
  | (Base & { operation: 'list' | 'report'; connection: Connection; types: CertificateType[] | undefined; validation: ValidationSettings })
  | (Base & { operation: 'get' | 'associations'; connection: Connection; ref: CertificateRef })
  | (Base & { operation: 'delete'; connection: Connection; ref: CertificateRef; missingOk: boolean; dryRun: boolean })

/** The config of the operation(s) O (members that serve two operations count for both). */
export type ConfigOf<O extends Operation> = Config extends infer C
  ? C extends { operation: infer K }
    ? [O] extends [K]
      ? C
      : never
    : never
  : never

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

const boolean = (input: InputName) =>
  z.string().transform((v, ctx) => {
    const s = v.toLowerCase()
    if (['true', 'yes', '1'].includes(s)) return true
    if (['false', 'no', '0'].includes(s)) return false
    ctx.addIssue({ code: 'custom', message: `must be true or false (got "${v}")`, path: [input] })
    return z.NEVER
  })

const integer = (input: InputName, min: number, max: number) =>
  z.string().transform((v, ctx) => {
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max} (got "${v}")`, path: [input] })
      return z.NEVER
    }
    return Number(v)
  })

const oneOf = <T extends string>(input: InputName, values: readonly T[]) =>
  z.string().transform((v, ctx) => {
    const s = v.toLowerCase()
    if ((values as readonly string[]).includes(s)) return s as T
    ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')} (got "${printable(v)}")`, path: [input] })
    return z.NEVER
  })

/** A string input that must pass `test`; the message is built from the value. */
const checked = (input: InputName, test: (v: string) => boolean, message: (v: string) => string) =>
  z.string().transform((v, ctx) => {
    if (test(v)) return v
    ctx.addIssue({ code: 'custom', message: message(v), path: [input] })
    return z.NEVER
  })

const isHttpUrl = (v: string): boolean => {
  try {
    const u = new URL(v)
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password
  } catch {
    return false
  }
}

const ACCOUNT_ID = /^[0-9a-f]{32}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** One schema keyed by the action.yml names, so errors name `account-id`, not accountId. */
const InputSchema = z.object({
  operation: oneOf('operation', OPERATIONS).optional(),
  'account-id': checked(
    'account-id',
    (v) => ACCOUNT_ID.test(v),
    (v) => `must be the 32 lowercase hexadecimal characters of a Cloudflare account id (got "${printable(v)}", ${v.length} characters); find it in the dashboard URL or with \`wrangler whoami\``
  ).optional(),
  'api-token': z.string().refine((v) => !/\s/.test(v), 'must not contain spaces or line breaks').optional(),
  'api-key': z.string().refine((v) => !/\s/.test(v), 'must not contain spaces or line breaks').optional(),
  'api-email': z.string().refine((v) => /^[^\s@]+@[^\s@]+$/.test(v), 'must be the e-mail address of the Cloudflare user that owns api-key').optional(),
  'certificate-path': z.string().optional(),
  certificate: z.string().optional(),
  'private-key-path': z.string().optional(),
  'private-key': z.string().optional(),
  ca: oneOf('ca', ['true', 'false', 'auto'] as const).optional(),
  name: z
    .string()
    .refine((v) => v.length <= 255, 'must be at most 255 characters')
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must not contain control characters or line breaks')
    .optional(),
  'certificate-id': checked(
    'certificate-id',
    (v) => UUID.test(v),
    (v) => `must be a certificate id (a UUID such as 2a1b3c4d-…; got "${printable(v)}"); use name to find a certificate by its name`
  ).optional(),
  type: oneOf('type', ['custom', 'gateway_managed', 'access_managed', 'all'] as const).optional(),
  'api-base-url': checked(
    'api-base-url',
    isHttpUrl,
    (v) => `must be an http(s) URL without credentials, such as https://api.cloudflare.com/client/v4 (got "${printable(v)}")`
  ).optional(),
  'timeout-seconds': integer('timeout-seconds', 1, 600).optional(),
  'max-retries': integer('max-retries', 0, 10).optional(),
  summary: boolean('summary').optional(),
  'fail-on': oneOf('fail-on', ['error', 'warning'] as const).optional(),
  'expiry-warning-days': integer('expiry-warning-days', 0, 3650).optional(),
  'expiry-error-days': integer('expiry-error-days', 0, 3650).optional(),
  'reuse-existing': boolean('reuse-existing').optional(),
  'missing-ok': boolean('missing-ok').optional(),
  'keep-previous': integer('keep-previous', 0, 100).optional(),
  'wait-for-unassociated-seconds': integer('wait-for-unassociated-seconds', 0, 21600).optional(),
  'dry-run': boolean('dry-run').optional()
})
type Parsed = z.output<typeof InputSchema>

/** Shows a value in an error without control characters or unbounded length. */
function printable(v: string): string {
  const clean = v.replace(/[\u0000-\u001f\u007f]/g, '?')
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean
}

export interface ParseContext {
  /** Called with a secret read from a file (a private key) the moment it is read, to mask it. */
  onSecret?: (value: string) => void
  readFile?: (path: string) => Buffer
  statFile?: (path: string) => { isFile(): boolean; isDirectory(): boolean; size: number }
}

/** A PEM file larger than this is not a certificate bundle; refuse before reading it whole. */
export const MAX_PEM_BYTES = 1024 * 1024

/** Raw inputs → a typed config for one operation, or an InputError naming the input. */
export function parseConfig(raw: RawInputs, ctx: ParseContext = {}): Config {
  const parsed = InputSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const input = String(issue?.path[0] ?? 'inputs')
    throw new InputError(input, issue?.message ?? 'is invalid')
  }
  const p = parsed.data
  if (!p.operation) throw new InputError('operation', `is required: one of ${OPERATIONS.join(', ')}`)
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
      if (p.certificate !== undefined) throw new InputError('certificate', 'is not used by operation: validate; list files, directories or globs in certificate-path')
      if (!p['certificate-path']) throw new InputError('certificate-path', 'is required for operation: validate (files, directories or globs, one per line)')
      const paths = p['certificate-path'].split(/\r?\n/).map((s) => s.trim()).filter(Boolean)
      const cfg: ConfigOf<'validate'> = { operation: op, summary, paths, ca: p.ca ?? 'auto', validation }
      if (p['private-key-path']) cfg.privateKeyPath = p['private-key-path']
      return cfg
    }
    case 'upload':
    case 'rotate': {
      const connection = parseConnection(p)
      const certificate = pemSource(p, 'certificate', 'certificate-path', ctx)
      if (!certificate) throw new InputError('certificate-path', `is required for operation: ${op} (or give the PEM inline in certificate)`)
      const privateKey = pemSource(p, 'private-key', 'private-key-path', ctx)
      const ca = p.ca ?? 'auto'
      if (privateKey && ca === 'true') {
        throw new InputError(privateKey.input, 'must not be given with ca: true: a CA bundle is uploaded without its private key')
      }
      if (op === 'rotate' && !p.name) throw new InputError('name', 'is required for operation: rotate: it is how earlier versions of the certificate are found')
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
      return cfg
    }
    case 'list':
    case 'report': {
      const t = p.type ?? 'custom'
      return { operation: op, summary, connection: parseConnection(p), types: t === 'all' ? undefined : [t], validation }
    }
    case 'get':
    case 'associations':
      return { operation: op, summary, connection: parseConnection(p), ref: certificateRef(p, op) }
    case 'delete':
      return {
        operation: op,
        summary,
        connection: parseConnection(p),
        ref: certificateRef(p, op),
        missingOk: p['missing-ok'] ?? false,
        dryRun: p['dry-run'] ?? false
      }
  }
}

function parseConnection(p: Parsed): Connection {
  if (!p['account-id']) throw new InputError('account-id', 'is required: set it, or the CLOUDFLARE_ACCOUNT_ID environment variable')
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
    throw new InputError(key ? 'api-email' : 'api-key', `is required with ${key ? 'api-key' : 'api-email'} (the legacy global API key needs both); an API token in api-token is the better choice`)
  } else {
    throw new InputError('api-token', 'is required: set it from a secret (or the CLOUDFLARE_API_TOKEN environment variable); the token needs "Account · SSL and Certificates" permission')
  }
  return {
    accountId: p['account-id'],
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
  if (text !== undefined) return { text, label: inline, input: inline }
  if (path === undefined) return undefined
  if (path.includes('\n')) throw new InputError(pathInput, 'must name one file for this operation')
  const stat = ctx.statFile ?? ((f: string) => statSync(f))
  const read = ctx.readFile ?? ((f: string) => readFileSync(f))
  let info: ReturnType<typeof stat>
  try {
    info = stat(path)
  } catch (e) {
    throw new InputError(pathInput, `names a file that cannot be read: ${path} (${errorCode(e)})`)
  }
  if (info.isDirectory()) throw new InputError(pathInput, `names a directory, not a file: ${path}`)
  if (!info.isFile()) throw new InputError(pathInput, `does not name a regular file: ${path}`)
  if (info.size > MAX_PEM_BYTES) throw new InputError(pathInput, `names a file of ${info.size} bytes, larger than the 1 MiB a PEM bundle can reasonably be: ${path}`)
  let buf: Buffer
  try {
    buf = read(path)
  } catch (e) {
    throw new InputError(pathInput, `names a file that cannot be read: ${path} (${errorCode(e)})`)
  }
  if (inline === 'private-key') ctx.onSecret?.(buf.toString('utf8'))
  return { text: buf.toString('utf8'), bytes: buf, label: path, input: pathInput, path }
}

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown }).code
  return typeof code === 'string' ? code : 'unreadable'
}
