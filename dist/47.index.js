export const id = 47;
export const ids = [47,296,584];
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


/***/ }),

/***/ 3047:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rotateCertificate: () => (/* binding */ rotateCertificate)
/* harmony export */ });
/* harmony import */ var _cloudflare_mtls_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1791);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8422);
/* harmony import */ var _associate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7584);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1983);
/* harmony import */ var _upload_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7841);
/* harmony import */ var _pem_index_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2778);
/* harmony import */ var _read_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7296);







// RFC 3339 times order as text; localeCompare would load ICU's collator (about 15 ms) for the same order.
const byUploadedAsc = (a, b) => {
    const x = a.uploaded_on ?? '';
    const y = b.uploaded_on ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
};
const describe = (c) => `${c.id} (uploaded ${c.uploaded_on?.slice(0, 10) ?? '?'})`;
/**
 * validate → upload or reuse the new certificate → delete the earlier ones with the same name
 * that nothing uses any more, oldest first, keeping the newest `keep-previous`. Certificates still
 * bound to a service are left for a later run (create-before-destroy, never the reverse).
 */
async function rotateCertificate(config, clients, options = {}) {
    if (config.zones)
        return rotateBoundCa(config, config.zones, clients, options.existing);
    const { api, log } = clients;
    const { report, ca } = await validateNew(config, clients);
    const { existing, identical, previous, associations } = await findEarlierVersions(config, clients, options.existing);
    const kept = new Set(previous.slice(Math.max(0, previous.length - config.keepPrevious)).map((c) => c.id));
    const fates = previous.map((certificate, i) => {
        const assoc = associations[i] ?? [];
        if (kept.has(certificate.id))
            return { certificate, associations: assoc, fate: 'kept', why: `keep-previous: ${config.keepPrevious}` };
        if (assoc.length > 0)
            return { certificate, associations: assoc, fate: 'blocked', why: `in use by ${servicesOf(assoc)}` };
        return { certificate, associations: assoc, fate: config.dryRun ? 'would-delete' : 'deleted', why: 'no associations' };
    });
    const deletable = fates.filter((f) => f.fate === 'deleted' || f.fate === 'would-delete');
    // At Cloudflare's CA limit, a certificate nothing uses may go first to make room for the new one.
    const caCount = existing.filter((c) => c.ca === true && (c.type ?? 'custom') === 'custom').length;
    const mustFreeFirst = ca && !identical && caCount >= _upload_js__WEBPACK_IMPORTED_MODULE_4__/* .CA_LIMIT */ .fT;
    const removed = [];
    const remove = async (f) => {
        if (config.dryRun)
            return log.info(`Dry run: would delete ${describe(f.certificate)}: ${f.why}.`);
        await api.delete(f.certificate.id);
        removed.push(f.certificate.id);
        log.info(`Deleted earlier certificate ${describe(f.certificate)}: ${f.why}.`);
    };
    if (mustFreeFirst && deletable.length > 0 && !config.dryRun) {
        const first = deletable[0];
        log.info(`The account is at the CA limit (${_upload_js__WEBPACK_IMPORTED_MODULE_4__/* .CA_LIMIT */ .fT}); deleting the unused ${describe(first.certificate)} before uploading.`);
        await remove(first);
    }
    const up = await log.group(config.dryRun ? 'Plan the upload (dry run)' : 'Upload the new certificate', async () => {
        const up = await (0,_upload_js__WEBPACK_IMPORTED_MODULE_4__/* .uploadOrReuse */ .JV)(config, ca, clients, {
            deletingForQuota: config.dryRun ? Math.min(1, deletable.length) : removed.length,
            existing
        });
        return up;
    });
    // A step with nothing to delete and nothing to wait for opens no group: it would stay empty.
    const waits = config.waitForUnassociatedSeconds > 0 && !config.dryRun && fates.some((f) => f.fate === 'blocked');
    if (waits || deletable.some((f) => !removed.includes(f.certificate.id))) {
        await log.group(config.dryRun ? 'Plan the deletion of earlier versions (dry run)' : 'Delete the earlier versions nothing uses', async () => {
            for (const f of deletable)
                if (!removed.includes(f.certificate.id))
                    await remove(f);
            if (waits)
                await waitAndDelete(fates, config.waitForUnassociatedSeconds, clients, remove);
        });
    }
    for (const f of fates) {
        if (f.fate === 'blocked') {
            log.warning(`Earlier certificate ${describe(f.certificate)} is still in use by ${servicesOf(f.associations)}; it was left in place. Move those services to ${up.certificate.id || 'the new certificate'}, then re-run to delete it.`);
        }
    }
    const plan = config.dryRun ? [...up.plan, ...fates.map((f) => `would ${f.fate === 'would-delete' ? 'delete' : 'keep'} ${describe(f.certificate)} because ${f.why}`)] : [];
    return { operation: 'rotate', certificate: up.certificate, ca, reused: up.reused, dryRun: config.dryRun, previous: fates, plan, validation: report };
}
/** The validation step, with the line that says what passed and how the certificate goes up. */
function validateNew(config, clients) {
    return clients.log.group(`Validate ${config.certificate.label}`, () => {
        const checked = (0,_upload_js__WEBPACK_IMPORTED_MODULE_4__/* .preflight */ .Mz)(config, clients);
        clients.log.info(`${checked.report.certificates.length} certificate(s), ${checked.report.warningCount} warning(s); ${(0,_upload_js__WEBPACK_IMPORTED_MODULE_4__/* .describeCa */ .uI)(config, checked.ca)}`);
        return Promise.resolve(checked);
    });
}
/**
 * One read of the account serves reuse, the quota check and finding the earlier versions (same
 * name, oldest first), with the associations of each.
 */
async function findEarlierVersions(config, clients, known) {
    const { api, log } = clients;
    const name = config.name;
    return log.group(`Find the earlier versions of "${name}"`, async () => {
        // sync passes the custom certificates it has just listed for its plan: the account is read once.
        const existing = known ?? (await api.list({ types: ['custom'], onPage: (0,_read_js__WEBPACK_IMPORTED_MODULE_6__/* .logPage */ .k)(clients) }));
        const identical = config.reuseExisting ? (0,_upload_js__WEBPACK_IMPORTED_MODULE_4__/* .findIdentical */ .Ph)(existing, (0,_pem_index_js__WEBPACK_IMPORTED_MODULE_5__/* .fingerprintsOfPem */ .X1)(config.certificate.text)) : undefined;
        const previous = existing.filter((c) => c.name === name && c.id !== identical?.id).sort(byUploadedAsc);
        log.info(`Found ${previous.length} earlier certificate(s) named "${name}".`);
        const associations = await (0,_cloudflare_mtls_js__WEBPACK_IMPORTED_MODULE_0__/* .mapWithConcurrency */ .WS)(previous, _cloudflare_mtls_js__WEBPACK_IMPORTED_MODULE_0__/* .PAGE_CONCURRENCY */ .kE, (c) => api.associations(c.id));
        return { existing, identical, previous, associations };
    });
}
function servicesOf(assoc) {
    return assoc.map((a) => `${a.service} (${a.status ?? 'unknown status'})`).join(', ');
}
/** Polls the blocked certificates with backoff until they are free (then deletes them) or time runs out. */
async function waitAndDelete(fates, seconds, clients, remove) {
    const sleep = clients.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const deadline = Date.now() + seconds * 1000;
    let delay = 1000;
    for (;;) {
        const blocked = fates.filter((f) => f.fate === 'blocked');
        if (blocked.length === 0)
            return;
        const left = deadline - Date.now();
        if (left <= 0)
            return;
        clients.log.info(`Waiting for ${blocked.length} earlier certificate(s) to lose their associations (${Math.ceil(left / 1000)} s left).`);
        await sleep(Math.min(delay, left));
        delay = Math.min(delay * 2, 15_000);
        for (const f of blocked) {
            const assoc = await clients.api.associations(f.certificate.id);
            f.associations = assoc;
            if (assoc.length === 0) {
                f.fate = 'deleted';
                f.why = 'its associations were removed while we waited';
                await remove(f);
            }
        }
    }
}
/**
 * rotate with zone-id + hostnames, Cloudflare's documented order for a BYO CA on hostnames:
 * validate → upload or reuse the new CA → per zone: bind it to the hostnames, verify, remove those
 * hostnames from each earlier CA with the same name (keeping the others they serve) → wait for the
 * earlier CAs' associations to drain → delete the free ones, oldest first, keeping keep-previous.
 * Every step reads before it writes and skips what is already done, so a re-run after a failure
 * anywhere picks up where the failed run stopped.
 */
async function rotateBoundCa(config, zones, clients, known) {
    const { api, log } = clients;
    const { report, ca } = await validateNew(config, clients);
    if (!ca) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(config.certificate.input, 'is not a CA (its first certificate is not CA:TRUE): zone-id and hostnames bind a CA uploaded with ca: true to hostnames; a client certificate cannot serve them');
    }
    const { existing, identical, previous, associations } = await findEarlierVersions(config, clients, known);
    // zone → certificate id → the hostnames it serves there, as read and then as written.
    const bindings = new Map(zones.map((z) => [z.zoneId, new Map()]));
    const served = (zoneId, id) => bindings.get(zoneId)?.get(id) ?? [];
    const setServed = (zoneId, id, hosts) => void bindings.get(zoneId)?.set(id, hosts);
    const removed = [];
    let up;
    const newId = () => up?.certificate.id ?? '';
    const state = () => `${describeBindings(zones, bindings, newId(), previous)}; deleted before this: ${removed.join(', ') || 'none'}`;
    // Every earlier CA with the name, in every zone given, whatever the account's /associations shows:
    // whether (and with which service) it lists a hostname binding is unconfirmed, and its answer may
    // lag. A binding missed here would stay, and Cloudflare would refuse the DELETE on every re-run.
    // The BYO CA limit (5 per account) keeps this to a handful of reads. A client certificate of the
    // same name (ca: false) cannot serve hostnames and is not read.
    const earlierCas = previous.filter((c) => c.ca !== false);
    await log.group(`Read the hostnames of ${zones.length} zone(s)`, async () => {
        for (const zone of zones) {
            for (const c of [...earlierCas, ...(identical ? [identical] : [])]) {
                let hosts;
                try {
                    hosts = await clients.hostnames.get(zone.zoneId, c.id);
                }
                catch (e) {
                    throw new _types_js__WEBPACK_IMPORTED_MODULE_3__/* .StepFailed */ .a(`Reading the hostnames of ${c.id} in zone ${zone.zoneId}`, state(), e);
                }
                setServed(zone.zoneId, c.id, hosts);
                log.info(`Zone ${zone.zoneId}: ${describe(c)}${c.id === identical?.id ? ' (the new CA, already uploaded)' : ''} serves ${(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hostList */ .pX)(hosts)}.`);
            }
        }
    });
    // Which earlier CAs serve hostnames in the zones given, as read before anything changed.
    const servedAtStart = new Set(previous.filter((c) => zones.some((z) => served(z.zoneId, c.id).length > 0)).map((c) => c.id));
    const kept = new Set(previous.slice(Math.max(0, previous.length - config.keepPrevious)).map((c) => c.id));
    const unused = previous.filter((c, i) => !kept.has(c.id) && (associations[i] ?? []).length === 0 && !servedAtStart.has(c.id));
    const caCount = existing.filter((c) => c.ca === true && (c.type ?? 'custom') === 'custom').length;
    const remove = async (c, why) => {
        try {
            await api.delete(c.id);
        }
        catch (e) {
            throw new _types_js__WEBPACK_IMPORTED_MODULE_3__/* .StepFailed */ .a(`Deleting earlier certificate ${c.id}`, state(), e);
        }
        removed.push(c.id);
        log.info(`Deleted earlier certificate ${describe(c)}: ${why}.`);
    };
    // At Cloudflare's CA limit, an earlier CA nothing uses may go first to make room for the new one.
    if (ca && !identical && caCount >= _upload_js__WEBPACK_IMPORTED_MODULE_4__/* .CA_LIMIT */ .fT && unused.length > 0 && !config.dryRun) {
        const first = unused[0];
        log.info(`The account is at the CA limit (${_upload_js__WEBPACK_IMPORTED_MODULE_4__/* .CA_LIMIT */ .fT}); deleting the unused ${describe(first)} before uploading.`);
        await remove(first, 'no associations (deleted first: the account was at the CA limit)');
    }
    up = await log.group(config.dryRun ? 'Plan the upload (dry run)' : 'Upload the new certificate', async () => {
        let up;
        try {
            up = await (0,_upload_js__WEBPACK_IMPORTED_MODULE_4__/* .uploadOrReuse */ .JV)(config, ca, clients, { deletingForQuota: config.dryRun ? Math.min(1, unused.length) : removed.length, existing });
        }
        catch (e) {
            // An input problem is not a step half-way; anything else may follow a deletion made for room.
            if (e instanceof _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz)
                throw e;
            throw new _types_js__WEBPACK_IMPORTED_MODULE_3__/* .StepFailed */ .a('Uploading the new certificate', state(), e);
        }
        return up;
    });
    const next = up.certificate;
    const plan = [...(config.dryRun ? up.plan : [])];
    const moves = [];
    const label = next.id || 'the new CA';
    for (const zone of zones) {
        const z = zone.zoneId;
        // Read unless known: an identical CA found in the list was read above; a fresh upload serves nothing yet.
        if (next.id && !bindings.get(z)?.has(next.id)) {
            if (up.reused) {
                const hosts = await log.group(`Zone ${z}: read the hostnames of ${next.id}`, async () => {
                    let read;
                    try {
                        read = await clients.hostnames.get(z, next.id);
                    }
                    catch (e) {
                        throw new _types_js__WEBPACK_IMPORTED_MODULE_3__/* .StepFailed */ .a(`Reading the hostnames of the new CA ${next.id} in zone ${z}`, state(), e);
                    }
                    log.info(`${next.id} serves ${(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hostList */ .pX)(read)}.`);
                    return read;
                });
                setServed(z, next.id, hosts);
            }
            else
                setServed(z, next.id, []);
        }
        const before = served(z, next.id);
        const after = (0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .desiredHostnames */ .jf)(before, zone.hostnames, false);
        const changed = !(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .sameSet */ .XV)(before, after);
        const from = (h) => previous.filter((c) => (0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hasHost */ .b5)(served(z, c.id), h)).map((c) => c.id);
        for (const h of zone.hostnames)
            moves.push({ zoneId: z, hostname: h, from: from(h), fate: (0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hasHost */ .b5)(before, h) ? 'already' : config.dryRun ? 'would-bind' : 'bound' });
        await log.group(`Zone ${z}: bind ${zone.hostnames.length} hostname(s) to ${label}`, async () => {
            if (!changed)
                return log.info(`${label} already serves ${(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hostList */ .pX)(zone.hostnames)}.`);
            const what = `bind ${(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hostList */ .pX)(after.filter((h) => !(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hasHost */ .b5)(before, h)))} in zone ${z} to ${label} (${after.length} hostname(s) after)`;
            if (config.dryRun)
                return void (plan.push(`would ${what}`), log.info(`Dry run: would ${what}.`));
            try {
                await clients.hostnames.replace(z, next.id, after);
            }
            catch (e) {
                throw new _types_js__WEBPACK_IMPORTED_MODULE_3__/* .StepFailed */ .a(`Binding the new CA in zone ${z}`, state(), e);
            }
            log.info(`Sent: ${what}.`);
        });
        if (changed && !config.dryRun) {
            await log.group(`Zone ${z}: verify`, async () => {
                let now;
                try {
                    now = await clients.hostnames.get(z, next.id);
                }
                catch (e) {
                    throw new _types_js__WEBPACK_IMPORTED_MODULE_3__/* .StepFailed */ .a(`Verifying the new CA's hostnames in zone ${z}`, state(), e);
                }
                setServed(z, next.id, now);
                const missing = zone.hostnames.filter((h) => !(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hasHost */ .b5)(now, h));
                if (missing.length > 0) {
                    throw new _types_js__WEBPACK_IMPORTED_MODULE_3__/* .OperationError */ .O(`Step "verify" failed in zone ${z}: after binding, Cloudflare lists ${(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hostList */ .pX)(now)} for the new CA ${next.id}, without ${(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hostList */ .pX)(missing)}; the earlier CAs were left bound and nothing was deleted. Check that the hostnames belong to zone ${z}, then re-run. State: ${state()}.`);
                }
                log.info(`${next.id} serves ${(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hostList */ .pX)(now)}.`);
            });
        }
        await log.group(`Zone ${z}: unbind the hostnames from the earlier versions`, async () => {
            let any = false;
            for (const c of previous) {
                const had = served(z, c.id);
                // The rest keep Cloudflare's own spelling: the PUT resends them as they were.
                const rest = had.filter((h) => !(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hasHost */ .b5)(zone.hostnames, h));
                if (rest.length === had.length)
                    continue;
                any = true;
                const what = `unbind ${(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hostList */ .pX)(had.filter((h) => (0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hasHost */ .b5)(zone.hostnames, h)))} in zone ${z} from ${describe(c)}${rest.length > 0 ? `, which keeps ${(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hostList */ .pX)(rest)}` : ''}`;
                if (config.dryRun) {
                    plan.push(`would ${what}`);
                    log.info(`Dry run: would ${what}.`);
                    setServed(z, c.id, rest); // as it would be: the plan of the deletions below follows from it
                    continue;
                }
                try {
                    await clients.hostnames.replace(z, c.id, rest);
                }
                catch (e) {
                    throw new _types_js__WEBPACK_IMPORTED_MODULE_3__/* .StepFailed */ .a(`Unbinding earlier certificate ${c.id} in zone ${z}`, state(), e);
                }
                setServed(z, c.id, rest);
                log.info(`Done: ${what}.`);
            }
            if (!any)
                log.info('No earlier version serves these hostnames here.');
        });
    }
    // Which earlier versions can go: drained ones (after the unbinding above) and those nothing used.
    const fates = previous.map((certificate, i) => {
        const assoc = associations[i] ?? [];
        if (kept.has(certificate.id))
            return { certificate, associations: assoc, fate: 'kept', why: `keep-previous: ${config.keepPrevious}` };
        if (removed.includes(certificate.id))
            return { certificate, associations: assoc, fate: 'deleted', why: 'no associations (deleted first: the account was at the CA limit)' };
        const keeps = zones.filter((z) => served(z.zoneId, certificate.id).length > 0).map((z) => `${(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hostList */ .pX)(served(z.zoneId, certificate.id))} in zone ${z.zoneId}`);
        if (keeps.length > 0)
            return { certificate, associations: assoc, fate: 'blocked', why: `it ${config.dryRun ? 'would still serve' : 'still serves'} ${keeps.join('; ')}` };
        if (assoc.length === 0) {
            // The account listed nothing, even for one that served hostnames here (its /associations need not show them).
            if (!servedAtStart.has(certificate.id))
                return { certificate, associations: assoc, fate: config.dryRun ? 'would-delete' : 'deleted', why: 'no associations' };
            return {
                certificate,
                associations: assoc,
                fate: config.dryRun ? 'would-delete' : 'deleted',
                why: `its hostnames ${config.dryRun ? 'move' : 'moved'} to the new CA, and the account listed no association for it`
            };
        }
        if (config.dryRun)
            return { certificate, associations: assoc, fate: 'would-delete', why: 'its hostnames move to the new CA; deleted once Cloudflare lists no association for it' };
        return { certificate, associations: assoc, fate: 'blocked', why: `in use by ${servicesOf(assoc)}` };
    });
    if (!config.dryRun) {
        // One that still serves hostnames here keeps its associations whatever we wait for.
        const draining = fates.filter((f) => f.fate === 'blocked' && !f.why.startsWith('it still serves'));
        const poll = async () => {
            for (const f of draining.filter((x) => x.fate === 'blocked')) {
                try {
                    f.associations = await api.associations(f.certificate.id);
                }
                catch (e) {
                    throw new _types_js__WEBPACK_IMPORTED_MODULE_3__/* .StepFailed */ .a(`Reading the associations of earlier certificate ${f.certificate.id}`, state(), e);
                }
                if (f.associations.length === 0) {
                    f.fate = 'deleted';
                    f.why = 'its associations drained after the unbinding';
                }
                else
                    f.why = `in use by ${servicesOf(f.associations)}`;
            }
            return draining.filter((x) => x.fate === 'blocked');
        };
        // The first read is outside the wait: associations usually drain at once, and a wait that waits for nothing opens no group.
        const deadline = Date.now() + config.waitForUnassociatedSeconds * 1000;
        let left = draining.length > 0 ? await poll() : [];
        if (left.length > 0 && deadline > Date.now()) {
            await log.group(`Wait for the associations of ${left.length} earlier version(s) to drain`, async () => {
                const sleep = clients.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
                let delay = 1000;
                for (;;) {
                    const remaining = deadline - Date.now();
                    if (left.length === 0 || remaining <= 0)
                        return;
                    log.info(`Waiting for ${left.length} earlier certificate(s) to lose their associations (${Math.ceil(remaining / 1000)} s left).`);
                    await sleep(Math.min(delay, remaining));
                    delay = Math.min(delay * 2, 15_000);
                    left = await poll();
                }
            });
        }
    }
    for (const f of fates) {
        if (f.fate === 'would-delete')
            plan.push(`would delete ${describe(f.certificate)} because ${f.why}`);
        else if (f.fate === 'kept' && config.dryRun)
            plan.push(`would keep ${describe(f.certificate)} because ${f.why}`);
    }
    // Nothing to delete, nothing to plan: no group (it would stay empty).
    const toDelete = fates.filter((f) => f.fate === 'would-delete' || (f.fate === 'deleted' && !removed.includes(f.certificate.id)));
    if (toDelete.length > 0) {
        await log.group(config.dryRun ? 'Plan the deletion of earlier versions (dry run)' : 'Delete the earlier versions nothing uses', async () => {
            for (const f of toDelete) {
                if (f.fate === 'would-delete')
                    log.info(`Dry run: would delete ${describe(f.certificate)}: ${f.why}.`);
                else
                    await remove(f.certificate, f.why);
            }
        });
    }
    for (const f of fates) {
        if (f.fate === 'blocked') {
            log.warning(`Earlier certificate ${describe(f.certificate)} is still in use by ${servicesOf(f.associations)}; it was left in place. ${f.why.startsWith('it ') ? `In the zones given, ${f.why}. ` : ''}Move those services to ${next.id || 'the new certificate'} (or raise wait-for-unassociated-seconds), then re-run to delete it.`);
        }
    }
    return {
        operation: 'rotate',
        certificate: next,
        ca,
        reused: up.reused,
        dryRun: config.dryRun,
        previous: fates,
        plan: config.dryRun ? plan : [],
        validation: report,
        hostnames: moves,
        zones: zones.map((z) => ({ zoneId: z.zoneId, hostnames: config.dryRun ? (0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .desiredHostnames */ .jf)(served(z.zoneId, next.id), z.hostnames, false) : served(z.zoneId, next.id) }))
    };
}
/** What is bound where, for an error line: per zone, the hostnames of the new CA and of each earlier one. */
function describeBindings(zones, bindings, newId, previous) {
    return zones
        .map((z) => {
        const m = bindings.get(z.zoneId) ?? new Map();
        const parts = [...m.entries()].map(([id, hosts]) => `${id === newId ? 'new CA ' : previous.some((c) => c.id === id) ? 'earlier CA ' : ''}${id} serves ${(0,_associate_js__WEBPACK_IMPORTED_MODULE_2__/* .hostList */ .pX)(hosts)}`);
        return `zone ${z.zoneId}: ${parts.join(', ') || 'nothing read yet'}`;
    })
        .join('; ');
}


/***/ }),

/***/ 7841:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JV: () => (/* binding */ uploadOrReuse),
/* harmony export */   Mz: () => (/* binding */ preflight),
/* harmony export */   Ph: () => (/* binding */ findIdentical),
/* harmony export */   fT: () => (/* binding */ CA_LIMIT),
/* harmony export */   n_: () => (/* binding */ ValidationFailed),
/* harmony export */   uI: () => (/* binding */ describeCa),
/* harmony export */   uploadCertificate: () => (/* binding */ uploadCertificate)
/* harmony export */ });
/* unused harmony export MAX_CERTIFICATES */
/* harmony import */ var _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7640);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8422);
/* harmony import */ var _pem_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2778);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1983);




/** Cloudflare's BYO CA limit per account (error 1489). */
const CA_LIMIT = 5;
/**
 * Certificates in one upload. A client chain is the leaf and a few issuers, a CA bundle a handful
 * of CAs; hundreds is a whole trust store pasted by mistake (Cloudflare's own limit is not
 * documented), and validating it would take long to end in a refusal.
 */
const MAX_CERTIFICATES = 100;
class ValidationFailed extends _types_js__WEBPACK_IMPORTED_MODULE_3__/* .OperationError */ .O {
    report;
    constructor(message, report) {
        super(message, 'invalid-certificate');
        this.report = report;
    }
}
/** Runs the validator as the upload's preflight; errors stop the upload before any request. */
function preflight(config, clients) {
    const privateKey = config.privateKey;
    checkCertificateCount(config.certificate);
    const report = (0,_pem_index_js__WEBPACK_IMPORTED_MODULE_2__/* .validatePem */ .PO)(config.certificate.bytes ?? config.certificate.text, {
        file: config.certificate.label,
        profile: config.ca === 'auto' ? 'auto' : config.ca === 'true' ? 'ca' : 'leaf',
        now: clients.now(),
        expiryWarningDays: config.validation.expiryWarningDays,
        expiryErrorDays: config.validation.expiryErrorDays,
        requirePrivateKey: true,
        ...(privateKey ? { privateKey: { text: privateKey.bytes ?? privateKey.text, file: privateKey.label } } : {})
    });
    const ca = report.profile === 'ca';
    if (ca && privateKey) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(privateKey.input, 'must not be given for a CA certificate (the first certificate has CA:TRUE): a CA bundle is uploaded without its private key');
    }
    const blocking = report.findings.filter((f) => f.severity === 'error' || (config.validation.failOn === 'warning' && f.severity === 'warning'));
    if (blocking.length > 0) {
        const first = blocking
            .slice(0, 3)
            .map((f) => `${f.file}:${f.line}: ${f.code}: ${f.message}`)
            .join(' | ');
        const more = blocking.length > 3 ? ` (+${blocking.length - 3} more)` : '';
        // Name the input the first problem is in: the key's, when it is the key that is wrong or missing.
        const head = blocking[0];
        const aboutKey = head !== undefined && ((privateKey !== undefined && head.file === privateKey.label) || head.code === 'KEY_MISSING');
        const input = aboutKey ? (privateKey?.input ?? 'private-key') : config.certificate.input;
        throw new ValidationFailed(`Input "${input}" did not pass validation, nothing was uploaded: ${first}${more}`, report);
    }
    return { report, ca };
}
function checkCertificateCount(source) {
    const begin = /-----BEGIN CERTIFICATE-----/g;
    let count = 0;
    let lineOfFirstTooMany = 0;
    for (let m = begin.exec(source.text); m; m = begin.exec(source.text)) {
        count++;
        if (count === MAX_CERTIFICATES + 1)
            lineOfFirstTooMany = source.text.slice(0, m.index).split('\n').length;
    }
    if (count > MAX_CERTIFICATES) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(source.input, `holds ${count} certificates, more than the ${MAX_CERTIFICATES} one upload may carry (${source.label}:${lineOfFirstTooMany} begins certificate ${MAX_CERTIFICATES + 1}): upload the leaf with its issuers, or the CA(s) clients are issued by, not a whole trust store`);
    }
}
/** The certificates in the account whose PEM holds exactly the same certificates as ours. */
function findIdentical(existing, fingerprints) {
    const want = fingerprints.join(',');
    return existing.find((c) => c.certificates !== undefined && (0,_pem_index_js__WEBPACK_IMPORTED_MODULE_2__/* .fingerprintsOfPem */ .X1)(c.certificates).join(',') === want);
}
/**
 * Upload, or reuse an identical certificate already in the account: a re-run of the same release
 * never fails with 1471 and never duplicates. A POST whose answer is lost is not repeated blindly:
 * we list to learn whether it landed.
 */
async function uploadOrReuse(config, ca, clients, options = {}) {
    const { api, log } = clients;
    const fingerprints = (0,_pem_index_js__WEBPACK_IMPORTED_MODULE_2__/* .fingerprintsOfPem */ .X1)(config.certificate.text);
    const request = {
        ca,
        certificates: config.certificate.text.replace(/^\uFEFF/, '').trim() + '\n',
        ...(config.name ? { name: config.name } : {}),
        ...(config.privateKey ? { privateKey: config.privateKey.text.trim() + '\n' } : {})
    };
    const needList = config.reuseExisting || ca || config.dryRun;
    const existing = options.existing ?? (needList ? await api.list({ types: ['custom'] }) : undefined);
    if (existing && config.reuseExisting) {
        const same = findIdentical(existing, fingerprints);
        if (same) {
            const note = same.name !== config.name && config.name ? ` (its name is "${printable(same.name ?? '')}", not "${config.name}": Cloudflare cannot rename it)` : '';
            log.info(`An identical certificate is already in the account: reusing ${same.id}${note}.`);
            return { certificate: same, reused: true, plan: [`would reuse ${same.id}: an identical certificate is already uploaded`], existing };
        }
    }
    if (existing && ca)
        await checkCaQuota(existing, clients, options.deletingForQuota ?? 0);
    if (config.dryRun) {
        const what = `would upload ${fingerprints.length} certificate(s) as ${ca ? 'a CA' : 'a client certificate'}${config.name ? ` named "${config.name}"` : ''}`;
        log.info(`Dry run: ${what}.`);
        return { certificate: { id: '', ca, name: config.name }, reused: false, plan: [what], existing };
    }
    const maxAttempts = config.connection.maxRetries + 1;
    for (let attempt = 1;; attempt++) {
        try {
            const certificate = await api.upload(request);
            log.info(`Uploaded certificate ${certificate.id}.`);
            return { certificate, reused: false, plan: [], existing };
        }
        catch (e) {
            if (!(e instanceof _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__.CloudflareApiError))
                throw e;
            if (e.hasCode(1471)) {
                // Uploaded by someone else (or by a lost earlier attempt) between our list and our POST.
                const landed = findIdentical(await api.list({ types: ['custom'] }), fingerprints);
                if (landed) {
                    // Ours, when an earlier attempt of this run was lost on the way back.
                    const ours = attempt > 1 && !existing?.some((c) => c.id === landed.id);
                    log.info(`Cloudflare says the certificate already exists (1471): adopting ${landed.id}.`);
                    return { certificate: landed, reused: !ours, plan: [], existing };
                }
                throw e;
            }
            // A lost connection, a timeout, a 5xx, or a 2xx we cannot read: the POST may have been
            // stored. Never POST again blindly: look first.
            const unknownOutcome = e.kind === 'network' || e.kind === 'timeout' || e.kind === 'invalid-response' || (e.status ?? 0) >= 500;
            if (!unknownOutcome)
                throw e;
            let listed;
            try {
                listed = await api.list({ types: ['custom'] });
            }
            catch (listError) {
                log.warning(`The upload's answer was lost (${e.message}), and listing the account to see whether it landed failed too: the certificate may or may not be in the account. A re-run adopts it if it is.`);
                throw listError;
            }
            const landed = findIdentical(listed, fingerprints);
            if (landed) {
                const before = existing?.some((c) => c.id === landed.id) ?? false;
                log.info(`The upload's answer was lost (${e.message}), but the certificate is in the account: adopting ${landed.id}.`);
                return { certificate: landed, reused: before, plan: [], existing };
            }
            e.attempts = attempt;
            if (attempt >= maxAttempts)
                throw e;
            log.warning(`Upload attempt ${attempt} of ${maxAttempts} failed (${e.message}) and the certificate is not in the account; trying again.`);
            await (clients.sleep ?? defaultSleep)(Math.min(8000, 500 * 2 ** (attempt - 1)));
        }
    }
}
/** A name from the account, fit for one log line: a line break in it could start a workflow command. */
function printable(text) {
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?').slice(0, 255);
}
const defaultSleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function checkCaQuota(existing, clients, freeing) {
    const cas = existing.filter((c) => c.ca === true && (c.type ?? 'custom') === 'custom');
    if (cas.length - freeing < CA_LIMIT)
        return;
    const counts = await Promise.all(cas.map(async (c) => {
        try {
            return String((await clients.api.associations(c.id)).length);
        }
        catch {
            return '?';
        }
    }));
    const list = cas.map((c, i) => `"${c.name ?? '(no name)'}" ${c.id} expires ${c.expires_on?.slice(0, 10) ?? '?'}, ${counts[i]} association(s)`).join('; ');
    throw new _types_js__WEBPACK_IMPORTED_MODULE_3__/* .OperationError */ .O(`The account already has ${cas.length} CA certificates, Cloudflare's limit of ${CA_LIMIT} (error 1489 would follow): ${list}. Delete one that has no associations first.`, 'quota');
}
/** Whether the certificate goes up as a CA, and what decided it: one log line of upload and of rotate. */
function describeCa(config, ca) {
    return config.ca === 'auto' ? `ca: auto → ${ca} (the first certificate ${ca ? 'is' : 'is not'} a CA per its Basic Constraints).` : `ca: ${ca} (from the input).`;
}
async function uploadCertificate(config, clients) {
    const { report, ca } = preflight(config, clients);
    const caSource = config.ca === 'auto' ? 'auto' : 'input';
    clients.log.info(describeCa(config, ca));
    const up = await uploadOrReuse(config, ca, clients);
    return { operation: 'upload', certificate: up.certificate, ca, caSource, reused: up.reused, dryRun: config.dryRun, plan: up.plan, validation: report };
}


/***/ })

};
