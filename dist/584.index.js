export const id = 584;
export const ids = [584];
export const modules = {

/***/ 7584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XV: () => (/* binding */ sameSet),
/* harmony export */   associateHostnames: () => (/* binding */ associateHostnames),
/* harmony export */   b5: () => (/* binding */ hasHost),
/* harmony export */   jf: () => (/* binding */ desiredHostnames),
/* harmony export */   pX: () => (/* binding */ hostList)
/* harmony export */ });
/* unused harmony exports requireCa, hostKey */
/* harmony import */ var _lookup_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9094);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1983);


/** Hostname associations take an uploaded CA; a client certificate (ca: false) cannot serve them. */
function requireCa(certificate) {
    if (certificate.ca === true)
        return;
    throw new _types_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .O(`Certificate ${certificate.id}${certificate.name ? ` ("${certificate.name}")` : ''} is not a CA (ca: ${String(certificate.ca ?? 'unknown')}): only a CA uploaded with ca: true can be associated with hostnames for mTLS. A client certificate with its key is for Workers or Hyperdrive bindings.`, 'invalid-certificate');
}
/**
 * A hostname as compared: Cloudflare's answers may spell a hostname with capitals or a trailing dot
 * (the inputs are already lowercased and dotless); DNS names compare without either.
 */
// Stryker disable next-line MethodExpression: hostKey only compares; upper case on both sides gives the same answers for ASCII hostnames
const hostKey = (h) => h.trim().toLowerCase().replace(/\.$/, '');
/** Whether `set` holds `h`, compared as hostKey does. */
const hasHost = (set, h) => set.some((x) => hostKey(x) === hostKey(h));
/**
 * `current` with `wanted` added (current order first), or exactly `wanted` when replacing. A hostname
 * the set already holds keeps the server's own spelling (resending a set Cloudflare had changes
 * nothing it did not need to); one it lacks is added as given (lowercase).
 */
function desiredHostnames(current, wanted, replace) {
    if (replace) {
        const out = [];
        for (const w of wanted) {
            const h = current.find((c) => hostKey(c) === hostKey(w)) ?? w;
            if (!hasHost(out, h))
                out.push(h);
        }
        return out;
    }
    return [...current, ...wanted.filter((h, i) => !hasHost(current, h) && !hasHost(wanted.slice(0, i), h))];
}
/** The same hostnames, compared as hostKey does (order and spelling aside). */
const sameSet = (a, b) => a.every((h) => hasHost(b, h)) && b.every((h) => hasHost(a, h));
const hostList = (hosts) => (hosts.length === 0 ? 'none' : hosts.join(', '));
/**
 * Makes the certificate's hostname set in each zone include (or, with replace, equal) the given
 * hostnames: read the set (PUT replaces it), PUT the new set, read it again to verify. Zones go one
 * after another; the first failure stops the run and says what is bound where.
 */
async function associateHostnames(config, clients, known) {
    const { api, log } = clients;
    // A caller that has just read or uploaded the certificate (sync) passes it: no second read.
    const certificate = known ??
        (await log.group('Find the certificate', async () => {
            const found = await (0,_lookup_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveCertificate */ .m)(config.ref, clients);
            const c = found.certificate ?? (await api.get(found.id));
            log.info(`Certificate ${c.id}${c.name ? ` ("${c.name}")` : ''}, ca: ${String(c.ca)}.`);
            return c;
        }));
    requireCa(certificate);
    const zones = [];
    const plan = [];
    for (const zone of config.zones) {
        const change = await log.group(`Zone ${zone.zoneId}: ${config.dryRun ? 'plan' : 'set'} the hostnames of ${certificate.id}`, async () => {
            const before = await clients.hostnames.get(zone.zoneId, certificate.id);
            const after = desiredHostnames(before, zone.hostnames, config.replace);
            const change = {
                zoneId: zone.zoneId,
                before,
                after,
                added: after.filter((h) => !hasHost(before, h)),
                removed: before.filter((h) => !hasHost(after, h)),
                changed: !sameSet(before, after)
            };
            log.info(`It serves ${hostList(before)}.`);
            if (!change.changed) {
                log.info('Nothing to change.');
                return change;
            }
            const what = `zone ${zone.zoneId}: add ${hostList(change.added)}; remove ${hostList(change.removed)} (${after.length} hostname(s) after)`;
            if (config.dryRun) {
                plan.push(`would set ${what}`);
                log.info(`Dry run: would set ${what}.`);
                return change;
            }
            const state = `in zone ${zone.zoneId}, certificate ${certificate.id} served ${hostList(before)} before this step; zones done: ${zones.map((z) => z.zoneId).join(', ') || 'none'}`;
            try {
                await clients.hostnames.replace(zone.zoneId, certificate.id, after);
            }
            catch (e) {
                throw new _types_js__WEBPACK_IMPORTED_MODULE_1__/* .StepFailed */ .a(`Setting the hostnames in zone ${zone.zoneId}`, state, e);
            }
            let verified;
            try {
                verified = await clients.hostnames.get(zone.zoneId, certificate.id);
            }
            catch (e) {
                throw new _types_js__WEBPACK_IMPORTED_MODULE_1__/* .StepFailed */ .a(`Verifying the hostnames in zone ${zone.zoneId}`, `${state}; the PUT of ${hostList(after)} was answered`, e);
            }
            if (!sameSet(verified, after)) {
                throw new _types_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .O(`Zone ${zone.zoneId}: after setting ${hostList(after)}, Cloudflare lists ${hostList(verified)} for certificate ${certificate.id}. Check the hostnames belong to the zone, then re-run.`);
            }
            change.after = verified;
            log.info(`Set ${what}; verified.`);
            return change;
        });
        zones.push(change);
    }
    return { operation: 'associate', certificate, replace: config.replace, dryRun: config.dryRun, zones, plan };
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
