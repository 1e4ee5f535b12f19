/**
 * `sitrep links` against real sites: a parent and a child (`startSite`, SQLite in temp data
 * directories, loopback) linked by an enrolment secret. Each side shows its end of the link.
 */
import path from 'node:path'
import { startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  childConfig,
  inboxMessages,
  makeSitesDir,
  parentConfig,
  replicationRules,
} from '../../site/test/hierarchy/linked-sites.ts'
import { waitFor } from '../../site/test/helpers/site-process.ts'
import { runCli } from '../src/run-cli.ts'
import { fakeIo } from './cli-io.ts'

describe('sitrep links', () => {
  const sites = makeSitesDir('cli-links')
  let parent: RunningSite
  let child: RunningSite

  beforeAll(async () => {
    parent = await startSite(parentConfig(sites.dir, 'PS1', 0))
    const port = Number(new URL(parent.url).port)
    child = await startSite(childConfig(sites.dir, 'SS1', { siteCode: 'PS1', port }))
    await child.store.saveRules(replicationRules({ error: 'high' }))
    await child.store.enqueueInbox(inboxMessages('CliLinks', 'error', 0, 3))
    await child.statusManager.drain()
    await waitFor(
      async () => (await child.store.listSiteLinks())[0]?.sentCount === 3,
      'the child to replicate its messages',
      20_000,
    )
  })
  afterAll(async () => {
    await child.stop()
    await parent.stop()
    sites.cleanup()
  })

  const cli = (args: readonly string[], site: RunningSite, dataDir: string) => {
    const io = fakeIo({ homeDir: sites.dir, env: { SITREP_SITE_URL: site.url } })
    return runCli([...args, '--data-dir', dataDir], io).then((code) => ({
      code,
      out: io.out(),
      err: io.err(),
    }))
  }

  it('prints the link to the parent with --json, one object per line', async () => {
    const { code, out, err } = await cli(['links', '--json'], child, path.join(sites.dir, 'ss1'))
    expect(err).toBe('')
    expect(code).toBe(0)
    const lines = out.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      direction: 'parent',
      siteCode: 'PS1',
      url: parent.url,
      state: 'connected',
      approval: 'approved',
      backlog: { high: 0, medium: 0, low: 0 },
      sent: 3,
      deferredOverBudget: 0,
      unknownSince: null,
    })
  })

  it('prints the child link at the parent as a table', async () => {
    const { code, out } = await cli(['links', '--site', parent.url], parent, path.join(sites.dir, 'ps1'))
    expect(code).toBe(0)
    const [header, row, ...rest] = out.trimEnd().split('\n')
    expect(rest).toEqual([])
    expect(header).toMatch(
      /^DIRECTION\s+SITE\s+URL\s+STATE\s+APPROVAL\s+BACKLOG H\/M\/L\s+LAST ACKED\s+LAST CONTACT/,
    )
    expect(header).toContain('PER MIN')
    expect(header).toContain('UNKNOWN SINCE')
    expect(row?.split(/\s{2,}/).slice(0, 6)).toEqual([
      'child',
      'SS1',
      child.url,
      'connected',
      'approved',
      '0/0/0',
    ])
    expect(row).toMatch(/\d{4}-\d\d-\d\dT/)
  })

  it('exits 2 with a hint when the token is refused, and 3 when the site is not there', async () => {
    const refused = await cli(['links', '--token', 'not-the-token'], child, sites.dir)
    expect(refused.code).toBe(2)
    expect(refused.err).toContain('check the token')
    expect(refused.err.match(/`sitrep token`/g)).toHaveLength(1)
    const away = await cli(['links', '--site', 'http://127.0.0.1:1', '--token', 'x'], child, sites.dir)
    expect(away.code).toBe(3)
  })
})
