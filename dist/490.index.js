export const id = 490;
export const ids = [490];
export const modules = {

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


/***/ })

};
