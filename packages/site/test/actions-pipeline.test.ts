import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { IncomingMessage, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FilterRule } from '@sitrep/core'
import { DEFAULT_FILTER_RULES } from '@sitrep/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createProgramRunner } from '../src/actions/run-program.ts'
import { createProgramHandler } from '../src/outbox/action-handlers.ts'
import { createWebhookExporter } from '../src/outbox/webhook-exporter.ts'
import { makeMessage } from './helpers/messages.ts'
import type { TestSite } from './helpers/test-site.ts'
import { createTestSite } from './helpers/test-site.ts'

describe('the run-a-program action', () => {
  let dir: string
  let script: string
  let site: TestSite | undefined
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sitrep-program-'))
    script = path.join(dir, 'record-argv.mjs')
    // Appends the arguments it received, as JSON, one run per line.
    writeFileSync(
      script,
      "import { appendFileSync } from 'node:fs'\nappendFileSync(process.argv[2], JSON.stringify(process.argv.slice(3)) + '\\n')\n",
    )
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  afterEach(async () => {
    await site?.close()
    site = undefined
  })

  function programSite(commandLine: string): Promise<TestSite> {
    const rules: FilterRule[] = [
      {
        id: 'run',
        name: 'Run it',
        enabled: true,
        criteria: { component: 'Installer' },
        actions: { runProgram: commandLine },
      },
      ...DEFAULT_FILTER_RULES,
    ]
    return createTestSite({
      rules,
      handlers: ({ reporter, clock }) => ({
        program: createProgramHandler({
          runner: createProgramRunner({ maxConcurrent: 2, timeoutMs: 10_000, maxOutputBytes: 4096 }),
          reporter,
          site: { siteCode: 'PS1', parentSiteCode: null, siteServer: 'SITE-SERVER', sqlServer: 'SQLite' },
          clock,
          utcOffsetMinutes: 0,
        }),
      }),
    })
  }

  it('passes an insertion string that tries shell injection as one plain argument', async () => {
    const out = path.join(dir, 'argv.jsonl')
    const attacks = [
      `"; touch ${dir}/pwned #`,
      `$(touch ${dir}/pwned2)`,
      `\`touch ${dir}/pwned3\` | rm -rf /`,
    ]
    site = await programSite(
      `"${process.execPath}" "${script}" "${out}" %msgis01 %msgis02 "%msgis03" %msgsev %msgid`,
    )
    await site.enqueue([
      makeMessage({ component: 'Installer', severity: 'error', messageId: 39999, insertionStrings: attacks }),
    ])
    await site.statusManager.drain()
    expect(await site.dispatcher.runOnce()).toBe(1)
    const runs = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as string[])
    expect(runs).toEqual([[...attacks, 'E', '39999']])
    expect(['pwned', 'pwned2', 'pwned3'].filter((f) => existsSync(path.join(dir, f)))).toEqual([])
  })

  it('raises 1211 when the program cannot be started', async () => {
    site = await programSite(`${dir}/no-such-program %msgid`)
    await site.enqueue([makeMessage({ component: 'Installer' })])
    await site.statusManager.drain()
    await site.dispatcher.runOnce()
    await site.statusManager.drain()
    const [raised] = await site.store.listMessages({ messageId: 1211 })
    expect(raised).toMatchObject({ component: 'SMS_STATUS_MANAGER', severity: 'error' })
    expect(raised?.insertionStrings[0]).toContain('no-such-program')
  })

  it('raises 1210 for a program line the runner refuses (a relative path), without running anything', async () => {
    site = await programSite(`relative/dir/program %msgid`)
    await site.enqueue([makeMessage({ component: 'Installer' })])
    await site.statusManager.drain()
    await site.dispatcher.runOnce()
    await site.statusManager.drain()
    expect(await site.store.countMessages({ messageId: 1210 })).toBe(1)
  })
})

describe('the export action', () => {
  let server: Server
  let url: string
  const received: { headers: IncomingMessage['headers']; body: unknown }[] = []
  let failNext = 0
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
      req.on('end', () => {
        if (failNext > 0) {
          failNext--
          res.writeHead(503).end()
          return
        }
        received.push({ headers: req.headers, body: JSON.parse(body) as unknown })
        res.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` // listening on TCP, so an AddressInfo
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  it('posts the message and its rendered text to a real HTTP receiver, retrying after a failure', async () => {
    const rules: FilterRule[] = [
      {
        id: 'x',
        name: 'Export errors',
        enabled: true,
        criteria: { severity: 'error' },
        actions: { writeToDatabase: true, exportTo: ['alerts'] },
      },
    ]
    const site = await createTestSite({
      rules,
      exportTargets: ['alerts'],
      handlers: () => ({
        export: createWebhookExporter([
          {
            name: 'alerts',
            type: 'webhook',
            url,
            headers: { authorization: 'Bearer t0k3n' },
            timeoutMs: 5000,
          },
        ]),
      }),
    })
    try {
      const error = makeMessage({ severity: 'error', messageId: 39999, insertionStrings: ['disk full'] })
      await site.enqueue([error, makeMessage()])
      await site.statusManager.drain()
      failNext = 1
      expect(await site.dispatcher.runOnce()).toBe(0)
      expect(received).toHaveLength(0)
      site.advance(60_000)
      expect(await site.dispatcher.runOnce()).toBe(1)
      expect(received).toHaveLength(1)
      expect(received[0]?.headers.authorization).toBe('Bearer t0k3n')
      expect(received[0]?.headers['x-sitrep-message-id']).toBe(error.id)
      expect(received[0]?.body).toMatchObject({
        message: { id: error.id, severity: 'error' },
        text: 'disk full',
      })
      expect(await site.store.outboxSize()).toBe(0)
    } finally {
      await site.close()
    }
  })
})
