export const id = 159;
export const ids = [159,640];
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

/***/ 1159:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deleteCertificate: () => (/* binding */ deleteCertificate)
/* harmony export */ });
/* harmony import */ var _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7640);
/* harmony import */ var _lookup_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9094);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1983);



/** Cloudflare manages these (Zero Trust); a function, not a module constant, so that its mutants are tied to the tests that reach it. */
const isManaged = (type) => type === 'gateway_managed' || type === 'access_managed';
/**
 * Deletes one certificate, but only when nothing is bound to it: Cloudflare refuses too,
 * with a message that does not say which services to unbind.
 */
async function deleteCertificate(config, clients) {
    let found;
    try {
        found = await (0,_lookup_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveCertificate */ .m)(config.ref, clients);
    }
    catch (e) {
        if (config.missingOk && e instanceof _types_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .O && e.reason === 'not-found') {
            clients.log.info(`${e.message} Nothing to delete (missing-ok).`);
            return { operation: 'delete', certificateId: '', deleted: false, missing: true, dryRun: config.dryRun, plan: [] };
        }
        throw e;
    }
    const { id, certificate } = found;
    if (certificate?.type && isManaged(certificate.type)) {
        throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .O(`Certificate ${id} is ${certificate.type}: Cloudflare manages it, and it cannot be deleted through this API. Remove it where it is managed (Zero Trust settings).`, 'managed');
    }
    let associations;
    try {
        associations = await clients.api.associations(id);
    }
    catch (e) {
        if (config.missingOk && e instanceof _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__.CloudflareApiError && e.hasCode(1472))
            return missing(id, config, clients);
        throw e;
    }
    if (associations.length > 0) {
        const list = associations.map((a) => `${a.service} (${a.status ?? 'unknown status'})`).join(', ');
        throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .O(`Certificate ${id} is still in use by ${associations.length} service(s): ${list}. Unbind it from each service (or move them to another certificate) before deleting it; operation: rotate does this safely.`, 'in-use');
    }
    const plan = [`would delete certificate ${id}${certificate?.name ? ` ("${certificate.name}")` : ''}: it has no associations`];
    if (config.dryRun) {
        clients.log.info(`Dry run: ${plan[0]}.`);
        const result = { operation: 'delete', certificateId: id, deleted: false, missing: false, dryRun: true, plan };
        // Stryker disable next-line ConditionalExpression: a certificate property holding undefined reads as none to outputs and summary
        if (certificate)
            result.certificate = certificate;
        return result;
    }
    let deleted;
    try {
        deleted = await clients.api.delete(id);
    }
    catch (e) {
        if (config.missingOk && e instanceof _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__.CloudflareApiError && e.hasCode(1472))
            return missing(id, config, clients);
        throw e;
    }
    clients.log.info(`Deleted certificate ${id}.`);
    const result = { operation: 'delete', certificateId: id, deleted: true, missing: false, dryRun: false, plan: [] };
    const shown = deleted ?? certificate;
    // Stryker disable next-line ConditionalExpression: a certificate property holding undefined reads as none to outputs and summary
    if (shown)
        result.certificate = shown;
    return result;
}
function missing(id, config, clients) {
    clients.log.info(`Certificate ${id} does not exist: nothing to delete (missing-ok).`);
    return { operation: 'delete', certificateId: id, deleted: false, missing: true, dryRun: config.dryRun, plan: [] };
}


/***/ }),

/***/ 9094:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ resolveCertificate)
/* harmony export */ });
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1983);

/**
 * Finds the certificate a user named. Names are not unique in Cloudflare, so a name that
 * matches none or several is an error that lists what we found.
 * Returns the listed object when the lookup was by name (it already holds every field).
 */
async function resolveCertificate(ref, clients) {
    if (ref.by === 'id')
        return { id: ref.id };
    const all = await clients.api.list();
    const matches = all.filter((c) => c.name === ref.name);
    if (matches.length === 0) {
        throw new _types_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .O(`No certificate named "${ref.name}" in account ${clients.api.accountId} (${all.length} certificates checked). Check name, or give certificate-id.`, 'not-found');
    }
    if (matches.length > 1) {
        const ids = matches.map((c) => `${c.id} (uploaded ${c.uploaded_on ?? 'unknown'})`).join(', ');
        throw new _types_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .O(`${matches.length} certificates are named "${ref.name}": ${ids}. Names are not unique in Cloudflare; give certificate-id instead.`, 'ambiguous');
    }
    const certificate = matches[0];
    return { id: certificate.id, certificate };
}


/***/ })

};
