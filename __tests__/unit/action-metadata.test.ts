import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { applyTables, renderTables } from '../../scripts/readme-tables.mjs'
import { INPUT_NAMES } from '../../src/inputs.js'
import { ROOT } from '../helpers/run-action.js'

const actionYml = readFileSync(path.join(ROOT, 'action.yml'), 'utf8')
const action = parse(actionYml) as {
  runs: { using: string; main: string }
  branding: { icon: string; color: string }
  inputs: Record<string, { description: string }>
  outputs: Record<string, { description: string }>
}
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')

describe('action.yml, README and code agree', () => {
  it('runs on node24 from the committed bundle, with branding', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(action.branding.icon).toBeTruthy()
    expect(action.branding.color).toBeTruthy()
  })

  it('the inputs the code reads are exactly the inputs action.yml declares', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort())
  })

  it('every input and output has a description', () => {
    for (const [name, v] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)]) {
      expect(v.description, name).toMatch(/\w{3,}/)
    }
  })

  it('the README tables are the ones generated from action.yml (run `npm run readme` to fix)', () => {
    expect(applyTables(readme, renderTables(actionYml))).toBe(readme)
  })

  it('every output of action.yml is written by the report code', () => {
    const src = readFileSync(path.join(ROOT, 'src/report/outputs.ts'), 'utf8')
    for (const name of Object.keys(action.outputs)) {
      // each output is written under its action.yml name, as a quoted key of the Outputs record
      expect(src, name).toMatch(new RegExp(`(out\\['${name}'\\] =|'${name}':)`))
    }
  })
})
