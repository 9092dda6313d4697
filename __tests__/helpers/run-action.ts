export { BUNDLE, NODE, ROOT, parseOutputFile, runAction } from '../../scripts/lib/run-action.js'
export type { ActionRun } from '../../scripts/lib/run-action.js'
