/**
 * State message topic types of ConfigMgr current branch (reference §5.4), with their state
 * names, as data. Where the reference gives a range (800's "100–104 progress") each ID gets a
 * generic name ("progress 100"). Rows the reference only summarises (810, 820, 900–903,
 * 2001–2003) carry Sitrep-chosen names and no states; docs/codecs.md lists them.
 * CM 2007 used other numbers for some topics: this table is current branch only.
 */

/** One state of a topic type. */
export interface StateName {
  readonly id: number
  readonly name: string
}

/** One topic type and its known states. */
export interface TopicType {
  readonly type: number
  readonly name: string
  readonly states: readonly StateName[]
}

function listed(...names: readonly string[]): readonly StateName[] {
  return names.map((name, id) => ({ id, name }))
}

function range(from: number, to: number, label: string): readonly StateName[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ id: from + i, name: `${label} ${from + i}` }))
}

function single(id: number, name: string): readonly StateName[] {
  return [{ id, name }]
}

/** Every topic type Sitrep can name, in ascending order. */
export const TOPIC_TYPES: readonly TopicType[] = [
  {
    type: 300,
    name: 'SUM_ASSIGNMENT_COMPLIANCE',
    states: listed('unknown', 'compliant', 'non-compliant', 'conflict'),
  },
  {
    type: 301,
    name: 'SUM_ASSIGNMENT_ENFORCEMENT',
    states: listed(
      'unknown',
      'installing',
      'waiting for restart',
      'waiting for another install',
      'installed',
      'pending restart',
      'failed',
      'downloading',
      'downloaded',
      'download failed',
      'waiting for maintenance window',
      'waiting for orchestration',
      'waiting for superseding update',
    ),
  },
  {
    type: 302,
    name: 'SUM_ASSIGNMENT_EVALUATION',
    states: listed('unknown', 'activated', 'succeeded', 'failed'),
  },
  {
    type: 400,
    name: 'SUM_CI_DETECTION',
    states: listed('unknown', 'not required', 'not detected', 'detected'),
  },
  {
    type: 401,
    name: 'SUM_CI_COMPLIANCE',
    states: listed(
      'unknown',
      'compliant',
      'non-compliant',
      'conflict',
      'error',
      'unknown',
      'partial',
      'not configured',
    ),
  },
  {
    type: 402,
    name: 'SUM_CI_ENFORCEMENT',
    // The reference lists 14 names for IDs 0–14; Sitrep reads ID 0 as "unknown", like every other topic.
    states: listed(
      'unknown',
      'started',
      'waiting content',
      'waiting install',
      'waiting maintenance window',
      'restart required',
      'general failure',
      'pending install',
      'installing',
      'pending restart',
      'installed',
      'failed',
      'downloading',
      'downloaded',
      'download failed',
    ),
  },
  {
    type: 500,
    name: 'SUM_UPDATE_DETECTION',
    states: listed('unknown', 'not required', 'required', 'installed'),
  },
  {
    type: 501,
    name: 'SUM_UPDATE_SOURCE_SCAN',
    states: listed(
      'unknown',
      'waiting for content/catalog location',
      'running',
      'completed',
      'pending retry',
      'failed',
      'completed with errors',
    ),
  },
  { type: 700, name: 'RESYNC_STATE_MSG', states: [] },
  { type: 701, name: 'SYSTEM_HEARTBEAT', states: [] },
  { type: 702, name: 'CKD_UPDATE', states: [] },
  {
    type: 800,
    name: 'CLIENT_DEPLOYMENT',
    states: [
      ...range(100, 104, 'progress'),
      ...range(301, 329, 'failure'),
      ...range(400, 402, 'success'),
      ...single(500, 'assignment started'),
      ...range(601, 609, 'assignment failure'),
      ...single(700, 'assignment succeeded'),
    ],
  },
  { type: 810, name: 'CO_MANAGEMENT', states: [] },
  { type: 820, name: 'WUFB', states: [] },
  { type: 900, name: 'BRANCH_DP', states: [] },
  { type: 901, name: 'REMOTE_DP', states: [] },
  { type: 902, name: 'PULL_DP', states: [] },
  { type: 903, name: 'DP_903', states: [] },
  { type: 1000, name: 'CLIENT_FRAMEWORK_COMM', states: [...single(1, 'ok'), ...single(2, 'failed')] },
  { type: 1001, name: 'CLIENT_FRAMEWORK_LOCAL', states: [...single(1, 'ok'), ...single(2, 'failed')] },
  { type: 1300, name: 'CLIENT_HEALTH', states: [...single(1, 'success'), ...single(2, 'not successful')] },
  { type: 1600, name: 'USER_AFFINITY', states: [...single(1, 'set'), ...single(2, 'removed')] },
  {
    type: 1702,
    name: 'APP_CI_ENFORCEMENT',
    states: [
      ...range(1000, 1003, 'success'),
      ...range(2000, 2020, 'in progress'),
      ...range(3000, 3001, 'requirements not met'),
      ...single(4000, 'unknown'),
      ...range(5000, 5014, 'error'),
      ...range(6000, 6020, 'launch'),
    ],
  },
  { type: 2001, name: 'EP_DEPLOYMENT', states: [] },
  { type: 2002, name: 'EP_POLICY', states: [] },
  { type: 2003, name: 'EP_CLIENT_ACTION', states: [] },
]

/** Returns the name of a topic type, e.g. `SUM_UPDATE_DETECTION` for 500, or `undefined`. */
export function topicTypeName(type: number): string | undefined {
  return TOPIC_TYPES.find((t) => t.type === type)?.name
}

/** Returns the name of a state of a topic type, e.g. `required` for (500, 2), or `undefined`. */
export function stateName(topicType: number, stateId: number): string | undefined {
  return TOPIC_TYPES.find((t) => t.type === topicType)?.states.find((s) => s.id === stateId)?.name
}
