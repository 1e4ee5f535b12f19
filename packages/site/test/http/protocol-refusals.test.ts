/**
 * The one error shape on the wire: every refusal a running site makes at the HTTP level, also
 * those the HTTP parser and Node's server would make with a bare body, is answered with
 * `{ "error": { "code", "message" } }` and a code of docs/errors.md. Requests go over raw
 * loopback sockets, byte for byte, as a broken or hostile client would send them.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { API_ERROR_STATUS } from '@sitrep/api'
import { parseSiteConfig, startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../../../sdk/test/helpers/temp-dir.ts'
import { MP_ERROR_STATUS } from '../../src/mp/mp-error.ts'

const MAX_CONTENT_BYTES = 64 * 1024
const MAX_BODY_BYTES = 256 * 1024

/** A raw answer: status, headers (lower-case names) and the body as text. */
interface RawAnswer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** Everything received, for failure messages. */
  readonly text: string
}

/**
 * Writes `parts` to a new connection one after another (a part is written only while no answer
 * has arrived, as a client that reads while it sends does) and collects what comes back until
 * the site closes the connection or `idleMs` pass without a byte.
 */
async function exchange(port: number, parts: readonly string[], idleMs = 1500): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    let received = ''
    let timer = setTimeout(() => socket.destroy(), idleMs)
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      received += chunk
      clearTimeout(timer)
      timer = setTimeout(() => socket.destroy(), idleMs)
    })
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(received)
    })
    void (async () => {
      for (const part of parts) {
        if (received !== '' || socket.destroyed) return
        if (!socket.write(part)) await new Promise((r) => socket.once('drain', r))
        await new Promise((r) => setImmediate(r))
      }
    })()
  })
}

/** Parses the response in `text` (after any `100 Continue`), de-chunking its body. */
function lastAnswer(text: string): RawAnswer {
  const response = text.replace(/^(HTTP\/1\.1 100 Continue\r\n\r\n)+/, '')
  const split = response.indexOf('\r\n\r\n')
  const head = response.slice(0, split).split('\r\n')
  const status = Number(head[0]?.split(' ')[1])
  const headers: Record<string, string> = {}
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
  }
  let body = response.slice(split + 4)
  if (headers['transfer-encoding'] === 'chunked') {
    let rest = body
    body = ''
    for (;;) {
      const lineEnd = rest.indexOf('\r\n')
      const size = Number.parseInt(rest.slice(0, lineEnd), 16)
      if (!(size > 0)) break
      body += rest.slice(lineEnd + 2, lineEnd + 2 + size)
      rest = rest.slice(lineEnd + 2 + size + 2)
    }
  }
  return { status, headers, body, text }
}

const ALL_CODES: Readonly<Record<string, number>> = { ...API_ERROR_STATUS, ...MP_ERROR_STATUS }

/** Checks the documented error shape: JSON, status of the code, and a message for people. */
function expectErrorShape(answer: RawAnswer, status: number, code: string): { message: string } {
  expect(answer.status, answer.text.slice(0, 400)).toBe(status)
  expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
  const body = JSON.parse(answer.body) as { error: { code: string; message: string } }
  expect(body).toMatchObject({ error: { code } })
  expect(typeof body.error.message).toBe('string')
  expect(ALL_CODES[code]).toBe(status)
  expect(body.error.message.length).toBeGreaterThan(10)
  return body.error
}

describe('HTTP-level refusals of a running site', () => {
  let site: RunningSite
  let port = 0
  let token = ''
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    const temp = await makeTempDir('protocol-refusals')
    cleanup = temp.cleanup
    site = await startSite(
      parseSiteConfig({
        dataDir: temp.dir,
        http: { port: 0, headersTimeoutMs: 500, requestTimeoutMs: 1000 },
        mp: { maxBodyBytes: MAX_BODY_BYTES },
        osLog: { mode: 'off' },
        logLevel: 'silent',
        distribution: { maxContentBytes: MAX_CONTENT_BYTES },
      }),
    )
    port = Number(new URL(site.url).port)
    token = site.adminToken
  })
  afterAll(async () => {
    await site.stop()
    await cleanup()
  })

  const send = async (request: string | readonly string[]): Promise<RawAnswer> =>
    lastAnswer(await exchange(port, typeof request === 'string' ? [request] : request))

  it('answers an HTTP/1.1 request without a Host header 400 bad_request naming the header', async () => {
    const error = expectErrorShape(await send('GET /api/v1/health HTTP/1.1\r\n\r\n'), 400, 'bad_request')
    expect(error.message).toContain('Host header')
    // HTTP/1.0 has no Host requirement, and is still served.
    expect((await send('GET /api/v1/health HTTP/1.0\r\n\r\n')).status).toBe(200)
  })

  it('answers an Expect header other than 100-continue 417 expectation_failed, and still honours 100-continue', async () => {
    const refused = await send(
      'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nConnection: close\r\n\r\n',
    )
    expect(expectErrorShape(refused, 417, 'expectation_failed').message).toContain('teapot')
    const body = '{"name":"expect-test"}'
    // The client sends its body only once the site has said `100 Continue`.
    const answered = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port })
      let received = ''
      socket.setEncoding('utf8')
      socket.on('data', (chunk: string) => {
        received += chunk
        if (received === 'HTTP/1.1 100 Continue\r\n\r\n') socket.write(body)
      })
      socket.on('close', () => resolve(received))
      socket.write(
        `POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
      )
    })
    expect(answered.startsWith('HTTP/1.1 100 Continue\r\n\r\n')).toBe(true)
    expect(lastAnswer(answered).status).toBe(201)
  })

  it.each([
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n'],
    ['an unknown method', 'BREW /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['an HTTP version the site does not speak', 'GET /api/v1/health HTTP/3.1\r\nHost: x\r\n\r\n'],
    ['a header line without a colon', 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n'],
    ['a NUL byte in the URL', 'GET /api/v1/he\0alth HTTP/1.1\r\nHost: x\r\n\r\n'],
    [
      'both Content-Length and Transfer-Encoding',
      'POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    [
      'a Content-Length that is not a number',
      'POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n',
    ],
    [
      'a Transfer-Encoding other than chunked',
      'POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n',
    ],
    [
      'a chunk size that is not hexadecimal',
      `POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
    ],
  ])('answers %s 400 bad_request on the raw connection, then closes it', async (_name, request) => {
    const answer = await send(request)
    expectErrorShape(answer, 400, 'bad_request')
    expect(answer.headers['connection']).toBe('close')
  })

  it('answers headers over the parser limit, and a URL as long, 431 headers_too_large', async () => {
    expectErrorShape(
      await send(`GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`),
      431,
      'headers_too_large',
    )
    expectErrorShape(
      await send(`GET /${'a'.repeat(64 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`),
      431,
      'headers_too_large',
    )
  })

  it('answers headers that do not arrive within http.headersTimeoutMs 408 request_timeout', async () => {
    const text = await exchange(port, ['GET /api/v1/health HTTP/1.1\r\nHost: x\r\n'], 5000)
    expectErrorShape(lastAnswer(text), 408, 'request_timeout')
  })

  it('answers an unknown path, and a known path with a method it has not, 404 unknown_route', async () => {
    expectErrorShape(
      await send('GET /api/v1/nothing-here HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      404,
      'unknown_route',
    )
    const method = await send('DELETE /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
    expect(expectErrorShape(method, 404, 'unknown_route').message).toContain('DELETE /api/v1/health')
    expectErrorShape(
      await send('TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      404,
      'unknown_route',
    )
  })

  it('answers CONNECT 404 unknown_route instead of dropping the connection: the site is no proxy', async () => {
    const answer = await send('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n')
    expect(expectErrorShape(answer, 404, 'unknown_route').message).toContain('not a proxy')
  })

  it('answers a chunked JSON body over mp.maxBodyBytes 413 payload_too_large while the client still sends', async () => {
    const chunk = 'x'.repeat(16 * 1024)
    const parts = [
      `POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      ...Array.from({ length: 64 }, () => `4000\r\n${chunk}\r\n`),
      // No last chunk: the client is still sending when the site answers.
    ]
    const answer = lastAnswer(await exchange(port, parts))
    expect(expectErrorShape(answer, 413, 'payload_too_large').message).toContain('mp.maxBodyBytes')
    expect(answer.headers['connection']).toBe('close')
  })

  it('answers a chunked content upload over distribution.maxContentBytes 413 payload_too_large instead of dropping the connection', async () => {
    const chunk = 'y'.repeat(16 * 1024)
    const chunks = 16 // 256 KiB, 4 times the limit
    const sha = createHash('sha256').update(chunk.repeat(chunks)).digest('hex')
    const parts = [
      `PUT /api/v1/content/${sha} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
        'Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n',
      ...Array.from({ length: chunks }, () => `4000\r\n${chunk}\r\n`),
      // No last chunk: the client is still sending when the site answers.
    ]
    const answer = lastAnswer(await exchange(port, parts))
    const error = expectErrorShape(answer, 413, 'payload_too_large')
    expect(error.message).toContain('distribution.maxContentBytes')
    expect(answer.headers['connection']).toBe('close')
    // Nothing of it was kept, and the site serves the next request.
    const listed = await fetch(`${site.url}/api/v1/content`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(await listed.json()).toEqual({ content: [] })
  })

  it('lists every code these answers carry in docs/errors.md with its status', () => {
    const doc = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8')
    for (const [code, status] of Object.entries(ALL_CODES)) {
      expect(doc, code).toMatch(new RegExp(`\\| ${status}\\s+\\| \`${code}\`\\s+\\|`))
    }
  })
})
