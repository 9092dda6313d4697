import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3876);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8186);


await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();
// Every line, output and summary went out synchronously (runner.ts), and the HTTP client is
// closed: end here rather than wait for the garbage collection V8 schedules for an idle moment
// (about 4 ms, 3% of a `validate` of one file). The exit code is the one run() set.
if ((0,_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .everythingWritten */ .zM)())
    process.exit();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 8422:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Cm: () => (/* binding */ collectInputs),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   kb: () => (/* binding */ MAX_PEM_BYTES),
/* harmony export */   o4: () => (/* binding */ parseConfig)
/* harmony export */ });
/* unused harmony exports OPERATIONS, INPUT_NAMES, SECRET_INPUTS */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

const OPERATIONS = ['upload', 'list', 'get', 'delete', 'associations', 'validate', 'rotate', 'report'];
/** Every input of action.yml, by its action.yml name. */
const INPUT_NAMES = [
    'operation',
    'account-id',
    'api-token',
    'api-key',
    'api-email',
    'certificate-path',
    'certificate',
    'private-key-path',
    'private-key',
    'ca',
    'name',
    'certificate-id',
    'type',
    'api-base-url',
    'timeout-seconds',
    'max-retries',
    'summary',
    'fail-on',
    'expiry-warning-days',
    'expiry-error-days',
    'reuse-existing',
    'missing-ok',
    'keep-previous',
    'wait-for-unassociated-seconds',
    'dry-run'
];
/** Environment fallbacks, as Cloudflare's own tools name them. */
const ENV_FALLBACK = {
    'account-id': 'CLOUDFLARE_ACCOUNT_ID',
    'api-token': 'CLOUDFLARE_API_TOKEN',
    'api-key': 'CLOUDFLARE_API_KEY',
    'api-email': 'CLOUDFLARE_EMAIL'
};
const SECRET_INPUTS = new Set(['api-token', 'api-key', 'api-email', 'private-key']);
/** A problem with what the user gave us: reported as one line naming the input, before any request. */
class InputError extends Error {
    input;
    constructor(input, detail) {
        super(`Input "${input}" ${detail}`);
        this.input = input;
        this.name = 'InputError';
    }
}
/** Reads every input once (with env fallbacks), trimmed; empty means absent. */
function collectInputs(getInput, env) {
    const raw = {};
    for (const name of INPUT_NAMES) {
        let value = getInput(name);
        if (value === '' && ENV_FALLBACK[name])
            value = env[ENV_FALLBACK[name]]?.trim() ?? '';
        if (value !== '')
            raw[name] = value;
    }
    return raw;
}
const accept = (value) => ({ ok: true, value });
const reject = (message) => ({ ok: false, message });
const string = accept;
/** A string that must pass each test, in order; the first failing one gives the message. */
const refined = (...tests) => (v) => {
    for (const [test, message] of tests)
        if (!test(v))
            return reject(message);
    return accept(v);
};
const boolean = (v) => {
    const s = v.toLowerCase();
    if (['true', 'yes', '1'].includes(s))
        return accept(true);
    if (['false', 'no', '0'].includes(s))
        return accept(false);
    return reject(`must be true or false (got "${printable(v)}")`);
};
const integer = (min, max) => (v) => !/^\d+$/.test(v) || Number(v) < min || Number(v) > max
    ? reject(`must be a whole number from ${min} to ${max} (got "${printable(v)}")`)
    : accept(Number(v));
const oneOf = (values) => (v) => {
    const s = v.toLowerCase();
    if (values.includes(s))
        return accept(s);
    return reject(`must be one of ${values.join(', ')} (got "${printable(v)}")`);
};
/** A string input that must pass `test`; the message is built from the value. */
const checked = (test, message) => (v) => test(v) ? accept(v) : reject(message(v));
const isHttpUrl = (v) => {
    try {
        const u = new URL(v);
        return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
    }
    catch {
        return false;
    }
};
/** C0 and C1 controls, line and paragraph separators, bidi embeddings, overrides and isolates. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const ACCOUNT_ID = /^[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const noWhitespace = [(v) => !/\s/.test(v), 'must not contain spaces or line breaks'];
/**
 * One schema keyed by the action.yml names, so errors name `account-id`, not accountId.
 * Every input is optional here; which ones an operation needs is decided in parseConfig.
 * Inputs are checked in this order and the first problem is reported.
 */
const InputSchema = {
    operation: oneOf(OPERATIONS),
    'account-id': checked((v) => ACCOUNT_ID.test(v), (v) => `must be the 32 lowercase hexadecimal characters of a Cloudflare account id (got "${printable(v)}", ${v.length} characters); find it in the dashboard URL or with \`wrangler whoami\``),
    'api-token': refined(noWhitespace),
    'api-key': refined(noWhitespace),
    'api-email': refined([(v) => /^[^\s@]+@[^\s@]+$/.test(v), 'must be the e-mail address of the Cloudflare user that owns api-key']),
    'certificate-path': string,
    certificate: string,
    'private-key-path': string,
    'private-key': string,
    ca: oneOf(['true', 'false', 'auto']),
    name: refined([(v) => v.length <= 255, 'must be at most 255 characters'], [(v) => !UNPRINTABLE.test(v), 'must not contain control characters, line breaks or bidirectional overrides (it is shown in logs and the dashboard)']),
    'certificate-id': checked((v) => UUID.test(v), (v) => `must be a certificate id (a UUID such as 2a1b3c4d-…; got "${printable(v)}"); use name to find a certificate by its name`),
    type: oneOf(['custom', 'gateway_managed', 'access_managed', 'all']),
    'api-base-url': checked(isHttpUrl, (v) => `must be an http(s) URL without credentials, such as https://api.cloudflare.com/client/v4 (got "${printable(v)}")`),
    'timeout-seconds': integer(1, 600),
    'max-retries': integer(0, 10),
    summary: boolean,
    'fail-on': oneOf(['error', 'warning']),
    'expiry-warning-days': integer(0, 3650),
    'expiry-error-days': integer(0, 3650),
    'reuse-existing': boolean,
    'missing-ok': boolean,
    'keep-previous': integer(0, 100),
    'wait-for-unassociated-seconds': integer(0, 21600),
    'dry-run': boolean
};
/** Checks every given input against the schema; the first problem names its input. */
function parseInputs(raw) {
    const parsed = {};
    for (const name of Object.keys(InputSchema)) {
        const value = raw[name];
        if (value === undefined)
            continue;
        if (typeof value !== 'string')
            throw new InputError(name, `must be a string (got ${typeof value})`);
        const rule = InputSchema[name];
        const r = rule(value);
        if (!r.ok)
            throw new InputError(name, r.message);
        parsed[name] = r.value;
    }
    return parsed;
}
/** Shows a value in an error without control characters or unbounded length. */
function printable(v) {
    const clean = v.replace(new RegExp(UNPRINTABLE.source, 'g'), '?');
    return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}
/** A PEM file larger than this is not a certificate bundle; refuse before reading it whole. */
const MAX_PEM_BYTES = 1024 * 1024;
/** Raw inputs → a typed config for one operation, or an InputError naming the input. */
function parseConfig(raw, ctx = {}) {
    const p = parseInputs(raw);
    if (!p.operation)
        throw new InputError('operation', `is required: one of ${OPERATIONS.join(', ')}`);
    const summary = p.summary ?? true;
    const validation = {
        failOn: p['fail-on'] ?? 'error',
        expiryWarningDays: p['expiry-warning-days'] ?? 30,
        expiryErrorDays: p['expiry-error-days'] ?? 0
    };
    if (validation.expiryErrorDays > validation.expiryWarningDays) {
        throw new InputError('expiry-error-days', `(${validation.expiryErrorDays}) must not be larger than expiry-warning-days (${validation.expiryWarningDays})`);
    }
    const op = p.operation;
    switch (op) {
        case 'validate': {
            if (p.certificate !== undefined)
                throw new InputError('certificate', 'is not used by operation: validate; list files, directories or globs in certificate-path');
            if (!p['certificate-path'])
                throw new InputError('certificate-path', 'is required for operation: validate (files, directories or globs, one per line)');
            const paths = p['certificate-path'].split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
            // A FIFO or a device named directly would block the validator's read for ever (a glob or a
            // directory walk only yields regular files); what does not exist is the validator's to report.
            const stat = ctx.statFile ?? ((f) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(f));
            for (const entry of paths) {
                if (/[*?[\]{}!]/.test(entry))
                    continue;
                let info;
                try {
                    info = stat(entry);
                }
                catch {
                    info = undefined;
                }
                if (info && !info.isFile() && !info.isDirectory()) {
                    throw new InputError('certificate-path', `names something that is neither a file nor a directory: ${shownPath(entry)}`);
                }
            }
            const cfg = { operation: op, summary, paths, ca: p.ca ?? 'auto', validation };
            if (p['private-key-path']) {
                // Read here too, for the same checks as an upload's key (a FIFO would block the read for
                // ever) and so that the key is masked before the validator can print anything.
                pemSource(p, 'private-key', 'private-key-path', ctx);
                cfg.privateKeyPath = p['private-key-path'];
            }
            return cfg;
        }
        case 'upload':
        case 'rotate': {
            const connection = parseConnection(p);
            const certificate = pemSource(p, 'certificate', 'certificate-path', ctx);
            if (!certificate)
                throw new InputError('certificate-path', `is required for operation: ${op} (or give the PEM inline in certificate)`);
            const privateKey = pemSource(p, 'private-key', 'private-key-path', ctx);
            const ca = p.ca ?? 'auto';
            if (privateKey && ca === 'true') {
                throw new InputError(privateKey.input, 'must not be given with ca: true: a CA bundle is uploaded without its private key');
            }
            if (op === 'rotate' && !p.name)
                throw new InputError('name', 'is required for operation: rotate: it is how earlier versions of the certificate are found');
            const cfg = {
                operation: op,
                summary,
                connection,
                certificate,
                ca,
                validation,
                reuseExisting: p['reuse-existing'] ?? true,
                dryRun: p['dry-run'] ?? false,
                keepPrevious: p['keep-previous'] ?? 0,
                waitForUnassociatedSeconds: p['wait-for-unassociated-seconds'] ?? 0
            };
            if (privateKey)
                cfg.privateKey = privateKey;
            if (p.name)
                cfg.name = p.name;
            return cfg;
        }
        case 'list':
        case 'report': {
            const t = p.type ?? 'custom';
            return { operation: op, summary, connection: parseConnection(p), types: t === 'all' ? undefined : [t], validation };
        }
        case 'get':
        case 'associations':
            return { operation: op, summary, connection: parseConnection(p), ref: certificateRef(p, op) };
        case 'delete':
            return {
                operation: op,
                summary,
                connection: parseConnection(p),
                ref: certificateRef(p, op),
                missingOk: p['missing-ok'] ?? false,
                dryRun: p['dry-run'] ?? false
            };
    }
}
function parseConnection(p) {
    if (!p['account-id'])
        throw new InputError('account-id', 'is required: set it, or the CLOUDFLARE_ACCOUNT_ID environment variable');
    const token = p['api-token'];
    const key = p['api-key'];
    const email = p['api-email'];
    let auth;
    if (token && (key || email)) {
        throw new InputError(key ? 'api-key' : 'api-email', 'must not be given together with api-token: use either an API token or the legacy api-key + api-email pair');
    }
    else if (token) {
        auth = { kind: 'token', token };
    }
    else if (key && email) {
        auth = { kind: 'key', key, email };
    }
    else if (key || email) {
        throw new InputError(key ? 'api-email' : 'api-key', `is required with ${key ? 'api-key' : 'api-email'} (the legacy global API key needs both); an API token in api-token is the better choice`);
    }
    else {
        throw new InputError('api-token', 'is required: set it from a secret (or the CLOUDFLARE_API_TOKEN environment variable); the token needs "Account · SSL and Certificates" permission');
    }
    return {
        accountId: p['account-id'],
        auth,
        apiBaseUrl: p['api-base-url'] ?? 'https://api.cloudflare.com/client/v4',
        timeoutMs: (p['timeout-seconds'] ?? 30) * 1000,
        maxRetries: p['max-retries'] ?? 3
    };
}
function certificateRef(p, op) {
    if (p['certificate-id'] && p.name)
        throw new InputError('name', `must not be given together with certificate-id for operation: ${op}: give one of them`);
    if (p['certificate-id'])
        return { by: 'id', id: p['certificate-id'].toLowerCase() };
    if (p.name)
        return { by: 'name', name: p.name };
    throw new InputError('certificate-id', `is required for operation: ${op} (or give name to find the certificate by its name)`);
}
function pemSource(p, inline, pathInput, ctx) {
    const text = p[inline];
    const path = p[pathInput];
    if (text !== undefined && path !== undefined)
        throw new InputError(inline, `and ${pathInput} must not both be given: use one of them`);
    if (text !== undefined) {
        if (inline === 'certificate')
            maskPastedKeys(text, ctx);
        return { text, label: inline, input: inline };
    }
    if (path === undefined)
        return undefined;
    if (path.includes('\n'))
        throw new InputError(pathInput, 'must name one file for this operation');
    const stat = ctx.statFile ?? ((f) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(f));
    const read = ctx.readFile ?? ((f) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(f));
    let info;
    try {
        info = stat(path);
    }
    catch (e) {
        throw new InputError(pathInput, `names a file that cannot be read: ${shownPath(path)} (${errorCode(e)})`);
    }
    if (info.isDirectory())
        throw new InputError(pathInput, `names a directory, not a file: ${shownPath(path)}`);
    if (!info.isFile())
        throw new InputError(pathInput, `does not name a regular file: ${shownPath(path)}`);
    if (info.size > MAX_PEM_BYTES)
        throw new InputError(pathInput, `names a file of ${info.size} bytes, larger than the 1 MiB a PEM bundle can reasonably be: ${shownPath(path)}`);
    let buf;
    try {
        buf = read(path);
    }
    catch (e) {
        throw new InputError(pathInput, `names a file that cannot be read: ${shownPath(path)} (${errorCode(e)})`);
    }
    if (inline === 'private-key')
        ctx.onSecret?.(buf.toString('utf8'));
    else
        maskPastedKeys(buf.toString('utf8'), ctx);
    return { text: buf.toString('utf8'), bytes: buf, label: path, input: pathInput, path };
}
/**
 * A private key pasted into the certificate (a common mistake: cert and key in one file) is a
 * secret too: mask it before the validator refuses it, although nobody said it was one.
 */
function maskPastedKeys(text, ctx) {
    if (!ctx.onSecret || !/PRIVATE KEY-----/.test(text))
        return;
    const block = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]*?(?:-----END \1-----|$)/g;
    for (const m of text.matchAll(block))
        ctx.onSecret(m[0]);
}
/** A path in an error line: whole (unlike printable), but never a line break or control character. */
function shownPath(path) {
    return path.replace(new RegExp(UNPRINTABLE.source, 'g'), '?');
}
function errorCode(e) {
    const code = e.code;
    return typeof code === 'string' ? code : 'unreadable';
}


/***/ }),

/***/ 3876:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// UNUSED EXPORTS: maskSecret

// EXTERNAL MODULE: ./src/inputs.ts
var inputs = __nccwpck_require__(8422);
// EXTERNAL MODULE: ./src/operations/types.ts
var types = __nccwpck_require__(1983);
// EXTERNAL MODULE: ./src/operations/results.ts
var results = __nccwpck_require__(600);
;// CONCATENATED MODULE: ./src/report/outputs.ts

function certificateOutputs(c, now) {
    const out = { 'certificate-id': c.id, 'certificate': JSON.stringify(c) };
    if (c.expires_on)
        out['expires-on'] = c.expires_on;
    const days = (0,results/* daysUntil */.A)(c.expires_on, now);
    if (days !== undefined)
        out['days-until-expiry'] = String(days);
    if (c.name !== undefined)
        out['name'] = c.name;
    if (c.issuer !== undefined)
        out['issuer'] = c.issuer;
    if (c.serial_number !== undefined)
        out['serial-number'] = c.serial_number;
    return out;
}
/** A large account's PEMs would overflow the runner's output limits; get returns the PEM of one. */
function withoutPem(c) {
    const { certificates: _pem, ...rest } = c;
    return rest;
}
function validationOutputs(files) {
    const findings = files.flatMap((f) => f.findings);
    return {
        'error-count': String(findings.filter((f) => f.severity === 'error').length),
        'warning-count': String(findings.filter((f) => f.severity === 'warning').length),
        'findings': JSON.stringify(findings)
    };
}
/** Every output of an operation, as the strings the runner stores. Pure: main writes them. */
function toOutputs(result, now) {
    switch (result.operation) {
        case 'upload': {
            const out = { ...validationOutputs([result.validation]), 'reused': String(result.reused) };
            if (result.dryRun && !result.reused)
                return out;
            Object.assign(out, certificateOutputs(result.certificate, now));
            // A new certificate has no associations yet; a reused one may have some we did not read.
            if (!result.reused)
                out['association-count'] = '0';
            return out;
        }
        case 'list':
            return { 'certificates': JSON.stringify(result.certificates.map(withoutPem)), 'count': String(result.certificates.length) };
        case 'get':
            return {
                ...certificateOutputs(result.certificate, now),
                'association-count': String(result.associations.length),
                'associations': JSON.stringify(result.associations)
            };
        case 'associations': {
            const out = result.certificate ? certificateOutputs(result.certificate, now) : {};
            out['certificate-id'] = result.certificateId;
            out['association-count'] = String(result.associations.length);
            out['associations'] = JSON.stringify(result.associations);
            return out;
        }
        case 'delete': {
            const out = result.certificate ? certificateOutputs(result.certificate, now) : {};
            if (result.certificateId)
                out['certificate-id'] = result.certificateId;
            if (!result.missing)
                out['association-count'] = '0';
            out['deleted-certificate-ids'] = JSON.stringify(result.deleted ? [result.certificateId] : []);
            return out;
        }
        case 'validate':
            return validationOutputs(result.files);
        case 'rotate': {
            const out = { ...validationOutputs([result.validation]), 'reused': String(result.reused) };
            if (result.certificate.id)
                Object.assign(out, certificateOutputs(result.certificate, now));
            if (result.certificate.id && !result.reused)
                out['association-count'] = '0';
            const ids = (fates) => JSON.stringify(result.previous.filter((p) => fates.includes(p.fate)).map((p) => p.certificate.id));
            out['previous-certificate-ids'] = ids(['deleted', 'would-delete', 'kept', 'blocked']);
            out['deleted-certificate-ids'] = ids(['deleted']);
            out['blocked-certificate-ids'] = ids(['blocked']);
            return out;
        }
        case 'report':
            return {
                'certificates': JSON.stringify(result.entries.map((e) => ({ ...withoutPem(e.certificate), days_left: e.daysLeft ?? null, association_count: e.associationCount ?? null, group: e.group }))),
                'count': String(result.entries.length),
                'expired-count': String(result.entries.filter((e) => e.group === 'expired').length),
                'expiring-count': String(result.entries.filter((e) => e.group === 'error' || e.group === 'warning').length)
            };
    }
}

;// CONCATENATED MODULE: ./src/report/html.ts
const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIALS = /[&<>"']/g;
const HTML_ESCAPE = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/**
 * The job summary is written as is: every value from a user, a file or the API goes through here.
 * One pass, and none for the usual value with nothing to escape (a 1,000-file summary has ~20,000 cells).
 */
function escapeHtml(value) {
    const s = String(value ?? '');
    return HTML_SPECIAL.test(s) ? s.replace(HTML_SPECIALS, (c) => HTML_ESCAPE[c] ?? c) : s;
}
const raw = (html) => ({ html });
const cell = (c) => (typeof c === 'object' && c !== null ? c.html : escapeHtml(c ?? ''));
function table(headers, rows) {
    const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
    const body = rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('');
    return `<table>${head}${body}</table>\n`;
}
const h2 = (text) => `<h2>${escapeHtml(text)}</h2>\n`;
const h3 = (text) => `<h3>${escapeHtml(text)}</h3>\n`;
const p = (html) => `<p>${cell(html)}</p>\n`;
const code = (text) => raw(`<code>${escapeHtml(text)}</code>`);
const list = (items) => `<ul>${items.map((i) => `<li>${cell(i)}</li>`).join('')}</ul>\n`;

;// CONCATENATED MODULE: ./src/report/summary.ts


const compareText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
function expiryCell(iso, now, warningDays) {
    return expiryCellOf((0,results/* daysUntil */.A)(iso, now), warningDays);
}
function expiryCellOf(days, warningDays) {
    if (days === undefined)
        return 'unknown';
    if (days < 0)
        return `❌ expired ${-days} day(s) ago`;
    if (days <= warningDays)
        return `⚠️ ${days} day(s)`;
    return `${days} day(s)`;
}
function certificateTable(c, now) {
    return table(['Field', 'Value'], [
        ['ID', code(c.id)],
        ['Name', c.name ?? ''],
        ['CA', c.ca === undefined ? '' : String(c.ca)],
        ['Type', c.type ?? ''],
        ['Issuer', c.issuer ?? ''],
        ['Serial number', c.serial_number ?? ''],
        ['Signature', c.signature ?? ''],
        ['Expires', `${c.expires_on ?? ''} (${expiryCell(c.expires_on, now, 30)})`],
        ['Uploaded', c.uploaded_on ?? '']
    ]);
}
function associationsTable(associations) {
    if (associations.length === 0)
        return p('No associations: no service uses this certificate.');
    return table(['Service', 'Status'], associations.map((a) => [a.service, a.status ?? '']));
}
/**
 * Past this many files, the files without findings share one table, a row each, soonest expiry
 * first; files with findings keep their own tables. A PR check of a directory of 1,000 good
 * certificates otherwise wrote 1,000 identical "No findings" tables (850 KB, near GitHub's 1 MiB
 * cap on a step's summary, and 15 ms of a 400 ms run).
 */
const DETAILED_FILES_MAX = 100;
function validationTables(files) {
    if (files.length <= DETAILED_FILES_MAX)
        return files.map(fileTables).join('');
    const clean = files.filter((f) => f.findings.length === 0);
    let html = files
        .filter((f) => f.findings.length > 0)
        .map(fileTables)
        .join('');
    if (clean.length > 0) {
        const earliest = (f) => f.certificates.reduce((a, c) => (a === undefined || c.daysLeft < a.daysLeft ? c : a), undefined);
        const rows = clean.map((f) => ({ f, first: earliest(f) })).sort((a, b) => (a.first?.daysLeft ?? Infinity) - (b.first?.daysLeft ?? Infinity) || compareText(a.f.file, b.f.file));
        html +=
            h3(`✅ ${clean.length} file(s) with no findings`) +
                p(`One row per file, soonest expiry first (the certificate of each file that expires first).`) +
                table(['File', 'Profile', 'Certificates', 'Expires first', 'Not after', 'Days left'], rows.map(({ f, first }) => [
                    f.file,
                    f.profile === 'ca' ? 'CA bundle' : 'client certificate',
                    String(f.certificates.length),
                    first?.subject ?? '',
                    first ? first.notAfter.toISOString() : '',
                    first ? String(first.daysLeft) : ''
                ]));
    }
    return html;
}
function fileTables(f) {
    const verdict = f.errorCount > 0 ? '❌' : f.warningCount > 0 ? '⚠️' : '✅';
    let html = h3(`${verdict} ${f.file} (${f.profile === 'ca' ? 'CA bundle' : 'client certificate'})`);
    if (f.certificates.length > 0) {
        html += table(['#', 'Subject', 'Issuer', 'Serial', 'SHA-256', 'Not after', 'Days left', 'Key', 'Signature'], f.certificates.map((c) => [
            String(c.index + 1),
            c.subject,
            c.issuer,
            c.serialNumber,
            code(c.sha256Fingerprint),
            c.notAfter.toISOString(),
            String(c.daysLeft),
            c.key,
            c.signatureAlgorithm
        ]));
    }
    html +=
        f.findings.length > 0
            ? table(['Severity', 'Line', 'Code', 'Finding'], f.findings.map((x) => [x.severity, String(x.line), code(x.code), x.message]))
            : p('No findings.');
    return html;
}
/** The job summary of one operation, as HTML. Pure: every value escaped, no secrets in the result. */
function renderSummary(result, now) {
    switch (result.operation) {
        case 'upload': {
            const c = result.certificate;
            const how = `ca: ${result.ca} (${result.caSource === 'auto' ? 'auto: from the first certificate' : 'from the input'})`;
            if (result.dryRun && !result.reused) {
                return h2('Dry run: upload') + list(result.plan) + p(how) + validationTables([result.validation]);
            }
            const head = result.reused
                ? `Reused certificate ${c.id}: an identical certificate was already uploaded`
                : `Uploaded certificate ${c.id}`;
            return h2(head) + p(how) + certificateTable(c, now) + validationTables([result.validation]);
        }
        case 'list': {
            // RFC 3339 times sort as text; a plain comparison orders them as localeCompare does, without
            // ICU collation (15 ms for 1,000 certificates).
            const sorted = [...result.certificates].sort((a, b) => compareText(a.expires_on ?? '', b.expires_on ?? ''));
            // One date parse per certificate, not three.
            const days = sorted.map((c) => (0,results/* daysUntil */.A)(c.expires_on, now));
            const expired = days.filter((d) => (d ?? 0) < 0).length;
            const soon = days.filter((d) => d !== undefined && d >= 0 && d <= result.expiryWarningDays).length;
            return (h2(`${sorted.length} mTLS certificate(s) (type: ${result.typeFilter})`) +
                p(`${expired} expired, ${soon} expiring within ${result.expiryWarningDays} days.`) +
                table(['Name', 'ID', 'CA', 'Type', 'Expires', 'Days left', 'Issuer'], sorted.map((c, i) => [
                    c.name ?? '',
                    code(c.id),
                    c.ca === undefined ? '' : String(c.ca),
                    c.type ?? '',
                    c.expires_on ?? '',
                    expiryCellOf(days[i], result.expiryWarningDays),
                    c.issuer ?? ''
                ])));
        }
        case 'get':
            return (h2(`Certificate ${result.certificate.name ?? result.certificate.id}`) +
                certificateTable(result.certificate, now) +
                h3(`${result.associations.length} association(s)`) +
                associationsTable(result.associations));
        case 'associations':
            return h2(`${result.associations.length} association(s) of certificate ${result.certificateId}`) + associationsTable(result.associations);
        case 'delete': {
            const c = result.certificate;
            if (result.missing)
                return h2('Nothing deleted') + p(`Certificate ${result.certificateId || '(by name)'} does not exist (missing-ok).`);
            if (result.dryRun)
                return h2('Dry run: delete') + list(result.plan);
            return h2(`Deleted certificate ${result.certificateId}`) + (c ? certificateTable(c, now) : '');
        }
        case 'validate': {
            const errors = result.files.reduce((n, f) => n + f.errorCount, 0);
            const warnings = result.files.reduce((n, f) => n + f.warningCount, 0);
            return (h2(`PEM validation: ${result.files.length} file(s), ${errors} error(s), ${warnings} warning(s)`) +
                p(raw(`Fails on: ${escapeHtml(result.failOn)}. ${result.failed ? '<strong>Failed.</strong>' : 'Passed.'}`)) +
                validationTables(result.files));
        }
        case 'rotate': {
            const c = result.certificate;
            const newId = c.id || '(new certificate)';
            const head = result.dryRun
                ? `Dry run: rotate "${c.name ?? ''}"`
                : `Rotated "${c.name ?? ''}" → ${newId}${result.reused ? ' (reused: already uploaded)' : ''}`;
            const fate = { deleted: '🗑️ deleted', 'would-delete': 'would delete', kept: 'kept', blocked: '⚠️ left in place' };
            return (h2(head) +
                (result.dryRun ? list(result.plan) : '') +
                (result.previous.length === 0
                    ? p('No earlier certificates with this name.')
                    : table(['Old certificate', 'Uploaded', 'Expires', 'Associations', '→ Fate', 'Why'], result.previous.map((x) => [
                        code(x.certificate.id),
                        x.certificate.uploaded_on ?? '',
                        x.certificate.expires_on ?? '',
                        String(x.associations.length),
                        `${fate[x.fate] ?? x.fate} → ${newId}`,
                        x.why
                    ]))) +
                (c.id ? certificateTable(c, now) : '') +
                validationTables([result.validation]));
        }
        case 'report': {
            const groups = [
                ['expired', '❌ Expired'],
                ['error', `❌ Expiring within ${result.expiryErrorDays} days`],
                ['warning', `⚠️ Expiring within ${result.expiryWarningDays} days`],
                ['fine', '✅ Fine']
            ].filter(([g]) => g !== 'error' || result.expiryErrorDays > 0);
            let html = h2(`Expiry report: ${result.entries.length} certificate(s) (type: ${result.typeFilter})`);
            html += p(groups.map(([g, label]) => `${label}: ${result.entries.filter((e) => e.group === g).length}`).join(' · '));
            for (const [g, label] of groups) {
                const rows = result.entries.filter((e) => e.group === g);
                if (rows.length === 0)
                    continue;
                html += h3(label);
                html += table(['Name', 'ID', 'CA', 'Expires', 'Days left', 'Associations'], rows.map((e) => [
                    e.certificate.name ?? '',
                    code(e.certificate.id),
                    e.certificate.ca === undefined ? '' : String(e.certificate.ca),
                    e.certificate.expires_on ?? '',
                    e.daysLeft === undefined ? '' : String(e.daysLeft),
                    e.associationCount === undefined ? '' : String(e.associationCount)
                ]));
            }
            return html;
        }
    }
}

// EXTERNAL MODULE: ./src/runner.ts + 1 modules
var runner = __nccwpck_require__(8186);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/report/write.ts




/** GitHub places an annotation only by a path relative to the repository root. */
function annotationPath(file) {
    const workspace = process.env.GITHUB_WORKSPACE;
    if (!workspace || !external_node_path_default().isAbsolute(file))
        return file;
    const rel = external_node_path_default().relative(workspace, file);
    return rel.startsWith('..') || external_node_path_default().isAbsolute(rel) ? file : rel.split((external_node_path_default()).sep).join('/');
}
/** The one place that writes outputs and the job summary. */
async function writeResult(result, now, summary) {
    for (const [name, value] of Object.entries(toOutputs(result, now)))
        runner/* setOutput */.uH(name, value);
    if (result.operation === 'validate' && !result.failed)
        writeAnnotations(result.files);
    // The preflight let the upload go on: its warnings and notices still belong on the file and line.
    if (result.operation === 'upload' || result.operation === 'rotate')
        writeAnnotations([result.validation], { errorsAsFailure: true });
    if (summary && process.env.GITHUB_STEP_SUMMARY) {
        runner/* appendSummary */.fe(fitSummary(renderSummary(result, now)));
    }
}
/**
 * GitHub drops a step's summary whole when it is over 1 MiB (a list of 5,000 certificates is about
 * 1.3 MB). Leave room below that; the outputs and annotations still carry everything.
 */
const SUMMARY_MAX_BYTES = 1_000_000;
/**
 * A summary that GitHub will show: as it is when it fits, otherwise cut after the last table row
 * that fits, the table closed, and a line that says so. Our tables are flat (`<table><tr>…</tr>…
 * </table>`), so a cut after `</tr>` leaves well-formed HTML.
 */
function fitSummary(html, maxBytes = SUMMARY_MAX_BYTES) {
    if (html.length <= maxBytes / 3 || Buffer.byteLength(html) <= maxBytes)
        return html;
    const note = (shown) => `<p><strong>The summary stops here:</strong> GitHub shows at most 1 MiB of summary per step, and this one was ${Buffer.byteLength(html)} bytes (${shown} shown). The outputs and the annotations hold every result.</p>\n`;
    const room = maxBytes - Buffer.byteLength(note(maxBytes)) - '</table>\n'.length;
    const bytes = Buffer.from(html);
    const rowEnd = bytes.lastIndexOf('</tr>', room - '</tr>'.length);
    // Or after an element of our own (`</h3>\n`, `</p>\n`): a newline inside a value from the API is not one.
    const elementEnd = bytes.lastIndexOf('>\n', room - 2);
    const end = Math.max(rowEnd < 0 ? 0 : rowEnd + '</tr>'.length, elementEnd < 0 ? 0 : elementEnd + 2);
    const head = bytes.subarray(0, end).toString('utf8');
    const open = head.lastIndexOf('<table>') > head.lastIndexOf('</table>');
    return `${head}${open ? '</table>\n' : ''}${note(end)}`;
}
/**
 * Findings as annotations on the file and line. With errorsAsFailure, errors are left to the one
 * failure line (an upload's preflight) and only warnings and notices are annotated.
 */
function writeAnnotations(files, options = {}) {
    for (const f of files) {
        for (const x of f.findings) {
            const props = { file: annotationPath(x.file), startLine: x.line, title: x.code };
            const message = `${x.code}: ${x.message}`;
            if (x.severity === 'error') {
                if (!options.errorsAsFailure)
                    runner/* error */.z3(message, props);
            }
            else if (x.severity === 'warning')
                runner/* warning */.$e(message, props);
            else
                runner/* notice */.lm(message, props);
        }
    }
}

;// CONCATENATED MODULE: ./src/main.ts




// Imported above: what every run needs. The validator is in the same file of the bundle (as a chunk
// of its own it cost validate 10% more to load; upload and rotate need it too), but it runs only
// when an operation asks for it ("eager" import below): its module and node:crypto, which it loads,
// cost a `list` about 30 ms otherwise. The HTTP stack and each network operation are loaded
// below, only by the operation that uses them.
// One log line per message: text that came from the server or a file cannot start a line of its
// own and so cannot forge a workflow command.
const oneLine = (m) => m.replace(/[\r\n\u2028\u2029]+/g, ' ');
const log = {
    info: (m) => runner/* info */.pq(oneLine(m)),
    warning: (m) => runner/* warning */.$e(m),
    debug: (m) => runner/* debug */.Yz(m)
};
/** Registers every secret with the runner before anything can print it: whole, and line by line. */
function maskSecret(value) {
    if (!value)
        return;
    runner/* setSecret */.Pq(value);
    for (const line of value.split(/\r?\n/)) {
        const t = line.trim();
        // Armor lines are public text; masking them would blank out every certificate in the log too.
        if (t.length >= 8 && !t.startsWith('-----'))
            runner/* setSecret */.Pq(t);
    }
}
function maskInputs(raw) {
    maskSecret(raw['api-token']);
    maskSecret(raw['api-key']);
    maskSecret(raw['api-email']);
    maskSecret(raw['private-key']);
}
/** The whole action: inputs → config → operation → outputs and summary. The one catch is here. */
async function run(env = process.env) {
    let config;
    try {
        const raw = (0,inputs/* collectInputs */.Cm)(runner/* getInput */.V4, env);
        maskInputs(raw);
        config = (0,inputs/* parseConfig */.o4)(raw, { onSecret: maskSecret });
        const now = new Date();
        const result = await execute(config, now, env);
        await writeResult(result, now, config.summary);
    }
    catch (e) {
        runner/* setFailed */.C1(await describeFailure(e, config));
        if (runner/* isDebug */._o() && e instanceof Error && e.stack)
            runner/* debug */.Yz(e.stack);
    }
}
async function execute(config, now, env) {
    if (config.operation === 'validate') {
        const { validateFiles } = await Promise.resolve(/* import() eager */).then(__nccwpck_require__.bind(__nccwpck_require__, 3052));
        const result = await validateFiles(config, {
            log,
            now: () => now,
            workspace: env.GITHUB_WORKSPACE || process.cwd(),
            // @actions/glob (with @actions/core, its HTTP client and undici) only when a pattern needs it.
            glob: async (patterns) => {
                const glob = await __nccwpck_require__.e(/* import() */ 660).then(__nccwpck_require__.bind(__nccwpck_require__, 3660));
                return (await glob.create(patterns.join('\n'), { matchDirectories: false })).glob();
            }
        });
        if (result.failed) {
            writeAnnotations(result.files);
            await writeResult(result, now, config.summary);
            const errors = result.files.reduce((n, f) => n + f.errorCount, 0);
            const warnings = result.files.reduce((n, f) => n + f.warningCount, 0);
            throw new types/* OperationError */.O(`PEM validation failed (fail-on: ${result.failOn}): ${errors} error(s) and ${warnings} warning(s) in ${result.files.filter((f) => f.errorCount + f.warningCount > 0).length} of ${result.files.length} file(s); see the annotations above and the job summary.`);
        }
        return result;
    }
    // Only operations that talk to Cloudflare load the HTTP client: it starts loading
    // here, while the operation's own module loads beside it.
    const http = __nccwpck_require__.e(/* import() */ 784).then(__nccwpck_require__.bind(__nccwpck_require__, 9784));
    http.catch(() => { }); // awaited below; a failure is reported there, not as an unhandled rejection
    const connected = async (operate) => {
        const { clients, close } = (await http).createClients(config.connection, log, now);
        try {
            return await operate(clients);
        }
        finally {
            await close();
        }
    };
    switch (config.operation) {
        case 'list': {
            const { listCertificates } = await __nccwpck_require__.e(/* import() */ 296).then(__nccwpck_require__.bind(__nccwpck_require__, 7296));
            return connected((clients) => listCertificates(config, clients));
        }
        case 'get': {
            const { getCertificate } = await __nccwpck_require__.e(/* import() */ 296).then(__nccwpck_require__.bind(__nccwpck_require__, 7296));
            return connected((clients) => getCertificate(config, clients));
        }
        case 'associations': {
            const { listAssociations } = await __nccwpck_require__.e(/* import() */ 296).then(__nccwpck_require__.bind(__nccwpck_require__, 7296));
            return connected((clients) => listAssociations(config, clients));
        }
        case 'delete': {
            const { deleteCertificate } = await __nccwpck_require__.e(/* import() */ 159).then(__nccwpck_require__.bind(__nccwpck_require__, 1159));
            return connected((clients) => deleteCertificate(config, clients));
        }
        case 'upload': {
            const { uploadCertificate } = await __nccwpck_require__.e(/* import() */ 841).then(__nccwpck_require__.bind(__nccwpck_require__, 7841));
            return connected((clients) => uploadCertificate(config, clients));
        }
        case 'rotate': {
            const { rotateCertificate } = await __nccwpck_require__.e(/* import() */ 47).then(__nccwpck_require__.bind(__nccwpck_require__, 3047));
            return connected((clients) => rotateCertificate(config, clients));
        }
        case 'report': {
            const { reportExpiry } = await __nccwpck_require__.e(/* import() */ 14).then(__nccwpck_require__.bind(__nccwpck_require__, 4014));
            const result = await connected((clients) => reportExpiry(config, clients));
            if (result.failed) {
                await writeResult(result, now, config.summary);
                const expired = result.entries.filter((e) => e.group === 'expired').length;
                const soon = result.entries.filter((e) => e.group === 'error').length;
                throw new types/* OperationError */.O(`${expired} certificate(s) expired and ${soon} expire within expiry-error-days (${result.expiryErrorDays}) in account ${config.connection.accountId}; see the warnings above and the job summary. Rotate them (operation: rotate) or delete the unused ones.`);
            }
            return result;
        }
    }
}
function errorContext(config) {
    if (!config || config.operation === 'validate')
        return undefined;
    const accountId = config.connection.accountId;
    const id = 'ref' in config && config.ref.by === 'id' ? config.ref.id : undefined;
    const base = { accountId, ...(id ? { certificateId: id } : {}) };
    switch (config.operation) {
        case 'upload':
            return { ...base, action: 'upload the certificate', permission: 'Edit' };
        case 'rotate':
            return { ...base, action: `rotate the certificate "${config.name ?? ''}"`, permission: 'Edit' };
        case 'delete':
            return { ...base, action: `delete certificate ${id ?? `"${config.ref.by === 'name' ? config.ref.name : ''}"`}`, permission: 'Edit' };
        case 'list':
            return { ...base, action: 'list the certificates', permission: 'Read' };
        case 'report':
            return { ...base, action: 'report on the certificates', permission: 'Read' };
        case 'get':
            return { ...base, action: `read certificate ${id ?? ''}`.trim(), permission: 'Read' };
        case 'associations':
            return { ...base, action: `read the associations of certificate ${id ?? ''}`.trim(), permission: 'Read' };
    }
}
/** One actionable line for any failure; never a stack trace, never a secret. */
async function describeFailure(e, config) {
    if (e instanceof inputs/* InputError */.dz || e instanceof types/* OperationError */.O) {
        const report = e.report;
        if (report)
            writeAnnotations([report], { errorsAsFailure: true });
        return e.message;
    }
    // An API error exists only once the HTTP stack is loaded: importing its module here costs nothing then.
    const { CloudflareApiError, describeApiError } = await __nccwpck_require__.e(/* import() */ 640).then(__nccwpck_require__.bind(__nccwpck_require__, 7640));
    if (e instanceof CloudflareApiError) {
        const ctx = errorContext(config);
        return ctx ? describeApiError(e, ctx) : e.message;
    }
    const message = e instanceof Error ? e.message : String(e);
    return `Unexpected failure: ${message}. Re-run with debug logging (RUNNER_DEBUG=1) for details, and report it if it persists.`;
}


/***/ }),

/***/ 600:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ daysUntil)
/* harmony export */ });
/** Whole days from now until the instant; negative once it has passed. */
function daysUntil(iso, now) {
    if (!iso)
        return undefined;
    const t = Date.parse(iso);
    if (!Number.isFinite(t))
        return undefined;
    return Math.floor((t - now.getTime()) / 86_400_000);
}


/***/ }),

/***/ 1983:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ OperationError)
/* harmony export */ });
/** A failure the operation found in the account, not a bug: one line, exit code 1, no stack. */
class OperationError extends Error {
    reason;
    constructor(message, 
    /** Lets a caller react to a kind of failure (e.g. missing-ok) without matching text. */
    reason = 'other') {
        super(message);
        this.reason = reason;
        this.name = 'OperationError';
    }
}


/***/ }),

/***/ 3052:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  validateFiles: () => (/* binding */ validateFiles)
});

// UNUSED EXPORTS: expandPaths

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/inputs.ts
var inputs = __nccwpck_require__(8422);
// EXTERNAL MODULE: ./src/pem/index.ts + 11 modules
var pem = __nccwpck_require__(9192);
;// CONCATENATED MODULE: ./src/operations/paths.ts


/**
 * Regular files below `root`, as @actions/glob walks (hidden files included, symbolic links
 * followed, broken links and link cycles skipped), keeping the directories and files the callbacks
 * accept; `rel` is the path below `root`, by segment. The directory entries' own types say what
 * each is: only a symbolic link is stat'ed (to follow it), not every file (1,000 stat calls were
 * 4% of a `validate` of 1,000 files). The reader checks each file's type and size when it opens it.
 */
function walk(root, reach, accept) {
    const files = [];
    const kindOf = (p, entry) => {
        if (entry.isDirectory())
            return 'directory';
        if (entry.isFile())
            return 'file';
        if (!entry.isSymbolicLink())
            return undefined; // a FIFO, socket or device: never read
        try {
            const stat = (0,external_node_fs_.statSync)(p);
            return stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : undefined;
        }
        catch (e) {
            if (e.code === 'ENOENT')
                return undefined; // a broken link
            throw e;
        }
    };
    const visit = (dir, rel, ancestors, all) => {
        const real = (0,external_node_fs_.realpathSync)(dir);
        if (ancestors.includes(real))
            return;
        const chain = [...ancestors, real];
        for (const entry of (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true })) {
            const p = external_node_path_default().join(dir, entry.name);
            const r = [...rel, entry.name];
            const kind = kindOf(p, entry);
            if (kind === 'directory') {
                const inside = all ? 'all' : reach(r);
                if (inside !== 'none')
                    visit(p, r, chain, inside === 'all');
            }
            else if (kind === 'file' && (all || accept(r))) {
                files.push(p);
            }
        }
    };
    visit(root, [], [], false);
    return files;
}
/** Every regular file below a directory, as @actions/glob finds them for a directory. */
function filesUnder(directory) {
    return walk(external_node_path_default().resolve(directory), () => 'all', () => true);
}
// The patterns handled here are made of literal segments, segments with `*` and `?`, and whole
// `**` segments, relative or absolute, on Linux and macOS. Anything else (character sets, escapes,
// `!`, `~`, `.` or `..` segments, a trailing slash, Windows paths) is left to @actions/glob.
const SIMPLE_SEGMENT = /^(?:\*\*|[\w\-.+@=,%*? ]+)$/;
/**
 * The regular files a simple pattern matches, as @actions/glob's
 * `create(pattern, { matchDirectories: false })` finds them: minimatch with dot: true, and a
 * directory that matches brings every file below it. Undefined when the pattern is not simple.
 */
function matchSimplePattern(pattern, cwd = process.cwd()) {
    if (process.platform === 'win32' || pattern.endsWith('/'))
        return undefined;
    const absolute = pattern.startsWith('/');
    const segments = (absolute ? pattern.slice(1) : pattern).split('/');
    if (segments.some((s) => !SIMPLE_SEGMENT.test(s) || s === '.' || s === '..' || (s.includes('**') && s !== '**')))
        return undefined;
    // The search starts at the literal directories before the first wildcard, as @actions/glob's does.
    const literal = segments.findIndex((s) => /[*?]/.test(s));
    if (literal < 0)
        return undefined;
    const searchPath = external_node_path_default().join(external_node_path_default().resolve(absolute ? '/' : cwd), ...segments.slice(0, literal));
    const rest = segments.slice(literal).map((s) => (s === '**' ? GLOBSTAR : segmentRegExp(s)));
    try {
        if (!(0,external_node_fs_.statSync)(searchPath).isDirectory())
            return [];
    }
    catch {
        return [];
    }
    return walk(searchPath, (rel) => reachOf(rel, 0, rest, 0), (rel) => reachOf(rel, 0, rest, 0) === 'all');
}
const GLOBSTAR = Symbol('**');
function segmentRegExp(segment) {
    const source = segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
    return new RegExp(`^${source}$`);
}
/**
 * Matches the path segments rel[i..] against the pattern segments pat[j..]: 'all' when the path
 * matches (a directory then brings everything below it), 'some' when a longer path could, else 'none'.
 */
function reachOf(rel, i, pat, j) {
    if (i === rel.length) {
        for (let k = j; k < pat.length; k++)
            if (pat[k] !== GLOBSTAR)
                return 'some';
        return 'all';
    }
    if (j === pat.length)
        return 'none';
    const p = pat[j];
    if (p === GLOBSTAR) {
        // `**` matches no segment, or this one and maybe more.
        const skip = reachOf(rel, i, pat, j + 1);
        if (skip === 'all')
            return 'all';
        const take = reachOf(rel, i + 1, pat, j);
        return take === 'all' ? 'all' : skip === 'some' || take === 'some' ? 'some' : 'none';
    }
    return p?.test(rel[i] ?? '') ? reachOf(rel, i + 1, pat, j + 1) : 'none';
}

;// CONCATENATED MODULE: ./src/operations/validate.ts





/** Extensions taken from a directory; a file named explicitly or by a glob is always read. */
const PEM_EXTENSIONS = new Set(['.pem', '.crt', '.cer', '.cert', '.ca-bundle', '.ca']);
const hasMagic = (s) => /[*?[\]{}!]/.test(s);
/** Files, directories and globs → the list of files to read, in a stable order. */
async function expandPaths(entries, deps) {
    const files = [];
    for (const entry of entries) {
        if (hasMagic(entry)) {
            // A simple pattern (`certs/**/*.pem`) is matched here; @actions/glob is loaded for the others.
            const matched = matchSimplePattern(entry) ?? (await deps.glob([entry])).filter(isRegularFile);
            if (matched.length === 0)
                throw new inputs/* InputError */.dz('certificate-path', `pattern "${entry}" matched no files`);
            files.push(...matched);
            continue;
        }
        let stat;
        try {
            stat = (0,external_node_fs_.statSync)(entry);
        }
        catch {
            throw new inputs/* InputError */.dz('certificate-path', `names a path that does not exist: ${entry}`);
        }
        if (stat.isDirectory()) {
            const inside = filesUnder(entry).filter((f) => PEM_EXTENSIONS.has(external_node_path_default().extname(f).toLowerCase()));
            if (inside.length === 0) {
                throw new inputs/* InputError */.dz('certificate-path', `names a directory with no ${[...PEM_EXTENSIONS].join(' / ')} files: ${entry}`);
            }
            files.push(...inside);
        }
        else if (stat.isFile()) {
            files.push(external_node_path_default().resolve(entry));
        }
        else {
            // Input parsing refuses these too; a FIFO or a device is never opened.
            throw new inputs/* InputError */.dz('certificate-path', `names something that is neither a file nor a directory: ${entry}`);
        }
    }
    // A file named twice (a directory and a pattern) is read once.
    return [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
function isRegularFile(f) {
    try {
        return (0,external_node_fs_.statSync)(f).isFile();
    }
    catch {
        return false;
    }
}
/**
 * Reads a file found above, checking its type and size on the open descriptor: one fstat instead
 * of a stat per file while finding them, and no window in which the file can change between the
 * check and the read. O_NONBLOCK: a FIFO that took a file's place opens at once (and is not read)
 * instead of blocking the run until a writer comes.
 */
function readPemFile(file) {
    const fd = (0,external_node_fs_.openSync)(file, external_node_fs_.constants.O_RDONLY | (external_node_fs_.constants.O_NONBLOCK ?? 0));
    try {
        const stat = (0,external_node_fs_.fstatSync)(fd);
        if (!stat.isFile())
            return { notAFile: true };
        if (stat.size > inputs/* MAX_PEM_BYTES */.kb)
            return { tooLarge: stat.size };
        const bytes = Buffer.allocUnsafeSlow(stat.size);
        let n = 0;
        while (n < bytes.length) {
            const read = (0,external_node_fs_.readSync)(fd, bytes, n, bytes.length - n, null);
            if (read === 0)
                break;
            n += read;
        }
        return { bytes: n === bytes.length ? bytes : bytes.subarray(0, n) };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
async function validateFiles(config, deps) {
    const files = await expandPaths(config.paths, deps);
    let privateKey;
    if (config.privateKeyPath) {
        try {
            privateKey = { text: (0,external_node_fs_.readFileSync)(config.privateKeyPath), file: relative(config.privateKeyPath, deps.workspace) };
        }
        catch (e) {
            throw new inputs/* InputError */.dz('private-key-path', `names a file that cannot be read: ${config.privateKeyPath} (${e.code ?? 'unreadable'})`);
        }
    }
    const now = deps.now();
    const reports = [];
    const labelOf = relativeTo(deps.workspace);
    for (const file of files) {
        const label = labelOf(file);
        const read = readPemFile(file);
        if ('notAFile' in read) {
            // A regular file a moment ago (a directory walk or a glob found it), something else now.
            throw new inputs/* InputError */.dz('certificate-path', `found ${label} as a file, but it is no longer a regular file`);
        }
        if ('tooLarge' in read) {
            reports.push(tooLarge(label, read.tooLarge, config.ca));
            continue;
        }
        reports.push((0,pem/* validatePem */.PO)(read.bytes, {
            file: label,
            profile: config.ca === 'auto' ? 'auto' : config.ca === 'true' ? 'ca' : 'leaf',
            now,
            expiryWarningDays: config.validation.expiryWarningDays,
            expiryErrorDays: config.validation.expiryErrorDays,
            ...(privateKey ? { privateKey } : {})
        }));
    }
    const errors = reports.reduce((n, r) => n + r.errorCount, 0);
    const warnings = reports.reduce((n, r) => n + r.warningCount, 0);
    const failed = errors > 0 || (config.validation.failOn === 'warning' && warnings > 0);
    deps.log.info(`Validated ${reports.length} file(s): ${errors} error(s), ${warnings} warning(s).`);
    return { operation: 'validate', files: reports, failOn: config.validation.failOn, failed };
}
function tooLarge(file, size, ca) {
    const finding = (0,pem/* makeFinding */.MH)('FILE_TOO_LARGE', `The file is ${size} bytes, more than the 1 MiB a certificate bundle can reasonably be; is it the right file?`, file, 1);
    return { file, profile: ca === 'false' ? 'leaf' : 'ca', certificates: [], findings: [finding], errorCount: 1, warningCount: 0, noticeCount: 0 };
}
function relative(file, workspace) {
    const rel = external_node_path_default().relative(workspace, external_node_path_default().resolve(file));
    return rel.startsWith('..') || external_node_path_default().isAbsolute(rel) ? external_node_path_default().resolve(file) : rel.split((external_node_path_default()).sep).join('/');
}
/** relative() for many files of one workspace: a file inside it (the usual case) is a slice, not a path.relative. */
function relativeTo(workspace) {
    const prefix = external_node_path_default().resolve(workspace) + (external_node_path_default()).sep;
    return (file) => file.startsWith(prefix) && external_node_path_default().normalize(file) === file
        ? file.slice(prefix.length).split((external_node_path_default()).sep).join('/')
        : relative(file, workspace);
}


/***/ }),

/***/ 9192:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  X1: () => (/* reexport */ fingerprintsOfPem),
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
    FILE_IS_DER: { severity: 'error', title: 'Binary DER instead of PEM', fix: 'Convert it: `openssl x509 -inform der -in cert.der -out cert.pem` (keys: `openssl pkey -inform der`).' },
    FILE_TOO_LARGE: { severity: 'error', title: 'File larger than 1 MiB', fix: 'Point certificate-path at the PEM bundle itself; a certificate bundle is a few kilobytes.' },
    FILE_BINARY: { severity: 'error', title: 'Binary data, not text', fix: 'Use the PEM text file; a .p12/.pfx needs `openssl pkcs12 -in file.p12 -nokeys -out cert.pem`.' },
    PEM_BOM: { severity: 'warning', title: 'Byte-order mark at the start', fix: 'Save the file as UTF-8 without BOM (e.g. `sed -i "1s/^\\xEF\\xBB\\xBF//" cert.pem`).' },
    PEM_CRLF: { severity: 'warning', title: 'Windows (CRLF) line endings', fix: 'Convert to LF line endings: `dos2unix cert.pem` or `sed -i "s/\\r$//" cert.pem`.' },
    PEM_LITERAL_NEWLINES: { severity: 'error', title: 'Literal \\n sequences instead of line breaks', fix: 'Store the PEM with real line breaks (e.g. `jq -r` when extracting it from JSON) instead of an escaped string.' },
    PEM_SINGLE_LINE: { severity: 'error', title: 'PEM block flattened onto one line', fix: 'Restore the line breaks: BEGIN line, base64 lines, END line (a multi-line value was pasted into a single-line field).' },
    PEM_INDENTED_ARMOR: { severity: 'error', title: 'Indented BEGIN/END line', fix: 'Remove the leading whitespace; OpenSSL and Go only recognise BEGIN/END lines at the start of a line.' },
    PEM_MALFORMED_ARMOR: { severity: 'error', title: 'Malformed BEGIN/END line', fix: 'Write the line exactly as `-----BEGIN CERTIFICATE-----` / `-----END CERTIFICATE-----` with nothing else on it.' },
    PEM_TRAILING_WHITESPACE: { severity: 'notice', title: 'Trailing whitespace on a BEGIN/END line', fix: 'Remove trailing spaces; most parsers tolerate them but strict ones do not.' },
    PEM_WHITESPACE_ONLY_LINES: { severity: 'notice', title: 'Lines containing only spaces or tabs', fix: 'Nothing is required; they are ignored. Delete them to keep the file clean.' },
    PEM_WHITESPACE_IN_BODY: { severity: 'notice', title: 'Spaces or tabs inside the base64 body', fix: 'Nothing is required; they are ignored. Re-export with `openssl x509 -in cert.pem -out clean.pem` for a canonical file.' },
    PEM_MISSING_END: { severity: 'error', title: 'BEGIN line without a matching END line', fix: 'The block is truncated: copy the complete certificate, including its `-----END …-----` line.' },
    PEM_END_WITHOUT_BEGIN: { severity: 'error', title: 'END line without a BEGIN line', fix: 'The block start is missing: copy the complete certificate, including its `-----BEGIN …-----` line.' },
    PEM_LABEL_MISMATCH: { severity: 'error', title: 'BEGIN and END labels differ', fix: 'Make the END label match the BEGIN label; the file was probably spliced from two sources.' },
    PEM_NESTED_BEGIN: { severity: 'error', title: 'BEGIN line inside another block', fix: 'Add the missing END line of the previous block, or remove the truncated block.' },
    PEM_EMPTY_BLOCK: { severity: 'error', title: 'PEM block with no content', fix: 'Paste the base64 body between the BEGIN and END lines, or remove the empty block.' },
    PEM_BLANK_LINE_IN_BLOCK: { severity: 'error', title: 'Blank line inside a PEM block', fix: 'Remove blank lines between BEGIN and END; OpenSSL rejects them.' },
    PEM_BAD_BASE64: { severity: 'error', title: 'Invalid base64 in a PEM block', fix: 'The body is corrupted or truncated: copy the certificate again from its source.' },
    PEM_IRREGULAR_LINE_LENGTH: { severity: 'warning', title: 'Irregular base64 line lengths', fix: 'A line was probably edited or cut; re-export with `openssl x509 -in cert.pem -out clean.pem` and compare.' },
    PEM_BLOCK_HEADERS: { severity: 'warning', title: 'Headers inside a CERTIFICATE block', fix: 'Remove the `Name: value` header lines; RFC 7468 certificates have none.' },
    PEM_TEXT_OUTSIDE_BLOCKS: { severity: 'warning', title: 'Text outside PEM blocks', fix: 'Remove it, e.g. keep only the PEM with `openssl x509 -in cert.pem -out clean.pem` (one certificate).' },
    PEM_STRAY_BASE64: { severity: 'error', title: 'Base64 data outside any PEM block', fix: 'A BEGIN or END line is missing around this data: copy the certificate again, armor included.' },
    PEM_NO_ARMOR: { severity: 'error', title: 'Base64 without BEGIN/END lines', fix: 'Wrap the data in `-----BEGIN CERTIFICATE-----` / `-----END CERTIFICATE-----` lines.' },
    PEM_NO_CERTIFICATES: { severity: 'error', title: 'No certificate in the file', fix: 'Provide a file containing at least one `-----BEGIN CERTIFICATE-----` block.' },
    PEM_PRIVATE_KEY_BLOCK: { severity: 'error', title: 'Private key in the certificate file', fix: 'Move the key to the private-key input and remove it from the certificate file.' },
    PEM_PUBLIC_KEY_BLOCK: { severity: 'error', title: 'Public key instead of a certificate', fix: 'Upload the certificate that contains this key, not the bare key.' },
    PEM_CSR_BLOCK: { severity: 'error', title: 'Certificate request instead of a certificate', fix: 'Have the CSR signed first (e.g. `openssl x509 -req -in req.csr -CA ca.pem -CAkey ca.key -out cert.pem`).' },
    PEM_PKCS7_BLOCK: { severity: 'error', title: 'PKCS#7 bundle instead of PEM certificates', fix: 'Extract the certificates: `openssl pkcs7 -print_certs -in bundle.p7b -out certs.pem`.' },
    PEM_CRL_BLOCK: { severity: 'error', title: 'CRL in the certificate file', fix: 'Remove the X509 CRL block; only certificates are uploaded.' },
    PEM_TRUSTED_CERTIFICATE_BLOCK: { severity: 'error', title: 'OpenSSL TRUSTED CERTIFICATE block', fix: 'Strip the trust settings: `openssl x509 -in trusted.pem -out cert.pem`.' },
    PEM_LEGACY_CERTIFICATE_LABEL: { severity: 'error', title: 'Legacy X509 CERTIFICATE label', fix: 'Rename the label to `CERTIFICATE` on both the BEGIN and END lines.' },
    PEM_UNEXPECTED_BLOCK: { severity: 'error', title: 'Unexpected PEM block', fix: 'Remove the block; the certificate file must contain only CERTIFICATE blocks.' },
    // One certificate
    CERT_UNPARSEABLE: { severity: 'error', title: 'Certificate does not parse', fix: 'The DER is corrupted or truncated: obtain the certificate again from its issuer.' },
    CERT_MALFORMED_EXTENSION: { severity: 'error', title: 'Malformed extension value', fix: 'Reissue the certificate; its extension cannot be decoded.' },
    CERT_DUPLICATE_EXTENSION: { severity: 'error', title: 'Extension present more than once', fix: 'Reissue the certificate; RFC 5280 allows each extension once.' },
    CERT_UNKNOWN_CRITICAL_EXTENSION: { severity: 'error', title: 'Unknown critical extension', fix: 'Reissue the certificate without the critical extension (or mark it non-critical); verifiers must reject it.' },
    CERT_SIGNATURE_ALGORITHM_MISMATCH: { severity: 'error', title: 'Inner and outer signature algorithms differ', fix: 'Reissue the certificate; RFC 5280 requires both AlgorithmIdentifiers to be identical.' },
    CERT_SIGNATURE_ALGORITHM_INSECURE: { severity: 'error', title: 'MD2/MD4/MD5 signature', fix: 'Reissue the certificate with SHA-256 or stronger.' },
    CERT_SIGNATURE_ALGORITHM_UNSUPPORTED: { severity: 'error', title: 'Signature algorithm Cloudflare does not accept for a CA', fix: 'Reissue with SHA-256/384/512 with RSA or ECDSA (Cloudflare accepts SHA1/256/384/512WithRSA and ECDSAWithSHA1/256/384/512).' },
    CERT_KEY_ALGORITHM_UNSUPPORTED: { severity: 'error', title: 'CA key algorithm Cloudflare does not accept', fix: 'Use an RSA (≥ 2048 bits) or ECDSA P-256/P-384 CA key.' },
    CERT_UNDOCUMENTED_ALGORITHM: { severity: 'warning', title: 'Algorithm outside Cloudflare\'s documented list', fix: 'Prefer RSA or ECDSA P-256/P-384 keys with SHA-256/384 signatures.' },
    CERT_SHA1_SIGNATURE: { severity: 'warning', title: 'SHA-1 signature', fix: 'Reissue the certificate with SHA-256 or stronger.' },
    CERT_SHA1_SELF_SIGNATURE: { severity: 'notice', title: 'SHA-1 self-signature on a root', fix: 'Nothing is required: a root\'s self-signature is not relied upon.' },
    CERT_RSA_KEY_TOO_SMALL: { severity: 'error', title: 'RSA key shorter than 2048 bits', fix: 'Generate a new key of at least 2048 bits and reissue the certificate.' },
    CERT_EC_CURVE_UNSUPPORTED: { severity: 'error', title: 'Unsupported elliptic curve', fix: 'Use a P-256 or P-384 key and reissue the certificate.' },
    CERT_EC_CURVE_P521: { severity: 'warning', title: 'P-521 key', fix: 'Prefer P-256 or P-384; P-521 is not in Cloudflare\'s documented list.' },
    CERT_EC_EXPLICIT_PARAMETERS: { severity: 'error', title: 'Explicitly encoded EC parameters', fix: 'Reissue with a named curve (`openssl ecparam -name prime256v1 -param_enc named_curve`).' },
    CERT_EXPIRED: { severity: 'error', title: 'Certificate expired', fix: 'Renew the certificate and upload the new one.' },
    CERT_NOT_YET_VALID: { severity: 'error', title: 'Certificate not yet valid', fix: 'Check the issuing system\'s clock, or wait until notBefore.' },
    CERT_VALIDITY_INVERTED: { severity: 'error', title: 'notAfter is before notBefore', fix: 'Reissue the certificate with a valid validity period.' },
    CERT_EXPIRES_SOON: { severity: 'warning', title: 'Certificate expires soon', fix: 'Renew the certificate before it expires.' },
    CERT_EXPIRES_WITHIN_ERROR_WINDOW: { severity: 'error', title: 'Certificate expires within the error window', fix: 'Renew the certificate, or lower expiry-error-days.' },
    CERT_SERIAL_ZERO: { severity: 'warning', title: 'Serial number is zero', fix: 'Reissue with a positive random serial number (RFC 5280 §4.1.2.2).' },
    CERT_SERIAL_NEGATIVE: { severity: 'warning', title: 'Negative serial number', fix: 'Reissue with a positive serial number; recent Go versions reject negative serials.' },
    CERT_SERIAL_TOO_LONG: { severity: 'warning', title: 'Serial number longer than 20 octets', fix: 'Reissue with a serial of at most 20 octets (RFC 5280 §4.1.2.2).' },
    // CA profile
    CA_BASIC_CONSTRAINTS_MISSING: { severity: 'error', title: 'CA certificate without Basic Constraints', fix: 'Reissue the CA with `basicConstraints=critical,CA:TRUE`; Cloudflare requires CA:TRUE.' },
    CA_NOT_CA: { severity: 'error', title: 'Basic Constraints CA:FALSE', fix: 'Upload the issuing CA certificate instead, or reissue it with `basicConstraints=critical,CA:TRUE`.' },
    CA_LEAF_IN_BUNDLE: { severity: 'error', title: 'End-entity certificate in a CA bundle', fix: 'Remove the end-entity certificate from the CA upload, or upload it with ca: false and its private key.' },
    CA_KEY_USAGE_NO_CERT_SIGN: { severity: 'error', title: 'Key Usage without keyCertSign', fix: 'Reissue the CA with `keyUsage=critical,keyCertSign,cRLSign`.' },
    CA_BASIC_CONSTRAINTS_NOT_CRITICAL: { severity: 'warning', title: 'Basic Constraints not critical', fix: 'Nothing blocks the upload; new CAs should mark basicConstraints critical (RFC 5280 §4.2.1.9).' },
    CA_KEY_USAGE_MISSING: { severity: 'warning', title: 'CA without Key Usage', fix: 'Nothing blocks the upload; new CAs should carry `keyUsage=critical,keyCertSign,cRLSign`.' },
    CA_EMPTY_SUBJECT: { severity: 'error', title: 'CA with an empty subject', fix: 'Reissue the CA with a non-empty subject DN; issuers are matched by name.' },
    CA_PATH_LENGTH_EXCEEDED: { severity: 'error', title: 'pathLenConstraint exceeded within the bundle', fix: 'Remove the extra intermediate CA(s) or reissue the constraining CA with a larger pathlen.' },
    // Bundle
    CHAIN_DUPLICATE_CERTIFICATE: { severity: 'warning', title: 'Certificate appears twice', fix: 'Remove the repeated certificate.' },
    CHAIN_ORDER: { severity: 'warning', title: 'Issuer present but not next in the file', fix: 'Order the file leaf first, each certificate followed by its issuer, root last.' },
    CHAIN_BAD_SIGNATURE: { severity: 'error', title: 'Signature does not verify with the name-matched issuer', fix: 'The certificate was not signed by this issuer\'s key (wrong or re-keyed issuer, or corruption): include the right issuer.' },
    CHAIN_ROOT_NOT_INCLUDED: { severity: 'warning', title: 'Chain does not end in a self-signed root', fix: 'Append the issuing root CA if clients should be validated up to the root.' },
    // Leaf profile
    LEAF_EKU_NO_CLIENT_AUTH: { severity: 'error', title: 'Extended Key Usage without clientAuth', fix: 'Reissue the certificate with `extendedKeyUsage=clientAuth`; it cannot be used as a TLS client certificate.' },
    LEAF_KEY_USAGE_NO_DIGITAL_SIGNATURE: { severity: 'warning', title: 'Key Usage without digitalSignature', fix: 'Reissue with `keyUsage=digitalSignature`; TLS client authentication signs with the key.' },
    LEAF_IS_CA: { severity: 'warning', title: 'CA certificate uploaded as a leaf', fix: 'Upload it with ca: true if it is meant to validate client certificates.' },
    LEAF_UNRELATED_CERTIFICATE: { severity: 'warning', title: 'Certificate not in the leaf\'s chain', fix: 'Remove certificates that do not issue the leaf or one of its issuers.' },
    // Private key
    KEY_MISSING: { severity: 'error', title: 'Private key required', fix: 'Provide the private key (PEM) for a ca: false upload.' },
    KEY_NOT_USED: { severity: 'warning', title: 'Private key given for a CA upload', fix: 'Remove the private key; ca: true uploads send only the certificates.' },
    KEY_NOT_FOUND: { severity: 'error', title: 'No private key block', fix: 'Provide a file containing a `-----BEGIN PRIVATE KEY-----` block.' },
    KEY_ENCRYPTED: { severity: 'error', title: 'Encrypted private key', fix: 'Decrypt it first: `openssl pkey -in encrypted.key -out plain.key`, and store the result as a secret.' },
    KEY_MULTIPLE: { severity: 'error', title: 'More than one private key', fix: 'Keep only the key that belongs to the leaf certificate.' },
    KEY_UNPARSEABLE: { severity: 'error', title: 'Private key does not parse', fix: 'The key is corrupted or truncated: export it again (`openssl pkey -in key.pem -out clean.pem`).' },
    KEY_UNSUPPORTED_FORMAT: { severity: 'error', title: 'Unsupported private key format', fix: 'Convert it to PKCS#8 PEM, e.g. `ssh-keygen -p -m PKCS8 -f key` or `openssl pkey -in key -out key.pem`.' },
    KEY_MISMATCH: { severity: 'error', title: 'Private key does not match the leaf', fix: 'Use the key the leaf was issued for; compare `openssl x509 -noout -pubkey` with `openssl pkey -pubout`.' },
    KEY_WEAK: { severity: 'error', title: 'Weak private key', fix: 'Generate an RSA ≥ 2048-bit or ECDSA P-256/P-384 key and reissue the certificate.' },
    KEY_FILE_CONTAINS_CERTIFICATE: { severity: 'warning', title: 'Certificate inside the private key input', fix: 'Keep only the key in the private-key input; certificates belong in the certificate input.' },
    KEY_FILE_UNEXPECTED_BLOCK: { severity: 'warning', title: 'Unexpected block in the private key input', fix: 'Keep only the private key block.' },
    VALIDATOR_INTERNAL_ERROR: { severity: 'error', title: 'Validator failed unexpectedly', fix: 'Report this with the file\'s structure (not its key material) at the action\'s issue tracker.' }
};
const FINDING_CATALOGUE = Object.freeze(Object.keys(CATALOGUE).map((code) => Object.freeze({ code, ...CATALOGUE[code] })));
function severityOf(code) {
    return CATALOGUE[code].severity;
}
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
            const expanded = raw.replace(FLATTENED_BLOCKS, (_m, begin, body, end) => `\n${begin}\n${body.trim().split(/[ \t]+/).join('\n')}\n${end}\n`);
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
function toHex(bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
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
var external_node_crypto_ = __nccwpck_require__(7598);
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
                record.problems.push(['CERT_DUPLICATE_EXTENSION', ` contains extension ${extensionName(ext.oid)} more than once; RFC 5280 forbids this and Go rejects it — reissue the certificate.`]);
            }
            continue;
        }
        seen.add(ext.oid);
        if (ext.critical && !KNOWN_EXTENSIONS.has(ext.oid)) {
            record.problems.push(['CERT_UNKNOWN_CRITICAL_EXTENSION', ` has an unknown critical extension ${extensionName(ext.oid)}; verifiers must reject it — reissue without it or mark it non-critical.`]);
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
            record.problems.push(['CERT_MALFORMED_EXTENSION', ` has a malformed ${extensionName(ext.oid)} extension (${error instanceof Error ? error.message : String(error)}); reissue the certificate.`]);
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
 * A lone self-issued certificate whose key identifiers and algorithms agree that it signed itself is
 * taken as self-signed without verifying: path validation never checks a trust anchor's self-signature
 * (RFC 5280 §6.1), and verifying it (P-384 especially) would cost more than parsing the whole file.
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
        if (candidates.length === 1 && candidates[0] === entry && claimsSelfSignature(entry)) {
            entry.issuer = entry;
            continue;
        }
        const ordered = [...candidates].sort((a, b) => rank(entry, a) - rank(entry, b));
        const issuer = ordered.find((candidate) => verifies(entry, candidate, cache));
        if (issuer !== undefined) {
            entry.issuer = issuer;
            continue;
        }
        const others = ordered.filter((c) => c !== entry);
        if (others.length === 0)
            continue;
        entry.badSignature = true;
        entry.claimedIssuer = others[0];
        const names = others.map((c) => `certificate ${c.index + 1}`).join(', ');
        ctx.findings.push(makeFinding('CHAIN_BAD_SIGNATURE', `${label(entry)} names ${names} as its issuer, but its signature does not verify with ${others.length > 1 ? 'their keys' : 'that key'}; it was signed by another key or is corrupted — include the certificate's real issuer.`, ctx.file, entry.block.line, entry.index));
    }
}
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

;// CONCATENATED MODULE: ./src/pem/checks.ts





const DAY_MS = 86_400_000;
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
        if (isSelfSigned(entry)) {
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
    if (now > notAfter.getTime()) {
        add('CERT_EXPIRED', `${name} expired on ${iso(notAfter)}; renew it and upload the new certificate.`);
        return;
    }
    const msLeft = notAfter.getTime() - now;
    const days = Math.floor(msLeft / DAY_MS);
    if (options.expiryErrorDays > 0 && msLeft < options.expiryErrorDays * DAY_MS) {
        add('CERT_EXPIRES_WITHIN_ERROR_WINDOW', `${name} expires on ${iso(notAfter)}, in ${days} day(s), within the ${options.expiryErrorDays}-day error window; renew it now.`);
    }
    else if (msLeft < options.expiryWarningDays * DAY_MS) {
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








const validate_DAY_MS = 86_400_000;
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
        daysLeft: Math.floor((parsed.notAfter.getTime() - now.getTime()) / validate_DAY_MS),
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

;// CONCATENATED MODULE: ./src/pem/fingerprint.ts

const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';
function sha256Hex(data) {
    return (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
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

;// CONCATENATED MODULE: ./src/pem/index.ts






/***/ }),

/***/ 8186:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  fe: () => (/* binding */ appendSummary),
  Yz: () => (/* binding */ debug),
  z3: () => (/* binding */ error),
  zM: () => (/* binding */ everythingWritten),
  V4: () => (/* binding */ getInput),
  pq: () => (/* binding */ info),
  _o: () => (/* binding */ isDebug),
  lm: () => (/* binding */ notice),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ setSecret),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: delimiterUuid, stdout

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/runner.ts


/**
 * The runner's side of the protocol: inputs from INPUT_* variables, workflow commands on stdout,
 * file commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY). It does what @actions/core 3 does, byte for
 * byte, for the few calls this action makes: importing @actions/core also loads its OIDC client,
 * @actions/http-client, tunnel and a second copy of undici (1 MB of the old bundle), which cost
 * most of the cold start of `validate`, an operation that never talks HTTP.
 * Only main (inputs, masking, logging, failure) and src/report (outputs, summary, annotations) use it.
 */
/**
 * Where log lines and workflow commands go: file descriptor 1, written synchronously. Creating
 * process.stdout costs more than the rest of a small `validate` (3–6 ms: it builds a net.Socket for
 * the runner's pipe), and these writes are synchronous anyway on Linux. A non-blocking stdout that
 * is full (EAGAIN) hands the rest, and everything after it, to process.stdout, in order.
 * Replaceable in tests.
 */
const stdout = {
    write(text) {
        if (!useStream) {
            const bytes = Buffer.from(text, 'utf8');
            let done = 0;
            try {
                while (done < bytes.length)
                    done += (0,external_node_fs_.writeSync)(1, bytes, done);
                return;
            }
            catch (e) {
                if (e.code !== 'EAGAIN')
                    throw e;
                useStream = true;
                process.stdout.write(bytes.subarray(done));
                return;
            }
        }
        process.stdout.write(text);
    }
};
let useStream = false;
/** True while every write so far went out synchronously: nothing is left for the process to flush. */
function everythingWritten() {
    return !useStream;
}
/** The value of an input as the runner passes it (trimmed; '' when absent). */
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim();
}
function isDebug() {
    return process.env.RUNNER_DEBUG === '1';
}
function info(message) {
    stdout.write(message + external_node_os_namespaceObject.EOL);
}
function debug(message) {
    issueCommand('debug', {}, message);
}
function warning(message, properties = {}) {
    issueCommand('warning', commandProperties(properties), message);
}
function error(message, properties = {}) {
    issueCommand('error', commandProperties(properties), message);
}
function notice(message, properties = {}) {
    issueCommand('notice', commandProperties(properties), message);
}
/** The runner replaces the value with *** in every later line of the log. */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
function setOutput(name, value) {
    const file = process.env.GITHUB_OUTPUT || '';
    if (file) {
        appendFileCommand('OUTPUT', keyValueMessage(name, value));
        return;
    }
    stdout.write(external_node_os_namespaceObject.EOL);
    issueCommand('set-output', { name }, value);
}
/**
 * Appends HTML or Markdown to the job summary (GITHUB_STEP_SUMMARY). Synchronous like the output
 * file commands: node:fs/promises would be one more module to load for a single small write.
 */
function appendSummary(text) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file)
        throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
    try {
        (0,external_node_fs_.accessSync)(file, external_node_fs_.constants.R_OK | external_node_fs_.constants.W_OK);
    }
    catch {
        throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
    }
    (0,external_node_fs_.appendFileSync)(file, text, { encoding: 'utf8' });
}
function commandProperties(p) {
    if (Object.keys(p).length === 0)
        return {};
    return { title: p.title, file: p.file, line: p.startLine };
}
function issueCommand(command, properties, message) {
    let line = `::${command}`;
    const props = Object.entries(properties)
        .filter(([, v]) => v)
        .map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
    if (props.length > 0)
        line += ` ${props.join(',')}`;
    stdout.write(`${line}::${escapeData(message)}${external_node_os_namespaceObject.EOL}`);
}
function escapeData(s) {
    return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
function appendFileCommand(command, message) {
    const file = process.env[`GITHUB_${command}`];
    if (!file)
        throw new Error(`Unable to find environment variable for file command ${command}`);
    if (!(0,external_node_fs_.existsSync)(file))
        throw new Error(`Missing file at path: ${file}`);
    (0,external_node_fs_.appendFileSync)(file, `${message}${external_node_os_namespaceObject.EOL}`, { encoding: 'utf8' });
}
/**
 * A version-4 UUID, as @actions/core's randomUUID() gives, from Math.random: loading node:crypto
 * costs about 25 ms on Node 24, a tenth of a `list`, which needs nothing else from it. The
 * delimiter needs to be unique, not secret: a value that contains it is refused below, whatever
 * it is, so a value can never end the heredoc early.
 */
function delimiterUuid(random = Math.random) {
    const hex = (n) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
    const variant = (8 + Math.floor(random() * 4)).toString(16);
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}
function keyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${delimiterUuid()}`;
    // A value cannot end the heredoc early: the delimiter is random and checked.
    if (key.includes(delimiter))
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    if (value.includes(delimiter))
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    return `${key}<<${delimiter}${external_node_os_namespaceObject.EOL}${value}${external_node_os_namespaceObject.EOL}${delimiter}`;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 99:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		id: moduleId,
/******/ 		loaded: false,
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
