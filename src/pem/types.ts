export type Severity = 'error' | 'warning' | 'notice'
export type Profile = 'ca' | 'leaf'

export interface Finding {
  /** Stable UPPER_SNAKE code; every code is listed in FINDING_CATALOGUE. */
  code: string
  severity: Severity
  /** One actionable sentence: what is wrong and how to fix it. */
  message: string
  /** The label passed in ValidateOptions.file (or privateKey.file for key findings). */
  file: string
  /** 1-based line of the PEM block's BEGIN line, or of the offending line; 1 when file-level. */
  line: number
  /** 0-based index among the file's CERTIFICATE blocks, when the finding concerns one. */
  certificateIndex?: number
}

export interface CertificateFacts {
  /** 0-based index among the file's CERTIFICATE blocks (unparseable blocks keep their index but have no facts). */
  index: number
  /** BEGIN line. */
  line: number
  subject: string
  issuer: string
  /** Decimal, with a leading '-' for (invalid) negative serials. */
  serialNumber: string
  /** Uppercase hex with colons, like `openssl x509 -fingerprint -sha256`. */
  sha256Fingerprint: string
  notBefore: Date
  notAfter: Date
  daysLeft: number
  isCA: boolean
  selfSigned: boolean
  key: string
  signatureAlgorithm: string
  pem: string
}

export interface FileReport {
  file: string
  profile: Profile
  certificates: CertificateFacts[]
  findings: Finding[]
  errorCount: number
  warningCount: number
  noticeCount: number
}

export interface ValidateOptions {
  file: string
  profile: Profile | 'auto'
  /** Injected clock: the validator never reads the system time. */
  now: Date
  expiryWarningDays: number
  /** 0: only an expired certificate is an error; N > 0: expiring within N days is an error too. */
  expiryErrorDays: number
  privateKey?: { text: string | Uint8Array; file: string }
  /** A missing key is an error when the resolved profile is 'leaf' (a ca: false upload); CA uploads never need one. */
  requirePrivateKey?: boolean
}

export interface PemBlock {
  label: string
  /** 1-based line of the BEGIN line. */
  line: number
  /** 1-based line of the END line. */
  endLine: number
  der: Uint8Array
  /** The body with whitespace removed. */
  base64: string
  /** RFC 1421 headers (e.g. Proc-Type), present only when the block has any. */
  headers?: Record<string, string>
}
