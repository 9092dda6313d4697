#!/usr/bin/env node
// Generates the README's inputs and outputs tables from action.yml, so the two cannot drift.
// `node scripts/readme-tables.mjs` rewrites README.md; `--check` exits 1 when it is out of date.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** @param {string | number | boolean | undefined} s */
const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ')

/**
 * @param {string} actionYml
 * @returns {{ inputs: string, outputs: string }}
 */
export function renderTables(actionYml) {
  /** @type {{ inputs?: Record<string, { required?: boolean, default?: string, description?: string }>, outputs?: Record<string, { description?: string }> }} */
  const action = parse(actionYml)
  const inputs = Object.entries(action.inputs ?? {}).map(
    ([name, i]) => `| \`${name}\` | ${i.required ? 'yes' : 'no'} | ${i.default !== undefined ? `\`${cell(i.default)}\`` : ''} | ${cell(i.description)} |`
  )
  const outputs = Object.entries(action.outputs ?? {}).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`)
  return {
    inputs: ['| Input | Required | Default | Description |', '|---|---|---|---|', ...inputs].join('\n'),
    outputs: ['| Output | Description |', '|---|---|', ...outputs].join('\n')
  }
}

/**
 * @param {string} readme
 * @param {{ inputs: string, outputs: string }} tables
 */
export function applyTables(readme, tables) {
  let out = readme
  for (const kind of /** @type {const} */ (['inputs', 'outputs'])) {
    const re = new RegExp(`(<!-- ${kind}:start -->)[\\s\\S]*?(<!-- ${kind}:end -->)`)
    if (!re.test(out)) throw new Error(`README.md has no <!-- ${kind}:start --> … <!-- ${kind}:end --> markers`)
    out = out.replace(re, (/** @type {string} */ _m, /** @type {string} */ start, /** @type {string} */ end) => `${start}\n${tables[kind]}\n${end}`)
  }
  return out
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const readmePath = path.join(root, 'README.md')
  const readme = readFileSync(readmePath, 'utf8')
  const next = applyTables(readme, renderTables(readFileSync(path.join(root, 'action.yml'), 'utf8')))
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md tables differ from action.yml: run `npm run readme`')
      process.exit(1)
    }
  } else {
    writeFileSync(readmePath, next)
  }
}
