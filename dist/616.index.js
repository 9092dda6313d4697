export const id = 616;
export const ids = [616];
export const modules = {

/***/ 1616:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createClients: () => (/* binding */ createClients)
});

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: ./src/cloudflare/errors.ts
var cloudflare_errors = __webpack_require__(7640);
// EXTERNAL MODULE: ./src/cloudflare/schemas.ts
var schemas = __webpack_require__(7431);
;// CONCATENATED MODULE: ./src/cloudflare/http.ts



/**
 * The largest answer this action reads: far above the largest real page (50 certificates with
 * their PEM are well under 1 MiB), far below what would exhaust the runner's memory.
 */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
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
    /** Set by close(): no new attempt starts, waits end, and requests still in flight are aborted. */
    closed = false;
    /** Cancels each request in flight (aborts it and stops waiting for it). */
    inFlight = new Set();
    wakeOnClose = new AbortController();
    requestCount = 0;
    constructor(options) {
        this.options = options;
        this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
        this.dispatcher = options.dispatcher ?? new undici.EnvHttpProxyAgent();
        this.sleep = options.sleep ?? defaultSleep;
        this.random = options.random ?? Math.random;
        this.now = options.now ?? Date.now;
    }
    /**
     * Ends the client. An operation that failed may leave sibling requests (other pages) running or
     * waiting to retry: they stop here instead of retrying against a closed connection pool and
     * keeping the process alive for their backoff.
     */
    async close() {
        this.closed = true;
        this.wakeOnClose.abort();
        for (const cancel of this.inFlight)
            cancel();
        // destroy, not close: close() would wait for what is still pending, such as a CONNECT to a
        // proxy that never answers (undici gives that up only after 300 s, whatever the signal says).
        // An injected dispatcher belongs to whoever injected it.
        if (!this.options.dispatcher)
            await this.dispatcher.destroy();
    }
    async call(method, path, opts) {
        // A POST is not repeated here: its answer may be lost after it was stored (the caller looks
        // before trying again). A 429 is the exception: Cloudflare refused it before doing anything.
        const idempotent = opts.retry ?? method !== 'POST';
        const maxAttempts = this.options.maxRetries + 1;
        let priorOutcomeUnknown = false;
        for (let attempt = 1;; attempt++) {
            await this.waitForPause();
            this.throwIfClosed(method, path);
            try {
                return await this.once(method, path, opts);
            }
            catch (err) {
                if (!(err instanceof cloudflare_errors.CloudflareApiError))
                    throw err;
                redact(err, this.secretsOf(opts.body));
                err.attempts = attempt;
                err.priorOutcomeUnknown = priorOutcomeUnknown;
                const retryable = isRetryable(err) && (idempotent || err.status === 429);
                if (!retryable || attempt >= maxAttempts || this.closed)
                    throw err;
                priorOutcomeUnknown ||= outcomeUnknown(err);
                const delayMs = this.retryDelay(err, attempt);
                this.options.onRetry?.({ method, path, attempt, delayMs, reason: retryReason(err) });
                if (err.status === 429)
                    this.pausedUntil = Math.max(this.pausedUntil, this.now() + delayMs);
                else
                    await this.pause(delayMs);
            }
        }
    }
    /**
     * What must never reach a log line, even if a server (or a proxy) echoes it back in an error:
     * the credentials, the private key we sent, a proxy password.
     */
    secretsOf(body) {
        const auth = this.options.auth;
        const out = auth.kind === 'token' ? [auth.token] : [auth.key, auth.email];
        const key = body?.private_key;
        if (typeof key === 'string') {
            out.push(key.trim());
            for (const line of key.split(/\r?\n/)) {
                const t = line.trim();
                if (t.length >= 8 && !t.startsWith('-----'))
                    out.push(t);
            }
        }
        if (!this.options.dispatcher) {
            for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) {
                const password = proxyPassword(process.env[name]);
                if (password)
                    out.push(password, encodeURIComponent(password));
            }
        }
        // Longest first, so a secret that contains another is replaced whole.
        return out.filter((x) => x.length >= 4).sort((a, b) => b.length - a.length);
    }
    throwIfClosed(method, path) {
        if (!this.closed)
            return;
        throw new cloudflare_errors.CloudflareApiError({ kind: 'network', message: 'cancelled: the operation had already failed', method, path });
    }
    /** Sleeps, but wakes at once when the client is closed. */
    async pause(ms) {
        if (this.closed || ms <= 0)
            return;
        const wake = this.wakeOnClose.signal;
        let onClose = () => { };
        const closed = new Promise((resolve) => {
            onClose = resolve;
            wake.addEventListener('abort', onClose, { once: true });
        });
        try {
            await Promise.race([this.sleep(ms), closed]);
        }
        finally {
            // Many pauses in one run (pages, retries) must not pile up listeners on the one signal.
            wake.removeEventListener('abort', onClose);
        }
    }
    async waitForPause() {
        for (;;) {
            const wait = this.pausedUntil - this.now();
            if (wait <= 0 || this.closed)
                return;
            await this.pause(wait);
        }
    }
    retryDelay(err, attempt) {
        if (err.retryAfterMs !== undefined)
            return err.retryAfterMs;
        // Full jitter keeps concurrent page fetches from retrying in lock-step.
        const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
        return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    }
    /** The path as sent (under api-base-url's own path), for error lines about a request. */
    requestPath(path) {
        return this.url(path, undefined).pathname;
    }
    url(path, query) {
        const url = new URL(path.replace(/^\//, ''), this.base);
        // Paths come from apiPath, whose segments cannot climb; this is the last check before the
        // credentials are sent: the request stays on api-base-url's origin, under its path.
        if (url.origin !== this.base.origin || !url.pathname.startsWith(this.base.pathname)) {
            throw new Error(`refusing a request outside api-base-url: ${url.pathname.slice(0, 80)}`);
        }
        for (const [k, v] of Object.entries(query ?? {})) {
            if (v !== undefined)
                url.searchParams.set(k, String(v));
        }
        return url;
    }
    headers(hasBody) {
        const h = {
            'accept': 'application/json',
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
        let timedOut = false;
        // Our own deadline, raced against undici's: undici does not always honour the abort
        // signal (a request waiting for a proxy's CONNECT answer ignores it), and a hung request must
        // not hang the run.
        let stop = () => { };
        const stopped = new Promise((_, reject) => {
            stop = reject;
        });
        stopped.catch(() => { });
        const cancel = () => {
            controller.abort();
            stop(new Error('cancelled'));
        };
        const timer = setTimeout(() => {
            timedOut = true;
            cancel();
        }, this.options.timeoutMs);
        this.inFlight.add(cancel);
        this.requestCount++;
        const proxy = this.options.dispatcher ? undefined : proxyFor(url, process.env);
        let status;
        let text;
        let retryAfter;
        try {
            const pending = (0,undici.request)(url, {
                dispatcher: this.dispatcher,
                method,
                headers: this.headers(hasBody),
                body: hasBody ? JSON.stringify(opts.body) : undefined,
                signal: controller.signal,
                headersTimeout: this.options.timeoutMs,
                bodyTimeout: this.options.timeoutMs
            }).then(async (res) => {
                const ra = res.headers['retry-after'];
                const text = await readLimited(res, this.options.maxAnswerBytes ?? MAX_ANSWER_BYTES, method, url.pathname);
                return { status: res.statusCode, retryAfter: Array.isArray(ra) ? ra[0] : ra, text };
            });
            // If it fails after we stopped waiting, nobody is listening any more.
            pending.catch(() => { });
            const res = await Promise.race([pending, stopped]);
            status = res.status;
            retryAfter = res.retryAfter;
            text = res.text;
        }
        catch (cause) {
            // An answer over the size limit: said as such, not as a network failure.
            if (cause instanceof cloudflare_errors.CloudflareApiError)
                throw cause;
            if (this.closed && !timedOut) {
                throw new cloudflare_errors.CloudflareApiError({ kind: 'network', message: 'cancelled: the operation had already failed', method, path: url.pathname });
            }
            const isTimeout = timedOut || isUndiciTimeout(cause);
            // When a proxy is in the way, say so: its refusal or silence looks like the API's otherwise.
            const via = proxy ? ` (through the proxy ${proxy})` : '';
            throw new cloudflare_errors.CloudflareApiError({
                kind: isTimeout ? 'timeout' : 'network',
                message: (isTimeout ? `no answer within ${this.options.timeoutMs / 1000} s` : networkMessage(cause)) + via,
                method,
                path: url.pathname,
                timeoutMs: this.options.timeoutMs,
                ...(proxy ? { proxy } : {})
            });
        }
        finally {
            clearTimeout(timer);
            this.inFlight.delete(cancel);
        }
        if (opts.onReceived && status >= 200 && status < 300)
            opts.onReceived();
        // undici gives the connection back to its pool a tick after the body has been read: a request
        // sent before then (the next pages, right after page 1) would open a new connection instead of
        // reusing this one. Parsing is synchronous, so this also lets a caller's next request go first.
        await new Promise((resolve) => setImmediate(resolve));
        return parseResponse({ method, path: url.pathname, status, text, retryAfter, now: Date.now() }, opts.schema);
    }
}
/**
 * Reads an answer's body as it arrives, counting bytes, and stops past `limit`: a hostile or broken
 * server's endless (or 400 MiB) answer ends in one error line, not in the runner's memory.
 */
async function readLimited(res, limit, method, path) {
    const tooLarge = () => {
        res.body.destroy();
        return new cloudflare_errors.CloudflareApiError({
            kind: 'invalid-response',
            message: `HTTP ${res.statusCode} with an answer larger than ${formatBytes(limit)}, the most this action reads: stopped reading it`,
            method,
            path,
            status: res.statusCode
        });
    };
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit)
        throw tooLarge();
    const chunks = [];
    let size = 0;
    for await (const chunk of res.body) {
        size += chunk.length;
        if (size > limit)
            throw tooLarge();
        chunks.push(chunk);
    }
    return new TextDecoder().decode(Buffer.concat(chunks, size));
}
function formatBytes(n) {
    return n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}
/**
 * Turns any answer into a typed result or a CloudflareApiError: never another exception, never
 * an `undefined` where the schema promised a value. Pure, so it is fuzzed directly.
 */
function parseResponse(raw, schema) {
    const { method, path, status, text, retryAfter } = raw;
    const now = raw.now ?? Date.now();
    const ok = status >= 200 && status < 300;
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        const err = new cloudflare_errors.CloudflareApiError({
            kind: ok ? 'invalid-response' : 'api',
            message: `HTTP ${status} with a body that is not JSON (${describeBody(text)})`,
            method,
            path,
            status
        });
        throw withRetryAfter(err, retryAfter, now);
    }
    const envelope = schemas/* EnvelopeSchema */.W7.safeParse(json);
    if (!envelope.success) {
        const err = new cloudflare_errors.CloudflareApiError({
            kind: ok ? 'invalid-response' : 'api',
            message: `HTTP ${status} with JSON that is not Cloudflare's envelope (${firstIssue(envelope.error, [])})`,
            method,
            path,
            status
        });
        throw withRetryAfter(err, retryAfter, now);
    }
    const env = envelope.data;
    if (!env.success || !ok) {
        // The server's words end up in the one error line: one line, of a bounded length.
        const errors = env.errors.map((e) => ({ ...e, message: oneLine(e.message, 200) }));
        const err = new cloudflare_errors.CloudflareApiError({
            kind: 'api',
            message: errors
                .slice(0, 5)
                .map((e) => `${e.code}: ${e.message}`)
                .join('; ') || `HTTP ${status}`,
            method,
            path,
            status,
            errors
        });
        throw withRetryAfter(err, retryAfter, now);
    }
    const result = schema.safeParse(env.result);
    if (!result.success) {
        throw new cloudflare_errors.CloudflareApiError({
            kind: 'invalid-response',
            message: `HTTP ${status} whose result does not have the expected shape (${firstIssue(result.error, ['result'])})`,
            method,
            path,
            status
        });
    }
    return { result: result.data, resultInfo: env.result_info, status };
}
/** The first problem, named by where it is in the answer: `result[3].id`, `result_info.total_pages`. */
function firstIssue(error, root) {
    const issue = error.issues[0];
    if (!issue)
        return 'invalid';
    const path = [...root, ...issue.path];
    const at = path.length > 0 ? oneLine(fieldPath(path), 80) : 'body';
    return `${at}: ${oneLine(issue.message, 120)}`;
}
/** ['result', 3, 'id'] → result[3].id */
function fieldPath(path) {
    return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}
/** Text from the server, fit for a log line: no line breaks or control characters, at most `max` characters. */
function oneLine(text, max) {
    const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
function describeBody(text) {
    const trimmed = text.trim();
    if (trimmed === '')
        return 'empty body';
    if (/^<(!doctype|html)/i.test(trimmed)) {
        const title = /<title>([^<]*)<\/title>/i.exec(trimmed.slice(0, 4096))?.[1];
        return title?.trim() ? `an HTML page: "${oneLine(title, 80)}"` : 'an HTML page';
    }
    return `${trimmed.length} bytes starting "${oneLine(trimmed.slice(0, 40), 40)}"`;
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
function withRetryAfter(err, retryAfter, now) {
    const ms = parseRetryAfter(retryAfter, now);
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
/**
 * The proxy undici's EnvHttpProxyAgent uses for this URL, as `url (VARIABLE)` with any password
 * hidden, or undefined when it goes direct. undici routes the request; this only lets an error
 * line name the proxy, whose refusal or silence looks like the API's otherwise. Mirrors undici 7: lower-case variables win,
 * an https URL falls back to HTTP_PROXY, NO_PROXY matches a host, a domain suffix or `*`.
 */
function proxyFor(url, env) {
    const pick = (lower, upper) => {
        const value = env[lower] ?? env[upper];
        return value ? [value, env[lower] !== undefined ? lower : upper] : undefined;
    };
    const http = pick('http_proxy', 'HTTP_PROXY');
    const chosen = url.protocol === 'https:' ? (pick('https_proxy', 'HTTPS_PROXY') ?? http) : http;
    if (!chosen)
        return undefined;
    const noProxy = env.no_proxy ?? env.NO_PROXY ?? '';
    const host = url.host.replace(/:\d*$/, '').toLowerCase();
    const port = Number.parseInt(url.port, 10) || (url.protocol === 'https:' ? 443 : 80);
    const entries = noProxy.split(/[,\s]/).filter(Boolean);
    if (noProxy === '*')
        return undefined;
    for (const entry of entries) {
        const m = /^(.+):(\d+)$/.exec(entry);
        const name = (m?.[1] ?? entry).replace(/^\*?\./, '').toLowerCase();
        // Port 0 (or none) means any port, as in undici.
        if (m && Number(m[2]) !== 0 && Number(m[2]) !== port)
            continue;
        if (host === name || host.endsWith(`.${name}`))
            return undefined;
    }
    return `${withoutPassword(chosen[0])} (${chosen[1]})`;
}
function withoutPassword(url) {
    try {
        const u = new URL(url);
        const user = u.username ? `${u.username}${u.password ? ':***' : ''}@` : '';
        return `${u.protocol}//${user}${u.host}`;
    }
    catch {
        return 'a proxy URL that does not parse';
    }
}
function proxyPassword(url) {
    if (!url)
        return undefined;
    try {
        return decodeURIComponent(new URL(url).password) || undefined;
    }
    catch {
        return undefined;
    }
}
/** Replaces every secret in the error's text with ***. */
function redact(err, secrets) {
    const clean = (text) => secrets.reduce((t, x) => t.split(x).join('***'), text);
    err.message = clean(err.message);
    for (const e of err.errors)
        e.message = clean(e.message);
}
/** An attempt whose request may have been carried out although we did not hear so. */
function outcomeUnknown(err) {
    return err.kind === 'network' || err.kind === 'timeout' || (err.status ?? 0) >= 500;
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
    // undici's word for a connection that ended before the answer did.
    if (cause?.code === 'UND_ERR_SOCKET')
        parts.push('the connection closed before the whole answer arrived');
    let c = cause;
    for (let depth = 0; c && depth < 4; depth++) {
        const e = c;
        const piece = [typeof e.code === 'string' ? e.code : '', typeof e.message === 'string' ? e.message : ''].filter(Boolean).join(' ');
        if (piece && !parts.includes(piece))
            parts.push(piece);
        c = e.cause;
    }
    return parts.join(': ') || 'connection failed';
}

// EXTERNAL MODULE: ./src/cloudflare/path.ts
var path = __webpack_require__(9516);
;// CONCATENATED MODULE: ./src/cloudflare/hostnames.ts


/**
 * An mTLS certificate id as the zone endpoint takes it (36 characters, a UUID). Without one,
 * Cloudflare acts on the zone's Cloudflare-managed CA instead: a PUT meant for an uploaded CA would
 * then replace the managed CA's hostnames. Refuse rather than send such a request.
 */
const CERTIFICATE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function requireCertificateId(certificateId, method) {
    if (!CERTIFICATE_ID.test(certificateId)) {
        throw new Error(`refusing ${method} of hostname associations without a certificate id (got "${certificateId.slice(0, 40)}"): without mtls_certificate_id Cloudflare acts on the zone's managed CA`);
    }
}
/** `/zones/{zone_id}/certificate_authorities/hostname_associations`: which hostnames of a zone an uploaded CA serves. */
class HostnameAssociationsApi {
    http;
    constructor(http) {
        this.http = http;
    }
    path(zoneId) {
        // The zone id is checked like every other path segment: 32 hexadecimal digits, nothing else.
        return (0,path/* apiPath */.So)('zones', zoneId, 'certificate_authorities', 'hostname_associations');
    }
    /** The hostnames of the zone that the CA serves (one request: the endpoint is not paged). */
    async get(zoneId, certificateId) {
        requireCertificateId(certificateId, 'GET');
        const res = await this.http.call('GET', this.path(zoneId), { query: { mtls_certificate_id: certificateId }, schema: schemas/* HostnameAssociationSchema */.eK });
        return res.result;
    }
    /**
     * Sets the CA's hostnames in the zone to exactly `hostnames` (PUT replaces the whole set; an
     * empty list removes them all) and returns the set Cloudflare answered with. PUT of the whole
     * set is idempotent, so the HTTP client's retry after a lost answer or a 5xx is safe: a second
     * PUT of the same set leaves the same state.
     */
    async replace(zoneId, certificateId, hostnames) {
        requireCertificateId(certificateId, 'PUT');
        const body = { hostnames, mtls_certificate_id: certificateId };
        const res = await this.http.call('PUT', this.path(zoneId), { body, schema: schemas/* HostnameAssociationSchema */.eK });
        return res.result;
    }
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
    return { clients: { api, hostnames: new HostnameAssociationsApi(http), log, now: () => now }, close: () => http.close() };
}


/***/ })

};
