import type { Association, MtlsCertificate } from '../cloudflare/schemas.js'
import type { FileReport } from '../pem/index.js'

export interface UploadResult {
  operation: 'upload'
  certificate: MtlsCertificate
  ca: boolean
  /** Whether `ca` came from the input or from the first certificate's Basic Constraints. */
  caSource: 'input' | 'auto'
  reused: boolean
  dryRun: boolean
  plan: string[]
  validation: FileReport
}

export interface ListResult {
  operation: 'list'
  certificates: MtlsCertificate[]
  typeFilter: string
  /** Certificates expiring within this many days are marked in the summary. */
  expiryWarningDays: number
}

export interface GetResult {
  operation: 'get'
  certificate: MtlsCertificate
  associations: Association[]
}

export interface AssociationsResult {
  operation: 'associations'
  certificateId: string
  certificate?: MtlsCertificate
  associations: Association[]
}

export interface DeleteResult {
  operation: 'delete'
  certificateId: string
  certificate?: MtlsCertificate
  deleted: boolean
  missing: boolean
  dryRun: boolean
  plan: string[]
}

export interface ValidateResult {
  operation: 'validate'
  files: FileReport[]
  failOn: 'error' | 'warning'
  failed: boolean
}

export type PreviousFate = 'deleted' | 'would-delete' | 'kept' | 'blocked'

export interface PreviousCertificate {
  certificate: MtlsCertificate
  associations: Association[]
  fate: PreviousFate
  why: string
}

export interface RotateResult {
  operation: 'rotate'
  certificate: MtlsCertificate
  ca: boolean
  reused: boolean
  dryRun: boolean
  previous: PreviousCertificate[]
  plan: string[]
  validation: FileReport
}

export type ExpiryGroup = 'expired' | 'error' | 'warning' | 'fine'

export interface ReportEntry {
  certificate: MtlsCertificate
  daysLeft: number | undefined
  associationCount: number | undefined
  group: ExpiryGroup
}

export interface ReportResult {
  operation: 'report'
  entries: ReportEntry[]
  typeFilter: string
  expiryWarningDays: number
  expiryErrorDays: number
  failed: boolean
}

export type OperationResult =
  | UploadResult
  | ListResult
  | GetResult
  | AssociationsResult
  | DeleteResult
  | ValidateResult
  | RotateResult
  | ReportResult

/** Whole days from now until the instant; negative once it has passed. */
export function daysUntil(iso: string | undefined, now: Date): number | undefined {
  if (!iso) return undefined
  const t = Date.parse(iso)
  if (!Number.isFinite(t)) return undefined
  return Math.floor((t - now.getTime()) / 86_400_000)
}
