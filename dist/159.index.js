export const id = 159;
export const ids = [159];
export const modules = {

/***/ 1159:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deleteCertificate: () => (/* binding */ deleteCertificate)
/* harmony export */ });
/* harmony import */ var _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7640);
/* harmony import */ var _lookup_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9094);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1983);



const MANAGED = new Set(['gateway_managed', 'access_managed']);
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
    if (certificate?.type && MANAGED.has(certificate.type)) {
        throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .O(`Certificate ${id} is ${certificate.type}: Cloudflare manages it, and it cannot be deleted through this API. Remove it where it is managed (Zero Trust settings).`, 'managed');
    }
    let associations;
    try {
        associations = await clients.api.associations(id);
    }
    catch (e) {
        if (config.missingOk && e instanceof _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CloudflareApiError */ .k && e.hasCode(1472))
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
        if (certificate)
            result.certificate = certificate;
        return result;
    }
    let deleted;
    try {
        deleted = await clients.api.delete(id);
    }
    catch (e) {
        if (config.missingOk && e instanceof _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CloudflareApiError */ .k && e.hasCode(1472))
            return missing(id, config, clients);
        throw e;
    }
    clients.log.info(`Deleted certificate ${id}.`);
    const result = { operation: 'delete', certificateId: id, deleted: true, missing: false, dryRun: false, plan: [] };
    const shown = deleted ?? certificate;
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
