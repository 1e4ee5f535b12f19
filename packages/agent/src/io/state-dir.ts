/**
 * The agent's one state directory, owner-only (0700): identity and spool (the SDK's files),
 * the site key, the policy cache, the job queue, the history, the restart state and the
 * content cache. Only the agent's own account can read it: it holds the private key and what
 * the site sent.
 */
import { chmod, mkdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { AgentError } from '../errors.ts'

/** File and folder names inside the state directory. The SDK's own files sit beside them. */
export const AGENT_STATE_FILES = {
  siteKey: 'site-key.json',
  policy: 'policy',
  jobs: 'jobs.json',
  history: 'history.json',
  restart: 'restart.json',
  content: 'content',
  config: 'agent.json',
  stateSpool: 'state-spool',
} as const

/** Absolute paths of a state directory's files. */
export type StatePaths = { readonly root: string } & {
  readonly [K in keyof typeof AGENT_STATE_FILES]: string
}

/** The paths of the files of state directory `root`. */
export function statePaths(root: string): StatePaths {
  const entries = Object.entries(AGENT_STATE_FILES).map(([key, name]) => [key, path.join(root, name)])
  // Built from every key of AGENT_STATE_FILES above, so each key of StatePaths is present.
  return { root, ...Object.fromEntries(entries) } as StatePaths
}

/**
 * Makes the state directory and its folders, owner-only. An existing directory that others may
 * read or write is tightened to 0700, and one owned by another account is refused: the agent
 * would otherwise trust files someone else can plant.
 */
export async function prepareStateDir(root: string): Promise<StatePaths> {
  const paths = statePaths(root)
  await mkdir(root, { recursive: true, mode: 0o700 })
  const info = await stat(root)
  if (process.platform !== 'win32') {
    const uid = process.getuid?.()
    if (uid !== undefined && info.uid !== uid) {
      throw new AgentError(
        'state_dir_unsafe',
        `the state directory ${root} belongs to uid ${info.uid}, not to the agent's uid ${uid}; give it to the agent's account (chown) or choose another --state-dir`,
      )
    }
    if ((info.mode & 0o077) !== 0) await chmod(root, 0o700)
  }
  for (const dir of [paths.policy, paths.content]) await mkdir(dir, { recursive: true, mode: 0o700 })
  return paths
}
