/**
 * The JSON outputs, field by field, as zod schemas with a description each: the README's field
 * tables are generated from them (`npm run readme`, __tests__/unit/docs.test.ts), and a test parses
 * every operation's JSON outputs with them (__tests__/e2e/output-schemas.test.ts). The objects are
 * strict, so a field the action writes but this file does not describe fails that test.
 * The action itself does not load this module: outputs.ts builds the values and the test holds
 * them to these shapes, so documenting a field costs a run nothing.
 */
import { z } from 'zod'
import type { ExpiryGroup } from '../operations/results.js'
import type { Severity } from '../pem/index.js'

/** The fields Cloudflare gives a certificate, as the action passes them on (absent when Cloudflare sent none or null). */
const certificateFields = {
  id: z.string().describe("The certificate's id, a UUID: what `certificate-id` takes."),
  name: z.string().optional().describe('The name given at upload; names are not unique.'),
  ca: z.boolean().optional().describe('true for a CA (Cloudflare checks client certificates against it), false for a client certificate.'),
  issuer: z.string().optional().describe("The issuer's distinguished name as Cloudflare prints it (e.g. `O=Example Inc.,C=US`)."),
  serial_number: z.string().optional().describe('The serial number, in decimal.'),
  signature: z.string().optional().describe('The signature algorithm as Cloudflare names it (e.g. `ECDSAWithSHA256`, `SHA256WithRSA`).'),
  type: z.string().optional().describe('`custom` (uploaded), `gateway_managed` or `access_managed` (made by Cloudflare).'),
  expires_on: z.string().optional().describe('When the certificate expires (RFC 3339).'),
  uploaded_on: z.string().optional().describe('When it was uploaded (RFC 3339).'),
  updated_at: z.string().optional().describe('When it was last changed (RFC 3339); Cloudflare sends it in the answer to an upload only.')
}

export const CertificateOutputSchema = z
  .strictObject({
    ...certificateFields,
    certificates: z.string().optional().describe('The PEM text as stored: the certificate, then any issuers uploaded with it.')
  })
  .describe('`certificate` (upload, get, delete, associations by name, associate, rotate): the certificate object.')

export const ListedCertificatesSchema = z.array(z.strictObject(certificateFields)).describe('`certificates` (list): every certificate, without the PEM text (use get for it).')

const EXPIRY_GROUPS = ['expired', 'error', 'warning', 'fine'] as const satisfies readonly ExpiryGroup[]
export const ReportedCertificatesSchema = z
  .array(
    z.strictObject({
      ...certificateFields,
      days_left: z.number().int().nullable().describe('Whole days until it expires, negative once expired; null when Cloudflare gave no expiry.'),
      association_count: z.number().int().nullable().describe('How many services use it; null when it could not be read.'),
      group: z.enum(EXPIRY_GROUPS).describe('`expired`; `error`: expires within expiry-error-days; `warning`: within expiry-warning-days; `fine`: later.')
    })
  )
  .describe('`certificates` (report): every certificate, soonest expiry first, without the PEM text.')

export const AssociationsOutputSchema = z
  .array(
    z.strictObject({
      service: z.string().describe('The Cloudflare service that uses the certificate (e.g. `gateway`, `mtls_hostname_associations`).'),
      status: z.string().optional().describe("The association's status as Cloudflare reports it (e.g. `active`, `pending_deployment`).")
    })
  )
  .describe('`associations` (get, associations): the services that use the certificate.')

const SEVERITIES = ['error', 'warning', 'notice'] as const satisfies readonly Severity[]
export const FindingsOutputSchema = z
  .array(
    z.strictObject({
      code: z.string().describe('A stable code from the finding-code table below (e.g. `CERT_EXPIRED`).'),
      severity: z.enum(SEVERITIES).describe('`error`, `warning` or `notice`; fail-on decides which fail the step.'),
      message: z.string().describe('What is wrong and how to fix it, in one sentence.'),
      file: z.string().describe('The file (or the input, for inline PEM) the finding is in.'),
      line: z.number().int().describe('The 1-based line of the PEM block, or of the offending line; 1 for a finding about the whole file.'),
      certificateIndex: z.number().int().optional().describe("The 0-based position of the certificate among the file's CERTIFICATE blocks, when the finding is about one.")
    })
  )
  .describe('`findings` (validate, upload, rotate): every finding of the validator.')

export const HostnamesOutputSchema = z
  .record(z.string(), z.array(z.string()))
  .describe("`hostnames` (associate, rotate and associations with zone-id): each zone id given, with the CA's hostnames in that zone.")

const certificateIds = (what: string) => z.array(z.string()).describe(what)

/** Every JSON output, by the name the README's table gives it. */
export const JSON_OUTPUT_SCHEMAS = {
  'certificate': CertificateOutputSchema,
  'certificates (list)': ListedCertificatesSchema,
  'certificates (report)': ReportedCertificatesSchema,
  'associations': AssociationsOutputSchema,
  'findings': FindingsOutputSchema,
  'hostnames': HostnamesOutputSchema,
  'deleted-certificate-ids': certificateIds('`deleted-certificate-ids` (delete, rotate): the ids deleted by this run.'),
  'previous-certificate-ids': certificateIds('`previous-certificate-ids` (rotate): the earlier certificates with the same name, oldest first.'),
  'blocked-certificate-ids': certificateIds('`blocked-certificate-ids` (rotate): earlier certificates left in place because services still use them.')
} as const

/** The schema of output `name` of `operation`, or undefined when that output is not JSON. */
export function jsonOutputSchema(operation: string, name: string): z.ZodType | undefined {
  if (name === 'certificates') return operation === 'report' ? ReportedCertificatesSchema : ListedCertificatesSchema
  return name in JSON_OUTPUT_SCHEMAS ? JSON_OUTPUT_SCHEMAS[name as keyof typeof JSON_OUTPUT_SCHEMAS] : undefined
}
