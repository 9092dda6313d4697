import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { NODE, ROOT } from '../helpers/run-action.js'

it('`npm run demo` tells the whole story against the emulator and writes demo-summary.html', async () => {
  const { stdout } = await promisify(execFile)(NODE, ['scripts/demo.mjs'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 170_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' }
  })
  const steps = stdout.split('\n').filter((l) => /^━━ \d+\. /.test(l))
  expect(steps).toHaveLength(12)
  // the failures the story expects, and the API requests each step made
  expect(stdout).toMatch(/validates the PEM files[\s\S]*?PEM_LITERAL_NEWLINES[\s\S]*?exit 1 \(expected\) · 0 API request\(s\)/)
  expect(stdout).toMatch(/re-runs[\s\S]*?reused = true/)
  expect(stdout).toMatch(/Try to delete the CA[\s\S]*?gateway \(pending_deployment\)[\s\S]*?exit 1 \(expected\)/)
  expect(stdout).toMatch(/Re-run the rotation[\s\S]*?deleted-certificate-ids = \["[0-9a-f-]{36}"\]/)
  expect(stdout).toContain('## Expiry report')
  expect(stdout).toContain('Demo complete. 12 steps')
  const html = readFileSync(path.join(ROOT, 'demo-summary.html'), 'utf8')
  // every step but the refused delete (which fails before it has a result) writes a summary
  expect(html.match(/<section>/g)?.length).toBe(11)
  expect(html).toContain('<h2>Rotated')
}, 180_000)
