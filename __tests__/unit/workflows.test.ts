import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ROOT } from '../helpers/run-action.js'

const validator = path.join(ROOT, 'node_modules/.bin/action-validator')
function validate(file: string): { status: number | null; output: string } {
  const r = spawnSync(validator, [file], { encoding: 'utf8' })
  return { status: r.status, output: `${r.stdout}${r.stderr}` }
}

const workflowDir = path.join(ROOT, '.github/workflows')
const workflows = readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f))

describe('action.yml and workflows pass a schema validator (@action-validator/cli)', () => {
  it('action.yml is valid', () => {
    // @action-validator/cli 0.6.0 (the newest) predates runs.using: node24 and rejects it, so the
    // schema check runs on a copy that says node20; the node24 line is asserted on its own below.
    const text = readFileSync(path.join(ROOT, 'action.yml'), 'utf8')
    expect(text).toMatch(/^\s+using: node24$/m)
    const dir = mkdtempSync(path.join(tmpdir(), 'action-yml-'))
    writeFileSync(path.join(dir, 'action.yml'), text.replace(/^(\s+using:) node24$/m, '$1 node20'))
    const r = validate(path.join(dir, 'action.yml'))
    expect(r.output).toBe('')
    expect(r.status).toBe(0)
  })

  it('the validator catches a typo in action.yml (so the check above means something)', () => {
    const text = readFileSync(path.join(ROOT, 'action.yml'), 'utf8').replace(/^(\s+using:) node24$/m, '$1 node20')
    const dir = mkdtempSync(path.join(tmpdir(), 'action-yml-typo-'))
    writeFileSync(path.join(dir, 'action.yml'), text.replace('    required: true', '    requried: true'))
    const r = validate(path.join(dir, 'action.yml'))
    expect(r.status).toBe(1)
    expect(r.output).toContain("'requried'")
  })

  it.each(workflows)('.github/workflows/%s is valid', (file) => {
    const r = validate(path.join(workflowDir, file))
    expect(r.output).toBe('')
    expect(r.status).toBe(0)
  })

  it.each(workflows)('.github/workflows/%s pins every third-party action by commit SHA', (file) => {
    const wf = parse(readFileSync(path.join(workflowDir, file), 'utf8')) as { jobs: Record<string, { steps?: Array<{ uses?: string }> }> }
    const uses = Object.values(wf.jobs).flatMap((j) => (j.steps ?? []).map((s) => s.uses).filter((u): u is string => !!u))
    for (const u of uses.filter((x) => !x.startsWith('./'))) expect(u, u).toMatch(/@[0-9a-f]{40}$/)
  })
})
