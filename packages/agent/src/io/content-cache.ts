/**
 * The content cache: files by SHA-256, downloaded from the site (its own distribution point)
 * with signed requests, resumed with `Range` after an interruption, and verified before use. A
 * file is only ever visible under its hash once its hash is right; the partial download lives
 * beside it as `<sha256>.part`.
 */
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { chmod, copyFile, link, mkdir, rename, rm, stat } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import path from 'node:path'
import type { ContentFile } from '@sitrep/protocol'
import type { RequestSigner } from '@sitrep/sdk'
import { signRequest } from '@sitrep/sdk'
import { isErrno } from './durable-file.ts'

/** What a download ended with. */
export type DownloadResult =
  | { readonly ok: true; readonly file: string; readonly resumedFrom: number; readonly source: string | null }
  | {
      readonly ok: false
      /** `hash_mismatch`: the bytes were wrong and are deleted; `unavailable`: no source answered. */
      readonly reason: 'hash_mismatch' | 'unavailable'
      readonly detail: string
      readonly source: string | null
    }

/** Options of {@link downloadContent}. */
export interface DownloadOptions {
  readonly file: ContentFile
  /** Where to fetch it, best first (full URLs). */
  readonly urls: readonly string[]
  readonly cacheDir: string
  /** Signs each request as the client. */
  readonly signer: RequestSigner | null
  readonly clock: () => number
  readonly timeoutMs?: number
  /** Bytes so far of `file.size`, for the activity's percent. */
  readonly onProgress?: (received: number, total: number) => void
  /** Aborts a download in progress (the agent is stopping). */
  readonly signal?: AbortSignal
}

/** The cached, verified path of a content file. */
export function cachedPath(cacheDir: string, sha256: string): string {
  return path.join(cacheDir, sha256)
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')))
  })
}

/** Streams one GET into `part` from `offset`; resolves how many bytes were appended and whether it restarted. */
function fetchInto(
  url: URL,
  part: string,
  offset: number,
  options: DownloadOptions,
): Promise<{ readonly status: number; readonly restarted: boolean }> {
  return new Promise((resolve, reject) => {
    const pathWithQuery = `${url.pathname}${url.search}`
    const headers: Record<string, string> = {
      ...(options.signer === null
        ? {}
        : signRequest(
            options.signer,
            { method: 'GET', path: pathWithQuery, body: new Uint8Array() },
            options.clock(),
          )),
      ...(offset > 0 ? { range: `bytes=${offset}-`, 'if-range': `"${options.file.sha256}"` } : {}),
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const req = send(url, { method: 'GET', headers, timeout: options.timeoutMs ?? 60_000 }, (res) => {
      const status = res.statusCode ?? 0
      if (status !== 200 && status !== 206) {
        res.resume()
        resolve({ status, restarted: false })
        return
      }
      // 200 means the server sent the whole file (no range support, or the ETag changed): start over.
      const restarted = status === 200
      let received = restarted ? 0 : offset
      const out = createWriteStream(part, { flags: restarted ? 'w' : 'a', mode: 0o600 })
      res.on('data', (chunk: Buffer) => {
        received += chunk.length
        options.onProgress?.(received, options.file.size)
        if (received > options.file.size)
          req.destroy(new Error(`more than the ${options.file.size} bytes announced`))
      })
      res.pipe(out)
      out.on('finish', () => resolve({ status, restarted }))
      out.on('error', reject)
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error('timed out')))
    req.on('error', reject)
    options.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')), { once: true })
    req.end()
  })
}

/**
 * Makes sure the cache holds `file`, downloading (or resuming) it when it does not. The hash is
 * checked over the whole file before it is renamed into place; a wrong hash deletes the bytes
 * and answers `hash_mismatch`, never a file.
 */
export async function downloadContent(options: DownloadOptions): Promise<DownloadResult> {
  const { file, cacheDir } = options
  await mkdir(cacheDir, { recursive: true, mode: 0o700 })
  const final = cachedPath(cacheDir, file.sha256)
  if ((await sizeOf(final)) === file.size) return { ok: true, file: final, resumedFrom: 0, source: null }
  const part = `${final}.part`
  let lastError = 'no source was given'
  for (const source of options.urls) {
    let offset = (await sizeOf(part)) ?? 0
    if (offset >= file.size) {
      await rm(part, { force: true })
      offset = 0
    }
    const resumedFrom = offset
    try {
      const answer = await fetchInto(new URL(source), part, offset, options)
      if (answer.status !== 200 && answer.status !== 206) {
        lastError = `${source} answered ${answer.status}`
        continue
      }
    } catch (error) {
      // The partial file stays: the next attempt resumes from where this one stopped.
      lastError = `${source}: ${error instanceof Error ? error.message : String(error)}`
      continue
    }
    const size = await sizeOf(part)
    if (size !== file.size) {
      lastError = `${source} sent ${size ?? 0} of ${file.size} bytes`
      continue
    }
    const actual = await hashFile(part)
    if (actual !== file.sha256) {
      await rm(part, { force: true })
      return {
        ok: false,
        reason: 'hash_mismatch',
        detail: `${file.path} from ${source} has SHA-256 ${actual}, not ${file.sha256}; the bytes were deleted`,
        source,
      }
    }
    await rename(part, final)
    return { ok: true, file: final, resumedFrom, source }
  }
  return { ok: false, reason: 'unavailable', detail: lastError, source: options.urls[0] ?? null }
}

/**
 * Places verified cache files in a job's content folder at their relative paths (hard links
 * when the file system allows, else copies), setting the execute bit where asked.
 */
export async function placeContent(
  cacheDir: string,
  files: readonly ContentFile[],
  folder: string,
): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 })
  for (const file of files) {
    const target = path.join(folder, file.path)
    // The schema refuses absolute paths and "..", so target stays inside folder.
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 })
    await rm(target, { force: true })
    try {
      await link(cachedPath(cacheDir, file.sha256), target)
    } catch {
      await copyFile(cachedPath(cacheDir, file.sha256), target)
    }
    await chmod(target, file.executable ? 0o700 : 0o600)
  }
}
