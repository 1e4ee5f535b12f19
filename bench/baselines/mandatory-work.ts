/**
 * The work the MP may not skip, timed alone on one core: for every request, the Ed25519 check of
 * its signature (build item 2 of the MP issue), and for every message, decoding the body and the
 * per-field checks that give bad input its clear error. No HTTP, no storage, no event loop: a
 * tight loop over the same bodies the load process sends, so the figure is an upper bound on
 * what one core can acknowledge, whatever the rest of the MP does.
 *
 * Read beside the bare durable baseline, it says how many cores that work alone would need to
 * keep up with a server that only appends and syncs bytes (see docs/performance.md).
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto'
import {
  decodeStatusXml,
  decodeXmlBytes,
  newMessageId,
  parseStatusBatch,
  statusXmlToMessage,
} from '@sitrep/protocol'
import type { BodySpec } from '../load/load-plan.ts'
import { BENCH_ORIGIN_ID, createJsonBodyFactory, statusXmlBody } from '../lib/bench-messages.ts'

/** What one timed loop measured. */
export interface MandatoryWorkResult {
  /** Messages per second one core checks and decodes. */
  readonly messagesPerSecond: number
  /** Microseconds per request: the signature check, and the decoding with field checks. */
  readonly verifyUsPerRequest: number
  readonly decodeUsPerRequest: number
  readonly requests: number
}

/** Times the mandatory work on `body` for about `durationMs` (after a warm-up of a fifth of it). */
export function measureMandatoryWork(body: BodySpec, durationMs: number): MandatoryWorkResult {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const batch = body.format === 'json' ? body.batch : 1
  const factory = body.format === 'json' ? createJsonBodyFactory(body.batch, Date.now()) : undefined
  const xml = body.format === 'xml' ? statusXmlBody() : ''
  // Signed bodies are made before timing: signing is the client's cost, not the MP's.
  const samples = Array.from({ length: 64 }, () => {
    const bytes = Buffer.from(factory === undefined ? xml : factory(BENCH_ORIGIN_ID), 'utf8')
    const head = Buffer.from(`sitrep-v1\nPOST\n/mp/v1/status\n${new Date().toISOString()}\n`, 'utf8')
    const signed = Buffer.concat([head, bytes])
    return { bytes, signed, signature: sign(null, signed, privateKey) }
  })
  const decode = (bytes: Buffer): number => {
    if (body.format === 'json') {
      const parsed = parseStatusBatch(JSON.parse(bytes.toString('utf8')))
      return parsed.accepted.length
    }
    const document = decodeStatusXml(decodeXmlBytes(bytes))
    if (!document.ok) return 0
    const message = statusXmlToMessage(document.value, {
      id: newMessageId(),
      origin: { kind: 'client', id: BENCH_ORIGIN_ID },
      sequence: 1,
      machine: 'PC-00001',
      siteCode: 'PS1',
      createdAt: Date.now(),
      component: 'Software Distribution',
    })
    return message.ok ? 1 : 0
  }
  const run = (ms: number): { requests: number; verifyNs: bigint; decodeNs: bigint } => {
    let requests = 0
    let verifyNs = 0n
    let decodeNs = 0n
    const end = performance.now() + ms
    while (performance.now() < end) {
      const s = samples[requests % samples.length]
      if (s === undefined) break
      const t0 = process.hrtime.bigint()
      if (!verify(null, s.signed, publicKey, s.signature)) throw new Error('bench signature does not verify')
      const t1 = process.hrtime.bigint()
      if (decode(s.bytes) !== batch) throw new Error('bench body does not decode to every message')
      const t2 = process.hrtime.bigint()
      verifyNs += t1 - t0
      decodeNs += t2 - t1
      requests += 1
    }
    return { requests, verifyNs, decodeNs }
  }
  run(Math.max(100, durationMs / 5))
  const { requests, verifyNs, decodeNs } = run(durationMs)
  const verifyUs = Number(verifyNs) / 1000 / requests
  const decodeUs = Number(decodeNs) / 1000 / requests
  return {
    messagesPerSecond: (batch * 1_000_000) / (verifyUs + decodeUs),
    verifyUsPerRequest: verifyUs,
    decodeUsPerRequest: decodeUs,
    requests,
  }
}
