/**
 * The agent's durable state in one place: the queue file, and the hand-over of the status
 * messages each step raises to the SDK's spool and of the state messages it sets to the state
 * spool. Every change goes through {@link AgentStore.commit}, one at a time: the new jobs and the
 * step's messages (state messages numbered from the file's serial counter) are written in one
 * atomic replace, then the messages are appended to their spools and cleared from the outboxes. A crash between the two
 * writes spools the outbox again at the next start with the same message IDs, and the site drops
 * the copy it already has: nothing is lost, nothing is stored twice.
 */
import type { StateMessageJson, StatusMessageJson } from '@sitrep/protocol'
import { encodeStatusMessageJson, newMessageId } from '@sitrep/protocol'
import type { SitrepClient } from '@sitrep/sdk'
import type { DeploymentReport } from './core/deployment-reports.ts'
import { buildStateMessage } from './core/deployment-states.ts'
import { AgentError } from './errors.ts'
import type { QueueState } from './io/queue-file.ts'
import { readQueueFile, writeQueueFile } from './io/queue-file.ts'
import type { StateSpool } from './io/state-spool.ts'

/** The durable state of a running agent. */
export interface AgentStore {
  /** The state as last committed. */
  state(): QueueState
  /**
   * Applies `update` and raises `reports` in one durable step, then spools the reports.
   * Commits run one after another in call order.
   */
  commit(
    update: (state: QueueState) => QueueState,
    reports?: readonly DeploymentReport[],
  ): Promise<QueueState>
  /** Spools whatever the outbox still holds (after a crash). */
  drainOutbox(): Promise<void>
  /**
   * Waits for the commits in flight, then refuses new ones (`agent_stopped`): a job step that
   * finishes after the agent stopped is not written, and the next start re-detects the job.
   */
  close(): Promise<void>
}

/** Opens the store over `file`, spooling status messages through `client` and state messages to `states`. */
export async function openAgentStore(
  file: string,
  client: SitrepClient,
  states: Pick<StateSpool, 'append'>,
): Promise<AgentStore> {
  let current = await readQueueFile(file)
  let chain: Promise<unknown> = Promise.resolve()
  let closed = false

  const spoolOutbox = async (): Promise<void> => {
    if (current.outbox.length === 0 && current.stateOutbox.length === 0) return
    const messages: readonly StatusMessageJson[] = current.outbox
    const stateMessages: readonly StateMessageJson[] = current.stateOutbox
    if (messages.length > 0) await (await client.spool()).append(messages)
    if (stateMessages.length > 0) await states.append(stateMessages)
    current = {
      ...current,
      outbox: current.outbox.slice(messages.length),
      stateOutbox: current.stateOutbox.slice(stateMessages.length),
    }
    await writeQueueFile(file, current)
  }

  const serialize = <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) {
      return Promise.reject(
        new AgentError(
          'agent_stopped',
          `the agent has stopped; ${file} takes no more changes until it starts`,
        ),
      )
    }
    const run = chain.then(work, work)
    chain = run.catch(() => undefined)
    return run
  }

  return {
    state: () => current,
    commit(update, reports = []) {
      return serialize(async () => {
        const built: StatusMessageJson[] = []
        const builtStates: StateMessageJson[] = []
        let serial = current.stateSerial
        for (const { appState, ...report } of reports) {
          built.push(
            encodeStatusMessageJson(
              await client.buildMessage({ ...report, messageType: report.messageType ?? 'milestone' }),
            ),
          )
          if (appState === undefined) continue
          serial += 1
          const messageTime = client.clock()
          builtStates.push(
            buildStateMessage(appState, { id: newMessageId(messageTime), messageTime, serialNumber: serial }),
          )
        }
        const next = update(current)
        current = {
          ...next,
          outbox: [...next.outbox, ...built],
          stateOutbox: [...next.stateOutbox, ...builtStates],
          stateSerial: serial,
        }
        await writeQueueFile(file, current)
        await spoolOutbox()
        return current
      })
    },
    drainOutbox() {
      return serialize(spoolOutbox)
    },
    async close() {
      closed = true
      await chain
    },
  }
}
