/**
 * The body of a decoding worker thread: decodes each task it is sent and posts the result back.
 * Results are plain values (documents, candidates or issues), so they cross the thread boundary
 * as they are.
 */
import { parentPort } from 'node:worker_threads'
import { decodeXmlBody } from './decode-xml-body.ts'
import type { XmlKind } from './decode-xml-body.ts'
import { decodeStatusJsonBody } from './status-candidates.ts'

/** A task sent to a worker: an XML document of `kind`, or a JSON status batch. */
export type BodyWorkerTask =
  | { readonly id: number; readonly kind: XmlKind; readonly bytes: Uint8Array }
  | {
      readonly id: number
      readonly kind: 'status-json'
      readonly bytes: Uint8Array
      readonly maxBatch: number
    }

parentPort?.on('message', (task: BodyWorkerTask) => {
  const result =
    task.kind === 'status-json'
      ? decodeStatusJsonBody(task.bytes, task.maxBatch)
      : decodeXmlBody(task.kind, task.bytes)
  parentPort?.postMessage({ id: task.id, result })
})
