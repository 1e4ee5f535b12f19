/**
 * `MessageState` of the deployment (advertisement) status summarizer (reference §10.5):
 * -1 and 0 are derived, 1–3 come from acceptance messages, 4–13 from delivery messages.
 */
export const DEPLOYMENT_STATES = [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] as const
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number]

/** The two tracks a client reports on per deployment: receiving it, and running its program. */
export const DEPLOYMENT_TRACKS = ['acceptance', 'delivery'] as const
export type DeploymentTrack = (typeof DEPLOYMENT_TRACKS)[number]

/** One state's name (`StateName`) and the track it belongs to (`none` for the derived ones). */
export interface DeploymentStateInfo {
  readonly state: DeploymentState
  readonly name: string
  readonly track: DeploymentTrack | 'none'
}

/** Every state with its name, in `MessageState` order. */
export const DEPLOYMENT_STATE_INFO: readonly DeploymentStateInfo[] = Object.freeze([
  { state: -1, name: 'Accepted - No Further Status', track: 'none' },
  { state: 0, name: 'No Status', track: 'none' },
  { state: 1, name: 'Accepted', track: 'acceptance' },
  { state: 2, name: 'Rejected', track: 'acceptance' },
  { state: 3, name: 'Expired', track: 'acceptance' },
  { state: 4, name: 'Will Not Rerun', track: 'delivery' },
  { state: 5, name: 'Download In Progress', track: 'delivery' },
  { state: 6, name: 'Download Complete', track: 'delivery' },
  { state: 7, name: 'Cancelled', track: 'delivery' },
  { state: 8, name: 'Waiting', track: 'delivery' },
  { state: 9, name: 'Running', track: 'delivery' },
  { state: 10, name: 'Retrying', track: 'delivery' },
  { state: 11, name: 'Failed', track: 'delivery' },
  { state: 12, name: 'Reboot Pending', track: 'delivery' },
  { state: 13, name: 'Succeeded', track: 'delivery' },
])

/** Returns a state's name, e.g. `Reboot Pending` for 12. */
export function deploymentStateName(state: DeploymentState): string {
  return DEPLOYMENT_STATE_INFO.find((info) => info.state === state)?.name ?? String(state)
}

/** Returns the track a message-driven state belongs to; `undefined` for the derived -1 and 0. */
export function deploymentStateTrack(state: DeploymentState): DeploymentTrack | undefined {
  const track = DEPLOYMENT_STATE_INFO.find((info) => info.state === state)?.track
  return track === 'none' ? undefined : track
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/**
 * The message → state table of `v_AdvertisementStatusInformation` (reference §10.5), as rows of
 * message IDs and the state they set. Other software-distribution message IDs set no state.
 */
export const DEPLOYMENT_MESSAGE_TABLE: readonly (readonly [readonly number[], DeploymentState])[] =
  Object.freeze([
    [[10002], 1],
    [[10000, 10018], 2],
    [[10019], 3],
    [[10041, 10042], 4],
    [[10023], 5],
    [[10024], 6],
    [[10031, 10034], 7],
    [[10020, 10035, 10036, 10037, 10073, 10077], 8],
    [[10005], 9],
    [[10045, 10046, 10055, 10056, 10060, 10061, 10062, 10071, 10072], 10],
    [
      [
        10001,
        10003,
        10004,
        10006,
        10007,
        10021,
        10025,
        10030,
        ...range(10050, 10054),
        10057,
        10058,
        10070,
        10074,
        10078,
        10079,
        10080,
      ],
      11,
    ],
    [[10022, 10075, 10076], 12],
    [[10008, 10009, 10040], 13],
  ])

const BY_MESSAGE: ReadonlyMap<number, DeploymentState> = new Map(
  DEPLOYMENT_MESSAGE_TABLE.flatMap(([ids, state]) => ids.map((id) => [id, state] as const)),
)

/** Returns the state a software-distribution message ID sets, or `undefined` if it sets none. */
export function deploymentStateOfMessage(messageId: number): DeploymentState | undefined {
  return BY_MESSAGE.get(messageId)
}
