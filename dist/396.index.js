export const id = 396;
export const ids = [396];
export const modules = {

/***/ 2396:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHub: () => (/* binding */ createGitHub)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(1351);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 24 modules
var utils = __webpack_require__(9056);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js + 1 modules
var dist_bundle = __webpack_require__(9250);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./src/github/types.ts
var types = __webpack_require__(1994);
;// CONCATENATED MODULE: ./src/github/transport.ts





/**
 * How @actions/github's Octokit survives GitHub's bad minutes and hostile answers, on Octokit's own
 * plugins rather than loops of our own:
 * - @octokit/plugin-retry repeats a request that failed with 5xx, a timeout or a network error
 *   (its backoff: 1, 4, 9 … s);
 * - @octokit/plugin-throttling waits out a secondary rate limit (403 or 429 with retry-after) and
 *   a spent primary one (x-ratelimit-remaining: 0), and spaces writes as GitHub asks;
 * - a hook of ours (innermost, so it sees every attempt) announces each wait through the Logger,
 *   refuses a wait that does not fit the request's budget, never repeats a write whose outcome is
 *   unknown without looking first, and a fetch of ours gives each attempt a deadline and reads at
 *   most MAX_ANSWER_BYTES of an answer.
 */
/** Far above the largest real answer (a page of 100 files or comments); a hostile server or proxy gets no further. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
/** What plugin-retry leaves to a 4xx (the request was refused, repeating cannot help); 429 goes to the throttling plugin. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
function createOctokit(token, log, settings) {
    const { timeoutMs, maxRetries } = settings;
    // The longest one request may take: what max-retries + 1 attempts take when each runs out of
    // time. A wait that does not fit in what is left is not waited (GitHub asks for 60 s at times).
    const budgetMs = timeoutMs * (maxRetries + 1);
    const states = new WeakMap();
    const stateOf = (options) => {
        let s = states.get(options);
        if (!s)
            states.set(options, (s = { started: Date.now(), outcomeUnknown: false }));
        return s;
    };
    const baseFetch = (utils/* defaults */.NT.request?.fetch ?? fetch);
    const apiUrl = utils/* defaults */.NT.baseUrl ?? 'https://api.github.com';
    /**
     * Waits announced and bounded: the throttling plugin asks before it waits out a rate limit.
     * `retryAfter` is GitHub's retry-after (or the reset time of x-ratelimit-reset) in seconds.
     */
    const waitForLimit = (kind) => (retryAfter, options, octokit, retryCount) => {
        const state = stateOf(options);
        const what = describeRequest(octokit.request.endpoint, options);
        if (retryCount >= maxRetries) {
            state.gaveUp = `still limited after ${maxRetries} retr${maxRetries === 1 ? 'y' : 'ies'} (max-retries)`;
            return false;
        }
        const left = budgetMs - (Date.now() - state.started);
        if (retryAfter * 1000 > left) {
            state.gaveUp = `GitHub asked to wait ${retryAfter} s, more than the ${Math.max(0, Math.floor(left / 1000))} s left of this request's ${budgetMs / 1000} s (timeout-seconds × (max-retries + 1)); not waited`;
            log.info(`${what}: ${kind}; GitHub asks to wait ${retryAfter} s, which does not fit in the ${Math.max(0, Math.floor(left / 1000))} s left, so the request fails`);
            return false;
        }
        log.info(`${what}: ${kind}; waiting ${retryAfter} s as GitHub asks (retry ${retryCount + 1} of ${maxRetries})`);
        return true;
    };
    /** Innermost: sees every attempt, before plugin-retry decides on it. */
    const attempts = (octokit) => {
        octokit.hook.wrap('request', async (request, options) => {
            const state = stateOf(options);
            const req = (options.request ??= {});
            const lookFirst = req.lookFirst;
            const what = describeRequest(octokit.request.endpoint, options);
            const repeatable = isRepeatable(octokit.request.endpoint, options);
            if (state.outcomeUnknown && lookFirst) {
                let found;
                try {
                    found = await lookFirst();
                }
                catch (e) {
                    // Not knowing whether the write was done, it is not done again.
                    req.retries = 0;
                    state.gaveUp = 'could not look whether the earlier attempt had been done, so it was not sent again';
                    state.lookFailed = true;
                    throw e;
                }
                if (found) {
                    log.info(`${what}: the earlier attempt had been done after all; not sent again`);
                    return found;
                }
            }
            try {
                return await request(options);
            }
            catch (e) {
                const err = e;
                const status = typeof err.status === 'number' ? err.status : 0;
                if (err.cause instanceof AnswerTooLarge) {
                    // Asking again would read as much again.
                    req.retries = 0;
                    throw e;
                }
                // The same test as plugin-retry's (a RequestError of 5xx, or of a request that got no answer).
                const retryable = err.request !== undefined && status >= 400 && !DO_NOT_RETRY.includes(status);
                const retryCount = typeof req.retryCount === 'number' ? req.retryCount : 0;
                const retries = typeof req.retries === 'number' ? req.retries : maxRetries;
                if (!retryable || retryCount >= retries)
                    throw e;
                if (!repeatable && !lookFirst) {
                    // A write that may have been done is never repeated blind.
                    req.retries = 0;
                    throw e;
                }
                // plugin-retry's backoff: (retryCount + 1)² × retryAfterBaseValue (1 s).
                const delayMs = (retryCount + 1) ** 2 * 1000;
                const left = budgetMs - (Date.now() - state.started);
                const reason = err.response === undefined ? describeError(err) : `HTTP ${status}`;
                if (delayMs > left) {
                    req.retries = 0;
                    state.gaveUp = `the next retry would wait ${delayMs / 1000} s, more than the ${Math.max(0, Math.floor(left / 1000))} s left of this request's ${budgetMs / 1000} s (timeout-seconds × (max-retries + 1))`;
                    throw e;
                }
                if (!repeatable)
                    state.outcomeUnknown = true;
                const looks = repeatable ? '' : ', looking first whether it was done';
                log.info(`${what}: ${reason}; retry ${retryCount + 1} of ${retries} in ${delayMs / 1000} s${looks}`);
                throw e;
            }
        });
        return {};
    };
    const octokit = (0,github/* getOctokit */.Q)(token, {
        userAgent: 'cloudflare-mtls-certificates-action',
        // Octokit's own notices (deprecations) belong in the debug log, not among the findings.
        log: { debug: (m) => log.debug(m), info: (m) => log.debug(m), warn: (m) => log.debug(m), error: (m) => log.debug(m) },
        request: { ...utils/* defaults */.NT.request, fetch: boundedFetch(baseFetch, apiUrl, timeoutMs) },
        retry: { retries: maxRetries, doNotRetry: DO_NOT_RETRY },
        throttle: {
            onSecondaryRateLimit: waitForLimit('secondary rate limit'),
            onRateLimit: waitForLimit('rate limit spent (x-ratelimit-remaining: 0)')
        }
    }, attempts, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
    // Outermost: the error a caller sees says why the request was not tried again, when it was not.
    octokit.hook.wrap('request', async (request, options) => {
        // A request without options of its own shares Octokit's default `request` object, and the
        // plugins write their retry counts into it: each request gets its own copy (a copy of the
        // whole options would lose the route).
        options.request = { ...options.request };
        try {
            return await request(options);
        }
        catch (e) {
            const state = states.get(options);
            if (!state?.gaveUp)
                throw e;
            const err = e;
            const status = typeof err.status === 'number' && err.response !== undefined && !state.lookFailed ? err.status : undefined;
            throw new types/* GitHubError */.y_(status, `${messageOf(e)}; ${state.gaveUp}`);
        }
    });
    return octokit;
}
/** The message of a failed request, our own transport errors unwrapped from Octokit's RequestError. */
function messageOf(e) {
    const cause = e.cause;
    if (cause instanceof types/* GitHubError */.y_)
        return cause.message;
    return (0,types/* oneLine */.TN)(e instanceof Error ? e.message : String(e));
}
/** GET, PUT, DELETE and a PATCH without annotations do the same when repeated; a POST, or a PATCH that appends annotations, does not. */
function isRepeatable(endpoint, options) {
    const { method, body } = endpoint.parse(options);
    if (method === 'POST')
        return false;
    if (method === 'PATCH') {
        const annotations = body?.output?.annotations;
        return !Array.isArray(annotations) || annotations.length === 0;
    }
    return true;
}
/** `POST /repos/acme/pki/check-runs`: the route filled in, no query. */
function describeRequest(endpoint, options) {
    const { method, url } = endpoint.parse(options);
    return `${method} ${pathOf(url)}`;
}
function pathOf(url) {
    try {
        return (0,types/* oneLine */.TN)(new URL(url).pathname);
    }
    catch {
        return (0,types/* oneLine */.TN)(url.replace(/[?#].*$/, ''));
    }
}
function describeError(err) {
    if (err.cause instanceof TransportError)
        return err.cause.reason;
    return (0,types/* oneLine */.TN)(typeof err.message === 'string' ? err.message : 'no answer');
}
/** A request that got no (whole) answer: the line names the request; `reason` is what went wrong, for the retry's line. */
class TransportError extends types/* GitHubError */.y_ {
    reason;
    constructor(message, reason) {
        super(undefined, message);
        this.reason = reason;
    }
}
/** An answer past MAX_ANSWER_BYTES: not read further, and not asked for again. */
class AnswerTooLarge extends TransportError {
}
/**
 * The fetch under Octokit: @actions/github's (its proxy settings) with a deadline for each attempt
 * (headers and body) and an answer read to at most MAX_ANSWER_BYTES. Octokit reads a body that
 * fails half-way as an empty one rather than failing, so the body is read here, whole, first.
 */
function boundedFetch(base, apiUrl, timeoutMs) {
    return async (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        const method = (init?.method ?? 'GET').toUpperCase();
        const where = `${method} ${pathOf(url)}`;
        const deadline = AbortSignal.timeout(timeoutMs);
        const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
        const late = () => new TransportError(`no answer from GitHub within ${timeoutMs / 1000} s (${method} ${url.replace(/[?#].*$/, '')})`, `no answer within ${timeoutMs / 1000} s`);
        let response;
        try {
            response = await base(input, { ...init, signal });
        }
        catch (e) {
            if (deadline.aborted)
                throw late();
            const reason = networkReason(e);
            throw new TransportError(`could not reach GitHub's API: ${reason} (${method} ${originOf(url)}${pathOf(url)}); check GITHUB_API_URL (${originOf(apiUrl)}${pathOf(apiUrl).replace(/\/$/, '')}), the proxy variables (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and the network`, reason);
        }
        const tooLarge = () => new AnswerTooLarge(`GitHub's answer to ${where} is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB; not read further`, 'answer too large');
        const declared = Number(response.headers.get('content-length'));
        if (Number.isFinite(declared) && declared > MAX_ANSWER_BYTES) {
            await response.body?.cancel().catch(() => { });
            throw tooLarge();
        }
        const chunks = [];
        let size = 0;
        if (response.body) {
            const reader = response.body.getReader();
            try {
                for (;;) {
                    const { done, value } = await reader.read();
                    if (done)
                        break;
                    size += value.byteLength;
                    if (size > MAX_ANSWER_BYTES) {
                        await reader.cancel().catch(() => { });
                        throw tooLarge();
                    }
                    chunks.push(value);
                }
            }
            catch (e) {
                if (e instanceof AnswerTooLarge)
                    throw e;
                if (deadline.aborted)
                    throw late();
                const reason = networkReason(e);
                throw new TransportError(`GitHub's answer to ${where} broke off: ${reason}`, `answer broke off (${reason})`);
            }
        }
        const empty = response.status === 204 || response.status === 205 || response.status === 304;
        const copy = new Response(empty ? null : Buffer.concat(chunks), { status: response.status, statusText: response.statusText, headers: response.headers });
        Object.defineProperty(copy, 'url', { value: response.url });
        return copy;
    };
}
function originOf(url) {
    try {
        return new URL(url).origin;
    }
    catch {
        return '(not a URL)';
    }
}
/** undici says "fetch failed" and keeps the reason in its cause (a code such as ECONNREFUSED, or "bad port"). */
function networkReason(e) {
    let reason = e;
    for (let i = 0; i < 4 && reason instanceof Error && reason.cause !== undefined; i++)
        reason = reason.cause;
    if (reason instanceof Error) {
        const code = reason.code;
        const message = (0,types/* oneLine */.TN)(reason.message);
        return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
    }
    return (0,types/* oneLine */.TN)(String(reason));
}

;// CONCATENATED MODULE: ./src/github/client.ts




/**
 * The only code that talks to GitHub's API: @actions/github's Octokit, on the API base the runner
 * gives (GITHUB_API_URL, so GitHub Enterprise Server works) and its proxy settings, with retries,
 * rate-limit waits, deadlines and bounded answers (transport.ts). main loads this module only when
 * a run needs it: a plain validate never loads Octokit.
 */
function createGitHub(token, log, settings = { timeoutMs: 30_000, maxRetries: 3 }) {
    const octokit = createOctokit(token, log, settings);
    const run = describeRun();
    const { owner, repo } = run;
    /** Annotations each check run of ours holds, as GitHub last said: what a lost PATCH is checked against. */
    const annotated = new Map();
    let login;
    /**
     * Whose comments are ours: a bot's (GITHUB_TOKEN's github-actions[bot], a GitHub App) or, with a
     * personal access token, its user's. GITHUB_TOKEN may not read GET /user (403): then bots only.
     */
    const isOurs = async () => {
        login ??= octokit.rest.users.getAuthenticated().then((r) => (typeof r.data.login === 'string' ? r.data.login : undefined), (e) => {
            const status = e.status;
            if (status === 401 || status === 403 || status === 404)
                return undefined;
            throw e;
        });
        const me = await login;
        return (user) => user?.type === 'Bot' || (me !== undefined && user?.login === me);
    };
    const api = {
        listPullRequestFiles: (pullNumber) => call(async () => {
            const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 });
            return files.map((f) => ({ filename: f.filename, status: f.status }));
        }),
        createCheckRun: ({ name, headSha, output, detailsUrl }) => call(async () => {
            // Marks this run's check run, so that a POST whose answer was lost is found again (by name
            // and head SHA, then this mark) instead of created twice; a re-run of the job gets its own.
            const externalId = (0,external_node_crypto_.randomUUID)();
            const { data } = await octokit.rest.checks.create({
                owner,
                repo,
                name,
                head_sha: headSha,
                external_id: externalId,
                status: 'in_progress',
                output,
                ...(detailsUrl ? { details_url: detailsUrl } : {}),
                request: { lookFirst: findCheckRun(octokit, { owner, repo, name, headSha, externalId }) }
            });
            const id = answerId(data.id, 'check run');
            annotated.set(id, data.output?.annotations_count ?? output.annotations?.length ?? 0);
            return { id, url: answerUrl(data.html_url ?? data.url, 'check run') };
        }),
        updateCheckRun: (id, { output, conclusion }) => call(async () => {
            // Annotations are appended: a PATCH whose answer was lost is repeated only if the run does not hold them yet.
            const before = annotated.get(id) ?? 0;
            const adding = output.annotations?.length ?? 0;
            const lookFirst = async () => {
                const found = await octokit.rest.checks.get({ owner, repo, check_run_id: id });
                return (found.data.output?.annotations_count ?? 0) >= before + adding ? found : undefined;
            };
            const { data } = await octokit.rest.checks.update({
                owner,
                repo,
                check_run_id: id,
                output,
                ...(conclusion ? { status: 'completed', conclusion } : {}),
                request: { lookFirst }
            });
            annotated.set(id, data.output?.annotations_count ?? before + adding);
        }),
        findIssueComment: (issueNumber, marker) => call(async () => {
            const ours = await isOurs();
            const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
            for await (const page of pages) {
                // Anyone can post the marker: only a comment by a bot or by the token's own user is adopted.
                const found = page.data.find((c) => ours(c.user) && c.body?.includes(marker));
                if (found)
                    return { id: answerId(found.id, 'comment'), url: answerUrl(found.html_url, 'comment'), body: found.body ?? '' };
            }
            return undefined;
        }),
        createIssueComment: (issueNumber, body) => call(async () => {
            // A POST whose answer was lost: the comment is looked for (ours, with this body) before a second one is written.
            const lookFirst = async () => {
                const ours = await isOurs();
                for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 })) {
                    const found = page.data.find((c) => ours(c.user) && c.body === body);
                    if (found)
                        return { status: 201, url: page.url, data: found };
                }
                return undefined;
            };
            const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body, request: { lookFirst } });
            return { id: answerId(data.id, 'comment'), url: answerUrl(data.html_url, 'comment') };
        }),
        updateIssueComment: (id, body) => call(async () => {
            const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body });
            return { id: answerId(data.id, 'comment'), url: answerUrl(data.html_url, 'comment') };
        }),
        findIssues: (label, marker) => call(async () => {
            const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, labels: label, state: 'all', sort: 'created', direction: 'asc', per_page: 100 });
            // The issues list holds pull requests too; only a bot's issue counts (anyone can write the marker).
            return issues.filter((i) => !i.pull_request && i.user?.type === 'Bot' && (i.body ?? '').includes(marker)).map(trackedIssue);
        }),
        ensureLabel: (name, { color, description }) => call(async () => {
            try {
                await octokit.rest.issues.getLabel({ owner, repo, name });
                return;
            }
            catch (e) {
                if (e.status !== 404)
                    throw e;
            }
            try {
                await octokit.rest.issues.createLabel({ owner, repo, name, color, description });
            }
            catch (e) {
                // Made by another run between the two requests: what was wanted.
                const errors = e.response?.data?.errors;
                if (e.status === 422 && errors?.some((x) => x.code === 'already_exists'))
                    return;
                throw e;
            }
        }),
        createIssue: ({ title, body, labels }) => call(async () => {
            // A POST whose answer was lost: the issue is looked for (ours, with this body) before a second one is made.
            const lookFirst = async () => {
                const ours = await isOurs();
                for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
                    owner,
                    repo,
                    state: 'all',
                    sort: 'created',
                    direction: 'desc',
                    per_page: 100
                })) {
                    const found = page.data.find((i) => !i.pull_request && ours(i.user) && i.body === body);
                    if (found)
                        return { status: 201, url: page.url, data: found };
                }
                return undefined;
            };
            const { data } = await octokit.rest.issues.create({ owner, repo, title, body, labels, request: { lookFirst } });
            return trackedIssue(data);
        }),
        updateIssue: (issueNumber, { title, body, state, stateReason }) => call(async () => {
            const { data } = await octokit.rest.issues.update({
                owner,
                repo,
                issue_number: issueNumber,
                ...(title !== undefined ? { title } : {}),
                ...(body !== undefined ? { body } : {}),
                ...(state ? { state } : {}),
                ...(stateReason ? { state_reason: stateReason } : {})
            });
            return trackedIssue(data);
        })
    };
    return { api, run };
}
/** The fields of GitHub's issue that the tracking issue reads. */
function trackedIssue(i) {
    return {
        number: answerId(i.number, 'issue'),
        url: answerUrl(i.html_url, 'issue'),
        state: i.state === 'closed' ? 'closed' : 'open',
        title: i.title,
        body: i.body ?? '',
        labels: i.labels.flatMap((l) => (typeof l === 'string' ? [l] : l.name ? [l.name] : []))
    };
}
/** The run as @actions/github's context reads it from the runner's variables and event payload. */
function describeRun() {
    const { owner, repo } = github/* context */._.repo;
    const pr = github/* context */._.payload.pull_request;
    const isPullRequest = github/* context */._.eventName === 'pull_request' || github/* context */._.eventName === 'pull_request_target';
    const pullNumber = isPullRequest && typeof pr?.number === 'number' ? pr.number : undefined;
    const headSha = pullNumber !== undefined && typeof pr?.head?.sha === 'string' ? pr.head.sha : github/* context */._.sha;
    return {
        owner,
        repo,
        eventName: github/* context */._.eventName ?? '',
        ...(pullNumber !== undefined ? { pullNumber } : {}),
        ...(pullNumber !== undefined && typeof pr?.changed_files === 'number' ? { changedFiles: pr.changed_files } : {}),
        headSha: headSha ?? '',
        serverUrl: github/* context */._.serverUrl.replace(/\/+$/, ''),
        ...(Number.isFinite(github/* context */._.runId) ? { runId: github/* context */._.runId } : {}),
        workflow: github/* context */._.workflow ?? '',
        job: github/* context */._.job ?? '',
        step: github/* context */._.action ?? ''
    };
}
/** Before repeating a check-run POST: this run's check run on the head commit, if GitHub made it after all. */
function findCheckRun(octokit, p) {
    return async () => {
        const pages = octokit.paginate.iterator(octokit.rest.checks.listForRef, { owner: p.owner, repo: p.repo, ref: p.headSha, check_name: p.name, filter: 'all', per_page: 100 });
        for await (const page of pages) {
            const found = page.data.find((r) => r.external_id === p.externalId && r.name === p.name && r.head_sha === p.headSha);
            if (found)
                return { status: 201, url: page.url, data: found };
        }
        return undefined;
    };
}
/** An id from GitHub's answer goes into the next request's path: a positive integer, nothing else. */
function answerId(value, what) {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0)
        return value;
    throw new types/* GitHubError */.y_(undefined, `GitHub answered a ${what} without a valid id`);
}
/** A link from GitHub's answer reaches outputs, the log and the summary: an http(s) URL, normalised (controls and spaces encoded). */
function answerUrl(value, what) {
    if (typeof value === 'string' && value.length <= 2048) {
        try {
            const url = new URL(value);
            if ((url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password)
                return url.href;
        }
        catch {
            // not a URL: refused below
        }
    }
    throw new types/* GitHubError */.y_(undefined, `GitHub answered a ${what} without a valid link`);
}
/**
 * One GitHub request (or one paged list): Octokit's RequestError becomes a GitHubError that keeps
 * the status and GitHub's message and drops the request (whose headers hold the token).
 */
async function call(fn) {
    try {
        return await fn();
    }
    catch (e) {
        if (e instanceof types/* GitHubError */.y_)
            throw e;
        const status = e.status;
        const answered = e.response !== undefined;
        // Octokit reports a request that never got an answer (refused, reset, DNS) as status 500.
        throw new types/* GitHubError */.y_(typeof status === 'number' && answered ? status : undefined, messageOf(e));
    }
}


/***/ })

};
