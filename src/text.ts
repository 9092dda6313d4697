/**
 * The one module that fits text from outside (a server's answer, a file, a pull request, an error
 * message) to the place it is written. Every sink has one function here, and a value from outside
 * reaches that sink only through it:
 *
 * - `logText`: a log line or an annotation (core.info, warning, error, notice, debug, setFailed, group names);
 * - `escapeSummary`: text in the job summary's HTML (and `escapeAttribute`, `safeHref` for our own links);
 * - `escapeMarkdown`: text in the pull-request comment and the check run's summary (Markdown);
 * - `scalarOutput` and `jsonOutput`: a step output, one line or valid JSON, at most OUTPUT_MAX_BYTES.
 *
 * Each has a fast path: a summary of 1,000 files has ~20,000 cells, nearly all of them plain.
 */

/** Line and paragraph breaks of every kind (CR, LF, VT, FF, NEL, U+2028, U+2029). */
const LINE_BREAKS = /[\r\n\u000b\u000c\u0085\u2028\u2029]+/g
/** C0 and C1 controls and DEL (ESC among them) that are not line breaks; a tab becomes a space. */
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g
/** Bidirectional marks, embeddings, overrides and isolates: they make text read other than it is. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
/** Any of the three, for the fast path. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

/**
 * Text on one line with nothing a terminal or a reader's eye would take for something else: line
 * breaks and tabs become a space, other controls U+FFFD (so the reader sees that something was
 * there), bidirectional controls go.
 */
export function printable(text: string): string {
  if (!UNPRINTABLE.test(text)) return text
  return text.replace(LINE_BREAKS, ' ').replace(/\t/g, ' ').replace(CONTROLS, '\uFFFD').replace(BIDI, '')
}

/**
 * Text from a server, a file or an error, fit for one line of prose (a reason that is later logged
 * or shown): line and paragraph breaks become a space. The sinks below do the rest.
 */
export const oneLine = (text: string): string => text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim()

/** At most `max` UTF-16 units, never half of a surrogate pair. */
function cutAt(text: string, max: number): string {
  if (text.length <= max) return text
  const code = text.charCodeAt(max - 1)
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max)
}

/** A 3 MiB certificate name would otherwise be a 3 MiB log line (and annotation) of its own. */
export const LOG_TEXT_MAX = 8_000

/**
 * The sink of log lines and annotations. One line (core.info writes its text as is, so a line break
 * would let the rest start a workflow command), no control byte (an ESC sequence recolours or
 * rewrites the log), no bidi override, at most LOG_TEXT_MAX characters. The runner reads a line
 * that starts with `::` or `##[` (after spaces) as a command: such text gets a zero-width space
 * in front, which the runner does not trim.
 */
export function logText(value: string | number | boolean | null | undefined): string {
  let text = printable(String(value ?? '')).trim()
  if (text.length > LOG_TEXT_MAX) text = `${cutAt(text, LOG_TEXT_MAX)}… (${text.length - LOG_TEXT_MAX} more characters)`
  return text.startsWith('::') || text.startsWith('##') ? `\u200B${text}` : text
}

const SUMMARY_SPECIAL = /[&<>"'@|[\]`\\\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/
const SUMMARY_SPECIALS = /[&<>"'|[\]`\\]/g
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '|': '&#124;',
  '[': '&#91;',
  ']': '&#93;',
  '`': '&#96;',
  '\\': '&#92;'
}

/**
 * The sink of the job summary (HTML in GitHub's Markdown). The summary is one HTML block, and
 * Markdown ends such a block at a blank line: so no line break (a name with "\n\n# h" would end it
 * and start a heading), the HTML characters as entities (no tag, no attribute break), the Markdown
 * characters of a link, a table cell or a code span as entities too (inert even outside the
 * block), controls and bidi as for a log line, and a zero-width joiner after `@`, so that
 * `@someone` in a certificate name notifies nobody.
 */
export function escapeSummary(value: string | number | boolean | null | undefined): string {
  const s = String(value ?? '')
  if (!SUMMARY_SPECIAL.test(s)) return s
  return printable(s)
    .replace(SUMMARY_SPECIALS, (c) => ENTITY[c] ?? c)
    .replace(/@/g, '@\u200D')
}

/** An attribute value we build (a URL from GitHub's answer): HTML-escaped, on one line. */
export function escapeAttribute(value: string): string {
  return printable(value).replace(/[&<>"']/g, (c) => ENTITY[c] ?? c)
}

/** A link only to http(s): a `javascript:` URL in an answer becomes no link at all. */
export function safeHref(url: string): string | undefined {
  return /^https?:\/\/[^\s]+$/i.test(url) ? escapeAttribute(url) : undefined
}

/**
 * The sink of the pull-request comment and the check run's summary (Markdown): no link, emphasis,
 * table cell break, HTML, line break, control or @mention of its own. escapeSummary is not enough
 * here; a zero-width joiner after `@` keeps `@someone` in a file or issuer name from notifying
 * that user or team (GitHub links a mention only when the name follows the `@`).
 */
export function escapeMarkdown(value: string): string {
  return printable(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, '\\$&')
    .replace(/@/g, '@\u200D')
}

/**
 * GitHub refuses an output over 1 MiB (and the step fails late, after the work is done); keep each
 * below 1 MB, which is below both readings of the limit.
 */
export const OUTPUT_MAX_BYTES = 1_000_000

/** What an output lost to the size limit: the items of an array, or the members of an object. */
export type Omitted = { count: number } | { members: string[] } | { characters: number }

/**
 * The sink of a scalar output (a name, an id, a date): one line and no control byte, so that a
 * `${{ steps.x.outputs.name }}` pasted into a script cannot run a second line; at most
 * OUTPUT_MAX_BYTES, cut on a character boundary.
 */
export function scalarOutput(value: string, maxBytes = OUTPUT_MAX_BYTES): { text: string; omitted?: Omitted } {
  const text = printable(value)
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return { text }
  const cut = Buffer.from(text)
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '')
  return { text: cut, omitted: { characters: text.length - cut.length } }
}

/** C1 controls, separators and bidi controls, which JSON.stringify leaves raw in strings. */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const hasRawInJson = /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/**
 * JSON with every control and bidi character as a \u escape: the same value once parsed, but the
 * text carries no raw control byte (JSON.stringify escapes only C0).
 */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null'
  return hasRawInJson.test(text) ? text.replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text
}

/**
 * The sink of a JSON output: valid JSON of at most OUTPUT_MAX_BYTES. Past the limit an array keeps
 * the items that fit, in order, and ends with `{"truncated": true, "omitted": N}`; an object
 * leaves out its largest members until it fits and gains `"truncated": true, "omitted": [names]`.
 */
export function jsonOutput(value: unknown, maxBytes = OUTPUT_MAX_BYTES): { text: string; omitted?: Omitted } {
  const text = jsonText(value)
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return { text }
  if (Array.isArray(value)) {
    const marker = (n: number) => jsonText({ truncated: true, omitted: n })
    // The marker with the largest count it can hold, so that the items chosen below always fit with it.
    const room = maxBytes - Buffer.byteLength(marker(value.length)) - 2
    const kept: string[] = []
    let used = 0
    for (const item of value) {
      const t = jsonText(item)
      const size = Buffer.byteLength(t) + 1
      if (used + size > room) break
      kept.push(t)
      used += size
    }
    const omitted = value.length - kept.length
    return { text: `[${[...kept, marker(omitted)].join(',')}]`, omitted: { count: omitted } }
  }
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
    const largestFirst = members.map(([name, v]) => ({ name, size: jsonText(v).length })).sort((a, b) => b.size - a.size)
    const left: string[] = []
    for (const { name } of largestFirst) {
      left.push(name)
      const kept = members.filter(([n]) => !left.includes(n))
      const candidate = jsonText({ ...Object.fromEntries(kept), truncated: true, omitted: left })
      if (Buffer.byteLength(candidate) <= maxBytes) return { text: candidate, omitted: { members: left } }
    }
    return { text: jsonText({ truncated: true, omitted: left }), omitted: { members: left } }
  }
  return { text: jsonText({ truncated: true }), omitted: { characters: text.length } }
}
