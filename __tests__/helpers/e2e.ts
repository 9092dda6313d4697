import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { runAction, type ActionRun } from './run-action.js'

/**
 * Credentials no output could contain by chance, so the leak scan that every run goes through
 * (run-action.ts) cannot miss a leak or report a false one.
 */
export function distinctiveCredentials() {
  const tag = randomBytes(6).toString('hex')
  return {
    token: `e2eTok_${tag}_${randomBytes(12).toString('base64url')}`,
    apiKey: randomBytes(19).toString('hex').slice(0, 37),
    email: `owner-${tag}@e2e-secret.example`
  }
}

/**
 * An emulator plus a scratch directory, and a runner that points the bundle at the emulator.
 * Every run is scanned for the secrets it was given (see run-action.ts): a leak fails the test.
 */
export async function e2eBackend() {
  const emulator: Emulator = await startEmulator(distinctiveCredentials())
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
      return runAction({ 'api-base-url': emulator.url, 'account-id': emulator.accountId, 'api-token': emulator.token, 'max-retries': '1', ...inputs }, { env, cwd: dir })
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

/**
 * Backends made on demand (one per case, so concurrent cases never share a fault queue), all
 * closed after the file's tests.
 */
export function e2eBackendPool(afterAll: (fn: () => Promise<void>) => void): () => Promise<E2EBackend> {
  const backends: E2EBackend[] = []
  afterAll(async () => {
    await Promise.all(backends.map((b) => b.close()))
  })
  return async () => {
    const b = await e2eBackend()
    backends.push(b)
    return b
  }
}
