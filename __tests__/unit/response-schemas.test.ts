/**
 * The hand-written response checks (src/cloudflare/schemas.ts) against the zod schemas they
 * replaced (helpers/zod-response-schemas.ts): for any JSON value, both accept or both refuse;
 * when they accept, the results are equal; when they refuse, the first issue has the same path
 * and the same message (the message ends up in the action's error line).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as mine from '../../src/cloudflare/schemas.js'
import * as zod from '../helpers/zod-response-schemas.js'

const PAIRS = {
  envelope: [mine.EnvelopeSchema, zod.EnvelopeSchema],
  certificate: [mine.MtlsCertificateSchema, zod.MtlsCertificateSchema],
  list: [mine.CertificateListSchema, zod.CertificateListSchema],
  associations: [mine.AssociationListSchema, zod.AssociationListSchema],
  delete: [mine.DeleteResultSchema, zod.DeleteResultSchema]
} as const
type Name = keyof typeof PAIRS

/** What a server may put in a field: right, wrong, null, absent. */
const field = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('', 'custom', '2030-01-01T00:00:00Z'),
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0, 50, 1.5, -0.5, 2 ** 53, 1e21),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 })
)
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: field })
/** A string field as Cloudflare sends it (null included), now and then something else. */
const text = maybe(fc.oneof(fc.string({ maxLength: 8 }), fc.constant(null)))
const certificate = fc.record(
  {
    id: maybe(fc.uuid()),
    ca: maybe(fc.boolean()),
    certificates: maybe(fc.string()),
    expires_on: text,
    issuer: text,
    name: text,
    serial_number: maybe(fc.stringMatching(/^\d{1,20}$/)),
    signature: text,
    type: maybe(fc.constantFrom('custom', 'gateway_managed', 'something_new')),
    uploaded_on: text,
    updated_at: text,
    extra: field
  },
  { requiredKeys: [] }
)
const association = fc.record({ service: maybe(fc.constantFrom('gateway', 'hostname')), status: field, extra: field }, { requiredKeys: [] })
const message = fc.record({ code: maybe(fc.integer({ min: 1000, max: 10100 })), message: maybe(fc.string()), documentation_url: field }, { requiredKeys: [] })
const resultInfo = fc.record(
  { count: maybe(fc.nat(50)), page: maybe(fc.nat(20)), per_page: maybe(fc.nat(50)), total_count: maybe(fc.nat(1000)), total_pages: maybe(fc.nat(20)) },
  { requiredKeys: [] }
)
const list = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.array(arb, { maxLength: 4 }) }, { weight: 1, arbitrary: field })
const envelope = fc.record(
  {
    success: maybe(fc.boolean()),
    errors: maybe(list(message)),
    messages: maybe(fc.array(field, { maxLength: 2 })),
    result: fc.oneof(certificate, fc.array(certificate, { maxLength: 3 }), field),
    result_info: maybe(resultInfo)
  },
  { requiredKeys: [] }
)
const VALUES: Record<Name, fc.Arbitrary<unknown>> = {
  envelope: fc.oneof({ weight: 5, arbitrary: envelope }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }),
  certificate: fc.oneof({ weight: 5, arbitrary: certificate }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }),
  list: fc.oneof({ weight: 5, arbitrary: fc.array(certificate, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }),
  associations: fc.oneof({ weight: 5, arbitrary: fc.array(association, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }),
  delete: fc.oneof({ weight: 5, arbitrary: certificate }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) })
}

/** What the check sees is what JSON.parse gives: no undefined values, no NaN. */
const asJson = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)))

function compare(name: Name, value: unknown): { accepted: boolean } {
  const [ours, theirs] = PAIRS[name]
  const a = ours.safeParse(value)
  const b = theirs.safeParse(value)
  expect(a.success, `verdict on ${JSON.stringify(value)}`).toBe(b.success)
  // Strict: a key that zod leaves out is left out here too, and one it keeps as undefined is kept.
  if (a.success && b.success) expect(a.data).toStrictEqual(b.data)
  if (!a.success && !b.success) {
    const first = b.error.issues[0]
    expect(a.error.issues[0]).toEqual({ path: first?.path, message: first?.message })
  }
  return { accepted: a.success }
}

describe('the hand-written response checks give what the zod schemas give', () => {
  it.each(Object.keys(PAIRS) as Name[])('%s: same verdict, same result, same first issue', (name) => {
    let accepted = 0
    let refused = 0
    fc.assert(
      fc.property(VALUES[name], (v) => {
        if (compare(name, asJson(v)).accepted) accepted++
        else refused++
      }),
      { numRuns: 1500 }
    )
    // Both sides of the verdict were exercised, not just one.
    expect(accepted).toBeGreaterThan(100)
    expect(refused).toBeGreaterThan(100)
  })

  it.each<[Name, unknown]>([
    ['certificate', { id: '' }],
    ['certificate', { id: 'x', ca: 'true' }],
    ['certificate', { id: 'x', serial_number: 12345 }],
    ['list', [{ id: 'a' }, { id: 'b', name: 7 }]],
    ['envelope', { success: true, result_info: { total_pages: -1 } }],
    ['envelope', { success: true, result_info: { total_pages: 1.5 } }],
    ['envelope', { success: true, result_info: { total_pages: 2 ** 53 } }],
    ['envelope', { success: true, result_info: { page: null } }],
    ['envelope', { success: true, result: [], result_info: { total_pages: -(2 ** 60) } }],
    ['envelope', { success: true, errors: [{ code: '1000' }] }],
    ['envelope', { success: true, errors: [{ code: 1000, message: null }] }],
    ['envelope', { success: 'true' }],
    ['envelope', []],
    ['delete', undefined],
    ['envelope', JSON.parse('{"success":true,"result":[],"result_info":{"page":1e999}}')],
    ['envelope', JSON.parse('{"success":false,"errors":[{"code":-1e999,"message":"x"}]}')],
    ['associations', [{ status: 'active' }]]
  ])('refuses %s %j the same way', (name, value) => {
    expect(compare(name, value).accepted).toBe(false)
  })

  it('turns null into absent and drops unknown keys, like the zod schemas', () => {
    const r = mine.MtlsCertificateSchema.safeParse({ id: 'x', ca: null, name: null, extra: 1 })
    expect(r).toEqual({ success: true, data: { id: 'x' } })
    expect(r.success && 'extra' in r.data).toBe(false)
    expect(compare('certificate', { id: 'x', ca: null, name: null, extra: 1 }).accepted).toBe(true)
  })
})
