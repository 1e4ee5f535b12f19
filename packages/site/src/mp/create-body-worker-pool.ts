/**
 * A small fixed pool of worker threads that decode XML bodies and large JSON status batches,
 * with a bounded queue (a JSON batch that finds it full is decoded in place instead): when every
 * worker is busy and the queue is full, a decode is refused with `503 unavailable` and a
 * `Retry-After`, instead of letting memory grow. A worker that dies is replaced, and only the
 * body it was working on fails.
 */
import { Worker } from 'node:worker_threads'
import type { ParseResult } from '@sitrep/protocol'
import type { XmlDocuments, XmlKind } from './decode-xml-body.ts'
import { MpError } from './mp-error.ts'
import type { BodyDecoder } from './body-decoder.ts'
import type { BodyWorkerTask } from './body-worker-task.ts'
import { decodeStatusJsonBody } from './status-candidates.ts'
import type { DecodedStatusBody } from './status-candidates.ts'

/** Settings of {@link createBodyWorkerPool}. */
export interface BodyWorkerPoolOptions {
  /** Worker threads (config `mp.xmlWorkers`, default 2). */
  readonly size: number
  /** Bodies that may wait for a worker (config `mp.xmlQueue`). */
  readonly maxQueue: number
}

interface Job {
  readonly task: BodyWorkerTask
  readonly resolve: (result: unknown) => void
  readonly reject: (error: unknown) => void
}

interface Slot {
  worker: Worker
  job: Job | undefined
}

const WORKER_URL = new URL('./body-worker.js', import.meta.url)
/** Heap per worker: a 4 MiB body parses in far less; a hostile one hits this, not the site. */
const WORKER_HEAP_MB = 256

/** Starts the worker threads and returns the pool as an {@link BodyDecoder}. */
export function createBodyWorkerPool(options: BodyWorkerPoolOptions): BodyDecoder {
  const queue: Job[] = []
  let nextId = 1
  let closed = false

  const dispatch = (): void => {
    for (const slot of slots) {
      if (slot.job !== undefined) continue
      const job = queue.shift()
      if (job === undefined) return
      slot.job = job
      // The task's bytes are a private copy (see decode), so handing the buffer over is safe.
      slot.worker.postMessage(job.task, [job.task.bytes.buffer as ArrayBuffer])
    }
  }

  const spawn = (slot?: Slot): Slot => {
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } })
    const own: Slot = slot ?? { worker, job: undefined }
    own.worker = worker
    worker.on('message', (reply: { readonly id: number; readonly result: unknown }) => {
      const job = own.job
      own.job = undefined
      if (job?.task.id === reply.id) job.resolve(reply.result)
      dispatch()
    })
    const fail = (error: unknown): void => {
      const job = own.job
      own.job = undefined
      job?.reject(
        new MpError('unavailable', 'the body decoder failed on this body; retry later', {
          cause: error,
          retryAfterSeconds: 1,
        }),
      )
      if (!closed) {
        spawn(own)
        dispatch()
      }
    }
    worker.on('error', fail)
    worker.on('exit', (code) => {
      if (!closed && own.worker === worker) fail(new Error(`body decoding worker exited with code ${code}`))
    })
    return own
  }

  const slots: Slot[] = Array.from({ length: options.size }, () => spawn())

  const isFull = (): boolean => !slots.some((s) => s.job === undefined) && queue.length >= options.maxQueue

  /** Queues `task`, or refuses it when every worker is busy and the queue is full. */
  const submit = (makeTask: (id: number) => BodyWorkerTask): Promise<unknown> => {
    if (closed)
      return Promise.reject(new MpError('unavailable', 'the site is stopping', { retryAfterSeconds: 5 }))
    if (isFull()) {
      return Promise.reject(
        new MpError('unavailable', 'too many bodies are waiting to be decoded; retry shortly', {
          retryAfterSeconds: 1,
        }),
      )
    }
    return new Promise((resolve, reject) => {
      queue.push({ task: makeTask(nextId++), resolve, reject })
      dispatch()
    })
  }

  return {
    decode<K extends XmlKind>(kind: K, bytes: Uint8Array): Promise<ParseResult<XmlDocuments[K]>> {
      // A copy the worker can own: the request's buffer may be a slice of a shared pool. The
      // worker runs decodeXmlBody(kind, …), whose result is the document type of `kind`.
      return submit((id) => ({ id, kind, bytes: new Uint8Array(bytes) })) as Promise<
        ParseResult<XmlDocuments[K]>
      >
    },
    decodeStatusJson(bytes: Uint8Array, maxBatch: number): Promise<DecodedStatusBody> {
      // JSON never waits for a full queue: when every worker is busy and the queue is full, it is
      // decoded here, as small batches are, rather than refused. Only XML is refused then, since
      // a hostile XML document is what the workers' own heap limit is there to contain.
      if (!closed && isFull()) return Promise.resolve(decodeStatusJsonBody(bytes, maxBatch))
      // The worker runs decodeStatusJsonBody, which never throws on bad input.
      return submit((id) => ({
        id,
        kind: 'status-json',
        bytes: new Uint8Array(bytes),
        maxBatch,
      })) as Promise<DecodedStatusBody>
    },
    async close() {
      closed = true
      for (const job of queue.splice(0)) job.reject(new MpError('unavailable', 'the site is stopping'))
      await Promise.all(slots.map((s) => s.worker.terminate()))
    },
  }
}
