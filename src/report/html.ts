const HTML_SPECIAL = /[&<>"']/
const HTML_SPECIALS = /[&<>"']/g
const HTML_ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * The job summary is written as is: every value from a user, a file or the API goes through here.
 * One pass, and none for the usual value with nothing to escape (a 1,000-file summary has ~20,000 cells).
 */
export function escapeHtml(value: string | number | boolean | null | undefined): string {
  const s = String(value ?? '')
  return HTML_SPECIAL.test(s) ? s.replace(HTML_SPECIALS, (c) => HTML_ESCAPE[c] ?? c) : s
}

/** A cell whose HTML we built ourselves (already escaped). */
export interface Raw {
  html: string
}
export const raw = (html: string): Raw => ({ html })
type Cell = string | number | Raw | undefined

const cell = (c: Cell): string => (typeof c === 'object' && c !== null ? c.html : escapeHtml(c ?? ''))

export function table(headers: string[], rows: Cell[][]): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('')
  return `<table>${head}${body}</table>\n`
}

export const h2 = (text: string): string => `<h2>${escapeHtml(text)}</h2>\n`
export const h3 = (text: string): string => `<h3>${escapeHtml(text)}</h3>\n`
export const p = (html: Raw | string): string => `<p>${cell(html)}</p>\n`
export const code = (text: string): Raw => raw(`<code>${escapeHtml(text)}</code>`)
export const list = (items: Cell[]): string => `<ul>${items.map((i) => `<li>${cell(i)}</li>`).join('')}</ul>\n`
