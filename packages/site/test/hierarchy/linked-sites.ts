/**
 * Test helpers for in-process parent and child sites (`startSite` on loopback, SQLite in temp
 * data directories): a free port to restart a site on, site configurations that link a child to
 * its parent, filter rules, and status messages to feed into a site's inbox.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FilterRule, ReplicationPriority } from '@sitrep/core'
import { newMessageId } from '@sitrep/protocol'
import type { Severity } from '@sitrep/protocol'
import type { InboxItem } from '@sitrep/store'
import { parseSiteConfig } from '../../src/config.ts'
import type { SiteConfig } from '../../src/config.ts'

/** The enrolment secret the test parents accept. */
export const LINK_SECRET = 'linked-sites-test-enrolment-secret'

/** A port that was free a moment ago, so a site can stop and come back on the same URL. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** A temporary directory for the data directories of a test's sites. */
export function makeSitesDir(prefix: string): { readonly dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), `sitrep-${prefix}-`))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A parent site's configuration: it approves children presenting {@link LINK_SECRET}. */
export function parentConfig(dir: string, siteCode: string, port: number, extra: object = {}): SiteConfig {
  return parseSiteConfig({
    siteCode,
    dataDir: path.join(dir, siteCode.toLowerCase()),
    http: { port },
    osLog: { mode: 'off' },
    logLevel: 'silent',
    statusManager: { idlePollMs: 20, batchSize: 2000 },
    links: { enrolmentSecrets: [LINK_SECRET] },
    ...extra,
  })
}

/** A child site's configuration, linked to the parent at `parentPort` on loopback. */
export function childConfig(
  dir: string,
  siteCode: string,
  parent: { readonly siteCode: string; readonly port: number } & Record<string, unknown>,
): SiteConfig {
  const { port, ...link } = parent
  return parseSiteConfig({
    siteCode,
    dataDir: path.join(dir, siteCode.toLowerCase()),
    http: { port: 0 },
    osLog: { mode: 'off' },
    logLevel: 'silent',
    statusManager: { idlePollMs: 20, batchSize: 2000 },
    parent: {
      url: `http://127.0.0.1:${port}`,
      secret: LINK_SECRET,
      pollMs: 20,
      maxBackoffSeconds: 1,
      ...link,
    },
  })
}

/** Rules that keep everything and replicate each severity in the lane given (none: not at all). */
export function replicationRules(lanes: Partial<Record<Severity, ReplicationPriority>>): FilterRule[] {
  const replicate = Object.entries(lanes).map(([severity, priority]): FilterRule => ({
    id: `${severity}-up`,
    name: `Replicate ${severity} messages at ${priority} priority`,
    enabled: true,
    // Object.entries widens the Severity keys to string; they came from the typed record.
    criteria: { severity: severity as Severity },
    actions: {
      writeToDatabase: true,
      daysToKeep: 30,
      replicateToParent: true,
      replicationPriority: priority,
    },
  }))
  const keep: FilterRule = {
    id: 'keep',
    name: 'Keep the rest',
    enabled: true,
    criteria: {},
    actions: { writeToDatabase: true, daysToKeep: 30 },
  }
  return [...replicate, keep]
}

/** `count` inbox items of `severity` from component `component`, numbered from `from`. */
export function inboxMessages(
  component: string,
  severity: Severity,
  from: number,
  count: number,
  now = Date.now(),
): InboxItem[] {
  const messageIds = { informational: 39997, warning: 39998, error: 39999 } as const
  return Array.from({ length: count }, (_, k) => {
    const i = from + k
    const message = {
      id: newMessageId(now),
      origin: { kind: 'client', id: 'GUID:5b1c6a8e-0000-4000-8000-000000000007' },
      sequence: i + 1,
      severity,
      messageType: 'milestone',
      messageId: messageIds[severity],
      module: 'SMS Provider',
      component,
      machine: 'WKS-007',
      createdAt: new Date(now).toISOString(),
      insertionStrings: [`${severity} ${i}`],
    }
    return { id: message.id, body: JSON.stringify(message), receivedAt: now, source: 'mp', trusted: true }
  })
}
