/**
 * Per-origin sequence numbers that survive restarts: the counter file records the highest
 * number reserved, in blocks, so most messages cost no write. A crash loses the rest of a block,
 * leaving a visible gap in the sequence (which is what sequences are for).
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { isErrno } from '../identity/client-identity.ts'
import { STATE_FILES } from '../identity/client-identity.ts'
import { writeFileDurably } from '../spool/durable-file.ts'
import { acquireLock } from '../spool/lock-file.ts'

/** Hands out sequence numbers 1, 2, 3 … for one origin. */
export interface SequenceAllocator {
  next(): Promise<number>
}

/** Sequence numbers reserved per counter write. */
export const SEQUENCE_BLOCK_SIZE = 100

/**
 * Returns an allocator whose counter lives in `stateDir/sequence.json`. Processes sharing the
 * state directory each reserve their own blocks under a lock, so no number is handed out twice.
 *
 * @example
 * const sequences = createSequenceAllocator({ stateDir })
 * const sequence = await sequences.next() // 1 on a new client
 */
export function createSequenceAllocator(options: {
  readonly stateDir: string
  readonly blockSize?: number
}): SequenceAllocator {
  const file = path.join(options.stateDir, STATE_FILES.sequence)
  const blockSize = options.blockSize ?? SEQUENCE_BLOCK_SIZE
  let next = 1
  let limit = 0
  let chain: Promise<unknown> = Promise.resolve()
  const reserve = async (): Promise<void> => {
    const lock = await acquireLock(`${file}.lock`, { timeoutMs: 10_000, what: 'the sequence counter' })
    try {
      const reserved = await readReserved(file)
      next = reserved + 1
      limit = reserved + blockSize
      await writeFileDurably(file, JSON.stringify({ reservedThrough: limit }))
    } finally {
      await lock.release()
    }
  }
  return {
    next() {
      const run = chain.then(async () => {
        if (next > limit) await reserve()
        const value = next
        next += 1
        return value
      })
      chain = run.catch(() => undefined)
      return run
    },
  }
}

async function readReserved(file: string): Promise<number> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'))
    if (typeof value === 'object' && value !== null && 'reservedThrough' in value) {
      const reserved = value.reservedThrough
      if (typeof reserved === 'number' && Number.isSafeInteger(reserved) && reserved >= 0) return reserved
    }
    return 0
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return 0
    throw error
  }
}
