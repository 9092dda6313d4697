#!/usr/bin/env node
// A platform engineer's day with the action, against the local Cloudflare emulator and the committed
// bundle (dist/index.js), exactly as a runner would run it. No Cloudflare account needed.
//   npm run demo            (writes demo-summary.html with every step's job summary)
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startEmulator } from '../emulator/index.js'
import { makeCertificate, makeClientChain } from './lib/certs.js'
import { ROOT, runAction } from './lib/run-action.js'
import { summaryToText } from './lib/summary-text.js'

const color = process.stdout.isTTY && !process.env.NO_COLOR
const bold = (s) => (color ? `\x1b[1m${s}\x1b[0m` : s)
const dim = (s) => (color ? `\x1b[2m${s}\x1b[0m` : s)
const green = (s) => (color ? `\x1b[32m${s}\x1b[0m` : s)
const red = (s) => (color ? `\x1b[31m${s}\x1b[0m` : s)

const emulator = await startEmulator()
const repo = mkdtempSync(path.join(tmpdir(), 'mtls-demo-'))
const html = []
let step = 0

function write(rel, content) {
  const file = path.join(repo, rel)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, content)
  return rel
}

/** One workflow step: show the YAML, run the bundle, show outputs and the summary. */
async function run(title, inputs, { expectFailure = false, secretInputs = [] } = {}) {
  step++
  console.log(`\n${bold(`━━ ${step}. ${title}`)}`)
  const shown = Object.entries(inputs)
    .map(
      ([k, v]) =>
        `      ${k}: ${
          secretInputs.includes(k)
            ? '${{ secrets.CLIENT_KEY }}'
            : v.includes('\n')
              ? `|\n${v
                  .split('\n')
                  .map((l) => `        ${l}`)
                  .join('\n')}`
              : v
        }`
    )
    .join('\n')
  console.log(dim(`  - uses: OWNER/cloudflare-mtls-certificates-action@v1\n    with:\n${shown}`))
  const needsApi = inputs.operation !== 'validate'
  const all = needsApi ? { 'account-id': emulator.accountId, 'api-token': emulator.token, 'api-base-url': emulator.url, ...inputs } : inputs
  emulator.clearRequests()
  const r = await runAction(all, { cwd: repo, env: { GITHUB_WORKSPACE: repo } })
  const requests = emulator.requests.map((q) => `${q.method} ${q.route}`)
  const log = r.stdout
    .split('\n')
    .filter((l) => l && !l.startsWith('::add-mask::') && !l.startsWith('::debug::'))
    .map((l) => (l.startsWith('::error') ? red(l) : l))
  if (log.length) console.log(log.map((l) => `  │ ${l}`).join('\n'))
  const verdict = r.code === 0 ? green('exit 0') : red(`exit ${r.code}`)
  console.log(`  ${verdict}${expectFailure && r.code !== 0 ? ' (expected)' : ''} · ${requests.length} API request(s)${requests.length ? `: ${requests.join(', ')}` : ''}`)
  const outputs = Object.entries(r.outputs).filter(([k]) => !['certificate', 'certificates', 'findings'].includes(k))
  if (outputs.length) {
    console.log(bold('  outputs:'))
    for (const [k, v] of outputs) console.log(`    ${k} = ${v.length > 100 ? `${v.slice(0, 97)}...` : v}`)
  }
  if (r.summary.trim()) {
    console.log(bold('  job summary:'))
    console.log(
      summaryToText(r.summary)
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n')
    )
    html.push(`<section><h1>${step}. ${title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</h1>${r.summary}</section>`)
  }
  if ((r.code !== 0) !== expectFailure) {
    console.error(red(`\nStep ${step} ${expectFailure ? 'should have failed' : 'failed'}; stopping the demo.`))
    console.error(r.stderr)
    await emulator.close()
    process.exit(1)
  }
  return r
}

try {
  console.log(bold('Cloudflare mTLS certificates action: demo against the local emulator'))
  console.log(dim(`emulator: ${emulator.url} · bundle: dist/index.js · node ${process.version} · scratch repo: ${repo}`))

  const partnerCa = await makeCertificate({ name: 'CN=Partner Root CA 2026, O=Example Partner' })
  const nextCa = await makeCertificate({ name: 'CN=Partner Root CA 2027, O=Example Partner' })
  const { chainPem, client } = await makeClientChain({ clientName: 'CN=payments-client, O=Example' })
  write('pki/partner-ca.pem', partnerCa.pem)
  write('pki/partner-ca-2027.pem', nextCa.pem)
  write('pki/payments-client.pem', chainPem)
  // A CA someone pasted from a JSON secret: literal "\n" sequences instead of line breaks.
  write('pki/pasted-ca.pem', partnerCa.pem.trim().replace(/\n/g, '\\n'))

  await run(
    'A pull request check validates the PEM files (one is broken)',
    {
      'operation': 'validate',
      'certificate-path': 'pki'
    },
    { expectFailure: true }
  )

  await run('Upload the partner CA', {
    'operation': 'upload',
    'certificate-path': 'pki/partner-ca.pem',
    'ca': 'auto',
    'name': 'partner-ca'
  })

  await run('The release pipeline re-runs: the same upload is reused, nothing is duplicated', {
    'operation': 'upload',
    'certificate-path': 'pki/partner-ca.pem',
    'name': 'partner-ca'
  })

  await run(
    'Upload a client certificate for a Workers mTLS binding (key from a secret)',
    {
      'operation': 'upload',
      'certificate-path': 'pki/payments-client.pem',
      'private-key': client.keyPem,
      'ca': 'false',
      'name': 'payments-client'
    },
    { secretInputs: ['private-key'] }
  )

  await run('List every certificate in the account', { operation: 'list', type: 'all' })

  const got = await run('Get the CA by name', { operation: 'get', name: 'partner-ca' })
  const caId = got.outputs['certificate-id']

  console.log(dim(`\n  (in the emulator: bind ${caId} to a service, as a Gateway mTLS policy would)`))
  emulator.setAssociations(caId, [{ service: 'gateway', status: 'pending_deployment' }])

  await run('Which services use the CA?', { 'operation': 'associations', 'certificate-id': caId })

  await run(
    'Try to delete the CA while it is in use: refused, services named',
    {
      'operation': 'delete',
      'certificate-id': caId
    },
    { expectFailure: true }
  )

  await run('Rotate to the 2027 CA: the old one is still bound, so it is kept with a warning', {
    'operation': 'rotate',
    'certificate-path': 'pki/partner-ca-2027.pem',
    'name': 'partner-ca'
  })

  console.log(dim(`\n  (in the emulator: the service moves to the new CA; the old one is released)`))
  emulator.setAssociations(caId, [])

  await run('Re-run the rotation: the old CA is now free and is deleted', {
    'operation': 'rotate',
    'certificate-path': 'pki/partner-ca-2027.pem',
    'name': 'partner-ca'
  })

  await run('Weekly expiry report', { 'operation': 'report', 'expiry-warning-days': '120' })

  const clientId = (
    await run('Clean up: delete the client certificate by name', {
      'operation': 'delete',
      'name': 'payments-client',
      'missing-ok': 'true'
    })
  ).outputs['certificate-id']

  const page = `<!doctype html><html><head><meta charset="utf-8"><title>mTLS action demo: job summaries</title>
<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1f2328}
section{border:1px solid #d0d7de;border-radius:6px;padding:0 1em 1em;margin:1.5em 0}
h1{font-size:1.1em;border-bottom:1px solid #d0d7de;padding:.6em 0}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left;font-size:.9em;vertical-align:top}code{font-size:.85em}</style>
</head><body><h1>Cloudflare mTLS certificates action: job summaries from <code>npm run demo</code></h1>${html.join('\n')}</body></html>\n`
  writeFileSync(path.join(ROOT, 'demo-summary.html'), page)
  console.log(`\n${green('Demo complete.')} ${step} steps; deleted client certificate ${clientId}.`)
  console.log(`Every job summary as one page: ${path.join(ROOT, 'demo-summary.html')}`)
} finally {
  await emulator.close()
}
