import type { MtlsCertificate } from '../cloudflare/schemas.js'
import type { FileReport } from '../pem/index.js'
import { daysUntil, type OperationResult } from '../operations/results.js'
import { jsonOutput, jsonText, OUTPUT_MAX_BYTES, scalarOutput, type Omitted } from '../text.js'

export type Outputs = Record<string, string>

function certificateOutputs(c: MtlsCertificate, now: Date): Outputs {
  const out: Outputs = { 'certificate-id': c.id, 'certificate': jsonText(c) }
  if (c.expires_on) out['expires-on'] = c.expires_on
  const days = daysUntil(c.expires_on, now)
  if (days !== undefined) out['days-until-expiry'] = String(days)
  if (c.name !== undefined) out['name'] = c.name
  if (c.issuer !== undefined) out['issuer'] = c.issuer
  if (c.serial_number !== undefined) out['serial-number'] = c.serial_number
  return out
}

/** A large account's PEMs would overflow the runner's output limits; get returns the PEM of one. */
export function withoutPem(c: MtlsCertificate): Omit<MtlsCertificate, 'certificates'> {
  const { certificates: _pem, ...rest } = c
  return rest
}

export function validationOutputs(files: FileReport[]): Outputs {
  const findings = files.flatMap((f) => f.findings)
  return {
    'error-count': String(findings.filter((f) => f.severity === 'error').length),
    'warning-count': String(findings.filter((f) => f.severity === 'warning').length),
    'findings': jsonText(findings)
  }
}

/** `hostnames`: the certificate's hostnames per zone, `{"<zone-id>": ["api.example.com", …]}`. */
function hostnamesOutput(zones: { zoneId: string; hostnames: string[] }[]): string {
  return jsonText(Object.fromEntries(zones.map((z) => [z.zoneId, z.hostnames])))
}

/** Every output of an operation, as the strings the runner stores. Pure: main writes them. */
export function toOutputs(result: OperationResult, now: Date): Outputs {
  switch (result.operation) {
    case 'sync':
      // Named fields only: a plan item also holds the manifest entry (and with it a private key).
      return {
        'plan': jsonText(result.plan.items.map((i) => ({ name: i.name, action: i.action, ...(i.id ? { id: i.id } : {}), details: i.details }))),
        'changes': String(result.plan.changes)
      }
    case 'upload': {
      const out: Outputs = { ...validationOutputs([result.validation]), 'reused': String(result.reused) }
      if (result.dryRun && !result.reused) return out
      Object.assign(out, certificateOutputs(result.certificate, now))
      // A new certificate has no associations yet; a reused one may have some we did not read.
      if (!result.reused) out['association-count'] = '0'
      return out
    }
    case 'list':
      return { 'certificates': jsonText(result.certificates.map(withoutPem)), 'count': String(result.certificates.length) }
    case 'get':
      return {
        ...certificateOutputs(result.certificate, now),
        'association-count': String(result.associations.length),
        'associations': jsonText(result.associations)
      }
    case 'associations': {
      const out: Outputs = result.certificate ? certificateOutputs(result.certificate, now) : {}
      out['certificate-id'] = result.certificateId
      out['association-count'] = String(result.associations.length)
      out['associations'] = jsonText(result.associations)
      if (result.zones) out['hostnames'] = hostnamesOutput(result.zones)
      return out
    }
    case 'associate':
      return {
        ...certificateOutputs(result.certificate, now),
        'hostnames': hostnamesOutput(result.zones.map((z) => ({ zoneId: z.zoneId, hostnames: z.after })))
      }
    case 'delete': {
      const out: Outputs = result.certificate ? certificateOutputs(result.certificate, now) : {}
      if (result.certificateId) out['certificate-id'] = result.certificateId
      if (!result.missing) out['association-count'] = '0'
      out['deleted-certificate-ids'] = jsonText(result.deleted ? [result.certificateId] : [])
      return out
    }
    case 'validate': {
      const out = validationOutputs(result.files)
      const pub = result.publication
      if (pub?.checkRun) {
        out['check-run-id'] = String(pub.checkRun.id)
        out['check-run-url'] = pub.checkRun.url
      }
      if (pub?.comment) out['comment-url'] = pub.comment.url
      return out
    }
    case 'rotate': {
      const out: Outputs = { ...validationOutputs([result.validation]), 'reused': String(result.reused) }
      if (result.certificate.id) Object.assign(out, certificateOutputs(result.certificate, now))
      // A new CA bound to hostnames has associations now; their count is the account's to say.
      if (result.certificate.id && !result.reused && !result.zones) out['association-count'] = '0'
      const ids = (fates: string[]) => jsonText(result.previous.filter((p) => fates.includes(p.fate)).map((p) => p.certificate.id))
      out['previous-certificate-ids'] = ids(['deleted', 'would-delete', 'kept', 'blocked'])
      out['deleted-certificate-ids'] = ids(['deleted'])
      out['blocked-certificate-ids'] = ids(['blocked'])
      if (result.zones) out['hostnames'] = hostnamesOutput(result.zones)
      return out
    }
    case 'report':
      return {
        'certificates': jsonText(
          result.entries.map((e) => ({ ...withoutPem(e.certificate), days_left: e.daysLeft ?? null, association_count: e.associationCount ?? null, group: e.group }))
        ),
        'count': String(result.entries.length),
        'expired-count': String(result.entries.filter((e) => e.group === 'expired').length),
        'expiring-count': String(result.entries.filter((e) => e.group === 'error' || e.group === 'warning').length),
        ...(result.trackingIssue?.issue ? { 'issue-url': result.trackingIssue.issue.url } : {})
      }
  }
}

/** The outputs that hold JSON; every other output is a scalar (one line). */
export const JSON_OUTPUTS: ReadonlySet<string> = new Set([
  'plan',
  'certificate',
  'certificates',
  'associations',
  'hostnames',
  'findings',
  'previous-certificate-ids',
  'deleted-certificate-ids',
  'blocked-certificate-ids'
])

/** Where the rest of a cut output can be read, by output. */
function whereTheRestIs(name: string, operation: OperationResult['operation']): string {
  switch (name) {
    case 'certificates':
      return `narrow the ${operation} with type (custom, gateway_managed or access_managed), or read one certificate by its id with operation: get`
    case 'findings':
      return 'the annotations, the check run and the job summary list every finding; or validate fewer files per step'
    case 'associations':
    case 'hostnames':
      return 'the job summary lists them'
    case 'certificate':
      return "the certificate's other fields are in the output; read the ones left out from Cloudflare's API or dashboard"
    default:
      return "read the whole value from Cloudflare's API or dashboard"
  }
}

function describeOmitted(o: Omitted): string {
  if ('count' in o) return `its last ${o.count} item(s) are left out and a final {"truncated": true, "omitted": ${o.count}} says so`
  if ('members' in o) return `its largest member(s) ${o.members.map((m) => `"${m}"`).join(', ')} are left out, listed in "omitted" beside "truncated": true`
  return `its last ${o.characters} character(s) are cut`
}

/**
 * An output as the runner may store it: a JSON output stays valid JSON, any other is one line,
 * and each is at most OUTPUT_MAX_BYTES (GitHub refuses a larger one and fails the step). The
 * warning, when there is one, says what was cut and where the rest is.
 */
export function fitOutput(name: string, value: string, operation: OperationResult['operation']): { text: string; warning?: string } {
  let fitted: { text: string; omitted?: Omitted }
  if (JSON_OUTPUTS.has(name)) {
    // Built by jsonText in toOutputs: reparsed only when too large, to cut it where JSON allows.
    fitted = value.length * 3 <= OUTPUT_MAX_BYTES || Buffer.byteLength(value) <= OUTPUT_MAX_BYTES ? { text: value } : jsonOutput(JSON.parse(value) as unknown)
  } else {
    fitted = scalarOutput(value)
  }
  if (!fitted.omitted) return { text: fitted.text }
  const size = Buffer.byteLength(value)
  return {
    text: fitted.text,
    warning: `Output ${name} was ${size} bytes, over the ${OUTPUT_MAX_BYTES} an output may hold (GitHub refuses one over 1 MiB): ${describeOmitted(fitted.omitted)}. For the rest: ${whereTheRestIs(name, operation)}.`
  }
}
