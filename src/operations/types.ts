import type { MtlsCertificatesApi } from '../cloudflare/mtls.js'

/** What operations may say while they work; main wires it to the runner (src/runner.ts). */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

export interface Clients {
  api: MtlsCertificatesApi
  log: Logger
  now: () => Date
  sleep?: (ms: number) => Promise<void>
}

/** A failure the operation found in the account, not a bug: one line, exit code 1, no stack. */
export class OperationError extends Error {
  constructor(
    message: string,
    /** Lets a caller react to a kind of failure (e.g. missing-ok) without matching text. */
    readonly reason: 'not-found' | 'ambiguous' | 'in-use' | 'managed' | 'quota' | 'invalid-certificate' | 'other' = 'other'
  ) {
    super(message)
    this.name = 'OperationError'
  }
}
