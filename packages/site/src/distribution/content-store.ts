/**
 * The site's content store (docs/software-distribution.md "Content"): files kept on disk under
 * their SHA-256 in `<dataDir>/content`, recorded in the database once complete. An upload
 * streams to a temporary file while it is hashed and counted, is synced, and only then renamed
 * to its hash and recorded, so nothing half-uploaded is ever served.
 */
import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { DISTRIBUTION_LIMITS } from '@sitrep/protocol'
import type { DistributionOperations } from '@sitrep/store'
import { RequestError } from '../http/request-error.ts'
import { mpIssue } from '../mp/field-issues.ts'

/** Where content lives, and what an upload may be. */
export interface ContentStoreOptions {
  readonly store: DistributionOperations
  /** `<dataDir>/content`. */
  readonly directory: string
  /** Largest upload in bytes; default the protocol's `contentFileMaxBytes` (8 GiB). */
  readonly maxBytes?: number
  readonly clock: () => number
}

/** A stored content file. */
export interface StoredContent {
  readonly sha256: string
  readonly size: number
  readonly file: string
  /** False when the same bytes were there already (uploads deduplicate). */
  readonly created: boolean
}

/** The content store. */
export interface ContentStore {
  readonly maxBytes: number
  /**
   * Streams `body` to disk. Refuses (with `ApiError` naming the field) an empty body, one over
   * `maxBytes` and one whose hash is not `expectedSha256` when given; a refused upload leaves
   * nothing behind.
   */
  put(body: Readable, expectedSha256?: string): Promise<StoredContent>
  /** The file of a recorded content hash, or `undefined`. */
  locate(sha256: string): Promise<{ readonly file: string; readonly size: number } | undefined>
}

/** Creates the content store over `options.directory` (made on first use). */
export function createContentStore(options: ContentStoreOptions): ContentStore {
  const maxBytes = options.maxBytes ?? DISTRIBUTION_LIMITS.contentFileMaxBytes
  const incoming = path.join(options.directory, '.incoming')
  const fileOf = (sha256: string): string => path.join(options.directory, sha256.slice(0, 2), sha256)

  return {
    maxBytes,
    async put(body, expectedSha256) {
      await mkdir(incoming, { recursive: true, mode: 0o700 })
      const temp = path.join(incoming, randomUUID())
      try {
        const { sha256, size } = await writeHashed(body, temp, maxBytes)
        if (size === 0) {
          throw new RequestError(
            'invalid_body',
            'the upload is empty: a content file has at least one byte',
            {
              issues: [
                mpIssue('body', 'too_short', 'the upload is empty: a content file has at least one byte', 1),
              ],
            },
          )
        }
        if (expectedSha256 !== undefined && expectedSha256 !== sha256) {
          const message = `sha256 is ${expectedSha256} but the uploaded bytes hash to ${sha256}; the upload was damaged or is another file`
          throw new RequestError('invalid_body', message, { issues: [mpIssue('sha256', 'format', message)] })
        }
        const file = fileOf(sha256)
        await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
        await rename(temp, file)
        const created = await options.store.addContent({ sha256, size, createdAt: options.clock() })
        return { sha256, size, file, created }
      } finally {
        await rm(temp, { force: true })
      }
    },

    async locate(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined
      const record = await options.store.getContent(sha256)
      if (record === undefined) return undefined
      const file = fileOf(sha256)
      const info = await stat(file).catch(() => undefined)
      if (info?.size !== record.size) return undefined
      return { file, size: record.size }
    },
  }
}

async function writeHashed(
  body: Readable,
  file: string,
  maxBytes: number,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  const out = createWriteStream(file, { mode: 0o600 })
  let size = 0
  let tooLarge = false
  try {
    // Not destroyed on a refusal: destroying the request would drop the connection before the
    // 413 is sent. The rest is read and discarded while the answer goes out with `Connection: close`.
    for await (const chunk of body.iterator({ destroyOnReturn: false })) {
      const bytes = chunk as Buffer
      size += bytes.length
      if (size > maxBytes) {
        tooLarge = true
        break
      }
      hash.update(bytes)
      if (!out.write(bytes)) await new Promise<void>((resolve) => out.once('drain', resolve))
    }
  } finally {
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    )
  }
  if (tooLarge) {
    body.resume()
    const message = `the upload is larger than the content limit of ${maxBytes} bytes (distribution.maxContentBytes)`
    throw new RequestError('payload_too_large', message, {
      issues: [mpIssue('body', 'too_long', message, maxBytes)],
    })
  }
  const handle = await open(file, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
  return { sha256: hash.digest('hex'), size }
}
