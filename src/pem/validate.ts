import { makeFinding, type FindingCode } from './catalogue.js'
import { formatKey } from './certificate.js'
import { checkBundle, resolveChain } from './chain.js'
import { checkCertificate, checkLeaf } from './checks.js'
import { integerToBigInt } from './der.js'
import { isSelfSigned, parseEntry, type AddFinding, type CertEntry, type Context } from './entry.js'
import { checkPrivateKey } from './key.js'
import { scanPem, type ScannedBlock } from './reader.js'
import type { CertificateFacts, FileReport, Finding, Profile, Severity, ValidateOptions } from './types.js'
import { daysLeft } from '../expiry.js'

export function validatePem(input: string | Uint8Array, options: ValidateOptions): FileReport {
  const file = typeof options?.file === 'string' ? options.file : 'certificate'
  try {
    return validateUnguarded(input, options, file)
  } catch (error) {
    // The contract is "never throws": a bug here must surface as a finding, not crash the action.
    const reason = error instanceof Error ? error.message : String(error)
    const findings = [makeFinding('VALIDATOR_INTERNAL_ERROR', `The validator failed on ${file} (${reason}); please report this — the file could not be checked.`, file, 1)]
    return { file, profile: options?.profile === 'leaf' ? 'leaf' : 'ca', certificates: [], findings, errorCount: 1, warningCount: 0, noticeCount: 0 }
  }
}

function validateUnguarded(input: string | Uint8Array, options: ValidateOptions, file: string): FileReport {
  const scan = scanPem(input, file, 'certificate')
  const findings: Finding[] = [...scan.findings]
  const add = (code: FindingCode, message: string, line: number, certificateIndex?: number): void => {
    findings.push(makeFinding(code, message, file, line, certificateIndex))
  }

  const entries: CertEntry[] = []
  let certificateBlocks = 0
  for (const block of scan.blocks) {
    const index = classifyBlock(block, certificateBlocks, file, add)
    if (index === undefined) continue
    certificateBlocks++
    if (block.damaged) continue
    const entry = parseEntry(block, index, add)
    if (entry !== undefined) entries.push(entry)
  }
  // Only when nothing else explains it: a PKCS7 block or an empty file already says there is no certificate.
  if (certificateBlocks === 0 && !findings.some((f) => f.severity === 'error')) {
    add('PEM_NO_CERTIFICATES', `${file} contains no CERTIFICATE block; provide the PEM certificate(s) (\`-----BEGIN CERTIFICATE-----\`).`, 1)
  }

  const resolvedProfile = resolveProfile(options.profile, entries[0])
  const ctx: Context = { file, options, findings, profile: resolvedProfile, certificateCount: entries.length }

  resolveChain(entries, ctx)
  for (const entry of entries) checkCertificate(entry, ctx)
  checkBundle(entries, ctx)
  const leaf = resolvedProfile === 'leaf' ? entries.find((e) => e.index === 0) : undefined
  if (leaf !== undefined) checkLeaf(leaf, ctx)
  checkPrivateKey(options, resolvedProfile, leaf, entries, findings, file)

  const certificates = entries.map((e) => toFacts(e, options.now))
  return summarise(file, resolvedProfile, certificates, findings)
}

/** 'auto' follows the first certificate's Basic Constraints; with no certificate there is nothing to pair a key with, so 'ca'. */
function resolveProfile(requested: ValidateOptions['profile'], first: CertEntry | undefined): Profile {
  if (requested === 'ca' || requested === 'leaf') return requested
  if (first === undefined) return 'ca'
  return first.basicConstraints?.ca === true ? 'ca' : 'leaf'
}

function classifyBlock(block: ScannedBlock, certificateCount: number, file: string, add: AddFinding): number | undefined {
  const at = `The ${block.label} block at line ${block.line}`
  switch (block.label) {
    case 'CERTIFICATE':
      if (block.headers !== undefined)
        add(
          'PEM_BLOCK_HEADERS',
          `${at} has header lines (${Object.keys(block.headers).join(', ')}); remove them — certificates carry no PEM headers.`,
          block.line,
          certificateCount
        )
      return certificateCount
    case 'X509 CERTIFICATE':
      add(
        'PEM_LEGACY_CERTIFICATE_LABEL',
        `${at} uses the legacy label "X509 CERTIFICATE"; rename it to "CERTIFICATE" on both its BEGIN and END lines.`,
        block.line,
        certificateCount
      )
      return certificateCount
    case 'TRUSTED CERTIFICATE':
      add('PEM_TRUSTED_CERTIFICATE_BLOCK', `${at} is an OpenSSL trusted certificate; strip the trust settings with \`openssl x509 -in ${file} -out cert.pem\`.`, block.line)
      return undefined
    case 'PRIVATE KEY':
    case 'RSA PRIVATE KEY':
    case 'EC PRIVATE KEY':
    case 'DSA PRIVATE KEY':
    case 'ENCRYPTED PRIVATE KEY':
    case 'OPENSSH PRIVATE KEY':
      add(
        'PEM_PRIVATE_KEY_BLOCK',
        `${at} is a private key inside the certificate file; move it to the private-key input and delete it here so it is never uploaded as a certificate.`,
        block.line
      )
      return undefined
    case 'PUBLIC KEY':
    case 'RSA PUBLIC KEY':
      add('PEM_PUBLIC_KEY_BLOCK', `${at} is a bare public key; upload the certificate that contains it instead.`, block.line)
      return undefined
    case 'CERTIFICATE REQUEST':
    case 'NEW CERTIFICATE REQUEST':
      add(
        'PEM_CSR_BLOCK',
        `${at} is a certificate signing request, not a certificate; have it signed (e.g. \`openssl x509 -req -in req.csr -CA ca.pem -CAkey ca.key -out cert.pem\`) and upload the result.`,
        block.line
      )
      return undefined
    case 'PKCS7':
    case 'CMS':
      add('PEM_PKCS7_BLOCK', `${at} is a PKCS#7 bundle; extract its certificates with \`openssl pkcs7 -print_certs -in ${file} -out certs.pem\` and upload those.`, block.line)
      return undefined
    case 'X509 CRL':
      add('PEM_CRL_BLOCK', `${at} is a certificate revocation list; remove it — only certificates are uploaded.`, block.line)
      return undefined
    default:
      add('PEM_UNEXPECTED_BLOCK', `${at} is not a certificate; remove it — the file must contain only CERTIFICATE blocks.`, block.line)
      return undefined
  }
}

function toFacts(entry: CertEntry, now: Date): CertificateFacts {
  const { parsed } = entry
  const record = entry.record
  const facts = record === undefined ? bytesFacts(entry) : (record.facts ??= bytesFacts(entry))
  return {
    index: entry.index,
    line: entry.block.line,
    subject: entry.subject,
    issuer: entry.issuerName,
    serialNumber: facts.serialNumber,
    sha256Fingerprint: facts.sha256Fingerprint,
    notBefore: parsed.notBefore,
    notAfter: parsed.notAfter,
    daysLeft: daysLeft(parsed.notAfter, now),
    isCA: entry.basicConstraints?.ca === true,
    selfSigned: isSelfSigned(entry),
    key: facts.key,
    signatureAlgorithm: entry.signatureAlgorithm,
    pem: facts.pem
  }
}

/** The report facts that depend only on the certificate's bytes. */
function bytesFacts(entry: CertEntry): { serialNumber: string; sha256Fingerprint: string; key: string; pem: string } {
  return {
    serialNumber: integerToBigInt(entry.parsed.serial).toString(10),
    sha256Fingerprint: (entry.fingerprint.toUpperCase().match(/../g) ?? []).join(':'),
    key: formatKey(entry.keyInfo),
    pem: toPem(entry.block.base64)
  }
}

export function toPem(base64: string): string {
  const lines: string[] = []
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64))
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }

function summarise(file: string, profile: Profile, certificates: CertificateFacts[], findings: Finding[]): FileReport {
  // Stable sort: the certificate file before the key file, then line, then severity.
  const sorted = findings
    .map((finding, order) => ({ finding, order }))
    .sort(
      (a, b) =>
        Number(a.finding.file !== file) - Number(b.finding.file !== file) ||
        a.finding.line - b.finding.line ||
        SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
        a.order - b.order
    )
    .map((x) => x.finding)
  let errorCount = 0
  let warningCount = 0
  let noticeCount = 0
  for (const f of sorted) {
    if (f.severity === 'error') errorCount++
    else if (f.severity === 'warning') warningCount++
    else noticeCount++
  }
  return { file, profile, certificates, findings: sorted, errorCount, warningCount, noticeCount }
}
