import type { Plan } from './plan.js'

// Apart from plan.ts so that the report modules, which every run loads, do not load the planner.

/** The count line that heads the plan: "Plan: 1 to upload, 1 to rotate, 2 hostnames to bind, 0 to delete". */
export function planHeadline(plan: Plan): string {
  const c = plan.counts
  return `Plan: ${c.upload} to upload, ${c.rotate} to rotate, ${c.bind} hostname${c.bind === 1 ? '' : 's'} to bind${c.unbind > 0 ? `, ${c.unbind} to unbind` : ''}, ${c.delete} to delete`
}
