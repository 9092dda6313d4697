import type { HttpClient } from './http.js'
import { apiPath } from './path.js'
import { HostnameAssociationSchema } from './schemas.js'

/**
 * An mTLS certificate id as the zone endpoint takes it (36 characters, a UUID). Without one,
 * Cloudflare acts on the zone's Cloudflare-managed CA instead: a PUT meant for an uploaded CA would
 * then replace the managed CA's hostnames. Refuse rather than send such a request.
 */
const CERTIFICATE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function requireCertificateId(certificateId: string, method: string): void {
  if (!CERTIFICATE_ID.test(certificateId)) {
    throw new Error(
      `refusing ${method} of hostname associations without a certificate id (got "${certificateId.slice(0, 40)}"): without mtls_certificate_id Cloudflare acts on the zone's managed CA`
    )
  }
}

/** `/zones/{zone_id}/certificate_authorities/hostname_associations`: which hostnames of a zone an uploaded CA serves. */
export class HostnameAssociationsApi {
  constructor(private readonly http: HttpClient) {}

  private path(zoneId: string): string {
    // The zone id is checked like every other path segment: 32 hexadecimal digits, nothing else.
    return apiPath('zones', zoneId, 'certificate_authorities', 'hostname_associations')
  }

  /** The hostnames of the zone that the CA serves (one request: the endpoint is not paged). */
  async get(zoneId: string, certificateId: string): Promise<string[]> {
    requireCertificateId(certificateId, 'GET')
    const res = await this.http.call('GET', this.path(zoneId), { query: { mtls_certificate_id: certificateId }, schema: HostnameAssociationSchema })
    return res.result
  }

  /**
   * Sets the CA's hostnames in the zone to exactly `hostnames` (PUT replaces the whole set; an
   * empty list removes them all) and returns the set Cloudflare answered with. PUT of the whole
   * set is idempotent, so the HTTP client's retry after a lost answer or a 5xx is safe: a second
   * PUT of the same set leaves the same state.
   */
  async replace(zoneId: string, certificateId: string, hostnames: string[]): Promise<string[]> {
    requireCertificateId(certificateId, 'PUT')
    const body = { hostnames, mtls_certificate_id: certificateId }
    const res = await this.http.call('PUT', this.path(zoneId), { body, schema: HostnameAssociationSchema })
    return res.result
  }
}
