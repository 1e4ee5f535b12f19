/**
 * Where the reporting commands find the MP, the client state directory, the site and its
 * token: flag, else environment, else the local default. Defaults live here, once.
 */
import path from 'node:path'
import type { CliIo } from './cli-io.ts'

/** The local site `sitrep up` starts. */
export const DEFAULT_SITE_URL = 'http://127.0.0.1:8080'
/** The site's data directory when neither `--data-dir` nor `SITREP_DATA_DIR` says. */
export const DEFAULT_DATA_DIR = '.sitrep'

/** `--mp`, else `SITREP_MP_URL`, else the local site. */
export function resolveMpUrl(flag: string | undefined, io: CliIo): string {
  return flag ?? nonEmpty(io.env.SITREP_MP_URL) ?? DEFAULT_SITE_URL
}

/** `--site`, else `SITREP_SITE_URL`, else the local site. */
export function resolveSiteUrl(flag: string | undefined, io: CliIo): string {
  return flag ?? nonEmpty(io.env.SITREP_SITE_URL) ?? DEFAULT_SITE_URL
}

/** `SITREP_CLIENT_DIR`, else `~/.sitrep-client`. */
export function resolveClientDir(io: CliIo): string {
  return nonEmpty(io.env.SITREP_CLIENT_DIR) ?? path.join(io.homeDir, '.sitrep-client')
}

/** `--data-dir`, else `SITREP_DATA_DIR`, else `.sitrep`. */
export function resolveDataDir(flag: string | undefined, io: CliIo): string {
  return flag ?? nonEmpty(io.env.SITREP_DATA_DIR) ?? DEFAULT_DATA_DIR
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}
