/**
 * Requests over TLS without a proxy (undici, direct), as every run against api.cloudflare.com makes them. The
 * emulator speaks plain HTTP, so it sits behind a TLS front on loopback whose self-signed
 * certificate the action is told to trust through NODE_EXTRA_CA_CERTS, as a runner behind a
 * TLS-inspecting gateway would be.
 */
import { writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { createServer as createHttpsServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { webcrypto } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { makeCertificate, x509 } from '../../scripts/lib/certs.js'
import { e2eBackend, type E2EBackend } from '../helpers/e2e.js'

let b: E2EBackend
let front: Server
let frontUrl: string
let caFile: string
/** TLS sessions the front accepted, and requests it passed on. */
let tlsConnections = 0
let forwarded = 0

beforeAll(async () => {
  b = await e2eBackend()
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=127.0.0.1',
    notBefore: new Date(Date.now() - 3_600_000),
    notAfter: new Date(Date.now() + 86_400_000),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    keys,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }]), new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth])]
  })
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64')
  const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)?.join('\n')}\n-----END PRIVATE KEY-----\n`
  const certPem = `${cert.toString('pem')}\n`
  caFile = path.join(b.dir, 'front-ca.pem')
  writeFileSync(caFile, certPem)
  const upstream = new URL(b.emulator.url)
  front = createHttpsServer({ key, cert: certPem }, (req, res) => {
    forwarded++
    const out = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    out.on('error', () => res.destroy())
    req.pipe(out)
  })
  front.on('secureConnection', () => tlsConnections++)
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r))
  frontUrl = `https://127.0.0.1:${(front.address() as AddressInfo).port}${upstream.pathname}`
})
afterAll(async () => {
  front.closeAllConnections()
  await new Promise<void>((r) => front.close(() => r()))
  await b.close()
})
beforeEach(() => {
  b.emulator.reset()
  tlsConnections = 0
  forwarded = 0
})

describe('over https, direct (no proxy)', () => {
  it('lists every page, reusing its TLS connections', async () => {
    const ids = b.emulator.seedSynthetic(220) // 5 pages: the first, then 4 at once
    const r = await b.run({ 'operation': 'list', 'api-base-url': frontUrl }, { NODE_EXTRA_CA_CERTS: caFile })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.count).toBe(String(ids.length))
    expect(b.emulator.requests).toHaveLength(5)
    expect(forwarded).toBe(5)
    // Keep-alive: page 1's connection carries one of the next four; at most 4 are ever open.
    expect(tlsConnections).toBeGreaterThanOrEqual(1)
    expect(tlsConnections).toBeLessThanOrEqual(4)
  })

  it('uploads (a POST with a JSON body) and reads the answer', async () => {
    const ca = await makeCertificate({ name: 'CN=Over TLS CA, O=Example' })
    const r = await b.run({ 'operation': 'upload', 'certificate-path': b.file(ca.pem), 'name': 'over-tls' }, { NODE_EXTRA_CA_CERTS: caFile })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs['certificate-id']).toMatch(/^[0-9a-f-]{36}$/)
    const posts = b.emulator.requests.filter((x) => x.method === 'POST')
    expect(posts).toHaveLength(1)
    expect(posts[0]?.bodyKeys).toEqual(expect.arrayContaining(['ca', 'certificates', 'name']))
    expect(b.emulator.certificates().map((c) => c.name)).toEqual(['over-tls'])
  })

  it('a certificate it does not trust: one error line that names the TLS problem, and no request gets through', async () => {
    const r = await b.run({ 'operation': 'list', 'api-base-url': frontUrl, 'max-retries': '0' })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/self[- ]signed|SELF_SIGNED|unable to verify|certificate/i)
    expect(r.errors[0]).toMatch(/GET .*mtls_certificates/)
    expect(forwarded).toBe(0)
    expect(b.emulator.requests).toEqual([])
  })
})
