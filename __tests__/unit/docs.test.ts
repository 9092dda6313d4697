import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { FINDING_CATALOGUE } from '../../src/pem/index.js'
import { JSON_OUTPUT_SCHEMAS } from '../../src/report/output-schemas.js'
import { ROOT } from '../helpers/run-action.js'

const README = path.join(ROOT, 'README.md')
const cell = (s: string) => s.replace(/\|/g, '\\|')

/** The README's finding-code table, rendered from the validator's own catalogue. */
export function renderFindings(): string {
  const order = { error: 0, warning: 1, notice: 2 } as const
  const rows = [...FINDING_CATALOGUE]
    .filter((f) => f.code !== 'VALIDATOR_INTERNAL_ERROR')
    .sort((a, b) => order[a.severity] - order[b.severity] || a.code.localeCompare(b.code))
    .map((f) => `| \`${f.code}\` | ${f.severity} | ${cell(f.title)} | ${cell(f.fix)} |`)
  return ['| Code | Severity | What it means | How to fix it |', '|---|---|---|---|', ...rows].join('\n')
}

describe('README finding codes', () => {
  it('list every code the validator can report, with its severity and fix (UPDATE_DOCS=1 rewrites it)', () => {
    const readme = readFileSync(README, 'utf8')
    const re = /(<!-- findings:start -->)[\s\S]*?(<!-- findings:end -->)/
    const next = readme.replace(re, (_m, a: string, b: string) => `${a}\n${renderFindings()}\n${b}`)
    if (process.env.UPDATE_DOCS === '1') writeFileSync(README, next)
    expect(readme).toMatch(re)
    expect(next).toBe(readme)
  })
})

interface JsonSchema {
  type?: string
  enum?: unknown[]
  anyOf?: JsonSchema[]
  items?: JsonSchema
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: JsonSchema | boolean
  description?: string
}

/** A field's type in words: `string`, `integer or null`, one of an enum's values. */
function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(', ')
  if (s.anyOf) return s.anyOf.map(typeOf).join(' or ')
  if (s.type === 'array' && s.items) return `array of ${typeOf(s.items)}s`
  return s.type ?? 'any'
}

/** The README's field tables of the JSON outputs, rendered from the zod schemas in src/report/output-schemas.ts. */
export function renderOutputFields(): string {
  return Object.values(JSON_OUTPUT_SCHEMAS)
    .map((schema) => {
      const json = z.toJSONSchema(schema) as JsonSchema
      const object = json.type === 'array' && json.items?.type === 'object' ? json.items : json.type === 'object' && json.properties ? json : undefined
      const head = `${cell(json.description ?? '')} ${json.type === 'array' ? 'A JSON array' : 'A JSON object'}${object && json.type === 'array' ? ' of objects:' : object ? ':' : ''}`
      if (!object?.properties) {
        const values = typeof json.additionalProperties === 'object' ? `, each value an ${typeOf(json.additionalProperties)}` : json.items ? ` of ${typeOf(json.items)}s` : ''
        return `${head.replace(/:$/, '')}${values}.`
      }
      const rows = Object.entries(object.properties).map(
        ([name, field]) => `| \`${name}\` | ${typeOf(field)}${object.required?.includes(name) ? '' : ', may be absent'} | ${cell(field.description ?? '')} |`
      )
      return [head, '', '| Field | Type | Description |', '|---|---|---|', ...rows].join('\n')
    })
    .join('\n\n')
}

describe('README JSON output fields', () => {
  it('describe every field of every JSON output, from the output schemas (UPDATE_DOCS=1 rewrites them)', () => {
    const readme = readFileSync(README, 'utf8')
    const re = /(<!-- output-fields:start -->)[\s\S]*?(<!-- output-fields:end -->)/
    const next = readme.replace(re, (_m, a: string, b: string) => `${a}\n${renderOutputFields()}\n${b}`)
    if (process.env.UPDATE_DOCS === '1') writeFileSync(README, next)
    expect(readme).toMatch(re)
    expect(next).toBe(readme)
  })

  it('leave no field without a description', () => {
    const undescribed = (s: JsonSchema, at: string): string[] => [
      ...Object.entries(s.properties ?? {}).flatMap(([k, f]) => (f.description ? undescribed(f, `${at}.${k}`) : [`${at}.${k}`])),
      ...(s.items ? undescribed(s.items, `${at}[]`) : [])
    ]
    const missing = Object.entries(JSON_OUTPUT_SCHEMAS).flatMap(([name, schema]) => [
      ...(schema.description ? [] : [name]),
      ...undescribed(z.toJSONSchema(schema) as JsonSchema, name)
    ])
    expect(missing).toEqual([])
  })
})
