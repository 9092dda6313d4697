/**
 * Cloudflare's OpenAPI extracts in __tests__/fixtures/cloudflare/ (see NOTICE.md there), and one
 * document combining them, for checks that see account and zone requests together (one Prism
 * in front of the emulator, or the emulator's own response checks).
 *
 * The extracts share schema names. Where a shared name has the same definition it is kept once;
 * where it differs (the mTLS extract raises `tls-certificates-and-hostnames_identifier`'s
 * maxLength to 36 for certificate ids, the zone extract keeps 32) the later document's schema is
 * renamed with a suffix and its `$ref`s rewritten, so each path keeps exactly its own schema.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { HOSTNAME_ASSOCIATIONS_FIXTURE, OPENAPI_FIXTURE } from './prism.js'
import { ROOT } from './run-action.js'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

export interface OpenApiDocument {
  openapi: string
  info: Record<string, Json>
  servers: Json[]
  security?: Json[]
  tags?: Json[]
  paths: Record<string, Record<string, Json>>
  components: { schemas: Record<string, Json>; securitySchemes?: Record<string, Json> }
}

export function readDocument(file: string): OpenApiDocument {
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument
}

function rewriteRefs(value: Json, renames: Map<string, string>): Json {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, renames))
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, Json> = {}
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string') {
      const name = v.replace('#/components/schemas/', '')
      const renamed = renames.get(name)
      out[k] = renamed ? `#/components/schemas/${renamed}` : v
    } else out[k] = rewriteRefs(v, renames)
  }
  return out
}

/** Merges documents: paths must not overlap; clashing schema names are renamed (see above). */
export function combineDocuments(documents: OpenApiDocument[], suffixes: string[]): OpenApiDocument {
  const [first, ...rest] = documents
  if (!first) throw new Error('no documents')
  const combined: OpenApiDocument = structuredClone(first)
  combined.info = { ...combined.info, title: 'Cloudflare API extracts, combined for tests' }
  rest.forEach((doc, i) => {
    const renames = new Map<string, string>()
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      const existing = combined.components.schemas[name]
      if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(schema)) renames.set(name, `${name}${suffixes[i] ?? `-${i + 2}`}`)
    }
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      combined.components.schemas[renames.get(name) ?? name] = rewriteRefs(schema, renames)
    }
    for (const [p, item] of Object.entries(doc.paths)) {
      if (combined.paths[p]) throw new Error(`path ${p} is in more than one document`)
      combined.paths[p] = rewriteRefs(item, renames) as Record<string, Json>
    }
    combined.components.securitySchemes = { ...doc.components.securitySchemes, ...combined.components.securitySchemes }
    combined.tags = [...(combined.tags ?? []), ...(doc.tags ?? [])]
  })
  return combined
}

/** The mTLS extract and the zone hostname-associations extract as one document. */
export function combinedDocument(): OpenApiDocument {
  return combineDocuments([readDocument(OPENAPI_FIXTURE), readDocument(HOSTNAME_ASSOCIATIONS_FIXTURE)], ['-zone'])
}

/**
 * Writes the combined document to `.tmp/openapi/cloudflare-combined.json` (git-ignored) and
 * returns its path, for `startPrism({ document })`: one Prism for account and zone requests.
 */
export function writeCombinedDocument(): string {
  const dir = path.join(ROOT, '.tmp', 'openapi')
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `cloudflare-combined-${process.pid}.json`)
  writeFileSync(file, JSON.stringify(combinedDocument(), null, 2))
  return file
}
