export const id = 937;
export const ids = [937];
export const modules = {

/***/ 2937:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   publishTrackingIssue: () => (/* binding */ publishTrackingIssue)
/* harmony export */ });
/* harmony import */ var _github_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1994);
/* harmony import */ var _tracking_issue_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2835);


/**
 * Keeps report's one tracking issue: finds it by marker and label, then creates, edits, reopens or
 * closes it as planTrackingIssue says, through the injected GitHub client. Nothing here throws:
 * a failure (a token without issues: write, GitHub down) is returned with the permission that
 * would fix it, and the report exits by its own rules.
 */
async function publishTrackingIssue(result, target, deps) {
    const notes = [];
    let gh;
    try {
        gh = await deps.github();
    }
    catch (e) {
        return { action: 'none', failure: { detail: (0,_github_types_js__WEBPACK_IMPORTED_MODULE_0__/* .describeGitHubFailure */ .Po)(e).detail }, notes };
    }
    const ctx = { accountId: target.accountId, run: gh.run, ...(target.action ? { action: target.action } : {}) };
    try {
        const found = await gh.api.findIssues(target.label, (0,_tracking_issue_js__WEBPACK_IMPORTED_MODULE_1__/* .trackingMarker */ .MA)(target.accountId, result.typeFilter));
        const plan = (0,_tracking_issue_js__WEBPACK_IMPORTED_MODULE_1__/* .planTrackingIssue */ .sC)(result, found, ctx);
        let outcome;
        switch (plan.kind) {
            case 'none':
                outcome = { action: 'none', notes };
                break;
            case 'create': {
                await gh.api.ensureLabel(target.label, _tracking_issue_js__WEBPACK_IMPORTED_MODULE_1__/* .TRACKING_LABEL */ .Bu);
                const issue = await gh.api.createIssue({ title: plan.title, body: plan.body, labels: [target.label] });
                // GitHub drops the labels of a new issue silently when the token may not set them; the
                // next run looks for the label, and would not find the issue.
                if (!issue.labels.some((l) => l.toLowerCase() === target.label.toLowerCase())) {
                    notes.push(`GitHub did not put the label "${target.label}" on issue #${issue.number}; add it by hand, or the next run opens another issue.`);
                }
                outcome = { action: 'created', issue: { number: issue.number, url: issue.url }, notes };
                break;
            }
            case 'update': {
                const issue = await gh.api.updateIssue(plan.issue, plan.change);
                outcome = { action: plan.reopen ? 'reopened' : 'updated', issue: { number: issue.number, url: issue.url }, notes };
                break;
            }
            case 'close': {
                // The comment first, so that a failed close leaves the issue open (and a re-run closes it).
                await gh.api.createIssueComment(plan.issue, plan.comment);
                const issue = await gh.api.updateIssue(plan.issue, { state: 'closed', stateReason: 'completed' });
                outcome = { action: 'closed', issue: { number: issue.number, url: issue.url }, notes };
                break;
            }
        }
        const kept = outcome.issue?.number;
        for (const n of plan.duplicates)
            await closeDuplicate(gh.api, n, kept, notes);
        return outcome;
    }
    catch (e) {
        const { detail, permission } = (0,_github_types_js__WEBPACK_IMPORTED_MODULE_0__/* .describeGitHubFailure */ .Po)(e);
        return { action: 'none', failure: { detail, ...(permission ? { permission: 'issues: write' } : {}) }, notes };
    }
}
/** A second open issue (two first runs at once): closed as not planned, pointing at the one kept. */
async function closeDuplicate(api, issue, kept, notes) {
    await api.createIssueComment(issue, kept ? `Duplicate of #${kept}: the expiry report keeps one open issue.\n` : 'The expiry report keeps one open issue: closing this second one.\n');
    await api.updateIssue(issue, { state: 'closed', stateReason: 'not_planned' });
    notes.push(`Closed issue #${issue}, a second open tracking issue${kept ? ` (kept #${kept})` : ''}.`);
}


/***/ })

};
