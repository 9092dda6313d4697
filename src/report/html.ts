import { escapeSummary, safeHref } from '../text.js'

// Every value from a user, a file or the API goes through escapeSummary (src/text.ts), the summary's one sink.

/** A cell whose HTML we built ourselves (already escaped). */
export interface Raw {
  html: string
}
export const raw = (html: string): Raw => ({ html })
type Cell = string | number | Raw | undefined

const cell = (c: Cell): string => (typeof c === 'object' && c !== null ? c.html : escapeSummary(c ?? ''))

export function table(headers: string[], rows: Cell[][]): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeSummary(h)}</th>`).join('')}</tr>`
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('')
  return `<table>${head}${body}</table>\n`
}

export const h2 = (text: string): string => `<h2>${escapeSummary(text)}</h2>\n`
export const h3 = (text: string): string => `<h3>${escapeSummary(text)}</h3>\n`
export const p = (html: Raw | string): string => `<p>${cell(html)}</p>\n`
export const code = (text: string): Raw => raw(`<code>${escapeSummary(text)}</code>`)
export const list = (items: Cell[]): string => `<ul>${items.map((i) => `<li>${cell(i)}</li>`).join('')}</ul>\n`

/** A link to a URL from an answer (GitHub's html_url): only http(s), else the text with the URL shown inert. */
export function link(url: string, text: string): string {
  const href = safeHref(url)
  return href ? `<a href="${href}">${escapeSummary(text)}</a>` : `${escapeSummary(text)} (${escapeSummary(url)})`
}
