/**
 * The sample session in docs/cli.md ("Example") is real output: the commands whose output does
 * not depend on timing are run here against a real site, and each documented line must equal
 * the line printed, once IDs, GUIDs, ports and the data directory are put in neutral form.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { loadSiteConfig, startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../../sdk/test/helpers/temp-dir.ts'
import { runCli } from '../src/run-cli.ts'
import { fakeIo } from './cli-io.ts'

/** Commands of the sample whose output is checked; the others (tables of live data) are not. */
const CHECKED = [
  'up',
  'report --severity error',
  'report --site',
  'register',
  'links',
  'messages --token nope',
] as const

interface Sample {
  readonly command: string
  readonly output: readonly string[]
}

/** The `$ sitrep …` commands of the first console block under "## Example", with their output. */
function samplesOf(doc: string): Sample[] {
  const section = doc.slice(doc.indexOf('## Example'))
  const start = section.indexOf('```console\n') + '```console\n'.length
  const block = section.slice(start, section.indexOf('\n```', start))
  const samples: { command: string; output: string[] }[] = []
  for (const line of block.split('\n')) {
    if (line.startsWith('$ ')) samples.push({ command: line.slice(2), output: [] })
    else samples.at(-1)?.output.push(line)
  }
  return samples
}

/** Shell words of a documented command line, without `sitrep`, `&` and `; echo $?`. */
function argsOf(command: string): string[] {
  const words = [...command.replace(/; echo \$\?$/, '').matchAll(/"([^"]*)"|(\S+)/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  )
  return words.slice(1).filter((w) => w !== '&')
}

/** Puts what differs between runs in a neutral form, and aligned columns as one space. */
function neutral(line: string, dataDir: string): string {
  return line
    .replaceAll(dataDir, '<dir>')
    .replaceAll('.sitrep', '<dir>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/\s+/g, ' ')
    .trimEnd()
}

describe('the sample session in docs/cli.md', () => {
  let site: RunningSite
  let dataDir: string
  let cleanup: () => Promise<void>
  let samples: Sample[]

  beforeAll(async () => {
    const temp = await makeTempDir('docs-samples')
    dataDir = temp.dir
    cleanup = temp.cleanup
    site = await startSite(
      loadSiteConfig({ env: {}, overrides: { dataDir: path.join(dataDir, 'site'), port: 0 } }),
    )
    samples = samplesOf(await readFile(new URL('../../../docs/cli.md', import.meta.url), 'utf8'))
  })
  afterAll(async () => {
    await site.stop()
    await cleanup()
  })

  it('has each checked command in the sample', () => {
    for (const prefix of CHECKED) {
      expect(
        samples.some((s) => argsOf(s.command).join(' ').startsWith(prefix)),
        prefix,
      ).toBe(true)
    }
  })

  it('prints what the sample shows for each checked command', async () => {
    for (const sample of samples) {
      const args = argsOf(sample.command)
      if (!CHECKED.some((prefix) => args.join(' ').startsWith(prefix))) continue
      const siteDir = path.join(dataDir, 'site')
      // `up` gets a data directory and port of its own; the fake io's shutdown comes at once.
      const run =
        args[0] === 'up'
          ? [...args, '--port', '0', '--data-dir', path.join(dataDir, 'up')]
          : args.map((a) => a.replace(/http:\/\/127\.0\.0\.1:8080/, site.url))
      const io = fakeIo({
        homeDir: dataDir,
        env: {
          SITREP_MP_URL: site.url,
          SITREP_SITE_URL: site.url,
          SITREP_DATA_DIR: siteDir,
          SITREP_CLIENT_DIR: path.join(dataDir, 'client'),
          SITREP_LOG_LEVEL: 'silent',
        },
      })
      const code = await runCli(run, io)
      const printed = `${io.out()}${io.err()}${sample.command.endsWith('; echo $?') ? `${code}\n` : ''}`
        .split('\n')
        .map((line) => neutral(line, args[0] === 'up' ? path.join(dataDir, 'up') : siteDir))
      const documented = sample.output.map((line) => neutral(line, siteDir))
      expect(printed.slice(0, documented.length), sample.command).toEqual(documented)
    }
  })
})
