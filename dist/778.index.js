export const id = 778;
export const ids = [778];
export const modules = {

/***/ 2990:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ fingerprintsOfPem)
/* harmony export */ });
/* unused harmony export certificateSha256 */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';
function sha256Hex(data) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(data).digest('hex');
}
/** DER of every CERTIFICATE block, tolerating whatever the strict reader would merely complain about. */
function certificateDers(text) {
    // The API returns PEM inside JSON; an un-decoded copy still carries literal "\n".
    const normalised = text.includes('\\n') ? text.replace(/\\r\\n|\\n|\\r/g, '\n') : text;
    const ders = [];
    // indexOf rather than a lazy regex, so many BEGINs without an END cannot turn quadratic.
    for (let from = 0;;) {
        const begin = normalised.indexOf(BEGIN, from);
        if (begin === -1)
            break;
        const end = normalised.indexOf(END, begin + BEGIN.length);
        if (end === -1)
            break;
        // The last BEGIN before this END: a truncated block before it is skipped, as PEM readers do.
        const start = normalised.lastIndexOf(BEGIN, end - BEGIN.length);
        const body = normalised.slice(start + BEGIN.length, end).replace(/[^A-Za-z0-9+/=]/g, '');
        if (body.length > 0)
            ders.push(new Uint8Array(Buffer.from(body, 'base64')));
        from = end + END.length;
    }
    return ders;
}
/**
 * SHA-256 (lowercase hex) identifying what an upload would send: the certificate's DER, or for a
 * bundle the concatenation of its certificates' DER in file order, so the same bundle in a different
 * PEM layout (CRLF, wrapping, comments) matches while a re-ordered bundle does not.
 * Throws TypeError when the input holds no certificate — validate first.
 */
function certificateSha256(pemOrDer) {
    if (typeof pemOrDer !== 'string' && pemOrDer[0] === 0x30)
        return sha256Hex(pemOrDer);
    const text = typeof pemOrDer === 'string' ? pemOrDer : new TextDecoder().decode(pemOrDer);
    const ders = certificateDers(text);
    if (ders.length === 0)
        throw new TypeError('certificateSha256: no CERTIFICATE block found');
    if (ders.length === 1)
        return sha256Hex(ders[0]);
    const hash = createHash('sha256');
    for (const der of ders)
        hash.update(der);
    return hash.digest('hex');
}
/** SHA-256 (lowercase hex) of each CERTIFICATE block's DER, in order; never throws, never reports. */
function fingerprintsOfPem(text) {
    if (typeof text !== 'string')
        return [];
    return certificateDers(text).map(sha256Hex);
}


/***/ }),

/***/ 2778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  X1: () => (/* reexport */ fingerprint/* fingerprintsOfPem */.X),
  MH: () => (/* reexport */ makeFinding),
  PO: () => (/* reexport */ validatePem)
});

// UNUSED EXPORTS: FINDING_CATALOGUE, certificateSha256, readPemBlocks

;// CONCATENATED MODULE: ./src/pem/catalogue.ts
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
};
const FINDING_CATALOGUE = Object.freeze(Object.keys(CATALOGUE).map((code) => Object.freeze({ code, ...CATALOGUE[code] })));
function makeFinding(code, message, file, line, certificateIndex) {
    const finding = { code, severity: CATALOGUE[code].severity, message, file, line: Math.max(1, line) };
    if (certificateIndex !== undefined)
        finding.certificateIndex = certificateIndex;
    return finding;
}

;// CONCATENATED MODULE: ./src/pem/reader.ts

const LABEL_CHAR = '[\\x21-\\x2c\\x2e-\\x7e]';
// RFC 7468 §3: label = [ labelchar *( ["-" / SP] labelchar ) ]
const STRICT_ARMOR = new RegExp(`^-----(BEGIN|END)(?: (${LABEL_CHAR}(?:[- ]?${LABEL_CHAR})*))?-----$`);
const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;
const HEADER_LINE = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/;
const LITERAL_NEWLINE = /\\r\\n|\\n|\\r/;
// A whole block whose line breaks became spaces: BEGIN marker, whitespace-separated base64, END marker.
// Written so that no input makes it backtrack more than linearly (base64 runs and blank runs alternate).
const FLATTENED_BLOCK = /(-----BEGIN [A-Z0-9 ]+-----)[ \t]+([A-Za-z0-9+/=]+(?:[ \t]+[A-Za-z0-9+/=]+)*)[ \t]+(-----END [A-Z0-9 ]+-----)/;
const FLATTENED_BLOCKS = new RegExp(FLATTENED_BLOCK.source, 'g');
const DER_FIX = {
    certificate: 'convert it with `openssl x509 -inform der -in FILE -out cert.pem`',
    key: 'convert it with `openssl pkey -inform der -in FILE -out key.pem`'
};
/** The strict reader: every deviation from RFC 7468 becomes a finding with the line it is on. */
function scanPem(input, file, kind) {
    const findings = [];
    const add = (code, message, line = 1) => {
        findings.push(makeFinding(code, message, file, line));
    };
    const fatal = (code, message) => {
        add(code, message);
        return { blocks: [], findings, fatal: true };
    };
    let text;
    if (typeof input === 'string') {
        text = input;
        if (looksLikeDer(text.charCodeAt(0), text.charCodeAt(1), text.length) || (text.charCodeAt(0) === 0x30 && text.charCodeAt(1) === 0xfffd)) {
            return fatal('FILE_IS_DER', `${file} holds binary DER, not PEM text; ${DER_FIX[kind]}.`);
        }
    }
    else {
        if (input.length === 0)
            return fatal('FILE_EMPTY', emptyMessage(file, kind));
        if (looksLikeDer(input[0] ?? 0, input[1] ?? 0, input.length)) {
            return fatal('FILE_IS_DER', `${file} holds binary DER, not PEM text; ${DER_FIX[kind]}.`);
        }
        if ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff)) {
            return fatal('FILE_BINARY', `${file} is UTF-16 encoded (as PowerShell's Out-File writes it); save it as UTF-8 or ASCII.`);
        }
        text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(input);
    }
    if (text.includes('\u0000')) {
        return fatal('FILE_BINARY', `${file} contains binary data (NUL bytes), not PEM text; a PKCS#12 file needs \`openssl pkcs12 -in FILE -nokeys -out cert.pem\`.`);
    }
    if (text.charCodeAt(0) === 0xfeff) {
        add('PEM_BOM', `${file} starts with a UTF-8 byte-order mark; save it without BOM (some parsers then miss the first BEGIN line).`);
        text = text.slice(1);
    }
    if (text.trim() === '')
        return fatal('FILE_EMPTY', emptyMessage(file, kind));
    const lines = splitLines(text, file, findings);
    return scanLines(lines, file, kind, findings);
}
function emptyMessage(file, kind) {
    return kind === 'certificate'
        ? `${file} is empty; point the input at the PEM certificate file (or check that the secret is set).`
        : `${file} is empty; provide the PEM private key (or check that the secret is set).`;
}
function looksLikeDer(b0, b1, length) {
    // A DER certificate starts with SEQUENCE (0x30) and a long-form length; short form only for tiny inputs.
    if (b0 !== 0x30)
        return false;
    if (b1 >= 0x81 && b1 <= 0x84)
        return true;
    return b1 < 0x80 && b1 + 2 === length;
}
function splitLines(text, file, findings) {
    const lines = [];
    const breaks = /\r\n|\n|\r/g;
    let start = 0;
    let number = 1;
    let crLine;
    let literalLine;
    let flattenedLine;
    const push = (raw, lineNumber) => {
        if (raw.includes('-----END') && FLATTENED_BLOCK.test(raw)) {
            flattenedLine ??= lineNumber;
            const expanded = raw.replace(FLATTENED_BLOCKS, (_m, begin, body, end) => `\n${begin}\n${body
                .trim()
                .split(/[ \t]+/)
                .join('\n')}\n${end}\n`);
            for (const piece of expanded.split('\n'))
                if (piece.trim() !== '')
                    lines.push({ text: piece, number: lineNumber });
            return;
        }
        if (raw.includes('\\') && LITERAL_NEWLINE.test(raw) && (raw.includes('-----BEGIN') || raw.includes('-----END'))) {
            literalLine ??= lineNumber;
            const pieces = raw.split(/\\r\\n|\\n|\\r/);
            // A JSON string copied with its quotes: the quotes are part of the same mistake, not extra findings.
            if (pieces.length > 0) {
                pieces[0] = (pieces[0] ?? '').replace(/^\s*["']\s*(?=-)/, '');
                const last = pieces.length - 1;
                pieces[last] = (pieces[last] ?? '').replace(/["'],?\s*$/, '');
            }
            for (const piece of pieces)
                lines.push({ text: piece, number: lineNumber });
        }
        else {
            lines.push({ text: raw, number: lineNumber });
        }
    };
    for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) {
        if (m[0] !== '\n')
            crLine ??= number;
        push(text.slice(start, m.index), number);
        start = m.index + m[0].length;
        number++;
    }
    if (start < text.length)
        push(text.slice(start), number);
    if (crLine !== undefined) {
        findings.push(makeFinding('PEM_CRLF', `${file} uses Windows (CRLF) or CR line endings from line ${crLine}; convert to LF with \`dos2unix\` or \`sed -i 's/\\r$//'\`.`, file, crLine));
    }
    if (flattenedLine !== undefined) {
        findings.push(makeFinding('PEM_SINGLE_LINE', `Line ${flattenedLine} of ${file} holds a whole PEM block with spaces instead of line breaks (a multi-line value pasted into a single-line field); restore the line breaks — BEGIN line, base64 lines, END line.`, file, flattenedLine));
    }
    if (literalLine !== undefined) {
        findings.push(makeFinding('PEM_LITERAL_NEWLINES', `Line ${literalLine} of ${file} contains literal "\\n" sequences instead of line breaks (a JSON-escaped PEM); store the PEM with real newlines, e.g. extract it with \`jq -r\`.`, file, literalLine));
    }
    return lines;
}
function scanLines(lines, file, kind, findings) {
    const add = (code, message, line) => {
        findings.push(makeFinding(code, message, file, line));
    };
    const blocks = [];
    const runs = [];
    let run = [];
    let open;
    let sawArmor = false;
    let whitespaceOnlyLine;
    let trailingWhitespaceLine;
    let whitespaceInBodyLine;
    let reportedIndent = false;
    const flushRun = () => {
        if (run.length > 0)
            runs.push(run);
        run = [];
    };
    const classify = (line) => {
        const text = line.text;
        if (!text.includes('--'))
            return undefined;
        const core = text.trim();
        const strict = STRICT_ARMOR.exec(core);
        if (strict !== null) {
            const armor = { kind: strict[1] === 'BEGIN' ? 'BEGIN' : 'END', label: strict[2] ?? '' };
            if (/^\s/.test(text)) {
                // Once per file: an indented file has every armor line indented, and one finding says so.
                if (!reportedIndent) {
                    reportedIndent = true;
                    add('PEM_INDENTED_ARMOR', `Line ${line.number} (${armor.kind} ${armor.label}) and possibly other BEGIN/END lines are indented; remove the leading whitespace — OpenSSL and Go do not recognise indented BEGIN/END lines.`, line.number);
                }
            }
            else if (/\s$/.test(text)) {
                trailingWhitespaceLine ??= line.number;
            }
            return armor;
        }
        const loose = looseArmor(core);
        if (loose === undefined)
            return undefined;
        const { before, dashes, word, label, closing, after } = loose;
        // Next to a key's marker, that text is key material: describe it, never quote it (the runner
        // masks whole lines of a secret, not a 20-character piece of one).
        const secret = kind === 'key' || /PRIVATE/i.test(label);
        const quote = (t) => (secret ? `${t.length} characters` : `"${clip(t)}"`);
        const problems = [];
        if (before.trim() !== '')
            problems.push(`text before the marker (${quote(before.trim())})`);
        if (dashes.length !== 5 || (closing !== '' && closing.length !== 5))
            problems.push('it needs exactly five dashes on each side');
        if (closing === '')
            problems.push('the closing dashes are missing');
        if (after.trim() !== '')
            problems.push(`text after the marker (${quote(after.trim())})`);
        if (word !== word.toUpperCase() || label !== label.toUpperCase())
            problems.push('BEGIN/END and the label must be upper case');
        if (problems.length === 0)
            problems.push('it does not follow `-----BEGIN LABEL-----`');
        const armor = { kind: word.toUpperCase() === 'BEGIN' ? 'BEGIN' : 'END', label: label.trim().toUpperCase() };
        add('PEM_MALFORMED_ARMOR', `Line ${line.number} is a malformed ${armor.kind} line: ${problems.join('; ')}; write it as \`-----${armor.kind} ${armor.label || 'CERTIFICATE'}-----\` alone on its line.`, line.number);
        return armor;
    };
    const close = (block, endLine) => {
        const body = block.body.map((l) => l.text).join('');
        let damaged = block.damaged;
        // A block already cut short (nested BEGIN, no END, label mismatch) has its finding; judging its body adds noise.
        if (!block.reportedBase64 && !block.damaged) {
            if (body.length === 0) {
                add('PEM_EMPTY_BLOCK', `The ${block.label} block at line ${block.line} has no content; paste the complete base64 body or remove the block.`, block.line);
                damaged = true;
            }
            else {
                const pad = body.indexOf('=');
                if (pad !== -1 && pad < body.length - 2) {
                    const at = block.body.find((l) => l.text.includes('='))?.number ?? block.line;
                    add('PEM_BAD_BASE64', `Line ${at} has base64 padding ('=') before the end of the ${block.label} block begun at line ${block.line}; the block was spliced or corrupted — copy it again.`, at);
                    damaged = true;
                }
                else if (body.length % 4 !== 0) {
                    const at = block.body[block.body.length - 1]?.number ?? block.line;
                    add('PEM_BAD_BASE64', `The ${block.label} block at line ${block.line} has ${body.length} base64 characters, not a multiple of 4: it is truncated or lost its '=' padding — copy it again.`, at);
                    damaged = true;
                }
                else {
                    checkLineLengths(block);
                }
            }
        }
        const result = {
            label: block.label,
            line: block.line,
            endLine,
            der: damaged ? new Uint8Array(0) : new Uint8Array(Buffer.from(body, 'base64')),
            base64: body,
            damaged
        };
        if (block.headers !== undefined)
            result.headers = block.headers;
        blocks.push(result);
    };
    const checkLineLengths = (block) => {
        const body = block.body;
        if (body.length < 2)
            return;
        // The widest non-final line is the intended width, so a cut line is the one reported, not its neighbours.
        let width = 0;
        for (let k = 0; k < body.length - 1; k++)
            width = Math.max(width, body[k]?.text.length ?? 0);
        for (let k = 0; k < body.length; k++) {
            const l = body[k];
            const last = k === body.length - 1;
            if ((!last && l.text.length !== width) || (last && l.text.length > width)) {
                add('PEM_IRREGULAR_LINE_LENGTH', `Line ${l.number} has ${l.text.length} base64 characters where the ${block.label} block at line ${block.line} uses ${width}; a line was probably edited or cut — re-export the certificate and compare.`, l.number);
                return;
            }
        }
        if (width % 4 !== 0) {
            add('PEM_IRREGULAR_LINE_LENGTH', `The ${block.label} block at line ${block.line} wraps base64 at ${width} characters, which splits 4-character groups across lines; re-export it (\`openssl x509 -in FILE -out clean.pem\`) to get standard 64-character lines.`, block.line);
        }
    };
    const begin = (armor, line) => ({
        label: armor.label,
        line,
        body: [],
        headerState: 'maybe',
        damaged: false,
        reportedBase64: false,
        reportedBlankLine: false
    });
    for (const line of lines) {
        const armor = classify(line);
        if (open === undefined) {
            if (armor !== undefined) {
                flushRun();
                sawArmor = true;
                if (armor.kind === 'BEGIN')
                    open = begin(armor, line.number);
                else
                    add('PEM_END_WITHOUT_BEGIN', `Line ${line.number} ends a ${armor.label} block that never began; the BEGIN line and probably part of the data are missing — copy the certificate again.`, line.number);
            }
            else if (line.text.trim() === '') {
                if (line.text !== '')
                    whitespaceOnlyLine ??= line.number;
            }
            else {
                run.push(line);
            }
            continue;
        }
        if (armor?.kind === 'BEGIN') {
            add('PEM_NESTED_BEGIN', `Line ${line.number} begins a ${armor.label} block inside the ${open.label} block begun at line ${open.line}; add the missing END line or remove the truncated block.`, line.number);
            open.damaged = true;
            close(open, line.number - 1);
            open = begin(armor, line.number);
            continue;
        }
        if (armor?.kind === 'END') {
            if (armor.label !== open.label) {
                add('PEM_LABEL_MISMATCH', `Line ${line.number} ends with "${armor.label}" a block that began as "${open.label}" at line ${open.line}; the file was spliced — fix the labels or copy the block again.`, line.number);
                open.damaged = true;
            }
            close(open, line.number);
            open = undefined;
            continue;
        }
        const raw = line.text;
        if (raw.trim() === '') {
            if (open.headerState === 'headers') {
                open.headerState = 'body';
            }
            else if (!open.reportedBlankLine) {
                open.reportedBlankLine = true;
                add('PEM_BLANK_LINE_IN_BLOCK', `Line ${line.number} is blank inside the ${open.label} block begun at line ${open.line}; remove it — OpenSSL rejects blank lines in a PEM body.`, line.number);
            }
            continue;
        }
        if (open.headerState !== 'body' && open.body.length === 0) {
            const header = HEADER_LINE.exec(raw.trim());
            if (header !== null) {
                open.headerState = 'headers';
                open.headers ??= {};
                open.headers[header[1] ?? ''] = header[2] ?? '';
                open.lastHeader = header[1] ?? '';
                continue;
            }
            if (open.headerState === 'headers' && /^[ \t]/.test(raw) && open.lastHeader !== undefined && open.headers !== undefined) {
                open.headers[open.lastHeader] = `${open.headers[open.lastHeader] ?? ''}${raw.trim()}`;
                continue;
            }
        }
        open.headerState = 'body';
        // Most base64 lines hold no blank: skip the regex replace for them.
        const stripped = raw.includes(' ') || raw.includes('\t') ? raw.replace(/[ \t]+/g, '') : raw;
        if (stripped !== raw)
            whitespaceInBodyLine ??= line.number;
        if (!BASE64_LINE.test(stripped) && !open.reportedBase64) {
            open.reportedBase64 = true;
            open.damaged = true;
            const bad = stripped.match(/[^A-Za-z0-9+/=]/)?.[0] ?? '=';
            add('PEM_BAD_BASE64', `Line ${line.number} contains ${describeChar(bad)}, which is not base64, inside the ${open.label} block begun at line ${open.line}; the data is corrupted — copy it again.`, line.number);
        }
        open.body.push({ text: stripped, number: line.number });
    }
    if (open !== undefined) {
        add('PEM_MISSING_END', `The ${open.label} block begun at line ${open.line} has no END line; the file is truncated — copy the complete block including \`-----END ${open.label}-----\`.`, open.line);
        open.damaged = true;
        close(open, lines[lines.length - 1]?.number ?? open.line);
    }
    flushRun();
    let fatal = false;
    for (const textRun of runs) {
        const first = textRun[0];
        const last = textRun[textRun.length - 1];
        const span = first.number === last.number ? `Line ${first.number}` : `Lines ${first.number}–${last.number}`;
        const base64Chars = textRun.reduce((n, l) => n + l.text.trim().length, 0);
        const looksBase64 = base64Chars >= 64 && textRun.every((l) => BASE64_LINE.test(l.text.trim()));
        if (looksBase64 && !sawArmor) {
            fatal = true;
            const wrap = kind === 'certificate' ? 'CERTIFICATE' : 'PRIVATE KEY';
            add('PEM_NO_ARMOR', `${file} holds bare base64 with no BEGIN/END lines; wrap it in \`-----BEGIN ${wrap}-----\` and \`-----END ${wrap}-----\` lines.`, first.number);
        }
        else if (looksBase64) {
            add('PEM_STRAY_BASE64', `${span} ${first === last ? 'holds' : 'hold'} base64 data outside any PEM block; a BEGIN or END line is missing around it — copy the certificate again, armor included.`, first.number);
        }
        else {
            add('PEM_TEXT_OUTSIDE_BLOCKS', `${span} of ${file} ${first === last ? 'is' : 'are'} text outside any PEM block (e.g. \`openssl x509 -text\` output); it is ignored, but remove it so only PEM blocks remain.`, first.number);
        }
    }
    if (whitespaceOnlyLine !== undefined) {
        add('PEM_WHITESPACE_ONLY_LINES', `Line ${whitespaceOnlyLine} (and possibly others) contains only spaces or tabs; they are ignored, delete them to keep the file clean.`, whitespaceOnlyLine);
    }
    if (trailingWhitespaceLine !== undefined) {
        add('PEM_TRAILING_WHITESPACE', `Line ${trailingWhitespaceLine} (and possibly others) has trailing whitespace after a BEGIN/END marker; strict parsers reject it, so remove it.`, trailingWhitespaceLine);
    }
    if (whitespaceInBodyLine !== undefined) {
        add('PEM_WHITESPACE_IN_BODY', `Line ${whitespaceInBodyLine} (and possibly others) has spaces or tabs inside base64 data; they are ignored, but \`openssl x509 -in FILE -out clean.pem\` writes a canonical file.`, whitespaceInBodyLine);
    }
    findings.sort((a, b) => a.line - b.line || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
    return { blocks, findings, fatal };
}
const SEVERITY_RANK = { error: 0, warning: 1, notice: 2 };
/**
 * Anything a person (or a broken tool) probably meant as an armor line: a BEGIN/END word after three or
 * more dashes. Scanned by hand rather than with a backtracking regex, so a line of dashes stays linear.
 */
function looseArmor(core) {
    const words = /\b(BEGIN|END)\b/gi;
    for (let m = words.exec(core); m !== null; m = words.exec(core)) {
        let j = m.index - 1;
        while (j >= 0 && (core[j] === ' ' || core[j] === '\t'))
            j--;
        const dashEnd = j;
        while (j >= 0 && core[j] === '-')
            j--;
        if (dashEnd - j < 3)
            continue;
        const rest = core.slice(m.index + m[0].length);
        const dash = rest.indexOf('-');
        let closingEnd = dash;
        while (closingEnd !== -1 && closingEnd < rest.length && rest[closingEnd] === '-')
            closingEnd++;
        return {
            before: core.slice(0, j + 1),
            dashes: core.slice(j + 1, dashEnd + 1),
            word: m[0],
            label: (dash === -1 ? rest : rest.slice(0, dash)).trim(),
            closing: dash === -1 ? '' : rest.slice(dash, closingEnd),
            after: dash === -1 ? '' : rest.slice(closingEnd)
        };
    }
    return undefined;
}
function clip(text) {
    return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}
function describeChar(c) {
    const code = c.codePointAt(0) ?? 0;
    if (c === '-')
        return 'a "-" (a broken BEGIN/END line?)';
    if (c === '\\')
        return 'a backslash (an escaped string?)';
    if (code < 0x20 || code === 0x7f)
        return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
    if (code === 0xfffd)
        return 'bytes that are not valid UTF-8';
    return `"${c}"`;
}
/** The strict reader, as exported: intact blocks only, plus every finding. */
function readPemBlocks(text, file) {
    const result = scanPem(text, file, 'certificate');
    const blocks = [];
    for (const block of result.blocks) {
        if (block.damaged)
            continue;
        const out = { label: block.label, line: block.line, endLine: block.endLine, der: block.der, base64: block.base64 };
        if (block.headers !== undefined)
            out.headers = block.headers;
        blocks.push(out);
    }
    return { blocks, findings: result.findings };
}

;// CONCATENATED MODULE: ./src/pem/der.ts
// A small strict DER reader. It exists because a schema-driven ASN.1 parser costs about twice a whole
// `new X509Certificate()` per certificate, and the validator must stay within 2× of that; it also lets
// us see what Node hides (raw names, extension criticality and duplicates, EC parameter encoding).
// It follows the DER rules Go's crypto/x509 enforces, since Cloudflare's API is written in Go.
class DerError extends Error {
}
const TAG = {
    BOOLEAN: 0x01,
    INTEGER: 0x02,
    BIT_STRING: 0x03,
    OCTET_STRING: 0x04,
    NULL: 0x05,
    OID: 0x06,
    UTF8_STRING: 0x0c,
    NUMERIC_STRING: 0x12,
    PRINTABLE_STRING: 0x13,
    TELETEX_STRING: 0x14,
    IA5_STRING: 0x16,
    UTC_TIME: 0x17,
    GENERALIZED_TIME: 0x18,
    VISIBLE_STRING: 0x1a,
    UNIVERSAL_STRING: 0x1c,
    BMP_STRING: 0x1e,
    SEQUENCE: 0x30,
    SET: 0x31
};
function byteAt(bytes, index) {
    return bytes[index] ?? 0;
}
function readTlv(bytes, offset, limit) {
    if (offset + 2 > limit)
        throw new DerError('unexpected end of data');
    const tag = byteAt(bytes, offset);
    if ((tag & 0x1f) === 0x1f)
        throw new DerError('high-tag-number form is not used in certificates');
    const first = byteAt(bytes, offset + 1);
    let contentStart = offset + 2;
    let length = first;
    if (first === 0x80)
        throw new DerError('indefinite length is not allowed in DER');
    if (first > 0x80) {
        const count = first & 0x7f;
        if (count > 4)
            throw new DerError('length field too long');
        if (contentStart + count > limit)
            throw new DerError('unexpected end of data in length');
        if (byteAt(bytes, contentStart) === 0)
            throw new DerError('non-minimal length encoding');
        length = 0;
        for (let i = 0; i < count; i++)
            length = length * 256 + byteAt(bytes, contentStart + i);
        if (length < 0x80)
            throw new DerError('non-minimal length encoding');
        contentStart += count;
    }
    const end = contentStart + length;
    if (end > limit)
        throw new DerError(`element is ${end - limit} bytes longer than the data (truncated?)`);
    return { tag, start: offset, contentStart, end };
}
function expectTlv(bytes, offset, limit, tag, what) {
    const tlv = readTlv(bytes, offset, limit);
    if (tlv.tag !== tag)
        throw new DerError(`${what}: expected tag 0x${hex2(tag)}, found 0x${hex2(tlv.tag)}`);
    return tlv;
}
/** The elements inside a constructed TLV. */
function children(bytes, parent) {
    const out = [];
    let offset = parent.contentStart;
    while (offset < parent.end) {
        const tlv = readTlv(bytes, offset, parent.end);
        out.push(tlv);
        offset = tlv.end;
    }
    return out;
}
function content(bytes, tlv) {
    return bytes.subarray(tlv.contentStart, tlv.end);
}
function whole(bytes, tlv) {
    return bytes.subarray(tlv.start, tlv.end);
}
function readOid(bytes, tlv) {
    if (tlv.tag !== TAG.OID)
        throw new DerError(`expected OBJECT IDENTIFIER, found tag 0x${hex2(tlv.tag)}`);
    if (tlv.end === tlv.contentStart)
        throw new DerError('empty OBJECT IDENTIFIER');
    let text = '';
    // Plain numbers while an arc fits in 2^46 (every OID in practice); BigInt only for UUID-style arcs.
    let value = 0;
    let big;
    let started = false;
    for (let i = tlv.contentStart; i < tlv.end; i++) {
        const b = byteAt(bytes, i);
        if (!started && b === 0x80)
            throw new DerError('non-minimal OBJECT IDENTIFIER arc');
        started = true;
        if (big !== undefined)
            big = (big << 7n) | BigInt(b & 0x7f);
        else if (value >= 2 ** 46)
            big = (BigInt(value) << 7n) | BigInt(b & 0x7f);
        else
            value = value * 128 + (b & 0x7f);
        if ((b & 0x80) === 0) {
            if (text === '') {
                if (big !== undefined)
                    text = `2.${(big - 80n).toString()}`;
                else
                    text = value < 40 ? `0.${value}` : value < 80 ? `1.${value - 40}` : `2.${value - 80}`;
            }
            else {
                text += `.${big === undefined ? value : big.toString()}`;
            }
            value = 0;
            big = undefined;
            started = false;
        }
    }
    if (started)
        throw new DerError('truncated OBJECT IDENTIFIER');
    return text;
}
function readBoolean(bytes, tlv) {
    if (tlv.tag !== TAG.BOOLEAN || tlv.end - tlv.contentStart !== 1)
        throw new DerError('malformed BOOLEAN');
    const b = byteAt(bytes, tlv.contentStart);
    if (b !== 0 && b !== 0xff)
        throw new DerError('BOOLEAN must be 0x00 or 0xFF in DER');
    return b === 0xff;
}
/** Content octets of an INTEGER, checked for minimal two's-complement encoding. */
function readIntegerBytes(bytes, tlv) {
    if (tlv.tag !== TAG.INTEGER)
        throw new DerError(`expected INTEGER, found tag 0x${hex2(tlv.tag)}`);
    const value = content(bytes, tlv);
    if (value.length === 0)
        throw new DerError('empty INTEGER');
    if (value.length > 1) {
        const a = byteAt(value, 0);
        const b = byteAt(value, 1);
        if ((a === 0 && (b & 0x80) === 0) || (a === 0xff && (b & 0x80) !== 0))
            throw new DerError('non-minimal INTEGER encoding');
    }
    return value;
}
function integerToBigInt(value) {
    let n = 0n;
    for (const b of value)
        n = (n << 8n) | BigInt(b);
    if (value.length > 0 && (byteAt(value, 0) & 0x80) !== 0)
        n -= 1n << BigInt(value.length * 8);
    return n;
}
function readSmallInteger(bytes, tlv) {
    const value = readIntegerBytes(bytes, tlv);
    if (value.length > 6)
        throw new DerError('INTEGER too large');
    return Number(integerToBigInt(value));
}
function readBitString(bytes, tlv) {
    if (tlv.tag !== TAG.BIT_STRING)
        throw new DerError(`expected BIT STRING, found tag 0x${hex2(tlv.tag)}`);
    if (tlv.end === tlv.contentStart)
        throw new DerError('empty BIT STRING');
    const unusedBits = byteAt(bytes, tlv.contentStart);
    if (unusedBits > 7 || (unusedBits > 0 && tlv.end - tlv.contentStart === 1))
        throw new DerError('malformed BIT STRING');
    return { unusedBits, bytes: bytes.subarray(tlv.contentStart + 1, tlv.end) };
}
const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
function readTime(bytes, tlv) {
    const text = latin1(content(bytes, tlv));
    let match;
    let year;
    if (tlv.tag === TAG.UTC_TIME) {
        match = UTC_TIME.exec(text);
        if (match === null)
            throw new DerError(`malformed UTCTime "${printable(text)}"`);
        const yy = Number(match[1]);
        // RFC 5280 §4.1.2.5.1: two-digit years 50..99 are 19xx.
        year = yy >= 50 ? 1900 + yy : 2000 + yy;
    }
    else if (tlv.tag === TAG.GENERALIZED_TIME) {
        match = GENERALIZED_TIME.exec(text);
        if (match === null)
            throw new DerError(`malformed GeneralizedTime "${printable(text)}"`);
        year = Number(match[1]);
    }
    else {
        throw new DerError(`expected a time, found tag 0x${hex2(tlv.tag)}`);
    }
    const [month, day, hour, minute, second] = [2, 3, 4, 5, 6].map((i) => Number(match?.[i]));
    if (month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined) {
        throw new DerError('malformed time');
    }
    const ms = Date.UTC(year, month - 1, day, hour, minute, second);
    const date = new Date(ms);
    // Date.UTC silently rolls 31 February over to March; a certificate saying so is malformed.
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
        throw new DerError(`invalid date "${printable(text)}"`);
    }
    if (year < 100)
        date.setUTCFullYear(year);
    return date;
}
function latin1(bytes) {
    // One code unit per byte, as String.fromCharCode(byte) would give, in one call.
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
function printable(text) {
    return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 40);
}
function hex2(n) {
    return n.toString(16).padStart(2, '0');
}
function bytesEqual(a, b) {
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++)
        if (a[i] !== b[i])
            return false;
    return true;
}

;// CONCATENATED MODULE: ./src/pem/oids.ts
// Names follow Cloudflare's API ("SHA256WithRSA", "ECDSAWithSHA384") so what we report reads the same
// as what the API returns for an uploaded certificate.
const SIGNATURE_ALGORITHMS = new Map([
    ['1.2.840.113549.1.1.2', 'MD2WithRSA'],
    ['1.2.840.113549.1.1.3', 'MD4WithRSA'],
    ['1.2.840.113549.1.1.4', 'MD5WithRSA'],
    ['1.2.840.113549.1.1.5', 'SHA1WithRSA'],
    ['1.2.840.113549.1.1.10', 'RSASSA-PSS'],
    ['1.2.840.113549.1.1.11', 'SHA256WithRSA'],
    ['1.2.840.113549.1.1.12', 'SHA384WithRSA'],
    ['1.2.840.113549.1.1.13', 'SHA512WithRSA'],
    ['1.2.840.113549.1.1.14', 'SHA224WithRSA'],
    ['1.3.14.3.2.29', 'SHA1WithRSA-OIW'],
    ['1.2.840.10045.4.1', 'ECDSAWithSHA1'],
    ['1.2.840.10045.4.3.1', 'ECDSAWithSHA224'],
    ['1.2.840.10045.4.3.2', 'ECDSAWithSHA256'],
    ['1.2.840.10045.4.3.3', 'ECDSAWithSHA384'],
    ['1.2.840.10045.4.3.4', 'ECDSAWithSHA512'],
    ['1.2.840.10040.4.3', 'DSAWithSHA1'],
    ['2.16.840.1.101.3.4.3.1', 'DSAWithSHA224'],
    ['2.16.840.1.101.3.4.3.2', 'DSAWithSHA256'],
    ['1.3.101.112', 'Ed25519'],
    ['1.3.101.113', 'Ed448'],
    ['1.2.156.10197.1.501', 'SM2WithSM3'],
    ['2.16.840.1.101.3.4.3.17', 'ML-DSA-44'],
    ['2.16.840.1.101.3.4.3.18', 'ML-DSA-65'],
    ['2.16.840.1.101.3.4.3.19', 'ML-DSA-87']
]);
/** The BYO CA list from Cloudflare's documentation. */
const CLOUDFLARE_SIGNATURE_ALGORITHMS = new Set([
    'SHA1WithRSA',
    'SHA256WithRSA',
    'SHA384WithRSA',
    'SHA512WithRSA',
    'ECDSAWithSHA1',
    'ECDSAWithSHA256',
    'ECDSAWithSHA384',
    'ECDSAWithSHA512'
]);
const INSECURE_SIGNATURE_ALGORITHMS = new Set(['MD2WithRSA', 'MD4WithRSA', 'MD5WithRSA']);
const SHA1_SIGNATURE_ALGORITHMS = new Set(['SHA1WithRSA', 'SHA1WithRSA-OIW', 'ECDSAWithSHA1', 'DSAWithSHA1']);
const KEY_ALGORITHM = {
    RSA: '1.2.840.113549.1.1.1',
    RSA_PSS: '1.2.840.113549.1.1.10',
    EC: '1.2.840.10045.2.1',
    DSA: '1.2.840.10040.4.1',
    ED25519: '1.3.101.112',
    ED448: '1.3.101.113',
    X25519: '1.3.101.110',
    X448: '1.3.101.111'
};
const CURVES = new Map([
    ['1.2.840.10045.3.1.1', 'P-192'],
    ['1.3.132.0.33', 'P-224'],
    ['1.2.840.10045.3.1.7', 'P-256'],
    ['1.3.132.0.34', 'P-384'],
    ['1.3.132.0.35', 'P-521'],
    ['1.3.132.0.10', 'secp256k1'],
    ['1.3.36.3.3.2.8.1.1.7', 'brainpoolP256r1'],
    ['1.3.36.3.3.2.8.1.1.11', 'brainpoolP384r1'],
    ['1.3.36.3.3.2.8.1.1.13', 'brainpoolP512r1'],
    ['1.2.156.10197.1.301', 'SM2']
]);
/** Node/OpenSSL curve names → the NIST names we report. */
const NODE_CURVE_NAMES = new Map([
    ['prime192v1', 'P-192'],
    ['secp224r1', 'P-224'],
    ['prime256v1', 'P-256'],
    ['secp384r1', 'P-384'],
    ['secp521r1', 'P-521'],
    ['secp256k1', 'secp256k1']
]);
const EXTENSION = {
    SUBJECT_KEY_IDENTIFIER: '2.5.29.14',
    KEY_USAGE: '2.5.29.15',
    SUBJECT_ALT_NAME: '2.5.29.17',
    BASIC_CONSTRAINTS: '2.5.29.19',
    AUTHORITY_KEY_IDENTIFIER: '2.5.29.35',
    EXT_KEY_USAGE: '2.5.29.37'
};
// Extensions a path validator (Go's crypto/x509, OpenSSL) understands; a critical extension outside this
// set makes them reject the certificate, so we must too.
const KNOWN_EXTENSIONS = new Set([
    '2.5.29.9', // subjectDirectoryAttributes
    '2.5.29.14',
    '2.5.29.15',
    '2.5.29.16', // privateKeyUsagePeriod
    '2.5.29.17',
    '2.5.29.18', // issuerAltName
    '2.5.29.19',
    '2.5.29.30', // nameConstraints
    '2.5.29.31', // cRLDistributionPoints
    '2.5.29.32', // certificatePolicies
    '2.5.29.33', // policyMappings
    '2.5.29.35',
    '2.5.29.36', // policyConstraints
    '2.5.29.37',
    '2.5.29.46', // freshestCRL
    '2.5.29.54', // inhibitAnyPolicy
    '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
    '1.3.6.1.5.5.7.1.11', // subjectInfoAccess
    '1.3.6.1.5.5.7.1.24', // TLS feature (must-staple)
    '1.3.6.1.4.1.11129.2.4.2' // CT SCT list
]);
const EKU_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const EKU_ANY = '2.5.29.37.0';
// RFC 4514 §3 names, plus the few others openssl prints by name, so subjects read like `openssl -nameopt RFC2253`.
const ATTRIBUTE_NAMES = new Map([
    ['2.5.4.3', 'CN'],
    ['2.5.4.4', 'SN'],
    ['2.5.4.5', 'serialNumber'],
    ['2.5.4.6', 'C'],
    ['2.5.4.7', 'L'],
    ['2.5.4.8', 'ST'],
    ['2.5.4.9', 'STREET'],
    ['2.5.4.10', 'O'],
    ['2.5.4.11', 'OU'],
    ['2.5.4.12', 'title'],
    ['2.5.4.15', 'businessCategory'],
    ['2.5.4.17', 'postalCode'],
    ['2.5.4.42', 'GN'],
    ['2.5.4.43', 'initials'],
    ['2.5.4.44', 'generationQualifier'],
    ['2.5.4.46', 'dnQualifier'],
    ['2.5.4.65', 'pseudonym'],
    ['2.5.4.97', 'organizationIdentifier'],
    ['0.9.2342.19200300.100.1.1', 'UID'],
    ['0.9.2342.19200300.100.1.25', 'DC'],
    ['1.2.840.113549.1.9.1', 'emailAddress'],
    ['1.3.6.1.4.1.311.60.2.1.1', 'jurisdictionL'],
    ['1.3.6.1.4.1.311.60.2.1.2', 'jurisdictionST'],
    ['1.3.6.1.4.1.311.60.2.1.3', 'jurisdictionC']
]);

;// CONCATENATED MODULE: ./src/pem/certificate.ts


/** Throws DerError with a reason a person can act on. */
function parseCertificateDer(der) {
    const cert = expectTlv(der, 0, der.length, TAG.SEQUENCE, 'Certificate');
    if (cert.end !== der.length)
        throw new DerError(`${der.length - cert.end} unexpected bytes after the certificate`);
    const parts = children(der, cert);
    if (parts.length !== 3)
        throw new DerError(`Certificate has ${parts.length} elements instead of 3`);
    const [tbsTlv, outerAlgTlv, signatureTlv] = parts;
    if (tbsTlv.tag !== TAG.SEQUENCE)
        throw new DerError('TBSCertificate is not a SEQUENCE');
    const outerAlgorithm = readAlgorithm(der, outerAlgTlv, 'signatureAlgorithm');
    readBitString(der, signatureTlv);
    const fields = children(der, tbsTlv);
    let i = 0;
    let version = 1;
    const first = fields[0];
    if (first !== undefined && first.tag === 0xa0) {
        const inner = children(der, first);
        if (inner.length !== 1 || inner[0] === undefined)
            throw new DerError('malformed version');
        const v = readSmallInteger(der, inner[0]);
        if (v < 0 || v > 2)
            throw new DerError(`unknown certificate version ${v + 1}`);
        version = v + 1;
        i++;
    }
    const next = (what) => {
        const tlv = fields[i++];
        if (tlv === undefined)
            throw new DerError(`TBSCertificate ends before its ${what}`);
        return tlv;
    };
    const serial = readIntegerBytes(der, next('serialNumber'));
    const innerAlgorithm = readAlgorithm(der, next('signature'), 'TBS signature');
    const issuer = readName(der, next('issuer'), 'issuer');
    const validity = next('validity');
    if (validity.tag !== TAG.SEQUENCE)
        throw new DerError('validity is not a SEQUENCE');
    const times = children(der, validity);
    if (times.length !== 2 || times[0] === undefined || times[1] === undefined)
        throw new DerError('validity must hold exactly two times');
    const notBefore = readTime(der, times[0]);
    const notAfter = readTime(der, times[1]);
    const subject = readName(der, next('subject'), 'subject');
    const spkiTlv = next('subjectPublicKeyInfo');
    if (spkiTlv.tag !== TAG.SEQUENCE)
        throw new DerError('subjectPublicKeyInfo is not a SEQUENCE');
    const spkiParts = children(der, spkiTlv);
    if (spkiParts.length !== 2 || spkiParts[0] === undefined || spkiParts[1] === undefined) {
        throw new DerError('malformed subjectPublicKeyInfo');
    }
    const keyAlgorithm = readAlgorithm(der, spkiParts[0], 'public key algorithm');
    const publicKey = readBitString(der, spkiParts[1]).bytes;
    let extensions = [];
    for (; i < fields.length; i++) {
        const tlv = fields[i];
        if (tlv.tag === 0x81 || tlv.tag === 0x82 || tlv.tag === 0xa1 || tlv.tag === 0xa2) {
            if (version < 2)
                throw new DerError('unique identifiers require version 2 or 3');
            continue;
        }
        if (tlv.tag === 0xa3) {
            if (version !== 3)
                throw new DerError('extensions present but the certificate is not version 3');
            if (i !== fields.length - 1)
                throw new DerError('data after the extensions');
            extensions = readExtensions(der, tlv);
            continue;
        }
        throw new DerError(`unexpected element (tag 0x${tlv.tag.toString(16)}) in TBSCertificate`);
    }
    return {
        der,
        version,
        serial,
        innerAlgorithm,
        outerAlgorithm,
        issuer,
        subject,
        notBefore,
        notAfter,
        spki: whole(der, spkiTlv),
        keyAlgorithm,
        publicKey,
        extensions
    };
}
function readAlgorithm(der, tlv, what) {
    if (tlv.tag !== TAG.SEQUENCE)
        throw new DerError(`${what} is not an AlgorithmIdentifier`);
    const parts = children(der, tlv);
    if (parts.length < 1 || parts.length > 2 || parts[0] === undefined)
        throw new DerError(`malformed ${what}`);
    const algorithm = { oid: readOid(der, parts[0]), raw: whole(der, tlv) };
    if (parts[1] !== undefined)
        algorithm.parameters = { tag: parts[1].tag, raw: whole(der, parts[1]) };
    return algorithm;
}
function readName(der, tlv, what) {
    if (tlv.tag !== TAG.SEQUENCE)
        throw new DerError(`${what} is not a Name`);
    const rdns = [];
    for (const set of children(der, tlv)) {
        if (set.tag !== TAG.SET)
            throw new DerError(`${what} contains a non-SET RDN`);
        const rdn = [];
        for (const atv of children(der, set)) {
            if (atv.tag !== TAG.SEQUENCE)
                throw new DerError(`${what} contains a malformed attribute`);
            const pair = children(der, atv);
            if (pair.length !== 2 || pair[0] === undefined || pair[1] === undefined)
                throw new DerError(`${what} contains a malformed attribute`);
            rdn.push({ oid: readOid(der, pair[0]), tag: pair[1].tag, value: content(der, pair[1]), raw: whole(der, pair[1]) });
        }
        // X.501 forbids an empty RDN, but Go and OpenSSL accept one, so it is not worth failing the parse over.
        rdns.push(rdn);
    }
    return { raw: whole(der, tlv), rdns };
}
function readExtensions(der, wrapper) {
    const inner = children(der, wrapper);
    if (inner.length !== 1 || inner[0] === undefined || inner[0].tag !== TAG.SEQUENCE)
        throw new DerError('malformed extensions');
    const out = [];
    for (const ext of children(der, inner[0])) {
        if (ext.tag !== TAG.SEQUENCE)
            throw new DerError('malformed extension');
        const parts = children(der, ext);
        const oidTlv = parts[0];
        if (oidTlv === undefined)
            throw new DerError('empty extension');
        let critical = false;
        let valueTlv = parts[1];
        if (parts.length === 3) {
            critical = readBoolean(der, parts[1]);
            // DER forbids encoding a DEFAULT value, and Go rejects it.
            if (!critical)
                throw new DerError('extension encodes critical=FALSE explicitly (not DER)');
            valueTlv = parts[2];
        }
        else if (parts.length !== 2) {
            throw new DerError('malformed extension');
        }
        if (valueTlv === undefined || valueTlv.tag !== TAG.OCTET_STRING)
            throw new DerError('extension value is not an OCTET STRING');
        out.push({ oid: readOid(der, oidTlv), critical, value: content(der, valueTlv) });
    }
    return out;
}
function decodeBasicConstraints(value) {
    const seq = expectTlv(value, 0, value.length, TAG.SEQUENCE, 'basicConstraints');
    if (seq.end !== value.length)
        throw new DerError('trailing data in basicConstraints');
    const result = { ca: false };
    for (const tlv of children(value, seq)) {
        if (tlv.tag === TAG.BOOLEAN)
            result.ca = readBoolean(value, tlv);
        else if (tlv.tag === TAG.INTEGER)
            result.pathLen = readSmallInteger(value, tlv);
        else
            throw new DerError('unexpected element in basicConstraints');
    }
    return result;
}
/** Bit n of a KeyUsage BIT STRING (0 = digitalSignature, 5 = keyCertSign). */
function decodeKeyUsage(value) {
    const tlv = readTlv(value, 0, value.length);
    if (tlv.end !== value.length)
        throw new DerError('trailing data in keyUsage');
    const bits = readBitString(value, tlv).bytes;
    return (bit) => (byteAt(bits, bit >> 3) & (0x80 >> (bit & 7))) !== 0;
}
function decodeExtKeyUsage(value) {
    const seq = expectTlv(value, 0, value.length, TAG.SEQUENCE, 'extKeyUsage');
    if (seq.end !== value.length)
        throw new DerError('trailing data in extKeyUsage');
    return children(value, seq).map((tlv) => readOid(value, tlv));
}
function decodeKeyIdentifier(value) {
    const tlv = expectTlv(value, 0, value.length, TAG.OCTET_STRING, 'subjectKeyIdentifier');
    return content(value, tlv);
}
function decodeAuthorityKeyIdentifier(value) {
    const seq = expectTlv(value, 0, value.length, TAG.SEQUENCE, 'authorityKeyIdentifier');
    for (const tlv of children(value, seq))
        if (tlv.tag === 0x80)
            return content(value, tlv);
    return undefined;
}
// ---- names ---------------------------------------------------------------------------------------
function attributeValueString(attr) {
    switch (attr.tag) {
        case TAG.UTF8_STRING:
            return Buffer.from(attr.value.buffer, attr.value.byteOffset, attr.value.byteLength).toString('utf8');
        case TAG.PRINTABLE_STRING:
        case TAG.IA5_STRING:
        case TAG.NUMERIC_STRING:
        case TAG.VISIBLE_STRING:
        case TAG.TELETEX_STRING:
            // One code unit per byte, as String.fromCharCode(byte) would give, in one call.
            return Buffer.from(attr.value.buffer, attr.value.byteOffset, attr.value.byteLength).toString('latin1');
        case TAG.BMP_STRING: {
            let s = '';
            for (let i = 0; i + 1 < attr.value.length; i += 2)
                s += String.fromCharCode((byteAt(attr.value, i) << 8) | byteAt(attr.value, i + 1));
            return s;
        }
        case TAG.UNIVERSAL_STRING: {
            let s = '';
            for (let i = 0; i + 3 < attr.value.length; i += 4) {
                const cp = ((byteAt(attr.value, i) << 24) | (byteAt(attr.value, i + 1) << 16) | (byteAt(attr.value, i + 2) << 8) | byteAt(attr.value, i + 3)) >>> 0;
                s += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
            }
            return s;
        }
        default:
            return undefined;
    }
}
const RFC4514_SPECIAL = /[\\"+,;<>\u0000-\u001f\u007f]/;
function escapeRfc4514(value) {
    // Most values need no escaping: skip the replacements (names are formatted twice per certificate).
    if (!RFC4514_SPECIAL.test(value) && !value.startsWith('#') && !value.startsWith(' ') && !value.endsWith(' '))
        return value;
    let out = value.replace(/[\\"+,;<>]/g, (c) => `\\${c}`);
    out = out.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
    if (out.startsWith('#') || out.startsWith(' '))
        out = `\\${out}`;
    if (out.endsWith(' ') && out.length > 1)
        out = `${out.slice(0, -1)}\\ `;
    return out;
}
/** RFC 4514 order: the last RDN first, as `openssl -nameopt RFC2253` prints it. */
function formatName(name) {
    const parts = [];
    for (let r = name.rdns.length - 1; r >= 0; r--) {
        const rdn = name.rdns[r] ?? [];
        if (rdn.length === 0)
            continue;
        parts.push(rdn
            .map((attr) => {
            const type = ATTRIBUTE_NAMES.get(attr.oid) ?? attr.oid;
            const text = attributeValueString(attr);
            return `${type}=${text === undefined ? `#${Buffer.from(attr.raw).toString('hex')}` : escapeRfc4514(text)}`;
        })
            .join('+'));
    }
    return parts.join(',');
}
/**
 * A key for issuer lookup: RFC 5280 §7.1 compares names attribute by attribute after case folding and
 * whitespace compression; RDN order still matters, as it does for Go and OpenSSL.
 */
function canonicalName(name) {
    return name.rdns
        .map((rdn) => rdn
        .map((attr) => {
        const text = attributeValueString(attr);
        const value = text === undefined ? `#${Buffer.from(attr.raw).toString('hex')}` : text.trim().replace(/\s+/g, ' ').toLowerCase();
        return `${attr.oid}=${value}`;
    })
        .sort()
        .join('\u0001'))
        .join('\u0000');
}
// ---- algorithms and keys -------------------------------------------------------------------------
function signatureAlgorithmName(algorithm) {
    return SIGNATURE_ALGORITHMS.get(algorithm.oid) ?? algorithm.oid;
}
function describeKey(cert) {
    const { oid, parameters } = cert.keyAlgorithm;
    switch (oid) {
        case KEY_ALGORITHM.RSA:
        case KEY_ALGORITHM.RSA_PSS:
            return { type: oid === KEY_ALGORITHM.RSA ? 'RSA' : 'RSA-PSS', bits: rsaModulusBits(cert.publicKey) };
        case KEY_ALGORITHM.EC: {
            if (parameters === undefined)
                return { type: 'EC', explicitCurve: true };
            if (parameters.tag !== TAG.OID)
                return { type: 'EC', explicitCurve: true };
            const curveOid = readOid(parameters.raw, readTlv(parameters.raw, 0, parameters.raw.length));
            return { type: 'EC', curve: CURVES.get(curveOid) ?? curveOid };
        }
        case KEY_ALGORITHM.ED25519:
            return { type: 'Ed25519' };
        case KEY_ALGORITHM.ED448:
            return { type: 'Ed448' };
        case KEY_ALGORITHM.DSA:
            return { type: 'DSA' };
        default:
            return { type: oid };
    }
}
function rsaModulusBits(publicKey) {
    try {
        const seq = expectTlv(publicKey, 0, publicKey.length, TAG.SEQUENCE, 'RSAPublicKey');
        const modulusTlv = children(publicKey, seq)[0];
        if (modulusTlv === undefined || modulusTlv.tag !== TAG.INTEGER)
            return undefined;
        let start = modulusTlv.contentStart;
        while (start < modulusTlv.end && byteAt(publicKey, start) === 0)
            start++;
        if (start === modulusTlv.end)
            return 0;
        return (modulusTlv.end - start - 1) * 8 + (32 - Math.clz32(byteAt(publicKey, start)));
    }
    catch {
        return undefined;
    }
}
function formatKey(info) {
    if (info.bits !== undefined)
        return `${info.type} ${info.bits}`;
    if (info.curve !== undefined)
        return `${info.type} ${info.curve}${info.explicitCurve === true ? ' (explicit parameters)' : ''}`;
    if (info.explicitCurve === true)
        return `${info.type} (explicit parameters)`;
    return info.type;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/pem/entry.ts




const RECORD_LIMIT = 4096;
const records = new Map();
function parseEntry(block, index, add) {
    let record = records.get(block.base64);
    if (record === undefined) {
        record = buildRecord(block, index, add);
        if (record === undefined)
            return undefined;
        // What recurs across files is the issuers after a bundle's first certificate; keeping every first
        // certificate (leaves, single CAs) alive would only grow the heap the garbage collector must copy.
        if (index > 0 && (record.basicConstraints?.ca === true || record.subjectKey === record.issuerKey)) {
            if (records.size >= RECORD_LIMIT)
                records.clear();
            records.set(block.base64, record);
        }
    }
    const entry = {
        index,
        block,
        parsed: record.parsed,
        node: record.node,
        subject: record.subject,
        issuerName: record.issuerName,
        subjectKey: record.subjectKey,
        issuerKey: record.issuerKey,
        selfIssued: record.subjectKey === record.issuerKey,
        keyInfo: record.keyInfo,
        signatureAlgorithm: record.signatureAlgorithm,
        fingerprint: record.fingerprint,
        basicConstraintsCritical: record.basicConstraintsCritical,
        badSignature: false,
        record
    };
    if (record.basicConstraints !== undefined)
        entry.basicConstraints = record.basicConstraints;
    if (record.keyUsage !== undefined)
        entry.keyUsage = record.keyUsage;
    if (record.extKeyUsage !== undefined)
        entry.extKeyUsage = record.extKeyUsage;
    if (record.subjectKeyId !== undefined)
        entry.subjectKeyId = record.subjectKeyId;
    if (record.authorityKeyId !== undefined)
        entry.authorityKeyId = record.authorityKeyId;
    if (record.problems.length > 0) {
        const name = label(entry);
        for (const [code, tail] of record.problems)
            add(code, `${name}${tail}`, block.line, index);
    }
    return entry;
}
/** Parses a certificate not seen before in this run; undefined (with its finding added) when it does not parse. */
function buildRecord(block, index, add) {
    const where = `Certificate ${index + 1} (line ${block.line})`;
    let parsed;
    try {
        parsed = parseCertificateDer(block.der);
    }
    catch (error) {
        const reason = error instanceof DerError ? error.message : `unexpected structure (${error instanceof Error ? error.message : String(error)})`;
        add('CERT_UNPARSEABLE', `${where} is not a valid DER X.509 certificate (${reason}); it is corrupted or truncated — obtain it again from its issuer.`, block.line, index);
        return undefined;
    }
    let node;
    try {
        node = new external_node_crypto_.X509Certificate(Buffer.from(block.der.buffer, block.der.byteOffset, block.der.byteLength));
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        add('CERT_UNPARSEABLE', `${where} is rejected by OpenSSL (${reason}); it is malformed — obtain it again from its issuer.`, block.line, index);
        return undefined;
    }
    const subjectKey = canonicalName(parsed.subject);
    const record = {
        parsed,
        node,
        subject: formatName(parsed.subject),
        issuerName: formatName(parsed.issuer),
        subjectKey,
        issuerKey: canonicalName(parsed.issuer),
        keyInfo: { type: 'unknown' },
        signatureAlgorithm: signatureAlgorithmName(parsed.outerAlgorithm),
        fingerprint: (0,external_node_crypto_.createHash)('sha256').update(block.der).digest('hex'),
        basicConstraintsCritical: false,
        problems: [],
        verified: new Map()
    };
    try {
        record.keyInfo = describeKey(parsed);
    }
    catch (error) {
        record.problems.push(['CERT_UNPARSEABLE', ` has a malformed public key (${error instanceof Error ? error.message : String(error)}); reissue it.`]);
    }
    if (record.keyInfo.explicitCurve === true) {
        // Node/OpenSSL recognise a well-known curve even when spelled out, which names it for the message.
        try {
            const named = node.publicKey.asymmetricKeyDetails?.namedCurve;
            if (named !== undefined)
                record.keyInfo.curve = NODE_CURVE_NAMES.get(named) ?? named;
        }
        catch {
            // the curve stays unnamed
        }
    }
    decodeExtensions(record);
    return record;
}
function decodeExtensions(record) {
    const seen = new Set();
    const reported = new Set();
    for (const ext of record.parsed.extensions) {
        if (seen.has(ext.oid)) {
            if (!reported.has(ext.oid)) {
                reported.add(ext.oid);
                record.problems.push([
                    'CERT_DUPLICATE_EXTENSION',
                    ` contains extension ${extensionName(ext.oid)} more than once; RFC 5280 forbids this and Go rejects it — reissue the certificate.`
                ]);
            }
            continue;
        }
        seen.add(ext.oid);
        if (ext.critical && !KNOWN_EXTENSIONS.has(ext.oid)) {
            record.problems.push([
                'CERT_UNKNOWN_CRITICAL_EXTENSION',
                ` has an unknown critical extension ${extensionName(ext.oid)}; verifiers must reject it — reissue without it or mark it non-critical.`
            ]);
        }
        try {
            if (ext.oid === EXTENSION.BASIC_CONSTRAINTS) {
                record.basicConstraints = decodeBasicConstraints(ext.value);
                record.basicConstraintsCritical = ext.critical;
            }
            else if (ext.oid === EXTENSION.KEY_USAGE) {
                record.keyUsage = decodeKeyUsage(ext.value);
            }
            else if (ext.oid === EXTENSION.EXT_KEY_USAGE) {
                record.extKeyUsage = decodeExtKeyUsage(ext.value);
            }
            else if (ext.oid === EXTENSION.SUBJECT_KEY_IDENTIFIER) {
                record.subjectKeyId = decodeKeyIdentifier(ext.value);
            }
            else if (ext.oid === EXTENSION.AUTHORITY_KEY_IDENTIFIER) {
                record.authorityKeyId = decodeAuthorityKeyIdentifier(ext.value);
            }
        }
        catch (error) {
            record.problems.push([
                'CERT_MALFORMED_EXTENSION',
                ` has a malformed ${extensionName(ext.oid)} extension (${error instanceof Error ? error.message : String(error)}); reissue the certificate.`
            ]);
        }
    }
}
const EXTENSION_NAMES = new Map([
    ['2.5.29.14', 'subjectKeyIdentifier'],
    ['2.5.29.15', 'keyUsage'],
    ['2.5.29.17', 'subjectAltName'],
    ['2.5.29.19', 'basicConstraints'],
    ['2.5.29.31', 'cRLDistributionPoints'],
    ['2.5.29.32', 'certificatePolicies'],
    ['2.5.29.35', 'authorityKeyIdentifier'],
    ['2.5.29.37', 'extKeyUsage'],
    ['1.3.6.1.5.5.7.1.1', 'authorityInfoAccess'],
    ['2.16.840.1.113730.1.1', 'Netscape cert type'],
    ['2.16.840.1.113730.1.13', 'Netscape comment'],
    ['1.3.6.1.4.1.11129.2.4.3', 'CT precertificate poison']
]);
function extensionName(oid) {
    const name = EXTENSION_NAMES.get(oid);
    return name === undefined ? oid : `${name} (${oid})`;
}
function label(entry) {
    return `Certificate ${entry.index + 1} (${entry.subject === '' ? 'empty subject' : entry.subject})`;
}
function isSelfSigned(entry) {
    return entry.issuer === entry;
}

;// CONCATENATED MODULE: ./src/pem/chain.ts




function verifies(child, issuer, cache) {
    const key = `${child.index}>${issuer.index}`;
    const cached = cache.get(key);
    if (cached !== undefined)
        return cached;
    // Same bytes, same answer: a result from another file of this run (keyed by both certificates' records).
    const known = child.record !== undefined && issuer.record !== undefined ? child.record.verified.get(issuer.record) : undefined;
    let ok;
    if (known !== undefined) {
        ok = known;
    }
    else {
        try {
            ok = child.node.verify(issuer.node.publicKey);
        }
        catch {
            ok = false;
        }
        if (child.record !== undefined && issuer.record !== undefined)
            child.record.verified.set(issuer.record, ok);
    }
    cache.set(key, ok);
    return ok;
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
function resolveChain(entries, ctx) {
    const bySubject = new Map();
    const byFingerprint = new Map();
    for (const entry of entries) {
        const original = byFingerprint.get(entry.fingerprint);
        if (original !== undefined) {
            entry.duplicateOf = original;
            ctx.findings.push(makeFinding('CHAIN_DUPLICATE_CERTIFICATE', `${label(entry)} repeats certificate ${original.index + 1} (line ${original.block.line}); remove the copy.`, ctx.file, entry.block.line, entry.index));
            continue;
        }
        byFingerprint.set(entry.fingerprint, entry);
        const list = bySubject.get(entry.subjectKey);
        if (list === undefined)
            bySubject.set(entry.subjectKey, [entry]);
        else
            list.push(entry);
    }
    const cache = new Map();
    for (const entry of entries) {
        if (entry.duplicateOf !== undefined)
            continue;
        const candidates = bySubject.get(entry.issuerKey);
        if (candidates === undefined)
            continue;
        if (candidates.length === 1 && candidates[0] === entry && UNVERIFIABLE.has(entry.signatureAlgorithm) && claimsSelfSignature(entry)) {
            // OpenSSL 3 has no MD2/MD4: such a root (already a CERT_SIGNATURE_ALGORITHM_INSECURE error) is taken at its word.
            entry.issuer = entry;
            continue;
        }
        const ordered = candidates.length === 1 ? candidates : [...candidates].sort((a, b) => rank(entry, a) - rank(entry, b));
        const issuer = ordered.find((candidate) => verifies(entry, candidate, cache));
        if (issuer !== undefined) {
            entry.issuer = issuer;
            continue;
        }
        const others = ordered.filter((c) => c !== entry);
        if (entry.selfIssued && claimsSelfSignature(entry)) {
            entry.badSignature = true;
            entry.claimedIssuer = entry;
            const also = others.length === 0 ? '' : ` or with ${others.map((c) => `certificate ${c.index + 1}`).join(', ')} (same name)`;
            ctx.findings.push(makeFinding('CERT_BAD_SELF_SIGNATURE', `${label(entry)} is self-signed, but its signature does not verify with its own public key${also}; the certificate was altered or corrupted after it was signed — replace it with an intact copy from its source (compare the SHA-256 fingerprint).`, ctx.file, entry.block.line, entry.index));
            continue;
        }
        if (others.length === 0)
            continue;
        entry.badSignature = true;
        entry.claimedIssuer = others[0];
        const names = others.map((c) => `certificate ${c.index + 1}`).join(', ');
        ctx.findings.push(makeFinding('CHAIN_BAD_SIGNATURE', `${label(entry)} names ${names} as its issuer, but its signature does not verify with ${others.length > 1 ? 'their keys' : 'that key'}; it was signed by another key or is corrupted — include the certificate's real issuer.`, ctx.file, entry.block.line, entry.index));
    }
}
/** Signature algorithms Node's OpenSSL cannot verify: a failed check would say nothing about the bytes. */
const UNVERIFIABLE = new Set(['MD2WithRSA', 'MD4WithRSA']);
function claimsSelfSignature(entry) {
    const { subjectKeyId, authorityKeyId } = entry;
    if (subjectKeyId !== undefined && authorityKeyId !== undefined && !bytesEqual(subjectKeyId, authorityKeyId))
        return false;
    return signatureFitsKey(entry.parsed.outerAlgorithm.oid, entry.parsed.keyAlgorithm.oid);
}
function signatureFitsKey(signatureOid, keyOid) {
    if (signatureOid.startsWith('1.2.840.113549.1.1.'))
        return keyOid === KEY_ALGORITHM.RSA || (signatureOid === KEY_ALGORITHM.RSA_PSS && keyOid === KEY_ALGORITHM.RSA_PSS);
    if (signatureOid.startsWith('1.2.840.10045.4.'))
        return keyOid === KEY_ALGORITHM.EC;
    if (signatureOid === KEY_ALGORITHM.ED25519 || signatureOid === KEY_ALGORITHM.ED448)
        return keyOid === signatureOid;
    return false;
}
/** Try the certificate itself, then the next one in the file, then the rest in file order. */
function rank(entry, candidate) {
    if (candidate === entry)
        return -2;
    if (candidate.index === entry.index + 1)
        return -1;
    return candidate.index;
}
function checkBundle(entries, ctx) {
    const add = (code, message, entry) => {
        ctx.findings.push(makeFinding(code, message, ctx.file, entry.block.line, entry.index));
    };
    const unique = entries.filter((e) => e.duplicateOf === undefined);
    for (const entry of unique) {
        const issuer = entry.issuer;
        if (issuer !== undefined && issuer !== entry && issuer.index !== entry.index + 1) {
            add('CHAIN_ORDER', `${label(entry)} is issued by certificate ${issuer.index + 1}, which should come directly after it; order the file leaf first, each certificate followed by its issuer, root last.`, entry);
        }
    }
    if (ctx.profile === 'ca') {
        for (const entry of unique) {
            if (entry.issuer !== undefined || entry.badSignature || entry.basicConstraints?.ca !== true)
                continue;
            const why = entry.selfIssued ? 'names itself as issuer but is not signed by its own key' : `is issued by "${entry.issuerName}"`;
            add('CHAIN_ROOT_NOT_INCLUDED', `${label(entry)} ${why}, and that issuer is not in the file; append the root CA if client chains should be validated up to it.`, entry);
        }
    }
    checkPathLength(unique, ctx);
    if (ctx.profile === 'leaf') {
        const leaf = unique.find((e) => e.index === 0);
        if (leaf === undefined)
            return;
        const others = unique.filter((e) => e !== leaf);
        // A leaf alone is accepted (Cloudflare takes a client certificate without its chain). A leaf that
        // names another issuer, none of the file's certificates being it, while the file carries others
        // has a gap right after it: the intermediate is missing and something else sits in its place.
        // Whether those others belong above the missing issuer cannot be told, so they are not called unrelated.
        if (!leaf.selfIssued && leaf.issuer === undefined && leaf.claimedIssuer === undefined && others.length > 0) {
            const names = others.map((e) => `certificate ${e.index + 1}`).join(', ');
            add('LEAF_CHAIN_INCOMPLETE', `${label(leaf)} is issued by "${leaf.issuerName}", but no certificate in the file is that issuer while the file carries ${others.length === 1 ? 'another certificate' : `${others.length} other certificates`} (${names}); the chain is broken after the leaf — insert the certificate that issued the leaf (usually an intermediate CA) directly after it, and remove certificates that are not in its chain.`, leaf);
            return;
        }
        // Follow claimed issuers too: a bad signature is already an error, calling its issuer unrelated is noise.
        const chain = new Set([leaf]);
        for (let cur = leaf.issuer ?? leaf.claimedIssuer; cur !== undefined && !chain.has(cur); cur = cur.issuer ?? cur.claimedIssuer)
            chain.add(cur);
        for (const entry of unique) {
            if (chain.has(entry))
                continue;
            add('LEAF_UNRELATED_CERTIFICATE', `${label(entry)} is not an issuer of the leaf (certificate 1) or of its issuers; remove it from the upload.`, entry);
        }
    }
}
/**
 * RFC 5280 §4.2.1.9: pathLenConstraint bounds the number of non-self-issued intermediate CAs below a CA.
 * The bottom certificate counts as an intermediate when it is itself a CA (a CA upload issues client
 * certificates from it), except the leaf of a leaf upload.
 */
function checkPathLength(unique, ctx) {
    const reported = new Set();
    for (const bottom of unique) {
        const bottomIsIntermediate = bottom.basicConstraints?.ca === true && !bottom.selfIssued && !(ctx.profile === 'leaf' && bottom.index === 0);
        let below = bottomIsIntermediate ? 1 : 0;
        const seen = new Set([bottom]);
        for (let cur = bottom.issuer; cur !== undefined && !seen.has(cur); cur = cur.issuer) {
            seen.add(cur);
            const pathLen = cur.basicConstraints?.ca === true ? cur.basicConstraints.pathLen : undefined;
            if (pathLen !== undefined && below > pathLen && !reported.has(cur)) {
                reported.add(cur);
                ctx.findings.push(makeFinding('CA_PATH_LENGTH_EXCEEDED', `${label(cur)} allows ${pathLen} intermediate CA(s) below it (pathlen:${pathLen}) but ${below} follow it down to certificate ${bottom.index + 1}; remove the extra CA(s) or reissue with a larger pathlen.`, ctx.file, cur.block.line, cur.index));
            }
            if (!cur.selfIssued)
                below++;
        }
    }
}

// EXTERNAL MODULE: ./src/expiry.ts
var expiry = __webpack_require__(6440);
;// CONCATENATED MODULE: ./src/pem/checks.ts






const KEY_USAGE_DIGITAL_SIGNATURE = 0;
const KEY_USAGE_KEY_CERT_SIGN = 5;
function checkCertificate(entry, ctx) {
    const { options } = ctx;
    const add = (code, message) => {
        ctx.findings.push(makeFinding(code, message, ctx.file, entry.block.line, entry.index));
    };
    const cert = entry.parsed;
    const name = label(entry);
    if (!bytesEqual(cert.innerAlgorithm.raw, cert.outerAlgorithm.raw)) {
        add('CERT_SIGNATURE_ALGORITHM_MISMATCH', `${name} says ${signatureAlgorithmName(cert.innerAlgorithm)} inside the signed part but ${entry.signatureAlgorithm} outside; RFC 5280 requires them to be identical — reissue the certificate.`);
    }
    const caUpload = ctx.profile === 'ca';
    const algorithm = entry.signatureAlgorithm;
    if (INSECURE_SIGNATURE_ALGORITHMS.has(algorithm)) {
        add('CERT_SIGNATURE_ALGORITHM_INSECURE', `${name} is signed with ${algorithm}, which is broken; reissue it with SHA-256 or stronger.`);
    }
    else if (!CLOUDFLARE_SIGNATURE_ALGORITHMS.has(algorithm)) {
        if (caUpload) {
            add('CERT_SIGNATURE_ALGORITHM_UNSUPPORTED', `${name} is signed with ${algorithm}, which Cloudflare does not accept for a CA (only SHA1/256/384/512WithRSA and ECDSAWithSHA1/256/384/512); reissue it with RSA or ECDSA and SHA-256/384.`);
        }
        else {
            add('CERT_UNDOCUMENTED_ALGORITHM', `${name} is signed with ${algorithm}, outside Cloudflare's documented algorithms; prefer RSA or ECDSA with SHA-256/384.`);
        }
    }
    else if (SHA1_SIGNATURE_ALGORITHMS.has(algorithm)) {
        // A root whose self-signature fails is reported as such (CERT_BAD_SELF_SIGNATURE); SHA-1 is no issue of it.
        if (isSelfSigned(entry) || entry.claimedIssuer === entry) {
            add('CERT_SHA1_SELF_SIGNATURE', `${name} is a root with a SHA-1 self-signature; nothing to do, since a root's self-signature is not relied upon.`);
        }
        else {
            add('CERT_SHA1_SIGNATURE', `${name} is signed with ${algorithm}; SHA-1 is deprecated — reissue it with SHA-256 or stronger.`);
        }
    }
    checkKey(entry, caUpload, add);
    checkValidity(entry, options, add);
    checkSerial(entry, add);
    const caRole = caUpload || entry.index > 0;
    if (caRole)
        checkCaRole(entry, ctx, add);
}
function checkKey(entry, caUpload, add) {
    const info = entry.keyInfo;
    const name = label(entry);
    const oid = entry.parsed.keyAlgorithm.oid;
    if (oid === KEY_ALGORITHM.RSA || oid === KEY_ALGORITHM.RSA_PSS) {
        if (info.bits !== undefined && info.bits < 2048) {
            add('CERT_RSA_KEY_TOO_SMALL', `${name} has a ${info.bits}-bit RSA key; generate a key of at least 2048 bits and reissue the certificate.`);
        }
        if (oid === KEY_ALGORITHM.RSA)
            return;
    }
    else if (oid === KEY_ALGORITHM.EC) {
        if (info.explicitCurve === true) {
            add('CERT_EC_EXPLICIT_PARAMETERS', `${name} spells out its EC curve parameters${info.curve === undefined ? '' : ` (${info.curve})`} instead of naming the curve; Go and modern OpenSSL reject this — reissue with a named curve.`);
        }
        else if (info.curve === 'P-521') {
            add('CERT_EC_CURVE_P521', `${name} uses a P-521 key, which is outside Cloudflare's documented P-256/P-384; prefer P-256 or P-384.`);
        }
        else if (info.curve !== 'P-256' && info.curve !== 'P-384') {
            add('CERT_EC_CURVE_UNSUPPORTED', `${name} uses the ${info.curve ?? 'unknown'} curve, which is not accepted; use a P-256 or P-384 key and reissue the certificate.`);
        }
        return;
    }
    const type = formatKey(info);
    if (caUpload) {
        add('CERT_KEY_ALGORITHM_UNSUPPORTED', `${name} has a ${type} key; Cloudflare accepts CA certificates with RSA or ECDSA keys only — reissue the CA with RSA ≥ 2048 or ECDSA P-256/P-384.`);
    }
    else {
        add('CERT_UNDOCUMENTED_ALGORITHM', `${name} has a ${type} key, outside Cloudflare's documented RSA/ECDSA; prefer an RSA or ECDSA P-256/P-384 key.`);
    }
}
function checkValidity(entry, options, add) {
    const { notBefore, notAfter } = entry.parsed;
    const name = label(entry);
    const now = options.now.getTime();
    if (notAfter.getTime() < notBefore.getTime()) {
        add('CERT_VALIDITY_INVERTED', `${name} is valid from ${iso(notBefore)} until ${iso(notAfter)}, which is before it starts; it can never be valid — reissue it.`);
        return;
    }
    if (now < notBefore.getTime()) {
        add('CERT_NOT_YET_VALID', `${name} is not valid until ${iso(notBefore)}; check the issuing system's clock or wait until then.`);
        return;
    }
    // The same days left and windows as report and the summary (src/expiry.ts).
    const days = (0,expiry/* daysLeft */.H_)(notAfter, options.now);
    const group = (0,expiry/* expiryGroup */.BK)(days, options.expiryWarningDays, options.expiryErrorDays);
    if (group === 'expired') {
        add('CERT_EXPIRED', `${name} expired on ${iso(notAfter)}; renew it and upload the new certificate.`);
    }
    else if (group === 'error') {
        add('CERT_EXPIRES_WITHIN_ERROR_WINDOW', `${name} expires on ${iso(notAfter)}, in ${days} day(s), within the ${options.expiryErrorDays}-day error window; renew it now.`);
    }
    else if (group === 'warning') {
        add('CERT_EXPIRES_SOON', `${name} expires on ${iso(notAfter)}, in ${days} day(s); renew it before then.`);
    }
}
function checkSerial(entry, add) {
    const serial = entry.parsed.serial;
    const name = label(entry);
    if ((serial[0] ?? 0) & 0x80) {
        add('CERT_SERIAL_NEGATIVE', `${name} has a negative serial number; recent Go versions reject it — reissue with a positive serial.`);
    }
    else if (serial.every((b) => b === 0)) {
        add('CERT_SERIAL_ZERO', `${name} has serial number 0, which RFC 5280 forbids; reissue with a positive random serial when convenient.`);
    }
    if (serial.length > 20) {
        add('CERT_SERIAL_TOO_LONG', `${name} has a ${serial.length}-octet serial number, more than RFC 5280's 20; reissue with a shorter serial when convenient.`);
    }
}
function checkCaRole(entry, ctx, add) {
    const name = label(entry);
    const bc = entry.basicConstraints;
    const certSign = entry.keyUsage?.(KEY_USAGE_KEY_CERT_SIGN);
    const looksLikeLeaf = bc?.ca !== true && certSign !== true;
    if (ctx.profile === 'ca' && looksLikeLeaf && ctx.certificateCount > 1) {
        add('CA_LEAF_IN_BUNDLE', `${name} is an end-entity certificate, not a CA; remove it from this ca: true upload (or upload it with ca: false and its private key).`);
        return;
    }
    const role = ctx.profile === 'ca' ? 'in a ca: true upload' : 'as an issuer in the chain';
    if (bc === undefined) {
        add('CA_BASIC_CONSTRAINTS_MISSING', `${name} has no Basic Constraints extension, so it is not a CA ${role}; Cloudflare requires CA:TRUE — reissue it with \`basicConstraints=critical,CA:TRUE\`.`);
    }
    else if (!bc.ca) {
        add('CA_NOT_CA', `${name} has Basic Constraints CA:FALSE, so it cannot act as a CA ${role}; upload its issuing CA instead or reissue it with CA:TRUE.`);
    }
    else if (!entry.basicConstraintsCritical) {
        add('CA_BASIC_CONSTRAINTS_NOT_CRITICAL', `${name} marks Basic Constraints non-critical; accepted, but RFC 5280 requires it critical in new CAs.`);
    }
    // Key Usage only matters once the certificate is a CA at all; for a non-CA the finding above says it all.
    if (bc?.ca === true) {
        if (entry.keyUsage === undefined) {
            add('CA_KEY_USAGE_MISSING', `${name} has no Key Usage extension; accepted, but new CAs should carry \`keyUsage=critical,keyCertSign,cRLSign\`.`);
        }
        else if (certSign !== true) {
            add('CA_KEY_USAGE_NO_CERT_SIGN', `${name} has Key Usage without keyCertSign, so it may not sign certificates; reissue it with \`keyUsage=critical,keyCertSign,cRLSign\`.`);
        }
    }
    if (entry.subject === '') {
        add('CA_EMPTY_SUBJECT', `${name} is a CA with an empty subject; issuers are found by name, so reissue it with a non-empty subject.`);
    }
}
// ---- leaf ------------------------------------------------------------------------------------------
function checkLeaf(leaf, ctx) {
    const add = (code, message) => {
        ctx.findings.push(makeFinding(code, message, ctx.file, leaf.block.line, leaf.index));
    };
    const name = label(leaf);
    const eku = leaf.extKeyUsage;
    if (eku !== undefined && !eku.includes(EKU_CLIENT_AUTH) && !eku.includes(EKU_ANY)) {
        add('LEAF_EKU_NO_CLIENT_AUTH', `${name} has Extended Key Usage without clientAuth (${eku.map(ekuName).join(', ') || 'empty'}), so it cannot authenticate a TLS client; reissue it with \`extendedKeyUsage=clientAuth\`.`);
    }
    if (leaf.keyUsage !== undefined && !leaf.keyUsage(KEY_USAGE_DIGITAL_SIGNATURE)) {
        add('LEAF_KEY_USAGE_NO_DIGITAL_SIGNATURE', `${name} has Key Usage without digitalSignature, which TLS client authentication needs; reissue it with \`keyUsage=critical,digitalSignature\`.`);
    }
    if (leaf.basicConstraints?.ca === true && ctx.options.profile === 'leaf') {
        add('LEAF_IS_CA', `${name} is a CA certificate uploaded with ca: false; upload it with ca: true if it should validate client certificates.`);
    }
}
function ekuName(oid) {
    switch (oid) {
        case '1.3.6.1.5.5.7.3.1':
            return 'serverAuth';
        case '1.3.6.1.5.5.7.3.3':
            return 'codeSigning';
        case '1.3.6.1.5.5.7.3.4':
            return 'emailProtection';
        case '1.3.6.1.5.5.7.3.8':
            return 'timeStamping';
        case '1.3.6.1.5.5.7.3.9':
            return 'OCSPSigning';
        default:
            return oid;
    }
}
function iso(date) {
    return Number.isNaN(date.getTime()) ? 'an invalid date' : date.toISOString().replace('.000Z', 'Z');
}

;// CONCATENATED MODULE: ./src/pem/key.ts



const KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'DSA PRIVATE KEY']);
const ACCEPTED_CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1']);
/**
 * Pairs the optional private key with the leaf. Messages never quote key material: they name the block
 * and line only, because findings end up in public logs and annotations.
 */
function checkPrivateKey(options, profile, leaf, entries, findings, certificateFile) {
    const privateKey = options.privateKey;
    const keyFile = privateKey?.file ?? certificateFile;
    const add = (code, message, line = 1) => {
        findings.push(makeFinding(code, message, keyFile, line));
    };
    const text = privateKey?.text;
    const given = text !== undefined && (typeof text === 'string' ? text.trim() !== '' : text.length > 0);
    if (privateKey === undefined || text === undefined || !given) {
        // "Required" means required for a ca: false upload; when 'auto' resolves to a CA, no key is sent.
        if (options.requirePrivateKey === true && profile === 'leaf') {
            add('KEY_MISSING', `A ca: false upload needs the leaf certificate's private key, and ${privateKey === undefined ? 'none was given' : `${keyFile} is empty`}; set the private-key input to the unencrypted PEM key.`);
        }
        return;
    }
    if (profile === 'ca') {
        add('KEY_NOT_USED', `A private key was given (${keyFile}) but ${certificateFile} is a CA upload, which sends no key; remove the private-key input.`);
        return;
    }
    const scan = scanPem(text, keyFile, 'key');
    findings.push(...scan.findings);
    if (scan.fatal)
        return;
    const usable = [];
    const keyLike = [];
    for (const block of scan.blocks) {
        const at = `The ${block.label} block at line ${block.line} of ${keyFile}`;
        if (KEY_LABELS.has(block.label)) {
            keyLike.push(block);
            if (block.headers?.['Proc-Type']?.includes('ENCRYPTED') === true) {
                add('KEY_ENCRYPTED', `${at} is encrypted with a passphrase; decrypt it with \`openssl pkey -in ${keyFile} -out plain.key\` and store the result as a secret.`, block.line);
            }
            else if (!block.damaged) {
                usable.push(block);
            }
        }
        else if (block.label === 'ENCRYPTED PRIVATE KEY') {
            keyLike.push(block);
            add('KEY_ENCRYPTED', `${at} is an encrypted PKCS#8 key; decrypt it with \`openssl pkey -in ${keyFile} -out plain.key\` and store the result as a secret.`, block.line);
        }
        else if (block.label === 'OPENSSH PRIVATE KEY') {
            keyLike.push(block);
            add('KEY_UNSUPPORTED_FORMAT', `${at} is in OpenSSH format; convert it to PKCS#8 PEM with \`ssh-keygen -p -m PKCS8 -f KEYFILE\`.`, block.line);
        }
        else if (block.label === 'EC PARAMETERS') {
            // `openssl ecparam -genkey` writes this before the key; it is harmless.
        }
        else if (block.label === 'CERTIFICATE') {
            add('KEY_FILE_CONTAINS_CERTIFICATE', `${at} is a certificate inside the private-key input; keep only the key there — certificates belong in the certificate input.`, block.line);
        }
        else {
            add('KEY_FILE_UNEXPECTED_BLOCK', `${at} is not a private key; keep only the private key block in the private-key input.`, block.line);
        }
    }
    if (keyLike.length === 0) {
        add('KEY_NOT_FOUND', `${keyFile} contains no private key block; provide the PEM key (\`-----BEGIN PRIVATE KEY-----\`).`);
        return;
    }
    if (keyLike.length > 1) {
        const second = keyLike[1];
        add('KEY_MULTIPLE', `${keyFile} contains ${keyLike.length} private keys (the second at line ${second.line}); keep only the key of the leaf certificate.`, second.line);
        return;
    }
    const block = usable[0];
    if (block === undefined)
        return;
    let key;
    try {
        key = (0,external_node_crypto_.createPrivateKey)({ key: toPem(block), format: 'pem' });
    }
    catch (error) {
        const reason = error instanceof Error ? error.message.replace(/[\r\n]+/g, ' ') : 'unknown error';
        add('KEY_UNPARSEABLE', `The ${block.label} block at line ${block.line} of ${keyFile} is not a valid private key (${reason}); export it again with \`openssl pkey -in ${keyFile} -out key.pem\`.`, block.line);
        return;
    }
    let matches = false;
    if (leaf !== undefined) {
        matches = keyMatches(leaf, key);
        if (!matches) {
            const other = entries.find((e) => e !== leaf && e.duplicateOf === undefined && keyMatches(e, key));
            const hint = other === undefined
                ? 'compare `openssl x509 -noout -pubkey -in CERT` with `openssl pkey -pubout -in KEY`'
                : `it matches certificate ${other.index + 1} instead — put that certificate first`;
            add('KEY_MISMATCH', `The private key at line ${block.line} of ${keyFile} does not belong to the leaf (certificate 1, ${leaf.subject || 'empty subject'}) in ${certificateFile}; ${hint}.`, block.line);
        }
    }
    if (!matches)
        checkKeyStrength(key, block, keyFile, add);
}
function keyMatches(entry, key) {
    try {
        return entry.node.checkPrivateKey(key);
    }
    catch {
        return false;
    }
}
/** Only when the key is not the leaf's: otherwise the certificate's own key finding already says it. */
function checkKeyStrength(key, block, keyFile, add) {
    const details = key.asymmetricKeyDetails;
    if (key.asymmetricKeyType === 'rsa' && details?.modulusLength !== undefined && details.modulusLength < 2048) {
        add('KEY_WEAK', `The private key at line ${block.line} of ${keyFile} is ${details.modulusLength}-bit RSA; generate an RSA key of at least 2048 bits (or ECDSA P-256) and reissue the certificate.`, block.line);
    }
    else if (key.asymmetricKeyType === 'ec' && details?.namedCurve !== undefined && !ACCEPTED_CURVES.has(details.namedCurve)) {
        add('KEY_WEAK', `The private key at line ${block.line} of ${keyFile} uses the ${details.namedCurve} curve; generate a P-256 or P-384 key and reissue the certificate.`, block.line);
    }
}
function toPem(block) {
    const lines = [];
    for (let i = 0; i < block.base64.length; i += 64)
        lines.push(block.base64.slice(i, i + 64));
    return `-----BEGIN ${block.label}-----\n${lines.join('\n')}\n-----END ${block.label}-----\n`;
}

;// CONCATENATED MODULE: ./src/pem/validate.ts









function validatePem(input, options) {
    const file = typeof options?.file === 'string' ? options.file : 'certificate';
    try {
        return validateUnguarded(input, options, file);
    }
    catch (error) {
        // The contract is "never throws": a bug here must surface as a finding, not crash the action.
        const reason = error instanceof Error ? error.message : String(error);
        const findings = [makeFinding('VALIDATOR_INTERNAL_ERROR', `The validator failed on ${file} (${reason}); please report this — the file could not be checked.`, file, 1)];
        return { file, profile: options?.profile === 'leaf' ? 'leaf' : 'ca', certificates: [], findings, errorCount: 1, warningCount: 0, noticeCount: 0 };
    }
}
function validateUnguarded(input, options, file) {
    const scan = scanPem(input, file, 'certificate');
    const findings = [...scan.findings];
    const add = (code, message, line, certificateIndex) => {
        findings.push(makeFinding(code, message, file, line, certificateIndex));
    };
    const entries = [];
    let certificateBlocks = 0;
    for (const block of scan.blocks) {
        const index = classifyBlock(block, certificateBlocks, file, add);
        if (index === undefined)
            continue;
        certificateBlocks++;
        if (block.damaged)
            continue;
        const entry = parseEntry(block, index, add);
        if (entry !== undefined)
            entries.push(entry);
    }
    // Only when nothing else explains it: a PKCS7 block or an empty file already says there is no certificate.
    if (certificateBlocks === 0 && !findings.some((f) => f.severity === 'error')) {
        add('PEM_NO_CERTIFICATES', `${file} contains no CERTIFICATE block; provide the PEM certificate(s) (\`-----BEGIN CERTIFICATE-----\`).`, 1);
    }
    const resolvedProfile = resolveProfile(options.profile, entries[0]);
    const ctx = { file, options, findings, profile: resolvedProfile, certificateCount: entries.length };
    resolveChain(entries, ctx);
    for (const entry of entries)
        checkCertificate(entry, ctx);
    checkBundle(entries, ctx);
    const leaf = resolvedProfile === 'leaf' ? entries.find((e) => e.index === 0) : undefined;
    if (leaf !== undefined)
        checkLeaf(leaf, ctx);
    checkPrivateKey(options, resolvedProfile, leaf, entries, findings, file);
    const certificates = entries.map((e) => toFacts(e, options.now));
    return summarise(file, resolvedProfile, certificates, findings);
}
/** 'auto' follows the first certificate's Basic Constraints; with no certificate there is nothing to pair a key with, so 'ca'. */
function resolveProfile(requested, first) {
    if (requested === 'ca' || requested === 'leaf')
        return requested;
    if (first === undefined)
        return 'ca';
    return first.basicConstraints?.ca === true ? 'ca' : 'leaf';
}
function classifyBlock(block, certificateCount, file, add) {
    const at = `The ${block.label} block at line ${block.line}`;
    switch (block.label) {
        case 'CERTIFICATE':
            if (block.headers !== undefined)
                add('PEM_BLOCK_HEADERS', `${at} has header lines (${Object.keys(block.headers).join(', ')}); remove them — certificates carry no PEM headers.`, block.line, certificateCount);
            return certificateCount;
        case 'X509 CERTIFICATE':
            add('PEM_LEGACY_CERTIFICATE_LABEL', `${at} uses the legacy label "X509 CERTIFICATE"; rename it to "CERTIFICATE" on both its BEGIN and END lines.`, block.line, certificateCount);
            return certificateCount;
        case 'TRUSTED CERTIFICATE':
            add('PEM_TRUSTED_CERTIFICATE_BLOCK', `${at} is an OpenSSL trusted certificate; strip the trust settings with \`openssl x509 -in ${file} -out cert.pem\`.`, block.line);
            return undefined;
        case 'PRIVATE KEY':
        case 'RSA PRIVATE KEY':
        case 'EC PRIVATE KEY':
        case 'DSA PRIVATE KEY':
        case 'ENCRYPTED PRIVATE KEY':
        case 'OPENSSH PRIVATE KEY':
            add('PEM_PRIVATE_KEY_BLOCK', `${at} is a private key inside the certificate file; move it to the private-key input and delete it here so it is never uploaded as a certificate.`, block.line);
            return undefined;
        case 'PUBLIC KEY':
        case 'RSA PUBLIC KEY':
            add('PEM_PUBLIC_KEY_BLOCK', `${at} is a bare public key; upload the certificate that contains it instead.`, block.line);
            return undefined;
        case 'CERTIFICATE REQUEST':
        case 'NEW CERTIFICATE REQUEST':
            add('PEM_CSR_BLOCK', `${at} is a certificate signing request, not a certificate; have it signed (e.g. \`openssl x509 -req -in req.csr -CA ca.pem -CAkey ca.key -out cert.pem\`) and upload the result.`, block.line);
            return undefined;
        case 'PKCS7':
        case 'CMS':
            add('PEM_PKCS7_BLOCK', `${at} is a PKCS#7 bundle; extract its certificates with \`openssl pkcs7 -print_certs -in ${file} -out certs.pem\` and upload those.`, block.line);
            return undefined;
        case 'X509 CRL':
            add('PEM_CRL_BLOCK', `${at} is a certificate revocation list; remove it — only certificates are uploaded.`, block.line);
            return undefined;
        default:
            add('PEM_UNEXPECTED_BLOCK', `${at} is not a certificate; remove it — the file must contain only CERTIFICATE blocks.`, block.line);
            return undefined;
    }
}
function toFacts(entry, now) {
    const { parsed } = entry;
    const record = entry.record;
    const facts = record === undefined ? bytesFacts(entry) : (record.facts ??= bytesFacts(entry));
    return {
        index: entry.index,
        line: entry.block.line,
        subject: entry.subject,
        issuer: entry.issuerName,
        serialNumber: facts.serialNumber,
        sha256Fingerprint: facts.sha256Fingerprint,
        notBefore: parsed.notBefore,
        notAfter: parsed.notAfter,
        daysLeft: (0,expiry/* daysLeft */.H_)(parsed.notAfter, now),
        isCA: entry.basicConstraints?.ca === true,
        selfSigned: isSelfSigned(entry),
        key: facts.key,
        signatureAlgorithm: entry.signatureAlgorithm,
        pem: facts.pem
    };
}
/** The report facts that depend only on the certificate's bytes. */
function bytesFacts(entry) {
    return {
        serialNumber: integerToBigInt(entry.parsed.serial).toString(10),
        sha256Fingerprint: (entry.fingerprint.toUpperCase().match(/../g) ?? []).join(':'),
        key: formatKey(entry.keyInfo),
        pem: validate_toPem(entry.block.base64)
    };
}
function validate_toPem(base64) {
    const lines = [];
    for (let i = 0; i < base64.length; i += 64)
        lines.push(base64.slice(i, i + 64));
    return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
const validate_SEVERITY_RANK = { error: 0, warning: 1, notice: 2 };
function summarise(file, profile, certificates, findings) {
    // Stable sort: the certificate file before the key file, then line, then severity.
    const sorted = findings
        .map((finding, order) => ({ finding, order }))
        .sort((a, b) => Number(a.finding.file !== file) - Number(b.finding.file !== file) ||
        a.finding.line - b.finding.line ||
        validate_SEVERITY_RANK[a.finding.severity] - validate_SEVERITY_RANK[b.finding.severity] ||
        a.order - b.order)
        .map((x) => x.finding);
    let errorCount = 0;
    let warningCount = 0;
    let noticeCount = 0;
    for (const f of sorted) {
        if (f.severity === 'error')
            errorCount++;
        else if (f.severity === 'warning')
            warningCount++;
        else
            noticeCount++;
    }
    return { file, profile, certificates, findings: sorted, errorCount, warningCount, noticeCount };
}

// EXTERNAL MODULE: ./src/pem/fingerprint.ts
var fingerprint = __webpack_require__(2990);
;// CONCATENATED MODULE: ./src/pem/index.ts






/***/ })

};
