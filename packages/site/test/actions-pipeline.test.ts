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
import { createExportHandler } from '../src/exports/export-handler.ts'
import { ExportTargetSchema } from '../src/exports/export-targets.ts'
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
      handlers: ({ clock }) => ({
        program: createProgramHandler({
          runner: createProgramRunner({ maxConcurrent: 2, timeoutMs: 10_000, maxOutputBytes: 4096 }),
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

  it('raises 1211 once for a program that cannot be started, and counts every run it missed as lost', async () => {
    site = await programSite(`${dir}/no-such-program %msgid`)
    await site.enqueue([1, 2, 3].map(() => makeMessage({ component: 'Installer' })))
    await site.statusManager.drain()
    await site.dispatcher.runOnce()
    await site.statusManager.drain()
    const raised = await site.store.listMessages({ messageId: 1211 })
    expect(raised).toHaveLength(1)
    expect(raised[0]).toMatchObject({ component: 'SMS_STATUS_MANAGER', severity: 'error' })
    expect(raised[0]?.insertionStrings[0]).toContain('no-such-program')
    expect(await site.store.lossLedger()).toMatchObject([
      { origin: 'outbox:program', reason: 'sink_unavailable', count: 3 },
    ])
  })

  it('raises 1217 once when a failing program runs again', async () => {
    const program = path.join(dir, 'flaky.mjs')
    site = await programSite(`"${process.execPath}" "${program}" %msgid`)
    // Missing first: the runs fail; then the program appears and the next run succeeds.
    rmSync(program, { force: true })
    await site.enqueue([makeMessage({ component: 'Installer' }), makeMessage({ component: 'Installer' })])
    await site.statusManager.drain()
    await site.dispatcher.runOnce()
    writeFileSync(program, '')
    await site.enqueue([makeMessage({ component: 'Installer' }), makeMessage({ component: 'Installer' })])
    await site.statusManager.drain()
    await site.dispatcher.runOnce()
    await site.statusManager.drain()
    expect(await site.store.countMessages({ messageId: 1212 })).toBe(1)
    const recovered = await site.store.listMessages({ messageId: 1217 })
    expect(recovered).toHaveLength(1)
    expect(recovered[0]?.insertionStrings[0]).toContain('flaky.mjs')
    expect(recovered[0]?.insertionStrings[2]).toBe('2')
    expect(await site.store.lossLedger()).toMatchObject([
      { origin: 'outbox:program', reason: 'sink_failed', count: 2 },
    ])
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
      handlers: ({ clock }) => ({
        export: createExportHandler(
          [
            ExportTargetSchema.parse({
              name: 'alerts',
              type: 'webhook',
              url,
              headers: { authorization: 'Bearer t0k3n' },
              timeoutMs: 5000,
            }),
          ],
          { clock },
        ),
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

  it('raises 1216 once while a target refuses messages and 1217 once when it takes them again', async () => {
    const site = await createTestSite({
      rules: [
        {
          id: 'x',
          name: 'Export errors',
          enabled: true,
          criteria: { severity: 'error' },
          actions: { writeToDatabase: true, exportTo: ['alerts'] },
        },
        // The defaults keep the site's own 1216 and 1217.
        ...DEFAULT_FILTER_RULES,
      ],
      exportTargets: ['alerts'],
      handlers: ({ clock }) => ({
        export: createExportHandler(
          [ExportTargetSchema.parse({ name: 'alerts', type: 'webhook', url, timeoutMs: 5000 })],
          { clock },
        ),
      }),
    })
    try {
      received.length = 0
      await site.enqueue([1, 2, 3].map(() => makeMessage({ severity: 'error', messageId: 39999 })))
      await site.statusManager.drain()
      failNext = 3
      expect(await site.dispatcher.runOnce()).toBe(0)
      await site.statusManager.drain()
      const failing = await site.store.listMessages({ messageId: 1216 })
      expect(failing).toHaveLength(1)
      expect(failing[0]?.insertionStrings).toEqual(['alerts', 'export target "alerts" answered HTTP 503'])
      site.advance(60_000)
      expect(await site.dispatcher.runOnce()).toBe(3)
      await site.statusManager.drain()
      expect(received).toHaveLength(3)
      expect(await site.store.countMessages({ messageId: 1216 })).toBe(1)
      const recovered = await site.store.listMessages({ messageId: 1217 })
      expect(recovered.map((m) => [m.insertionStrings[0], m.insertionStrings[2]])).toEqual([
        ['export:alerts', '3'],
      ])
      // Retried and then delivered: nothing was lost.
      expect(await site.store.lossLedger()).toEqual([])
    } finally {
      await site.close()
    }
  })
})
