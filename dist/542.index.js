export const id = 542;
export const ids = [542];
export const modules = {

/***/ 542:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   expandPaths: () => (/* binding */ expandPaths),
/* harmony export */   validateFiles: () => (/* binding */ validateFiles)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8422);
/* harmony import */ var _pem_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9192);




/** Extensions taken from a directory; a file named explicitly or by a glob is always read. */
const PEM_EXTENSIONS = new Set(['.pem', '.crt', '.cer', '.cert', '.ca-bundle', '.ca']);
const hasMagic = (s) => /[*?[\]{}!]/.test(s);
/** Files, directories and globs → the list of files to read, in a stable order. */
async function expandPaths(entries, deps) {
    const files = [];
    for (const entry of entries) {
        if (hasMagic(entry)) {
            const matched = (await deps.glob([entry])).filter((f) => isFile(f));
            if (matched.length === 0)
                throw new _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('certificate-path', `pattern "${entry}" matched no files`);
            files.push(...matched);
            continue;
        }
        let stat;
        try {
            stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(entry);
        }
        catch {
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('certificate-path', `names a path that does not exist: ${entry}`);
        }
        if (stat.isDirectory()) {
            const inside = (await deps.glob([entry])).filter((f) => PEM_EXTENSIONS.has(node_path__WEBPACK_IMPORTED_MODULE_1___default().extname(f).toLowerCase()) && isFile(f));
            if (inside.length === 0) {
                throw new _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('certificate-path', `names a directory with no ${[...PEM_EXTENSIONS].join(' / ')} files: ${entry}`);
            }
            files.push(...inside);
        }
        else {
            files.push(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(entry));
        }
    }
    return [...new Set(files)].sort();
}
function isFile(f) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(f).isFile();
    }
    catch {
        return false;
    }
}
async function validateFiles(config, deps) {
    const files = await expandPaths(config.paths, deps);
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
    for (const file of files) {
        const label = relative(file, deps.workspace);
        const size = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(file).size;
        if (size > _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_PEM_BYTES */ .kb) {
            reports.push(tooLarge(label, size, config.ca));
            continue;
        }
        reports.push((0,_pem_index_js__WEBPACK_IMPORTED_MODULE_3__/* .validatePem */ .PO)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file), {
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
    return { operation: 'validate', files: reports, failOn: config.validation.failOn, failed };
}
function tooLarge(file, size, ca) {
    const finding = {
        code: 'FILE_TOO_LARGE',
        severity: 'error',
        message: `The file is ${size} bytes, more than the 1 MiB a certificate bundle can reasonably be; is it the right file?`,
        file,
        line: 1
    };
    return { file, profile: ca === 'false' ? 'leaf' : 'ca', certificates: [], findings: [finding], errorCount: 1, warningCount: 0, noticeCount: 0 };
}
function relative(file, workspace) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(workspace, node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(file));
    return rel.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(rel) ? node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(file) : rel.split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/');
}


/***/ })

};
