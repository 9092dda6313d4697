// @ts-check
/**
 * The toolkit floor plus undici's public entry: what loading the HTTP client adds to any toolkit
 * action that talks HTTP through undici (no request is sent). Information beside the cold-start
 * row; see bench/floor/index.js.
 */
import * as core from '@actions/core'

const { EnvHttpProxyAgent } = await import('undici')
await new EnvHttpProxyAgent().destroy()
const who = core.getInput('who') || 'world'
core.setOutput('greeting', `hello, ${who}`)
await core.summary.addHeading('Hello').addRaw(`hello, ${who}`, true).write()
