/**
 * The data directory at start-up: made if missing (with its parents), checked for write access,
 * and removed again if start-up fails after this run created it, so a failed start leaves
 * nothing half-made behind.
 */
import { accessSync, constants, mkdirSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { StartupError } from '../errors.ts'
import { osReason } from './os-reason.ts'

/** The data directory, ready for use. */
export interface PreparedDataDir {
  /**
   * Removes what this run created (the directory itself or its first missing parent) and
   * nothing else; a directory that existed before is left alone.
   */
  discard(): void
}

/** Makes `dir` if needed and checks it is a writable directory; throws `data_dir_unusable`. */
export function prepareDataDir(dir: string): PreparedDataDir {
  const absolute = path.resolve(dir)
  let created: string | undefined
  try {
    created = mkdirSync(absolute, { recursive: true, mode: 0o700 })
    if (!statSync(absolute).isDirectory()) {
      throw Object.assign(new Error(`${absolute} is not a directory`), { code: 'ENOTDIR' })
    }
    accessSync(absolute, constants.W_OK | constants.X_OK)
  } catch (error) {
    if (created !== undefined) rmSync(created, { recursive: true, force: true })
    throw new StartupError(
      'data_dir_unusable',
      `cannot use the data directory ${absolute} (${osReason(error)}); give the site's user write ` +
        'access to it or choose another with --data-dir, SITREP_DATA_DIR or dataDir',
      { cause: error },
    )
  }
  return {
    discard() {
      if (created !== undefined) rmSync(created, { recursive: true, force: true })
    },
  }
}
