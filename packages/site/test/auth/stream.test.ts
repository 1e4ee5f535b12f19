import { newMessageId } from '@sitrep/protocol'
import type { StoredMessage } from '@sitrep/store'
import { afterEach, describe, expect, it } from 'vitest'
import { describeEachEngine } from '../helpers/engines.ts'
import type { AuthTestApp } from './auth-test-app.ts'
import { ADMIN_TOKEN, NOW, createAuthTestApp } from './auth-test-app.ts'

function stored(recordId: number, component: string): StoredMessage {
  return {
    id: newMessageId(NOW + recordId),
    origin: { kind: 'site', id: 'PS1' },
    sequence: recordId,
    severity: 'error',
    messageType: 'milestone',
    messageId: 39999,
    module: 'SMS Server',
    component,
    machine: 'SRV-01',
    siteCode: 'PS1',
    topLevelSiteCode: 'PS1',
    processId: 1,
    threadId: 1,
    win32Error: 0,
    createdAt: NOW,
    perClient: false,
    reportFunction: 'report',
    transaction: false,
    successfulTransaction: false,
    insertionStrings: ['disk full'],
    attributes: [],
    recordId,
    receivedAt: NOW,
    deleteAfter: null,
    trusted: true,
  }
}

/** Reads the stream until `until` holds for the text so far. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, until: (text: string) => boolean) {
  const decoder = new TextDecoder()
  let text = ''
  while (!until(text)) {
    const chunk = await reader.read()
    if (chunk.done) break
    text += decoder.decode(chunk.value, { stream: true })
  }
  return text
}

describeEachEngine('the stream of stored messages', (engine) => {
  let t: AuthTestApp | undefined
  afterEach(async () => {
    await t?.close()
    t = undefined
  })
  const start = async (options: { readonly streamPingMs?: number } = {}): Promise<AuthTestApp> =>
    createAuthTestApp({ ...options, store: await engine.openStore(), logger: engine.siteLog('PS1').logger })

  describe('GET /api/v1/messages/stream', () => {
    it('sends newly stored messages that match the filters as server-sent events, with pings', async () => {
      t = await start({ streamPingMs: 20 })
      const url = await t.app.listen({ host: '127.0.0.1', port: 0 })
      const controller = new AbortController()
      const response = await fetch(`${url}/api/v1/messages/stream?component=Backup`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        signal: controller.signal,
      })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
      const reader = (response.body ?? new ReadableStream<Uint8Array>()).getReader()
      expect(await readUntil(reader, (text) => text.includes(': connected'))).toContain(': connected')
      expect(t.feed.size()).toBe(1)

      t.feed.publish([stored(1, 'Other'), stored(2, 'backup')])
      const text = await readUntil(reader, (s) => s.includes('\n\n') && s.includes('event: message'))
      const event = text.split('\n\n').find((block) => block.startsWith('event: message'))
      expect(event).toContain('id: 2')
      const data = JSON.parse(event?.split('data: ')[1] ?? '{}') as Record<string, unknown>
      expect(data).toMatchObject({ recordId: 2, component: 'backup', text: expect.any(String) as unknown })
      expect(text).not.toContain('"recordId":1,')
      expect(await readUntil(reader, (s) => s.includes(': ping'))).toContain(': ping')

      controller.abort()
      await reader.cancel().catch(() => undefined)
      await expect.poll(() => t?.feed.size()).toBe(0)
    })

    it('refuses a caller without credentials with 401 before opening a stream', async () => {
      t = await start()
      const reply = await t.app.inject({ url: '/api/v1/messages/stream' })
      expect(reply.statusCode).toBe(401)
    })

    it('lets the site stop while a stream is open', async () => {
      t = await start()
      const url = await t.app.listen({ host: '127.0.0.1', port: 0 })
      const response = await fetch(`${url}/api/v1/messages/stream`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      })
      const reader = (response.body ?? new ReadableStream<Uint8Array>()).getReader()
      await readUntil(reader, (text) => text.includes(': connected'))
      await t.close()
      t = undefined
      expect((await reader.read()).done).toBe(true)
    })
  })
})
