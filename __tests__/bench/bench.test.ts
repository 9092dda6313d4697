// The benchmark's own logic, never its timings: the README's results table is the one rendered from
// bench/results.json, and a list run is judged correct only with all 1,000 certificates in 20 requests.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyResults } from '../../bench/lib/report.mjs'
import { checkList, LIST_COUNT, PAGES, ROUND_TRIPS } from '../../bench/rows/large-list.mjs'
import { CorrectnessError } from '../../bench/lib/correctness.mjs'
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
})
