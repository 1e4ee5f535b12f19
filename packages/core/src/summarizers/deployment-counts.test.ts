import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildDeploymentMessage } from '../../test/helpers/deployment-message.ts'
import { deploymentCounts } from './deployment-counts.ts'
import { DEPLOYMENT_MESSAGE_TABLE } from './deployment-states.ts'
import { foldDeploymentMessages } from './deployment-status.ts'

const T0 = Date.parse('2026-11-21T08:00:00Z')
const MINUTE = 60_000

/** One client's stream: message IDs a minute apart, with rising sequence numbers. */
function stream(machine: string, ids: readonly number[], deploymentId = 'PS120001') {
  return ids.map((id, i) =>
    buildDeploymentMessage(deploymentId, machine, id, T0 + i * MINUTE, {
      sequence: i + 1,
      origin: { kind: 'client', id: machine },
    }),
  )
}

describe('deploymentCounts', () => {
  it('counts each client once, in the counter of its current state', () => {
    const messages = [
      ...stream('PC01', [10002, 10005, 10008]),
      ...stream('PC02', [10002, 10005, 10006]),
      ...stream('PC03', [10002, 10005, 10055, 10005]),
      ...stream('PC04', [10002, 10005, 10055]),
      ...stream('PC05', [10002, 10005, 10022]),
      ...stream('PC06', [10002, 10073]),
      ...stream('PC07', [10002]),
      ...stream('PC08', [10010]),
      ...stream('PC09', [10018]),
      ...stream('PC10', [10002, 10023]),
      ...stream('PC11', [10002, 10005, 10008], 'PS120002'),
    ]
    const counts = deploymentCounts('PS120001', foldDeploymentMessages(messages), [
      'pc01',
      'PC12',
      'PC13',
      'pc12',
    ])
    expect(counts).toEqual({
      targeted: 12,
      accepted: 1,
      running: 2,
      waiting: 1,
      retrying: 1,
      succeeded: 1,
      failed: 2,
      rebootPending: 1,
      noStatus: 1,
      notYetReported: ['PC12', 'PC13'],
    })
  })

  it('counts a retry that ends in success as succeeded, whatever order the messages arrive in', () => {
    const messages = stream('PC01', [10002, 10005, 10055, 10005, 10008])
    const reversed = [...messages].reverse()
    expect(deploymentCounts('PS120001', foldDeploymentMessages(reversed)).succeeded).toBe(1)
  })

  it('adds up to the targeted count for any stream', () => {
    const ids = [...DEPLOYMENT_MESSAGE_TABLE.flatMap(([messageIds]) => messageIds), 10010]
    const message = fc.record({
      machine: fc.constantFrom('PC01', 'PC02', 'pc02', 'PC03'),
      id: fc.constantFrom(...ids),
      minute: fc.nat(30),
    })
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 30 }),
        fc.subarray(['PC01', 'PC04', 'PC05']),
        (items, targets) => {
          const messages = items.map((m, i) =>
            buildDeploymentMessage('PS120001', m.machine, m.id, T0 + m.minute * MINUTE, { sequence: i + 1 }),
          )
          const { targeted, notYetReported, ...counters } = deploymentCounts(
            'PS120001',
            foldDeploymentMessages(messages),
            targets,
          )
          const sum = Object.values(counters).reduce((a, b) => a + b, 0)
          expect(sum + notYetReported.length).toBe(targeted)
        },
      ),
    )
  })
})
