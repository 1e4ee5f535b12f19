/**
 * The body of an XML worker thread: decodes each task it is sent and posts the result back.
 * Results are plain values (documents or issues), so they cross the thread boundary as they are.
 */
import { parentPort } from 'node:worker_threads'
import { decodeXmlBody } from './decode-xml-body.ts'
import type { XmlKind } from './decode-xml-body.ts'

/** A task sent to a worker. */
export interface XmlWorkerTask {
  readonly id: number
  readonly kind: XmlKind
  readonly bytes: Uint8Array
}

parentPort?.on('message', (task: XmlWorkerTask) => {
  parentPort?.postMessage({ id: task.id, result: decodeXmlBody(task.kind, task.bytes) })
})
