// @ts-check
/**
 * The stack floor: the toolkit floor (bench/floor/index.js) plus zod parsing its one input, what
 * every toolkit action that checks its inputs with zod pays (loading zod is most of it). The yardstick
 * of every timed row of the bench: the action adds to it what its job needs.
 */
import * as core from '@actions/core'
import { z } from 'zod'

const Inputs = z.object({ who: z.string().min(1).default('world') })
const { who } = Inputs.parse({ who: core.getInput('who') || undefined })
core.setOutput('greeting', `hello, ${who}`)
await core.summary.addHeading('Hello').addRaw(`hello, ${who}`, true).write()
