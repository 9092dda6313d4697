export const id = 841;
export const ids = [841,640];
export const modules = {

/***/ 7640:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CloudflareApiError: () => (/* binding */ CloudflareApiError),
/* harmony export */   describeApiError: () => (/* binding */ describeApiError)
/* harmony export */ });
/** Everything we know about a failed API call, for one actionable line. */
class CloudflareApiError extends Error {
    kind;
    status;
    errors;
    method;
    path;
    /** Set by the HTTP layer once retries are over. */
    attempts;
    /**
     * Set by the HTTP layer: an earlier attempt of this call failed in a way that leaves open whether
     * the server carried it out (lost connection, timeout, 5xx). A DELETE that then meets 1472 has
     * most likely deleted the certificate on that earlier attempt.
     */
    priorOutcomeUnknown = false;
    /** The per-request timeout, for timeout errors. */
    timeoutMs;
    /** The proxy the request went through (its URL without password, and the variable that named it). */
    proxy;
    constructor(init) {
        super(init.message);
        this.name = 'CloudflareApiError';
        this.kind = init.kind;
        this.status = init.status;
        this.errors = init.errors ?? [];
        this.method = init.method;
        this.path = init.path;
        this.attempts = init.attempts ?? 1;
        this.timeoutMs = init.timeoutMs;
        this.proxy = init.proxy;
    }
    get codes() {
        return this.errors.map((e) => e.code);
    }
    hasCode(code) {
        return this.errors.some((e) => e.code === code);
    }
}
const PERMISSION = 'Account · SSL and Certificates';
const ZONE_PERMISSION = 'Zone · SSL and Certificates';
function codesText(err) {
    if (err.errors.length === 0)
        return '';
    return err.errors
        .slice(0, 5)
        .map((e) => `${e.code}: ${e.message}`)
        .join('; ');
}
function attemptsText(err) {
    return err.attempts > 1 ? ` after ${err.attempts} attempts` : '';
}
/** Turns a failed call into one line that says what happened and how to fix it. */
function describeApiError(err, ctx) {
    const where = `Could not ${ctx.action}`;
    const codes = codesText(err);
    const status = err.status !== undefined ? `HTTP ${err.status}` : '';
    const detail = [status, codes].filter(Boolean).join(', ');
    // err.path is the URL's pathname as sent (`/client/v4/zones/…`, or under a proxy's prefix), not the relative path.
    const zone = /(?:^|\/)zones\/([^/]+)\/certificate_authorities\//.exec(err.path)?.[1];
    if (zone !== undefined && (err.hasCode(10000) || err.status === 403)) {
        // A zone endpoint: the account permission is not enough, the token needs the zone's own.
        const permission = err.method === 'GET' && ctx.permission === 'Read' ? 'Read' : 'Edit';
        return `${where}: Cloudflare refused ${err.method} of the hostname associations of zone ${decodeURIComponent(zone)} (${detail}). The API token needs the permission "${ZONE_PERMISSION} · ${permission}" on zone ${decodeURIComponent(zone)} (besides "${PERMISSION} · ${ctx.permission}" on account ${ctx.accountId}); BYO CA for mTLS on hostnames may also need a plan that includes it.`;
    }
    if (err.hasCode(10000)) {
        return `${where}: Cloudflare rejected the credentials (${detail}). Check that the API token is valid, belongs to account ${ctx.accountId}, and has the permission "${PERMISSION} · ${ctx.permission}".`;
    }
    if (err.hasCode(9106) || err.hasCode(6003) || err.hasCode(6111) || err.hasCode(6103)) {
        return `${where}: Cloudflare received no usable credentials (${detail}). Set the api-token input (or CLOUDFLARE_API_TOKEN), or api-key with api-email.`;
    }
    if (err.hasCode(1472)) {
        const id = ctx.certificateId ? ` ${ctx.certificateId}` : '';
        return `${where}: certificate${id} was not found in account ${ctx.accountId} (${detail}). Check certificate-id, or run operation: list to see the account's certificates.`;
    }
    if (err.hasCode(1471)) {
        return `${where}: an identical certificate is already uploaded to account ${ctx.accountId} (${detail}). Use its existing id (operation: list shows it).`;
    }
    if (err.hasCode(1489)) {
        return `${where}: the account already has the maximum number of CA certificates (${detail}). Delete an unused CA certificate first (operation: list with type: custom shows them).`;
    }
    if (err.hasCode(971) || err.status === 429) {
        return `${where}: Cloudflare rate-limited the requests${attemptsText(err)} (${detail}). The API allows 1,200 requests per 5 minutes per token; wait and re-run, or raise max-retries.`;
    }
    switch (err.kind) {
        case 'timeout': {
            const within = err.timeoutMs !== undefined ? `within ${err.timeoutMs / 1000} s (timeout-seconds)` : 'within the timeout';
            const via = err.proxy ? ` through the proxy ${err.proxy}` : '';
            return `${where}: ${err.method} ${err.path} got no answer ${within}${via}${attemptsText(err)}. Raise timeout-seconds or max-retries, or check the network and proxy settings.`;
        }
        case 'network':
            return `${where}: ${err.method} ${err.path} failed${attemptsText(err)}: ${err.message}. Check the network, api-base-url and proxy settings.`;
        case 'invalid-response':
            return `${where}: ${err.method} ${err.path} answered with something Cloudflare's API does not send${attemptsText(err)}: ${err.message}. Check api-base-url (and any proxy in between).`;
        default:
            // Without Cloudflare's codes (an HTML page from the edge, say), the message is all we know.
            return `${where}: Cloudflare answered ${codes ? detail : err.message || detail || 'with an error'}${attemptsText(err)}.`;
    }
}


/***/ }),

/***/ 7841:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JV: () => (/* binding */ uploadOrReuse),
/* harmony export */   Mz: () => (/* binding */ preflight),
/* harmony export */   Ph: () => (/* binding */ findIdentical),
/* harmony export */   fT: () => (/* binding */ CA_LIMIT),
/* harmony export */   n_: () => (/* binding */ ValidationFailed),
/* harmony export */   uI: () => (/* binding */ describeCa),
/* harmony export */   uploadCertificate: () => (/* binding */ uploadCertificate)
/* harmony export */ });
/* unused harmony export MAX_CERTIFICATES */
/* harmony import */ var _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7640);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8422);
/* harmony import */ var _pem_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2778);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1983);




/** Cloudflare's BYO CA limit per account (error 1489). */
const CA_LIMIT = 5;
/**
 * Certificates in one upload. A client chain is the leaf and a few issuers, a CA bundle a handful
 * of CAs; hundreds is a whole trust store pasted by mistake (Cloudflare's own limit is not
 * documented), and validating it would take long to end in a refusal.
 */
const MAX_CERTIFICATES = 100;
class ValidationFailed extends _types_js__WEBPACK_IMPORTED_MODULE_3__/* .OperationError */ .O {
    report;
    constructor(message, report) {
        super(message, 'invalid-certificate');
        this.report = report;
    }
}
/** Runs the validator as the upload's preflight; errors stop the upload before any request. */
function preflight(config, clients) {
    const privateKey = config.privateKey;
    checkCertificateCount(config.certificate);
    const report = (0,_pem_index_js__WEBPACK_IMPORTED_MODULE_2__/* .validatePem */ .PO)(config.certificate.bytes ?? config.certificate.text, {
        file: config.certificate.label,
        profile: config.ca === 'auto' ? 'auto' : config.ca === 'true' ? 'ca' : 'leaf',
        now: clients.now(),
        expiryWarningDays: config.validation.expiryWarningDays,
        expiryErrorDays: config.validation.expiryErrorDays,
        requirePrivateKey: true,
        ...(privateKey ? { privateKey: { text: privateKey.bytes ?? privateKey.text, file: privateKey.label } } : {})
    });
    const ca = report.profile === 'ca';
    if (ca && privateKey) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(privateKey.input, 'must not be given for a CA certificate (the first certificate has CA:TRUE): a CA bundle is uploaded without its private key');
    }
    const blocking = report.findings.filter((f) => f.severity === 'error' || (config.validation.failOn === 'warning' && f.severity === 'warning'));
    if (blocking.length > 0) {
        const first = blocking
            .slice(0, 3)
            .map((f) => `${f.file}:${f.line}: ${f.code}: ${f.message}`)
            .join(' | ');
        const more = blocking.length > 3 ? ` (+${blocking.length - 3} more)` : '';
        // Name the input the first problem is in: the key's, when it is the key that is wrong or missing.
        const head = blocking[0];
        const aboutKey = head !== undefined && ((privateKey !== undefined && head.file === privateKey.label) || head.code === 'KEY_MISSING');
        const input = aboutKey ? (privateKey?.input ?? 'private-key') : config.certificate.input;
        throw new ValidationFailed(`Input "${input}" did not pass validation, nothing was uploaded: ${first}${more}`, report);
    }
    return { report, ca };
}
function checkCertificateCount(source) {
    const begin = /-----BEGIN CERTIFICATE-----/g;
    let count = 0;
    let lineOfFirstTooMany = 0;
    for (let m = begin.exec(source.text); m; m = begin.exec(source.text)) {
        count++;
        if (count === MAX_CERTIFICATES + 1)
            lineOfFirstTooMany = source.text.slice(0, m.index).split('\n').length;
    }
    if (count > MAX_CERTIFICATES) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(source.input, `holds ${count} certificates, more than the ${MAX_CERTIFICATES} one upload may carry (${source.label}:${lineOfFirstTooMany} begins certificate ${MAX_CERTIFICATES + 1}): upload the leaf with its issuers, or the CA(s) clients are issued by, not a whole trust store`);
    }
}
/** The certificates in the account whose PEM holds exactly the same certificates as ours. */
function findIdentical(existing, fingerprints) {
    const want = fingerprints.join(',');
    return existing.find((c) => c.certificates !== undefined && (0,_pem_index_js__WEBPACK_IMPORTED_MODULE_2__/* .fingerprintsOfPem */ .X1)(c.certificates).join(',') === want);
}
/**
 * Upload, or reuse an identical certificate already in the account: a re-run of the same release
 * never fails with 1471 and never duplicates. A POST whose answer is lost is not repeated blindly:
 * we list to learn whether it landed.
 */
async function uploadOrReuse(config, ca, clients, options = {}) {
    const { api, log } = clients;
    const fingerprints = (0,_pem_index_js__WEBPACK_IMPORTED_MODULE_2__/* .fingerprintsOfPem */ .X1)(config.certificate.text);
    const request = {
        ca,
        certificates: config.certificate.text.replace(/^\uFEFF/, '').trim() + '\n',
        ...(config.name ? { name: config.name } : {}),
        ...(config.privateKey ? { privateKey: config.privateKey.text.trim() + '\n' } : {})
    };
    const needList = config.reuseExisting || ca || config.dryRun;
    const existing = options.existing ?? (needList ? await api.list({ types: ['custom'] }) : undefined);
    if (existing && config.reuseExisting) {
        const same = findIdentical(existing, fingerprints);
        if (same) {
            const note = same.name !== config.name && config.name ? ` (its name is "${printable(same.name ?? '')}", not "${config.name}": Cloudflare cannot rename it)` : '';
            log.info(`An identical certificate is already in the account: reusing ${same.id}${note}.`);
            return { certificate: same, reused: true, plan: [`would reuse ${same.id}: an identical certificate is already uploaded`], existing };
        }
    }
    if (existing && ca)
        await checkCaQuota(existing, clients, options.deletingForQuota ?? 0);
    if (config.dryRun) {
        const what = `would upload ${fingerprints.length} certificate(s) as ${ca ? 'a CA' : 'a client certificate'}${config.name ? ` named "${config.name}"` : ''}`;
        log.info(`Dry run: ${what}.`);
        return { certificate: { id: '', ca, name: config.name }, reused: false, plan: [what], existing };
    }
    const maxAttempts = config.connection.maxRetries + 1;
    for (let attempt = 1;; attempt++) {
        try {
            const certificate = await api.upload(request);
            log.info(`Uploaded certificate ${certificate.id}.`);
            return { certificate, reused: false, plan: [], existing };
        }
        catch (e) {
            if (!(e instanceof _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__.CloudflareApiError))
                throw e;
            if (e.hasCode(1471)) {
                // Uploaded by someone else (or by a lost earlier attempt) between our list and our POST.
                const landed = findIdentical(await api.list({ types: ['custom'] }), fingerprints);
                if (landed) {
                    // Ours, when an earlier attempt of this run was lost on the way back.
                    const ours = attempt > 1 && !existing?.some((c) => c.id === landed.id);
                    log.info(`Cloudflare says the certificate already exists (1471): adopting ${landed.id}.`);
                    return { certificate: landed, reused: !ours, plan: [], existing };
                }
                throw e;
            }
            // A lost connection, a timeout, a 5xx, or a 2xx we cannot read: the POST may have been
            // stored. Never POST again blindly: look first.
            const unknownOutcome = e.kind === 'network' || e.kind === 'timeout' || e.kind === 'invalid-response' || (e.status ?? 0) >= 500;
            if (!unknownOutcome)
                throw e;
            let listed;
            try {
                listed = await api.list({ types: ['custom'] });
            }
            catch (listError) {
                log.warning(`The upload's answer was lost (${e.message}), and listing the account to see whether it landed failed too: the certificate may or may not be in the account. A re-run adopts it if it is.`);
                throw listError;
            }
            const landed = findIdentical(listed, fingerprints);
            if (landed) {
                const before = existing?.some((c) => c.id === landed.id) ?? false;
                log.info(`The upload's answer was lost (${e.message}), but the certificate is in the account: adopting ${landed.id}.`);
                return { certificate: landed, reused: before, plan: [], existing };
            }
            e.attempts = attempt;
            if (attempt >= maxAttempts)
                throw e;
            log.warning(`Upload attempt ${attempt} of ${maxAttempts} failed (${e.message}) and the certificate is not in the account; trying again.`);
            await (clients.sleep ?? defaultSleep)(Math.min(8000, 500 * 2 ** (attempt - 1)));
        }
    }
}
/** A name from the account, fit for one log line: a line break in it could start a workflow command. */
function printable(text) {
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?').slice(0, 255);
}
const defaultSleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function checkCaQuota(existing, clients, freeing) {
    const cas = existing.filter((c) => c.ca === true && (c.type ?? 'custom') === 'custom');
    if (cas.length - freeing < CA_LIMIT)
        return;
    const counts = await Promise.all(cas.map(async (c) => {
        try {
            return String((await clients.api.associations(c.id)).length);
        }
        catch {
            return '?';
        }
    }));
    const list = cas.map((c, i) => `"${c.name ?? '(no name)'}" ${c.id} expires ${c.expires_on?.slice(0, 10) ?? '?'}, ${counts[i]} association(s)`).join('; ');
    throw new _types_js__WEBPACK_IMPORTED_MODULE_3__/* .OperationError */ .O(`The account already has ${cas.length} CA certificates, Cloudflare's limit of ${CA_LIMIT} (error 1489 would follow): ${list}. Delete one that has no associations first.`, 'quota');
}
/** Whether the certificate goes up as a CA, and what decided it: one log line of upload and of rotate. */
function describeCa(config, ca) {
    return config.ca === 'auto' ? `ca: auto → ${ca} (the first certificate ${ca ? 'is' : 'is not'} a CA per its Basic Constraints).` : `ca: ${ca} (from the input).`;
}
async function uploadCertificate(config, clients) {
    const { report, ca } = preflight(config, clients);
    const caSource = config.ca === 'auto' ? 'auto' : 'input';
    clients.log.info(describeCa(config, ca));
    const up = await uploadOrReuse(config, ca, clients);
    return { operation: 'upload', certificate: up.certificate, ca, caSource, reused: up.reused, dryRun: config.dryRun, plan: up.plan, validation: report };
}


/***/ })

};
