/**
 * Who is logged on: the users with a login session, from the session files systemd-logind
 * keeps in `/run/systemd/sessions/<id>` (`UID=`, `USER=`, `CLASS=`, `STATE=`, …, one per
 * line). The local API lets these users act for themselves (request an install, answer a
 * restart). Without logind (a container, macOS, Windows) there are none, and only root and the
 * members of the agent's allowed group may act.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

/** Where logind keeps its session files. */
export const LOGIND_SESSIONS_DIR = '/run/systemd/sessions'

/** One login session, as much of it as the agent reads. */
export interface LoginSession {
  readonly id: string
  readonly uid: number
  readonly user: string
  /** `user`, `greeter`, `lock-screen`, `background`, … */
  readonly class: string
  /** `online`, `active` or `closing`. */
  readonly state: string
  readonly remote: boolean
}

/** Reads one logind session file; `null` when it names no user. */
export function parseLoginSession(id: string, text: string): LoginSession | null {
  const fields = new Map<string, string>()
  for (const line of text.split('\n')) {
    const at = line.indexOf('=')
    if (at > 0) fields.set(line.slice(0, at), line.slice(at + 1))
  }
  const uid = Number(fields.get('UID'))
  if (!Number.isInteger(uid) || fields.get('UID') === undefined) return null
  return {
    id,
    uid,
    user: fields.get('USER') ?? String(uid),
    class: fields.get('CLASS') ?? 'user',
    state: fields.get('STATE') ?? 'online',
    remote: fields.get('REMOTE') === '1',
  }
}

/**
 * The uids that count as session users: a session of class `user` that is not closing, local
 * or remote (someone logged on over SSH acts for themselves as someone at the console does).
 */
export function sessionUserIds(sessions: readonly LoginSession[]): ReadonlySet<number> {
  return new Set(sessions.filter((s) => s.class === 'user' && s.state !== 'closing').map((s) => s.uid))
}

/** Reads the session files of `dir`; none when the folder is not there. */
export async function readLoginSessions(dir: string = LOGIND_SESSIONS_DIR): Promise<LoginSession[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const sessions: LoginSession[] = []
  for (const name of names) {
    // logind writes `<id>` and replaces it through `.#<id>XXXX` temp files; those are skipped.
    if (name.startsWith('.')) continue
    try {
      const session = parseLoginSession(name, await readFile(path.join(dir, name), 'utf8'))
      if (session !== null) sessions.push(session)
    } catch {
      // A session that closed while it was read.
    }
  }
  return sessions
}
