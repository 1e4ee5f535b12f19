/**
 * Durable writes of the agent's state files: a file replaced atomically (temp, fsync, rename,
 * fsync the directory), so a crash or SIGKILL leaves the old or the new content, never half.
 */
import { open, readFile, rename } from 'node:fs/promises'
import path from 'node:path'

let tempCounter = 0

/** Replaces `file` with `content` (mode 0600). */
export async function writeFileDurably(file: string, content: string | Uint8Array): Promise<void> {
  tempCounter += 1
  const temp = `${file}.${process.pid}.${tempCounter}.tmp`
  const handle = await open(temp, 'w', 0o600)
  try {
    await handle.writeFile(content)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temp, file)
  await syncDirectory(path.dirname(file))
}

/** Writes `value` as JSON durably. */
export async function writeJsonDurably(file: string, value: unknown): Promise<void> {
  await writeFileDurably(file, `${JSON.stringify(value, null, 1)}\n`)
}

/** Reads a JSON file; `undefined` when it does not exist. */
export async function readJsonFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined
    throw error
  }
}

/** Fsyncs a directory so created, renamed and removed entries survive power loss. */
export async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals metadata itself.
  if (process.platform === 'win32') return
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** True when `error` is a Node system error with this `code`. */
export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code
}
