// @ts-check
/**
 * The official SDK's list, as a workflow script would call it: `mtlsCertificates.list`.
 * Usage: node bench/scripts/sdk-list.mjs BASE_URL ACCOUNT_ID TOKEN  → prints how many it saw
 */
import Cloudflare from 'cloudflare'

const [baseURL, accountId, apiToken] = process.argv.slice(2)
if (!baseURL || !accountId || !apiToken) throw new Error('usage: sdk-list.mjs BASE_URL ACCOUNT_ID TOKEN')
// Explicit nulls: the SDK would otherwise pick up CLOUDFLARE_* credentials from the environment.
const client = new Cloudflare({ apiToken, apiKey: null, apiEmail: null, userServiceKey: null, baseURL, maxRetries: 0 })
let seen = 0
// Iterating the page promise is what auto-pagination would do; this endpoint is a single page.
for await (const _certificate of client.mtlsCertificates.list({ account_id: accountId })) seen++
console.log(seen)
