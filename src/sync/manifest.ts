import { readRegularFile, workspaceBoundary } from '../workspace.js'
import path from 'node:path'
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml'
import { z } from 'zod'
import { HOSTNAME, MAX_PEM_BYTES, UNPRINTABLE, type PemSource, type ZoneHostnames } from '../inputs.js'
import { OperationError } from '../operations/types.js'

/** One mistake in the manifest, at its line (1-based). */
export interface ManifestProblem {
  line: number
  message: string
}

/** The manifest is wrong: every problem at its line, reported before any request is sent. */
export class ManifestInvalid extends OperationError {
  constructor(
    /** The manifest's path relative to the workspace, as annotations take it. */
    readonly file: string,
    readonly problems: ManifestProblem[]
  ) {
    super(
      `The manifest ${file} has ${problems.length} problem(s); nothing was sent to Cloudflare. First: ${file}:${problems[0]?.line ?? 1}: ${problems[0]?.message ?? ''}`,
      'other'
    )
    this.name = 'ManifestInvalid'
  }
}

export interface ManifestCertificate {
  /** The certificate's name in Cloudflare: the key that identifies it. */
  name: string
  /** The line of its key in the manifest. */
  line: number
  /** The line of its file. */
  fileLine: number
  certificate: PemSource
  /** A client certificate's key, read from the environment variable the manifest names. */
  privateKey?: PemSource
  ca: boolean
  /** The exact hostnames per zone; zones not listed are not touched. */
  zones?: ZoneHostnames[]
}

export interface Manifest {
  /** The manifest's path relative to the workspace. */
  file: string
  certificates: ManifestCertificate[]
  /** prune.name-prefix: unlisted certificates with this prefix are deleted. */
  prune?: { namePrefix: string }
}

export interface ManifestContext {
  workspace: string
  env: Record<string, string | undefined>
  /** Called with a private key the moment it is read from the environment, to mask it. */
  onSecret?: (value: string) => void
}

/** A manifest larger than this is not a list of certificates. */
export const MAX_MANIFEST_BYTES = 256 * 1024

const ZONE_ID = /^[0-9a-f]{32}$/
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
/** The runner's and the action's own variables: never a certificate's key (a manifest changed in a pull request could name them). */
const RESERVED_ENV = /^(GITHUB_|RUNNER_|ACTIONS_|INPUT_|CLOUDFLARE_)/i

const text = (what: string) => z.string({ error: (i) => (i.input === undefined ? `${what} is required` : `${what} must be text`) })
const hostname = text('a hostname').refine(
  (h) => {
    const name = h.trim().toLowerCase().replace(/\.$/, '')
    return name.length <= 253 && HOSTNAME.test(name)
  },
  { error: (i) => `"${shown(String(i.input))}" is not a hostname (such as api.example.com or *.example.com)` }
)

const CertificateSchema = z.strictObject(
  {
    'file': text('file').min(1, 'file must name a PEM file'),
    'ca': z.boolean({
      error: (i) => (i.input === undefined ? 'ca is required: true for a CA bundle, false for a client certificate with its key' : 'ca must be true or false')
    }),
    'private-key-env': text('private-key-env').regex(ENV_NAME, 'private-key-env must be the name of an environment variable (letters, digits and _)').optional(),
    'hostnames': z
      .record(
        z.string().regex(ZONE_ID, { error: (i) => `zone id "${shown(String(i.input))}" is not 32 lowercase hexadecimal characters` }),
        z.array(hostname, { error: 'the hostnames of a zone must be a list' }),
        {
          error: 'hostnames must map zone ids to lists of hostnames'
        }
      )
      .optional()
  },
  { error: (i) => (i.code === 'unrecognized_keys' ? undefined : 'each certificate must be a mapping with file and ca') }
)

const ManifestSchema = z.strictObject(
  {
    certificates: z.record(
      z
        .string()
        .min(1, 'a certificate name must not be empty')
        .max(255, 'a certificate name must be at most 255 characters')
        .refine((n) => !UNPRINTABLE.test(n), 'a certificate name must not hold control characters or bidirectional overrides'),
      CertificateSchema,
      { error: 'certificates must map names to certificates' }
    ),
    prune: z
      .strictObject(
        { 'name-prefix': text('name-prefix').min(1, 'name-prefix must not be empty') },
        { error: (i) => (i.code === 'unrecognized_keys' ? undefined : 'prune must be a mapping with name-prefix') }
      )
      .optional()
  },
  { error: (i) => (i.code === 'unrecognized_keys' ? undefined : 'the manifest must be a mapping with certificates (and optionally prune)') }
)

/** A value in a problem line: no control characters, bounded. */
function shown(v: string): string {
  const clean = v.replace(new RegExp(UNPRINTABLE.source, 'g'), '?')
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean
}

/**
 * The YAML tree as plain data. Map keys keep their source text, so a zone id of digits stays the
 * id (the YAML core schema would read it as a number and lose digits). Aliases are refused: a
 * manifest has no use for them, and they are how a small file expands into a huge one.
 */
function toPlain(node: unknown, problems: ManifestProblem[], lineOf: (n: Node) => number): unknown {
  if (isAlias(node)) {
    problems.push({ line: lineOf(node), message: 'anchors and aliases (*name) are not used in a manifest: write each value out' })
    return undefined
  }
  if (isMap(node)) {
    const out: Record<string, unknown> = {}
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? (typeof pair.key.source === 'string' ? pair.key.source : String(pair.key.value)) : ''
      out[key] = toPlain(pair.value, problems, lineOf)
    }
    return out
  }
  if (isSeq(node)) return node.items.map((i) => toPlain(i, problems, lineOf))
  if (isScalar(node)) return node.value
  return node ?? null
}

/** The node at a path of map keys and list indexes, and the pair's key node when the last step is a key. */
function nodeAt(root: unknown, at: PropertyKey[]): { node?: Node; key?: Node } {
  let node: unknown = root
  let key: Node | undefined
  for (const step of at) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && (p.key.source ?? String(p.key.value)) === String(step))
      if (!pair) return { ...(isMap(node) ? { node } : {}) }
      key = pair.key as Node
      node = pair.value ?? undefined
      if (node === undefined) return { key, node: key }
    } else if (isSeq(node) && typeof step === 'number') {
      key = undefined
      node = node.items[step]
    } else break
  }
  return { ...(node && typeof node === 'object' ? { node: node as Node } : {}), ...(key ? { key } : {}) }
}

/** Reads the manifest file below the workspace and checks it whole: every mistake at its line. */
export function readManifest(manifestPath: string, ctx: ManifestContext): Manifest {
  const workspace = path.resolve(ctx.workspace)
  const absolute = path.resolve(workspace, manifestPath)
  const label = relativeLabel(absolute, workspace)
  const read = readManifestFile(absolute, MAX_MANIFEST_BYTES)
  if ('error' in read) throw new ManifestInvalid(label, [{ line: 1, message: `the manifest ${read.error}` }])
  return parseManifest(read.bytes.toString('utf8'), label, ctx)
}

/** Checks a manifest's text (from `file`, relative to the workspace) and reads the files it names. */
export function parseManifest(source: string, file: string, ctx: ManifestContext): Manifest {
  const workspace = path.resolve(ctx.workspace)
  const lc = new LineCounter()
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true })
  const lineAt = (offset: number): number => lc.linePos(offset).line
  const lineOf = (n: Node | undefined): number => (n?.range ? lineAt(n.range[0]) : 1)
  const problems: ManifestProblem[] = []
  for (const e of doc.errors) problems.push({ line: lineAt(e.pos[0]), message: `not valid YAML: ${shown(e.message.split('\n')[0] ?? '')}` })
  if (problems.length > 0) throw new ManifestInvalid(file, problems)

  const data = toPlain(doc.contents, problems, lineOf)
  const parsed = ManifestSchema.safeParse(data)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = nodeAt(doc.contents, issue.path)
      const at = issue.path.map(String).join('.')
      if (issue.code === 'unrecognized_keys') {
        for (const k of issue.keys) {
          const n = nodeAt(doc.contents, [...issue.path, k])
          problems.push({ line: lineOf(n.key), message: `unknown key "${shown(k)}"${at ? ` in ${shown(at)}` : ''}` })
        }
        continue
      }
      const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined
      const line = issue.code === 'invalid_key' ? lineOf(where.key) : lineOf(where.node ?? where.key)
      problems.push({ line, message: `${at ? `${shown(at)}: ` : ''}${inner ?? issue.message}` })
    }
    throw new ManifestInvalid(
      file,
      problems.sort((a, b) => a.line - b.line)
    )
  }
  if (problems.length > 0) throw new ManifestInvalid(file, problems)

  const lineOfPath = (...at: string[]): number => {
    const n = nodeAt(doc.contents, at)
    return lineOf(n.node ?? n.key)
  }
  const keyLine = (...at: string[]): number => lineOf(nodeAt(doc.contents, at).key)
  const certificates: ManifestCertificate[] = []
  const byRealPath = new Map<string, string>()
  // zone → hostname → the certificate that lists it: one hostname is served by one CA.
  const owners = new Map<string, string>()
  const boundary = workspaceBoundary(workspace)
  for (const [name, c] of Object.entries(parsed.data.certificates)) {
    const line = keyLine('certificates', name)
    const fileLine = lineOfPath('certificates', name, 'file')
    const before = problems.length
    if (!c.ca && !c['private-key-env']) {
      problems.push({
        line,
        message: `certificate "${shown(name)}" has ca: false but no private-key-env: a client certificate is uploaded with its key; name the environment variable that holds it`
      })
    }
    if (c.ca && c['private-key-env']) {
      problems.push({
        line: lineOfPath('certificates', name, 'private-key-env'),
        message: `certificate "${shown(name)}" has ca: true and a private-key-env: a CA bundle is uploaded without a key; remove private-key-env`
      })
    }
    if (!c.ca && c.hostnames) {
      problems.push({
        line: keyLine('certificates', name, 'hostnames'),
        message: `certificate "${shown(name)}" has ca: false and hostnames: only a CA (ca: true) serves hostnames`
      })
    }
    // The file: inside the workspace, after following symbolic links, and a regular file.
    const absolute = path.resolve(workspace, c.file)
    const real = boundary.resolve(absolute)
    let certificate: PemSource | undefined
    if (!inside(absolute, workspace) || (real !== undefined && boundary.escapes(absolute, real))) {
      problems.push({
        line: fileLine,
        message: `file "${shown(c.file)}" is outside the workspace${real !== undefined && inside(absolute, workspace) ? ' (through a symbolic link)' : ''}: name a file of the repository`
      })
    } else if (real === undefined) {
      problems.push({ line: fileLine, message: `file "${shown(c.file)}" does not exist in the workspace` })
    } else {
      const other = byRealPath.get(real)
      if (other !== undefined)
        problems.push({ line: fileLine, message: `file "${shown(c.file)}" is listed for "${shown(other)}" too: one file is one certificate, under one name` })
      else byRealPath.set(real, name)
      const read = readManifestFile(real, MAX_PEM_BYTES)
      if ('error' in read) problems.push({ line: fileLine, message: `file "${shown(c.file)}" ${read.error}` })
      else {
        const label = relativeLabel(absolute, workspace)
        certificate = { text: read.bytes.toString('utf8'), bytes: read.bytes, label, input: 'certificate-path', path: absolute }
      }
    }
    let privateKey: PemSource | undefined
    const envName = c['private-key-env']
    if (envName !== undefined && !c.ca) {
      const envLine = lineOfPath('certificates', name, 'private-key-env')
      if (RESERVED_ENV.test(envName)) {
        problems.push({
          line: envLine,
          message: `private-key-env "${shown(envName)}" names a variable of the runner or of this action, not a key: pass the key in a variable of its own (env: { ${shown(
            name
          )
            .toUpperCase()
            .replace(/[^A-Z0-9]+/g, '_')}_KEY: \${{ secrets.… }} })`
        })
      } else {
        const value = ctx.env[envName]
        if (value === undefined || value.trim() === '') {
          problems.push({
            line: envLine,
            message: `environment variable ${shown(envName)} (private-key-env of "${shown(name)}") is not set: set it from a secret in the step's env`
          })
        } else {
          // Masked before anything else can print it.
          ctx.onSecret?.(value)
          privateKey = { text: value, label: `environment variable ${envName}`, input: 'private-key' }
        }
      }
    }
    let zones: ZoneHostnames[] | undefined
    if (c.hostnames) {
      zones = []
      for (const [zoneId, list] of Object.entries(c.hostnames)) {
        const hostnames: string[] = []
        for (const h of list) {
          const host = h.trim().toLowerCase().replace(/\.$/, '')
          if (hostnames.includes(host)) continue
          hostnames.push(host)
          const owner = owners.get(`${zoneId} ${host}`)
          if (owner !== undefined && owner !== name) {
            problems.push({
              line: lineOfPath('certificates', name, 'hostnames', zoneId),
              message: `hostname ${host} in zone ${zoneId} is listed for "${shown(owner)}" too: a hostname is served by one CA`
            })
          } else owners.set(`${zoneId} ${host}`, name)
        }
        zones.push({ zoneId, hostnames })
      }
    }
    if (problems.length > before || !certificate) continue
    const entry: ManifestCertificate = { name, line, fileLine, certificate, ca: c.ca }
    if (privateKey) entry.privateKey = privateKey
    if (zones) entry.zones = zones
    certificates.push(entry)
  }
  if (problems.length > 0)
    throw new ManifestInvalid(
      file,
      problems.sort((a, b) => a.line - b.line)
    )
  const manifest: Manifest = { file, certificates }
  if (parsed.data.prune) manifest.prune = { namePrefix: parsed.data.prune['name-prefix'] }
  return manifest
}

function inside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p)
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
}

function relativeLabel(absolute: string, workspace: string): string {
  const rel = path.relative(workspace, absolute)
  return rel.startsWith('..') || path.isAbsolute(rel) ? absolute : rel.split(path.sep).join('/')
}

/** A file the manifest names (or the manifest itself), read within `max`, or why it cannot be. */
function readManifestFile(file: string, max: number): { bytes: Buffer } | { error: string } {
  const read = readRegularFile(file, max)
  if ('bytes' in read) return read
  if ('notAFile' in read) return { error: 'is not a regular file' }
  if ('tooLarge' in read) return { error: `is ${read.tooLarge} bytes, more than the ${max} this action reads` }
  return { error: read.openError === 'ENOENT' ? 'does not exist' : `cannot be read (${read.openError})` }
}
