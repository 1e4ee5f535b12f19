import { execFile } from 'node:child_process'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LocalApiOptions } from '../src/api/local-api.ts'
import { startLocalApi } from '../src/api/local-api.ts'
import { testPolicyBody } from './helpers/policy.ts'
import { startTestAgent } from './helpers/test-agent.ts'
import { startTestSite } from './helpers/test-site.ts'
import { tempDir } from './helpers/temp-dir.ts'
import { waitFor } from './helpers/wait-for.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Makes one request to the socket from a separate process, as `uid` when given (needs root). */
function requestAs(
  socketPath: string,
  method: string,
  route: string,
  body: unknown,
  uid?: number,
): Promise<{ status: number; json: unknown }> {
  const script = `
    const http = require('node:http')
    const req = http.request({ socketPath: ${JSON.stringify(socketPath)}, method: ${JSON.stringify(method)}, path: ${JSON.stringify(route)}, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = ''; res.on('data', (c) => (text += c)); res.on('end', () => { process.stdout.write(JSON.stringify({ status: res.statusCode, text })) })
    })
    req.end(${JSON.stringify(body === undefined ? '' : JSON.stringify(body))})`
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', script],
      uid === undefined ? {} : { uid, gid: uid },
      (error, stdout) => {
        if (error !== null) return reject(new Error('the request process failed', { cause: error }))
        const reply = JSON.parse(stdout) as { status: number; text: string }
        resolve({ status: reply.status, json: JSON.parse(reply.text) as unknown })
      },
    )
  })
}

/** Who may act: nobody is not logged on here (no logind in the test machine) unless a test says so. */
async function setup(rights: Pick<LocalApiOptions, 'allowGroup' | 'sessionsDir'> = {}) {
  const site = await startTestSite()
  cleanups.push(() => site.close())
  const dir = await tempDir()
  // The socket's folder must be reachable by other users; the state directory stays owner-only.
  await chmod(dir, 0o755)
  site.bodies.set(
    'PS100002',
    testPolicyBody({
      deploymentId: 'PS100002',
      intent: 'available',
      name: 'Editor',
      install: ['sleep', '1'],
      detectionPath: path.join(dir, 'none'),
    }),
  )
  site.publish()
  const { agent, stop } = await startTestAgent(path.join(dir, 'state'), site.url)
  cleanups.push(stop)
  const api = await startLocalApi({
    agent,
    socketPath: path.join(dir, 'run', 'agent.sock'),
    sessionsDir: rights.sessionsDir ?? path.join(dir, 'no-sessions'),
    ...(rights.allowGroup === undefined ? {} : { allowGroup: rights.allowGroup }),
  })
  cleanups.push(() => api.close())
  await waitFor('the available application', () => agent.activity().available.length === 1)
  return { site, agent, socket: api.socketPath, dir }
}

describe('the local API', () => {
  it('serves the activity as JSON to any local user', async () => {
    const { socket } = await setup()
    const reply = await requestAs(socket, 'GET', '/v1/activity', undefined, 65534)
    expect(reply.status).toBe(200)
    expect(reply.json).toMatchObject({
      state: 'idle',
      available: [{ deploymentId: 'PS100002', name: 'Editor' }],
    })
  })

  it('refuses an install request from a user who is neither logged on nor in the allowed group, and reports it', async () => {
    const { socket, agent, site } = await setup({ allowGroup: 'root' })
    const reply = await requestAs(socket, 'POST', '/v1/requests', { deploymentId: 'PS100002' }, 65534)
    expect(reply).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } })
    expect((reply.json as { error: { message: string } }).error.message).toMatch(
      /^nobody \(uid 65534\) has no login session on this machine and is not in group root; only root, the logged-on users and members of root may request installs/,
    )
    expect(agent.jobs()).toEqual([])
    await waitFor('42010 at the site', () => site.messages(42010).length === 1)
    expect(site.messages(42010)[0]?.insertionStrings.slice(0, 3)).toEqual([
      'POST /v1/requests',
      'nobody',
      '65534',
    ])
    // Answering a restart is acting too.
    const snooze = await requestAs(socket, 'POST', '/v1/restart/snooze', { minutes: 10 }, 65534)
    expect(snooze).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } })
  })

  it('queues a request from a member of the allowed group, for the user who asked', async () => {
    // nobody's primary group is nogroup (65534): its process carries that gid.
    const { socket, agent } = await setup({ allowGroup: 'nogroup' })
    const reply = await requestAs(socket, 'POST', '/v1/requests', { deploymentId: 'PS100002' }, 65534)
    expect(reply).toMatchObject({ status: 202, json: { position: 1 } })
    expect(agent.jobs()[0]).toMatchObject({ requestedBy: 'user', userUid: 65534, userName: 'nobody' })
  })

  it('queues a request from a user with a login session, as logind records it', async () => {
    const sessions = path.join(await tempDir(), 'sessions')
    await mkdir(sessions)
    // A session file as systemd-logind writes it under /run/systemd/sessions.
    await writeFile(
      path.join(sessions, '3'),
      [
        '# This is private data. Do not parse.',
        'UID=65534',
        'USER=nobody',
        'ACTIVE=1',
        'IS_DISPLAY=1',
        'STATE=active',
        'REMOTE=0',
        'TYPE=x11',
        'CLASS=user',
        'SEAT=seat0',
        '',
      ].join('\n'),
    )
    const { socket, agent } = await setup({ sessionsDir: sessions })
    const reply = await requestAs(socket, 'POST', '/v1/requests', { deploymentId: 'PS100002' }, 65534)
    expect(reply).toMatchObject({ status: 202, json: { position: 1 } })
    expect(agent.jobs()[0]).toMatchObject({ userUid: 65534, userName: 'nobody' })
  })

  it('will not start with an allowed group that does not exist', async () => {
    await expect(setup({ allowGroup: 'no-such-group-here' })).rejects.toThrow(
      /--allow-group no-such-group-here: there is no such group on this machine/,
    )
  })

  it('refuses administration to a user who is not root, and reports the refusal', async () => {
    const { socket, site } = await setup()
    const refused = await requestAs(socket, 'GET', '/v1/jobs', undefined, 65534)
    expect(refused).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } })
    await waitFor('42010 at the site', () => site.messages(42010).length === 1)
    expect(site.messages(42010)[0]?.insertionStrings.slice(0, 3)).toEqual(['GET /v1/jobs', 'nobody', '65534'])
    expect(await requestAs(socket, 'GET', '/v1/jobs', undefined)).toMatchObject({ status: 200 })
  })

  it("refuses to cancel another user's request", async () => {
    const { socket } = await setup({ allowGroup: 'nogroup' })
    const queued = await requestAs(socket, 'POST', '/v1/requests', { deploymentId: 'PS100002' })
    const jobId = (queued.json as { jobId: string }).jobId
    const reply = await requestAs(socket, 'DELETE', `/v1/requests/${jobId}`, undefined, 65534)
    expect(reply).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } })
  })

  it('streams the activity as server-sent events', async () => {
    const { socket } = await setup()
    const { request } = await import('node:http')
    const first = await new Promise<string>((resolve) => {
      const req = request({ socketPath: socket, path: '/v1/activity/stream' }, (res) => {
        res.once('data', (chunk: Buffer) => {
          resolve(chunk.toString('utf8'))
          req.destroy()
        })
      })
      req.end()
    })
    expect(first).toMatch(/^event: activity\ndata: \{"generatedAt":/)
  })
})
