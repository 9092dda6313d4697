import { realpathSync } from 'node:fs'
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
