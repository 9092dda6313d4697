import { makeFinding, type FindingCode } from './catalogue.js'
import { bytesEqual } from './der.js'
import { label, type CertEntry, type Context } from './entry.js'
import { KEY_ALGORITHM } from './oids.js'

function verifies(child: CertEntry, issuer: CertEntry, cache: Map<string, boolean>): boolean {
  const key = `${child.index}>${issuer.index}`
  const cached = cache.get(key)
  if (cached !== undefined) return cached
  // Same bytes, same answer: a result from another file of this run (keyed by both certificates' records).
  const known = child.record !== undefined && issuer.record !== undefined ? child.record.verified.get(issuer.record) : undefined
  let ok: boolean
  if (known !== undefined) {
    ok = known
  } else {
    try {
      ok = child.node.verify(issuer.node.publicKey)
    } catch {
      ok = false
    }
    if (child.record !== undefined && issuer.record !== undefined) child.record.verified.set(issuer.record, ok)
  }
  cache.set(key, ok)
  return ok
}

/**
 * Finds each certificate's issuer inside the file. Signatures are verified only against name-matched
 * candidates, so a file without any issuer costs no verification. A self-issued certificate is tried
 * against its own key first and then against other same-named certificates: RFC 5280 separates
 * self-issued from self-signed (key rollover certificates are self-issued but signed by the old key).
 *
 * A self-issued certificate that claims to have signed itself (its key identifiers agree, or one is
 * absent, and its signature algorithm fits its key) but whose signature verifies with no candidate key
 * is an altered or corrupted copy (CERT_BAD_SELF_SIGNATURE). Path validation does not rely on a trust
 * anchor's self-signature, but bytes that no longer match their signature are not the CA's certificate.
 * A root costs one verification per run: the result is kept on the per-run record of a repeated CA.
 */
export function resolveChain(entries: CertEntry[], ctx: Context): void {
  const bySubject = new Map<string, CertEntry[]>()
  const byFingerprint = new Map<string, CertEntry>()
  for (const entry of entries) {
    const original = byFingerprint.get(entry.fingerprint)
    if (original !== undefined) {
      entry.duplicateOf = original
      ctx.findings.push(
        makeFinding(
          'CHAIN_DUPLICATE_CERTIFICATE',
          `${label(entry)} repeats certificate ${original.index + 1} (line ${original.block.line}); remove the copy.`,
          ctx.file,
          entry.block.line,
          entry.index
        )
      )
      continue
    }
    byFingerprint.set(entry.fingerprint, entry)
    const list = bySubject.get(entry.subjectKey)
    if (list === undefined) bySubject.set(entry.subjectKey, [entry])
    else list.push(entry)
  }
  const cache = new Map<string, boolean>()
  for (const entry of entries) {
    if (entry.duplicateOf !== undefined) continue
    const candidates = bySubject.get(entry.issuerKey)
    if (candidates === undefined) continue
    if (candidates.length === 1 && candidates[0] === entry && UNVERIFIABLE.has(entry.signatureAlgorithm) && claimsSelfSignature(entry)) {
      // OpenSSL 3 has no MD2/MD4: such a root (already a CERT_SIGNATURE_ALGORITHM_INSECURE error) is taken at its word.
      entry.issuer = entry
      continue
    }
    const ordered = candidates.length === 1 ? candidates : [...candidates].sort((a, b) => rank(entry, a) - rank(entry, b))
    const issuer = ordered.find((candidate) => verifies(entry, candidate, cache))
    if (issuer !== undefined) {
      entry.issuer = issuer
      continue
    }
    const others = ordered.filter((c) => c !== entry)
    if (entry.selfIssued && claimsSelfSignature(entry)) {
      entry.badSignature = true
      entry.claimedIssuer = entry
      const also = others.length === 0 ? '' : ` or with ${others.map((c) => `certificate ${c.index + 1}`).join(', ')} (same name)`
      ctx.findings.push(
        makeFinding(
          'CERT_BAD_SELF_SIGNATURE',
          `${label(entry)} is self-signed, but its signature does not verify with its own public key${also}; the certificate was altered or corrupted after it was signed — replace it with an intact copy from its source (compare the SHA-256 fingerprint).`,
          ctx.file,
          entry.block.line,
          entry.index
        )
      )
      continue
    }
    if (others.length === 0) continue
    entry.badSignature = true
    entry.claimedIssuer = others[0]
    const names = others.map((c) => `certificate ${c.index + 1}`).join(', ')
    ctx.findings.push(
      makeFinding(
        'CHAIN_BAD_SIGNATURE',
        `${label(entry)} names ${names} as its issuer, but its signature does not verify with ${others.length > 1 ? 'their keys' : 'that key'}; it was signed by another key or is corrupted — include the certificate's real issuer.`,
        ctx.file,
        entry.block.line,
        entry.index
      )
    )
  }
}

/** Signature algorithms Node's OpenSSL cannot verify: a failed check would say nothing about the bytes. */
const UNVERIFIABLE: ReadonlySet<string> = new Set(['MD2WithRSA', 'MD4WithRSA'])

function claimsSelfSignature(entry: CertEntry): boolean {
  const { subjectKeyId, authorityKeyId } = entry
  if (subjectKeyId !== undefined && authorityKeyId !== undefined && !bytesEqual(subjectKeyId, authorityKeyId)) return false
  return signatureFitsKey(entry.parsed.outerAlgorithm.oid, entry.parsed.keyAlgorithm.oid)
}

function signatureFitsKey(signatureOid: string, keyOid: string): boolean {
  if (signatureOid.startsWith('1.2.840.113549.1.1.')) return keyOid === KEY_ALGORITHM.RSA || (signatureOid === KEY_ALGORITHM.RSA_PSS && keyOid === KEY_ALGORITHM.RSA_PSS)
  if (signatureOid.startsWith('1.2.840.10045.4.')) return keyOid === KEY_ALGORITHM.EC
  if (signatureOid === KEY_ALGORITHM.ED25519 || signatureOid === KEY_ALGORITHM.ED448) return keyOid === signatureOid
  return false
}

/** Try the certificate itself, then the next one in the file, then the rest in file order. */
function rank(entry: CertEntry, candidate: CertEntry): number {
  if (candidate === entry) return -2
  if (candidate.index === entry.index + 1) return -1
  return candidate.index
}

export function checkBundle(entries: CertEntry[], ctx: Context): void {
  const add = (code: FindingCode, message: string, entry: CertEntry): void => {
    ctx.findings.push(makeFinding(code, message, ctx.file, entry.block.line, entry.index))
  }
  const unique = entries.filter((e) => e.duplicateOf === undefined)
  for (const entry of unique) {
    const issuer = entry.issuer
    if (issuer !== undefined && issuer !== entry && issuer.index !== entry.index + 1) {
      add(
        'CHAIN_ORDER',
        `${label(entry)} is issued by certificate ${issuer.index + 1}, which should come directly after it; order the file leaf first, each certificate followed by its issuer, root last.`,
        entry
      )
    }
  }
  if (ctx.profile === 'ca') {
    for (const entry of unique) {
      if (entry.issuer !== undefined || entry.badSignature || entry.basicConstraints?.ca !== true) continue
      const why = entry.selfIssued ? 'names itself as issuer but is not signed by its own key' : `is issued by "${entry.issuerName}"`
      add('CHAIN_ROOT_NOT_INCLUDED', `${label(entry)} ${why}, and that issuer is not in the file; append the root CA if client chains should be validated up to it.`, entry)
    }
  }
  checkPathLength(unique, ctx)
  if (ctx.profile === 'leaf') {
    const leaf = unique.find((e) => e.index === 0)
    if (leaf === undefined) return
    const others = unique.filter((e) => e !== leaf)
    // A leaf alone is accepted (Cloudflare takes a client certificate without its chain). A leaf that
    // names another issuer, none of the file's certificates being it, while the file carries others
    // has a gap right after it: the intermediate is missing and something else sits in its place.
    // Whether those others belong above the missing issuer cannot be told, so they are not called unrelated.
    if (!leaf.selfIssued && leaf.issuer === undefined && leaf.claimedIssuer === undefined && others.length > 0) {
      const names = others.map((e) => `certificate ${e.index + 1}`).join(', ')
      add(
        'LEAF_CHAIN_INCOMPLETE',
        `${label(leaf)} is issued by "${leaf.issuerName}", but no certificate in the file is that issuer while the file carries ${others.length === 1 ? 'another certificate' : `${others.length} other certificates`} (${names}); the chain is broken after the leaf — insert the certificate that issued the leaf (usually an intermediate CA) directly after it, and remove certificates that are not in its chain.`,
        leaf
      )
      return
    }
    // Follow claimed issuers too: a bad signature is already an error, calling its issuer unrelated is noise.
    const chain = new Set<CertEntry>([leaf])
    for (let cur = leaf.issuer ?? leaf.claimedIssuer; cur !== undefined && !chain.has(cur); cur = cur.issuer ?? cur.claimedIssuer) chain.add(cur)
    for (const entry of unique) {
      if (chain.has(entry)) continue
      add('LEAF_UNRELATED_CERTIFICATE', `${label(entry)} is not an issuer of the leaf (certificate 1) or of its issuers; remove it from the upload.`, entry)
    }
  }
}

/**
 * RFC 5280 §4.2.1.9: pathLenConstraint bounds the number of non-self-issued intermediate CAs below a CA.
 * The bottom certificate counts as an intermediate when it is itself a CA (a CA upload issues client
 * certificates from it), except the leaf of a leaf upload.
 */
function checkPathLength(unique: CertEntry[], ctx: Context): void {
  const reported = new Set<CertEntry>()
  for (const bottom of unique) {
    const bottomIsIntermediate = bottom.basicConstraints?.ca === true && !bottom.selfIssued && !(ctx.profile === 'leaf' && bottom.index === 0)
    let below = bottomIsIntermediate ? 1 : 0
    const seen = new Set<CertEntry>([bottom])
    for (let cur = bottom.issuer; cur !== undefined && !seen.has(cur); cur = cur.issuer) {
      seen.add(cur)
      const pathLen = cur.basicConstraints?.ca === true ? cur.basicConstraints.pathLen : undefined
      if (pathLen !== undefined && below > pathLen && !reported.has(cur)) {
        reported.add(cur)
        ctx.findings.push(
          makeFinding(
            'CA_PATH_LENGTH_EXCEEDED',
            `${label(cur)} allows ${pathLen} intermediate CA(s) below it (pathlen:${pathLen}) but ${below} follow it down to certificate ${bottom.index + 1}; remove the extra CA(s) or reissue with a larger pathlen.`,
            ctx.file,
            cur.block.line,
            cur.index
          )
        )
      }
      if (!cur.selfIssued) below++
    }
  }
}
