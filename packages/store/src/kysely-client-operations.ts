/**
 * The registered clients of a site ({@link ClientStore.registerClient} and friends), shared by
 * both engines.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import { toMember, toNullableSafeInteger, toSafeInteger } from './message-rows.ts'
import type { ClientsTable, Database } from './schema.ts'
import { CLIENT_STATUSES } from './site-store.ts'
import type { ClientRecord, ClientStore } from './site-store.ts'
import { chunk } from './statement-chunks.ts'

/** Returns the client operations over `db`. */
export function createKyselyClientOperations(db: Kysely<Database>, maxParameters: number): ClientStore {
  const byPublicKey = async (publicKey: string): Promise<ClientRecord | undefined> => {
    const row = await db
      .selectFrom('clients')
      .selectAll()
      .where('public_key', '=', publicKey)
      .executeTakeFirst()
    return row === undefined ? undefined : clientRowToRecord(row)
  }
  const byId = async (clientId: string): Promise<ClientRecord | undefined> => {
    const row = await db
      .selectFrom('clients')
      .selectAll()
      .where('client_id', '=', clientId)
      .executeTakeFirst()
    return row === undefined ? undefined : clientRowToRecord(row)
  }

  return {
    async registerClient(registration) {
      // One statement: of two concurrent registrations of a key, exactly one inserts.
      const inserted = await db
        .insertInto('clients')
        .values({
          client_id: `GUID:${randomUUID()}`,
          name: registration.machine,
          public_key: registration.publicKey,
          approval: registration.status,
          registered_at: registration.registeredAt,
          last_seen_at: null,
          fqdn: registration.fqdn,
          locale_id: registration.localeId,
          agent_identity: registration.agentIdentity,
          agent_version: registration.agentVersion,
          agent_type: registration.agentType,
        })
        .onConflict((oc) => oc.column('public_key').doNothing())
        .returningAll()
        .executeTakeFirst()
      if (inserted !== undefined) return { client: clientRowToRecord(inserted), created: true }
      const existing = await byPublicKey(registration.publicKey)
      if (existing === undefined) {
        // Clients are never deleted, so a conflicting key must still be there.
        throw new Error(`client with public key ${registration.publicKey} vanished during registration`)
      }
      return { client: existing, created: false }
    },

    getClient: byId,
    getClientByPublicKey: byPublicKey,

    async setClientStatus(clientId, status) {
      const row = await db
        .updateTable('clients')
        .set({ approval: status })
        .where('client_id', '=', clientId)
        .returningAll()
        .executeTakeFirst()
      return row === undefined ? undefined : clientRowToRecord(row)
    },

    async listClients() {
      const rows = await db
        .selectFrom('clients')
        .selectAll()
        .orderBy('registered_at')
        .orderBy('client_id')
        .execute()
      return rows.map(clientRowToRecord)
    },

    async touchClients(clientIds, lastSeenAt) {
      for (const part of chunk([...new Set(clientIds)], maxParameters - 2)) {
        await db
          .updateTable('clients')
          .set({ last_seen_at: lastSeenAt })
          .where('client_id', 'in', part)
          .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', lastSeenAt)]))
          .execute()
      }
    },
  }
}

function clientRowToRecord(row: Selectable<ClientsTable>): ClientRecord {
  return {
    clientId: row.client_id,
    publicKey: row.public_key,
    machine: row.name,
    fqdn: row.fqdn,
    localeId: row.locale_id,
    agentIdentity: row.agent_identity,
    agentVersion: row.agent_version,
    agentType: row.agent_type,
    status: toMember(CLIENT_STATUSES, row.approval, `client ${row.client_id}: approval`),
    registeredAt: toSafeInteger(row.registered_at, 'clients.registered_at'),
    lastSeenAt: toNullableSafeInteger(row.last_seen_at, 'clients.last_seen_at'),
  }
}
