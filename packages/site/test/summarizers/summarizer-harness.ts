/** A store, reporter, drain loop and API app with a hand-moved clock, for the summarizer tests. */
import { DEFAULT_FILTER_RULES } from '@sitrep/core'
import type { StatusMessage } from '@sitrep/protocol'
import { createCatalogue, encodeStatusMessageJson, lookupMessage } from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'
import { createSqliteStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createDistributionRuntime } from '../../src/distribution/distribution-runtime.ts'
import { createPolicySigner } from '../../src/distribution/policy-signer.ts'
import { createApp } from '../../src/http/create-app.ts'
import { createSiteReporter } from '../../src/reporting/site-reporter.ts'
import type { SiteReporter } from '../../src/reporting/site-reporter.ts'
import { processInboxBatch } from '../../src/status-manager/process-inbox-batch.ts'
import { defaultSummarizerSettings } from '../../src/summarizers/summarizer-settings.ts'
import type { SummarizerSettings } from '../../src/summarizers/summarizer-settings.ts'

export const TOKEN = 'summaries-test-token-0123456789abcdefghijklmnop'
export const T = Date.UTC(2026, 10, 21, 8)

/** The harness. */
export interface Harness {
  readonly store: SiteStore
  readonly reporter: SiteReporter
  readonly settings: SummarizerSettings
  readonly app: FastifyInstance
  now(): number
  set(ms: number): void
  enqueue(messages: readonly StatusMessage[]): Promise<void>
  /** Runs the status manager's batches until the inbox is empty. */
  drain(): Promise<void>
  close(): Promise<void>
}

export async function createHarness(store?: SiteStore): Promise<Harness> {
  const s = store ?? (await createSqliteStore({ filename: ':memory:' }))
  await s.saveRules(DEFAULT_FILTER_RULES)
  let now = T
  const clock = (): number => now
  const catalogue = createCatalogue()
  const reporter = createSiteReporter({
    store: s,
    siteCode: 'PS1',
    machine: 'SITE-SERVER',
    processId: 1,
    clock,
    severityOf: (module, id) => lookupMessage(catalogue, module, id)?.severity,
  })
  const settings = defaultSummarizerSettings('PS1')
  const app = createApp({
    siteCode: 'PS1',
    siteName: 'Test',
    version: 'test',
    roles: [],
    api: {
      store: s,
      catalogue,
      adminToken: TOKEN,
      clock,
      summaries: { settings, reporter, parentSiteCode: null },
      provider: { reporter, severityOf: (module, id) => lookupMessage(catalogue, module, id)?.severity },
      // Content is written only on upload, which the harness's tests do not do.
      distribution: {
        runtime: createDistributionRuntime({
          store: s,
          siteCode: 'PS1',
          dataDir: path.join(tmpdir(), 'sitrep-harness-unused'),
          signer: createPolicySigner(),
          clock,
        }),
        reporter,
        siteCode: 'PS1',
      },
    },
  })
  return {
    store: s,
    reporter,
    settings,
    app,
    now: clock,
    set: (ms) => {
      now = ms
    },
    async enqueue(messages) {
      for (let i = 0; i < messages.length; i += 1000) {
        await s.enqueueInbox(
          messages.slice(i, i + 1000).map((m) => ({
            id: m.id,
            body: JSON.stringify(encodeStatusMessageJson(m)),
            receivedAt: now,
            source: 'mp',
            trusted: true,
          })),
        )
      }
    },
    async drain() {
      const context = () => ({
        rules: DEFAULT_FILTER_RULES,
        site: { siteCode: 'PS1', parentSiteCode: null },
        now,
        futureThresholdMs: 300_000,
        render: () => '',
        exportTargets: new Set<string>(),
      })
      while ((await processInboxBatch(s, { batchSize: 500, context })).claimed > 0) {
        // Keep going until the inbox is empty.
      }
    },
    async close() {
      await app.close()
      await s.close()
    },
  }
}
