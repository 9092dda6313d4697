/**
 * The shapes of Cloudflare's answers, checked by hand. Each schema has zod's `safeParse` shape,
 * and __tests__/helpers/zod-response-schemas.ts holds the same shapes as zod schemas: a property
 * test feeds both the same values and expects the same verdict, the same result and the same
 * first issue. zod itself is not loaded at run time: it was about 45 ms of a 1,000-certificate
 * list (issue 7), for five small shapes.
 *
 * Cloudflare marks every field optional and sometimes sends null: both mean "absent" (undefined
 * in the result), but whatever is present must have its type. Unknown keys are dropped.
 */

export type IssuePath = ReadonlyArray<string | number>
export interface Issue {
  path: IssuePath
  message: string
}
export type Checked<T> = { success: true; data: T } | { success: false; error: { issues: Issue[] } }
/** What parseResponse needs of a schema: zod's safeParse, and nothing else. */
export interface ResponseSchema<T> {
  safeParse(value: unknown): Checked<T>
}

export type CertificateType = 'custom' | 'gateway_managed' | 'access_managed'

export interface MtlsCertificate {
  id: string
  ca?: boolean | undefined
  certificates?: string | undefined
  expires_on?: string | undefined
  issuer?: string | undefined
  name?: string | undefined
  serial_number?: string | undefined
  signature?: string | undefined
  /** An unknown type must not break a list: it stays a plain string. */
  type?: string | undefined
  uploaded_on?: string | undefined
  updated_at?: string | undefined
}

export interface Association {
  service: string
  status?: string | undefined
}

export interface ApiMessage {
  code: number
  message: string
  documentation_url?: string | undefined
}

export interface ResultInfo {
  count?: number | undefined
  page?: number | undefined
  per_page?: number | undefined
  total_count?: number | undefined
  total_pages?: number | undefined
}

/** The part of the envelope that is the same for every endpoint. */
export interface Envelope {
  success: boolean
  errors: ApiMessage[]
  messages: unknown[]
  result?: unknown
  result_info?: ResultInfo | undefined
}

/** The first thing wrong with a value; thrown inside a check, returned as zod returns its issues. */
class ShapeIssue {
  constructor(
    readonly path: Array<string | number>,
    readonly message: string
  ) {}
}

type Check<T> = (value: unknown, path: Array<string | number>) => T

function received(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function fail(path: Array<string | number>, expected: string, value: unknown): never {
  throw new ShapeIssue(path, `Invalid input: expected ${expected}, received ${received(value)}`)
}

const at = (path: Array<string | number>, key: string | number): Array<string | number> => [...path, key]

function object(value: unknown, path: Array<string | number>): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'object', value)
  return value as Record<string, unknown>
}

function array<T>(item: Check<T>): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) fail(path, 'array', value)
    const out = new Array<T>(value.length)
    for (let i = 0; i < value.length; i++) out[i] = item(value[i], at(path, i))
    return out
  }
}

const string: Check<string> = (value, path) => (typeof value === 'string' ? value : fail(path, 'string', value))

/** string, or null / absent as undefined. */
const optionalString: Check<string | undefined> = (value, path) => (value === null || value === undefined ? undefined : string(value, path))

const optionalBoolean: Check<boolean | undefined> = (value, path) => {
  if (value === null || value === undefined) return undefined
  return typeof value === 'boolean' ? value : fail(path, 'boolean', value)
}

/** A whole number that a JSON number holds exactly (zod's `int()`). */
function wholeNumber(value: unknown, path: Array<string | number>): asserts value is number {
  if (typeof value !== 'number') fail(path, 'number', value)
  // JSON.parse gives Infinity for 1e999.
  if (!Number.isFinite(value)) throw new ShapeIssue(path, `Invalid input: expected number, received ${String(value)}`)
  if (!Number.isInteger(value)) fail(path, 'int', value)
  if (!Number.isSafeInteger(value)) throw new ShapeIssue(path, `Too ${value > 0 ? 'big: expected int to be <=' : 'small: expected int to be >='}${value > 0 ? '' : '-'}${Number.MAX_SAFE_INTEGER}`)
}

/** A count: a whole number, 0 or more; absent allowed, null not. */
const optionalCount: Check<number | undefined> = (value, path) => {
  if (value === undefined) return undefined
  wholeNumber(value, path)
  if (value < 0) throw new ShapeIssue(path, 'Too small: expected number to be >=0')
  return value
}

/**
 * An object with these keys, each checked in this order (zod's order: the first issue is the same);
 * others dropped. As in zod's result, a key that was absent stays absent, and one sent as null is
 * there with the value undefined.
 */
function shape<T extends object>(checks: { [K in keyof T]-?: Check<T[K]> }): Check<T> {
  const entries = Object.entries(checks) as Array<[string, Check<unknown>]>
  return (value, path) => {
    const o = object(value, path)
    const out: Record<string, unknown> = {}
    for (const [key, check] of entries) {
      const v = check(o[key], at(path, key))
      if (v !== undefined || Object.hasOwn(o, key)) out[key] = v
    }
    return out as T
  }
}

const nonEmptyString: Check<string> = (value, path) => {
  const s = string(value, path)
  if (s.length < 1) throw new ShapeIssue(path, 'Too small: expected string to have >=1 characters')
  return s
}

const certificate = shape<MtlsCertificate>({
  id: nonEmptyString,
  ca: optionalBoolean,
  certificates: optionalString,
  expires_on: optionalString,
  issuer: optionalString,
  name: optionalString,
  serial_number: optionalString,
  signature: optionalString,
  type: optionalString,
  uploaded_on: optionalString,
  updated_at: optionalString
})

const association = shape<Association>({ service: string, status: optionalString })

const apiMessage = shape<ApiMessage>({
  code: (value, path) => (wholeNumber(value, path), value),
  // Absent means empty; null is not a message.
  message: (value, path) => (value === undefined ? '' : string(value, path)),
  documentation_url: optionalString
})

const resultInfo = shape<ResultInfo>({
  count: optionalCount,
  page: optionalCount,
  per_page: optionalCount,
  total_count: optionalCount,
  total_pages: optionalCount
})

const envelope: Check<Envelope> = (value, path) => {
  const o = object(value, path)
  if (typeof o.success !== 'boolean') fail(at(path, 'success'), 'boolean', o.success)
  // `result` may be absent: an error envelope without it still says what went wrong (its codes).
  const out: Envelope = {
    success: o.success,
    errors: o.errors === null || o.errors === undefined ? [] : array(apiMessage)(o.errors, at(path, 'errors')),
    messages: o.messages === null || o.messages === undefined ? [] : array((m) => m)(o.messages, at(path, 'messages'))
  }
  if (Object.hasOwn(o, 'result')) out.result = o.result
  if (Object.hasOwn(o, 'result_info')) out.result_info = o.result_info === null ? undefined : resultInfo(o.result_info, at(path, 'result_info'))
  return out
}

function schema<T>(check: Check<T>): ResponseSchema<T> {
  return {
    safeParse(value) {
      try {
        return { success: true, data: check(value, []) }
      } catch (e) {
        if (e instanceof ShapeIssue) return { success: false, error: { issues: [{ path: e.path, message: e.message }] } }
        throw e
      }
    }
  }
}

export const EnvelopeSchema = schema(envelope)
export const MtlsCertificateSchema = schema(certificate)
export const CertificateListSchema = schema(array(certificate))
export const AssociationListSchema = schema(array(association))
// DELETE returns the deleted object per the spec; `result: null` has also been seen.
export const DeleteResultSchema = schema<MtlsCertificate | null>((value, path) => (value === null ? null : certificate(value, path)))
