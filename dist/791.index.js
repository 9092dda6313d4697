export const id = 791;
export const ids = [791,640];
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
/* harmony import */ var _path_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9516);
/* harmony import */ var _schemas_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7431);



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
    maxPages;
    constructor(http, accountId, options = {}) {
        this.http = http;
        this.accountId = accountId;
        this.maxPages = options.maxPages ?? MAX_PAGES;
    }
    // Every path goes through apiPath: an id that is not a Cloudflare identifier (`..`, `a/b`,
    // `%2e%2e`) is refused there, whether it came from an input or from an answer.
    get base() {
        return (0,_path_js__WEBPACK_IMPORTED_MODULE_1__/* .apiPath */ .So)('accounts', this.accountId, 'mtls_certificates');
    }
    one(id) {
        return (0,_path_js__WEBPACK_IMPORTED_MODULE_1__/* .apiPath */ .So)('accounts', this.accountId, 'mtls_certificates', id);
    }
    async upload(req) {
        const body = { ca: req.ca, certificates: req.certificates };
        if (req.name !== undefined)
            body.name = req.name;
        if (req.privateKey !== undefined)
            body.private_key = req.privateKey;
        const res = await this.http.call('POST', this.base, { body, schema: _schemas_js__WEBPACK_IMPORTED_MODULE_2__/* .MtlsCertificateSchema */ .n0 });
        return res.result;
    }
    async get(id) {
        return (await this.http.call('GET', this.one(id), { schema: _schemas_js__WEBPACK_IMPORTED_MODULE_2__/* .MtlsCertificateSchema */ .n0 })).result;
    }
    async delete(id) {
        const path = this.one(id);
        try {
            return (await this.http.call('DELETE', path, { schema: _schemas_js__WEBPACK_IMPORTED_MODULE_2__/* .DeleteResultSchema */ .kl })).result;
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
        const path = (0,_path_js__WEBPACK_IMPORTED_MODULE_1__/* .apiPath */ .So)('accounts', this.accountId, 'mtls_certificates', id, 'associations');
        const first = await this.http.call('GET', path, { schema: _schemas_js__WEBPACK_IMPORTED_MODULE_2__/* .AssociationListSchema */ .ZV });
        const items = [...first.result];
        const total = first.resultInfo?.total_pages;
        const perPage = first.resultInfo?.per_page;
        // A short (or empty) first page is the last one, whatever total_pages claims (Cloudflare's own
        // example answer says "1 of per_page 20, page 1 of 100"): no request for pages that cannot exist.
        if (total === undefined || total <= 1 || items.length === 0 || (perPage !== undefined && items.length < perPage))
            return items;
        if (total > this.maxPages)
            throw this.tooManyPages(path, `result_info.total_pages is ${total}`);
        // Associations carry no id: a page equal to page 1 is how a server that ignores `page` shows.
        const firstText = JSON.stringify(first.result);
        const rest = await mapWithConcurrency(range(2, total), PAGE_CONCURRENCY, async (n) => {
            const res = await this.http.call('GET', path, { query: { page: n, per_page: perPage || undefined }, schema: _schemas_js__WEBPACK_IMPORTED_MODULE_2__/* .AssociationListSchema */ .ZV });
            checkPage(this.http.requestPath(path), n, res, { totalPages: total, fullSize: items.length });
            if (JSON.stringify(res.result) === firstText)
                throw pagesDoNotFit(this.http.requestPath(path), `page ${n} is page 1 again`);
            return res.result;
        });
        for (const r of rest)
            items.push(...r);
        return items;
    }
    /**
     * Reads every page: wrangler and the official SDK stop after the first 50. The pages must fit
     * together: no certificate twice, the same total_pages on every page, every page but the last
     * full. A server that repeats page 1 (or claims pages it does not have) is refused after a few
     * requests, not read as new certificates until the page cap.
     */
    async list(options = {}) {
        const type = options.types && options.types.length > 0 ? options.types.join(',') : undefined;
        const path = this.base;
        let totalPages;
        const pageOf = new Map();
        const page = async (n, onReceived) => {
            const res = await this.http.call('GET', path, { query: { type, page: n, per_page: PAGE_SIZE }, schema: _schemas_js__WEBPACK_IMPORTED_MODULE_2__/* .CertificateListSchema */ .hB, onReceived });
            options.onPage?.(n, totalPages ?? res.resultInfo?.total_pages, res.result.length);
            // An id on two pages: the server ignores `page`, or the list changed while it was read.
            // Either way the pages do not make one list: refuse it rather than drop the repeat silently.
            for (const c of res.result) {
                const earlier = pageOf.get(c.id);
                if (earlier !== undefined)
                    throw pagesDoNotFit(this.http.requestPath(path), `page ${n} repeats certificate ${c.id} of page ${earlier}`);
                pageOf.set(c.id, n);
            }
            return res;
        };
        const first = await page(1);
        const items = [...first.result];
        totalPages = first.resultInfo?.total_pages;
        const perPage = first.resultInfo?.per_page || PAGE_SIZE;
        // A short first page is the last one, whatever total_pages claims.
        if (items.length < perPage)
            return items;
        if (totalPages !== undefined) {
            if (totalPages <= 1)
                return items;
            if (totalPages > this.maxPages)
                throw this.tooManyPages(path, `result_info.total_pages is ${totalPages}`);
            const claimed = totalPages;
            // A page's slot is free once its answer has arrived: the next page is on its way while this
            // one is parsed, instead of each round trip waiting for the parsing of up to four pages.
            const rest = await mapWithConcurrency(range(2, claimed), PAGE_CONCURRENCY, async (n, release) => {
                const res = await page(n, release);
                checkPage(this.http.requestPath(path), n, res, { totalPages: claimed, fullSize: perPage });
                return res.result;
            });
            for (const r of rest)
                items.push(...r);
            return items;
        }
        // No total_pages: walk until a short or empty page. A server that ignores `page` repeats
        // page 1 (refused above); one that sends full pages of new ids for ever meets the page cap.
        let last = first.result;
        for (let n = 2; last.length >= perPage; n++) {
            if (n > this.maxPages)
                throw this.tooManyPages(path, `page ${n - 1} is still full`);
            const res = await page(n);
            checkPage(this.http.requestPath(path), n, res, { totalPages: undefined, fullSize: undefined });
            items.push(...res.result);
            last = res.result;
        }
        return items;
    }
    tooManyPages(path, why) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__.CloudflareApiError({
            kind: 'invalid-response',
            message: `the list does not end: ${why}, more than the ${this.maxPages} pages (${this.maxPages * PAGE_SIZE} certificates) this action reads`,
            method: 'GET',
            path: this.http.requestPath(path)
        });
    }
}
/**
 * What every page after the first must agree on with page 1: the page asked for (when the answer
 * says which), the same total_pages, and, before the last page, as many items as a full page.
 */
function checkPage(path, n, res, expected) {
    const info = res.resultInfo;
    if (info?.page !== undefined && info.page !== n)
        throw pagesDoNotFit(path, `the answer for page ${n} says it is page ${info.page}`);
    if (info?.total_pages !== expected.totalPages) {
        throw pagesDoNotFit(path, `result_info.total_pages is ${expected.totalPages ?? 'absent'} on page 1 and ${info?.total_pages ?? 'absent'} on page ${n}`);
    }
    if (expected.totalPages !== undefined && expected.fullSize !== undefined && n < expected.totalPages && res.result.length < expected.fullSize) {
        throw pagesDoNotFit(path, `page ${n} of ${expected.totalPages} holds ${res.result.length} items, fewer than the ${expected.fullSize} of a full page`);
    }
}
function pagesDoNotFit(path, why) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__.CloudflareApiError({
        kind: 'invalid-response',
        message: `the pages do not fit together: ${why} (a server that ignores page, or certificates that changed while the list was read: a re-run reads it again)`,
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

/***/ 9516:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   So: () => (/* binding */ apiPath),
/* harmony export */   cS: () => (/* binding */ IDENTIFIER)
/* harmony export */ });
/* unused harmony exports HEX_ID, isIdentifier, UnsafePathError */
/**
 * The one way an API path is built. Every segment is either one of the API's own words or a
 * Cloudflare identifier; anything else is refused before a request exists. Encoding a segment is
 * not enough: `..` and `%2e%2e` encode to themselves and still climb out of
 * `/mtls_certificates/<id>` (a server-supplied id of `..` once sent DELETE to the account itself).
 */
/**
 * Cloudflare's identifier (`tls-certificates-and-hostnames_identifier`, at most 36 characters):
 * 32 lowercase hexadecimal digits (account and zone ids, some certificate ids), or a UUID with its
 * dashes (certificate ids in practice). One explicit pattern, nothing else.
 */
const IDENTIFIER = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
/** Account and zone ids: 32 lowercase hexadecimal digits, never a UUID. */
const HEX_ID = /^[0-9a-f]{32}$/;
/** The fixed words of the endpoints this action calls. */
const WORDS = new Set(['accounts', 'mtls_certificates', 'associations', 'zones', 'certificate_authorities', 'hostname_associations']);
function isIdentifier(value) {
    return typeof value === 'string' && IDENTIFIER.test(value);
}
/** A path segment that is neither an identifier nor one of the API's words: a bug or a hostile value, never sent. */
class UnsafePathError extends Error {
    segment;
    constructor(segment, expected = 'a Cloudflare identifier (32 lowercase hexadecimal digits or a UUID)') {
        super(`refusing to build an API path from "${shown(segment)}": a path segment must be ${expected}`);
        this.segment = segment;
        this.name = 'UnsafePathError';
    }
}
/**
 * `accounts/<id>/mtls_certificates/<id>`…, relative to api-base-url. Each segment is checked by
 * where it stands: after `accounts` or `zones` an account or zone id, after `mtls_certificates` a
 * certificate id, anywhere else one of the API's words. An id can never stand for a word, nor a
 * word for an id.
 */
function apiPath(...segments) {
    for (const [i, s] of segments.entries()) {
        const after = segments[i - 1];
        if (after === 'accounts' || after === 'zones') {
            if (!HEX_ID.test(s))
                throw new UnsafePathError(s, `a${after === 'zones' ? ' zone' : 'n account'} id (32 lowercase hexadecimal digits)`);
        }
        else if (after === 'mtls_certificates') {
            if (!IDENTIFIER.test(s))
                throw new UnsafePathError(s);
        }
        else if (!WORDS.has(s))
            throw new UnsafePathError(s, "one of the API's own words");
    }
    return segments.join('/');
}
/** A value in an error line: bounded, without control characters. */
function shown(value) {
    const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '?');
    return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
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
/* unused harmony exports CertificateTypeSchema, IdentifierSchema, AssociationSchema, ApiMessageSchema, MAX_COUNT, ResultInfoSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9691);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8532);
/* harmony import */ var _path_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9516);
/**
 * The shapes of Cloudflare's answers, as zod schemas: the one definition of each, and the types
 * the rest of the action uses are inferred from them. Loaded with the HTTP client, by the
 * operations that talk to Cloudflare only.
 */


// Cloudflare marks every field optional and sometimes sends null: accept both as "absent",
// but be strict about the type of whatever is present.
const optionalString = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .nullish()
    .transform((v) => v ?? undefined)
    .optional();
const CertificateTypeSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['custom', 'gateway_managed', 'access_managed']);
// The fields of a certificate as sent, null included. 1,000 certificates are 10,000 optional
// fields: a transform on each (null → undefined) cost more than the rest of the parse, so the
// nulls are turned into "absent" once per certificate below, in one loop, with the same result.
const nullableString = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish();
/**
 * A certificate id goes into request paths (get, delete by name, associations): it must be a
 * Cloudflare identifier, or the answer is refused before anything else is sent.
 */
const IdentifierSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_path_js__WEBPACK_IMPORTED_MODULE_0__/* .IDENTIFIER */ .cS, {
    error: (issue) => `${JSON.stringify(String(issue.input).slice(0, 40))} is not a Cloudflare identifier (32 lowercase hexadecimal digits or a UUID)`
});
const nullableBoolean = zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().nullish();
const CertificateFieldsSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    id: IdentifierSchema,
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
const AssociationSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    service: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    status: optionalString
});
const ApiMessageSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    code: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(),
    message: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().default(''),
    documentation_url: optionalString
});
/**
 * A count in result_info: a whole number, at most a trillion. Far above any real count (a billion
 * pages of 50 is still one the pager refuses by name), and no arithmetic on it leaves the safe integers.
 */
const MAX_COUNT = 1e12;
const count = zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().max(MAX_COUNT).optional();
const ResultInfoSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    count,
    page: count,
    per_page: count,
    total_count: count,
    total_pages: count
});
/** The part of the envelope that is the same for every endpoint. */
const EnvelopeSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    success: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    errors: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ApiMessageSchema)
        .nullish()
        .transform((v) => v ?? []),
    messages: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J())
        .nullish()
        .transform((v) => v ?? []),
    // An error envelope without `result` still says what went wrong (its codes): absent is allowed.
    result: zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J().optional(),
    result_info: ResultInfoSchema.nullish().transform((v) => v ?? undefined)
});
// One transform for the whole page, not one per certificate. An id twice in one answer is no
// list Cloudflare sends: refuse it (naming both places) rather than drop one of the two silently.
const CertificateListSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(CertificateFieldsSchema).transform((list, ctx) => {
    const at = new Map();
    for (const [i, c] of list.entries()) {
        const first = at.get(c.id);
        if (first !== undefined) {
            ctx.issues.push({ code: 'custom', message: `${c.id} is also result[${first}].id: the answer lists a certificate twice`, input: c.id, path: [i, 'id'] });
            return zod__WEBPACK_IMPORTED_MODULE_2__/* .NEVER */ .tm;
        }
        at.set(c.id, i);
        withoutNulls(c);
    }
    return list;
});
const AssociationListSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(AssociationSchema);
// A zone's hostname associations for one certificate: `{hostnames: [...]}`. An absent or null list is none.
const HostnameAssociationSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    hostnames: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP())
        .nullish()
        .transform((v) => v ?? [])
})
    .nullish()
    .transform((v) => v?.hostnames ?? []);
// DELETE returns the deleted object per the spec; `result: null` has also been seen.
const DeleteResultSchema = MtlsCertificateSchema.nullable();


/***/ })

};
