/**
 * The state spool: the agent's state messages on disk until the site's relay endpoint
 * (`POST /mp/v1/relay`) acknowledges them. It is the SDK's spool (segments, cursor, dead
 * letters, lock) in its own folder of the state directory, delivering to the relay instead of
 * the status endpoint; each message is stamped with the client ID as it is sent, as the SDK does
 * for status messages spooled before registration.
 */
import type { KeyObject } from 'node:crypto'
import type { StateMessageJson } from '@sitrep/protocol'
import type { DeliveryResult, Spool, StatusReply, Transport } from '@sitrep/sdk'
import { SitrepError, callMp, deliverSpool, openSpool, parseStatusReply, readJson } from '@sitrep/sdk'

/** What the state spool needs to send. */
export interface StateSpoolOptions {
  readonly dir: string
  /** `null` when the agent runs without a site: messages wait in the spool. */
  readonly transport: Transport | null
  readonly signer: () => Promise<{ readonly clientId: string; readonly privateKey: KeyObject } | null>
  readonly clock: () => number
  readonly timeoutMs?: number
}

/** The agent's state spool. */
export interface StateSpool {
  append(messages: readonly StateMessageJson[]): Promise<void>
  /** Sends once without waiting between attempts; `delivered` when the spool is empty. */
  flush(): Promise<DeliveryResult>
  close(): Promise<void>
}

/** Opens (creating) the state spool in `options.dir`. */
export async function openStateSpool(options: StateSpoolOptions): Promise<StateSpool> {
  const deliver = async (messages: readonly StateMessageJson[]): Promise<StatusReply> => {
    const sign = await options.signer()
    if (options.transport === null || sign === null) {
      throw new SitrepError(
        'not_registered',
        'the agent has no site or is not registered yet; its state messages wait in the spool',
      )
    }
    const stamped = messages.map((m) => ({ ...m, origin: { kind: 'client', id: sign.clientId } }))
    const response = await callMp(options.transport, {
      method: 'POST',
      path: '/mp/v1/relay',
      body: Buffer.from(JSON.stringify({ stateMessages: stamped }), 'utf8'),
      contentType: 'application/json',
      signer: sign,
      now: options.clock(),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    })
    return parseStatusReply(readJson(response, 'POST /mp/v1/relay'))
  }
  const spool: Spool<StateMessageJson> = await openSpool<StateMessageJson>({
    dir: options.dir,
    deliver,
    clock: options.clock,
  })
  return {
    append: (messages) => spool.append(messages),
    async flush() {
      if (spool.isEmpty()) return { delivered: true, acknowledged: 0, deadLettered: 0 }
      if (options.transport === null || (await options.signer()) === null)
        return { delivered: false, acknowledged: 0, deadLettered: 0 }
      return deliverSpool({
        spool,
        clock: options.clock,
        sleep: () => Promise.resolve(),
        deadline: options.clock(),
      })
    },
    close: () => spool.close(),
  }
}
