// @ts-check
/**
 * A local Cloudflare API for /accounts/{account_id}/mtls_certificates and
 * /zones/{zone_id}/certificate_authorities/hostname_associations.
 *
 *   import { startEmulator } from '../emulator/index.js'
 *   const emulator = await startEmulator()
 *   // CLOUDFLARE_API_BASE_URL = emulator.url, token = emulator.token, account = emulator.accountId
 *   await emulator.close()
 *
 * See README.md in this folder.
 */
import { Emulator } from './server.js'

export { Emulator, DEFAULT_HOSTNAME_SERVICE, DEFAULT_ZONE_ID } from './server.js'
export { CODES } from './errors.js'

/** @typedef {import('./types.js').EmulatorOptions} EmulatorOptions */
/** @typedef {import('./types.js').MtlsCertificate} MtlsCertificate */
/** @typedef {import('./types.js').CertificateType} CertificateType */
/** @typedef {import('./types.js').Association} Association */
/** @typedef {import('./types.js').SeedCertificate} SeedCertificate */
/** @typedef {import('./types.js').Fault} Fault */
/** @typedef {import('./types.js').FaultKind} FaultKind */
/** @typedef {import('./types.js').ActiveFault} ActiveFault */
/** @typedef {import('./types.js').RequestRecord} RequestRecord */
/** @typedef {import('./types.js').RouteName} RouteName */
/** @typedef {import('./server.js').EmulatorInfo} EmulatorInfo */
/** @typedef {import('./server.js').EmulatorSettings} EmulatorSettings */
/** @typedef {import('./server.js').SeedSyntheticOptions} SeedSyntheticOptions */
/** @typedef {import('./zones.js').ZoneDeclaration} ZoneDeclaration */
/** @typedef {import('./zones.js').ZoneSnapshot} ZoneSnapshot */
/** @typedef {import('./zones.js').ZonePermission} ZonePermission */

/**
 * Starts an emulator listening on `options.port` (default: a free port) of 127.0.0.1.
 * @param {EmulatorOptions} [options]
 * @returns {Promise<Emulator>}
 */
export async function startEmulator(options = {}) {
  const emulator = new Emulator(options)
  return emulator.listen(options.port ?? 0)
}
