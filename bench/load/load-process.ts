/**
 * The load generator, run as a separate process (`forkTsx`) so its CPU never counts against the
 * server it drives. It takes one {@link LoadPlan} over IPC, runs it, answers with the result
 * and exits. HTTP goes through `node:http` with a keep-alive agent, one socket per simulated
 * client.
 */
import { generateKeyPairSync, sign } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { encodeStatusBatchJson } from '@sitrep/protocol'
import {
  BENCH_ORIGIN_ID,
  createJsonBodyFactory,
  makeBenchMessage,
  rfc5424Line,
  statusXmlBody,
} from '../lib/bench-messages.ts'
import { summarizeLatencies } from '../lib/percentiles.ts'
import type {
  AuthSpec,
  ClosedLoopPlan,
  ClosedLoopResult,
  FixedRatePlan,
  FixedRateResult,
  LoadMessage,
  LoadPlan,
  SentMessage,
  SyslogPlan,
  SyslogResult,
} from './load-plan.ts'
import type { RawAnswer } from './raw-http-connection.ts'
import { createRawConnection } from './raw-http-connection.ts'

/** Wall-clock time with sub-millisecond resolution, comparable across processes. */
function nowMs(): number {
  return performance.timeOrigin + performance.now()
}

function reply(message: LoadMessage): void {
  process.send?.(message)
}

interface HttpAnswer {
  readonly status: number
  readonly body: string
}

function post(
  agent: Agent,
  url: URL,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path,
        headers: { ...headers, 'content-length': String(body.length) },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** A simulated client: signs its requests when it has a key. */
interface Client {
  /** The client ID messages name as their origin (the bench origin when unsigned). */
  readonly originId: string
  headers(path: string, body: Buffer): Record<string, string>
}

const UNSIGNED_CLIENT: Client = { originId: BENCH_ORIGIN_ID, headers: () => ({}) }

// SPKI DER of an Ed25519 public key ends with the raw 32-byte key.
const RAW_KEY_BYTES = 32

async function makeClients(auth: AuthSpec, agent: Agent, url: URL): Promise<Client[]> {
  if (auth.kind !== 'signed') return [UNSIGNED_CLIENT]
  const clients: Client[] = []
  for (let i = 0; i < auth.clients; i++) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-RAW_KEY_BYTES).toString('base64')
    const proof = sign(null, Buffer.from(`sitrep-register-v1\n${raw}`, 'utf8'), privateKey).toString('base64')
    const registration = {
      requestType: 'registration',
      machine: {
        netbiosName: `BENCH-${String(i).padStart(5, '0')}`,
        fqdn: `bench-${i}.bench.invalid`,
        localeId: 1033,
      },
      agent: { identity: 'sitrep-bench', version: '0.1.0', type: 0 },
      publicKey: raw,
      proof,
    }
    const answer = await post(
      agent,
      url,
      '/mp/v1/registration',
      { 'content-type': 'application/json' },
      Buffer.from(JSON.stringify(registration)),
    )
    const parsed: unknown = JSON.parse(answer.body)
    const clientId =
      typeof parsed === 'object' &&
      parsed !== null &&
      'clientId' in parsed &&
      typeof parsed.clientId === 'string'
        ? parsed.clientId
        : undefined
    if (answer.status !== 200 || clientId === undefined) {
      throw new Error(
        `registration of bench client ${i} failed: ${answer.status} ${answer.body.slice(0, 300)}`,
      )
    }
    clients.push(signedClient(clientId, privateKey))
  }
  return clients
}

function signedClient(clientId: string, privateKey: KeyObject): Client {
  return {
    originId: clientId,
    headers(path, body) {
      // docs/protocol.md: sign `sitrep-v1\n<METHOD>\n<path>\n<timestamp>\n<body bytes>`.
      const timestamp = new Date().toISOString()
      const head = Buffer.from(`sitrep-v1\nPOST\n${path}\n${timestamp}\n`, 'utf8')
      const signature = sign(null, Buffer.concat([head, body]), privateKey).toString('base64')
      return {
        'x-sitrep-client-id': clientId,
        'x-sitrep-timestamp': timestamp,
        'x-sitrep-signature': `ed25519=${signature}`,
      }
    },
  }
}

function countAcks(answer: RawAnswer, plan: ClosedLoopPlan, batch: number): number {
  if (plan.acks === 'batch-size') return answer.status === 200 ? batch : 0
  if (answer.status !== 202) return 0
  return occurrences(answer.body, '"status":"accepted"') + occurrences(answer.body, '"status":"duplicate"')
}

function occurrences(text: string, needle: string): number {
  let count = 0
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++
  return count
}

async function runClosedLoop(plan: ClosedLoopPlan): Promise<ClosedLoopResult> {
  const url = new URL(plan.url)
  const registrationAgent = new Agent({ keepAlive: true, maxSockets: 4 })
  const clients = await makeClients(plan.auth, registrationAgent, url)
  registrationAgent.destroy()
  const batch = plan.body.format === 'json' ? plan.body.batch : 1
  const contentType = plan.body.format === 'json' ? 'application/json' : 'application/xml'
  const xml = plan.body.format === 'xml' ? statusXmlBody() : ''
  const json = plan.body.format === 'json' ? createJsonBodyFactory(plan.body.batch, Date.now()) : undefined
  const okStatus = plan.acks === 'mp-results' ? 202 : 200
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  let issued = 0
  let requests = 0
  let okRequests = 0
  let acked = 0
  let firstFailure: string | null = null
  let bodyBytes = 0
  const startedAt = performance.now()
  const measureFrom = startedAt + plan.warmupMs
  const deadline = startedAt + plan.maxDurationMs
  let lastAnswerAt = measureFrom
  let announced = false

  const worker = async (k: number): Promise<void> => {
    const client = clients[k % clients.length] ?? UNSIGNED_CLIENT
    const connection = createRawConnection(url.hostname, Number(url.port))
    try {
      while (issued < plan.maxRequests && performance.now() < deadline) {
        issued++
        const body = Buffer.from(json === undefined ? xml : json(client.originId), 'utf8')
        bodyBytes = body.length
        const headers = { 'content-type': contentType, ...client.headers(plan.path, body) }
        const sentAt = performance.now()
        let answer: RawAnswer
        try {
          answer = await connection.post(plan.path, headers, body)
        } catch (error) {
          firstFailure ??= error instanceof Error ? error.message : String(error)
          continue
        }
        const answeredAt = performance.now()
        if (!announced && answeredAt >= measureFrom) {
          announced = true
          reply({ type: 'measuring', atMs: nowMs() })
        }
        if (sentAt < measureFrom) continue
        requests++
        lastAnswerAt = answeredAt
        latencies.push(answeredAt - sentAt)
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1
        if (answer.status === okStatus) okRequests++
        else firstFailure ??= `${answer.status} ${answer.body.slice(0, 300)}`
        const acks = countAcks(answer, plan, batch)
        if (answer.status === okStatus && acks < batch)
          firstFailure ??= `only ${acks} of ${batch} acknowledged: ${answer.body.slice(0, 300)}`
        acked += acks
      }
    } finally {
      connection.close()
    }
  }
  await Promise.all(Array.from({ length: plan.connections }, (_, k) => worker(k)))
  if (!announced) reply({ type: 'measuring', atMs: nowMs() })
  return {
    type: 'result',
    kind: 'closed-loop',
    requests,
    okRequests,
    ackedMessages: acked,
    windowMs: Math.max(1, lastAnswerAt - measureFrom),
    latency: summarizeLatencies(latencies),
    statuses,
    firstFailure,
    bodyBytes,
  }
}

async function runFixedRate(plan: FixedRatePlan): Promise<FixedRateResult> {
  const url = new URL(plan.url)
  // Enough sockets that a slow answer never delays the next send: the rate is the offer.
  const agent = new Agent({ keepAlive: true, maxSockets: 256 })
  const clients = await makeClients(plan.auth, agent, url)
  const sent: { id: string; sentAtMs: number; ackedAtMs: number | null }[] = []
  const inFlight = new Set<Promise<void>>()
  let failures = 0
  let firstFailure: string | null = null
  reply({ type: 'measuring', atMs: nowMs() })
  const startedAt = performance.now()
  const deadline = startedAt + plan.maxDurationMs
  const intervalMs = 1000 / plan.ratePerSecond
  let next = 0
  while (next < plan.count && performance.now() < deadline) {
    const due = Math.min(plan.count, Math.floor((performance.now() - startedAt) / intervalMs) + 1)
    for (; next < due; next++) {
      const createdAt = Date.now()
      const client = clients[next % clients.length] ?? UNSIGNED_CLIENT
      const message = makeBenchMessage(next, createdAt, {
        component: plan.component,
        originId: client.originId,
      })
      const body = Buffer.from(JSON.stringify(encodeStatusBatchJson([message])), 'utf8')
      const headers = { 'content-type': 'application/json', ...client.headers(plan.path, body) }
      const record: SentMessage & { ackedAtMs: number | null } = {
        id: message.id,
        sentAtMs: nowMs(),
        ackedAtMs: null,
      }
      sent.push(record)
      const done = post(agent, url, plan.path, headers, body).then(
        (answer) => {
          if (answer.status === 202) record.ackedAtMs = nowMs()
          else {
            failures++
            firstFailure ??= `${answer.status} ${answer.body.slice(0, 300)}`
          }
        },
        (error: unknown) => {
          failures++
          firstFailure ??= error instanceof Error ? error.message : String(error)
        },
      )
      inFlight.add(done)
      void done.finally(() => inFlight.delete(done))
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(10, intervalMs))))
  }
  await Promise.all(inFlight)
  agent.destroy()
  return { type: 'result', kind: 'fixed-rate', sent, failures, firstFailure }
}

/** Distinct lines cycled through, so generating text never limits the send rate. */
const SYSLOG_DISTINCT_LINES = 1000

async function runSyslog(plan: SyslogPlan): Promise<SyslogResult> {
  const createdAt = Date.now()
  const lines = Array.from({ length: SYSLOG_DISTINCT_LINES }, (_, i) => rfc5424Line(i, createdAt))
  const block = Buffer.from(lines.join(''), 'utf8')
  const startedAtMs = nowMs()
  reply({ type: 'measuring', atMs: startedAtMs })
  const deadline = performance.now() + plan.maxDurationMs
  let bytes = 0
  let written = 0
  const perConnection = Math.ceil(plan.count / plan.connections)
  const send = (share: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: plan.port })
      socket.on('error', reject)
      socket.on('connect', () => {
        void (async () => {
          let left = share
          while (left > 0 && performance.now() < deadline) {
            const n = Math.min(left, SYSLOG_DISTINCT_LINES)
            const chunk =
              n === SYSLOG_DISTINCT_LINES ? block : Buffer.from(lines.slice(0, n).join(''), 'utf8')
            left -= n
            written += n
            bytes += chunk.length
            if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r))
          }
          socket.end(resolve)
        })().catch(reject)
      })
    })
  const shares = Array.from({ length: plan.connections }, (_, k) =>
    Math.max(0, Math.min(perConnection, plan.count - k * perConnection)),
  )
  await Promise.all(shares.filter((s) => s > 0).map(send))
  return { type: 'result', kind: 'syslog-tcp', startedAtMs, writtenAtMs: nowMs(), lines: written, bytes }
}

function run(plan: LoadPlan): Promise<LoadMessage> {
  switch (plan.kind) {
    case 'closed-loop':
      return runClosedLoop(plan)
    case 'fixed-rate':
      return runFixedRate(plan)
    case 'syslog-tcp':
      return runSyslog(plan)
  }
}

// One plan at a time, in order; the parent disconnects when it has no more.
let queue = Promise.resolve()
process.on('message', (plan: LoadPlan) => {
  queue = queue.then(() =>
    run(plan).then(reply, (error: unknown) => {
      process.stderr.write(
        `load process failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      )
      process.exitCode = 1
      process.disconnect()
    }),
  )
})
process.on('disconnect', () => {
  // Nothing else keeps the process alive once the parent is gone; this makes it explicit.
  process.exit()
})
