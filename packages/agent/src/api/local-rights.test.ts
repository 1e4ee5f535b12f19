import { describe, expect, it } from 'vitest'
import { mayAct } from './local-rights.ts'
import { groupsFromStatus } from './peer-credentials.ts'
import { parseLoginSession, sessionUserIds } from './session-users.ts'

const ada = { uid: 1000, pid: 42, userName: 'ada', gids: [1000, 27] }

describe('mayAct', () => {
  it('lets root, a logged-on user and a member of the allowed group act, and nobody else', () => {
    const none = { sessionUids: new Set<number>(), allowedGroup: null }
    expect(mayAct(ada, true, none)).toEqual({ ok: true, as: 'admin' })
    expect(mayAct(ada, false, { ...none, sessionUids: new Set([1000]) })).toEqual({
      ok: true,
      as: 'session_user',
    })
    expect(mayAct(ada, false, { ...none, allowedGroup: { name: 'sudo', gid: 27 } })).toEqual({
      ok: true,
      as: 'group_member',
    })
    const refused = mayAct(ada, false, { ...none, allowedGroup: { name: 'sitrep-users', gid: 990 } })
    expect(refused).toEqual({
      ok: false,
      detail:
        'ada (uid 1000) has no login session on this machine and is not in group sitrep-users; only root, the logged-on users and members of sitrep-users may request installs and answer restarts here (log on to this machine, or ask the administrator to add ada to group sitrep-users)',
    })
  })

  it('says how to allow more users when no group is configured', () => {
    const refused = mayAct(ada, false, { sessionUids: new Set([1001]), allowedGroup: null })
    expect(refused.ok).toBe(false)
    expect(!refused.ok && refused.detail).toMatch(/start the agent with --allow-group\)$/)
  })
})

describe('login sessions', () => {
  it('reads the user, class and state of a logind session file', () => {
    const text = 'UID=1000\nUSER=ada\nACTIVE=1\nSTATE=active\nREMOTE=1\nCLASS=user\n'
    expect(parseLoginSession('c2', text)).toEqual({
      id: 'c2',
      uid: 1000,
      user: 'ada',
      class: 'user',
      state: 'active',
      remote: true,
    })
    expect(parseLoginSession('x', 'STATE=active\n')).toBeNull()
  })

  it('counts user sessions that are not closing; a greeter is not a user', () => {
    const session = (uid: number, cls: string, state: string) => ({
      id: String(uid),
      uid,
      user: String(uid),
      class: cls,
      state,
      remote: false,
    })
    const uids = sessionUserIds([
      session(1000, 'user', 'active'),
      session(1001, 'user', 'online'),
      session(1002, 'user', 'closing'),
      session(120, 'greeter', 'online'),
    ])
    expect([...uids].sort()).toEqual([1000, 1001])
  })
})

describe('groupsFromStatus', () => {
  it('reads the real gid and the supplementary groups of /proc/<pid>/status', () => {
    const status =
      'Name:\tnode\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\nGroups:\t4 27 1000 \n'
    expect(groupsFromStatus(status)).toEqual([1000, 4, 27])
    expect(groupsFromStatus('Gid:\t0\t0\t0\t0\nGroups:\t\n')).toEqual([0])
  })
})
