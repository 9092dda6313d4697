import type { Association, MtlsCertificate } from '../cloudflare/schemas.js'
import type { FileReport } from '../pem/index.js'
import type { Plan } from '../sync/plan.js'
import type { ExpiryGroup } from '../expiry.js'

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
  /** With zone-id: the hostnames the certificate serves in each zone. */
  zones?: { zoneId: string; hostnames: string[] }[]
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
  /** Which files were validated: all of certificate-path, or those a pull request changed. */
  scope?: ValidationScope
  /** check-run, for the line that says where the findings GitHub does not show are. */
  checkRun?: 'auto' | 'always' | 'never'
  /** Where the findings went on GitHub besides the log: set by the report once they are published. */
  publication?: Publication
}

export type ValidationScope = { kind: 'all'; reason?: string; permission?: string } | { kind: 'changed'; pullNumber: number; validated: number; skipped: number }

/** The check run and pull-request comment of a validate run, and what could not be published. */
export interface Publication {
  checkRun?: { id: number; url: string; annotations: number }
  comment?: { id: number; url: string; updated: boolean }
  /** One entry per thing that could not be published, with the permission that would fix it. */
  failures: Array<{ what: 'check run' | 'comment'; detail: string; permission?: string }>
  /** Things deliberately not done (pr-comment outside a pull request), for the log. */
  notes: string[]
}

/** One zone's hostnames of one certificate, before and after (associate; associations with zone-id). */
export interface ZoneHostnamesChange {
  zoneId: string
  before: string[]
  after: string[]
  added: string[]
  removed: string[]
  /** Whether a PUT was sent (or, in a dry run, would be). */
  changed: boolean
}

export interface AssociateResult {
  operation: 'associate'
  certificate: MtlsCertificate
  replace: boolean
  dryRun: boolean
  zones: ZoneHostnamesChange[]
  plan: string[]
}

/** What happened to one hostname in a rotate with zone-id. */
export interface HostnameMove {
  zoneId: string
  hostname: string
  /** The earlier certificates that served it before the run. */
  from: string[]
  /** bound: the new CA serves it now (after a verified PUT); already: it did before; would-bind: dry run. */
  fate: 'bound' | 'already' | 'would-bind'
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
  /** rotate with zone-id + hostnames: each hostname's move, and the new CA's hostnames per zone. */
  hostnames?: HostnameMove[]
  zones?: { zoneId: string; hostnames: string[] }[]
}

export type { ExpiryGroup } from '../expiry.js'

export interface ReportEntry {
  certificate: MtlsCertificate
  daysLeft: number | undefined
  /** Undefined when report did not read them (associations: expiring or none). */
  associationCount: number | undefined
  group: ExpiryGroup
}

export interface ReportResult {
  operation: 'report'
  entries: ReportEntry[]
  typeFilter: string
  expiryWarningDays: number
  expiryErrorDays: number
  /** Whose associations were read: every certificate, the expired and expiring ones, or none. */
  associations: 'expiring' | 'all' | 'none'
  failed: boolean
  /** tracking-issue: what was done to the issue, or why it could not be. */
  trackingIssue?: TrackingIssueOutcome
}

/** What report did to its tracking issue. */
export interface TrackingIssueOutcome {
  /** none: nothing expires and no open issue was there to close. */
  action: 'created' | 'updated' | 'reopened' | 'closed' | 'none'
  issue?: { number: number; url: string }
  /** Set when the issue could not be read or written: GitHub's answer, and the permission that would fix it. */
  failure?: { detail: string; permission?: string }
  /** Things worth one log line (a duplicate closed, a label GitHub dropped). */
  notes: string[]
}

/** What became of one plan item in an apply. */
export type ItemOutcome = { status: 'done' | 'failed' | 'not run'; note?: string }

export interface SyncResult {
  operation: 'sync'
  /** The manifest, relative to the workspace. */
  manifest: string
  plan: Plan
  /** apply: the plan was carried out (or tried); plan: it was only shown, for the reason in `planOnly`. */
  mode: 'plan' | 'apply'
  planOnly?: string
  /** apply: one outcome per plan item, in the plan's order. */
  outcomes?: ItemOutcome[]
  validation: FileReport[]
  /** pr-comment: the comment that holds the plan, or why it could not be written. */
  publication?: Publication
}

export type OperationResult =
  UploadResult | ListResult | GetResult | AssociationsResult | DeleteResult | ValidateResult | RotateResult | ReportResult | AssociateResult | SyncResult

// The one definition of days left lives in src/expiry.ts; summary and outputs import it from here.
export { daysUntil } from '../expiry.js'
