import type { MtlsCertificate } from '../cloudflare/schemas.js'
import type { CertificateRef } from '../inputs.js'
import { OperationError, type Clients } from './types.js'

/**
 * Finds the certificate a user named. Names are not unique in Cloudflare, so a name that
 * matches none or several is an error that lists what we found.
 * Returns the listed object when the lookup was by name (it already holds every field).
 */
export async function resolveCertificate(ref: CertificateRef, clients: Clients): Promise<{ id: string; certificate?: MtlsCertificate }> {
  if (ref.by === 'id') return { id: ref.id }
  const all = await clients.api.list()
  const matches = all.filter((c) => c.name === ref.name)
  if (matches.length === 0) {
    throw new OperationError(
      `No certificate named "${ref.name}" in account ${clients.api.accountId} (${all.length} certificates checked). Check name, or give certificate-id.`,
      'not-found'
    )
  }
  if (matches.length > 1) {
    const ids = matches.map((c) => `${c.id} (uploaded ${c.uploaded_on ?? 'unknown'})`).join(', ')
    throw new OperationError(`${matches.length} certificates are named "${ref.name}": ${ids}. Names are not unique in Cloudflare; give certificate-id instead.`, 'ambiguous')
  }
  const certificate = matches[0] as MtlsCertificate
  return { id: certificate.id, certificate }
}
