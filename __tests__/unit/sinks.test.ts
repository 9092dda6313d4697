import { describe, expect, it } from 'vitest'
import { escapeMarkdown, escapeSummary, jsonOutput, jsonText, LOG_TEXT_MAX, logText, OUTPUT_MAX_BYTES, safeHref, scalarOutput } from '../../src/text.js'
import { fitOutput, JSON_OUTPUTS } from '../../src/report/outputs.js'
import { shortFingerprint } from '../../src/report/summary.js'
import { fitSummary } from '../../src/report/write.js'
import { readFileSync } from 'node:fs'

/** Every character the sinks must never pass on raw: controls, separators, bidi. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

describe('logText: the sink of log lines and annotations', () => {
  it.each([
    ['plain text', 'prod-ca', 'prod-ca'],
    ['a line break cannot start a workflow command', 'x\n::error::forged', 'x ::error::forged'],
    ['CR LF and separators', 'a\r\nb\u2028c\u2029d\u0085e', 'a b c d e'],
    ['ESC sequences lose their ESC', '\u001b[31mred\u001b[0m', '\uFFFD[31mred\uFFFD[0m'],
    ['C1 CSI', 'a\u009b31mb', 'a\uFFFD31mb'],
    ['NUL and DEL', 'a\u0000b\u007fc', 'a\uFFFDb\uFFFDc'],
    ['bidi overrides and isolates go', 'abc\u202Egpj.exe\u202C \u2066x\u2069 \u200Fy', 'abcgpj.exe x y'],
    ['a tab is a space', 'a\tb', 'a b'],
    ['text that starts a command gets a zero-width space', '::error::forged', '\u200B::error::forged'],
    ['after leading spaces too (the runner trims them)', '  ::set-output name=x::y', '\u200B::set-output name=x::y'],
    ['the old ##[ form', '##[error]x', '\u200B##[error]x']
  ])('%s', (_what, input, want) => {
    expect(logText(input)).toBe(want)
  })

  it('cuts a 3 MiB value to one bounded line that says how much is left out', () => {
    const text = logText('n'.repeat(3 * 1024 * 1024))
    expect(text.length).toBeLessThan(LOG_TEXT_MAX + 100)
    expect(text).toMatch(/… \(3137728 more characters\)$/)
  })

  it('never cuts a surrogate pair in half', () => {
    const text = logText('a'.repeat(LOG_TEXT_MAX - 1) + '😀'.repeat(10))
    expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
  })
})

describe('escapeSummary: the sink of the job summary', () => {
  it.each([
    ['plain', 'prod-ca 2026-01-01T00:00:00Z', 'prod-ca 2026-01-01T00:00:00Z'],
    ['HTML', '</table><h1>x</h1>', '&lt;/table&gt;&lt;h1&gt;x&lt;/h1&gt;'],
    ['a blank line cannot end the HTML block and start a heading', 'a\n\n# h\n', 'a # h '],
    ['a Markdown link is inert', '[x](http://evil)', '&#91;x&#93;(http://evil)'],
    ['a table cell break', 'a | b', 'a &#124; b'],
    ['code spans and escapes', '`x` \\', '&#96;x&#96; &#92;'],
    ['an @mention notifies nobody', 'ops@acme @octocat', 'ops@\u200Dacme @\u200Doctocat'],
    ['controls and bidi', '\u001b(1mx\u202E', '\uFFFD(1mx']
  ])('%s', (_what, input, want) => {
    expect(escapeSummary(input)).toBe(want)
  })

  it('links only to http(s)', () => {
    expect(safeHref('javascript:alert(1)')).toBeUndefined()
    expect(safeHref('https://github.example/a?b=1&c="')).toBe('https://github.example/a?b=1&amp;c=&quot;')
  })

  it('a fingerprint cell shows 16 hex digits, the whole one in its title', () => {
    const full = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':')
    const cell = shortFingerprint(full).html
    expect(cell).toBe(`<code title="${full}">${full.slice(0, 23)}…</code>`)
  })
})

describe('the fingerprints block', () => {
  it('a summary cut inside the details block of full fingerprints closes the block and its table', () => {
    const row = '<tr><td>1</td><td><code>AB:CD</code></td></tr>'
    const html = `<h3>a.pem</h3>\n<details><summary>SHA-256 fingerprints in full</summary>\n<table><tr><th>#</th><th>SHA-256</th></tr>${row.repeat(200)}</table>\n</details>\n`
    const cut = fitSummary(html, 4_000)
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(4_000)
    const count = (tag: string) => cut.split(tag).length - 1
    expect([count('<details>'), count('<table>'), count('<tr>')]).toEqual([count('</details>'), count('</table>'), count('</tr>')])
  })
})

describe('escapeMarkdown: the sink of the pull-request comment and the check run', () => {
  it('drops controls and bidi as the other sinks do', () => {
    const out = escapeMarkdown('a\u001b[31m\u202Eb\nc')
    expect(out).not.toMatch(CONTROL)
    expect(out).toBe('a\uFFFD\\[31mb c')
  })
})

describe('scalarOutput and jsonOutput: the sinks of outputs', () => {
  it('a scalar is one line with no control byte', () => {
    const { text } = scalarOutput('name\nghadelimiter_1\r\n::set-output name=x::y\u001b\u202E')
    expect(text).not.toMatch(CONTROL)
    expect(text.split('\n')).toHaveLength(1)
  })

  it('a scalar past the limit is cut on a character boundary', () => {
    const { text, omitted } = scalarOutput('é'.repeat(10), 7)
    expect(text).toBe('ééé')
    expect(omitted).toEqual({ characters: 7 })
  })

  it('JSON keeps the value but no raw control or bidi character', () => {
    const value = { name: 'a\u0085\u009b\u2028\u202E\u001b' }
    const text = jsonText(value)
    expect(text).not.toMatch(CONTROL)
    expect(JSON.parse(text)).toEqual(value)
  })

  it('an array past the limit keeps the items that fit and ends with the truncated marker', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ id: i, name: 'x'.repeat(90) }))
    const { text, omitted } = jsonOutput(items, 2_000)
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2_000)
    const parsed = JSON.parse(text) as unknown[]
    const kept = parsed.length - 1
    expect(parsed.slice(0, kept)).toEqual(items.slice(0, kept))
    expect(parsed[kept]).toEqual({ truncated: true, omitted: 100 - kept })
    expect(omitted).toEqual({ count: 100 - kept })
    // As many as fit: one more item would not.
    expect(Buffer.byteLength(JSON.stringify([...items.slice(0, kept + 1), { truncated: true, omitted: 100 - kept - 1 }]))).toBeGreaterThan(2_000)
  })

  it('an object past the limit leaves out its largest members and names them', () => {
    const value = { id: 'a', name: 'n'.repeat(5_000), issuer: 'i'.repeat(3_000), serial_number: '01' }
    const { text, omitted } = jsonOutput(value, 4_000)
    expect(JSON.parse(text)).toEqual({ id: 'a', issuer: 'i'.repeat(3_000), serial_number: '01', truncated: true, omitted: ['name'] })
    expect(omitted).toEqual({ members: ['name'] })
  })

  it('a value within the limit is left as it is', () => {
    expect(jsonOutput([1, 2]).text).toBe('[1,2]')
    expect(scalarOutput('x').text).toBe('x')
  })
})

describe('fitOutput', () => {
  it('a 3 MiB name gives outputs under 1 MB, valid JSON, and a warning that says how to get the rest', () => {
    const name = 'N'.repeat(3 * 1024 * 1024)
    const certificates = JSON.stringify([
      { id: '2a1b3c4d-0000-4000-8000-000000000001', name },
      { id: '2a1b3c4d-0000-4000-8000-000000000002', name: 'b' }
    ])
    const list = fitOutput('certificates', certificates, 'list')
    expect(Buffer.byteLength(list.text)).toBeLessThanOrEqual(OUTPUT_MAX_BYTES)
    expect(JSON.parse(list.text)).toEqual([{ truncated: true, omitted: 2 }])
    expect(list.warning).toMatch(/Output certificates was \d+ bytes.*type.*operation: get/)
    const scalar = fitOutput('name', name, 'get')
    expect(Buffer.byteLength(scalar.text)).toBe(OUTPUT_MAX_BYTES)
    expect(scalar.warning).toMatch(/Output name was 3145728 bytes/)
    const object = fitOutput('certificate', JSON.stringify({ id: 'x', name }), 'get')
    expect(JSON.parse(object.text)).toEqual({ id: 'x', truncated: true, omitted: ['name'] })
  })

  it('every output action.yml documents as JSON is written as JSON, and no other', () => {
    const yml = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')
    const outputs = yml.slice(yml.indexOf('\noutputs:'), yml.indexOf('\nruns:'))
    const documented = [...outputs.matchAll(/^ {2}([a-z-]+):\n {4}description: "([^\n]*)"/gm)].filter((m) => /\bJSON\b/.test(m[2] ?? '')).map((m) => m[1])
    expect(new Set(documented)).toEqual(JSON_OUTPUTS)
  })
})

describe('README', () => {
  it('no example pastes a step output into a script: outputs reach run: through env:', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const scripts: string[] = []
    const lines = readme.split('\n')
    for (let i = 0; i < lines.length; i++) {
      const m = /^(\s*)(- )?run: ?(.*)$/.exec(lines[i] ?? '')
      if (!m) continue
      const indent = (m[1] ?? '').length + (m[2] ?? '').length
      const body = [m[3] ?? '']
      while (i + 1 < lines.length && (lines[i + 1] ?? '').search(/\S/) > indent) body.push(lines[++i] ?? '')
      scripts.push(body.join('\n'))
    }
    expect(scripts.length).toBeGreaterThan(3)
    expect(scripts.filter((s) => /\$\{\{\s*steps\./.test(s))).toEqual([])
  })
})
