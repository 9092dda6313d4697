export const id = 14;
export const ids = [14];
export const modules = {

/***/ 4014:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reportExpiry: () => (/* binding */ reportExpiry)
/* harmony export */ });
/* unused harmony export WARNINGS_SHOWN */
/* harmony import */ var _cloudflare_mtls_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1791);
/* harmony import */ var _expiry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6440);


/** Certificates named one warning each; with more, the last of GitHub's 10 warnings per step says where the rest are. */
const WARNINGS_SHOWN = 9;
/**
 * Every certificate with its days left, grouped by how soon it expires, and the association count
 * of those `associations` names: one request per certificate, so by default (expiring) only of the
 * expired and expiring ones, where the count decides what to do (rotate, or delete an unused one).
 */
async function reportExpiry(config, clients) {
    const { expiryWarningDays, expiryErrorDays } = config.validation;
    const certificates = await clients.api.list(config.types ? { types: config.types } : {});
    const now = clients.now();
    const read = (c) => config.associations === 'all' || (config.associations === 'expiring' && (0,_expiry_js__WEBPACK_IMPORTED_MODULE_1__/* .expiryGroup */ .BK)((0,_expiry_js__WEBPACK_IMPORTED_MODULE_1__/* .daysUntil */ .AQ)(c.expires_on, now), expiryWarningDays, expiryErrorDays) !== 'fine');
    const counts = await (0,_cloudflare_mtls_js__WEBPACK_IMPORTED_MODULE_0__/* .mapWithConcurrency */ .WS)(certificates, _cloudflare_mtls_js__WEBPACK_IMPORTED_MODULE_0__/* .PAGE_CONCURRENCY */ .kE, async (c) => (read(c) ? (await clients.api.associations(c.id)).length : undefined));
    const entries = certificates
        .map((certificate, i) => {
        const daysLeft = (0,_expiry_js__WEBPACK_IMPORTED_MODULE_1__/* .daysUntil */ .AQ)(certificate.expires_on, now);
        return { certificate, daysLeft, associationCount: counts[i], group: (0,_expiry_js__WEBPACK_IMPORTED_MODULE_1__/* .expiryGroup */ .BK)(daysLeft, expiryWarningDays, expiryErrorDays) };
    })
        .sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity));
    // Each warning is an annotation, and GitHub shows 10 warning annotations per step and drops the
    // rest without a word: the soonest WARNINGS_SHOWN, then one line that says where the others are.
    const flagged = entries.filter((e) => e.group !== 'fine');
    const count = (g) => entries.filter((e) => e.group === g).length;
    clients.log.info(`Read ${entries.length} certificate(s) and the associations of ${counts.filter((c) => c !== undefined).length} (associations: ${config.associations}): ${count('expired')} expired, ${count('error')} inside expiry-error-days (${expiryErrorDays}), ${count('warning')} within expiry-warning-days (${expiryWarningDays}).`);
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
