import type { MtlsCertificatesApi } from '../cloudflare/mtls.js'

/** What operations may say while they work; main wires it to @actions/core. */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
  /** One phase of a long operation, folded in the log under `name` (core.group on a runner). */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
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
