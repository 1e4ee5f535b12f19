/**
 * A Sitrep site in a child process of its own, so the bench can read its CPU and memory from
 * `/proc`. Started with `startSite`, exactly as `sitrep up` does, from the site configuration
 * (JSON) in the `BENCH_SITE_CONFIG` environment variable; ends on SIGTERM.
 */
import { parseSiteConfig, startSite } from '@sitrep/site'
import { pino } from 'pino'
import type { ServerReady } from './server-messages.ts'

const config = parseSiteConfig(JSON.parse(process.env.BENCH_SITE_CONFIG ?? '{}'), 'BENCH_SITE_CONFIG')
const site = await startSite(config, { logger: pino({ level: 'warn' }, pino.destination(2)) })
const ready: ServerReady = { type: 'ready', url: site.url }
process.send?.(ready)
process.once('SIGTERM', () => {
  site.stop().then(
    () => process.disconnect(),
    (error: unknown) => {
      process.stderr.write(`site stop failed: ${String(error)}\n`)
      process.disconnect()
    },
  )
})
