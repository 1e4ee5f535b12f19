import type { StartupErrorCode } from '@sitrep/site'

/**
 * Exit codes of `sitrep up` when the environment stops the site from starting, one per kind;
 * documented in docs/cli.md and docs/errors.md. A configuration that does not validate exits 1
 * (a usage error), anything unexpected 2.
 */
export const UP_EXIT_CODES = {
  port_unavailable: 4,
  data_dir_unusable: 5,
  database_unreachable: 6,
} as const satisfies Record<StartupErrorCode, number>
