/**
 * The HTTP baselines, run as a child process: a bare `node:http` server on 127.0.0.1 that reads
 * each request body and answers 200 with a small JSON body.
 *
 * - `plain`: nothing else; the HTTP ceiling of this machine.
 * - `durable`: appends every body to a file and answers only after `fdatasync`, with group commit
 *   like the MP's inbox: bodies that arrive while a sync is in flight are written and synced
 *   together by the next one. The bare durable baseline.
 *
 * Usage: `bare-http-server.ts <plain|durable> [file]`; ends on SIGTERM.
 */
import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ServerReady } from './server-messages.ts'

const [mode, file] = process.argv.slice(2)
if (mode !== 'plain' && mode !== 'durable')
  throw new Error('usage: bare-http-server.ts <plain|durable> [file]')
if (mode === 'durable' && file === undefined) throw new Error('durable mode needs a file')

const ANSWER = Buffer.from('{"ok":true}')

/** Appends bodies with grouped `fdatasync`; resolves each append once its group is on disk. */
function createGroupAppender(handle: FileHandle): (body: Buffer) => Promise<void> {
  let waiting: { body: Buffer; done: () => void; fail: (e: unknown) => void }[] = []
  let flushing = false
  const flush = async (): Promise<void> => {
    while (waiting.length > 0) {
      const group = waiting
      waiting = []
      try {
        await handle.write(Buffer.concat(group.map((w) => w.body)))
        await handle.datasync()
        for (const w of group) w.done()
      } catch (error) {
        for (const w of group) w.fail(error)
      }
    }
    flushing = false
  }
  return (body) =>
    new Promise((done, fail) => {
      waiting.push({ body, done, fail })
      if (flushing) return
      flushing = true
      setImmediate(() => void flush())
    })
}

const handle = mode === 'durable' && file !== undefined ? await open(file, 'a') : undefined
const append = handle === undefined ? undefined : createGroupAppender(handle)

const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    const answer = (): void => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': ANSWER.length })
      res.end(ANSWER)
    }
    if (append === undefined) answer()
    else
      append(Buffer.concat(chunks)).then(answer, () => {
        res.writeHead(503).end()
      })
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  // listen() on a TCP port always yields an AddressInfo.
  const { port } = server.address() as AddressInfo
  const ready: ServerReady = { type: 'ready', url: `http://127.0.0.1:${port}` }
  process.send?.(ready)
})
process.once('SIGTERM', () => {
  server.closeAllConnections()
  server.close(() => void handle?.close())
})
