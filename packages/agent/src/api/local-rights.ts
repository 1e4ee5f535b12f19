/**
 * Who may act through the local API (docs/agent.md "Who may do what"). Reading the activity is
 * open to every local user; acting — requesting an install, snoozing or accepting a restart —
 * is for root and the agent's own account, for a user logged on to the machine (a logind
 * session), and for members of the group the agent is configured to trust (`--allow-group`).
 * Pure: the local API reads the sessions and the caller's groups and asks here.
 */
import type { Peer } from './peer-credentials.ts'

/** What decides whether a local user may act. */
export interface ActingRights {
  /** uids with a login session on the machine. */
  readonly sessionUids: ReadonlySet<number>
  /** The group whose members may act without a session; `null` when none is configured. */
  readonly allowedGroup: { readonly name: string; readonly gid: number } | null
}

/** The verdict on one caller. */
export type ActingVerdict =
  | { readonly ok: true; readonly as: 'admin' | 'session_user' | 'group_member' }
  | { readonly ok: false; readonly detail: string }

/** Decides whether `peer` (known, not an administrator unless `admin`) may act for itself. */
export function mayAct(peer: Peer, admin: boolean, rights: ActingRights): ActingVerdict {
  if (admin) return { ok: true, as: 'admin' }
  if (rights.sessionUids.has(peer.uid)) return { ok: true, as: 'session_user' }
  const group = rights.allowedGroup
  if (group !== null && peer.gids.includes(group.gid)) return { ok: true, as: 'group_member' }
  const who = `${peer.userName} (uid ${peer.uid})`
  const how =
    group === null
      ? 'log on to this machine, or ask the administrator to start the agent with --allow-group'
      : `log on to this machine, or ask the administrator to add ${peer.userName} to group ${group.name}`
  return {
    ok: false,
    detail: `${who} has no login session on this machine${group === null ? '' : ` and is not in group ${group.name}`}; only ${group === null ? 'root and the logged-on users' : `root, the logged-on users and members of ${group.name}`} may request installs and answer restarts here (${how})`,
  }
}
