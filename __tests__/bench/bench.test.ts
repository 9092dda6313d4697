// The benchmark's own logic, never its timings: the README's results table is the one rendered from
// bench/results.json, and a list run is judged correct only with all 1,000 certificates in 20 requests.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyResults } from '../../bench/lib/report.mjs'
import { checkList, LIST_COUNT, PAGES, ROUND_TRIPS } from '../../bench/rows/large-list.mjs'
import { CorrectnessError } from '../../bench/lib/correctness.mjs'
import { packageOf } from '../../bench/lib/profile.mjs'
import { checkReport, REPORT_REQUESTS, REPORT_ROUND_TRIPS } from '../../bench/rows/report.mjs'
import { ROOT } from '../helpers/run-action.js'

describe('bench', () => {
  it('the README Performance results are the ones rendered from bench/results.json (run `node bench/readme.mjs`)', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    const results = JSON.parse(readFileSync(path.join(ROOT, 'bench/results.json'), 'utf8'))
    expect(applyResults(readme, results)).toBe(readme)
  })

  it('the list ideal is page 1 then ⌈19/4⌉ rounds of 4: 6 round trips, 20 requests', () => {
    expect([LIST_COUNT, PAGES, ROUND_TRIPS]).toEqual([1000, 20, 6])
  })

  describe('a list run is correct only with all 1,000 seen in exactly 20 requests', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `id-${i}`)
    const seeded = new Set(ids)
    const outputs = { count: '1000', certificates: JSON.stringify(ids.map((id) => ({ id }))) }
    const page = (n: number, status = 200) => ({ method: 'GET', route: 'list', query: { page: String(n), per_page: '50' }, status })
    const pages = Array.from({ length: 20 }, (_, i) => page(i + 1))

    it('accepts 20 distinct pages and every id', () => {
      expect(() => checkList(outputs, pages, seeded)).not.toThrow()
    })
    it('refuses a count that is not 1,000', () => {
      expect(() => checkList({ ...outputs, count: '950' }, pages, seeded)).toThrow(CorrectnessError)
    })
    it('refuses a certificates output missing an id, or with a duplicate', () => {
      const dup = [...ids.slice(0, 999), 'id-0'].map((id) => ({ id }))
      expect(() => checkList({ ...outputs, certificates: JSON.stringify(dup) }, pages, seeded)).toThrow(CorrectnessError)
    })
    it('refuses 21 requests, a repeated page, or a failed one', () => {
      expect(() => checkList(outputs, [...pages, page(20)], seeded)).toThrow(/21 requests/)
      expect(() => checkList(outputs, [...pages.slice(0, 19), page(19)], seeded)).toThrow(CorrectnessError)
      expect(() => checkList(outputs, [...pages.slice(0, 19), page(20, 429)], seeded)).toThrow(CorrectnessError)
    })
  })

  it('the report ideal: 20 pages + 1,000 associations GETs = 1,020 requests; page 1, then ⌈1,019/4⌉ rounds: 256 round trips', () => {
    expect([REPORT_REQUESTS, REPORT_ROUND_TRIPS]).toEqual([1020, 256])
  })

  describe('a report run is correct only with all 1,000 counted, in the 20 pages and one associations GET each', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `2a1b3c4d-0000-4000-8000-${String(i).padStart(12, '0')}`)
    const seeded = new Set(ids)
    const outputs = { count: '1000', certificates: JSON.stringify(ids.map((id) => ({ id, association_count: 0 }))) }
    const base = '/client/v4/accounts/0123456789abcdef0123456789abcdef/mtls_certificates'
    const pages = Array.from({ length: 20 }, (_, i) => ({ method: 'GET', route: 'list', path: base, query: { page: String(i + 1) }, status: 200 }))
    const associations = ids.map((id) => ({ method: 'GET', route: 'associations', path: `${base}/${id}/associations`, query: {}, status: 200 }))

    it('accepts the 1,020 requests and every id counted', () => {
      expect(() => checkReport(outputs, [...pages, ...associations], seeded)).not.toThrow()
    })
    it('refuses a certificate without an association count (associations not read)', () => {
      const uncounted = JSON.stringify(ids.map((id, i) => ({ id, association_count: i === 3 ? null : 0 })))
      expect(() => checkReport({ ...outputs, certificates: uncounted }, [...pages, ...associations], seeded)).toThrow(/999 with an association count/)
    })
    it('refuses a certificate whose associations were read twice instead of another’s', () => {
      const twice = [...associations.slice(0, 999), associations[0]!]
      expect(() => checkReport(outputs, [...pages, ...twice], seeded)).toThrow(CorrectnessError)
    })
  })

  it('a profile frame is placed in its package: scoped, nested node_modules, or the action’s own directory', () => {
    expect(
      [
        'webpack://x/./node_modules/zod/v4/core/schemas.js',
        'webpack://x/./node_modules/@actions/github/node_modules/@octokit/core/dist/index.js',
        'webpack://x/./src/pem/reader.ts',
        'webpack://x/./src/main.ts'
      ].map(packageOf)
    ).toEqual(['zod', '@octokit/core', 'src/pem', 'src'])
  })
})
