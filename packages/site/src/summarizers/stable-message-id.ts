import { createHash } from 'node:crypto'

/**
 * Returns a UUIDv7 whose bits come from `seed` and time from `ms`, so raising the same
 * summarizer message again (after a crash between raising and saving the new state) yields the
 * same ID, which the inbox refuses as a duplicate: each status change is raised once.
 */
export function stableMessageId(ms: number, seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex')
  const t = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12)
  const variant = ((Number.parseInt(h.charAt(3), 16) & 0x3) | 0x8).toString(16)
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${h.slice(0, 3)}-${variant}${h.slice(4, 7)}-${h.slice(7, 19)}`
}
