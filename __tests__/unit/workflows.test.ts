import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ROOT } from '../helpers/run-action.js'
import { workflowProblems } from '../helpers/workflow-lint.js'

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

  it('.github/workflows holds the CodeQL analysis of the JavaScript/TypeScript source, with only the permissions it needs', () => {
    expect(workflows).toContain('codeql.yml')
    const wf = parse(readFileSync(path.join(workflowDir, 'codeql.yml'), 'utf8')) as {
      permissions: unknown
      jobs: Record<string, { permissions?: unknown; steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>
    }
    expect(wf.permissions).toEqual({})
    const [job] = Object.values(wf.jobs)
    expect(job?.permissions).toEqual({ 'security-events': 'write', 'contents': 'read' })
    const init = job?.steps.find((s) => s.uses?.startsWith('github/codeql-action/init@'))
    expect(init?.with?.languages).toBe('javascript-typescript')
    expect(job?.steps.some((s) => s.uses?.startsWith('github/codeql-action/analyze@'))).toBe(true)
  })
})

describe("the workflows keep the project's rules (__tests__/helpers/workflow-lint.ts)", () => {
  it.each(workflows)('.github/workflows/%s: top-level permissions, actions pinned by SHA with a version comment, no ${{ }} in run:, checkout without credentials', (file) => {
    expect(workflowProblems(readFileSync(path.join(workflowDir, file), 'utf8'))).toEqual([])
  })

  const ok = `on: push
permissions:
  contents: read
jobs:
  a:
    runs-on: ubuntu-latest
    permissions:
      checks: write
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
        with:
          persist-credentials: false
      - uses: ./
      - run: echo "$X"
        env:
          X: \${{ github.event.pull_request.title }}
`
  it('a workflow that keeps every rule passes', () => {
    expect(workflowProblems(ok)).toEqual([])
  })

  it.each([
    ['no top-level permissions', ok.replace('permissions:\n  contents: read\n', ''), 'permissions', /no top-level permissions/],
    ['write-all', ok.replace('permissions:\n  contents: read', 'permissions: write-all'), 'permissions', /write-all/],
    ['a write at the top level', ok.replace('  contents: read', '  contents: write'), 'permissions', /writes at the top level \(contents\)/],
    ['a tag instead of a SHA', ok.replace('@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0', '@v5'), 'jobs.a.steps[0]', /not pinned by a full commit SHA/],
    ['a short SHA', ok.replace('@08c6903cd8c0fde910a37f88322edcfb5dd907a8', '@08c6903'), 'jobs.a.steps[0]', /not pinned/],
    ['a SHA without its version', ok.replace(' # v5.0.0', ''), 'jobs.a.steps[0]', /no version comment/],
    ['checkout keeping the token', ok.replace('        with:\n          persist-credentials: false\n', ''), 'jobs.a.steps[0]', /persist-credentials/],
    ['${{ }} in a script', ok.replace('echo "$X"', 'echo "${{ github.event.pull_request.title }}"'), 'jobs.a.steps[2]', /inside run:/],
    ['pull_request_target', ok.replace('on: push', 'on: [pull_request_target]'), 'on', /pull_request_target/],
    ['a reusable workflow by tag', ok.replace(/ {4}runs-on[\s\S]*$/, '    uses: acme/wf/.github/workflows/x.yml@main\n'), 'jobs.a.uses', /not pinned/]
  ])('%s is reported', (_name, text, at, problem) => {
    const found = workflowProblems(text)
    expect(found).toHaveLength(1)
    expect(found[0]?.at).toBe(at)
    expect(found[0]?.problem).toMatch(problem)
  })
})
