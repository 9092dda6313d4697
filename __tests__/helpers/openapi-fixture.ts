/** Typed reads of Cloudflare's OpenAPI fixture, for tests that state what the document declares. */
import { readFileSync } from 'node:fs'
import { OPENAPI_FIXTURE } from './prism.js'

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header'
  required?: boolean
  style?: string
  explode?: boolean
}

interface SchemaObject {
  $ref?: string
  type?: string
  example?: unknown
  maxLength?: number
  properties?: Record<string, SchemaObject>
  items?: SchemaObject
}

interface Operation {
  operationId: string
  parameters?: Parameter[]
}

interface Document {
  info: { 'license'?: { name: string }; 'x-source'?: string }
  servers: { url: string }[]
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, SchemaObject> }
}

export const openapi = JSON.parse(readFileSync(OPENAPI_FIXTURE, 'utf8')) as Document

export const COLLECTION = '/accounts/{account_id}/mtls_certificates'
export const ITEM = `${COLLECTION}/{mtls_certificate_id}`
export const ASSOCIATIONS = `${ITEM}/associations`

export function operation(path: string, method: string): Operation {
  const op = openapi.paths[path]?.[method]
  if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in the document`)
  return op
}

export function schema(name: string): SchemaObject {
  const s = openapi.components.schemas[`tls-certificates-and-hostnames_${name}`]
  if (!s) throw new Error(`no schema ${name}`)
  return s
}

/** The example value Prism answers with for a certificate id. */
export const EXAMPLE_ID = String(schema('identifier').example)
