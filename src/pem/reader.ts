import { makeFinding, type FindingCode } from './catalogue.js'
import type { Finding, PemBlock } from './types.js'

export type PemKind = 'certificate' | 'key'

export interface ScannedBlock extends PemBlock {
  /** The block cannot be trusted to hold its intended bytes (bad base64, no END, label mismatch, …). */
  damaged: boolean
}

export interface ScanResult {
  blocks: ScannedBlock[]
  findings: Finding[]
  /** A file-level error already explains why there is nothing to read (empty, DER, binary, no armor). */
  fatal: boolean
}

interface Line {
  text: string
  /** 1-based line in the original input. */
  number: number
}

interface Armor {
  kind: 'BEGIN' | 'END'
  label: string
}

interface OpenBlock {
  label: string
  line: number
  body: Line[]
  headers?: Record<string, string>
  lastHeader?: string
  headerState: 'maybe' | 'headers' | 'body'
  damaged: boolean
  reportedBase64: boolean
  reportedBlankLine: boolean
}

const LABEL_CHAR = '[\\x21-\\x2c\\x2e-\\x7e]'
// RFC 7468 §3: label = [ labelchar *( ["-" / SP] labelchar ) ]
const STRICT_ARMOR = new RegExp(`^-----(BEGIN|END)(?: (${LABEL_CHAR}(?:[- ]?${LABEL_CHAR})*))?-----$`)
const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/
const HEADER_LINE = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/
const LITERAL_NEWLINE = /\\r\\n|\\n|\\r/
// A whole block whose line breaks became spaces: BEGIN marker, whitespace-separated base64, END marker.
// Written so that no input makes it backtrack more than linearly (base64 runs and blank runs alternate).
const FLATTENED_BLOCK = /(-----BEGIN [A-Z0-9 ]+-----)[ \t]+([A-Za-z0-9+/=]+(?:[ \t]+[A-Za-z0-9+/=]+)*)[ \t]+(-----END [A-Z0-9 ]+-----)/
const FLATTENED_BLOCKS = new RegExp(FLATTENED_BLOCK.source, 'g')

const DER_FIX: Record<PemKind, string> = {
  certificate: 'convert it with `openssl x509 -inform der -in FILE -out cert.pem`',
  key: 'convert it with `openssl pkey -inform der -in FILE -out key.pem`'
}

/** The strict reader: every deviation from RFC 7468 becomes a finding with the line it is on. */
export function scanPem(input: string | Uint8Array, file: string, kind: PemKind): ScanResult {
  const findings: Finding[] = []
  const add = (code: FindingCode, message: string, line = 1): void => {
    findings.push(makeFinding(code, message, file, line))
  }
  const fatal = (code: FindingCode, message: string): ScanResult => {
    add(code, message)
    return { blocks: [], findings, fatal: true }
  }

  let text: string
  if (typeof input === 'string') {
    text = input
    if (looksLikeDer(text.charCodeAt(0), text.charCodeAt(1), text.length) || (text.charCodeAt(0) === 0x30 && text.charCodeAt(1) === 0xfffd)) {
      return fatal('FILE_IS_DER', `${file} holds binary DER, not PEM text; ${DER_FIX[kind]}.`)
    }
  } else {
    if (input.length === 0) return fatal('FILE_EMPTY', emptyMessage(file, kind))
    if (looksLikeDer(input[0] ?? 0, input[1] ?? 0, input.length)) {
      return fatal('FILE_IS_DER', `${file} holds binary DER, not PEM text; ${DER_FIX[kind]}.`)
    }
    if ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff)) {
      return fatal('FILE_BINARY', `${file} is UTF-16 encoded (as PowerShell's Out-File writes it); save it as UTF-8 or ASCII.`)
    }
    text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(input)
  }
  if (text.includes('\u0000')) {
    return fatal('FILE_BINARY', `${file} contains binary data (NUL bytes), not PEM text; a PKCS#12 file needs \`openssl pkcs12 -in FILE -nokeys -out cert.pem\`.`)
  }
  if (text.charCodeAt(0) === 0xfeff) {
    add('PEM_BOM', `${file} starts with a UTF-8 byte-order mark; save it without BOM (some parsers then miss the first BEGIN line).`)
    text = text.slice(1)
  }
  if (text.trim() === '') return fatal('FILE_EMPTY', emptyMessage(file, kind))

  const lines = splitLines(text, file, findings)
  return scanLines(lines, file, kind, findings)
}

function emptyMessage(file: string, kind: PemKind): string {
  return kind === 'certificate'
    ? `${file} is empty; point the input at the PEM certificate file (or check that the secret is set).`
    : `${file} is empty; provide the PEM private key (or check that the secret is set).`
}

function looksLikeDer(b0: number, b1: number, length: number): boolean {
  // A DER certificate starts with SEQUENCE (0x30) and a long-form length; short form only for tiny inputs.
  if (b0 !== 0x30) return false
  if (b1 >= 0x81 && b1 <= 0x84) return true
  return b1 < 0x80 && b1 + 2 === length
}

function splitLines(text: string, file: string, findings: Finding[]): Line[] {
  const lines: Line[] = []
  const breaks = /\r\n|\n|\r/g
  let start = 0
  let number = 1
  let crLine: number | undefined
  let literalLine: number | undefined
  let flattenedLine: number | undefined
  const push = (raw: string, lineNumber: number): void => {
    if (raw.includes('-----END') && FLATTENED_BLOCK.test(raw)) {
      flattenedLine ??= lineNumber
      const expanded = raw.replace(
        FLATTENED_BLOCKS,
        (_m, begin: string, body: string, end: string) =>
          `\n${begin}\n${body
            .trim()
            .split(/[ \t]+/)
            .join('\n')}\n${end}\n`
      )
      for (const piece of expanded.split('\n')) if (piece.trim() !== '') lines.push({ text: piece, number: lineNumber })
      return
    }
    if (raw.includes('\\') && LITERAL_NEWLINE.test(raw) && (raw.includes('-----BEGIN') || raw.includes('-----END'))) {
      literalLine ??= lineNumber
      const pieces = raw.split(/\\r\\n|\\n|\\r/)
      // A JSON string copied with its quotes: the quotes are part of the same mistake, not extra findings.
      if (pieces.length > 0) {
        pieces[0] = (pieces[0] ?? '').replace(/^\s*["']\s*(?=-)/, '')
        const last = pieces.length - 1
        pieces[last] = (pieces[last] ?? '').replace(/["'],?\s*$/, '')
      }
      for (const piece of pieces) lines.push({ text: piece, number: lineNumber })
    } else {
      lines.push({ text: raw, number: lineNumber })
    }
  }
  for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) {
    if (m[0] !== '\n') crLine ??= number
    push(text.slice(start, m.index), number)
    start = m.index + m[0].length
    number++
  }
  if (start < text.length) push(text.slice(start), number)
  if (crLine !== undefined) {
    findings.push(
      makeFinding('PEM_CRLF', `${file} uses Windows (CRLF) or CR line endings from line ${crLine}; convert to LF with \`dos2unix\` or \`sed -i 's/\\r$//'\`.`, file, crLine)
    )
  }
  if (flattenedLine !== undefined) {
    findings.push(
      makeFinding(
        'PEM_SINGLE_LINE',
        `Line ${flattenedLine} of ${file} holds a whole PEM block with spaces instead of line breaks (a multi-line value pasted into a single-line field); restore the line breaks — BEGIN line, base64 lines, END line.`,
        file,
        flattenedLine
      )
    )
  }
  if (literalLine !== undefined) {
    findings.push(
      makeFinding(
        'PEM_LITERAL_NEWLINES',
        `Line ${literalLine} of ${file} contains literal "\\n" sequences instead of line breaks (a JSON-escaped PEM); store the PEM with real newlines, e.g. extract it with \`jq -r\`.`,
        file,
        literalLine
      )
    )
  }
  return lines
}

function scanLines(lines: Line[], file: string, kind: PemKind, findings: Finding[]): ScanResult {
  const add = (code: FindingCode, message: string, line: number): void => {
    findings.push(makeFinding(code, message, file, line))
  }
  const blocks: ScannedBlock[] = []
  const runs: Line[][] = []
  let run: Line[] = []
  let open: OpenBlock | undefined
  let sawArmor = false
  let whitespaceOnlyLine: number | undefined
  let trailingWhitespaceLine: number | undefined
  let whitespaceInBodyLine: number | undefined
  let reportedIndent = false

  const flushRun = (): void => {
    if (run.length > 0) runs.push(run)
    run = []
  }

  const classify = (line: Line): Armor | undefined => {
    const text = line.text
    if (!text.includes('--')) return undefined
    const core = text.trim()
    const strict = STRICT_ARMOR.exec(core)
    if (strict !== null) {
      const armor: Armor = { kind: strict[1] === 'BEGIN' ? 'BEGIN' : 'END', label: strict[2] ?? '' }
      if (/^\s/.test(text)) {
        // Once per file: an indented file has every armor line indented, and one finding says so.
        if (!reportedIndent) {
          reportedIndent = true
          add(
            'PEM_INDENTED_ARMOR',
            `Line ${line.number} (${armor.kind} ${armor.label}) and possibly other BEGIN/END lines are indented; remove the leading whitespace — OpenSSL and Go do not recognise indented BEGIN/END lines.`,
            line.number
          )
        }
      } else if (/\s$/.test(text)) {
        trailingWhitespaceLine ??= line.number
      }
      return armor
    }
    const loose = looseArmor(core)
    if (loose === undefined) return undefined
    const { before, dashes, word, label, closing, after } = loose
    // Next to a key's marker, that text is key material: describe it, never quote it (the runner
    // masks whole lines of a secret, not a 20-character piece of one).
    const secret = kind === 'key' || /PRIVATE/i.test(label)
    const quote = (t: string): string => (secret ? `${t.length} characters` : `"${clip(t)}"`)
    const problems: string[] = []
    if (before.trim() !== '') problems.push(`text before the marker (${quote(before.trim())})`)
    if (dashes.length !== 5 || (closing !== '' && closing.length !== 5)) problems.push('it needs exactly five dashes on each side')
    if (closing === '') problems.push('the closing dashes are missing')
    if (after.trim() !== '') problems.push(`text after the marker (${quote(after.trim())})`)
    if (word !== word.toUpperCase() || label !== label.toUpperCase()) problems.push('BEGIN/END and the label must be upper case')
    if (problems.length === 0) problems.push('it does not follow `-----BEGIN LABEL-----`')
    const armor: Armor = { kind: word.toUpperCase() === 'BEGIN' ? 'BEGIN' : 'END', label: label.trim().toUpperCase() }
    add(
      'PEM_MALFORMED_ARMOR',
      `Line ${line.number} is a malformed ${armor.kind} line: ${problems.join('; ')}; write it as \`-----${armor.kind} ${armor.label || 'CERTIFICATE'}-----\` alone on its line.`,
      line.number
    )
    return armor
  }

  const close = (block: OpenBlock, endLine: number): void => {
    const body = block.body.map((l) => l.text).join('')
    let damaged = block.damaged
    // A block already cut short (nested BEGIN, no END, label mismatch) has its finding; judging its body adds noise.
    if (!block.reportedBase64 && !block.damaged) {
      if (body.length === 0) {
        add('PEM_EMPTY_BLOCK', `The ${block.label} block at line ${block.line} has no content; paste the complete base64 body or remove the block.`, block.line)
        damaged = true
      } else {
        const pad = body.indexOf('=')
        if (pad !== -1 && pad < body.length - 2) {
          const at = block.body.find((l) => l.text.includes('='))?.number ?? block.line
          add(
            'PEM_BAD_BASE64',
            `Line ${at} has base64 padding ('=') before the end of the ${block.label} block begun at line ${block.line}; the block was spliced or corrupted — copy it again.`,
            at
          )
          damaged = true
        } else if (body.length % 4 !== 0) {
          const at = block.body[block.body.length - 1]?.number ?? block.line
          add(
            'PEM_BAD_BASE64',
            `The ${block.label} block at line ${block.line} has ${body.length} base64 characters, not a multiple of 4: it is truncated or lost its '=' padding — copy it again.`,
            at
          )
          damaged = true
        } else {
          checkLineLengths(block)
        }
      }
    }
    const result: ScannedBlock = {
      label: block.label,
      line: block.line,
      endLine,
      der: damaged ? new Uint8Array(0) : new Uint8Array(Buffer.from(body, 'base64')),
      base64: body,
      damaged
    }
    if (block.headers !== undefined) result.headers = block.headers
    blocks.push(result)
  }

  const checkLineLengths = (block: OpenBlock): void => {
    const body = block.body
    if (body.length < 2) return
    // The widest non-final line is the intended width, so a cut line is the one reported, not its neighbours.
    let width = 0
    for (let k = 0; k < body.length - 1; k++) width = Math.max(width, body[k]?.text.length ?? 0)
    for (let k = 0; k < body.length; k++) {
      const l = body[k] as Line
      const last = k === body.length - 1
      if ((!last && l.text.length !== width) || (last && l.text.length > width)) {
        add(
          'PEM_IRREGULAR_LINE_LENGTH',
          `Line ${l.number} has ${l.text.length} base64 characters where the ${block.label} block at line ${block.line} uses ${width}; a line was probably edited or cut — re-export the certificate and compare.`,
          l.number
        )
        return
      }
    }
    if (width % 4 !== 0) {
      add(
        'PEM_IRREGULAR_LINE_LENGTH',
        `The ${block.label} block at line ${block.line} wraps base64 at ${width} characters, which splits 4-character groups across lines; re-export it (\`openssl x509 -in FILE -out clean.pem\`) to get standard 64-character lines.`,
        block.line
      )
    }
  }

  const begin = (armor: Armor, line: number): OpenBlock => ({
    label: armor.label,
    line,
    body: [],
    headerState: 'maybe',
    damaged: false,
    reportedBase64: false,
    reportedBlankLine: false
  })

  for (const line of lines) {
    const armor = classify(line)
    if (open === undefined) {
      if (armor !== undefined) {
        flushRun()
        sawArmor = true
        if (armor.kind === 'BEGIN') open = begin(armor, line.number)
        else
          add(
            'PEM_END_WITHOUT_BEGIN',
            `Line ${line.number} ends a ${armor.label} block that never began; the BEGIN line and probably part of the data are missing — copy the certificate again.`,
            line.number
          )
      } else if (line.text.trim() === '') {
        if (line.text !== '') whitespaceOnlyLine ??= line.number
      } else {
        run.push(line)
      }
      continue
    }
    if (armor?.kind === 'BEGIN') {
      add(
        'PEM_NESTED_BEGIN',
        `Line ${line.number} begins a ${armor.label} block inside the ${open.label} block begun at line ${open.line}; add the missing END line or remove the truncated block.`,
        line.number
      )
      open.damaged = true
      close(open, line.number - 1)
      open = begin(armor, line.number)
      continue
    }
    if (armor?.kind === 'END') {
      if (armor.label !== open.label) {
        add(
          'PEM_LABEL_MISMATCH',
          `Line ${line.number} ends with "${armor.label}" a block that began as "${open.label}" at line ${open.line}; the file was spliced — fix the labels or copy the block again.`,
          line.number
        )
        open.damaged = true
      }
      close(open, line.number)
      open = undefined
      continue
    }
    const raw = line.text
    if (raw.trim() === '') {
      if (open.headerState === 'headers') {
        open.headerState = 'body'
      } else if (!open.reportedBlankLine) {
        open.reportedBlankLine = true
        add(
          'PEM_BLANK_LINE_IN_BLOCK',
          `Line ${line.number} is blank inside the ${open.label} block begun at line ${open.line}; remove it — OpenSSL rejects blank lines in a PEM body.`,
          line.number
        )
      }
      continue
    }
    if (open.headerState !== 'body' && open.body.length === 0) {
      const header = HEADER_LINE.exec(raw.trim())
      if (header !== null) {
        open.headerState = 'headers'
        open.headers ??= {}
        open.headers[header[1] ?? ''] = header[2] ?? ''
        open.lastHeader = header[1] ?? ''
        continue
      }
      if (open.headerState === 'headers' && /^[ \t]/.test(raw) && open.lastHeader !== undefined && open.headers !== undefined) {
        open.headers[open.lastHeader] = `${open.headers[open.lastHeader] ?? ''}${raw.trim()}`
        continue
      }
    }
    open.headerState = 'body'
    // Most base64 lines hold no blank: skip the regex replace for them.
    const stripped = raw.includes(' ') || raw.includes('\t') ? raw.replace(/[ \t]+/g, '') : raw
    if (stripped !== raw) whitespaceInBodyLine ??= line.number
    if (!BASE64_LINE.test(stripped) && !open.reportedBase64) {
      open.reportedBase64 = true
      open.damaged = true
      const bad = stripped.match(/[^A-Za-z0-9+/=]/)?.[0] ?? '='
      add(
        'PEM_BAD_BASE64',
        `Line ${line.number} contains ${describeChar(bad)}, which is not base64, inside the ${open.label} block begun at line ${open.line}; the data is corrupted — copy it again.`,
        line.number
      )
    }
    open.body.push({ text: stripped, number: line.number })
  }
  if (open !== undefined) {
    add(
      'PEM_MISSING_END',
      `The ${open.label} block begun at line ${open.line} has no END line; the file is truncated — copy the complete block including \`-----END ${open.label}-----\`.`,
      open.line
    )
    open.damaged = true
    close(open, lines[lines.length - 1]?.number ?? open.line)
  }
  flushRun()

  let fatal = false
  for (const textRun of runs) {
    const first = textRun[0] as Line
    const last = textRun[textRun.length - 1] as Line
    const span = first.number === last.number ? `Line ${first.number}` : `Lines ${first.number}–${last.number}`
    const base64Chars = textRun.reduce((n, l) => n + l.text.trim().length, 0)
    const looksBase64 = base64Chars >= 64 && textRun.every((l) => BASE64_LINE.test(l.text.trim()))
    if (looksBase64 && !sawArmor) {
      fatal = true
      const wrap = kind === 'certificate' ? 'CERTIFICATE' : 'PRIVATE KEY'
      add('PEM_NO_ARMOR', `${file} holds bare base64 with no BEGIN/END lines; wrap it in \`-----BEGIN ${wrap}-----\` and \`-----END ${wrap}-----\` lines.`, first.number)
    } else if (looksBase64) {
      add(
        'PEM_STRAY_BASE64',
        `${span} ${first === last ? 'holds' : 'hold'} base64 data outside any PEM block; a BEGIN or END line is missing around it — copy the certificate again, armor included.`,
        first.number
      )
    } else {
      add(
        'PEM_TEXT_OUTSIDE_BLOCKS',
        `${span} of ${file} ${first === last ? 'is' : 'are'} text outside any PEM block (e.g. \`openssl x509 -text\` output); it is ignored, but remove it so only PEM blocks remain.`,
        first.number
      )
    }
  }
  if (whitespaceOnlyLine !== undefined) {
    add(
      'PEM_WHITESPACE_ONLY_LINES',
      `Line ${whitespaceOnlyLine} (and possibly others) contains only spaces or tabs; they are ignored, delete them to keep the file clean.`,
      whitespaceOnlyLine
    )
  }
  if (trailingWhitespaceLine !== undefined) {
    add(
      'PEM_TRAILING_WHITESPACE',
      `Line ${trailingWhitespaceLine} (and possibly others) has trailing whitespace after a BEGIN/END marker; strict parsers reject it, so remove it.`,
      trailingWhitespaceLine
    )
  }
  if (whitespaceInBodyLine !== undefined) {
    add(
      'PEM_WHITESPACE_IN_BODY',
      `Line ${whitespaceInBodyLine} (and possibly others) has spaces or tabs inside base64 data; they are ignored, but \`openssl x509 -in FILE -out clean.pem\` writes a canonical file.`,
      whitespaceInBodyLine
    )
  }
  findings.sort((a, b) => a.line - b.line || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
  return { blocks, findings, fatal }
}

const SEVERITY_RANK = { error: 0, warning: 1, notice: 2 } as const

interface LooseArmor {
  before: string
  dashes: string
  word: string
  label: string
  closing: string
  after: string
}

/**
 * Anything a person (or a broken tool) probably meant as an armor line: a BEGIN/END word after three or
 * more dashes. Scanned by hand rather than with a backtracking regex, so a line of dashes stays linear.
 */
function looseArmor(core: string): LooseArmor | undefined {
  const words = /\b(BEGIN|END)\b/gi
  for (let m = words.exec(core); m !== null; m = words.exec(core)) {
    let j = m.index - 1
    while (j >= 0 && (core[j] === ' ' || core[j] === '\t')) j--
    const dashEnd = j
    while (j >= 0 && core[j] === '-') j--
    if (dashEnd - j < 3) continue
    const rest = core.slice(m.index + m[0].length)
    const dash = rest.indexOf('-')
    let closingEnd = dash
    while (closingEnd !== -1 && closingEnd < rest.length && rest[closingEnd] === '-') closingEnd++
    return {
      before: core.slice(0, j + 1),
      dashes: core.slice(j + 1, dashEnd + 1),
      word: m[0],
      label: (dash === -1 ? rest : rest.slice(0, dash)).trim(),
      closing: dash === -1 ? '' : rest.slice(dash, closingEnd),
      after: dash === -1 ? '' : rest.slice(closingEnd)
    }
  }
  return undefined
}

function clip(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text
}

function describeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0
  if (c === '-') return 'a "-" (a broken BEGIN/END line?)'
  if (c === '\\') return 'a backslash (an escaped string?)'
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`
  if (code === 0xfffd) return 'bytes that are not valid UTF-8'
  return `"${c}"`
}

/** The strict reader, as exported: intact blocks only, plus every finding. */
export function readPemBlocks(text: string | Uint8Array, file: string): { blocks: PemBlock[]; findings: Finding[] } {
  const result = scanPem(text, file, 'certificate')
  const blocks: PemBlock[] = []
  for (const block of result.blocks) {
    if (block.damaged) continue
    const out: PemBlock = { label: block.label, line: block.line, endLine: block.endLine, der: block.der, base64: block.base64 }
    if (block.headers !== undefined) out.headers = block.headers
    blocks.push(out)
  }
  return { blocks, findings: result.findings }
}
