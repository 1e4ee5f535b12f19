/**
 * Slow and greedy clients against the site's HTTP server, over real loopback sockets: a
 * slowloris of 2,000 connections does not stop the health check, and every one of its sockets
 * is answered 408 and freed at the headers timeout; one address cannot hold more than its cap;
 * a connection carries a bounded number of requests. Timings are printed, never asserted: only
 * hang guards bound the waits.
 */
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/http/create-app.ts'
import type { HttpLimits } from '../../src/http/http-limits.ts'
import { DEFAULT_HTTP_LIMITS } from '../../src/http/http-limits.ts'
import type { Slowloris } from '../helpers/slowloris.ts'
import { probeHealth, startSlowloris, waitUntil } from '../helpers/slowloris.ts'

let app: FastifyInstance | undefined
let attack: Slowloris | undefined
afterEach(async () => {
  attack?.stop()
  attack = undefined
  await app?.close()
  app = undefined
})

async function listen(
  limits: Partial<HttpLimits>,
): Promise<{ port: number; connections: () => Promise<number> }> {
  app = createApp({
    siteCode: 'PS1',
    siteName: 'Test',
    version: '0.0.0',
    roles: [],
    httpLimits: { ...DEFAULT_HTTP_LIMITS, ...limits },
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const server = app.server
  const { port } = server.address() as AddressInfo // Listening on TCP, so an AddressInfo.
  return {
    port,
    connections: () =>
      new Promise((resolve, reject) =>
        server.getConnections((error, n) => (error ? reject(error) : resolve(n))),
      ),
  }
}

const SOURCES = Array.from({ length: 10 }, (_, i) => `127.0.0.${i + 2}`)

describe('slow clients', () => {
  it('keeps answering health during a 2,000-connection slowloris and frees every socket at the headers timeout with 408 request_timeout', async () => {
    const site = await listen({ headersTimeoutMs: 3000, requestTimeoutMs: 6000 })
    // 200 connections from each of ten addresses: under the per-address cap, so the timeout alone frees them.
    attack = await startSlowloris({ port: site.port, connections: 2000, sources: SOURCES, trickleMs: 500 })
    expect(attack.connected()).toBe(2000)
    const held = await site.connections()
    const probes = []
    for (let i = 0; i < 5; i += 1) probes.push(await probeHealth(site.port))
    const during = attack.closed()
    console.info(
      `slowloris: ${held} connections held by the site; health during the attack ${probes.map((p) => `${p.ms.toFixed(1)} ms`).join(', ')}; ${during} attack sockets closed by then`,
    )
    expect(probes.map((p) => p.status)).toEqual([200, 200, 200, 200, 200])
    await waitUntil(() => attack?.closed() === 2000, 30_000, 'the site to close every slowloris socket')
    expect(attack.answers()).toEqual({ 408: 2000 })
    const answer = attack.sample('408') ?? ''
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      error: { code: 'request_timeout' },
    })
    expect(await site.connections()).toBe(0)
    expect((await probeHealth(site.port)).status).toBe(200)
  })

  it('lets a 2,000-connection slowloris from one address hold no more than the cap, and health from that address still gets through', async () => {
    const cap = 64
    const site = await listen({
      maxConnectionsPerAddress: cap,
      headersTimeoutMs: 3000,
      requestTimeoutMs: 6000,
    })
    attack = await startSlowloris({ port: site.port, connections: 2000, trickleMs: 500 })
    await waitUntil(() => attack?.closed() === 2000 - cap, 30_000, 'the cap to close the oldest connections')
    expect(await site.connections()).toBe(cap)
    const probe = await probeHealth(site.port, '127.0.0.1')
    console.info(
      `slowloris from one address: ${cap} held, health from the same address ${probe.ms.toFixed(1)} ms`,
    )
    expect(probe.status).toBe(200)
    // The evicted ones were closed without an answer (the probe's connection evicted one more);
    // those still held run into the headers timeout.
    await waitUntil(() => attack?.closed() === 2000, 30_000, 'the headers timeout')
    expect(attack.answers()).toEqual({ none: 2000 - cap + 1, 408: cap - 1 })
  })
})

/** Sends `text` on a new connection from `source` and resolves with all it gets until the site closes it. */
function exchange(port: number, text: string, source = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: source })
    let answer = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => (answer += chunk))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
    socket.write(text)
  })
}

describe('greedy clients', () => {
  it('refuses a connection over the cap with 429 too_many_connections when every one of its address is busy', async () => {
    const site = await listen({ maxConnectionsPerAddress: 2 })
    // Two requests whose bodies never finish keep two connections busy.
    let requests = 0
    app?.server.on('request', () => (requests += 1))
    const busy = [0, 1].map(() => {
      const socket = connect({ host: '127.0.0.1', port: site.port })
      socket.on('error', () => undefined)
      socket.write(
        'POST /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{',
      )
      return socket
    })
    await waitUntil(() => requests === 2, 5000, 'the site to read both busy requests')
    const answer = await exchange(site.port, 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n')
    for (const socket of busy) socket.destroy()
    expect(answer).toMatch(/^HTTP\/1\.1 429 /)
    expect(answer).toMatch(/\r\nRetry-After: 1\r\n/)
    const body = answer.slice(answer.indexOf('\r\n\r\n') + 4)
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'too_many_connections' } })
    expect(body).toContain('http.maxConnectionsPerAddress')
    expect((await probeHealth(site.port, '127.0.0.2')).status).toBe(200)
  })

  it('answers the last request a connection may carry with Connection: close, and closes it', async () => {
    const site = await listen({ maxRequestsPerSocket: 3 })
    const request = 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n'
    const answer = await exchange(site.port, request.repeat(5))
    const statuses = answer.match(/HTTP\/1\.1 \d{3}/g) ?? []
    expect(statuses).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200', 'HTTP/1.1 200'])
    expect(answer.match(/\r\nConnection: (\S+)\r\n/gi)?.map((h) => h.trim())).toEqual([
      'Connection: keep-alive',
      'Connection: keep-alive',
      'Connection: close',
    ])
  })

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const site = await listen({ keepAliveTimeoutMs: 200 })
    const answer = await exchange(site.port, 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n')
    // `exchange` resolves only once the site has closed the connection.
    expect(answer).toMatch(/^HTTP\/1\.1 200 [^]*\r\nConnection: keep-alive\r\n/)
    expect(await site.connections()).toBe(0)
  })
})
