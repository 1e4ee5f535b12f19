// Public API of @sitrep/site: what other packages use — configuration, start-up and its errors,
// the running site, and the few pure pieces the CLI, the console's browser tests and the
// benchmarks reach for. Everything else is internal to the site.
export { loadSiteConfig, parseSiteConfig, splitRoles } from './config.ts'
export type { SiteConfig, SiteConfigOverrides, SiteRole } from './config.ts'
export { ConfigError, isStartupError } from './errors.ts'
export type { StartupErrorCode } from './errors.ts'
export { startSite } from './start-site.ts'
export type { RunningSite, StartSiteOptions } from './start-site.ts'
export { ADMIN_TOKEN_FILE } from './http/admin-token.ts'
export { processInboxBatch } from './status-manager/process-inbox-batch.ts'
export { formatRfc5424 } from './actions/os-log/format-rfc5424.ts'
export { deploymentStatus } from './distribution/deployment-status.ts'
