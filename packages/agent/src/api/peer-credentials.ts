/**
 * Who is on the other end of a Unix socket connection. Node has no SO_PEERCRED, so on Linux
 * the agent reads it the way `ss` does: the accepted socket's inode (from
 * `/proc/self/fd/<fd>`), the peer socket that names it (`ss -xpn`, which asks the kernel's
 * sock_diag, so it works without privileges), the peer's pid, and that process's real uid and
 * groups from `/proc/<pid>/status`. Where this cannot be read the peer is unknown and gets no rights.
 */
import { execFile } from 'node:child_process'
import { readFile, readlink } from 'node:fs/promises'
import type { Socket } from 'node:net'

/** A local caller of the agent's API. */
export interface Peer {
  readonly uid: number
  readonly pid: number
  readonly userName: string
  /** The process's real gid and supplementary groups. */
  readonly gids: readonly number[]
}

/** Reads `ss -xpnH` lines: the pid of the socket whose peer inode is `inode`. */
export function peerPidFromSs(output: string, inode: string): number | null {
  for (const line of output.split('\n')) {
    const fields = line.trim().split(/\s+/)
    // netid state recv-q send-q local-address local-inode peer-address peer-inode users…
    if (fields.length < 9 || fields[0] !== 'u_str') continue
    if (fields[7] !== inode) continue
    const match = /pid=(\d+)/.exec(fields.slice(8).join(' '))
    if (match?.[1] !== undefined) return Number(match[1])
  }
  return null
}

/** The real gid and the supplementary groups in the text of `/proc/<pid>/status`. */
export function groupsFromStatus(status: string): number[] {
  const gid = /^Gid:\s+(\d+)/m.exec(status)?.[1]
  const groups = /^Groups:[ \t]*(.*)$/m.exec(status)?.[1] ?? ''
  const all = [
    ...(gid === undefined ? [] : [gid]),
    ...groups
      .trim()
      .split(/\s+/)
      .filter((g) => g !== ''),
  ]
  return [...new Set(all.map(Number))]
}

/** The gid of group `name` from /etc/group; `null` when there is no such group. */
export async function groupIdOf(name: string): Promise<number | null> {
  try {
    for (const line of (await readFile('/etc/group', 'utf8')).split('\n')) {
      const [group, , id] = line.split(':')
      if (group === name && id !== undefined && /^\d+$/.test(id)) return Number(id)
    }
  } catch {
    // No group file: no such group.
  }
  return null
}

/** The real uid in the text of `/proc/<pid>/status`. */
export function uidFromStatus(status: string): number | null {
  const match = /^Uid:\s+(\d+)/m.exec(status)
  return match?.[1] === undefined ? null : Number(match[1])
}

function run(program: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, [...args], { timeout: 5_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      error === null ? resolve(stdout) : reject(new Error(`${program} failed`, { cause: error })),
    )
  })
}

/** The account name of `uid` from /etc/passwd (its number when it has none). */
export async function userNameOf(uid: number): Promise<string> {
  try {
    for (const line of (await readFile('/etc/passwd', 'utf8')).split('\n')) {
      const [name, , id] = line.split(':')
      if (name !== undefined && Number(id) === uid) return name
    }
  } catch {
    // No passwd file: fall through to the number.
  }
  return String(uid)
}

/** The file descriptor of an accepted socket; Node keeps it on the internal handle. */
function socketFd(socket: Socket): number | null {
  const handle: unknown = Reflect.get(socket, '_handle')
  const fd: unknown = typeof handle === 'object' && handle !== null ? Reflect.get(handle, 'fd') : undefined
  return typeof fd === 'number' && fd >= 0 ? fd : null
}

/** Finds the peer of an accepted Unix socket connection; `null` when it cannot be told. */
export async function readPeer(socket: Socket): Promise<Peer | null> {
  if (process.platform !== 'linux') return null
  const fd = socketFd(socket)
  if (fd === null) return null
  try {
    const link = await readlink(`/proc/self/fd/${fd}`)
    const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1]
    if (inode === undefined) return null
    const pid = peerPidFromSs(await run('ss', ['-xpnH']), inode)
    if (pid === null) return null
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const uid = uidFromStatus(status)
    if (uid === null) return null
    return { uid, pid, userName: await userNameOf(uid), gids: groupsFromStatus(status) }
  } catch {
    return null
  }
}
