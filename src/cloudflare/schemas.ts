/**
 * The shapes of Cloudflare's answers, as zod schemas: the one definition of each, and the types
 * the rest of the action uses are inferred from them. Loaded with the HTTP client, by the
 * operations that talk to Cloudflare only.
 */
import { z } from 'zod'
import { IDENTIFIER } from './path.js'

// Cloudflare marks every field optional and sometimes sends null: accept both as "absent",
// but be strict about the type of whatever is present.
const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined)
  .optional()

export const CertificateTypeSchema = z.enum(['custom', 'gateway_managed', 'access_managed'])
export type CertificateType = z.infer<typeof CertificateTypeSchema>

// The fields of a certificate as sent, null included. 1,000 certificates are 10,000 optional
// fields: a transform on each (null → undefined) cost more than the rest of the parse, so the
// nulls are turned into "absent" once per certificate below, in one loop, with the same result.
const nullableString = z.string().nullish()

/**
 * A certificate id goes into request paths (get, delete by name, associations): it must be a
 * Cloudflare identifier, or the answer is refused before anything else is sent.
 */
export const IdentifierSchema = z.string().regex(IDENTIFIER, {
  error: (issue) => `${JSON.stringify(String(issue.input).slice(0, 40))} is not a Cloudflare identifier (32 lowercase hexadecimal digits or a UUID)`
})
const nullableBoolean = z.boolean().nullish()
const CertificateFieldsSchema = z.object({
  id: IdentifierSchema,
  ca: nullableBoolean,
  certificates: nullableString,
  expires_on: nullableString,
  issuer: nullableString,
  name: nullableString,
  serial_number: nullableString,
  signature: nullableString,
  // An unknown type must not break a list: keep it as a plain string.
  type: nullableString,
  uploaded_on: nullableString,
  updated_at: nullableString
})
type CertificateFields = z.output<typeof CertificateFieldsSchema>
export type MtlsCertificate = { [K in keyof CertificateFields]: Exclude<CertificateFields[K], null> }

/** null → undefined, in place: the object is zod's own copy of the input, shared with nobody. */
function withoutNulls(c: CertificateFields): MtlsCertificate {
  const fields = c as Record<string, unknown>
  for (const k in fields) if (fields[k] === null) fields[k] = undefined
  return c as MtlsCertificate
}

export const MtlsCertificateSchema = CertificateFieldsSchema.transform(withoutNulls)

export const AssociationSchema = z.object({
  service: z.string(),
  status: optionalString
})
export type Association = z.infer<typeof AssociationSchema>

export const ApiMessageSchema = z.object({
  code: z.number().int(),
  message: z.string().default(''),
  documentation_url: optionalString
})
export type ApiMessage = z.infer<typeof ApiMessageSchema>

/**
 * A count in result_info: a whole number, at most a trillion. Far above any real count (a billion
 * pages of 50 is still one the pager refuses by name), and no arithmetic on it leaves the safe integers.
 */
export const MAX_COUNT = 1e12
const count = z.number().int().nonnegative().max(MAX_COUNT).optional()
export const ResultInfoSchema = z.object({
  count,
  page: count,
  per_page: count,
  total_count: count,
  total_pages: count
})
export type ResultInfo = z.infer<typeof ResultInfoSchema>

/** The part of the envelope that is the same for every endpoint. */
export const EnvelopeSchema = z.object({
  success: z.boolean(),
  errors: z
    .array(ApiMessageSchema)
    .nullish()
    .transform((v) => v ?? []),
  messages: z
    .array(z.unknown())
    .nullish()
    .transform((v) => v ?? []),
  // An error envelope without `result` still says what went wrong (its codes): absent is allowed.
  result: z.unknown().optional(),
  result_info: ResultInfoSchema.nullish().transform((v) => v ?? undefined)
})

// One transform for the whole page, not one per certificate. An id twice in one answer is no
// list Cloudflare sends: refuse it (naming both places) rather than drop one of the two silently.
export const CertificateListSchema = z.array(CertificateFieldsSchema).transform((list, ctx): MtlsCertificate[] => {
  const at = new Map<string, number>()
  for (const [i, c] of list.entries()) {
    const first = at.get(c.id)
    if (first !== undefined) {
      ctx.issues.push({ code: 'custom', message: `${c.id} is also result[${first}].id: the answer lists a certificate twice`, input: c.id, path: [i, 'id'] })
      return z.NEVER
    }
    at.set(c.id, i)
    withoutNulls(c)
  }
  return list as MtlsCertificate[]
})
export const AssociationListSchema = z.array(AssociationSchema)
// A zone's hostname associations for one certificate: `{hostnames: [...]}`. An absent or null list is none.
export const HostnameAssociationSchema = z
  .object({
    hostnames: z
      .array(z.string())
      .nullish()
      .transform((v) => v ?? [])
  })
  .nullish()
  .transform((v): string[] => v?.hostnames ?? [])
// DELETE returns the deleted object per the spec; `result: null` has also been seen.
export const DeleteResultSchema = MtlsCertificateSchema.nullable()

/** What parseResponse needs of a schema. */
export type ResponseSchema<T> = z.ZodType<T>
