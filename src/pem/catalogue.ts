import type { Finding, Severity } from './types.js'

interface CatalogueEntry {
  readonly severity: Severity
  readonly title: string
  readonly fix: string
}

// One table owns every code's severity so a code can never be emitted with two different severities,
// and the README list cannot drift from what the validator really reports.
const CATALOGUE = {
  // File and PEM syntax
  FILE_EMPTY: { severity: 'error', title: 'File is empty', fix: 'Point the input at the PEM file (or secret) that holds the certificate.' },
  FILE_IS_DER: {
    severity: 'error',
    title: 'Binary DER instead of PEM',
    fix: 'Convert it: `openssl x509 -inform der -in cert.der -out cert.pem` (keys: `openssl pkey -inform der`).'
  },
  FILE_TOO_LARGE: { severity: 'error', title: 'File larger than 1 MiB', fix: 'Point certificate-path at the PEM bundle itself; a certificate bundle is a few kilobytes.' },
  PATH_OUTSIDE_WORKSPACE: {
    severity: 'error',
    title: 'Symbolic link out of the workspace',
    fix: "Commit the PEM file itself instead of a symbolic link: validate opens only files inside the workspace (GITHUB_WORKSPACE), so a pull request cannot make it read the runner's files."
  },
  NOT_A_REGULAR_FILE: {
    severity: 'error',
    title: 'Not a regular file',
    fix: 'Replace the FIFO, socket or device with the PEM file itself; validate never opens anything but regular files.'
  },
  FILE_BINARY: { severity: 'error', title: 'Binary data, not text', fix: 'Use the PEM text file; a .p12/.pfx needs `openssl pkcs12 -in file.p12 -nokeys -out cert.pem`.' },
  PEM_BOM: { severity: 'warning', title: 'Byte-order mark at the start', fix: 'Save the file as UTF-8 without BOM (e.g. `sed -i "1s/^\\xEF\\xBB\\xBF//" cert.pem`).' },
  PEM_CRLF: { severity: 'warning', title: 'Windows (CRLF) line endings', fix: 'Convert to LF line endings: `dos2unix cert.pem` or `sed -i "s/\\r$//" cert.pem`.' },
  PEM_LITERAL_NEWLINES: {
    severity: 'error',
    title: 'Literal \\n sequences instead of line breaks',
    fix: 'Store the PEM with real line breaks (e.g. `jq -r` when extracting it from JSON) instead of an escaped string.'
  },
  PEM_SINGLE_LINE: {
    severity: 'error',
    title: 'PEM block flattened onto one line',
    fix: 'Restore the line breaks: BEGIN line, base64 lines, END line (a multi-line value was pasted into a single-line field).'
  },
  PEM_INDENTED_ARMOR: {
    severity: 'error',
    title: 'Indented BEGIN/END line',
    fix: 'Remove the leading whitespace; OpenSSL and Go only recognise BEGIN/END lines at the start of a line.'
  },
  PEM_MALFORMED_ARMOR: {
    severity: 'error',
    title: 'Malformed BEGIN/END line',
    fix: 'Write the line exactly as `-----BEGIN CERTIFICATE-----` / `-----END CERTIFICATE-----` with nothing else on it.'
  },
  PEM_TRAILING_WHITESPACE: {
    severity: 'notice',
    title: 'Trailing whitespace on a BEGIN/END line',
    fix: 'Remove trailing spaces; most parsers tolerate them but strict ones do not.'
  },
  PEM_WHITESPACE_ONLY_LINES: {
    severity: 'notice',
    title: 'Lines containing only spaces or tabs',
    fix: 'Nothing is required; they are ignored. Delete them to keep the file clean.'
  },
  PEM_WHITESPACE_IN_BODY: {
    severity: 'notice',
    title: 'Spaces or tabs inside the base64 body',
    fix: 'Nothing is required; they are ignored. Re-export with `openssl x509 -in cert.pem -out clean.pem` for a canonical file.'
  },
  PEM_MISSING_END: {
    severity: 'error',
    title: 'BEGIN line without a matching END line',
    fix: 'The block is truncated: copy the complete certificate, including its `-----END …-----` line.'
  },
  PEM_END_WITHOUT_BEGIN: {
    severity: 'error',
    title: 'END line without a BEGIN line',
    fix: 'The block start is missing: copy the complete certificate, including its `-----BEGIN …-----` line.'
  },
  PEM_LABEL_MISMATCH: {
    severity: 'error',
    title: 'BEGIN and END labels differ',
    fix: 'Make the END label match the BEGIN label; the file was probably spliced from two sources.'
  },
  PEM_NESTED_BEGIN: { severity: 'error', title: 'BEGIN line inside another block', fix: 'Add the missing END line of the previous block, or remove the truncated block.' },
  PEM_EMPTY_BLOCK: { severity: 'error', title: 'PEM block with no content', fix: 'Paste the base64 body between the BEGIN and END lines, or remove the empty block.' },
  PEM_BLANK_LINE_IN_BLOCK: { severity: 'error', title: 'Blank line inside a PEM block', fix: 'Remove blank lines between BEGIN and END; OpenSSL rejects them.' },
  PEM_BAD_BASE64: { severity: 'error', title: 'Invalid base64 in a PEM block', fix: 'The body is corrupted or truncated: copy the certificate again from its source.' },
  PEM_IRREGULAR_LINE_LENGTH: {
    severity: 'warning',
    title: 'Irregular base64 line lengths',
    fix: 'A line was probably edited or cut; re-export with `openssl x509 -in cert.pem -out clean.pem` and compare.'
  },
  PEM_BLOCK_HEADERS: { severity: 'warning', title: 'Headers inside a CERTIFICATE block', fix: 'Remove the `Name: value` header lines; RFC 7468 certificates have none.' },
  PEM_TEXT_OUTSIDE_BLOCKS: {
    severity: 'warning',
    title: 'Text outside PEM blocks',
    fix: 'Remove it, e.g. keep only the PEM with `openssl x509 -in cert.pem -out clean.pem` (one certificate).'
  },
  PEM_STRAY_BASE64: {
    severity: 'error',
    title: 'Base64 data outside any PEM block',
    fix: 'A BEGIN or END line is missing around this data: copy the certificate again, armor included.'
  },
  PEM_NO_ARMOR: { severity: 'error', title: 'Base64 without BEGIN/END lines', fix: 'Wrap the data in `-----BEGIN CERTIFICATE-----` / `-----END CERTIFICATE-----` lines.' },
  PEM_NO_CERTIFICATES: { severity: 'error', title: 'No certificate in the file', fix: 'Provide a file containing at least one `-----BEGIN CERTIFICATE-----` block.' },
  PEM_PRIVATE_KEY_BLOCK: {
    severity: 'error',
    title: 'Private key in the certificate file',
    fix: 'Move the key to the private-key input and remove it from the certificate file.'
  },
  PEM_PUBLIC_KEY_BLOCK: { severity: 'error', title: 'Public key instead of a certificate', fix: 'Upload the certificate that contains this key, not the bare key.' },
  PEM_CSR_BLOCK: {
    severity: 'error',
    title: 'Certificate request instead of a certificate',
    fix: 'Have the CSR signed first (e.g. `openssl x509 -req -in req.csr -CA ca.pem -CAkey ca.key -out cert.pem`).'
  },
  PEM_PKCS7_BLOCK: {
    severity: 'error',
    title: 'PKCS#7 bundle instead of PEM certificates',
    fix: 'Extract the certificates: `openssl pkcs7 -print_certs -in bundle.p7b -out certs.pem`.'
  },
  PEM_CRL_BLOCK: { severity: 'error', title: 'CRL in the certificate file', fix: 'Remove the X509 CRL block; only certificates are uploaded.' },
  PEM_TRUSTED_CERTIFICATE_BLOCK: {
    severity: 'error',
    title: 'OpenSSL TRUSTED CERTIFICATE block',
    fix: 'Strip the trust settings: `openssl x509 -in trusted.pem -out cert.pem`.'
  },
  PEM_LEGACY_CERTIFICATE_LABEL: { severity: 'error', title: 'Legacy X509 CERTIFICATE label', fix: 'Rename the label to `CERTIFICATE` on both the BEGIN and END lines.' },
  PEM_UNEXPECTED_BLOCK: { severity: 'error', title: 'Unexpected PEM block', fix: 'Remove the block; the certificate file must contain only CERTIFICATE blocks.' },

  // One certificate
  CERT_UNPARSEABLE: { severity: 'error', title: 'Certificate does not parse', fix: 'The DER is corrupted or truncated: obtain the certificate again from its issuer.' },
  CERT_MALFORMED_EXTENSION: { severity: 'error', title: 'Malformed extension value', fix: 'Reissue the certificate; its extension cannot be decoded.' },
  CERT_DUPLICATE_EXTENSION: { severity: 'error', title: 'Extension present more than once', fix: 'Reissue the certificate; RFC 5280 allows each extension once.' },
  CERT_UNKNOWN_CRITICAL_EXTENSION: {
    severity: 'error',
    title: 'Unknown critical extension',
    fix: 'Reissue the certificate without the critical extension (or mark it non-critical); verifiers must reject it.'
  },
  CERT_SIGNATURE_ALGORITHM_MISMATCH: {
    severity: 'error',
    title: 'Inner and outer signature algorithms differ',
    fix: 'Reissue the certificate; RFC 5280 requires both AlgorithmIdentifiers to be identical.'
  },
  CERT_BAD_SELF_SIGNATURE: {
    severity: 'error',
    title: 'Self-signature does not verify',
    fix: 'The certificate was altered or corrupted after it was signed: replace it with an intact copy from its source (compare its SHA-256 fingerprint).'
  },
  CERT_SIGNATURE_ALGORITHM_INSECURE: { severity: 'error', title: 'MD2/MD4/MD5 signature', fix: 'Reissue the certificate with SHA-256 or stronger.' },
  CERT_SIGNATURE_ALGORITHM_UNSUPPORTED: {
    severity: 'error',
    title: 'Signature algorithm Cloudflare does not accept for a CA',
    fix: 'Reissue with SHA-256/384/512 with RSA or ECDSA (Cloudflare accepts SHA1/256/384/512WithRSA and ECDSAWithSHA1/256/384/512).'
  },
  CERT_KEY_ALGORITHM_UNSUPPORTED: { severity: 'error', title: 'CA key algorithm Cloudflare does not accept', fix: 'Use an RSA (≥ 2048 bits) or ECDSA P-256/P-384 CA key.' },
  CERT_UNDOCUMENTED_ALGORITHM: {
    severity: 'warning',
    title: "Algorithm outside Cloudflare's documented list",
    fix: 'Prefer RSA or ECDSA P-256/P-384 keys with SHA-256/384 signatures.'
  },
  CERT_SHA1_SIGNATURE: { severity: 'warning', title: 'SHA-1 signature', fix: 'Reissue the certificate with SHA-256 or stronger.' },
  CERT_SHA1_SELF_SIGNATURE: { severity: 'notice', title: 'SHA-1 self-signature on a root', fix: "Nothing is required: a root's self-signature is not relied upon." },
  CERT_RSA_KEY_TOO_SMALL: { severity: 'error', title: 'RSA key shorter than 2048 bits', fix: 'Generate a new key of at least 2048 bits and reissue the certificate.' },
  CERT_EC_CURVE_UNSUPPORTED: { severity: 'error', title: 'Unsupported elliptic curve', fix: 'Use a P-256 or P-384 key and reissue the certificate.' },
  CERT_EC_CURVE_P521: { severity: 'warning', title: 'P-521 key', fix: "Prefer P-256 or P-384; P-521 is not in Cloudflare's documented list." },
  CERT_EC_EXPLICIT_PARAMETERS: {
    severity: 'error',
    title: 'Explicitly encoded EC parameters',
    fix: 'Reissue with a named curve (`openssl ecparam -name prime256v1 -param_enc named_curve`).'
  },
  CERT_EXPIRED: { severity: 'error', title: 'Certificate expired', fix: 'Renew the certificate and upload the new one.' },
  CERT_NOT_YET_VALID: { severity: 'error', title: 'Certificate not yet valid', fix: "Check the issuing system's clock, or wait until notBefore." },
  CERT_VALIDITY_INVERTED: { severity: 'error', title: 'notAfter is before notBefore', fix: 'Reissue the certificate with a valid validity period.' },
  CERT_EXPIRES_SOON: { severity: 'warning', title: 'Certificate expires soon', fix: 'Renew the certificate before it expires.' },
  CERT_EXPIRES_WITHIN_ERROR_WINDOW: { severity: 'error', title: 'Certificate expires within the error window', fix: 'Renew the certificate, or lower expiry-error-days.' },
  CERT_SERIAL_ZERO: { severity: 'warning', title: 'Serial number is zero', fix: 'Reissue with a positive random serial number (RFC 5280 §4.1.2.2).' },
  CERT_SERIAL_NEGATIVE: { severity: 'warning', title: 'Negative serial number', fix: 'Reissue with a positive serial number; recent Go versions reject negative serials.' },
  CERT_SERIAL_TOO_LONG: { severity: 'warning', title: 'Serial number longer than 20 octets', fix: 'Reissue with a serial of at most 20 octets (RFC 5280 §4.1.2.2).' },

  // CA profile
  CA_BASIC_CONSTRAINTS_MISSING: {
    severity: 'error',
    title: 'CA certificate without Basic Constraints',
    fix: 'Reissue the CA with `basicConstraints=critical,CA:TRUE`; Cloudflare requires CA:TRUE.'
  },
  CA_NOT_CA: {
    severity: 'error',
    title: 'Basic Constraints CA:FALSE',
    fix: 'Upload the issuing CA certificate instead, or reissue it with `basicConstraints=critical,CA:TRUE`.'
  },
  CA_LEAF_IN_BUNDLE: {
    severity: 'error',
    title: 'End-entity certificate in a CA bundle',
    fix: 'Remove the end-entity certificate from the CA upload, or upload it with ca: false and its private key.'
  },
  CA_KEY_USAGE_NO_CERT_SIGN: { severity: 'error', title: 'Key Usage without keyCertSign', fix: 'Reissue the CA with `keyUsage=critical,keyCertSign,cRLSign`.' },
  CA_BASIC_CONSTRAINTS_NOT_CRITICAL: {
    severity: 'warning',
    title: 'Basic Constraints not critical',
    fix: 'Nothing blocks the upload; new CAs should mark basicConstraints critical (RFC 5280 §4.2.1.9).'
  },
  CA_KEY_USAGE_MISSING: {
    severity: 'warning',
    title: 'CA without Key Usage',
    fix: 'Nothing blocks the upload; new CAs should carry `keyUsage=critical,keyCertSign,cRLSign`.'
  },
  CA_EMPTY_SUBJECT: { severity: 'error', title: 'CA with an empty subject', fix: 'Reissue the CA with a non-empty subject DN; issuers are matched by name.' },
  CA_PATH_LENGTH_EXCEEDED: {
    severity: 'error',
    title: 'pathLenConstraint exceeded within the bundle',
    fix: 'Remove the extra intermediate CA(s) or reissue the constraining CA with a larger pathlen.'
  },

  // Bundle
  CHAIN_DUPLICATE_CERTIFICATE: { severity: 'warning', title: 'Certificate appears twice', fix: 'Remove the repeated certificate.' },
  CHAIN_ORDER: {
    severity: 'warning',
    title: 'Issuer present but not next in the file',
    fix: 'Order the file leaf first, each certificate followed by its issuer, root last.'
  },
  CHAIN_BAD_SIGNATURE: {
    severity: 'error',
    title: 'Signature does not verify with the name-matched issuer',
    fix: "The certificate was not signed by this issuer's key (wrong or re-keyed issuer, or corruption): include the right issuer."
  },
  CHAIN_ROOT_NOT_INCLUDED: {
    severity: 'warning',
    title: 'Chain does not end in a self-signed root',
    fix: 'Append the issuing root CA if clients should be validated up to the root.'
  },

  // Leaf profile
  LEAF_EKU_NO_CLIENT_AUTH: {
    severity: 'error',
    title: 'Extended Key Usage without clientAuth',
    fix: 'Reissue the certificate with `extendedKeyUsage=clientAuth`; it cannot be used as a TLS client certificate.'
  },
  LEAF_CHAIN_INCOMPLETE: {
    severity: 'error',
    title: "Leaf's issuer missing while other certificates are present",
    fix: 'Insert the certificate that issued the leaf (usually an intermediate CA) directly after it, and remove certificates that are not in its chain; a leaf alone is also accepted.'
  },
  LEAF_KEY_USAGE_NO_DIGITAL_SIGNATURE: {
    severity: 'warning',
    title: 'Key Usage without digitalSignature',
    fix: 'Reissue with `keyUsage=digitalSignature`; TLS client authentication signs with the key.'
  },
  LEAF_IS_CA: { severity: 'warning', title: 'CA certificate uploaded as a leaf', fix: 'Upload it with ca: true if it is meant to validate client certificates.' },
  LEAF_UNRELATED_CERTIFICATE: {
    severity: 'warning',
    title: "Certificate not in the leaf's chain",
    fix: 'Remove certificates that do not issue the leaf or one of its issuers.'
  },

  // Private key
  KEY_MISSING: { severity: 'error', title: 'Private key required', fix: 'Provide the private key (PEM) for a ca: false upload.' },
  KEY_NOT_USED: { severity: 'warning', title: 'Private key given for a CA upload', fix: 'Remove the private key; ca: true uploads send only the certificates.' },
  KEY_NOT_FOUND: { severity: 'error', title: 'No private key block', fix: 'Provide a file containing a `-----BEGIN PRIVATE KEY-----` block.' },
  KEY_ENCRYPTED: {
    severity: 'error',
    title: 'Encrypted private key',
    fix: 'Decrypt it first: `openssl pkey -in encrypted.key -out plain.key`, and store the result as a secret.'
  },
  KEY_MULTIPLE: { severity: 'error', title: 'More than one private key', fix: 'Keep only the key that belongs to the leaf certificate.' },
  KEY_UNPARSEABLE: {
    severity: 'error',
    title: 'Private key does not parse',
    fix: 'The key is corrupted or truncated: export it again (`openssl pkey -in key.pem -out clean.pem`).'
  },
  KEY_UNSUPPORTED_FORMAT: {
    severity: 'error',
    title: 'Unsupported private key format',
    fix: 'Convert it to PKCS#8 PEM, e.g. `ssh-keygen -p -m PKCS8 -f key` or `openssl pkey -in key -out key.pem`.'
  },
  KEY_MISMATCH: {
    severity: 'error',
    title: 'Private key does not match the leaf',
    fix: 'Use the key the leaf was issued for; compare `openssl x509 -noout -pubkey` with `openssl pkey -pubout`.'
  },
  KEY_WEAK: { severity: 'error', title: 'Weak private key', fix: 'Generate an RSA ≥ 2048-bit or ECDSA P-256/P-384 key and reissue the certificate.' },
  KEY_FILE_CONTAINS_CERTIFICATE: {
    severity: 'warning',
    title: 'Certificate inside the private key input',
    fix: 'Keep only the key in the private-key input; certificates belong in the certificate input.'
  },
  KEY_FILE_UNEXPECTED_BLOCK: { severity: 'warning', title: 'Unexpected block in the private key input', fix: 'Keep only the private key block.' },

  VALIDATOR_INTERNAL_ERROR: {
    severity: 'error',
    title: 'Validator failed unexpectedly',
    fix: "Report this with the file's structure (not its key material) at the action's issue tracker."
  }
} as const satisfies Record<string, CatalogueEntry>

export type FindingCode = keyof typeof CATALOGUE

export const FINDING_CATALOGUE: ReadonlyArray<{ code: string; severity: Severity; title: string; fix: string }> = Object.freeze(
  (Object.keys(CATALOGUE) as FindingCode[]).map((code) => Object.freeze({ code, ...CATALOGUE[code] }))
)

export function makeFinding(code: FindingCode, message: string, file: string, line: number, certificateIndex?: number): Finding {
  const finding: Finding = { code, severity: CATALOGUE[code].severity, message, file, line: Math.max(1, line) }
  if (certificateIndex !== undefined) finding.certificateIndex = certificateIndex
  return finding
}
