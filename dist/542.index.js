export const id = 542;
export const ids = [542];
export const modules = {

/***/ 542:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   validateFiles: () => (/* binding */ validateFiles)
/* harmony export */ });
/* unused harmony exports MAX_LISTED_FILES, expandPaths */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8422);
/* harmony import */ var _pem_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2778);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8992);
/* harmony import */ var _workspace_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3338);






/** Extensions taken from a directory; a file named explicitly or by a glob is always read. */
const PEM_EXTENSIONS = new Set(['.pem', '.crt', '.cer', '.cert', '.ca-bundle', '.ca']);
/** GitHub's pull request files endpoint lists at most this many files. */
const MAX_LISTED_FILES = 3_000;
const hasMagic = (s) => /[*?[\]{}!]/.test(s);
const OUTSIDE = 'is a symbolic link (or lies below one) that leads outside the workspace; it was not opened';
const NOT_REGULAR = 'is a FIFO, socket or device, not a regular file; it was not opened';
/**
 * Files, directories and globs → what validate reads, in a stable order. @actions/glob finds the
 * files of a pattern or below a directory without following symbolic links (a link to / would walk
 * the whole runner); each link it finds is resolved here instead: one that leads outside the
 * workspace is reported, never opened or walked; one to a directory inside is walked once (a cycle
 * ends there); one to a file inside is read. A FIFO, socket or device that a directory (by its
 * extension) or a pattern yields is reported and never opened. A line that names an existing file is
 * that file, whatever characters its name holds (`ca[1].pem`). `!pattern` lines exclude what they
 * match from every directory and pattern of the list, as in @actions/glob.
 */
async function expandPaths(entries, deps) {
    const excludes = entries.filter((e) => e.startsWith('!'));
    const includes = entries.filter((e) => !e.startsWith('!'));
    if (includes.length === 0)
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('certificate-path', 'holds only exclusions (lines starting with !): name the files, directories or patterns to validate too');
    const boundary = (0,_workspace_js__WEBPACK_IMPORTED_MODULE_5__/* .workspaceBoundary */ .y)(deps.workspace);
    const inspect = (open, shown) => {
        const real = boundary.resolve(open);
        if (real === undefined)
            return { kind: 'missing' };
        let stat;
        try {
            stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(real);
        }
        catch {
            return { kind: 'missing' };
        }
        if (boundary.escapes(shown, real))
            return { kind: 'outside', directory: stat.isDirectory() };
        return { kind: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other', real };
    };
    const found = [];
    const refuse = (file, code) => {
        found.push({ file, refused: { code, message: code === 'PATH_OUTSIDE_WORKSPACE' ? OUTSIDE : NOT_REGULAR } });
    };
    // Real directories already walked: a link back to an ancestor is not walked again.
    const walked = new Set();
    const walk = async (shownDir, realDir) => {
        if (walked.has(realDir))
            return;
        walked.add(realDir);
        for (const f of await deps.glob([realDir, ...excludes])) {
            const shown = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(shownDir, node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(realDir, f));
            const pem = PEM_EXTENSIONS.has(node_path__WEBPACK_IMPORTED_MODULE_1___default().extname(shown).toLowerCase());
            const i = inspect(f, shown);
            if (i.kind === 'outside') {
                if (pem || i.directory)
                    refuse(shown, 'PATH_OUTSIDE_WORKSPACE');
            }
            else if (i.kind === 'directory')
                await walk(shown, i.real);
            else if (i.kind === 'file') {
                if (pem)
                    found.push({ file: shown, real: i.real });
            }
            else if (i.kind === 'other' && pem)
                refuse(shown, 'NOT_A_REGULAR_FILE');
        }
    };
    for (const entry of includes) {
        let exists = true;
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(entry);
        }
        catch {
            exists = false;
        }
        const before = found.length;
        if (!exists) {
            if (!hasMagic(entry))
                throw new _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('certificate-path', `names a path that does not exist: ${entry}`);
            for (const f of await deps.glob([entry, ...excludes])) {
                const i = inspect(f, f);
                if (i.kind === 'outside')
                    refuse(f, 'PATH_OUTSIDE_WORKSPACE');
                else if (i.kind === 'file')
                    found.push({ file: f, real: i.real });
                else if (i.kind === 'other')
                    refuse(f, 'NOT_A_REGULAR_FILE');
                // A link to a directory that a pattern matches is not walked: a pattern names files.
            }
            if (found.length === before)
                throw new _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('certificate-path', `pattern "${entry}" matched no files${excludes.length > 0 ? ' (after the exclusions)' : ''}`);
            continue;
        }
        const shown = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(entry);
        const i = inspect(entry, shown);
        if (i.kind === 'outside')
            refuse(shown, 'PATH_OUTSIDE_WORKSPACE');
        else if (i.kind === 'directory') {
            // A directory matches itself and everything below it (implicit descendants).
            await walk(shown, i.real);
            if (found.length === before) {
                throw new _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('certificate-path', `names a directory with no ${[...PEM_EXTENSIONS].join(' / ')} files${excludes.length > 0 ? ' left after the exclusions' : ''}: ${entry}`);
            }
        }
        else if (i.kind === 'file')
            found.push({ file: shown, real: i.real });
        else {
            // Input parsing refuses these too; a FIFO or a device is never opened.
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('certificate-path', `names something that is neither a file nor a directory: ${entry}`);
        }
    }
    // A file named twice (a directory and a pattern) is read once.
    const byFile = new Map(found.map((f) => [f.file, f]));
    return [...byFile.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
async function validateFiles(config, deps) {
    const found = await expandPaths(config.paths, deps);
    const labelOf = relativeTo(deps.workspace);
    const { files, scope } = await narrowToChanged(found, labelOf, config.pullRequest.changedFilesOnly, deps);
    let privateKey;
    if (config.privateKeyPath) {
        try {
            privateKey = { text: (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(config.privateKeyPath), file: relative(config.privateKeyPath, deps.workspace) };
        }
        catch (e) {
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('private-key-path', `names a file that cannot be read: ${config.privateKeyPath} (${e.code ?? 'unreadable'})`);
        }
    }
    const now = deps.now();
    const reports = [];
    for (const found of files) {
        const label = labelOf(found.file);
        if (found.refused || found.real === undefined) {
            reports.push(refusedReport(label, found.refused ?? { code: 'NOT_A_REGULAR_FILE', message: NOT_REGULAR }, config.ca));
            continue;
        }
        // Opened by its resolved path, never through a link that may have taken its place since.
        const read = (0,_workspace_js__WEBPACK_IMPORTED_MODULE_5__/* .readRegularFile */ .X)(found.real, _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_PEM_BYTES */ .kb, { noFollow: true });
        if ('notAFile' in read) {
            // A regular file a moment ago (a directory walk or a glob found it), something else now.
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('certificate-path', `found ${label} as a file, but it is no longer a regular file`);
        }
        if ('tooLarge' in read) {
            reports.push(tooLarge(label, read.tooLarge, config.ca));
            continue;
        }
        if ('openError' in read)
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('certificate-path', `found ${label} as a file, but it cannot be read (${read.openError})`);
        reports.push((0,_pem_index_js__WEBPACK_IMPORTED_MODULE_3__/* .validatePem */ .PO)(read.bytes, {
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
    const all = (reason, permission) => {
        deps.log.info(`changed-files-only: ${reason}; validating all ${files.length} file(s) of certificate-path.`);
        return { files, scope: { kind: 'all', reason, ...(permission ? { permission } : {}) } };
    };
    let changed;
    try {
        changed = await deps.changedFiles();
    }
    catch (e) {
        return all(`could not list the pull request's files (${(0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(e instanceof Error ? e.message : String(e))})`);
    }
    if ('failure' in changed)
        return all(`could not list the pull request's files (${(0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(changed.failure)})`, changed.permission);
    if (changed.pullNumber === undefined)
        return all(`not a pull request (event: ${changed.eventName || 'unknown'})`);
    const pr = `pull request #${changed.pullNumber}`;
    // GitHub lists at most 3,000 of a pull request's files: a file past them would be skipped unseen.
    if (changed.total !== undefined && (changed.total > MAX_LISTED_FILES || changed.total > changed.listed)) {
        return all(`${pr} changes ${changed.total} files and GitHub listed ${changed.listed} (it lists at most ${MAX_LISTED_FILES}), so the changed ones cannot all be known`);
    }
    if (changed.total === undefined && changed.listed >= MAX_LISTED_FILES) {
        return all(`GitHub listed ${changed.listed} files of ${pr}, its limit, so the changed ones cannot all be known`);
    }
    // Changed files are paths from the repository root; they are looked up below the workspace. If
    // none is there, the repository is checked out elsewhere (actions/checkout's path:) and no file
    // could ever match: validating none would pass a pull request with broken files.
    if (changed.files.length > 0 && !changed.files.some((f) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(deps.workspace, f)))) {
        return all(`none of the ${changed.files.length} file(s) ${pr} adds or modifies is under the workspace ${deps.workspace} (is the repository checked out in a subdirectory?), so they cannot be matched`);
    }
    const touched = new Set(changed.files);
    const kept = files.filter((f) => touched.has(labelOf(f.file)));
    deps.log.info(`changed-files-only: ${pr} adds or modifies ${kept.length} of the ${files.length} file(s) of certificate-path (${changed.files.length} file(s) changed in all); validating ${kept.length === 0 ? 'none' : 'those'}.`);
    return { files: kept, scope: { kind: 'changed', pullNumber: changed.pullNumber, validated: kept.length, skipped: files.length - kept.length } };
}
function refusedReport(file, refused, ca) {
    const finding = (0,_pem_index_js__WEBPACK_IMPORTED_MODULE_3__/* .makeFinding */ .MH)(refused.code, `${file} ${refused.message}.`, file, 1);
    return { file, profile: ca === 'false' ? 'leaf' : 'ca', certificates: [], findings: [finding], errorCount: 1, warningCount: 0, noticeCount: 0 };
}
function tooLarge(file, size, ca) {
    const finding = (0,_pem_index_js__WEBPACK_IMPORTED_MODULE_3__/* .makeFinding */ .MH)('FILE_TOO_LARGE', `The file is ${size} bytes, more than the 1 MiB a certificate bundle can reasonably be; is it the right file?`, file, 1);
    return { file, profile: ca === 'false' ? 'leaf' : 'ca', certificates: [], findings: [finding], errorCount: 1, warningCount: 0, noticeCount: 0 };
}
function relative(file, workspace) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(workspace, node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(file));
    return rel.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(rel) ? node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(file) : rel.split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/');
}
/** relative() for many files of one workspace: a file inside it (the usual case) is a slice, not a path.relative. */
function relativeTo(workspace) {
    const prefix = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(workspace) + (node_path__WEBPACK_IMPORTED_MODULE_1___default().sep);
    return (file) => (file.startsWith(prefix) && node_path__WEBPACK_IMPORTED_MODULE_1___default().normalize(file) === file ? file.slice(prefix.length).split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/') : relative(file, workspace));
}


/***/ })

};
