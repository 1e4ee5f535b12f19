/**
 * Uploads a file as content: its SHA-256 computed in the browser, then `PUT
 * /api/v1/content/:sha256` with the raw bytes; the site checks the hash and deduplicates.
 */
import type { RouteReply, uploadContent } from '@sitrep/api'
import type { ContentFile } from '@sitrep/protocol'
import type { ApiClient } from '../../api/api-client.ts'

/** Lowercase hex of `bytes`. */
export function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The content entry for `file` once the site holds it (`created: false` when it had it already). */
export async function uploadFile(
  api: ApiClient,
  file: File,
): Promise<{ readonly entry: ContentFile; readonly created: boolean }> {
  if (globalThis.crypto?.subtle === undefined)
    throw new Error(
      'this page cannot compute SHA-256: browsers offer it only over HTTPS or on localhost; open the console that way, or upload with `sitrep app add`',
    )
  const sha256 = toHex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()))
  const reply = await api.putBytes<RouteReply<typeof uploadContent>>(`/api/v1/content/${sha256}`, file)
  return {
    entry: { path: file.name, sha256: reply.content.sha256, size: reply.content.size, executable: false },
    created: reply.created,
  }
}
