/**
 * report's tracking issue when GitHub answers the first write with a 5xx: the request is retried
 * (GitHub's 5xx are retried by the Octokit retry plugin of the reliability work), the issue is made
 * once, and the report exits by its own rules. Through the committed bundle, the emulator and the
 * GitHub fake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCertificate } from '../../scripts/lib/certs.js'
import { e2eBackend, type E2EBackend } from '../helpers/e2e.js'
import { WRITE_TOKEN, scheduledRunnerEnv, startGitHubFake, type GitHubFake } from '../helpers/github-fake.js'

const day = 86_400_000
let b: E2EBackend
let gh: GitHubFake

beforeAll(async () => {
  b = await e2eBackend()
  gh = await startGitHubFake()
})
afterAll(async () => {
  await gh.close()
  await b.close()
})

describe('tracking-issue and a 5xx', () => {
  it('a 502 on the first write (creating the issue): retried, one issue made, issue-url set, the step passes', async () => {
    const soon = await makeCertificate({ notAfter: new Date(Date.now() + 10 * day) })
    b.emulator.seed([{ pem: soon.pem, name: 'edge-ca' }])
    gh.failRequest({ route: 'create-issue', status: 502 })
    const r = await b.run({ 'operation': 'report', 'tracking-issue': 'true', 'github-token': WRITE_TOKEN }, scheduledRunnerEnv(gh, { dir: b.dir }))
    expect(r.code, r.stdout).toBe(0)
    const creates = gh.log.filter((q) => q.route === 'create-issue').map((q) => q.status)
    expect(creates).toEqual([502, 201])
    expect(gh.state.issues).toHaveLength(1)
    expect(r.outputs['issue-url']).toBe(gh.issueUrl(gh.state.issues[0]?.number ?? 0))
    expect(r.stdout).not.toContain('could not be kept')
  })
})
