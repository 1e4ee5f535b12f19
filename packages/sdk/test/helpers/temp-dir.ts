import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** Makes a fresh temporary directory; call the returned cleanup after the test. */
export async function makeTempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `sitrep-${prefix}-`))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}
