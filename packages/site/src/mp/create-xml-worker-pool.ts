/**
 * A small fixed pool of worker threads that decode XML bodies, with a bounded queue: when every
 * worker is busy and the queue is full, a decode is refused with `503 unavailable` and a
 * `Retry-After`, instead of letting memory grow. A worker that dies is replaced, and only the
 * body it was working on fails.
 */
import { Worker } from 'node:worker_threads'
import type { ParseResult } from '@sitrep/protocol'
import type { XmlDocuments, XmlKind } from './decode-xml-body.ts'
import { MpError } from './mp-error.ts'
import type { XmlDecoder } from './xml-decoder.ts'
import type { XmlWorkerTask } from './xml-worker-task.ts'

/** Settings of {@link createXmlWorkerPool}. */
export interface XmlWorkerPoolOptions {
  /** Worker threads (config `mp.xmlWorkers`, default 2). */
  readonly size: number
  /** Bodies that may wait for a worker (config `mp.xmlQueue`). */
  readonly maxQueue: number
}

interface Job {
  readonly task: XmlWorkerTask
  readonly resolve: (result: ParseResult<unknown>) => void
  readonly reject: (error: unknown) => void
}

interface Slot {
  worker: Worker
  job: Job | undefined
}

const WORKER_URL = new URL('./xml-worker.js', import.meta.url)
/** Heap per worker: a 4 MiB body parses in far less; a hostile one hits this, not the site. */
const WORKER_HEAP_MB = 256

/** Starts the worker threads and returns the pool as an {@link XmlDecoder}. */
export function createXmlWorkerPool(options: XmlWorkerPoolOptions): XmlDecoder {
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
    worker.on('message', (reply: { readonly id: number; readonly result: ParseResult<unknown> }) => {
      const job = own.job
      own.job = undefined
      if (job?.task.id === reply.id) job.resolve(reply.result)
      dispatch()
    })
    const fail = (error: unknown): void => {
      const job = own.job
      own.job = undefined
      job?.reject(
        new MpError('unavailable', 'the XML parser failed on this body; retry later', {
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
      if (!closed && own.worker === worker) fail(new Error(`XML worker exited with code ${code}`))
    })
    return own
  }

  const slots: Slot[] = Array.from({ length: options.size }, () => spawn())

  return {
    decode<K extends XmlKind>(kind: K, bytes: Uint8Array): Promise<ParseResult<XmlDocuments[K]>> {
      if (closed)
        return Promise.reject(new MpError('unavailable', 'the site is stopping', { retryAfterSeconds: 5 }))
      const idle = slots.some((s) => s.job === undefined)
      if (!idle && queue.length >= options.maxQueue) {
        return Promise.reject(
          new MpError('unavailable', 'too many XML bodies are waiting to be parsed; retry shortly', {
            retryAfterSeconds: 1,
          }),
        )
      }
      return new Promise((resolve, reject) => {
        // A copy the worker can own: the request's buffer may be a slice of a shared pool.
        const task: XmlWorkerTask = { id: nextId++, kind, bytes: new Uint8Array(bytes) }
        // The worker ran decodeXmlBody(kind, …), whose result is the document type of `kind`.
        const typed = resolve as (result: ParseResult<unknown>) => void
        queue.push({ task, resolve: typed, reject })
        dispatch()
      })
    },
    async close() {
      closed = true
      for (const job of queue.splice(0)) job.reject(new MpError('unavailable', 'the site is stopping'))
      await Promise.all(slots.map((s) => s.worker.terminate()))
    },
  }
}
