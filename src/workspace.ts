import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs'
import path from 'node:path'

/**
 * The workspace boundary: what a pull request can put in the checkout (a symbolic link to /etc, to
 * the runner's home) must not make the action open a file outside it. A path that lies inside the
 * workspace as written must still lie inside it once every link on the way is resolved. A path the
 * workflow names outside the workspace (a file an earlier step wrote to RUNNER_TEMP) is the
 * workflow's own choice and is not judged here.
 */
export interface WorkspaceBoundary {
  /** The path with every link resolved, or undefined when it leads nowhere (a broken link, gone). */
  resolve(file: string): string | undefined
  /** Whether `file`, as written, lies inside the workspace while its resolved form `real` does not. */
  escapes(file: string, real: string): boolean
}

const within = (p: string, root: string): boolean => p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep)

export function workspaceBoundary(workspace: string): WorkspaceBoundary {
  const written = path.resolve(workspace)
  let real = written
  try {
    real = realpathSync(written)
  } catch {
    // A workspace that does not exist holds nothing to escape from; compare as written.
  }
  return {
    resolve(file) {
      try {
        return realpathSync(file)
      } catch {
        return undefined
      }
    },
    escapes(file, resolved) {
      const abs = path.resolve(file)
      return (within(abs, written) || within(abs, real)) && !within(resolved, real)
    }
  }
}

/** What reading a file that came from the repository gave. */
export type FileRead = { bytes: Buffer } | { notAFile: true } | { tooLarge: number } | { openError: string }

/**
 * A regular file's bytes, of at most `max`, checked on the open descriptor: no window between the
 * check and the read. O_NONBLOCK: a FIFO that took a file's place opens at once and is refused
 * instead of blocking the run until a writer comes. With `noFollow` (a path already resolved), a
 * link that took the file's place is not followed either.
 */
export function readRegularFile(file: string, max: number, options: { noFollow?: boolean } = {}): FileRead {
  let fd: number
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0))
  } catch (e) {
    const code = (e as { code?: unknown }).code
    if (code === 'ELOOP') return { notAFile: true }
    return { openError: typeof code === 'string' ? code : 'unreadable' }
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return { notAFile: true }
    if (stat.size > max) return { tooLarge: stat.size }
    const bytes = Buffer.allocUnsafeSlow(stat.size)
    let n = 0
    while (n < bytes.length) {
      const read = readSync(fd, bytes, n, bytes.length - n, null)
      if (read === 0) break
      n += read
    }
    return { bytes: n === bytes.length ? bytes : bytes.subarray(0, n) }
  } finally {
    closeSync(fd)
  }
}
