/**
 * Property-based fuzzing of the MP's bodies: random bytes, random JSON values and mutations of
 * valid bodies, as JSON and as XML, on every Post and Invoke route. The MP must never answer 5xx
 * (every bad input is a 4xx naming what is wrong) and must still answer afterwards.
 */
import { createTestStores } from '@sitrep/store/testing'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestKeys, TestMp } from './mp-test-site.ts'
import { createTestMp, registrationBody, statusJson } from './mp-test-site.ts'

const adapters = await createTestStores()

const SIGNED_URLS = ['/mp/v1/status', '/mp/v1/relay'] as const
const CONTENT_TYPES = ['application/json', 'application/xml', 'text/xml'] as const

const STATUS_XML =
  '<Status SchemaVersion="1.0"><Type>SoftDistProgramStartedEvent</Type><Properties>' +
  '<Property Name="AdvertisementId">ABC20001</Property></Properties></Status>'

/** A valid body, then some of its characters replaced, deleted or duplicated. */
function mutated(valid: () => string): fc.Arbitrary<string> {
  return fc
    .array(
      fc.tuple(fc.nat(), fc.constantFrom('replace', 'delete', 'duplicate'), fc.string({ maxLength: 4 })),
      {
        minLength: 1,
        maxLength: 6,
      },
    )
    .map((edits) => {
      let text = valid()
      for (const [at, kind, insert] of edits) {
        const i = text.length === 0 ? 0 : at % text.length
        if (kind === 'replace') text = text.slice(0, i) + insert + text.slice(i + 1)
        else if (kind === 'delete') text = text.slice(0, i) + text.slice(i + 1)
        else text = text.slice(0, i) + text.slice(i, i + 8) + text.slice(i)
      }
      return text
    })
}

function bodies(clientId: string, keys: TestKeys): fc.Arbitrary<Buffer> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)),
    fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    fc
      .record({ messages: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 4 }) })
      .map((v) => Buffer.from(JSON.stringify(v))),
    fc
      .record({ stateMessages: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 4 }) })
      .map((v) => Buffer.from(JSON.stringify(v))),
    mutated(() => JSON.stringify({ messages: [statusJson(clientId)] })).map((s) => Buffer.from(s)),
    mutated(() => STATUS_XML).map((s) => Buffer.from(s)),
    mutated(() => STATUS_XML).map((s) =>
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]),
    ),
    mutated(() => JSON.stringify(registrationBody(keys))).map((s) => Buffer.from(s)),
  )
}

for (const adapter of adapters) {
  describe.skipIf(adapter.skipReason !== undefined)(
    `the management point under fuzzed bodies [${adapter.kind}]`,
    () => {
      let mp: TestMp
      let clientId: string
      let keys: TestKeys
      let cleanup: () => Promise<void> = () => Promise.resolve()

      beforeAll(async () => {
        const opened = await adapter.open()
        cleanup = () => opened.cleanup()
        mp = await createTestMp({
          store: opened.store,
          mp: { allowUnsigned: true, ratePerSecond: 1e9, burst: 1e9 },
        })
        ;({ clientId, keys } = await mp.register())
      })
      afterAll(async () => {
        await mp.app.close()
        await cleanup()
      })

      it('never answers 5xx on the signed Post routes', async () => {
        await fc.assert(
          fc.asyncProperty(
            bodies(clientId, keys),
            fc.constantFrom(...SIGNED_URLS),
            fc.constantFrom(...CONTENT_TYPES),
            async (body, url, contentType) => {
              const reply = await mp.signed({ clientId, keys, url, body, contentType })
              expect(reply.statusCode).toBeLessThan(500)
              expect(
                reply.statusCode === 202 ||
                  reply.json<{ error?: { code?: string } }>().error?.code !== undefined,
              ).toBe(true)
            },
          ),
          { numRuns: 150 },
        )
      })

      it('never answers 5xx on the unsigned and registration routes', async () => {
        await fc.assert(
          fc.asyncProperty(
            bodies(clientId, keys),
            fc.constantFrom('/mp/v1/status/unsigned', '/mp/v1/registration'),
            fc.constantFrom(...CONTENT_TYPES),
            async (body, url, contentType) => {
              const reply = await mp.app.inject({
                method: 'POST',
                url,
                headers: { 'content-type': contentType },
                payload: body,
              })
              expect(reply.statusCode).toBeLessThan(500)
            },
          ),
          { numRuns: 150 },
        )
      })

      it('never answers 5xx to random query strings of the messages API', async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.dictionary(
              fc.constantFrom('severity', 'limit', 'cursor', 'since', 'text', 'attributeId', 'x'),
              fc.string(),
            ),
            async (query) => {
              const reply = await mp.app.inject({
                method: 'GET',
                url: `/api/v1/messages?${new URLSearchParams(query).toString()}`,
                headers: { authorization: 'Bearer test-admin-token-0123456789abcdef' },
              })
              expect(reply.statusCode).toBeLessThan(500)
            },
          ),
          { numRuns: 100 },
        )
      })

      it('refuses NUL and unpaired surrogates in registration text as 400, not a database error', async () => {
        for (const netbiosName of ['WKS\u0000', 'WKS\ud800']) {
          const body = { ...registrationBody(keys), machine: { netbiosName } }
          const reply = await mp.app.inject({ method: 'POST', url: '/mp/v1/registration', payload: body })
          expect(reply.statusCode).toBe(400)
        }
      })

      it('still takes a valid batch after the fuzzing', async () => {
        const reply = await mp.signed({
          clientId,
          keys,
          body: JSON.stringify({ messages: [statusJson(clientId)] }),
        })
        expect(reply.statusCode).toBe(202)
        expect((await mp.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200)
      })
    },
  )
}
