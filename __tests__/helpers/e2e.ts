import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { runAction, type ActionRun } from './run-action.js'

/** An emulator plus a scratch directory, and a runner that points the bundle at the emulator. */
export async function e2eBackend() {
  const emulator: Emulator = await startEmulator()
  const dir = mkdtempSync(path.join(tmpdir(), 'e2e-'))
  let files = 0
  return {
    emulator,
    dir,
    /** Writes a file in the scratch directory and returns its path. */
    file(content: string | Uint8Array, name = `file-${++files}.pem`): string {
      const p = path.join(dir, name)
      writeFileSync(p, content)
      return p
    },
    /** Runs the committed bundle with the emulator's URL, account and token unless overridden. */
    run(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
      return runAction(
        { 'api-base-url': emulator.url, 'account-id': emulator.accountId, 'api-token': emulator.token, 'max-retries': '1', ...inputs },
        { env, cwd: dir }
      )
    },
    /** API requests since the last call, as "METHOD route". */
    takeRequests(): string[] {
      const seen = emulator.requests.map((r) => `${r.method} ${r.route ?? r.path}`)
      emulator.clearRequests()
      return seen
    },
    close: () => emulator.close()
  }
}
export type E2EBackend = Awaited<ReturnType<typeof e2eBackend>>
