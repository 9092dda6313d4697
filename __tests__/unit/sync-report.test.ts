/**
 * sync's plan in each sink: the job summary (HTML), the pull-request comment (Markdown) and the
 * outputs. Values come from the manifest and the account: every one is escaped for its sink, and
 * nothing of a manifest entry but its name reaches them (an entry holds the private key).
 */
import { describe, expect, it } from 'vitest'
import type { SyncResult } from '../../src/operations/results.js'
import { renderPlanComment } from '../../src/report/comment.js'
import { toOutputs } from '../../src/report/outputs.js'
import { renderSummary } from '../../src/report/summary.js'
import type { GitHubRun } from '../../src/github/types.js'

const KEY = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSECRETSECRETSECRET\n-----END PRIVATE KEY-----\n'
const hostile = '<img src=x onerror=alert(1)> @acme/admins [link](https://evil.example) | x'

const result = (): SyncResult => ({
  operation: 'sync',
  manifest: 'mtls.yml',
  mode: 'apply',
  validation: [],
  outcomes: [{ status: 'done', note: `deleted <b>` }, { status: 'not run' }],
  plan: {
    items: [
      { name: hostile, action: 'delete', id: '2a1b3c4d-0000-4000-8000-000000000001', details: `not in the manifest: delete ${hostile}` },
      {
        name: 'acme-client',
        action: 'upload',
        details: 'upload 2 certificate(s) from pki/client.pem as a client certificate',
        entry: {
          name: 'acme-client',
          line: 2,
          fileLine: 3,
          ca: false,
          certificate: { text: 'CERT', label: 'pki/client.pem', input: 'certificate-path' },
          privateKey: { text: KEY, label: 'environment variable K', input: 'private-key' }
        }
      }
    ],
    conflicts: [],
    changes: 2,
    counts: { upload: 1, rotate: 0, bind: 0, unbind: 0, delete: 1 }
  }
})

const run: GitHubRun = {
  owner: 'o',
  repo: 'r',
  eventName: 'pull_request',
  pullNumber: 1,
  headSha: 'a'.repeat(40),
  serverUrl: 'https://github.com',
  workflow: 'w',
  job: 'j',
  step: 's'
}

describe('sync plan in the summary, the comment and the outputs', () => {
  it('the summary escapes every value and shows each item’s result', () => {
    const html = renderSummary(result(), new Date())
    expect(html).toContain('Plan: 1 to upload, 0 to rotate, 0 hostnames to bind, 1 to delete')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('<th>Result</th>')
    expect(html).not.toContain('SECRET')
  })

  it('the comment is headed by the count line; names and details are inert Markdown (no HTML, link or mention)', () => {
    const md = renderPlanComment(result(), run)
    expect(md.split('\n')[1]).toContain('Plan: 1 to upload, 0 to rotate, 0 hostnames to bind, 1 to delete')
    expect(md).toContain('<!-- cloudflare-mtls-certificates:sync:')
    expect(md).not.toContain('<img')
    expect(md).not.toContain('](https://evil')
    expect(md).not.toMatch(/@acme/)
    expect(md).not.toMatch(/[^\\]\| x/)
    expect(md).not.toContain('SECRET')
  })

  it('the outputs hold {name, action, id?, details} and changes, never an entry', () => {
    const out = toOutputs(result(), new Date())
    expect(out.changes).toBe('2')
    const plan = JSON.parse(out.plan ?? '') as Record<string, unknown>[]
    expect(plan.map((p) => Object.keys(p).sort())).toEqual([
      ['action', 'details', 'id', 'name'],
      ['action', 'details', 'name']
    ])
    expect(out.plan).not.toContain('SECRET')
  })
})
