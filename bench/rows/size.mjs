// @ts-check
/**
 * Row 5. What the runner loads from disk: every file of dist/ (the entry, its lazily loaded chunks,
 * licenses.txt). Three copies of undici once made it 4.5 MB; one copy keeps it under the target.
 */
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { ACTION_BUNDLE } from '../lib/action.mjs'

/** dist/ may weigh at most this many bytes in all (2.8 MB). */
export const SIZE_TARGET_BYTES = 2_800_000

export function bundleSize() {
  const dir = path.dirname(ACTION_BUNDLE)
  const files = readdirSync(dir).filter((f) => statSync(path.join(dir, f)).isFile())
  const bytes = Object.fromEntries(files.map((f) => [f, statSync(path.join(dir, f)).size]))
  const totalBytes = Object.values(bytes).reduce((a, b) => a + b, 0)
  return {
    id: 'size',
    entryBytes: bytes[path.basename(ACTION_BUNDLE)] ?? 0,
    totalBytes,
    files: files.length,
    target: SIZE_TARGET_BYTES,
    pass: totalBytes <= SIZE_TARGET_BYTES
  }
}
