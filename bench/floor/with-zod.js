// @ts-check
/**
 * The toolkit floor plus zod: what checking the inputs with a zod schema adds to any toolkit action
 * (loading zod is most of it). Information beside the cold-start row; see bench/floor/index.js.
 */
import * as core from '@actions/core'
import { z } from 'zod'

const Inputs = z.object({ who: z.string().min(1).default('world') })
const { who } = Inputs.parse({ who: core.getInput('who') || undefined })
core.setOutput('greeting', `hello, ${who}`)
await core.summary.addHeading('Hello').addRaw(`hello, ${who}`, true).write()
