/**
 * Checks emulator responses against Cloudflare's OpenAPI documents (__tests__/fixtures/cloudflare/mtls-openapi.json
 * and hostname-associations-openapi.json, read as one: see combineDocuments in ../helpers/openapi-documents.ts) with a validator for the subset of JSON Schema the document uses. `enum: [null]` beside a
 * `type` (the 4XX `result`) is read as "null is allowed", the intent of Cloudflare's schema:
 * taken literally it is unsatisfiable, and Cloudflare itself sends `result: null` on errors.
 */
import { combinedDocument } from '../helpers/openapi-documents.js'

interface Schema {
  $ref?: string
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean'
  properties?: Record<string, Schema>
  required?: string[]
  enum?: unknown[]
  items?: Schema
  maxLength?: number
  minimum?: number
  format?: string
  uniqueItems?: boolean
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>
}

interface Document {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
}

const spec = combinedDocument() as unknown as Document

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema
  const name = schema.$ref.replace('#/components/schemas/', '')
  const target = spec.components.schemas[name]
  if (!target) throw new Error(`unresolvable $ref ${schema.$ref}`)
  return resolve(target)
}

function typeOk(type: NonNullable<Schema['type']>, value: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
    case 'array':
      return Array.isArray(value)
    case 'integer':
      return Number.isInteger(value)
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'string':
      return typeof value === 'string'
    case 'boolean':
      return typeof value === 'boolean'
  }
}

export function validate(schemaIn: Schema, value: unknown, at = '$'): string[] {
  const schema = resolve(schemaIn)
  if (schema.enum) {
    if (value === null && schema.enum.includes(null)) return []
    if (!schema.enum.includes(value) && !(schema.type && schema.enum.every((e) => e === null))) {
      return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`]
    }
  }
  if (schema.type && !typeOk(schema.type, value)) return [`${at}: expected ${schema.type}, got ${JSON.stringify(value)}`]
  const problems: string[] = []
  if (typeof value === 'string') {
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${at}: longer than ${schema.maxLength}`)
    if (schema.format === 'date-time' && !RFC3339.test(value)) problems.push(`${at}: not an RFC 3339 date-time: ${value}`)
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) problems.push(`${at}: below ${schema.minimum}`)
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((v, i) => problems.push(...validate(schema.items as Schema, v, `${at}[${i}]`)))
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) problems.push(`${at}: items not unique`)
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>
    for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${at}: missing required ${key}`)
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in record) problems.push(...validate(sub, record[key], `${at}.${key}`))
    }
  }
  return problems
}

export function isDocumented(method: string, template: string): boolean {
  return spec.paths[template]?.[method.toLowerCase()] !== undefined
}

/** The response schema for a documented operation and status, or a problem. */
export function responseProblems(method: string, template: string, status: number, body: unknown): string[] {
  const operation = spec.paths[template]?.[method.toLowerCase()]
  if (!operation) return [`${method} ${template} is not in the document`]
  const response = operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default
  if (!response) return [`status ${status} is not declared for ${method} ${template}`]
  const schema = response.content?.['application/json']?.schema
  if (!schema) return [`no application/json schema for ${method} ${template} ${status}`]
  return validate(schema, body)
}
