/**
 * Certificate files for contract runs of the bundle: the bundle validates PEM before uploading, so
 * the uploads need real certificates. Made with @peculiar/x509 (see __tests__/emulator/certs.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { makeCertificate, type TestCertificate } from '../emulator/certs.js'

export interface ContractFiles {
  dir: string
  ca: TestCertificate
  leaf: TestCertificate
  /** The CA certificate alone (CA:TRUE). */
  caPath: string
  /** The leaf (CA:FALSE) followed by its issuer. */
  leafPath: string
  /** The leaf's unencrypted PKCS#8 key. */
  keyPath: string
}

export async function writeContractCertificates(): Promise<ContractFiles> {
  const dir = mkdtempSync(path.join(tmpdir(), 'contract-certs-'))
  const ca = await makeCertificate({ ca: true, name: 'CN=Contract Test CA, O=Example Inc., C=US' })
  const leaf = await makeCertificate({ ca: false, issuer: ca, name: 'CN=contract-client.example.com, O=Example Inc., C=US' })
  const caPath = path.join(dir, 'ca.pem')
  const leafPath = path.join(dir, 'leaf.pem')
  const keyPath = path.join(dir, 'leaf.key')
  writeFileSync(caPath, ca.pem)
  writeFileSync(leafPath, leaf.pem + ca.pem)
  writeFileSync(keyPath, leaf.keyPem, { mode: 0o600 })
  return { dir, ca, leaf, caPath, leafPath, keyPath }
}
