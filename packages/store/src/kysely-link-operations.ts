/**
 * The site hierarchy's store operations ({@link SiteLinkOperations}), shared by both engines.
 */
import { sql } from 'kysely'
import type { Kysely, Selectable } from 'kysely'
import { REPLICATION_PRIORITIES } from '@sitrep/core'
import { StoreError } from './errors.ts'
import { toMember, toNullableSafeInteger, toSafeInteger } from './message-rows.ts'
import type { Database, OutboxTable, SiteLinksTable } from './schema.ts'
import { SITE_LINK_DIRECTIONS, SITE_LINK_STATUSES } from './site-links.ts'
import type { OutboxEntry } from './site-store.ts'
import type { SiteLink, SiteLinkOperations, SubtreeSite } from './site-links.ts'
import { chunkForParameters } from './statement-chunks.ts'

/** Returns the link operations over `db`. */
export function createKyselyLinkOperations(db: Kysely<Database>, maxParameters: number): SiteLinkOperations {
  const get: SiteLinkOperations['getSiteLink'] = async (direction, siteCode) => {
    const row = await db
      .selectFrom('site_links')
      .selectAll()
      .where('direction', '=', direction)
      .where('site_code', '=', siteCode)
      .executeTakeFirst()
    return row === undefined ? undefined : linkRowToLink(row)
  }
  const mustGet = async (direction: 'parent' | 'child', siteCode: string): Promise<SiteLink> => {
    const link = await get(direction, siteCode)
    // Called right after an upsert of this very row; links are never deleted.
    if (link === undefined) throw new Error(`site link ${direction} ${siteCode} vanished`)
    return link
  }

  return {
    async enrolChildLink({ siteCode, url, publicKey, approved, at }) {
      const status = approved ? 'approved' : 'pending'
      const existing = await get('child', siteCode)
      if (existing === undefined) {
        await db
          .insertInto('site_links')
          .values({
            direction: 'child',
            site_code: siteCode,
            url,
            public_key: publicKey,
            status,
            enrolled_at: at,
          })
          .onConflict((oc) => oc.columns(['direction', 'site_code']).doNothing())
          .execute()
      } else if (existing.publicKey !== publicKey) {
        // A new key is a new identity: it needs the secret or an administrator again.
        await db
          .updateTable('site_links')
          .set({ url, public_key: publicKey, status, enrolled_at: at })
          .where('direction', '=', 'child')
          .where('site_code', '=', siteCode)
          .execute()
      } else if (approved || existing.url !== url) {
        await db
          .updateTable('site_links')
          .set({ url, ...(approved && existing.status === 'pending' ? { status } : {}) })
          .where('direction', '=', 'child')
          .where('site_code', '=', siteCode)
          .execute()
      }
      return mustGet('child', siteCode)
    },

    async saveParentLink({ siteCode, url, publicKey, status, at }) {
      await db
        .deleteFrom('site_links')
        .where('direction', '=', 'parent')
        .where('site_code', '!=', siteCode)
        .execute()
      await db
        .insertInto('site_links')
        .values({
          direction: 'parent',
          site_code: siteCode,
          url,
          public_key: publicKey,
          status,
          enrolled_at: at,
        })
        .onConflict((oc) =>
          oc.columns(['direction', 'site_code']).doUpdateSet({ url, public_key: publicKey, status }),
        )
        .execute()
      return mustGet('parent', siteCode)
    },

    getSiteLink: get,

    async listSiteLinks() {
      const rows = await db
        .selectFrom('site_links')
        .selectAll()
        .orderBy('direction', 'desc')
        .orderBy('site_code')
        .execute()
      return rows.map(linkRowToLink)
    },

    async setSiteLinkStatus(direction, siteCode, status) {
      const row = await db
        .updateTable('site_links')
        .set({ status })
        .where('direction', '=', direction)
        .where('site_code', '=', siteCode)
        .returningAll()
        .executeTakeFirst()
      return row === undefined ? undefined : linkRowToLink(row)
    },

    async touchSiteLink(direction, siteCode, at) {
      const link = await get(direction, siteCode)
      if (link === undefined) return null
      // The contact time first: were the mark cleared first, the silent-children watch could run
      // in between, see the old contact time and mark the link (and raise a 4800) again.
      await db
        .updateTable('site_links')
        .set({ last_contact_at: at })
        .where('direction', '=', direction)
        .where('site_code', '=', siteCode)
        .where((eb) => eb.or([eb('last_contact_at', 'is', null), eb('last_contact_at', '<', at)]))
        .execute()
      if (link.unknownSince === null) return null
      const result = await db
        .updateTable('site_links')
        .set({ unknown_since: null })
        .where('direction', '=', direction)
        .where('site_code', '=', siteCode)
        .where('unknown_since', '=', link.unknownSince)
        .executeTakeFirst()
      // Only the request whose update changed the row reports the return.
      return result.numUpdatedRows > 0n ? link.unknownSince : null
    },

    async markSilentChildren(cutoff, now) {
      const rows = await db
        .updateTable('site_links')
        .set({ unknown_since: now })
        .where('direction', '=', 'child')
        .where('status', '=', 'approved')
        .where('unknown_since', 'is', null)
        .where((eb) =>
          eb.or([
            eb('last_contact_at', '<', cutoff),
            eb.and([eb('last_contact_at', 'is', null), eb('enrolled_at', '<', cutoff)]),
          ]),
        )
        .returningAll()
        .execute()
      return rows.map(linkRowToLink)
    },

    async recordSiteLinkAck(direction, siteCode, { lastAckedSeq, sent, at }) {
      await db
        .updateTable('site_links')
        .set({ sent_count: sql<number>`sent_count + ${sent}`, last_contact_at: at })
        .where('direction', '=', direction)
        .where('site_code', '=', siteCode)
        .execute()
      await db
        .updateTable('site_links')
        .set({ last_acked_seq: lastAckedSeq })
        .where('direction', '=', direction)
        .where('site_code', '=', siteCode)
        .where('last_acked_seq', '<', lastAckedSeq)
        .execute()
    },

    async addSiteLinkDeferred(direction, siteCode, count) {
      await db
        .updateTable('site_links')
        .set({ deferred_count: sql<number>`deferred_count + ${count}` })
        .where('direction', '=', direction)
        .where('site_code', '=', siteCode)
        .execute()
    },

    async setSiteLinkSubtree(siteCode, subtree) {
      await db
        .updateTable('site_links')
        .set({ subtree: JSON.stringify(subtree) })
        .where('direction', '=', 'child')
        .where('site_code', '=', siteCode)
        .execute()
    },

    async listReplicationDue({ target, now, limit, minPriority }) {
      if (limit <= 0) return []
      const floor = REPLICATION_PRIORITIES.indexOf(minPriority ?? 'low')
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('kind', '=', 'replicate')
        .where('target', '=', target)
        .where('not_before', '<=', now)
        .where('priority', '>=', floor)
        .orderBy('priority', 'desc')
        .orderBy('seq')
        .limit(limit)
        .execute()
      return rows.map(replicateRowToEntry)
    },

    async replicationBacklog(target) {
      const rows = await db
        .selectFrom('outbox')
        .select(['priority', (eb) => eb.fn.countAll().as('n')])
        .where('kind', '=', 'replicate')
        .where('target', '=', target)
        .groupBy('priority')
        .execute()
      const count = (lane: number): number => {
        const row = rows.find((r) => r.priority === lane)
        return row === undefined ? 0 : toSafeInteger(row.n, 'count(outbox)')
      }
      return { low: count(0), medium: count(1), high: count(2) }
    },

    async setComponentCounts(rows) {
      const unique = new Map(
        rows.map((r) => [JSON.stringify([r.siteCode, r.machine, r.component, r.hourStart, r.severity]), r]),
      )
      for (const part of chunkForParameters([...unique.values()], 6, maxParameters)) {
        await db
          .insertInto('component_counts')
          .values(
            part.map((r) => ({
              site_code: r.siteCode,
              machine: r.machine,
              component: r.component,
              hour_start: r.hourStart,
              severity: r.severity,
              count: r.count,
            })),
          )
          .onConflict((oc) =>
            oc
              .columns(['site_code', 'machine', 'component', 'hour_start', 'severity'])
              .doUpdateSet((eb) => ({ count: eb.ref('excluded.count') })),
          )
          .execute()
      }
    },
  }
}

function linkRowToLink(row: Selectable<SiteLinksTable>): SiteLink {
  const what = `site link ${row.direction} ${row.site_code}`
  return {
    direction: toMember(SITE_LINK_DIRECTIONS, row.direction, `${what}: direction`),
    siteCode: row.site_code,
    url: row.url,
    publicKey: row.public_key,
    status: toMember(SITE_LINK_STATUSES, row.status, `${what}: status`),
    enrolledAt: toSafeInteger(row.enrolled_at, 'site_links.enrolled_at'),
    lastContactAt: toNullableSafeInteger(row.last_contact_at, 'site_links.last_contact_at'),
    lastAckedSeq: toSafeInteger(row.last_acked_seq, 'site_links.last_acked_seq'),
    unknownSince: toNullableSafeInteger(row.unknown_since, 'site_links.unknown_since'),
    subtree: parseSubtree(row.subtree),
    sentCount: toSafeInteger(row.sent_count, 'site_links.sent_count'),
    deferredCount: toSafeInteger(row.deferred_count, 'site_links.deferred_count'),
  }
}

function parseSubtree(text: string): readonly SubtreeSite[] {
  try {
    const value: unknown = JSON.parse(text)
    if (!Array.isArray(value)) return []
    return value.flatMap((v: unknown) =>
      typeof v === 'object' &&
      v !== null &&
      'siteCode' in v &&
      'parentSiteCode' in v &&
      typeof v.siteCode === 'string' &&
      typeof v.parentSiteCode === 'string'
        ? [{ siteCode: v.siteCode, parentSiteCode: v.parentSiteCode }]
        : [],
    )
  } catch {
    return []
  }
}

function replicateRowToEntry(r: Selectable<OutboxTable>): OutboxEntry {
  const priority = REPLICATION_PRIORITIES[r.priority]
  if (priority === undefined) {
    throw new StoreError('corrupt_row', `outbox.priority holds ${r.priority}, expected 0–2`)
  }
  return {
    seq: toSafeInteger(r.seq, 'outbox.seq'),
    kind: 'replicate',
    target: r.target,
    priority,
    messageId: r.message_id,
    payload: r.payload,
    createdAt: toSafeInteger(r.created_at, 'outbox.created_at'),
    attempts: r.attempts,
    notBefore: toSafeInteger(r.not_before, 'outbox.not_before'),
  }
}
