export const id = 10;
export const ids = [10,490];
export const modules = {

/***/ 1159:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deleteCertificate: () => (/* binding */ deleteCertificate)
/* harmony export */ });
/* harmony import */ var _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7640);
/* harmony import */ var _lookup_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9094);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1983);



/** Cloudflare manages these (Zero Trust); a function, not a module constant, so that its mutants are tied to the tests that reach it. */
const isManaged = (type) => type === 'gateway_managed' || type === 'access_managed';
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
    if (certificate?.type && isManaged(certificate.type)) {
        throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .O(`Certificate ${id} is ${certificate.type}: Cloudflare manages it, and it cannot be deleted through this API. Remove it where it is managed (Zero Trust settings).`, 'managed');
    }
    let associations;
    try {
        associations = await clients.api.associations(id);
    }
    catch (e) {
        if (config.missingOk && e instanceof _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__.CloudflareApiError && e.hasCode(1472))
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
        // Stryker disable next-line ConditionalExpression: a certificate property holding undefined reads as none to outputs and summary
        if (certificate)
            result.certificate = certificate;
        return result;
    }
    let deleted;
    try {
        deleted = await clients.api.delete(id);
    }
    catch (e) {
        if (config.missingOk && e instanceof _cloudflare_errors_js__WEBPACK_IMPORTED_MODULE_0__.CloudflareApiError && e.hasCode(1472))
            return missing(id, config, clients);
        throw e;
    }
    clients.log.info(`Deleted certificate ${id}.`);
    const result = { operation: 'delete', certificateId: id, deleted: true, missing: false, dryRun: false, plan: [] };
    const shown = deleted ?? certificate;
    // Stryker disable next-line ConditionalExpression: a certificate property holding undefined reads as none to outputs and summary
    if (shown)
        result.certificate = shown;
    return result;
}
function missing(id, config, clients) {
    clients.log.info(`Certificate ${id} does not exist: nothing to delete (missing-ok).`);
    return { operation: 'delete', certificateId: id, deleted: false, missing: true, dryRun: config.dryRun, plan: [] };
}


/***/ }),

/***/ 4490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_MANIFEST_BYTES: () => (/* binding */ MAX_MANIFEST_BYTES),
/* harmony export */   ManifestInvalid: () => (/* binding */ ManifestInvalid),
/* harmony export */   parseManifest: () => (/* binding */ parseManifest),
/* harmony export */   readManifest: () => (/* binding */ readManifest)
/* harmony export */ });
/* harmony import */ var _workspace_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3338);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9691);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8422);
/* harmony import */ var _operations_types_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1983);






/** The manifest is wrong: every problem at its line, reported before any request is sent. */
class ManifestInvalid extends _operations_types_js__WEBPACK_IMPORTED_MODULE_4__/* .OperationError */ .O {
    file;
    problems;
    constructor(
    /** The manifest's path relative to the workspace, as annotations take it. */
    file, problems) {
        super(`The manifest ${file} has ${problems.length} problem(s); nothing was sent to Cloudflare. First: ${file}:${problems[0]?.line ?? 1}: ${problems[0]?.message ?? ''}`, 'other');
        this.file = file;
        this.problems = problems;
        this.name = 'ManifestInvalid';
    }
}
/** A manifest larger than this is not a list of certificates. */
const MAX_MANIFEST_BYTES = 256 * 1024;
const ZONE_ID = /^[0-9a-f]{32}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The runner's and the action's own variables: never a certificate's key (a manifest changed in a pull request could name them). */
const RESERVED_ENV = /^(GITHUB_|RUNNER_|ACTIONS_|INPUT_|CLOUDFLARE_)/i;
const text = (what) => zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP({ error: (i) => (i.input === undefined ? `${what} is required` : `${what} must be text`) });
const hostname = text('a hostname').refine((h) => {
    const name = h.trim().toLowerCase().replace(/\.$/, '');
    return name.length <= 253 && _inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .HOSTNAME */ .yA.test(name);
}, { error: (i) => `"${shown(String(i.input))}" is not a hostname (such as api.example.com or *.example.com)` });
const CertificateSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    'file': text('file').min(1, 'file must name a PEM file'),
    'ca': zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY({
        error: (i) => (i.input === undefined ? 'ca is required: true for a CA bundle, false for a client certificate with its key' : 'ca must be true or false')
    }),
    'private-key-env': text('private-key-env').regex(ENV_NAME, 'private-key-env must be the name of an environment variable (letters, digits and _)').optional(),
    'hostnames': zod__WEBPACK_IMPORTED_MODULE_5__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().regex(ZONE_ID, { error: (i) => `zone id "${shown(String(i.input))}" is not 32 lowercase hexadecimal characters` }), zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(hostname, { error: 'the hostnames of a zone must be a list' }), {
        error: 'hostnames must map zone ids to lists of hostnames'
    })
        .optional()
}, { error: (i) => (i.code === 'unrecognized_keys' ? undefined : 'each certificate must be a mapping with file and ca') });
const ManifestSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    certificates: zod__WEBPACK_IMPORTED_MODULE_5__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
        .min(1, 'a certificate name must not be empty')
        .max(255, 'a certificate name must be at most 255 characters')
        .refine((n) => !_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .UNPRINTABLE */ .bX.test(n), 'a certificate name must not hold control characters or bidirectional overrides'), CertificateSchema, { error: 'certificates must map names to certificates' }),
    prune: zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({ 'name-prefix': text('name-prefix').min(1, 'name-prefix must not be empty') }, { error: (i) => (i.code === 'unrecognized_keys' ? undefined : 'prune must be a mapping with name-prefix') })
        .optional()
}, { error: (i) => (i.code === 'unrecognized_keys' ? undefined : 'the manifest must be a mapping with certificates (and optionally prune)') });
/** A value in a problem line: no control characters, bounded. */
function shown(v) {
    const clean = v.replace(new RegExp(_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .UNPRINTABLE */ .bX.source, 'g'), '?');
    return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}
/**
 * The YAML tree as plain data. Map keys keep their source text, so a zone id of digits stays the
 * id (the YAML core schema would read it as a number and lose digits). Aliases are refused: a
 * manifest has no use for them, and they are how a small file expands into a huge one.
 */
function toPlain(node, problems, lineOf) {
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isAlias */ .Vj)(node)) {
        problems.push({ line: lineOf(node), message: 'anchors and aliases (*name) are not used in a manifest: write each value out' });
        return undefined;
    }
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(node)) {
        const out = {};
        for (const pair of node.items) {
            const key = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isScalar */ .jn)(pair.key) ? (typeof pair.key.source === 'string' ? pair.key.source : String(pair.key.value)) : '';
            out[key] = toPlain(pair.value, problems, lineOf);
        }
        return out;
    }
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isSeq */ .oP)(node))
        return node.items.map((i) => toPlain(i, problems, lineOf));
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isScalar */ .jn)(node))
        return node.value;
    return node ?? null;
}
/** The node at a path of map keys and list indexes, and the pair's key node when the last step is a key. */
function nodeAt(root, at) {
    let node = root;
    let key;
    for (const step of at) {
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(node)) {
            const pair = node.items.find((p) => (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isScalar */ .jn)(p.key) && (p.key.source ?? String(p.key.value)) === String(step));
            if (!pair)
                return { ...((0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(node) ? { node } : {}) };
            key = pair.key;
            node = pair.value ?? undefined;
            if (node === undefined)
                return { key, node: key };
        }
        else if ((0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isSeq */ .oP)(node) && typeof step === 'number') {
            key = undefined;
            node = node.items[step];
        }
        else
            break;
    }
    return { ...(node && typeof node === 'object' ? { node: node } : {}), ...(key ? { key } : {}) };
}
/** Reads the manifest file below the workspace and checks it whole: every mistake at its line. */
function readManifest(manifestPath, ctx) {
    const workspace = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(ctx.workspace);
    const absolute = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(workspace, manifestPath);
    const label = relativeLabel(absolute, workspace);
    const read = readManifestFile(absolute, MAX_MANIFEST_BYTES);
    if ('error' in read)
        throw new ManifestInvalid(label, [{ line: 1, message: `the manifest ${read.error}` }]);
    return parseManifest(read.bytes.toString('utf8'), label, ctx);
}
/** Checks a manifest's text (from `file`, relative to the workspace) and reads the files it names. */
function parseManifest(source, file, ctx) {
    const workspace = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(ctx.workspace);
    const lc = new yaml__WEBPACK_IMPORTED_MODULE_2__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .parseDocument */ .Tp)(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    const lineAt = (offset) => lc.linePos(offset).line;
    const lineOf = (n) => (n?.range ? lineAt(n.range[0]) : 1);
    const problems = [];
    for (const e of doc.errors)
        problems.push({ line: lineAt(e.pos[0]), message: `not valid YAML: ${shown(e.message.split('\n')[0] ?? '')}` });
    if (problems.length > 0)
        throw new ManifestInvalid(file, problems);
    const data = toPlain(doc.contents, problems, lineOf);
    const parsed = ManifestSchema.safeParse(data);
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            const where = nodeAt(doc.contents, issue.path);
            const at = issue.path.map(String).join('.');
            if (issue.code === 'unrecognized_keys') {
                for (const k of issue.keys) {
                    const n = nodeAt(doc.contents, [...issue.path, k]);
                    problems.push({ line: lineOf(n.key), message: `unknown key "${shown(k)}"${at ? ` in ${shown(at)}` : ''}` });
                }
                continue;
            }
            const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
            const line = issue.code === 'invalid_key' ? lineOf(where.key) : lineOf(where.node ?? where.key);
            problems.push({ line, message: `${at ? `${shown(at)}: ` : ''}${inner ?? issue.message}` });
        }
        throw new ManifestInvalid(file, problems.sort((a, b) => a.line - b.line));
    }
    if (problems.length > 0)
        throw new ManifestInvalid(file, problems);
    const lineOfPath = (...at) => {
        const n = nodeAt(doc.contents, at);
        return lineOf(n.node ?? n.key);
    };
    const keyLine = (...at) => lineOf(nodeAt(doc.contents, at).key);
    const certificates = [];
    const byRealPath = new Map();
    // zone → hostname → the certificate that lists it: one hostname is served by one CA.
    const owners = new Map();
    const boundary = (0,_workspace_js__WEBPACK_IMPORTED_MODULE_0__/* .workspaceBoundary */ .y)(workspace);
    for (const [name, c] of Object.entries(parsed.data.certificates)) {
        const line = keyLine('certificates', name);
        const fileLine = lineOfPath('certificates', name, 'file');
        const before = problems.length;
        if (!c.ca && !c['private-key-env']) {
            problems.push({
                line,
                message: `certificate "${shown(name)}" has ca: false but no private-key-env: a client certificate is uploaded with its key; name the environment variable that holds it`
            });
        }
        if (c.ca && c['private-key-env']) {
            problems.push({
                line: lineOfPath('certificates', name, 'private-key-env'),
                message: `certificate "${shown(name)}" has ca: true and a private-key-env: a CA bundle is uploaded without a key; remove private-key-env`
            });
        }
        if (!c.ca && c.hostnames) {
            problems.push({
                line: keyLine('certificates', name, 'hostnames'),
                message: `certificate "${shown(name)}" has ca: false and hostnames: only a CA (ca: true) serves hostnames`
            });
        }
        // The file: inside the workspace, after following symbolic links, and a regular file.
        const absolute = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(workspace, c.file);
        const real = boundary.resolve(absolute);
        let certificate;
        if (!inside(absolute, workspace) || (real !== undefined && boundary.escapes(absolute, real))) {
            problems.push({
                line: fileLine,
                message: `file "${shown(c.file)}" is outside the workspace${real !== undefined && inside(absolute, workspace) ? ' (through a symbolic link)' : ''}: name a file of the repository`
            });
        }
        else if (real === undefined) {
            problems.push({ line: fileLine, message: `file "${shown(c.file)}" does not exist in the workspace` });
        }
        else {
            const other = byRealPath.get(real);
            if (other !== undefined)
                problems.push({ line: fileLine, message: `file "${shown(c.file)}" is listed for "${shown(other)}" too: one file is one certificate, under one name` });
            else
                byRealPath.set(real, name);
            const read = readManifestFile(real, _inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .MAX_PEM_BYTES */ .kb);
            if ('error' in read)
                problems.push({ line: fileLine, message: `file "${shown(c.file)}" ${read.error}` });
            else {
                const label = relativeLabel(absolute, workspace);
                certificate = { text: read.bytes.toString('utf8'), bytes: read.bytes, label, input: 'certificate-path', path: absolute };
            }
        }
        let privateKey;
        const envName = c['private-key-env'];
        if (envName !== undefined && !c.ca) {
            const envLine = lineOfPath('certificates', name, 'private-key-env');
            if (RESERVED_ENV.test(envName)) {
                problems.push({
                    line: envLine,
                    message: `private-key-env "${shown(envName)}" names a variable of the runner or of this action, not a key: pass the key in a variable of its own (env: { ${shown(name)
                        .toUpperCase()
                        .replace(/[^A-Z0-9]+/g, '_')}_KEY: \${{ secrets.… }} })`
                });
            }
            else {
                const value = ctx.env[envName];
                if (value === undefined || value.trim() === '') {
                    problems.push({
                        line: envLine,
                        message: `environment variable ${shown(envName)} (private-key-env of "${shown(name)}") is not set: set it from a secret in the step's env`
                    });
                }
                else {
                    // Masked before anything else can print it.
                    ctx.onSecret?.(value);
                    privateKey = { text: value, label: `environment variable ${envName}`, input: 'private-key' };
                }
            }
        }
        let zones;
        if (c.hostnames) {
            zones = [];
            for (const [zoneId, list] of Object.entries(c.hostnames)) {
                const hostnames = [];
                for (const h of list) {
                    const host = h.trim().toLowerCase().replace(/\.$/, '');
                    if (hostnames.includes(host))
                        continue;
                    hostnames.push(host);
                    const owner = owners.get(`${zoneId} ${host}`);
                    if (owner !== undefined && owner !== name) {
                        problems.push({
                            line: lineOfPath('certificates', name, 'hostnames', zoneId),
                            message: `hostname ${host} in zone ${zoneId} is listed for "${shown(owner)}" too: a hostname is served by one CA`
                        });
                    }
                    else
                        owners.set(`${zoneId} ${host}`, name);
                }
                zones.push({ zoneId, hostnames });
            }
        }
        if (problems.length > before || !certificate)
            continue;
        const entry = { name, line, fileLine, certificate, ca: c.ca };
        if (privateKey)
            entry.privateKey = privateKey;
        if (zones)
            entry.zones = zones;
        certificates.push(entry);
    }
    if (problems.length > 0)
        throw new ManifestInvalid(file, problems.sort((a, b) => a.line - b.line));
    const manifest = { file, certificates };
    if (parsed.data.prune)
        manifest.prune = { namePrefix: parsed.data.prune['name-prefix'] };
    return manifest;
}
function inside(p, dir) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(dir, p);
    return rel !== '' && !rel.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(rel);
}
function relativeLabel(absolute, workspace) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(workspace, absolute);
    return rel.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(rel) ? absolute : rel.split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/');
}
/** A file the manifest names (or the manifest itself), read within `max`, or why it cannot be. */
function readManifestFile(file, max) {
    const read = (0,_workspace_js__WEBPACK_IMPORTED_MODULE_0__/* .readRegularFile */ .X)(file, max);
    if ('bytes' in read)
        return read;
    if ('notAFile' in read)
        return { error: 'is not a regular file' };
    if ('tooLarge' in read)
        return { error: `is ${read.tooLarge} bytes, more than the ${max} this action reads` };
    return { error: read.openError === 'ENOENT' ? 'does not exist' : `cannot be read (${read.openError})` };
}


/***/ }),

/***/ 2010:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PemFilesInvalid: () => (/* binding */ PemFilesInvalid),
  SyncStopped: () => (/* binding */ SyncStopped),
  logPlan: () => (/* binding */ logPlan),
  planOnlyReason: () => (/* binding */ planOnlyReason),
  readAccount: () => (/* binding */ readAccount),
  settingsOf: () => (/* binding */ settingsOf),
  syncAccount: () => (/* binding */ syncAccount),
  validateManifestFiles: () => (/* binding */ validateManifestFiles)
});

// EXTERNAL MODULE: ./src/cloudflare/mtls.ts
var mtls = __webpack_require__(1791);
// EXTERNAL MODULE: ./src/inputs.ts
var inputs = __webpack_require__(8422);
// EXTERNAL MODULE: ./src/operations/read.ts
var read = __webpack_require__(7296);
// EXTERNAL MODULE: ./src/operations/types.ts
var types = __webpack_require__(1983);
// EXTERNAL MODULE: ./src/operations/upload.ts
var upload = __webpack_require__(7841);
// EXTERNAL MODULE: ./src/operations/associate.ts
var associate = __webpack_require__(7584);
// EXTERNAL MODULE: ./src/operations/delete.ts
var operations_delete = __webpack_require__(1159);
// EXTERNAL MODULE: ./src/operations/rotate.ts
var rotate = __webpack_require__(3047);
;// CONCATENATED MODULE: ./src/sync/apply.ts





/** The typed config of upload or rotate for one manifest entry: the same config the single-certificate inputs build. */
function certificateConfig(operation, entry, s) {
    const cfg = {
        operation,
        summary: false,
        connection: s.connection,
        certificate: entry.certificate,
        ca: entry.ca ? 'true' : 'false',
        name: entry.name,
        validation: s.validation,
        reuseExisting: true,
        dryRun: false,
        keepPrevious: s.keepPrevious,
        waitForUnassociatedSeconds: s.waitForUnassociatedSeconds
    };
    if (entry.privateKey)
        cfg.privateKey = entry.privateKey;
    if (operation === 'rotate' && entry.zones)
        cfg.zones = entry.zones;
    return cfg;
}
const byAge = (a, b) => {
    const x = a.uploaded_on ?? '';
    const y = b.uploaded_on ?? '';
    return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};
/**
 * Carries the plan out, item by item, by calling the operations (upload, rotate, associate,
 * delete) with their own typed configs. The first failure stops the run: what is done and what
 * is not is in the outcomes, and a re-run plans again from what the account then holds.
 */
async function applyPlan(plan, certificates, settings, clients) {
    const custom = certificates.filter((c) => (c.type ?? 'custom') === 'custom');
    const outcomes = plan.items.map(() => ({ status: 'not run' }));
    for (const [i, item] of plan.items.entries()) {
        if (item.action === 'unchanged' || item.action === 'blocked') {
            outcomes[i] = { status: 'done', note: 'nothing to do' };
            continue;
        }
        try {
            const note = await clients.log.group(`${item.action} "${item.name}"`, () => applyItem(item, custom, settings, clients));
            outcomes[i] = { status: 'done', ...(note ? { note } : {}) };
        }
        catch (error) {
            outcomes[i] = { status: 'failed' };
            return { outcomes, failure: { item, error } };
        }
    }
    return { outcomes };
}
async function applyItem(item, custom, s, clients) {
    const entry = item.entry;
    switch (item.action) {
        case 'upload': {
            if (!entry)
                return undefined;
            const cfg = certificateConfig('upload', entry, s);
            const up = await (0,upload/* uploadOrReuse */.JV)(cfg, entry.ca, clients, { existing: custom });
            const certificate = await keepOneOfName(entry.name, up.certificate, up.reused, s, clients);
            const zones = (entry.zones ?? []).map((z) => ({ zoneId: z.zoneId, hostnames: z.hostnames }));
            if (zones.length > 0)
                await setHostnames(certificate, zones, s, clients);
            return `uploaded ${certificate.id}${zones.length > 0 ? ' and bound its hostnames' : ''}`;
        }
        case 'rotate': {
            if (!entry)
                return undefined;
            const cfg = certificateConfig('rotate', entry, s);
            const r = await (0,rotate.rotateCertificate)(cfg, clients, { existing: custom });
            // rotate adds the manifest's hostnames; the manifest's list is exact: remove what else the new CA serves there.
            const extra = (r.zones ?? []).filter((z) => !(0,associate/* sameSet */.XV)(z.hostnames, entry.zones?.find((w) => w.zoneId === z.zoneId)?.hostnames ?? z.hostnames));
            if (extra.length > 0)
                await setHostnames(r.certificate, extra.map((z) => ({ zoneId: z.zoneId, hostnames: entry.zones?.find((w) => w.zoneId === z.zoneId)?.hostnames ?? [] })), s, clients);
            const blocked = r.previous.filter((p) => p.fate === 'blocked');
            const kept = r.previous.filter((p) => p.fate === 'kept');
            const deleted = r.previous.filter((p) => p.fate === 'deleted');
            return [
                `now ${r.certificate.id}`,
                deleted.length > 0 ? `deleted ${deleted.map((p) => p.certificate.id).join(', ')}` : '',
                kept.length > 0 ? `kept ${kept.map((p) => p.certificate.id).join(', ')} (keep-previous)` : '',
                blocked.length > 0 ? `left ${blocked.map((p) => `${p.certificate.id} (${p.why})`).join(', ')} in place` : ''
            ]
                .filter(Boolean)
                .join('; ');
        }
        case 'hostnames': {
            const current = custom.find((c) => c.id === item.id);
            if (!current)
                return undefined;
            await setHostnames(current, (item.zones ?? []).map((z) => ({ zoneId: z.zoneId, hostnames: z.after })), s, clients);
            return 'set and verified';
        }
        case 'delete': {
            if (!item.id)
                return undefined;
            const d = await (0,operations_delete.deleteCertificate)({ operation: 'delete', summary: false, connection: s.connection, ref: { by: 'id', id: item.id }, missingOk: true, dryRun: false }, clients);
            return d.missing ? 'already gone' : `deleted ${item.id}`;
        }
        default:
            return undefined;
    }
}
/** Exactly the given hostnames in each zone (associate with replace: true). */
async function setHostnames(certificate, zones, s, clients) {
    await (0,associate.associateHostnames)({ operation: 'associate', summary: false, connection: s.connection, ref: { by: 'id', id: certificate.id }, zones, replace: true, dryRun: false }, clients, certificate);
}
/**
 * After an upload, the account is read again: two applies that ran at once with different PEMs
 * may both have uploaded under the name. The oldest keeps it (every run that looks agrees on
 * which is oldest); a run whose own upload is younger deletes it again and stops, so one
 * certificate holds the name and the next run rotates from there.
 */
async function keepOneOfName(name, ours, reused, s, clients) {
    const named = (await clients.api.list({ types: ['custom'] })).filter((c) => c.name === name).sort(byAge);
    const keeper = named[0];
    if (named.length <= 1 || keeper === undefined || keeper.id === ours.id || reused)
        return ours;
    await (0,operations_delete.deleteCertificate)({ operation: 'delete', summary: false, connection: s.connection, ref: { by: 'id', id: ours.id }, missingOk: true, dryRun: false }, clients);
    throw new types/* OperationError */.O(`Another run uploaded a certificate named "${name}" at the same time (${keeper.id}, uploaded ${keeper.uploaded_on ?? '?'}); this run's upload ${ours.id} was deleted again so that one certificate holds the name. Run sync again: it rotates to the manifest's PEM if the two differ.`);
}

// EXTERNAL MODULE: ./src/sync/manifest.ts
var sync_manifest = __webpack_require__(4490);
// EXTERNAL MODULE: ./src/pem/fingerprint.ts
var fingerprint = __webpack_require__(2990);
// EXTERNAL MODULE: ./src/sync/headline.ts
var headline = __webpack_require__(6631);
;// CONCATENATED MODULE: ./src/sync/plan.ts


const hostKeyOf = (zoneId, certificateId) => `${zoneId} ${certificateId}`;
const MANAGED = new Set(['gateway_managed', 'access_managed']);
const isCustom = (c) => (c.type ?? 'custom') === 'custom';
const CHANGES = new Set(['upload', 'rotate', 'hostnames', 'delete']);
const joined = (c) => (c.certificates ? (0,fingerprint/* fingerprintsOfPem */.X)(c.certificates).join(',') : '');
function match(manifest, certificates) {
    const custom = certificates.filter(isCustom);
    const prints = new Map(custom.map((c) => [c.id, joined(c)]));
    return manifest.certificates.map((entry) => {
        const fingerprints = (0,fingerprint/* fingerprintsOfPem */.X)(entry.certificate.text).join(',');
        const sameName = custom.filter((c) => c.name === entry.name);
        const identical = sameName.find((c) => prints.get(c.id) === fingerprints);
        const elsewhere = identical ? undefined : custom.find((c) => c.name !== entry.name && prints.get(c.id) === fingerprints);
        return { entry, fingerprints, sameName, ...(identical ? { identical } : {}), ...(elsewhere ? { elsewhere } : {}) };
    });
}
/** Unlisted certificates whose name has the prune prefix. */
function pruneCandidates(manifest, certificates) {
    const prefix = manifest.prune?.namePrefix;
    if (prefix === undefined)
        return [];
    const listed = new Set(manifest.certificates.map((c) => c.name));
    return certificates.filter((c) => c.name !== undefined && c.name.startsWith(prefix) && !listed.has(c.name));
}
/**
 * The reads the plan needs after the list, and no more: each listed zone once for the CA that the
 * account already holds with the manifest's PEM (a fresh upload serves nothing), and the
 * associations of the certificates prune would delete (one in use is never deleted).
 */
function planReads(manifest, certificates) {
    const hostnames = match(manifest, certificates).flatMap((m) => m.identical && m.entry.zones ? m.entry.zones.map((z) => ({ zoneId: z.zoneId, certificateId: m.identical.id })) : []);
    const associations = pruneCandidates(manifest, certificates)
        .filter((c) => isCustom(c))
        .map((c) => c.id);
    return { hostnames, associations };
}
const describe = (c) => `${c.id} (uploaded ${c.uploaded_on?.slice(0, 10) ?? '?'})`;
const services = (a) => a.map((x) => `${x.service} (${x.status ?? 'unknown status'})`).join(', ');
function zoneChanges(entry, served) {
    return (entry.zones ?? []).map((z) => {
        const before = served(z.zoneId);
        // Exactly the manifest's list; a hostname the zone already holds keeps Cloudflare's spelling.
        const after = z.hostnames.map((h) => before.find((b) => (0,associate/* hasHost */.b5)([b], h)) ?? h);
        return { zoneId: z.zoneId, before, after, bind: after.filter((h) => !(0,associate/* hasHost */.b5)(before, h)), unbind: before.filter((h) => !(0,associate/* hasHost */.b5)(after, h)) };
    });
}
const zoneText = (zones) => zones
    .filter((z) => z.bind.length + z.unbind.length > 0)
    .map((z) => `zone ${z.zoneId}: ${[z.bind.length > 0 ? `bind ${(0,associate/* hostList */.pX)(z.bind)}` : '', z.unbind.length > 0 ? `unbind ${(0,associate/* hostList */.pX)(z.unbind)}` : ''].filter(Boolean).join('; ')}`)
    .join('; ');
/**
 * The manifest against the account: what each name needs, in the order apply carries it out
 * (uploads, rotations, hostnames, deletions). Pure: the account is what was read.
 */
function buildPlan(manifest, account, options) {
    const items = [];
    const conflicts = [];
    for (const m of match(manifest, account.certificates)) {
        const { entry } = m;
        const kind = entry.ca ? 'CA' : 'client certificate';
        const count = m.fingerprints.split(',').length;
        if (m.elsewhere) {
            conflicts.push(`"${entry.name}": the account holds this certificate already, named "${m.elsewhere.name ?? ''}" (${m.elsewhere.id}); Cloudflare keeps one copy of a certificate and cannot rename it: list it under that name, or delete it first`);
        }
        if (m.identical && m.identical.ca !== undefined && m.identical.ca !== entry.ca) {
            conflicts.push(`"${entry.name}": ${m.identical.id} was uploaded with ca: ${String(m.identical.ca)}, the manifest says ca: ${String(entry.ca)}; Cloudflare cannot change it: delete it, then sync uploads it again`);
        }
        const others = m.sameName.filter((c) => c.id !== m.identical?.id);
        if (!m.identical && m.sameName.length > 1) {
            conflicts.push(`${m.sameName.length} certificates are named "${entry.name}": ${m.sameName.map(describe).join(', ')}, and none holds the manifest's PEM; which one to rotate is not clear: delete the extra ones (operation: delete with certificate-id), then sync again`);
            continue;
        }
        if (m.sameName.length === 0) {
            const zones = zoneChanges(entry, () => []);
            const bind = zoneText(zones) ? `, then bind ${zoneText(zones)}` : '';
            items.push({ name: entry.name, action: 'upload', details: `upload ${count} certificate(s) from ${entry.certificate.label} as a ${kind}${bind}`, entry, zones });
            continue;
        }
        if (!m.identical) {
            const old = m.sameName[0];
            const zones = zoneChanges(entry, () => []);
            const bind = zones.some((z) => z.after.length > 0)
                ? `, bind ${zones
                    .filter((z) => z.after.length > 0)
                    .map((z) => `${(0,associate/* hostList */.pX)(z.after)} in zone ${z.zoneId}`)
                    .join('; ')} to it, unbind them from the earlier version`
                : '';
            const keep = options.keepPrevious > 0 ? `, keep it (keep-previous: ${options.keepPrevious})` : ', delete it once nothing uses it';
            items.push({
                name: entry.name,
                action: 'rotate',
                id: old.id,
                details: `the PEM in ${entry.certificate.label} changed: upload it as a ${kind}${bind}${keep} (earlier: ${describe(old)})`,
                entry,
                zones
            });
            continue;
        }
        const current = m.identical;
        const zones = zoneChanges(entry, (zoneId) => account.hostnames.get(hostKeyOf(zoneId, current.id)) ?? []);
        if (others.length > options.keepPrevious) {
            // An earlier rotation stopped half-way (or left versions in use): finish it.
            items.push({
                name: entry.name,
                action: 'rotate',
                id: current.id,
                details: `finish the rotation to ${current.id}: ${zones.some((z) => z.bind.length > 0) ? `${zoneText(zones)}; ` : ''}remove the earlier version(s) ${others.map(describe).join(', ')} once nothing uses them${options.keepPrevious > 0 ? ` (keep-previous: ${options.keepPrevious})` : ''}`,
                entry,
                zones
            });
            continue;
        }
        const changed = zones.filter((z) => !(0,associate/* sameSet */.XV)(z.before, z.after));
        if (changed.length > 0) {
            items.push({ name: entry.name, action: 'hostnames', id: current.id, details: zoneText(changed), entry, zones: changed });
            continue;
        }
        const serves = zones.length > 0 ? `; serves ${zones.map((z) => `${(0,associate/* hostList */.pX)(z.after)} in zone ${z.zoneId}`).join('; ')}` : '';
        items.push({ name: entry.name, action: 'unchanged', id: current.id, details: `the same certificate (SHA-256 of each certificate matches)${serves}`, entry });
    }
    for (const c of pruneCandidates(manifest, account.certificates)) {
        const name = c.name ?? '';
        const prefix = manifest.prune?.namePrefix ?? '';
        if (c.type && MANAGED.has(c.type)) {
            items.push({ name, action: 'blocked', id: c.id, details: `not in the manifest (prefix "${prefix}"), but ${c.type}: Cloudflare manages it, sync never deletes it` });
            continue;
        }
        const assoc = account.associations.get(c.id) ?? [];
        if (assoc.length > 0) {
            items.push({
                name,
                action: 'blocked',
                id: c.id,
                details: `not in the manifest (prefix "${prefix}"), but in use by ${services(assoc)}: left in place; unbind it, then sync deletes it`
            });
            continue;
        }
        items.push({ name, action: 'delete', id: c.id, details: `not in the manifest (prefix "${prefix}") and no associations: delete ${describe(c)}` });
    }
    const order = ['upload', 'rotate', 'hostnames', 'delete', 'blocked', 'unchanged'];
    const sorted = items
        .map((item, i) => ({ item, i }))
        .sort((a, b) => order.indexOf(a.item.action) - order.indexOf(b.item.action) || a.i - b.i)
        .map((x) => x.item);
    const sum = (f) => sorted.filter((i) => CHANGES.has(i.action)).reduce((n, i) => n + (i.zones ?? []).reduce((k, z) => k + f(z), 0), 0);
    return {
        items: sorted,
        conflicts,
        changes: sorted.filter((i) => CHANGES.has(i.action)).length,
        counts: {
            upload: sorted.filter((i) => i.action === 'upload').length,
            rotate: sorted.filter((i) => i.action === 'rotate').length,
            bind: sum((z) => z.bind.length),
            unbind: sum((z) => z.unbind.length),
            delete: sorted.filter((i) => i.action === 'delete').length
        }
    };
}


;// CONCATENATED MODULE: ./src/sync/run.ts








/** An apply that stopped at one item: what is done and what is not, and the error that stopped it. */
class SyncStopped extends Error {
    item;
    done;
    notDone;
    error;
    constructor(item, done, notDone, error) {
        super(`${item} failed`);
        this.item = item;
        this.done = done;
        this.notDone = notDone;
        this.error = error;
        this.name = 'SyncStopped';
    }
}
/** Listed PEM files with errors: their findings go on the files' lines, and nothing is sent. */
class PemFilesInvalid extends types/* OperationError */.O {
    reports;
    constructor(reports) {
        const bad = reports.filter((r) => r.errorCount > 0);
        super(`${bad.length} PEM file(s) of the manifest did not pass validation (${bad.map((r) => r.file).join(', ')}); nothing was sent to Cloudflare. See the annotations on the files.`, 'invalid-certificate');
        this.reports = reports;
        this.name = 'PemFilesInvalid';
    }
}
const settingsOf = (config) => ({
    connection: config.connection,
    validation: config.validation,
    keepPrevious: config.keepPrevious,
    waitForUnassociatedSeconds: config.waitForUnassociatedSeconds
});
/**
 * Every listed PEM through the upload's own preflight (the validator, with the key for a client
 * certificate), before any request: all of them, so that one run shows every broken file.
 */
function validateManifestFiles(manifest, config, now) {
    const reports = [];
    const problems = [];
    let failed = false;
    for (const entry of manifest.certificates) {
        try {
            reports.push((0,upload/* preflight */.Mz)(certificateConfig('upload', entry, settingsOf(config)), { now: () => now }).report);
        }
        catch (e) {
            failed = true;
            if (e instanceof upload/* ValidationFailed */.n_)
                reports.push(e.report);
            // Too many certificates in one file: said before the validator reads them, at the manifest's line.
            else if (e instanceof inputs/* InputError */.dz)
                problems.push({ line: entry.fileLine, message: `file of "${entry.name}": ${e.message.replace(/^Input "[^"]*" /, '')}` });
            else
                throw e;
        }
    }
    if (problems.length > 0)
        throw new sync_manifest.ManifestInvalid(manifest.file, problems);
    if (failed)
        throw new PemFilesInvalid(reports);
    return reports;
}
/**
 * The account as the plan needs it, read only: the list once (every page, every type, so that a
 * managed certificate is recognised), each listed zone once for a CA already there, and the
 * associations of what prune would delete.
 */
async function readAccount(manifest, clients) {
    const { api, hostnames, log } = clients;
    return log.group(`Read account ${api.accountId}`, async () => {
        const certificates = await api.list({ onPage: (0,read/* logPage */.k)(clients) });
        const reads = planReads(manifest, certificates);
        const sets = await (0,mtls/* mapWithConcurrency */.WS)(reads.hostnames, mtls/* PAGE_CONCURRENCY */.kE, (r) => hostnames.get(r.zoneId, r.certificateId));
        const assoc = await (0,mtls/* mapWithConcurrency */.WS)(reads.associations, mtls/* PAGE_CONCURRENCY */.kE, (id) => api.associations(id));
        log.info(`${certificates.length} certificate(s); ${reads.hostnames.length} zone set(s) and ${reads.associations.length} association list(s) read.`);
        return {
            certificates,
            hostnames: new Map(reads.hostnames.map((r, i) => [hostKeyOf(r.zoneId, r.certificateId), sets[i] ?? []])),
            associations: new Map(reads.associations.map((id, i) => [id, assoc[i] ?? []]))
        };
    });
}
/** The plan in the log, one line an item, in a group headed by the count line. */
async function logPlan(plan, clients) {
    await clients.log.group((0,headline/* planHeadline */.M)(plan), () => {
        for (const i of plan.items)
            clients.log.info(`${i.action} "${i.name}"${i.id ? ` ${i.id}` : ''}: ${i.details}`);
        for (const c of plan.conflicts)
            clients.log.info(`conflict: ${c}`);
        if (plan.items.length === 0)
            clients.log.info('The manifest lists no certificate and prune deletes none.');
        return Promise.resolve();
    });
}
/** Why this run only plans, or undefined when it applies. */
function planOnlyReason(config, eventName) {
    if (eventName === 'pull_request' || eventName === 'pull_request_target')
        return `a ${eventName} event never changes the account`;
    if (config.dryRun)
        return 'dry-run: true';
    if (config.failOnDrift)
        return 'fail-on-drift: true reports drift and does not fix it';
    return undefined;
}
/**
 * manifest → read the account → plan → (unless only planning) apply. Returns the result with the
 * plan and each item's outcome; a conflict or a failed item is thrown after `onResult` has been
 * given the result, so the summary always shows the plan and how far the apply got.
 */
async function syncAccount(config, manifest, validation, clients, deps) {
    const account = await readAccount(manifest, clients);
    const plan = buildPlan(manifest, account, { keepPrevious: config.keepPrevious });
    await logPlan(plan, clients);
    const reason = planOnlyReason(config, deps.eventName);
    let result = { operation: 'sync', manifest: manifest.file, plan, mode: reason ? 'plan' : 'apply', validation, ...(reason ? { planOnly: reason } : {}) };
    if (reason || plan.conflicts.length > 0)
        result.mode = 'plan';
    if (deps.publish)
        result = await deps.publish(result);
    if (plan.conflicts.length > 0) {
        return { result, failure: new types/* OperationError */.O(`The plan cannot be applied; nothing was changed: ${plan.conflicts.join(' | ')}`, 'ambiguous') };
    }
    if (reason) {
        clients.log.info(`Only the plan: ${reason}.`);
        if (config.failOnDrift && plan.changes > 0) {
            const list = plan.items.filter((i) => i.action !== 'unchanged' && i.action !== 'blocked').map((i) => `${i.action} "${i.name}"`);
            return {
                result,
                failure: new types/* OperationError */.O(`Drift: the account differs from ${manifest.file} in ${plan.changes} place(s): ${list.join(', ')}. Run sync without fail-on-drift (on the default branch) to apply the manifest.`)
            };
        }
        return { result };
    }
    if (plan.changes === 0) {
        clients.log.info('The account matches the manifest: nothing to change.');
        return { result: { ...result, outcomes: plan.items.map(() => ({ status: 'done', note: 'nothing to do' })) } };
    }
    const applied = await applyPlan(plan, account.certificates, settingsOf(config), clients);
    result = { ...result, outcomes: applied.outcomes };
    if (applied.failure) {
        const done = plan.items
            .filter((it, i) => applied.outcomes[i]?.status === 'done' && it.action !== 'unchanged' && it.action !== 'blocked')
            .map((it) => `${it.action} "${it.name}"`);
        const notDone = plan.items.filter((_, i) => applied.outcomes[i]?.status === 'not run').map((it) => `${it.action} "${it.name}"`);
        const { item, error } = applied.failure;
        return { result, failure: new SyncStopped(`${item.action} "${item.name}"`, done, [`${item.action} "${item.name}"`, ...notDone], error) };
    }
    return { result };
}


/***/ })

};
