/**
 * Content files from the administrator's disk to the site: hash and measure a file, ask the
 * site whether it holds the bytes, and stream them up when it does not.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { getContent, isApiError } from '@sitrep/api'
import { countOf } from '../../plural.ts'
import type { SiteClient } from '../../site-client.ts'

/** A local file the command was pointed at cannot be read (exit 2). */
export class LocalFileError extends Error {
  override name = 'LocalFileError'
}

/** One file on the site: where it came from, its hash and size, and whether this run stored it. */
export interface UploadedFile {
  readonly file: string
  readonly sha256: string
  readonly size: number
  readonly created: boolean
}

/** The SHA-256 (lowercase hex) and the size in bytes of `file`. */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const size = await fileSize(file)
  const hash = createHash('sha256')
  try {
    await pipeline(createReadStream(file), hash)
  } catch (cause) {
    throw new LocalFileError(`cannot read ${file}: ${(cause as Error).message}`, { cause }) // Stream errors are Errors.
  }
  return { sha256: hash.digest('hex'), size }
}

/**
 * Puts `file` on the site. Without `sha256` the file is hashed here first and not sent when the
 * site holds it already; with it, the bytes go up under that hash and the site checks them.
 */
export async function uploadFile(client: SiteClient, file: string, sha256?: string): Promise<UploadedFile> {
  if (sha256 !== undefined) {
    const reply = await client.upload(file, sha256, await fileSize(file))
    return { file, sha256: reply.content.sha256, size: reply.content.size, created: reply.created }
  }
  const local = await hashFile(file)
  try {
    const held = await client.call(getContent, { params: { sha256: local.sha256 } })
    return { file, sha256: held.content.sha256, size: held.content.size, created: false }
  } catch (error) {
    if (!isApiError(error) || error.status !== 404) throw error
  }
  const reply = await client.upload(file, local.sha256, local.size)
  return { file, sha256: reply.content.sha256, size: reply.content.size, created: reply.created }
}

/** `uploaded editor.deb (5000 bytes, sha256 …)` or `editor.deb is on the site already (…)`. */
export function describeUpload(upload: UploadedFile): string {
  const what = `${countOf(upload.size, 'byte')}, sha256 ${upload.sha256}`
  const name = path.basename(upload.file)
  return upload.created ? `uploaded ${name} (${what})` : `${name} is on the site already (${what})`
}

async function fileSize(file: string): Promise<number> {
  try {
    const info = await stat(file)
    if (!info.isFile()) throw new LocalFileError(`${file} is not a file`)
    return info.size
  } catch (cause) {
    if (cause instanceof LocalFileError) throw cause
    throw new LocalFileError(`cannot read ${file}: ${(cause as Error).message}`, { cause }) // fs errors are Errors.
  }
}
