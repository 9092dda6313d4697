export const id = 14;
export const ids = [14];
export const modules = {

/***/ 1791:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WS: () => (/* binding */ mapWithConcurrency),
/* harmony export */   jU: () => (/* binding */ MtlsCertificatesApi),
/* harmony export */   kE: () => (/* binding */ PAGE_CONCURRENCY)
/* harmony export */ });
/* unused harmony export PAGE_SIZE */
/* harmony import */ var _schemas_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7431);

/** Cloudflare pages this list at 50; asking for more is not documented to work. */
const PAGE_SIZE = 50;
/** Pages after the first are fetched concurrently, but gently: the token's budget is 1,200 requests / 5 min. */
const PAGE_CONCURRENCY = 4;
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
        const res = await this.http.call('POST', this.base, { body, schema: _schemas_js__WEBPACK_IMPORTED_MODULE_0__/* .MtlsCertificateSchema */ .n0 });
        return res.result;
    }
    async get(id) {
        return (await this.http.call('GET', this.one(id), { schema: _schemas_js__WEBPACK_IMPORTED_MODULE_0__/* .MtlsCertificateSchema */ .n0 })).result;
    }
    async delete(id) {
        return (await this.http.call('DELETE', this.one(id), { schema: _schemas_js__WEBPACK_IMPORTED_MODULE_0__/* .DeleteResultSchema */ .kl })).result;
    }
    async associations(id) {
        return (await this.http.call('GET', `${this.one(id)}/associations`, { schema: _schemas_js__WEBPACK_IMPORTED_MODULE_0__/* .AssociationListSchema */ .ZV })).result;
    }
    /** Reads every page: wrangler and the official SDK stop after the first 50. */
    async list(options = {}) {
        const type = options.types && options.types.length > 0 ? options.types.join(',') : undefined;
        const page = (n) => this.http.call('GET', this.base, { query: { type, page: n, per_page: PAGE_SIZE }, schema: _schemas_js__WEBPACK_IMPORTED_MODULE_0__/* .CertificateListSchema */ .hB });
        const first = await page(1);
        const items = [...first.result];
        const totalPages = first.resultInfo?.total_pages;
        if (totalPages !== undefined) {
            const rest = await mapWithConcurrency(range(2, totalPages), PAGE_CONCURRENCY, async (n) => (await page(n)).result);
            for (const r of rest)
                items.push(...r);
            return dedupe(items);
        }
        // No total_pages: walk until a short or empty page.
        let last = first.result.length;
        for (let n = 2; last >= (first.resultInfo?.per_page ?? PAGE_SIZE) && last > 0; n++) {
            const r = (await page(n)).result;
            items.push(...r);
            last = r.length;
        }
        return dedupe(items);
    }
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
/** Runs fn over items with at most `limit` in flight, keeping the order of results. */
async function mapWithConcurrency(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}


/***/ }),

/***/ 7431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W7: () => (/* binding */ EnvelopeSchema),
/* harmony export */   ZV: () => (/* binding */ AssociationListSchema),
/* harmony export */   hB: () => (/* binding */ CertificateListSchema),
/* harmony export */   kl: () => (/* binding */ DeleteResultSchema),
/* harmony export */   n0: () => (/* binding */ MtlsCertificateSchema)
/* harmony export */ });
/* unused harmony exports CertificateTypeSchema, AssociationSchema, ApiMessageSchema, ResultInfoSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9691);

// Cloudflare marks every field optional and sometimes sends null: accept both as "absent",
// but be strict about the type of whatever is present.
const optionalString = zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
    .nullish()
    .transform((v) => v ?? undefined)
    .optional();
const optionalBoolean = zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()
    .nullish()
    .transform((v) => v ?? undefined)
    .optional();
const CertificateTypeSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['custom', 'gateway_managed', 'access_managed']);
const MtlsCertificateSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1),
    ca: optionalBoolean,
    certificates: optionalString,
    expires_on: optionalString,
    issuer: optionalString,
    name: optionalString,
    serial_number: optionalString,
    signature: optionalString,
    // An unknown type must not break a list: keep it as a plain string.
    type: optionalString,
    uploaded_on: optionalString,
    updated_at: optionalString
});
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
    result: zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J(),
    result_info: ResultInfoSchema.nullish().transform((v) => v ?? undefined)
});
const CertificateListSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(MtlsCertificateSchema);
const AssociationListSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(AssociationSchema);
// DELETE returns the deleted object per the spec; `result: null` has also been seen.
const DeleteResultSchema = MtlsCertificateSchema.nullable();


/***/ }),

/***/ 4014:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   expiryGroup: () => (/* binding */ expiryGroup),
/* harmony export */   reportExpiry: () => (/* binding */ reportExpiry)
/* harmony export */ });
/* harmony import */ var _cloudflare_mtls_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1791);
/* harmony import */ var _results_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(600);


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
/** Every certificate with its days left and association count, grouped by how soon it expires. */
async function reportExpiry(config, clients) {
    const { expiryWarningDays, expiryErrorDays } = config.validation;
    const certificates = await clients.api.list(config.types ? { types: config.types } : {});
    const now = clients.now();
    const counts = await (0,_cloudflare_mtls_js__WEBPACK_IMPORTED_MODULE_0__/* .mapWithConcurrency */ .WS)(certificates, _cloudflare_mtls_js__WEBPACK_IMPORTED_MODULE_0__/* .PAGE_CONCURRENCY */ .kE, async (c) => (await clients.api.associations(c.id)).length);
    const entries = certificates
        .map((certificate, i) => {
        const daysLeft = (0,_results_js__WEBPACK_IMPORTED_MODULE_1__/* .daysUntil */ .A)(certificate.expires_on, now);
        return { certificate, daysLeft, associationCount: counts[i], group: expiryGroup(daysLeft, expiryWarningDays, expiryErrorDays) };
    })
        .sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity));
    for (const e of entries) {
        const label = `"${e.certificate.name ?? '(no name)'}" ${e.certificate.id}`;
        const bound = `${e.associationCount ?? '?'} association(s)`;
        if (e.group === 'expired')
            clients.log.warning(`${label} expired ${-(e.daysLeft ?? 0)} day(s) ago (${bound}).`);
        else if (e.group === 'error')
            clients.log.warning(`${label} expires in ${e.daysLeft} day(s), inside expiry-error-days (${expiryErrorDays}) (${bound}).`);
        else if (e.group === 'warning')
            clients.log.warning(`${label} expires in ${e.daysLeft} day(s), within expiry-warning-days (${expiryWarningDays}) (${bound}).`);
    }
    const failed = entries.some((e) => e.group === 'expired' || e.group === 'error');
    return {
        operation: 'report',
        entries,
        typeFilter: config.types?.join(',') ?? 'all',
        expiryWarningDays,
        expiryErrorDays,
        failed
    };
}


/***/ })

};
