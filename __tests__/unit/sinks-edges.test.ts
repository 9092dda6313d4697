import { describe, expect, it } from 'vitest'
import { escapeMarkdown, jsonOutput, jsonText, LOG_TEXT_MAX, logText, oneLine, printable, safeHref, scalarOutput } from '../../src/text.js'

// The edges of the sinks in src/text.ts, case by case: what a hostile value may not turn into.

describe('safeHref: a link only to http(s), whole', () => {
  it.each<[string, string | undefined]>([
    ['https://github.com/acme/pki/issues/7', 'https://github.com/acme/pki/issues/7'],
    ['http://127.0.0.1:3000/x', 'http://127.0.0.1:3000/x'],
    ['HTTPS://GITHUB.COM/A', 'HTTPS://GITHUB.COM/A'],
    ['javascript:alert(1)//https://github.com', undefined],
    ['data:text/html,https://x', undefined],
    ['https://github.com/a b', undefined],
    ['https://github.com/a\nhttps://evil', undefined],
    ['ftp://github.com/a', undefined],
    ['https://x/"><script>', 'https://x/&quot;&gt;&lt;script&gt;']
  ])('%j → %j', (url, href) => {
    expect(safeHref(url)).toBe(href)
  })
})

describe('text for one line', () => {
  it.each<[string, string]>([
    ['plain', 'plain'],
    ['a\r\nb\u2028c\u2029d', 'a b c d'],
    ['tab\there', 'tab here'],
    ['esc\u001b[31mred', 'esc\uFFFD[31mred'],
    ['c1\u0085x', 'c1 x'],
    ['bidi\u202Eevil\u2066x\u2069', 'bidievilx'],
    ['é and 日本', 'é and 日本']
  ])('printable(%j) is %j', (input, output) => {
    expect(printable(input)).toBe(output)
  })

  it('oneLine joins every run of line breaks with one space and trims', () => {
    expect(oneLine('  a\r\n\r\nb\u2028\nc  ')).toBe('a b c')
  })

  it('logText: empty for nothing, a zero-width space before what would be a command, cut at its limit on a character boundary', () => {
    expect(logText(undefined)).toBe('')
    expect(logText(null)).toBe('')
    expect(logText(42)).toBe('42')
    expect(logText('::error::x')).toBe('\u200B::error::x')
    expect(logText('  ##[error]x')).toBe('\u200B##[error]x')
    expect(logText('a'.repeat(LOG_TEXT_MAX))).toBe('a'.repeat(LOG_TEXT_MAX))
    expect(logText('a'.repeat(LOG_TEXT_MAX + 5))).toBe(`${'a'.repeat(LOG_TEXT_MAX)}… (5 more characters)`)
    // A surrogate pair across the limit is left out whole, never halved.
    const cut = logText(`${'a'.repeat(LOG_TEXT_MAX - 1)}😀b`)
    expect(cut.startsWith(`${'a'.repeat(LOG_TEXT_MAX - 1)}…`)).toBe(true)
  })

  it('escapeMarkdown leaves no entity, tag, emphasis, link or mention of its own', () => {
    expect(escapeMarkdown('a & b <i>[x](y)</i> @team')).toBe('a &amp; b &lt;i&gt;\\[x\\]\\(y\\)&lt;/i&gt; @\u200Dteam')
  })
})

describe('outputs within their limit', () => {
  it('a scalar output: one line; past the limit cut on a character boundary, and it says how much went', () => {
    expect(scalarOutput('name\nwith::set-output')).toEqual({ text: 'name with::set-output' })
    expect(scalarOutput('abcd', 4)).toEqual({ text: 'abcd' })
    expect(scalarOutput('ééé', 4)).toEqual({ text: 'éé', omitted: { characters: 1 } })
    expect(scalarOutput('aé', 2)).toEqual({ text: 'a', omitted: { characters: 1 } })
  })

  it('jsonText escapes what JSON.stringify leaves raw, and undefined is null', () => {
    expect(jsonText({ n: 'a\u0085\u2028\u202E' })).toBe('{"n":"a\\u0085\\u2028\\u202e"}')
    expect(jsonText(undefined)).toBe('null')
    expect(JSON.parse(jsonText({ n: 'a\u0085\u2028\u202E' }))).toEqual({ n: 'a\u0085\u2028\u202E' })
  })

  it('an array exactly at the limit is whole; over it, the items that fit beside the marker, in order, then the marker with the count left out', () => {
    const items = ['a'.repeat(20), 'b'.repeat(20), 'c'.repeat(20)]
    const whole = jsonText(items)
    expect(Buffer.byteLength(whole)).toBe(70)
    expect(jsonOutput(items, 70)).toEqual({ text: whole })
    // One byte over: the room is what is left beside the largest marker, so the second item no longer fits.
    expect(jsonOutput(items, 69)).toEqual({ text: jsonText(['a'.repeat(20), { truncated: true, omitted: 2 }]), omitted: { count: 2 } })
    expect(jsonOutput(items, 60)).toEqual({ text: jsonText(['a'.repeat(20), { truncated: true, omitted: 2 }]), omitted: { count: 2 } })
  })

  it('an object over the limit leaves out its largest members first and names them; a scalar JSON value becomes the bare marker', () => {
    const value = { id: '2a1b3c4d-0000-4000-8000-000000000001', name: 'n'.repeat(500), issuer: 'i'.repeat(200) }
    expect(jsonOutput(value, 300)).toEqual({ text: jsonText({ id: value.id, issuer: value.issuer, truncated: true, omitted: ['name'] }), omitted: { members: ['name'] } })
    expect(jsonOutput(value, 100)).toEqual({ text: jsonText({ id: value.id, truncated: true, omitted: ['name', 'issuer'] }), omitted: { members: ['name', 'issuer'] } })
    expect(jsonOutput({ a: 'x'.repeat(50) }, 10)).toEqual({ text: jsonText({ truncated: true, omitted: ['a'] }), omitted: { members: ['a'] } })
    expect(jsonOutput('s'.repeat(50), 10)).toEqual({ text: '{"truncated":true}', omitted: { characters: 52 } })
  })
})
