// @ts-check
/** Renders the action's job-summary HTML as readable terminal text (for the demo). */

/** @param {string} s */
const unescape = (s) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()

/** @param {string} s display width, counting the emoji we use as two columns */
const width = (s) => [...s].reduce((n, ch) => n + (/\p{Extended_Pictographic}/u.test(ch) ? 2 : ch === '\uFE0F' ? 0 : 1), 0)

/**
 * @param {string} html
 * @param {number} [maxCell]
 */
export function summaryToText(html, maxCell = 48) {
  let out = html
  out = out.replace(/<table>([\s\S]*?)<\/table>/g, (_m, /** @type {string} */ body) => {
    const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => {
      const cells = [...(r[1] ?? '').matchAll(/<t[hd]>([\s\S]*?)<\/t[hd]>/g)]
      // The last column (a finding, a reason) is read in full; the others are cut to keep rows short.
      return cells.map((c, i) => {
        const t = unescape(c[1] ?? '').replace(/\s+/g, ' ')
        return i < cells.length - 1 && t.length > maxCell ? `${t.slice(0, maxCell - 1)}…` : t
      })
    })
    const cols = Math.max(...rows.map((r) => r.length))
    const widths = Array.from({ length: cols }, (_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))))
    const line = (/** @type {string[]} */ r) =>
      '  ' +
      r
        .map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c)))
        .join('  ')
        .trimEnd()
    const [head, ...rest] = rows
    return `\n${line(head ?? [])}\n  ${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rest.map(line).join('\n')}\n`
  })
  out = out.replace(/<h2>([\s\S]*?)<\/h2>/g, (_m, /** @type {string} */ t) => `\n## ${unescape(t)}\n`)
  out = out.replace(/<h3>([\s\S]*?)<\/h3>/g, (_m, /** @type {string} */ t) => `\n### ${unescape(t)}\n`)
  out = out.replace(/<li>([\s\S]*?)<\/li>/g, (_m, /** @type {string} */ t) => `  - ${unescape(t)}\n`)
  out = out.replace(/<p>([\s\S]*?)<\/p>/g, (_m, /** @type {string} */ t) => `${unescape(t)}\n`)
  out = out.replace(/<\/?ul>/g, '')
  return out.replace(/\n{3,}/g, '\n\n').trim()
}
