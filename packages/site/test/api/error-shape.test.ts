import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { StoreError } from '@sitrep/store'
import { afterEach, describe, expect, it } from 'vitest'
import { describeEachEngine } from '../helpers/engines.ts'
import type { AuthTestApp } from '../auth/auth-test-app.ts'
import { ADMIN_TOKEN, createAuthTestApp } from '../auth/auth-test-app.ts'

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
const json = { ...admin, 'content-type': 'application/json' }

/** Sends `request` as raw bytes to the listening app and returns everything it answers. */
async function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port })
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (answer += chunk))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
    socket.write(request)
  })
}

function bodyOf(rawAnswer: string): unknown {
  return JSON.parse(rawAnswer.slice(rawAnswer.indexOf('\r\n\r\n') + 4))
}

describeEachEngine('the one error shape', (engine) => {
  let t: AuthTestApp | undefined
  afterEach(async () => {
    await t?.close()
    t = undefined
  })
  const start = async (options: { readonly streamPingMs?: number } = {}): Promise<AuthTestApp> =>
    createAuthTestApp({ ...options, store: await engine.openStore(), logger: engine.siteLog('PS1').logger })

  describe('the one error shape', () => {
    it('answers an unknown route with 404 unknown_route, apart from an unknown item (not_found)', async () => {
      t = await start()
      const route = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: admin })
      expect(route.statusCode).toBe(404)
      expect(route.json()).toMatchObject({ error: { code: 'unknown_route' } })
      expect(route.json<{ error: { message: string } }>().error.message).toContain('/api/v1/nothing-here')
      const item = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/tokens/no-such-token',
        headers: admin,
      })
      expect(item.statusCode).toBe(404)
      expect(item.json()).toMatchObject({ error: { code: 'not_found' } })
    })

    it('refuses a body that is not of the route form with 400 invalid_body naming the field and its limit', async () => {
      t = await start()
      const long = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: json,
        payload: { name: 'x'.repeat(129) },
      })
      expect(long.statusCode).toBe(400)
      expect(long.json()).toMatchObject({
        error: { code: 'invalid_body', issues: [{ field: 'name', code: 'too_long' }] },
      })
      expect(long.json<{ error: { message: string } }>().error.message).toMatch(/name: .*128/)
      const notJson = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: json,
        payload: '{"name":',
      })
      expect(notJson.statusCode).toBe(400)
      expect(notJson.json()).toMatchObject({ error: { code: 'invalid_body' } })
      expect(notJson.json<{ error: { message: string } }>().error.message).toContain('not valid JSON')
      const none = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin })
      expect(none.statusCode).toBe(400)
      expect(none.json()).toMatchObject({ error: { code: 'invalid_body' } })
    })

    it('answers a body of another media type with 415 unsupported_media_type', async () => {
      t = await start()
      const reply = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { ...admin, 'content-type': 'text/plain' },
        payload: 'name=x',
      })
      expect(reply.statusCode).toBe(415)
      expect(reply.json()).toMatchObject({ error: { code: 'unsupported_media_type' } })
    })

    it('answers a body over the limit with 413 payload_too_large', async () => {
      t = await start()
      const reply = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: json,
        payload: JSON.stringify({ name: 'x'.repeat(5 * 1024 * 1024) }),
      })
      expect(reply.statusCode).toBe(413)
      expect(reply.json()).toMatchObject({ error: { code: 'payload_too_large' } })
    })

    it('answers a URL whose parameter does not decode with 400 bad_request', async () => {
      t = await start()
      const reply = await t.app.inject({ method: 'DELETE', url: '/api/v1/tokens/%E0%A4%A', headers: admin })
      expect(reply.statusCode).toBe(400)
      expect(reply.json()).toMatchObject({ error: { code: 'bad_request' } })
    })

    it('answers headers over the HTTP parser limit with 431 headers_too_large in the same shape', async () => {
      t = await start()
      await t.app.listen({ host: '127.0.0.1', port: 0 })
      const { port } = t.app.server.address() as AddressInfo // Listening on TCP, so an AddressInfo.
      const answer = await rawExchange(
        port,
        `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
      )
      expect(answer.startsWith('HTTP/1.1 431 ')).toBe(true)
      expect(bodyOf(answer)).toMatchObject({ error: { code: 'headers_too_large' } })
    })

    it('answers a request line that is not HTTP with 400 bad_request in the same shape', async () => {
      t = await start()
      await t.app.listen({ host: '127.0.0.1', port: 0 })
      const { port } = t.app.server.address() as AddressInfo // Listening on TCP, so an AddressInfo.
      const answer = await rawExchange(port, 'HELLO THERE\r\n\r\n')
      expect(answer.startsWith('HTTP/1.1 400 ')).toBe(true)
      expect(bodyOf(answer)).toMatchObject({ error: { code: 'bad_request' } })
    })

    it('answers a store that is down with 503 unavailable and Retry-After', async () => {
      t = await start()
      t.app.get('/api/v1/test-store-down', { config: { minRole: 'read-only-analyst' } }, () => {
        throw new StoreError('store_unavailable', 'connect ECONNREFUSED 127.0.0.1:5432')
      })
      const reply = await t.app.inject({ method: 'GET', url: '/api/v1/test-store-down', headers: admin })
      expect(reply.statusCode).toBe(503)
      expect(reply.headers['retry-after']).toBe('5')
      expect(reply.json()).toMatchObject({ error: { code: 'unavailable' } })
    })
  })
})
