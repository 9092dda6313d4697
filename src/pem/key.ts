import { createPrivateKey, type KeyObject } from 'node:crypto'
import { makeFinding, type FindingCode } from './catalogue.js'
import { scanPem, type ScannedBlock } from './reader.js'
import type { Finding, Profile, ValidateOptions } from './types.js'
import type { CertEntry } from './entry.js'

const KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'DSA PRIVATE KEY'])
const ACCEPTED_CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1'])

/**
 * Pairs the optional private key with the leaf. Messages never quote key material: they name the block
 * and line only, because findings end up in public logs and annotations.
 */
export function checkPrivateKey(
  options: ValidateOptions,
  profile: Profile,
  leaf: CertEntry | undefined,
  entries: CertEntry[],
  findings: Finding[],
  certificateFile: string
): void {
  const privateKey = options.privateKey
  const keyFile = privateKey?.file ?? certificateFile
  const add = (code: FindingCode, message: string, line = 1): void => {
    findings.push(makeFinding(code, message, keyFile, line))
  }
  const text = privateKey?.text
  const given = text !== undefined && (typeof text === 'string' ? text.trim() !== '' : text.length > 0)
  if (privateKey === undefined || text === undefined || !given) {
    // "Required" means required for a ca: false upload; when 'auto' resolves to a CA, no key is sent.
    if (options.requirePrivateKey === true && profile === 'leaf') {
      add(
        'KEY_MISSING',
        `A ca: false upload needs the leaf certificate's private key, and ${privateKey === undefined ? 'none was given' : `${keyFile} is empty`}; set the private-key input to the unencrypted PEM key.`
      )
    }
    return
  }
  if (profile === 'ca') {
    add('KEY_NOT_USED', `A private key was given (${keyFile}) but ${certificateFile} is a CA upload, which sends no key; remove the private-key input.`)
    return
  }

  const scan = scanPem(text, keyFile, 'key')
  findings.push(...scan.findings)
  if (scan.fatal) return

  const usable: ScannedBlock[] = []
  const keyLike: ScannedBlock[] = []
  for (const block of scan.blocks) {
    const at = `The ${block.label} block at line ${block.line} of ${keyFile}`
    if (KEY_LABELS.has(block.label)) {
      keyLike.push(block)
      if (block.headers?.['Proc-Type']?.includes('ENCRYPTED') === true) {
        add(
          'KEY_ENCRYPTED',
          `${at} is encrypted with a passphrase; decrypt it with \`openssl pkey -in ${keyFile} -out plain.key\` and store the result as a secret.`,
          block.line
        )
      } else if (!block.damaged) {
        usable.push(block)
      }
    } else if (block.label === 'ENCRYPTED PRIVATE KEY') {
      keyLike.push(block)
      add('KEY_ENCRYPTED', `${at} is an encrypted PKCS#8 key; decrypt it with \`openssl pkey -in ${keyFile} -out plain.key\` and store the result as a secret.`, block.line)
    } else if (block.label === 'OPENSSH PRIVATE KEY') {
      keyLike.push(block)
      add('KEY_UNSUPPORTED_FORMAT', `${at} is in OpenSSH format; convert it to PKCS#8 PEM with \`ssh-keygen -p -m PKCS8 -f KEYFILE\`.`, block.line)
    } else if (block.label === 'EC PARAMETERS') {
      // `openssl ecparam -genkey` writes this before the key; it is harmless.
    } else if (block.label === 'CERTIFICATE') {
      add(
        'KEY_FILE_CONTAINS_CERTIFICATE',
        `${at} is a certificate inside the private-key input; keep only the key there — certificates belong in the certificate input.`,
        block.line
      )
    } else {
      add('KEY_FILE_UNEXPECTED_BLOCK', `${at} is not a private key; keep only the private key block in the private-key input.`, block.line)
    }
  }
  if (keyLike.length === 0) {
    add('KEY_NOT_FOUND', `${keyFile} contains no private key block; provide the PEM key (\`-----BEGIN PRIVATE KEY-----\`).`)
    return
  }
  if (keyLike.length > 1) {
    const second = keyLike[1] as ScannedBlock
    add('KEY_MULTIPLE', `${keyFile} contains ${keyLike.length} private keys (the second at line ${second.line}); keep only the key of the leaf certificate.`, second.line)
    return
  }
  const block = usable[0]
  if (block === undefined) return

  let key: KeyObject
  try {
    key = createPrivateKey({ key: toPem(block), format: 'pem' })
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/[\r\n]+/g, ' ') : 'unknown error'
    add(
      'KEY_UNPARSEABLE',
      `The ${block.label} block at line ${block.line} of ${keyFile} is not a valid private key (${reason}); export it again with \`openssl pkey -in ${keyFile} -out key.pem\`.`,
      block.line
    )
    return
  }

  let matches = false
  if (leaf !== undefined) {
    matches = keyMatches(leaf, key)
    if (!matches) {
      const other = entries.find((e) => e !== leaf && e.duplicateOf === undefined && keyMatches(e, key))
      const hint =
        other === undefined
          ? 'compare `openssl x509 -noout -pubkey -in CERT` with `openssl pkey -pubout -in KEY`'
          : `it matches certificate ${other.index + 1} instead — put that certificate first`
      add(
        'KEY_MISMATCH',
        `The private key at line ${block.line} of ${keyFile} does not belong to the leaf (certificate 1, ${leaf.subject || 'empty subject'}) in ${certificateFile}; ${hint}.`,
        block.line
      )
    }
  }
  if (!matches) checkKeyStrength(key, block, keyFile, add)
}

function keyMatches(entry: CertEntry, key: KeyObject): boolean {
  try {
    return entry.node.checkPrivateKey(key)
  } catch {
    return false
  }
}

/** Only when the key is not the leaf's: otherwise the certificate's own key finding already says it. */
function checkKeyStrength(key: KeyObject, block: ScannedBlock, keyFile: string, add: (code: FindingCode, message: string, line?: number) => void): void {
  const details = key.asymmetricKeyDetails
  if (key.asymmetricKeyType === 'rsa' && details?.modulusLength !== undefined && details.modulusLength < 2048) {
    add(
      'KEY_WEAK',
      `The private key at line ${block.line} of ${keyFile} is ${details.modulusLength}-bit RSA; generate an RSA key of at least 2048 bits (or ECDSA P-256) and reissue the certificate.`,
      block.line
    )
  } else if (key.asymmetricKeyType === 'ec' && details?.namedCurve !== undefined && !ACCEPTED_CURVES.has(details.namedCurve)) {
    add(
      'KEY_WEAK',
      `The private key at line ${block.line} of ${keyFile} uses the ${details.namedCurve} curve; generate a P-256 or P-384 key and reissue the certificate.`,
      block.line
    )
  }
}

function toPem(block: ScannedBlock): string {
  const lines: string[] = []
  for (let i = 0; i < block.base64.length; i += 64) lines.push(block.base64.slice(i, i + 64))
  return `-----BEGIN ${block.label}-----\n${lines.join('\n')}\n-----END ${block.label}-----\n`
}
