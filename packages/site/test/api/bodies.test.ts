/**
 * Request bodies on a running site, over real HTTP: compressed bodies are inflated with the
 * inflated size counted against the body limit (a zip bomb is stopped at it), an unknown
 * `Content-Encoding` is refused naming the header, and JSON or XML in an encoding the site does
 * not read is refused naming the encoding. The same on the three kinds of route: the REST API,
 * the management point, and the provider endpoint. On both engines, one site per pass.
 */
import { deflateSync, gzipSync } from 'node:zlib'
import type { ErrorBody } from '@sitrep/api'
import { parseSiteConfig, startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeEachEngine } from '../helpers/engines.ts'
import { NOW, statusJson } from '../mp/mp-test-site.ts'

const MAX_BODY_BYTES = 64 * 1024
/** 8 MiB of spaces inside a JSON string: 8 KiB on the wire, 128 times the limit inflated. */
const BOMB = gzipSync(Buffer.from(`{"name":"${' '.repeat(8 * 1024 * 1024)}"}`), { level: 9 })

interface Sent {
  readonly status: number
  readonly body: unknown
}

/** One route of each kind, and a JSON body it takes. */
const ROUTES = [
  { kind: 'REST API', path: '/api/v1/tokens', json: () => ({ name: `t-${Math.random()}` }), ok: 201 },
  {
    kind: 'management point',
    path: '/mp/v1/status/unsigned',
    json: () => ({
      messages: [
        statusJson('GUID:33333333-3333-4333-8333-333333333333', {
          module: 'Acme Backup',
          messageId: 1,
          createdAt: new Date(NOW).toISOString(),
        }),
      ],
    }),
    ok: 202,
  },
  {
    kind: 'provider endpoint',
    path: '/api/v1/messages',
    json: () => ({ messages: [{ kind: 'informational', text: 'compressed hello', component: 'Backup' }] }),
    ok: 201,
  },
] as const

describeEachEngine('request bodies on a running site', (engine) => {
  let site: RunningSite

  const send = async (path: string, body: Buffer, headers: Record<string, string> = {}): Promise<Sent> => {
    const response = await fetch(`${site.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${site.adminToken}`, 'content-type': 'application/json', ...headers },
      body: new Uint8Array(body),
    })
    const text = await response.text()
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) }
  }
  const expectError = (sent: Sent, status: number, code: string, mentions: RegExp): void => {
    expect(sent.status).toBe(status)
    expect(sent.body).toMatchObject({ error: { code } })
    expect((sent.body as ErrorBody).error.message).toMatch(mentions) // The body of an error answer.
  }

  beforeAll(async () => {
    site = await startSite(
      parseSiteConfig({
        dataDir: engine.tempDir('bodies'),
        http: { port: 0 },
        osLog: { mode: 'off' },
        mp: { allowUnsigned: true, maxBodyBytes: MAX_BODY_BYTES },
      }),
      { logger: engine.siteLog('PS1').logger, ...(await engine.siteOptions()) },
    )
  })
  afterAll(async () => {
    await site.stop()
  })

  describe.each(ROUTES)('on the $kind ($path)', ({ path, json, ok }) => {
    it('takes a gzip and a deflate body as if it were sent plain', async () => {
      const gz = await send(path, gzipSync(JSON.stringify(json())), { 'content-encoding': 'gzip' })
      expect(gz.status).toBe(ok)
      const df = await send(path, deflateSync(JSON.stringify(json())), { 'content-encoding': 'deflate' })
      expect(df.status).toBe(ok)
    })

    it('refuses an unknown Content-Encoding with 415 unsupported_content_encoding naming the header', async () => {
      const sent = await send(path, Buffer.from(JSON.stringify(json())), { 'content-encoding': 'br' })
      expectError(sent, 415, 'unsupported_content_encoding', /Content-Encoding "br" is not supported/)
    })

    it('stops a zip bomb at the body limit with 413 payload_too_large, and keeps answering', async () => {
      expect(BOMB.length).toBeLessThan(MAX_BODY_BYTES)
      const sent = await send(path, BOMB, { 'content-encoding': 'gzip' })
      expectError(
        sent,
        413,
        'payload_too_large',
        new RegExp(`inflates .* to more than ${MAX_BODY_BYTES} bytes`),
      )
      expect((await fetch(`${site.url}/api/v1/health`)).status).toBe(200)
    })

    it('refuses a gzip body that is not gzip with 400 invalid_body naming the coding', async () => {
      const sent = await send(path, Buffer.from(JSON.stringify(json())), { 'content-encoding': 'gzip' })
      expectError(sent, 400, 'invalid_body', /not valid gzip data/)
    })

    it('refuses UTF-16 JSON, with and without a byte-order mark, with 415 unsupported_charset naming it', async () => {
      const text = JSON.stringify(json())
      const withBom = await send(
        path,
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      )
      expectError(withBom, 415, 'unsupported_charset', /UTF-16LE \(it starts with a byte-order mark\)/)
      const bomless = await send(path, Buffer.from(text, 'utf16le'))
      expectError(bomless, 415, 'unsupported_charset', /UTF-16LE .*no byte-order mark.*must be UTF-8/)
      const declared = await send(path, Buffer.from(text), {
        'content-type': 'application/json; charset=utf-16',
      })
      expectError(declared, 415, 'unsupported_charset', /charset=utf-16/)
    })
  })

  it('refuses BOM-less UTF-16BE XML at the management point with 415 unsupported_charset naming it', async () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><Status SchemaVersion="1.0"><Type>x</Type></Status>'
    const sent = await send('/mp/v1/status/unsigned', Buffer.from(xml, 'utf16le').swap16(), {
      'content-type': 'application/xml',
    })
    expectError(sent, 415, 'unsupported_charset', /UTF-16BE .*XML bodies must be UTF-8 or UTF-16LE/)
  })
})
