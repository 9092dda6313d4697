export const id = 52;
export const ids = [52];
export const modules = {

/***/ 3052:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  validateFiles: () => (/* binding */ validateFiles)
});

// UNUSED EXPORTS: expandPaths

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/inputs.ts
var inputs = __webpack_require__(8422);
// EXTERNAL MODULE: ./src/pem/index.ts + 11 modules
var pem = __webpack_require__(9192);
;// CONCATENATED MODULE: ./src/operations/paths.ts


/**
 * Regular files below `root`, as @actions/glob walks (hidden files included, symbolic links
 * followed, broken links and link cycles skipped), keeping the directories and files the callbacks
 * accept; `rel` is the path below `root`, by segment. The directory entries' own types say what
 * each is: only a symbolic link is stat'ed (to follow it), not every file (1,000 stat calls were
 * 4% of a `validate` of 1,000 files). The reader checks each file's type and size when it opens it.
 */
function walk(root, reach, accept) {
    const files = [];
    const kindOf = (p, entry) => {
        if (entry.isDirectory())
            return 'directory';
        if (entry.isFile())
            return 'file';
        if (!entry.isSymbolicLink())
            return undefined; // a FIFO, socket or device: never read
        try {
            const stat = (0,external_node_fs_.statSync)(p);
            return stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : undefined;
        }
        catch (e) {
            if (e.code === 'ENOENT')
                return undefined; // a broken link
            throw e;
        }
    };
    const visit = (dir, rel, ancestors, all) => {
        const real = (0,external_node_fs_.realpathSync)(dir);
        if (ancestors.includes(real))
            return;
        const chain = [...ancestors, real];
        for (const entry of (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true })) {
            const p = external_node_path_default().join(dir, entry.name);
            const r = [...rel, entry.name];
            const kind = kindOf(p, entry);
            if (kind === 'directory') {
                const inside = all ? 'all' : reach(r);
                if (inside !== 'none')
                    visit(p, r, chain, inside === 'all');
            }
            else if (kind === 'file' && (all || accept(r))) {
                files.push(p);
            }
        }
    };
    visit(root, [], [], false);
    return files;
}
/** Every regular file below a directory, as @actions/glob finds them for a directory. */
function filesUnder(directory) {
    return walk(external_node_path_default().resolve(directory), () => 'all', () => true);
}
// The patterns handled here are made of literal segments, segments with `*` and `?`, and whole
// `**` segments, relative or absolute, on Linux and macOS. Anything else (character sets, escapes,
// `!`, `~`, `.` or `..` segments, a trailing slash, Windows paths) is left to @actions/glob.
const SIMPLE_SEGMENT = /^(?:\*\*|[\w\-.+@=,%*? ]+)$/;
/**
 * The regular files a simple pattern matches, as @actions/glob's
 * `create(pattern, { matchDirectories: false })` finds them: minimatch with dot: true, and a
 * directory that matches brings every file below it. Undefined when the pattern is not simple.
 */
function matchSimplePattern(pattern, cwd = process.cwd()) {
    if (process.platform === 'win32' || pattern.endsWith('/'))
        return undefined;
    const absolute = pattern.startsWith('/');
    const segments = (absolute ? pattern.slice(1) : pattern).split('/');
    if (segments.some((s) => !SIMPLE_SEGMENT.test(s) || s === '.' || s === '..' || (s.includes('**') && s !== '**')))
        return undefined;
    // The search starts at the literal directories before the first wildcard, as @actions/glob's does.
    const literal = segments.findIndex((s) => /[*?]/.test(s));
    if (literal < 0)
        return undefined;
    const searchPath = external_node_path_default().join(external_node_path_default().resolve(absolute ? '/' : cwd), ...segments.slice(0, literal));
    const rest = segments.slice(literal).map((s) => (s === '**' ? GLOBSTAR : segmentRegExp(s)));
    try {
        if (!(0,external_node_fs_.statSync)(searchPath).isDirectory())
            return [];
    }
    catch {
        return [];
    }
    return walk(searchPath, (rel) => reachOf(rel, 0, rest, 0), (rel) => reachOf(rel, 0, rest, 0) === 'all');
}
const GLOBSTAR = Symbol('**');
function segmentRegExp(segment) {
    const source = segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
    return new RegExp(`^${source}$`);
}
/**
 * Matches the path segments rel[i..] against the pattern segments pat[j..]: 'all' when the path
 * matches (a directory then brings everything below it), 'some' when a longer path could, else 'none'.
 */
function reachOf(rel, i, pat, j) {
    if (i === rel.length) {
        for (let k = j; k < pat.length; k++)
            if (pat[k] !== GLOBSTAR)
                return 'some';
        return 'all';
    }
    if (j === pat.length)
        return 'none';
    const p = pat[j];
    if (p === GLOBSTAR) {
        // `**` matches no segment, or this one and maybe more.
        const skip = reachOf(rel, i, pat, j + 1);
        if (skip === 'all')
            return 'all';
        const take = reachOf(rel, i + 1, pat, j);
        return take === 'all' ? 'all' : skip === 'some' || take === 'some' ? 'some' : 'none';
    }
    return p?.test(rel[i] ?? '') ? reachOf(rel, i + 1, pat, j + 1) : 'none';
}

// EXTERNAL MODULE: ./src/github/types.ts
var types = __webpack_require__(1994);
;// CONCATENATED MODULE: ./src/operations/validate.ts






/** Extensions taken from a directory; a file named explicitly or by a glob is always read. */
const PEM_EXTENSIONS = new Set(['.pem', '.crt', '.cer', '.cert', '.ca-bundle', '.ca']);
const hasMagic = (s) => /[*?[\]{}!]/.test(s);
/** Files, directories and globs → the list of files to read, in a stable order. */
async function expandPaths(entries, deps) {
    const files = [];
    for (const entry of entries) {
        if (hasMagic(entry)) {
            // A simple pattern (`certs/**/*.pem`) is matched here; @actions/glob is loaded for the others.
            const matched = matchSimplePattern(entry) ?? (await deps.glob([entry])).filter(isRegularFile);
            if (matched.length === 0)
                throw new inputs/* InputError */.dz('certificate-path', `pattern "${entry}" matched no files`);
            files.push(...matched);
            continue;
        }
        let stat;
        try {
            stat = (0,external_node_fs_.statSync)(entry);
        }
        catch {
            throw new inputs/* InputError */.dz('certificate-path', `names a path that does not exist: ${entry}`);
        }
        if (stat.isDirectory()) {
            const inside = filesUnder(entry).filter((f) => PEM_EXTENSIONS.has(external_node_path_default().extname(f).toLowerCase()));
            if (inside.length === 0) {
                throw new inputs/* InputError */.dz('certificate-path', `names a directory with no ${[...PEM_EXTENSIONS].join(' / ')} files: ${entry}`);
            }
            files.push(...inside);
        }
        else if (stat.isFile()) {
            files.push(external_node_path_default().resolve(entry));
        }
        else {
            // Input parsing refuses these too; a FIFO or a device is never opened.
            throw new inputs/* InputError */.dz('certificate-path', `names something that is neither a file nor a directory: ${entry}`);
        }
    }
    // A file named twice (a directory and a pattern) is read once.
    return [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
function isRegularFile(f) {
    try {
        return (0,external_node_fs_.statSync)(f).isFile();
    }
    catch {
        return false;
    }
}
/**
 * Reads a file found above, checking its type and size on the open descriptor: one fstat instead
 * of a stat per file while finding them, and no window in which the file can change between the
 * check and the read. O_NONBLOCK: a FIFO that took a file's place opens at once (and is not read)
 * instead of blocking the run until a writer comes.
 */
function readPemFile(file) {
    const fd = (0,external_node_fs_.openSync)(file, external_node_fs_.constants.O_RDONLY | (external_node_fs_.constants.O_NONBLOCK ?? 0));
    try {
        const stat = (0,external_node_fs_.fstatSync)(fd);
        if (!stat.isFile())
            return { notAFile: true };
        if (stat.size > inputs/* MAX_PEM_BYTES */.kb)
            return { tooLarge: stat.size };
        const bytes = Buffer.allocUnsafeSlow(stat.size);
        let n = 0;
        while (n < bytes.length) {
            const read = (0,external_node_fs_.readSync)(fd, bytes, n, bytes.length - n, null);
            if (read === 0)
                break;
            n += read;
        }
        return { bytes: n === bytes.length ? bytes : bytes.subarray(0, n) };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
async function validateFiles(config, deps) {
    const found = await expandPaths(config.paths, deps);
    const labelOf = relativeTo(deps.workspace);
    const { files, scope } = await narrowToChanged(found, labelOf, config.pullRequest.changedFilesOnly, deps);
    let privateKey;
    if (config.privateKeyPath) {
        try {
            privateKey = { text: (0,external_node_fs_.readFileSync)(config.privateKeyPath), file: relative(config.privateKeyPath, deps.workspace) };
        }
        catch (e) {
            throw new inputs/* InputError */.dz('private-key-path', `names a file that cannot be read: ${config.privateKeyPath} (${e.code ?? 'unreadable'})`);
        }
    }
    const now = deps.now();
    const reports = [];
    for (const file of files) {
        const label = labelOf(file);
        const read = readPemFile(file);
        if ('notAFile' in read) {
            // A regular file a moment ago (a directory walk or a glob found it), something else now.
            throw new inputs/* InputError */.dz('certificate-path', `found ${label} as a file, but it is no longer a regular file`);
        }
        if ('tooLarge' in read) {
            reports.push(tooLarge(label, read.tooLarge, config.ca));
            continue;
        }
        reports.push((0,pem/* validatePem */.PO)(read.bytes, {
            file: label,
            profile: config.ca === 'auto' ? 'auto' : config.ca === 'true' ? 'ca' : 'leaf',
            now,
            expiryWarningDays: config.validation.expiryWarningDays,
            expiryErrorDays: config.validation.expiryErrorDays,
            ...(privateKey ? { privateKey } : {})
        }));
    }
    const errors = reports.reduce((n, r) => n + r.errorCount, 0);
    const warnings = reports.reduce((n, r) => n + r.warningCount, 0);
    const failed = errors > 0 || (config.validation.failOn === 'warning' && warnings > 0);
    deps.log.info(`Validated ${reports.length} file(s): ${errors} error(s), ${warnings} warning(s).`);
    return { operation: 'validate', files: reports, failOn: config.validation.failOn, failed, scope, checkRun: config.pullRequest.checkRun };
}
/**
 * changed-files-only: keeps the files of certificate-path that the pull request adds or modifies.
 * Outside a pull request, or when GitHub cannot be asked, every file is validated and the log says
 * why: a filter that fails must not hide a broken file.
 */
async function narrowToChanged(files, labelOf, changedFilesOnly, deps) {
    if (!changedFilesOnly || !deps.changedFiles)
        return { files, scope: { kind: 'all' } };
    let changed;
    try {
        changed = await deps.changedFiles();
    }
    catch (e) {
        const { detail, permission } = (0,types/* describeGitHubFailure */.Po)(e);
        const reason = `could not list the pull request's files (${detail})`;
        deps.log.info(`changed-files-only: ${reason}; validating all ${files.length} file(s) of certificate-path.`);
        return { files, scope: { kind: 'all', reason, ...(permission ? { permission: 'pull-requests: read' } : {}) } };
    }
    if (changed.pullNumber === undefined) {
        const reason = `not a pull request (event: ${changed.eventName || 'unknown'})`;
        deps.log.info(`changed-files-only: ${reason}; validating all ${files.length} file(s) of certificate-path.`);
        return { files, scope: { kind: 'all', reason } };
    }
    const touched = new Set(changed.files);
    const kept = files.filter((f) => touched.has(labelOf(f)));
    deps.log.info(`changed-files-only: pull request #${changed.pullNumber} adds or modifies ${kept.length} of the ${files.length} file(s) of certificate-path (${changed.files.length} file(s) changed in all); validating ${kept.length === 0 ? 'none' : 'those'}.`);
    return { files: kept, scope: { kind: 'changed', pullNumber: changed.pullNumber, validated: kept.length, skipped: files.length - kept.length } };
}
function tooLarge(file, size, ca) {
    const finding = (0,pem/* makeFinding */.MH)('FILE_TOO_LARGE', `The file is ${size} bytes, more than the 1 MiB a certificate bundle can reasonably be; is it the right file?`, file, 1);
    return { file, profile: ca === 'false' ? 'leaf' : 'ca', certificates: [], findings: [finding], errorCount: 1, warningCount: 0, noticeCount: 0 };
}
function relative(file, workspace) {
    const rel = external_node_path_default().relative(workspace, external_node_path_default().resolve(file));
    return rel.startsWith('..') || external_node_path_default().isAbsolute(rel) ? external_node_path_default().resolve(file) : rel.split((external_node_path_default()).sep).join('/');
}
/** relative() for many files of one workspace: a file inside it (the usual case) is a slice, not a path.relative. */
function relativeTo(workspace) {
    const prefix = external_node_path_default().resolve(workspace) + (external_node_path_default()).sep;
    return (file) => file.startsWith(prefix) && external_node_path_default().normalize(file) === file
        ? file.slice(prefix.length).split((external_node_path_default()).sep).join('/')
        : relative(file, workspace);
}


/***/ })

};
