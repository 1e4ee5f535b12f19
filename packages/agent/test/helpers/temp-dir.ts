import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'

const made: string[] = []

afterEach(async () => {
  for (const dir of made.splice(0))
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
})

/** A fresh temporary directory, removed after the test. */
export async function tempDir(prefix = 'sitrep-agent-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  made.push(dir)
  return dir
}
