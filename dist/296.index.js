export const id = 296;
export const ids = [296];
export const modules = {

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


/***/ }),

/***/ 7296:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   getCertificate: () => (/* binding */ getCertificate),
/* harmony export */   k: () => (/* binding */ logPage),
/* harmony export */   listAssociations: () => (/* binding */ listAssociations),
/* harmony export */   listCertificates: () => (/* binding */ listCertificates)
/* harmony export */ });
/* harmony import */ var _lookup_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9094);

async function listCertificates(config, clients) {
    const certificates = await clients.log.group(`Reading the certificates of account ${clients.api.accountId}`, () => clients.api.list({ ...(config.types ? { types: config.types } : {}), onPage: logPage(clients) }));
    clients.log.info(`Found ${certificates.length} certificate(s) of type ${config.types?.join(', ') ?? 'all'}.`);
    return {
        operation: 'list',
        certificates,
        typeFilter: config.types?.join(',') ?? 'all',
        expiryWarningDays: config.validation.expiryWarningDays
    };
}
async function getCertificate(config, clients) {
    const found = await (0,_lookup_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveCertificate */ .m)(config.ref, clients);
    // By id, the object and its associations are independent reads: fetch them together.
    const [certificate, associations] = await Promise.all([found.certificate ?? clients.api.get(found.id), clients.api.associations(found.id)]);
    clients.log.info(`Certificate ${certificate.id}${certificate.name ? ` ("${certificate.name}")` : ''}, ca: ${String(certificate.ca)}, expires ${certificate.expires_on ?? 'at an unknown date'}, ${associations.length} association(s).`);
    return { operation: 'get', certificate, associations };
}
async function listAssociations(config, clients) {
    const found = await (0,_lookup_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveCertificate */ .m)(config.ref, clients);
    const associations = await clients.api.associations(found.id);
    clients.log.info(`Certificate ${found.id} has ${associations.length} association(s).`);
    const result = { operation: 'associations', certificateId: found.id, associations };
    if (config.zoneIds) {
        const zones = [];
        for (const zoneId of config.zoneIds) {
            const hostnames = await clients.hostnames.get(zoneId, found.id);
            clients.log.info(`Zone ${zoneId}: it serves ${hostnames.length === 0 ? 'no hostname' : hostnames.join(', ')}.`);
            zones.push({ zoneId, hostnames });
        }
        result.zones = zones;
    }
    if (found.certificate)
        result.certificate = found.certificate;
    return result;
}
/** One log line a page, inside the phase's group: a long list shows that it moves. */
function logPage(clients) {
    return (page, total, count) => clients.log.info(`Page ${page}${total !== undefined ? ` of ${total}` : ''}: ${count} certificate(s).`);
}


/***/ })

};
