import { z } from 'zod'

// Cloudflare marks every field optional and sometimes sends null: accept both as "absent",
// but be strict about the type of whatever is present.
const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined)
  .optional()
const optionalBoolean = z
  .boolean()
  .nullish()
  .transform((v) => v ?? undefined)
  .optional()

export const CertificateTypeSchema = z.enum(['custom', 'gateway_managed', 'access_managed'])
export type CertificateType = z.infer<typeof CertificateTypeSchema>

export const MtlsCertificateSchema = z.object({
  id: z.string().min(1),
  ca: optionalBoolean,
  certificates: optionalString,
  expires_on: optionalString,
  issuer: optionalString,
  name: optionalString,
  serial_number: optionalString,
  signature: optionalString,
  // An unknown type must not break a list: keep it as a plain string.
  type: optionalString,
  uploaded_on: optionalString,
  updated_at: optionalString
})
export type MtlsCertificate = z.infer<typeof MtlsCertificateSchema>

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

export const ResultInfoSchema = z.object({
  count: z.number().int().nonnegative().optional(),
  page: z.number().int().nonnegative().optional(),
  per_page: z.number().int().nonnegative().optional(),
  total_count: z.number().int().nonnegative().optional(),
  total_pages: z.number().int().nonnegative().optional()
})
export type ResultInfo = z.infer<typeof ResultInfoSchema>

/** The part of the envelope that is the same for every endpoint. */
export const EnvelopeSchema = z.object({
  success: z.boolean(),
  errors: z.array(ApiMessageSchema).nullish().transform((v) => v ?? []),
  messages: z.array(z.unknown()).nullish().transform((v) => v ?? []),
  result: z.unknown(),
  result_info: ResultInfoSchema.nullish().transform((v) => v ?? undefined)
})
export type Envelope = z.infer<typeof EnvelopeSchema>

export const CertificateListSchema = z.array(MtlsCertificateSchema)
export const AssociationListSchema = z.array(AssociationSchema)
// DELETE returns the deleted object per the spec; `result: null` has also been seen.
export const DeleteResultSchema = MtlsCertificateSchema.nullable()
