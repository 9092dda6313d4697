export const id = 216;
export const ids = [216];
export const modules = {

/***/ 3216:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createClients: () => (/* binding */ createClients)
});

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: ./src/cloudflare/errors.ts
var errors = __webpack_require__(7640);
// EXTERNAL MODULE: ./src/cloudflare/schemas.ts
var schemas = __webpack_require__(7431);
;// CONCATENATED MODULE: ./src/cloudflare/http.ts



const RETRY_BASE_MS = 500;
const RETRY_CAP_MS = 8_000;
const defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** The one place that talks HTTP to Cloudflare: auth, envelope, retries, timeouts, proxy. */
class HttpClient {
    options;
    base;
    dispatcher;
    sleep;
    random;
    now;
    /** A 429 pauses every request of this client (concurrent page fetches included), not just one. */
    pausedUntil = 0;
    requestCount = 0;
    constructor(options) {
        this.options = options;
        this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
        this.dispatcher = options.dispatcher ?? new undici/* EnvHttpProxyAgent */.J2();
        this.sleep = options.sleep ?? defaultSleep;
        this.random = options.random ?? Math.random;
        this.now = options.now ?? Date.now;
    }
    async close() {
        if (!this.options.dispatcher)
            await this.dispatcher.close();
    }
    async call(method, path, opts) {
        const retry = opts.retry ?? method !== 'POST';
        const maxAttempts = retry ? this.options.maxRetries + 1 : 1;
        for (let attempt = 1;; attempt++) {
            await this.waitForPause();
            try {
                return await this.once(method, path, opts);
            }
            catch (err) {
                if (!(err instanceof errors/* CloudflareApiError */.k))
                    throw err;
                err.attempts = attempt;
                const retryable = isRetryable(err);
                if (!retryable || attempt >= maxAttempts)
                    throw err;
                const delayMs = this.retryDelay(err, attempt);
                this.options.onRetry?.({ method, path, attempt, delayMs, reason: retryReason(err) });
                if (err.status === 429)
                    this.pausedUntil = Math.max(this.pausedUntil, this.now() + delayMs);
                else
                    await this.sleep(delayMs);
            }
        }
    }
    async waitForPause() {
        for (;;) {
            const wait = this.pausedUntil - this.now();
            if (wait <= 0)
                return;
            await this.sleep(wait);
        }
    }
    retryDelay(err, attempt) {
        if (err.retryAfterMs !== undefined)
            return err.retryAfterMs;
        // Full jitter keeps concurrent page fetches from retrying in lock-step.
        const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
        return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    }
    url(path, query) {
        const url = new URL(path.replace(/^\//, ''), this.base);
        for (const [k, v] of Object.entries(query ?? {})) {
            if (v !== undefined)
                url.searchParams.set(k, String(v));
        }
        return url;
    }
    headers(hasBody) {
        const h = {
            accept: 'application/json',
            'user-agent': this.options.userAgent ?? 'cloudflare-mtls-certificates-action'
        };
        if (hasBody)
            h['content-type'] = 'application/json';
        const auth = this.options.auth;
        if (auth.kind === 'token')
            h.authorization = `Bearer ${auth.token}`;
        else {
            h['x-auth-key'] = auth.key;
            h['x-auth-email'] = auth.email;
        }
        return h;
    }
    async once(method, path, opts) {
        const url = this.url(path, opts.query);
        const hasBody = opts.body !== undefined;
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
        this.requestCount++;
        let status;
        let text;
        let retryAfter;
        try {
            const res = await (0,undici/* request */.Em)(url, {
                method,
                headers: this.headers(hasBody),
                body: hasBody ? JSON.stringify(opts.body) : undefined,
                dispatcher: this.dispatcher,
                signal: controller.signal,
                headersTimeout: this.options.timeoutMs,
                bodyTimeout: this.options.timeoutMs
            });
            status = res.statusCode;
            const ra = res.headers['retry-after'];
            retryAfter = Array.isArray(ra) ? ra[0] : ra;
            text = await res.body.text();
        }
        catch (cause) {
            const timedOut = controller.signal.aborted || isUndiciTimeout(cause);
            throw new errors/* CloudflareApiError */.k({
                kind: timedOut ? 'timeout' : 'network',
                message: timedOut ? `no answer within ${this.options.timeoutMs / 1000} s` : networkMessage(cause),
                method,
                path: url.pathname
            });
        }
        finally {
            clearTimeout(timer);
        }
        return this.parse(method, url.pathname, status, text, retryAfter, opts.schema);
    }
    parse(method, path, status, text, retryAfter, schema) {
        let json;
        try {
            json = JSON.parse(text);
        }
        catch {
            const err = new errors/* CloudflareApiError */.k({
                kind: status >= 200 && status < 300 ? 'invalid-response' : 'api',
                message: `HTTP ${status} with a body that is not JSON (${describeBody(text)})`,
                method,
                path,
                status
            });
            throw withRetryAfter(err, retryAfter);
        }
        const envelope = schemas/* EnvelopeSchema */.W7.safeParse(json);
        if (!envelope.success) {
            const err = new errors/* CloudflareApiError */.k({
                kind: status >= 200 && status < 300 ? 'invalid-response' : 'api',
                message: `HTTP ${status} with JSON that is not Cloudflare's envelope (${firstIssue(envelope.error)})`,
                method,
                path,
                status
            });
            throw withRetryAfter(err, retryAfter);
        }
        const env = envelope.data;
        if (!env.success || status < 200 || status >= 300) {
            const err = new errors/* CloudflareApiError */.k({
                kind: 'api',
                message: env.errors.map((e) => `${e.code}: ${e.message}`).join('; ') || `HTTP ${status}`,
                method,
                path,
                status,
                errors: env.errors
            });
            throw withRetryAfter(err, retryAfter);
        }
        const result = schema.safeParse(env.result);
        if (!result.success) {
            throw new errors/* CloudflareApiError */.k({
                kind: 'invalid-response',
                message: `the result does not match the expected shape (${firstIssue(result.error)})`,
                method,
                path,
                status
            });
        }
        return { result: result.data, resultInfo: env.result_info, status };
    }
}
function firstIssue(error) {
    const issue = error.issues[0];
    if (!issue)
        return 'invalid';
    const at = issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
    return `${at}: ${issue.message}`;
}
function describeBody(text) {
    const trimmed = text.trim();
    if (trimmed === '')
        return 'empty body';
    if (/^<(!doctype|html)/i.test(trimmed)) {
        const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
        return title ? `an HTML page: "${title.slice(0, 80)}"` : 'an HTML page';
    }
    return `${trimmed.length} bytes starting "${trimmed.slice(0, 40).replace(/\s+/g, ' ')}"`;
}
function parseRetryAfter(value, now) {
    if (!value)
        return undefined;
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0)
        return Math.min(seconds * 1000, 300_000);
    const date = Date.parse(value);
    if (Number.isFinite(date))
        return Math.max(0, Math.min(date - now, 300_000));
    return undefined;
}
function withRetryAfter(err, retryAfter) {
    const ms = parseRetryAfter(retryAfter, Date.now());
    if (ms !== undefined)
        Object.assign(err, { retryAfterMs: ms });
    return err;
}
function isRetryable(err) {
    if (err.kind === 'network' || err.kind === 'timeout')
        return true;
    if (err.kind === 'invalid-response')
        return false;
    const s = err.status ?? 0;
    return s === 429 || s >= 500;
}
function retryReason(err) {
    if (err.kind === 'timeout')
        return 'timed out';
    if (err.kind === 'network')
        return err.message;
    return `HTTP ${err.status ?? '?'}${err.errors.length ? ` (${err.errors.map((e) => e.code).join(', ')})` : ''}`;
}
function isUndiciTimeout(cause) {
    const code = cause?.code;
    return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}
/** undici says "fetch failed" or "other side closed"; dig out the cause that names the problem. */
function networkMessage(cause) {
    const parts = [];
    let c = cause;
    for (let depth = 0; c && depth < 4; depth++) {
        const e = c;
        const piece = [typeof e.code === 'string' ? e.code : '', typeof e.message === 'string' ? e.message : '']
            .filter(Boolean)
            .join(' ');
        if (piece && !parts.includes(piece))
            parts.push(piece);
        c = e.cause;
    }
    return parts.join(': ') || 'connection failed';
}

// EXTERNAL MODULE: ./src/cloudflare/mtls.ts
var mtls = __webpack_require__(1791);
;// CONCATENATED MODULE: ./src/clients.ts


/** Builds the API client for one run; the only place where a Connection becomes HTTP. */
function createClients(connection, log, now) {
    const http = new HttpClient({
        baseUrl: connection.apiBaseUrl,
        auth: connection.auth,
        timeoutMs: connection.timeoutMs,
        maxRetries: connection.maxRetries,
        onRetry: ({ method, path, attempt, delayMs, reason }) => log.info(`${method} ${path}: ${reason}; retry ${attempt} of ${connection.maxRetries} in ${(delayMs / 1000).toFixed(1)} s`)
    });
    const api = new mtls/* MtlsCertificatesApi */.jU(http, connection.accountId);
    return { clients: { api, log, now: () => now }, close: () => http.close() };
}


/***/ }),

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


/***/ })

};
