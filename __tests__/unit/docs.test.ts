import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FINDING_CATALOGUE } from '../../src/pem/index.js'
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
