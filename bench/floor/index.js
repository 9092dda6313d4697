// @ts-check
/**
 * The toolkit floor: the least a JavaScript action built on @actions/core costs. It reads an
 * input, sets an output and writes a job summary, as every toolkit action does, and nothing else.
 * bench/lib/floor.mjs bundles it with ncc (as the action is bundled) into bench/tmp/floor and the
 * bench runs it with the same runner-step environment as dist/index.js.
 */
import * as core from '@actions/core'

const who = core.getInput('who') || 'world'
core.setOutput('greeting', `hello, ${who}`)
await core.summary.addHeading('Hello').addRaw(`hello, ${who}`, true).write()
