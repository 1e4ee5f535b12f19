/**
 * The site configuration every scenario that needs a running site uses: SQLite in the
 * scenario's temp directory, loopback on port 0, OS log off, quiet logs, and the MP's per-client
 * rate limit lifted (the bench measures how much the site takes, not how much the limiter lets
 * through; the limiter's own cost stays in the path).
 */
import { join } from 'node:path'

/** Site configuration (as a config file holds it) for a bench site in `dataDir`. */
export function benchSiteConfig(dataDir: string): Readonly<Record<string, unknown>> {
  return {
    siteCode: 'PS1',
    siteName: 'Bench site',
    dataDir,
    http: { host: '127.0.0.1', port: 0 },
    osLog: { mode: 'off' },
    logLevel: 'warn',
    mp: { ratePerSecond: 1_000_000, burst: 1_000_000 },
    // BENCH_SITE_ROLES=management-point measures the MP alone, without the status manager
    // sharing its event loop (docs/performance.md).
    ...(process.env.BENCH_SITE_ROLES === undefined ? {} : { roles: process.env.BENCH_SITE_ROLES.split(',') }),
  }
}

/** Where a bench site in `dataDir` keeps its SQLite file (`sqliteFileFor` of the config above). */
export function benchSiteDatabase(dataDir: string): string {
  return join(dataDir, 'site-ps1.sqlite')
}
