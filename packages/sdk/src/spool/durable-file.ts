/**
 * Small durable-write helpers: a file replaced atomically (temp, fsync, rename, fsync the
 * directory), and an fsync of a directory so a created or renamed entry survives power loss.
 */
import { open, rename } from 'node:fs/promises'
import path from 'node:path'

/** Replaces `file` with `content` so a crash leaves either the old or the new file, never half. */
export async function writeFileDurably(file: string, content: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`
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

/** Fsyncs a directory, making new, renamed and removed entries in it durable. */
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
