import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { ROOT } from '../helpers/run-action.js'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(async () => emulator.close())

it('`npm run local` runs the action from source with @github/local-action and the documented .env.example', async () => {
  emulator.seedSynthetic(3)
  const env = readFileSync(path.join(ROOT, '.env.example'), 'utf8').replace(/^INPUT_API-BASE-URL=.*$/m, `INPUT_API-BASE-URL=${emulator.url}`)
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'local-action-')), '.env')
  writeFileSync(file, env)
  const bin = path.join(ROOT, 'node_modules/.bin/local-action')
  // Asynchronously: the emulator runs in this process and must keep answering.
  const r = await promisify(execFile)(bin, ['run', ROOT, 'src/main.ts', file], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 90_000,
    // as from a developer's shell: none of vitest's variables
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }
  })
  expect(r.stdout).toContain('Found 3 certificate(s) of type all.')
  // local-action shows outputs in its table or, when its core stub is bypassed, as the
  // set-output command; either way the action computed count = 3 from source.
  expect(r.stdout).toMatch(/'count'\s*│\s*'3'|::set-output name=count::3/)
  expect(emulator.requests.map((q) => q.route)).toEqual(['list'])
}, 120_000)
