export const id = 616;
export const ids = [616,640];
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
                return { status: res.statusCode, retryAfter: Array.isArray(ra) ? ra[0] : ra, text: await res.body.text() };
            });
            // If it fails after we stopped waiting, nobody is listening any more.
            pending.catch(() => { });
            const res = await Promise.race([pending, stopped]);
            status = res.status;
            retryAfter = res.retryAfter;
            text = res.text;
        }
        catch (cause) {
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
            message: `HTTP ${status} with JSON that is not Cloudflare's envelope (${firstIssue(envelope.error)})`,
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
            message: errors.slice(0, 5).map((e) => `${e.code}: ${e.message}`).join('; ') || `HTTP ${status}`,
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
            message: `HTTP ${status} whose result does not have the expected shape (${firstIssue(result.error)})`,
            method,
            path,
            status
        });
    }
    return { result: result.data, resultInfo: env.result_info, status };
}
function firstIssue(error) {
    const issue = error.issues[0];
    if (!issue)
        return 'invalid';
    const at = issue.path.length > 0 ? oneLine(issue.path.map(String).join('.'), 80) : 'body';
    return `${at}: ${oneLine(issue.message, 120)}`;
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
        const piece = [typeof e.code === 'string' ? e.code : '', typeof e.message === 'string' ? e.message : '']
            .filter(Boolean)
            .join(' ');
        if (piece && !parts.includes(piece))
            parts.push(piece);
        c = e.cause;
    }
    return parts.join(': ') || 'connection failed';
}

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
        return `zones/${encodeURIComponent(zoneId)}/certificate_authorities/hostname_associations`;
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


/***/ }),

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


/***/ })

};
