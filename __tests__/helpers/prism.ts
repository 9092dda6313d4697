/**
 * Runs Stoplight Prism (the devDependency @stoplight/prism-cli) as a child process on a free
 * loopback port, for the contract tests: `mock` answers from Cloudflare's OpenAPI document,
 * `proxy` forwards to an upstream (the emulator) and checks both directions against it. Both run
 * with --errors, so a request or response that breaks the document gets an error answer instead
 * of passing quietly.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import path from 'node:path'
import { ROOT } from './run-action.js'

/** The one copy of Cloudflare's schema extract (see NOTICE.md beside it). */
export const OPENAPI_FIXTURE = path.join(ROOT, '__tests__/fixtures/cloudflare/mtls-openapi.json')
/**
 * Cloudflare's schema extract for the zone endpoint
 * `/zones/{zone_id}/certificate_authorities/hostname_associations` (same source and licence).
 * Pass it as `document` to serve or proxy that endpoint; `writeCombinedDocument()` in
 * openapi-documents.ts gives one document with both extracts, for account and zone requests
 * through one Prism.
 */
export const HOSTNAME_ASSOCIATIONS_FIXTURE = path.join(ROOT, '__tests__/fixtures/cloudflare/hostname-associations-openapi.json')

const require = createRequire(import.meta.url)
// The package's bin entry, run with this node: no npx, no shell, one process to kill.
const PRISM_CLI = path.join(path.dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist/index.js')

export interface PrismOptions {
  mode: 'mock' | 'proxy'
  /** proxy only: where Prism forwards, including the base path (`http://127.0.0.1:PORT/client/v4`). */
  upstream?: string
  document?: string
  /** Give up on a Prism that has not said it is listening after this long. */
  startTimeoutMs?: number
}

export interface Prism {
  /** `http://127.0.0.1:PORT` (the document's paths are served at the root, without `/client/v4`). */
  url: string
  port: number
  /** Everything Prism printed so far (stdout and stderr, in arrival order). */
  output(): string
  /** A position in the output, for `outputSince`. */
  mark(): number
  outputSince(mark: number): string
  /**
   * Resolves once Prism has printed nothing for `quietMs` (at most `maxMs`): its log lines for a
   * request can arrive after the answer, and must not be counted against the next test.
   */
  settle(quietMs?: number, maxMs?: number): Promise<void>
  /** Waits (at most `maxMs`) for a line matching `pattern` after `mark`, and returns it. */
  waitForLine(pattern: RegExp, mark: number, maxMs?: number): Promise<string | undefined>
  close(): Promise<void>
}

const LISTENING = /Prism is listening on (http:\/\/\S+)/

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

const running = new Set<ChildProcess>()
// If the test worker exits without running afterAll (a crash, a kill), take Prism with it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/**
 * Starts Prism and resolves once it prints "Prism is listening". A port taken between our probe
 * and Prism's listen is retried on another port; anything else rejects with Prism's output.
 */
export async function startPrism(options: PrismOptions): Promise<Prism> {
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000)
  let lastError: Error | undefined
  for (let attempt = 1; attempt <= 3 && Date.now() < deadline; attempt++) {
    try {
      return await startOnce(options, await freePort(), deadline)
    } catch (e) {
      lastError = e as Error
      if (!/EADDRINUSE/.test(lastError.message)) throw lastError
    }
  }
  throw lastError ?? new Error('Prism did not start in time')
}

async function startOnce(options: PrismOptions, port: number, deadline: number): Promise<Prism> {
  const document = options.document ?? OPENAPI_FIXTURE
  const args = [PRISM_CLI, options.mode, '--errors', '--host', '127.0.0.1', '--port', String(port), document]
  if (options.mode === 'proxy') {
    if (!options.upstream) throw new Error('prism proxy needs an upstream')
    args.push(options.upstream)
  }
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // Plain text (no colour codes) so the log can be searched.
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  running.add(child)
  let output = ''
  let lastOutputAt = Date.now()
  let exited = false
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true
      running.delete(child)
      resolve()
    })
  )

  const close = async (): Promise<void> => {
    if (exited) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exit
    clearTimeout(timer)
  }

  const url = await new Promise<string>((resolve, reject) => {
    let settled = false
    const fail = (why: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void close().then(() => reject(new Error(`prism ${options.mode} on port ${port} ${why}:\n${output.slice(-4000)}`)))
    }
    const timer = setTimeout(() => fail('did not say it was listening in time'), Math.max(0, deadline - Date.now()))
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      lastOutputAt = Date.now()
      const m = LISTENING.exec(output)
      if (m?.[1] && !settled) {
        settled = true
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('error', (e) => fail(`could not be started (${e.message})`))
    void exit.then(() => fail(`exited with code ${child.exitCode ?? 'null'} before listening`))
  })

  return {
    url,
    port,
    output: () => output,
    mark: () => output.length,
    outputSince: (mark) => output.slice(mark),
    settle: async (quietMs = 100, maxMs = 2_000) => {
      const until = Date.now() + maxMs
      while (Date.now() - lastOutputAt < quietMs && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 25))
      }
    },
    waitForLine: async (pattern, mark, maxMs = 5_000) => {
      const until = Date.now() + maxMs
      for (;;) {
        const line = output
          .slice(mark)
          .split('\n')
          .find((l) => pattern.test(l))
        if (line !== undefined || Date.now() >= until) return line?.trim()
        await new Promise((r) => setTimeout(r, 25))
      }
    },
    close
  }
}

/** Lines in which Prism reports a problem with a request or a response (its errors and warnings). */
export function prismComplaints(log: string): string[] {
  return (
    log
      .split('\n')
      // Prism's levels: ✖ error, ⚠ warning (a request that failed validation), ✔ success, ℹ info.
      .filter((l) => /✖|⚠|Request terminated with error/.test(l))
      .map((l) => l.trim())
  )
}
