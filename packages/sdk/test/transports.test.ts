import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createSitrepClient,
  createTransport,
  parseTarget,
  SitrepNetworkError,
  SitrepUnavailableError,
  StatusEvent,
} from '../src/index.ts'
import { makeTempDir } from './helpers/temp-dir.ts'
import { startTestMp } from './helpers/test-mp.ts'

describe('parseTarget', () => {
  it('chooses HTTP for http(s) URLs and the local socket for paths, unix: and named pipes', () => {
    expect(parseTarget('http://127.0.0.1:8080/')).toEqual({ kind: 'http', url: 'http://127.0.0.1:8080' })
    expect(parseTarget('https://mp.example.org')).toEqual({ kind: 'http', url: 'https://mp.example.org' })
    expect(parseTarget('/run/sitrep/agent.sock')).toEqual({ kind: 'socket', path: '/run/sitrep/agent.sock' })
    expect(parseTarget('unix:/tmp/a.sock')).toEqual({ kind: 'socket', path: '/tmp/a.sock' })
    expect(parseTarget('\\\\.\\pipe\\sitrep-agent')).toEqual({
      kind: 'socket',
      path: '\\\\.\\pipe\\sitrep-agent',
    })
    expect(() => parseTarget('mp.example.org')).toThrow(/neither an http\(s\):\/\/ URL nor a socket path/)
  })
})

describe('transports', () => {
  let cleanup: () => Promise<void>
  let stateDir: string
  beforeEach(async () => {
    const temp = await makeTempDir('transport')
    stateDir = temp.dir
    cleanup = temp.cleanup
  })
  afterEach(async () => cleanup())

  it('registers and reports over a real local Unix socket', async () => {
    const socketPath = path.join(stateDir, 'agent.sock')
    const mp = await startTestMp({ socketPath })
    try {
      const client = createSitrepClient({ target: socketPath, stateDir: path.join(stateDir, 'client') })
      const event = new StatusEvent({ client, eventType: 'SMS_GenericStatusMessage_Info' })
      expect((await event.setProperty('InsertionString1', 'over the socket').submit()).status).toBe(
        'accepted',
      )
      expect(mp.stored.map((m) => m.insertionStrings[0])).toEqual(['over the socket'])
      const location = await createTransport(`unix:${socketPath}`).send({
        method: 'GET',
        path: '/mp/v1/location',
        headers: {},
        timeoutMs: 5_000,
      })
      expect(location.status).toBe(200)
      await client.close()
    } finally {
      await mp.close()
    }
  })

  it('reports a socket nobody listens on as a network error', async () => {
    const transport = createTransport(path.join(tmpdir(), `missing-${process.pid}.sock`))
    await expect(
      transport.send({ method: 'GET', path: '/', headers: {}, timeoutMs: 1_000 }),
    ).rejects.toBeInstanceOf(SitrepNetworkError)
  })

  it('reports a closed HTTP port as a network error', async () => {
    const mp = await startTestMp()
    const url = mp.url
    await mp.close()
    const client = createSitrepClient({ target: url, stateDir })
    await expect(client.register()).rejects.toBeInstanceOf(SitrepNetworkError)
  })

  it("maps 429 with Retry-After to SitrepUnavailableError carrying the MP's code and the delay", async () => {
    const mp = await startTestMp()
    try {
      mp.failNext({ status: 429, code: 'rate_limited', retryAfterSeconds: 12 })
      const client = createSitrepClient({ target: mp.url, stateDir })
      const message = await client.buildMessage({
        severity: 'error',
        messageId: 39999,
        module: 'SMS Provider',
        component: 'C',
      })
      const error: unknown = await client.submit(message).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(SitrepUnavailableError)
      expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 12_000 })
    } finally {
      await mp.close()
    }
  })
})
