import { HttpClient } from './cloudflare/http.js'
import { HostnameAssociationsApi } from './cloudflare/hostnames.js'
import { MtlsCertificatesApi } from './cloudflare/mtls.js'
import type { Connection } from './inputs.js'
import type { Clients, Logger } from './operations/types.js'

/** Builds the API client for one run; the only place where a Connection becomes HTTP. */
export function createClients(connection: Connection, log: Logger, now: Date): { clients: Clients; close: () => Promise<void> } {
  const http = new HttpClient({
    baseUrl: connection.apiBaseUrl,
    auth: connection.auth,
    timeoutMs: connection.timeoutMs,
    maxRetries: connection.maxRetries,
    onRetry: ({ method, path, attempt, delayMs, reason }) =>
      log.info(`${method} ${path}: ${reason}; retry ${attempt} of ${connection.maxRetries} in ${(delayMs / 1000).toFixed(1)} s`)
  })
  const api = new MtlsCertificatesApi(http, connection.accountId)
  return { clients: { api, hostnames: new HostnameAssociationsApi(http), log, now: () => now }, close: () => http.close() }
}
