/**
 * The durable spool: status messages waiting for the management point, on disk.
 *
 * Layout of a spool directory:
 * - `seg-0000000001.jsonl` …: segment files, one message (JSON) per line, appended and fsync'd
 *   before `append` resolves; appends that arrive together share one write and one fsync.
 * - `cursor.json`: `{ segment, offset }`, everything before it is acknowledged. Replaced
 *   atomically (temp, fsync, rename, fsync directory) after each acknowledged batch.
 * - `dead-letter.jsonl`: messages the MP rejected, with its issues; never retried.
 * - `lock`: the pid of the one process that owns the spool.
 *
 * A crash at any point loses nothing `append` acknowledged: segments only grow, the cursor moves
 * only past what the MP acknowledged, and a torn last line (the write the crash interrupted,
 * never acknowledged) is cut off when the spool is opened. A crash after the MP's reply but
 * before the cursor write sends those messages again; the MP answers `duplicate`.
 */
import type { FileHandle } from 'node:fs/promises'
import { mkdir, open, readdir, readFile, rm, stat, truncate } from 'node:fs/promises'
import path from 'node:path'
import type { FieldIssue, StatusMessageJson } from '@sitrep/protocol'
import { SitrepRequestError, SitrepSpoolError } from '../errors.ts'
import { isErrno } from '../identity/client-identity.ts'
import type { StatusReply } from '../transport/status-reply.ts'
import { syncDirectory, writeFileDurably } from './durable-file.ts'
import type { HeldLock } from './lock-file.ts'
import { acquireLock } from './lock-file.ts'

/** Batch and file size defaults, with units. */
export const SPOOL_DEFAULTS = {
  maxBatchMessages: 100,
  maxBatchBytes: 256 * 1024, // 256 KiB
  segmentMaxBytes: 4 * 1024 * 1024, // 4 MiB
  lockTimeoutMs: 10_000,
} as const

/**
 * What a spool holds: status messages (`/mp/v1/status`) by default; anything with a message `id`
 * the MP acknowledges by, such as state messages for `/mp/v1/relay`.
 */
export interface SpooledMessage {
  readonly id: string
}

/** Sends one batch to the MP and returns its per-message verdicts. */
export type DeliverBatch<M extends SpooledMessage = StatusMessageJson> = (
  messages: readonly M[],
) => Promise<StatusReply>

/** Options of {@link openSpool}. */
export interface SpoolOptions<M extends SpooledMessage = StatusMessageJson> {
  readonly dir: string
  readonly deliver: DeliverBatch<M>
  readonly maxBatchMessages?: number
  readonly maxBatchBytes?: number
  readonly segmentMaxBytes?: number
  /** How long to wait for another process's lock before `spool_locked`. */
  readonly lockTimeoutMs?: number
  /** Epoch ms, for dead-letter records. */
  readonly clock?: () => number
}

/** What one {@link Spool.sendBatch} did. */
export interface BatchOutcome {
  /** Messages in the batch sent. */
  readonly sent: number
  /** Acknowledged (`accepted` or `duplicate`) and removed. */
  readonly acknowledged: number
  /** Rejected by the MP (or unreadable) and moved to the dead-letter file. */
  readonly deadLettered: number
  /** True when nothing was left to send. */
  readonly empty: boolean
}

/** One record of `dead-letter.jsonl`. */
export interface DeadLetter<M extends SpooledMessage = StatusMessageJson> {
  /** Epoch ms. */
  readonly deadLetteredAt: number
  readonly reason: string
  readonly issues: readonly FieldIssue[]
  /** The message as spooled; a string when its line could not be read as JSON. */
  readonly message: M | string
}

/** An open spool, owned by this process until {@link Spool.close}. */
export interface Spool<M extends SpooledMessage = StatusMessageJson> {
  readonly dir: string
  /** Appends messages; resolves once they are fsync'd. */
  append(messages: readonly M[]): Promise<void>
  /**
   * Sends the oldest batch and removes exactly what the MP acknowledged. Throws the delivery
   * error (network, 401/403, 429, 5xx) for the caller to back off; a 4xx that refuses the body
   * splits the batch, and a single message the MP refuses that way is dead-lettered.
   */
  sendBatch(): Promise<BatchOutcome>
  /** True when every appended message is acknowledged or dead-lettered. */
  isEmpty(): boolean
  /** Messages waiting (reads the pending segments). */
  pendingCount(): Promise<number>
  /** Releases the lock; pending appends finish first. */
  close(): Promise<void>
}

const SEGMENT_PATTERN = /^seg-(\d{10})\.jsonl$/
const CURSOR_FILE = 'cursor.json'
const DEAD_LETTER_FILE = 'dead-letter.jsonl'
const LOCK_FILE = 'lock'
/** Bytes read per step when looking for the end of a line. */
const READ_CHUNK_BYTES = 512 * 1024

interface Cursor {
  readonly segment: number
  readonly offset: number
}

interface PendingAppend {
  readonly data: string
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

interface BatchLine<M extends SpooledMessage> {
  readonly end: number
  readonly message: M | undefined
  readonly raw: string
}

/**
 * Opens (creating if needed) the spool in `dir`, takes its lock, and repairs a torn last line.
 *
 * @example
 * const spool = await openSpool({ dir, deliver: (messages) => client.sendStatus(messages) })
 * await spool.append([encodeStatusMessageJson(message)]) // durable now
 * while (!spool.isEmpty()) await spool.sendBatch()
 * await spool.close()
 */
export async function openSpool<M extends SpooledMessage = StatusMessageJson>(
  options: SpoolOptions<M>,
): Promise<Spool<M>> {
  const { dir } = options
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const lock = await acquireLock(path.join(dir, LOCK_FILE), {
    timeoutMs: options.lockTimeoutMs ?? SPOOL_DEFAULTS.lockTimeoutMs,
    what: `the spool in ${dir}`,
  })
  try {
    return await SpoolImpl.open<M>(options, lock)
  } catch (error) {
    await lock.release()
    throw error
  }
}

class SpoolImpl<M extends SpooledMessage> implements Spool<M> {
  readonly dir: string
  readonly #options: SpoolOptions<M>
  readonly #lock: HeldLock
  readonly #clock: () => number
  #cursor: Cursor
  /** Segment numbers on disk, ascending; the last is the one appends go to. */
  #segments: number[]
  #active: FileHandle
  /** Bytes of the active segment that are written and fsync'd. */
  #activeSize: number
  #pending: PendingAppend[] = []
  #writing: Promise<void> | undefined
  #tail: Promise<unknown> = Promise.resolve()
  #sending = false
  #closed = false
  /** Shrinks when the MP refuses a body as too large or invalid, to isolate the culprit. */
  #batchLimit: number

  private constructor(
    options: SpoolOptions<M>,
    lock: HeldLock,
    state: { cursor: Cursor; segments: number[]; active: FileHandle; activeSize: number },
  ) {
    this.dir = options.dir
    this.#options = options
    this.#lock = lock
    this.#clock = options.clock ?? Date.now
    this.#cursor = state.cursor
    this.#segments = state.segments
    this.#active = state.active
    this.#activeSize = state.activeSize
    this.#batchLimit = options.maxBatchMessages ?? SPOOL_DEFAULTS.maxBatchMessages
  }

  static async open<M extends SpooledMessage>(
    options: SpoolOptions<M>,
    lock: HeldLock,
  ): Promise<SpoolImpl<M>> {
    const { dir } = options
    const cursor = await readCursor(dir)
    const names = await readdir(dir)
    let segments = names
      .map((name) => SEGMENT_PATTERN.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b)
    // Segments before the cursor are fully acknowledged; a crash during compaction left them.
    for (const n of segments.filter((s) => s < cursor.segment)) await rm(segmentPath(dir, n), { force: true })
    segments = segments.filter((s) => s >= cursor.segment)
    if (segments.length === 0) segments = [cursor.segment]
    const last = segments.at(-1) ?? cursor.segment
    const activeSize = await repairTornTail(segmentPath(dir, last))
    const active = await open(segmentPath(dir, last), 'a', 0o600)
    await syncDirectory(dir)
    const clamped =
      cursor.segment === last && cursor.offset > activeSize ? { segment: last, offset: activeSize } : cursor
    return new SpoolImpl<M>(options, lock, { cursor: clamped, segments, active, activeSize })
  }

  append(messages: readonly M[]): Promise<void> {
    if (this.#closed) return Promise.reject(new SitrepSpoolError('spool_corrupt', 'the spool is closed'))
    if (messages.length === 0) return Promise.resolve()
    const data = messages.map((m) => `${JSON.stringify(m)}\n`).join('')
    return new Promise((resolve, reject) => {
      this.#pending.push({ data, resolve, reject })
      this.#startWriting()
    })
  }

  /** Group commit: everything queued while one write+fsync runs goes into the next one. */
  #startWriting(): void {
    if (this.#writing !== undefined) return
    this.#writing = (async () => {
      while (this.#pending.length > 0) {
        const group = this.#pending
        this.#pending = []
        try {
          await this.#exclusive(() => this.#writeGroup(group.map((p) => p.data).join('')))
          for (const p of group) p.resolve()
        } catch (error) {
          for (const p of group) p.reject(error)
        }
      }
      this.#writing = undefined
    })()
  }

  async #writeGroup(data: string): Promise<void> {
    const bytes = Buffer.from(data, 'utf8')
    const segmentMax = this.#options.segmentMaxBytes ?? SPOOL_DEFAULTS.segmentMaxBytes
    if (this.#activeSize > 0 && this.#activeSize + bytes.length > segmentMax) await this.#rollOver()
    try {
      await this.#active.write(bytes, 0, bytes.length, null)
      await this.#active.sync()
    } catch (error) {
      // Cut off whatever part was written, so a retry cannot follow a half line.
      await truncate(segmentPath(this.dir, this.#activeNumber()), this.#activeSize).catch(() => undefined)
      throw error
    }
    this.#activeSize += bytes.length
  }

  #activeNumber(): number {
    // The constructor and every rollover keep at least one segment in the list.
    return this.#segments.at(-1) as number
  }

  /** Starts a new active segment; its directory entry is fsync'd before anything relies on it. */
  async #rollOver(): Promise<void> {
    const next = this.#activeNumber() + 1
    const handle = await open(segmentPath(this.dir, next), 'a', 0o600)
    await syncDirectory(this.dir)
    await this.#active.close()
    this.#active = handle
    this.#activeSize = 0
    this.#segments.push(next)
  }

  isEmpty(): boolean {
    return this.#cursor.segment === this.#activeNumber() && this.#cursor.offset >= this.#activeSize
  }

  async pendingCount(): Promise<number> {
    let count = 0
    for (const n of this.#segments) {
      const text = await readFile(segmentPath(this.dir, n), 'utf8')
      const end = n === this.#activeNumber() ? this.#activeSize : Buffer.byteLength(text)
      const from = n === this.#cursor.segment ? this.#cursor.offset : 0
      const slice = Buffer.from(text).subarray(from, end).toString('utf8')
      count += slice.split('\n').filter((line) => line !== '').length
    }
    return count
  }

  async sendBatch(): Promise<BatchOutcome> {
    if (this.#sending)
      throw new SitrepSpoolError('spool_corrupt', 'sendBatch called while a batch is in flight')
    this.#sending = true
    try {
      await this.#skipFinishedSegment()
      if (this.isEmpty()) return { sent: 0, acknowledged: 0, deadLettered: 0, empty: true }
      const lines = await this.#readBatch()
      const unreadable = lines.findIndex((l) => l.message === undefined)
      if (unreadable === 0) {
        // A line this spool cannot parse would block the queue forever: set it aside.
        const [line] = lines
        // findIndex returned 0, so the first line exists.
        const first = line as BatchLine<M>
        await this.#finish(first.end, [deadLetter<M>(this.#clock(), 'unreadable spool line', [], first.raw)])
        return { sent: 0, acknowledged: 0, deadLettered: 1, empty: false }
      }
      const batch = unreadable === -1 ? lines : lines.slice(0, unreadable)
      // Every line before `unreadable` parsed, so `message` is set.
      const messages = batch.map((l) => l.message as M)
      let reply: StatusReply
      try {
        reply = await this.#options.deliver(messages)
      } catch (error) {
        if (!(error instanceof SitrepRequestError)) throw error
        return await this.#refusedBody(batch, error)
      }
      return await this.#settle(batch, reply)
    } finally {
      this.#sending = false
    }
  }

  /** The MP refused the whole body (400/413/415): halve the batch; a lone message is dead-lettered. */
  async #refusedBody(batch: readonly BatchLine<M>[], error: SitrepRequestError): Promise<BatchOutcome> {
    if (batch.length > 1) {
      this.#batchLimit = Math.max(1, Math.floor(batch.length / 2))
      return { sent: batch.length, acknowledged: 0, deadLettered: 0, empty: false }
    }
    const [only] = batch
    // batch is non-empty here: sendBatch returned early when the spool was empty.
    const line = only as BatchLine<M>
    await this.#finish(line.end, [
      deadLetter(this.#clock(), error.message, error.issues, line.message ?? line.raw),
    ])
    return { sent: 1, acknowledged: 0, deadLettered: 1, empty: false }
  }

  /** Removes the longest prefix of the batch the MP settled; the rest is sent again later. */
  async #settle(batch: readonly BatchLine<M>[], reply: StatusReply): Promise<BatchOutcome> {
    const byIndex = new Map(reply.results.map((r) => [r.index, r]))
    const dead: DeadLetter<M>[] = []
    let acknowledged = 0
    let settledEnd: number | undefined
    for (const [i, line] of batch.entries()) {
      const result = byIndex.get(i)
      // A result for another message (id mismatch) acknowledges nothing.
      if (result === undefined || (result.id !== undefined && result.id !== line.message?.id)) break
      if (result.status === 'rejected') {
        dead.push(
          deadLetter(
            this.#clock(),
            'rejected by the management point',
            result.issues,
            line.message ?? line.raw,
          ),
        )
      } else {
        acknowledged += 1
      }
      settledEnd = line.end
    }
    if (settledEnd !== undefined) await this.#finish(settledEnd, dead)
    this.#batchLimit = this.#options.maxBatchMessages ?? SPOOL_DEFAULTS.maxBatchMessages
    return { sent: batch.length, acknowledged, deadLettered: dead.length, empty: false }
  }

  /** Dead-letters first (fsync'd), then moves the cursor: a crash between sends them again. */
  async #finish(end: number, dead: readonly DeadLetter<M>[]): Promise<void> {
    if (dead.length > 0) await appendDurably(path.join(this.dir, DEAD_LETTER_FILE), dead)
    this.#cursor = { segment: this.#cursor.segment, offset: end }
    await writeCursor(this.dir, this.#cursor)
    await this.#skipFinishedSegment()
  }

  /**
   * Compaction: a fully acknowledged segment is deleted once the cursor points past it. When
   * the active segment is fully acknowledged, appends move to a fresh one first.
   */
  async #skipFinishedSegment(): Promise<void> {
    for (;;) {
      const current = this.#cursor.segment
      const isActive = current === this.#activeNumber()
      if (isActive) {
        // Under the file mutex, so no append is half-way into the segment being retired.
        const rolled = await this.#exclusive(async () => {
          if (this.#cursor.offset < this.#activeSize || this.#activeSize === 0) return false
          await this.#rollOver()
          return true
        })
        if (!rolled) return
      } else {
        const size = (await stat(segmentPath(this.dir, current))).size
        if (this.#cursor.offset < size) return
      }
      const next = this.#segments.find((s) => s > current)
      // A rollover just above, or a later segment, guarantees a successor.
      this.#cursor = { segment: next as number, offset: 0 }
      await writeCursor(this.dir, this.#cursor)
      await rm(segmentPath(this.dir, current), { force: true })
      this.#segments = this.#segments.filter((s) => s !== current)
      await syncDirectory(this.dir)
    }
  }

  /** Runs `fn` after every earlier exclusive task: appends and segment rollovers never interleave. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(fn, fn)
    this.#tail = run.catch(() => undefined)
    return run
  }

  async #waitForWrites(): Promise<void> {
    while (this.#writing !== undefined) await this.#writing
  }

  /** Reads up to the batch limits from the cursor, never across a segment boundary. */
  async #readBatch(): Promise<BatchLine<M>[]> {
    const segment = this.#cursor.segment
    const file = segmentPath(this.dir, segment)
    const end = segment === this.#activeNumber() ? this.#activeSize : (await stat(file)).size
    const maxBytes = this.#options.maxBatchBytes ?? SPOOL_DEFAULTS.maxBatchBytes
    const lines: BatchLine<M>[] = []
    const start = this.#cursor.offset
    let data = Buffer.alloc(0)
    let consumed = 0
    let bytes = 0
    const handle = await open(file, 'r')
    try {
      while (lines.length < this.#batchLimit) {
        const newline = data.indexOf(0x0a, consumed)
        if (newline === -1) {
          const have = start + data.length
          if (have >= end) break
          const chunk = Buffer.alloc(Math.min(READ_CHUNK_BYTES, end - have))
          const { bytesRead } = await handle.read(chunk, 0, chunk.length, have)
          if (bytesRead === 0) break
          data = Buffer.concat([data, chunk.subarray(0, bytesRead)])
          continue
        }
        const lineBytes = newline + 1 - consumed
        if (lines.length > 0 && bytes + lineBytes > maxBytes) break
        const raw = data.subarray(consumed, newline).toString('utf8')
        consumed = newline + 1
        bytes += lineBytes
        lines.push({ end: start + consumed, message: parseLine<M>(raw), raw })
      }
    } finally {
      await handle.close()
    }
    return lines
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#waitForWrites()
    await this.#active.close()
    await this.#lock.release()
  }
}

function segmentPath(dir: string, n: number): string {
  return path.join(dir, `seg-${String(n).padStart(10, '0')}.jsonl`)
}

async function readCursor(dir: string): Promise<Cursor> {
  let text: string
  try {
    text = await readFile(path.join(dir, CURSOR_FILE), 'utf8')
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { segment: 1, offset: 0 }
    throw error
  }
  const value: unknown = JSON.parse(text)
  if (
    typeof value === 'object' &&
    value !== null &&
    'segment' in value &&
    'offset' in value &&
    Number.isSafeInteger(value.segment) &&
    Number.isSafeInteger(value.offset)
  ) {
    // Both fields were just checked to be safe integers.
    return { segment: value.segment as number, offset: value.offset as number }
  }
  throw new SitrepSpoolError('spool_corrupt', `${path.join(dir, CURSOR_FILE)} is not a spool cursor: ${text}`)
}

async function writeCursor(dir: string, cursor: Cursor): Promise<void> {
  await writeFileDurably(path.join(dir, CURSOR_FILE), JSON.stringify(cursor))
}

/** Cuts a segment back to its last complete line (a write a crash interrupted); returns its size. */
async function repairTornTail(file: string): Promise<number> {
  let content: Buffer
  try {
    content = await readFile(file)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return 0
    throw error
  }
  if (content.length === 0 || content[content.length - 1] === 0x0a) return content.length
  const keep = content.lastIndexOf(0x0a) + 1
  await truncate(file, keep)
  const handle = await open(file, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
  return keep
}

async function appendDurably(file: string, records: readonly DeadLetter<SpooledMessage>[]): Promise<void> {
  const handle = await open(file, 'a', 0o600)
  try {
    await handle.write(records.map((r) => `${JSON.stringify(r)}\n`).join(''))
    await handle.sync()
  } finally {
    await handle.close()
  }
}

function parseLine<M extends SpooledMessage>(raw: string): M | undefined {
  try {
    const value: unknown = JSON.parse(raw)
    if (typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string') {
      // The spool wrote this line from an M; the MP checks it again.
      return value as M
    }
    return undefined
  } catch {
    return undefined
  }
}

function deadLetter<M extends SpooledMessage>(
  at: number,
  reason: string,
  issues: readonly FieldIssue[],
  message: M | string,
): DeadLetter<M> {
  return { deadLetteredAt: at, reason, issues, message }
}

/**
 * Reads the dead-letter file of a spool directory (messages the MP rejected).
 *
 * @example
 * for (const letter of await readDeadLetters(dir)) console.log(letter.reason, letter.issues)
 */
export async function readDeadLetters(dir: string): Promise<DeadLetter[]> {
  let text: string
  try {
    text = await readFile(path.join(dir, DEAD_LETTER_FILE), 'utf8')
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return []
    throw error
  }
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      // Written by appendDurably from DeadLetter values.
      return JSON.parse(line) as DeadLetter
    })
}
