export const id = 841;
export const ids = [841];
export const modules = {

/***/ 7841:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CA_LIMIT: () => (/* binding */ CA_LIMIT),
/* harmony export */   ValidationFailed: () => (/* binding */ ValidationFailed),
/* harmony export */   findIdentical: () => (/* binding */ findIdentical),
/* harmony export */   preflight: () => (/* binding */ preflight),
/* harmony export */   uploadCertificate: () => (/* binding */ uploadCertificate),
/* harmony export */   uploadOrReuse: () => (/* binding */ uploadOrReuse)
/* harmony export */ });
/* harmony import */ var _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7640);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8422);
/* harmony import */ var _pem_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9192);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1983);




/** Cloudflare's BYO CA limit per account (error 1489). */
const CA_LIMIT = 5;
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
        const more = blocking.length > 3 ? ` (+${blocking.length - 3} more, listed above)` : '';
        throw new ValidationFailed(`The certificate did not pass validation, nothing was uploaded: ${first}${more}`, report);
    }
    return { report, ca };
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
            const note = same.name !== config.name && config.name ? ` (its name is "${same.name ?? ''}", not "${config.name}": Cloudflare cannot rename it)` : '';
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
            if (!(e instanceof _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CloudflareApiError */ .k))
                throw e;
            if (e.hasCode(1471)) {
                // Uploaded by someone else (or by a lost earlier attempt) between our list and our POST.
                const landed = findIdentical(await api.list({ types: ['custom'] }), fingerprints);
                if (landed) {
                    log.info(`Cloudflare says the certificate already exists (1471): adopting ${landed.id}.`);
                    return { certificate: landed, reused: true, plan: [], existing };
                }
                throw e;
            }
            const unknownOutcome = e.kind === 'network' || e.kind === 'timeout' || (e.status ?? 0) >= 500;
            if (!unknownOutcome)
                throw e;
            // The POST may have been stored although its answer was lost: look before trying again.
            const landed = findIdentical(await api.list({ types: ['custom'] }), fingerprints);
            if (landed) {
                log.info(`The upload's answer was lost (${e.message}), but the certificate landed: adopting ${landed.id}.`);
                return { certificate: landed, reused: false, plan: [], existing };
            }
            e.attempts = attempt;
            if (attempt >= maxAttempts)
                throw e;
            log.warning(`Upload attempt ${attempt} failed (${e.message}) and the certificate is not in the account; trying again.`);
            await (clients.sleep ?? defaultSleep)(Math.min(8000, 500 * 2 ** (attempt - 1)));
        }
    }
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
    const list = cas
        .map((c, i) => `"${c.name ?? '(no name)'}" ${c.id} expires ${c.expires_on?.slice(0, 10) ?? '?'}, ${counts[i]} association(s)`)
        .join('; ');
    throw new _types_js__WEBPACK_IMPORTED_MODULE_3__/* .OperationError */ .O(`The account already has ${cas.length} CA certificates, Cloudflare's limit of ${CA_LIMIT} (error 1489 would follow): ${list}. Delete one that has no associations first.`, 'quota');
}
async function uploadCertificate(config, clients) {
    const { report, ca } = preflight(config, clients);
    const caSource = config.ca === 'auto' ? 'auto' : 'input';
    clients.log.info(caSource === 'auto'
        ? `ca: auto → ${ca} (the first certificate ${ca ? 'is' : 'is not'} a CA per its Basic Constraints).`
        : `ca: ${ca} (from the input).`);
    const up = await uploadOrReuse(config, ca, clients);
    return { operation: 'upload', certificate: up.certificate, ca, caSource, reused: up.reused, dryRun: config.dryRun, plan: up.plan, validation: report };
}


/***/ })

};
