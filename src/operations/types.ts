import type { HostnameAssociationsApi } from '../cloudflare/hostnames.js'
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
  /** A zone's hostname associations (BYO CA for mTLS on hostnames). */
  hostnames: Pick<HostnameAssociationsApi, 'get' | 'replace'>
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

/**
 * A failure in the middle of a multi-step change (rotate, associate): which step failed, and what
 * is bound where at that moment, so that the error line says what a re-run will find. `error` is
 * the error itself (an API error becomes its own actionable line first); `error` is that error.
 */
export class StepFailed extends Error {
  constructor(
    readonly step: string,
    readonly state: string,
    readonly error: unknown
  ) {
    super(`${step} failed`)
    this.name = 'StepFailed'
  }
}
