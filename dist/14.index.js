export const id = 14;
export const ids = [14,640];
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

/***/ 1791:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WS: () => (/* binding */ mapWithConcurrency),
/* harmony export */   jU: () => (/* binding */ MtlsCertificatesApi),
/* harmony export */   kE: () => (/* binding */ PAGE_CONCURRENCY)
/* harmony export */ });
/* unused harmony exports PAGE_SIZE, MAX_PAGES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7640);
/* harmony import */ var _schemas_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7431);


/** Cloudflare pages this list at 50; asking for more is not documented to work. */
const PAGE_SIZE = 50;
/** Pages after the first are fetched concurrently, but gently: the token's budget is 1,200 requests / 5 min. */
const PAGE_CONCURRENCY = 4;
/**
 * 50,000 certificates. A server that claims more pages (or ignores `page` and repeats itself) would
 * otherwise make us exhaust the token's request budget, or loop for ever.
 */
const MAX_PAGES = 1000;
/** The five account mTLS certificate endpoints as typed functions. */
class MtlsCertificatesApi {
    http;
    accountId;
    constructor(http, accountId) {
        this.http = http;
        this.accountId = accountId;
    }
    get base() {
        return `accounts/${encodeURIComponent(this.accountId)}/mtls_certificates`;
    }
    one(id) {
        return `${this.base}/${encodeURIComponent(id)}`;
    }
    async upload(req) {
        const body = { ca: req.ca, certificates: req.certificates };
        if (req.name !== undefined)
            body.name = req.name;
        if (req.privateKey !== undefined)
            body.private_key = req.privateKey;
        const res = await this.http.call('POST', this.base, { body, schema: _schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .MtlsCertificateSchema */ .n0 });
        return res.result;
    }
    async get(id) {
        return (await this.http.call('GET', this.one(id), { schema: _schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .MtlsCertificateSchema */ .n0 })).result;
    }
    async delete(id) {
        try {
            return (await this.http.call('DELETE', this.one(id), { schema: _schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .DeleteResultSchema */ .kl })).result;
        }
        catch (e) {
            // An earlier attempt was lost on the way back (or answered 5xx) and this one finds nothing to
            // delete: that attempt deleted it. Reporting "not found" would fail a delete that happened.
            if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__.CloudflareApiError && e.priorOutcomeUnknown && e.hasCode(1472))
                return null;
            throw e;
        }
    }
    /**
     * Every association of the certificate. The answer carries `result_info`: the first request is
     * the plain GET (one request when everything fits), the rest of the pages follow by `page`.
     */
    async associations(id) {
        const path = `${this.one(id)}/associations`;
        const first = await this.http.call('GET', path, { schema: _schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .AssociationListSchema */ .ZV });
        const items = [...first.result];
        const total = first.resultInfo?.total_pages;
        const perPage = first.resultInfo?.per_page;
        // A short first page is the last one, whatever total_pages claims (Cloudflare's own example
        // answer says "1 of per_page 20, page 1 of 100"): no request for pages that cannot exist.
        if (total === undefined || total <= 1 || (perPage !== undefined && items.length < perPage))
            return items;
        if (total > MAX_PAGES)
            throw tooManyPages(path, `result_info.total_pages is ${total}`);
        const rest = await mapWithConcurrency(range(2, total), PAGE_CONCURRENCY, async (n) => (await this.http.call('GET', path, { query: { page: n, per_page: perPage || undefined }, schema: _schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .AssociationListSchema */ .ZV })).result);
        for (const r of rest)
            items.push(...r);
        return items;
    }
    /** Reads every page: wrangler and the official SDK stop after the first 50. */
    async list(options = {}) {
        const type = options.types && options.types.length > 0 ? options.types.join(',') : undefined;
        let totalPages;
        const page = async (n, onReceived) => {
            const res = await this.http.call('GET', this.base, { query: { type, page: n, per_page: PAGE_SIZE }, schema: _schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .CertificateListSchema */ .hB, onReceived });
            options.onPage?.(n, totalPages ?? res.resultInfo?.total_pages, res.result.length);
            return res;
        };
        const first = await page(1);
        const items = [...first.result];
        totalPages = first.resultInfo?.total_pages;
        if (totalPages !== undefined) {
            if (totalPages > MAX_PAGES)
                throw tooManyPages(this.base, `result_info.total_pages is ${totalPages}`);
            // A page's slot is free once its answer has arrived: the next page is on its way while this
            // one is parsed, instead of each round trip waiting for the parsing of up to four pages.
            const rest = await mapWithConcurrency(range(2, totalPages), PAGE_CONCURRENCY, async (n, release) => (await page(n, release)).result);
            for (const r of rest)
                items.push(...r);
            return dedupe(items);
        }
        // No total_pages: walk until a short or empty page, or a page with nothing new (a server
        // that ignores `page` sends the first page again and again).
        const seen = new Set(items.map((c) => c.id));
        let last = first.result;
        for (let n = 2; last.length >= (first.resultInfo?.per_page || PAGE_SIZE) && last.length > 0; n++) {
            if (n > MAX_PAGES)
                throw tooManyPages(this.base, `page ${n} is still full`);
            const r = (await page(n)).result;
            const fresh = r.filter((c) => !seen.has(c.id));
            if (fresh.length === 0)
                break;
            for (const c of fresh)
                seen.add(c.id);
            items.push(...r);
            last = r;
        }
        return dedupe(items);
    }
}
function tooManyPages(path, why) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__.CloudflareApiError({
        kind: 'invalid-response',
        message: `the list does not end: ${why}, more than the ${MAX_PAGES} pages (${MAX_PAGES * PAGE_SIZE} certificates) this action reads`,
        method: 'GET',
        path
    });
}
function range(from, to) {
    const out = [];
    for (let i = from; i <= to; i++)
        out.push(i);
    return out;
}
// A certificate uploaded while we page can shift items across page boundaries; never report one twice.
function dedupe(items) {
    const seen = new Set();
    return items.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}
/**
 * Runs fn over items with at most `limit` in flight, keeping the order of results. After the first
 * failure no new item starts: the result is lost anyway, and every extra request costs budget.
 * An item may call `release` to free its slot before it ends (its request is done, only local
 * work is left): the next item starts then, and its result is still awaited.
 */
async function mapWithConcurrency(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    let failed = false;
    // The first failure ends the wait at once, without waiting for the items still running.
    let fail = () => { };
    const failure = new Promise((_, reject) => (fail = reject));
    failure.catch(() => { });
    const worker = async () => {
        while (next < items.length && !failed) {
            const i = next++;
            let release = () => { };
            const released = new Promise((resolve) => (release = resolve));
            const result = fn(items[i], release);
            results[i] = result;
            result.then(release, (e) => {
                failed = true;
                fail(e);
                release();
            });
            await released;
        }
    };
    await Promise.race([Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker)), failure]);
    return Promise.race([Promise.all(results), failure]);
}


/***/ }),

/***/ 7431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W7: () => (/* binding */ EnvelopeSchema),
/* harmony export */   ZV: () => (/* binding */ AssociationListSchema),
/* harmony export */   eK: () => (/* binding */ HostnameAssociationSchema),
/* harmony export */   hB: () => (/* binding */ CertificateListSchema),
/* harmony export */   kl: () => (/* binding */ DeleteResultSchema),
/* harmony export */   n0: () => (/* binding */ MtlsCertificateSchema)
/* harmony export */ });
/* unused harmony exports CertificateTypeSchema, AssociationSchema, ApiMessageSchema, ResultInfoSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8816);
/**
 * The shapes of Cloudflare's answers, as zod schemas: the one definition of each, and the types
 * the rest of the action uses are inferred from them. Loaded with the HTTP client, by the
 * operations that talk to Cloudflare only.
 */

// Cloudflare marks every field optional and sometimes sends null: accept both as "absent",
// but be strict about the type of whatever is present.
const optionalString = zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
    .nullish()
    .transform((v) => v ?? undefined)
    .optional();
const CertificateTypeSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['custom', 'gateway_managed', 'access_managed']);
// The fields of a certificate as sent, null included. 1,000 certificates are 10,000 optional
// fields: a transform on each (null → undefined) cost more than the rest of the parse, so the
// nulls are turned into "absent" once per certificate below, in one loop, with the same result.
const nullableString = zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().nullish();
const nullableBoolean = zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().nullish();
const CertificateFieldsSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1),
    ca: nullableBoolean,
    certificates: nullableString,
    expires_on: nullableString,
    issuer: nullableString,
    name: nullableString,
    serial_number: nullableString,
    signature: nullableString,
    // An unknown type must not break a list: keep it as a plain string.
    type: nullableString,
    uploaded_on: nullableString,
    updated_at: nullableString
});
/** null → undefined, in place: the object is zod's own copy of the input, shared with nobody. */
function withoutNulls(c) {
    const fields = c;
    for (const k in fields)
        if (fields[k] === null)
            fields[k] = undefined;
    return c;
}
const MtlsCertificateSchema = CertificateFieldsSchema.transform(withoutNulls);
const AssociationSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    service: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    status: optionalString
});
const ApiMessageSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    code: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int(),
    message: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().default(''),
    documentation_url: optionalString
});
const ResultInfoSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    count: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative().optional(),
    page: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative().optional(),
    per_page: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative().optional(),
    total_count: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative().optional(),
    total_pages: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative().optional()
});
/** The part of the envelope that is the same for every endpoint. */
const EnvelopeSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    success: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    errors: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(ApiMessageSchema).nullish().transform((v) => v ?? []),
    messages: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J()).nullish().transform((v) => v ?? []),
    // An error envelope without `result` still says what went wrong (its codes): absent is allowed.
    result: zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J().optional(),
    result_info: ResultInfoSchema.nullish().transform((v) => v ?? undefined)
});
// One transform for the whole page, not one per certificate.
const CertificateListSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(CertificateFieldsSchema).transform((list) => {
    for (const c of list)
        withoutNulls(c);
    return list;
});
const AssociationListSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(AssociationSchema);
// A zone's hostname associations for one certificate: `{hostnames: [...]}`. An absent or null list is none.
const HostnameAssociationSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ hostnames: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).nullish().transform((v) => v ?? []) })
    .nullish()
    .transform((v) => v?.hostnames ?? []);
// DELETE returns the deleted object per the spec; `result: null` has also been seen.
const DeleteResultSchema = MtlsCertificateSchema.nullable();


/***/ }),

/***/ 4014:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reportExpiry: () => (/* binding */ reportExpiry)
/* harmony export */ });
/* unused harmony exports WARNINGS_SHOWN, expiryGroup */
/* harmony import */ var _cloudflare_mtls_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1791);
/* harmony import */ var _results_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(600);


/** Certificates named one warning each; with more, the last of GitHub's 10 warnings per step says where the rest are. */
const WARNINGS_SHOWN = 9;
function expiryGroup(days, warningDays, errorDays) {
    if (days === undefined)
        return 'fine';
    if (days < 0)
        return 'expired';
    if (days < errorDays)
        return 'error';
    if (days <= warningDays)
        return 'warning';
    return 'fine';
}
/**
 * Every certificate with its days left, grouped by how soon it expires, and the association count
 * of those `associations` names: one request per certificate, so by default (expiring) only of the
 * expired and expiring ones, where the count decides what to do (rotate, or delete an unused one).
 */
async function reportExpiry(config, clients) {
    const { expiryWarningDays, expiryErrorDays } = config.validation;
    const certificates = await clients.api.list(config.types ? { types: config.types } : {});
    const now = clients.now();
    const read = (c) => config.associations === 'all' || (config.associations === 'expiring' && expiryGroup((0,_results_js__WEBPACK_IMPORTED_MODULE_1__/* .daysUntil */ .A)(c.expires_on, now), expiryWarningDays, expiryErrorDays) !== 'fine');
    const counts = await (0,_cloudflare_mtls_js__WEBPACK_IMPORTED_MODULE_0__/* .mapWithConcurrency */ .WS)(certificates, _cloudflare_mtls_js__WEBPACK_IMPORTED_MODULE_0__/* .PAGE_CONCURRENCY */ .kE, async (c) => (read(c) ? (await clients.api.associations(c.id)).length : undefined));
    const entries = certificates
        .map((certificate, i) => {
        const daysLeft = (0,_results_js__WEBPACK_IMPORTED_MODULE_1__/* .daysUntil */ .A)(certificate.expires_on, now);
        return { certificate, daysLeft, associationCount: counts[i], group: expiryGroup(daysLeft, expiryWarningDays, expiryErrorDays) };
    })
        .sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity));
    // Each warning is an annotation, and GitHub shows 10 warning annotations per step and drops the
    // rest without a word: the soonest WARNINGS_SHOWN, then one line that says where the others are.
    const flagged = entries.filter((e) => e.group !== 'fine');
    // The tracking issue's one line (a token without issues: write) must not be the warning GitHub drops.
    const shown = WARNINGS_SHOWN - (config.trackingIssue ? 1 : 0);
    for (const e of flagged.slice(0, flagged.length > shown + 1 ? shown : flagged.length)) {
        const label = `"${e.certificate.name ?? '(no name)'}" ${e.certificate.id}`;
        const bound = e.associationCount === undefined ? 'associations not read' : `${e.associationCount} association(s)`;
        if (e.group === 'expired')
            clients.log.warning(`${label} expired ${-(e.daysLeft ?? 0)} day(s) ago (${bound}).`);
        else if (e.group === 'error')
            clients.log.warning(`${label} expires in ${e.daysLeft} day(s), inside expiry-error-days (${expiryErrorDays}) (${bound}).`);
        else
            clients.log.warning(`${label} expires in ${e.daysLeft} day(s), within expiry-warning-days (${expiryWarningDays}) (${bound}).`);
    }
    if (flagged.length > shown + 1) {
        clients.log.warning(`${flagged.length - shown} more certificate(s) expired or expire soon: GitHub shows 10 warnings per step; the job summary and the certificates output list all ${flagged.length}.`);
    }
    const failed = entries.some((e) => e.group === 'expired' || e.group === 'error');
    return {
        operation: 'report',
        entries,
        typeFilter: config.types?.join(',') ?? 'all',
        expiryWarningDays,
        expiryErrorDays,
        associations: config.associations,
        failed
    };
}


/***/ })

};
