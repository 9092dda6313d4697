import { CloudflareApiError } from '../cloudflare/errors.js'
import type { MtlsCertificate } from '../cloudflare/schemas.js'
import { InputError, type ConfigOf, type PemSource } from '../inputs.js'
import { fingerprintsOfPem, validatePem, type FileReport } from '../pem/index.js'
import type { UploadResult } from './results.js'
import { OperationError, type Clients } from './types.js'

/** Cloudflare's BYO CA limit per account (error 1489). */
export const CA_LIMIT = 5
/**
 * Certificates in one upload. A client chain is the leaf and a few issuers, a CA bundle a handful
 * of CAs; hundreds is a whole trust store pasted by mistake (Cloudflare's own limit is not
 * documented), and validating it would take long to end in a refusal.
 */
export const MAX_CERTIFICATES = 100

export class ValidationFailed extends OperationError {
  constructor(
    message: string,
    readonly report: FileReport
  ) {
    super(message, 'invalid-certificate')
  }
}

/** Runs the validator as the upload's preflight; errors stop the upload before any request. */
export function preflight(config: ConfigOf<'upload' | 'rotate'>, clients: Pick<Clients, 'now'>): { report: FileReport; ca: boolean } {
  const privateKey = config.privateKey
  checkCertificateCount(config.certificate)
  const report = validatePem(config.certificate.bytes ?? config.certificate.text, {
    file: config.certificate.label,
    profile: config.ca === 'auto' ? 'auto' : config.ca === 'true' ? 'ca' : 'leaf',
    now: clients.now(),
    expiryWarningDays: config.validation.expiryWarningDays,
    expiryErrorDays: config.validation.expiryErrorDays,
    requirePrivateKey: true,
    ...(privateKey ? { privateKey: { text: privateKey.bytes ?? privateKey.text, file: privateKey.label } } : {})
  })
  const ca = report.profile === 'ca'
  if (ca && privateKey) {
    throw new InputError(privateKey.input, 'must not be given for a CA certificate (the first certificate has CA:TRUE): a CA bundle is uploaded without its private key')
  }
  const blocking = report.findings.filter((f) => f.severity === 'error' || (config.validation.failOn === 'warning' && f.severity === 'warning'))
  if (blocking.length > 0) {
    const first = blocking
      .slice(0, 3)
      .map((f) => `${f.file}:${f.line}: ${f.code}: ${f.message}`)
      .join(' | ')
    const more = blocking.length > 3 ? ` (+${blocking.length - 3} more)` : ''
    // Name the input the first problem is in: the key's, when it is the key that is wrong or missing.
    const head = blocking[0]
    const aboutKey = head !== undefined && ((privateKey !== undefined && head.file === privateKey.label) || head.code === 'KEY_MISSING')
    const input = aboutKey ? (privateKey?.input ?? 'private-key') : config.certificate.input
    throw new ValidationFailed(`Input "${input}" did not pass validation, nothing was uploaded: ${first}${more}`, report)
  }
  return { report, ca }
}

function checkCertificateCount(source: PemSource): void {
  const begin = /-----BEGIN CERTIFICATE-----/g
  let count = 0
  let lineOfFirstTooMany = 0
  for (let m = begin.exec(source.text); m; m = begin.exec(source.text)) {
    count++
    if (count === MAX_CERTIFICATES + 1) lineOfFirstTooMany = source.text.slice(0, m.index).split('\n').length
  }
  if (count > MAX_CERTIFICATES) {
    throw new InputError(
      source.input,
      `holds ${count} certificates, more than the ${MAX_CERTIFICATES} one upload may carry (${source.label}:${lineOfFirstTooMany} begins certificate ${MAX_CERTIFICATES + 1}): upload the leaf with its issuers, or the CA(s) clients are issued by, not a whole trust store`
    )
  }
}

/** The certificates in the account whose PEM holds exactly the same certificates as ours. */
export function findIdentical(existing: MtlsCertificate[], fingerprints: string[]): MtlsCertificate | undefined {
  const want = fingerprints.join(',')
  return existing.find((c) => c.certificates !== undefined && fingerprintsOfPem(c.certificates).join(',') === want)
}

export interface UploadPlan {
  certificate: MtlsCertificate
  reused: boolean
  plan: string[]
  /** The account's certificates as read before uploading (every page), for callers that need them. */
  existing: MtlsCertificate[] | undefined
}

/**
 * Upload, or reuse an identical certificate already in the account: a re-run of the same release
 * never fails with 1471 and never duplicates. A POST whose answer is lost is not repeated blindly:
 * we list to learn whether it landed.
 */
export async function uploadOrReuse(
  config: ConfigOf<'upload' | 'rotate'>,
  ca: boolean,
  clients: Clients,
  options: { deletingForQuota?: number; existing?: MtlsCertificate[] } = {}
): Promise<UploadPlan> {
  const { api, log } = clients
  const fingerprints = fingerprintsOfPem(config.certificate.text)
  const request = {
    ca,
    certificates: config.certificate.text.replace(/^\uFEFF/, '').trim() + '\n',
    ...(config.name ? { name: config.name } : {}),
    ...(config.privateKey ? { privateKey: config.privateKey.text.trim() + '\n' } : {})
  }
  const needList = config.reuseExisting || ca || config.dryRun
  const existing = options.existing ?? (needList ? await api.list({ types: ['custom'] }) : undefined)

  if (existing && config.reuseExisting) {
    const same = findIdentical(existing, fingerprints)
    if (same) {
      const note = same.name !== config.name && config.name ? ` (its name is "${printable(same.name ?? '')}", not "${config.name}": Cloudflare cannot rename it)` : ''
      log.info(`An identical certificate is already in the account: reusing ${same.id}${note}.`)
      return { certificate: same, reused: true, plan: [`would reuse ${same.id}: an identical certificate is already uploaded`], existing }
    }
  }
  if (existing && ca) await checkCaQuota(existing, clients, options.deletingForQuota ?? 0)

  if (config.dryRun) {
    const what = `would upload ${fingerprints.length} certificate(s) as ${ca ? 'a CA' : 'a client certificate'}${config.name ? ` named "${config.name}"` : ''}`
    log.info(`Dry run: ${what}.`)
    return { certificate: { id: '', ca, name: config.name }, reused: false, plan: [what], existing }
  }

  const maxAttempts = config.connection.maxRetries + 1
  for (let attempt = 1; ; attempt++) {
    try {
      const certificate = await api.upload(request)
      log.info(`Uploaded certificate ${certificate.id}.`)
      return { certificate, reused: false, plan: [], existing }
    } catch (e) {
      if (!(e instanceof CloudflareApiError)) throw e
      if (e.hasCode(1471)) {
        // Uploaded by someone else (or by a lost earlier attempt) between our list and our POST.
        const landed = findIdentical(await api.list({ types: ['custom'] }), fingerprints)
        if (landed) {
          // Ours, when an earlier attempt of this run was lost on the way back.
          const ours = attempt > 1 && !existing?.some((c) => c.id === landed.id)
          log.info(`Cloudflare says the certificate already exists (1471): adopting ${landed.id}.`)
          return { certificate: landed, reused: !ours, plan: [], existing }
        }
        throw e
      }
      // A lost connection, a timeout, a 5xx, or a 2xx we cannot read: the POST may have been
      // stored. Never POST again blindly: look first.
      const unknownOutcome = e.kind === 'network' || e.kind === 'timeout' || e.kind === 'invalid-response' || (e.status ?? 0) >= 500
      if (!unknownOutcome) throw e
      let listed: MtlsCertificate[]
      try {
        listed = await api.list({ types: ['custom'] })
      } catch (listError) {
        log.warning(
          `The upload's answer was lost (${e.message}), and listing the account to see whether it landed failed too: the certificate may or may not be in the account. A re-run adopts it if it is.`
        )
        throw listError
      }
      const landed = findIdentical(listed, fingerprints)
      if (landed) {
        const before = existing?.some((c) => c.id === landed.id) ?? false
        log.info(`The upload's answer was lost (${e.message}), but the certificate is in the account: adopting ${landed.id}.`)
        return { certificate: landed, reused: before, plan: [], existing }
      }
      e.attempts = attempt
      if (attempt >= maxAttempts) throw e
      log.warning(`Upload attempt ${attempt} of ${maxAttempts} failed (${e.message}) and the certificate is not in the account; trying again.`)
      await (clients.sleep ?? defaultSleep)(Math.min(8000, 500 * 2 ** (attempt - 1)))
    }
  }
}

/** A name from the account, fit for one log line: a line break in it could start a workflow command. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?').slice(0, 255)
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

async function checkCaQuota(existing: MtlsCertificate[], clients: Clients, freeing: number): Promise<void> {
  const cas = existing.filter((c) => c.ca === true && (c.type ?? 'custom') === 'custom')
  if (cas.length - freeing < CA_LIMIT) return
  const counts = await Promise.all(
    cas.map(async (c) => {
      try {
        return String((await clients.api.associations(c.id)).length)
      } catch {
        return '?'
      }
    })
  )
  const list = cas.map((c, i) => `"${c.name ?? '(no name)'}" ${c.id} expires ${c.expires_on?.slice(0, 10) ?? '?'}, ${counts[i]} association(s)`).join('; ')
  throw new OperationError(
    `The account already has ${cas.length} CA certificates, Cloudflare's limit of ${CA_LIMIT} (error 1489 would follow): ${list}. Delete one that has no associations first.`,
    'quota'
  )
}

/** Whether the certificate goes up as a CA, and what decided it: one log line of upload and of rotate. */
export function describeCa(config: ConfigOf<'upload' | 'rotate'>, ca: boolean): string {
  return config.ca === 'auto' ? `ca: auto → ${ca} (the first certificate ${ca ? 'is' : 'is not'} a CA per its Basic Constraints).` : `ca: ${ca} (from the input).`
}

export async function uploadCertificate(config: ConfigOf<'upload'>, clients: Clients): Promise<UploadResult> {
  const { report, ca } = preflight(config, clients)
  const caSource = config.ca === 'auto' ? 'auto' : 'input'
  clients.log.info(describeCa(config, ca))
  const up = await uploadOrReuse(config, ca, clients)
  return { operation: 'upload', certificate: up.certificate, ca, caSource, reused: up.reused, dryRun: config.dryRun, plan: up.plan, validation: report }
}
