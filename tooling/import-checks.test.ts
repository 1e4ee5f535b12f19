// `npm run check` runs an import-cycle check (dpdm) and a dead-export check (knip). This test runs
// the very commands of package.json on a small workspace laid out like ours: they pass on a clean
// one and fail once a cycle or an unused export is added.
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')

async function script(name: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>
  }
  const command = manifest.scripts[name]
  if (command === undefined) throw new Error(`package.json has no script ${name}`)
  return command
}

/** Runs an npm script's command in `cwd` with the repository's tools on the PATH. */
function run(command: string, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const env = {
      ...process.env,
      PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env['PATH'] ?? ''}`,
    }
    execFile('sh', ['-c', command], { cwd, env, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
      resolve({ code, output: `${stdout}${stderr}` })
    })
  })
}

let dir = ''
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitrep-import-checks-'))
  const src = path.join(dir, 'packages', 'demo', 'src')
  await mkdir(src, { recursive: true })
  await writeFile(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'fixture', private: true, type: 'module', workspaces: ['packages/*'] }),
  )
  await cp(path.join(root, 'knip.json'), path.join(dir, 'knip.json'))
  await writeFile(
    path.join(dir, 'packages', 'demo', 'package.json'),
    JSON.stringify({ name: 'demo', type: 'module', exports: { '.': './src/index.ts' } }),
  )
  await writeFile(path.join(src, 'index.ts'), "export { greet } from './greet.ts'\n")
  await writeFile(
    path.join(src, 'greet.ts'),
    "import { shout } from './shout.ts'\nexport function greet(name: string): string {\n  return shout(`hi ${name}`)\n}\n",
  )
  await writeFile(
    path.join(src, 'shout.ts'),
    'export function shout(text: string): string {\n  return text.toUpperCase()\n}\n',
  )
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const shout = (): string => path.join(dir, 'packages', 'demo', 'src', 'shout.ts')

describe('the import-cycle check of npm run check', () => {
  it('passes on a workspace without cycles and fails naming the files once one is added', async () => {
    const command = await script('check:cycles')
    const clean = await run(command, dir)
    expect(clean.code, clean.output).toBe(0)
    await writeFile(
      shout(),
      `${await readFile(shout(), 'utf8')}import { greet } from './greet.ts'\nexport const twice = (n: string): string => greet(greet(n))\n`,
    )
    const failed = await run(command, dir)
    expect(failed.code, failed.output).not.toBe(0)
    // dpdm names the cycle from whichever file it read first.
    expect(failed.output).toMatch(
      /src\/shout\.ts -> packages\/demo\/src\/greet\.ts|src\/greet\.ts -> packages\/demo\/src\/shout\.ts/,
    )
  })
})

describe('the dead-export check of npm run check', () => {
  it('passes when every export is used and fails naming an export nothing imports', async () => {
    const command = await script('check:exports')
    const clean = await run(command, dir)
    expect(clean.code, clean.output).toBe(0)
    await writeFile(shout(), `${await readFile(shout(), 'utf8')}export const LOUDNESS = 2\n`)
    const failed = await run(command, dir)
    expect(failed.code, failed.output).not.toBe(0)
    expect(failed.output).toMatch(/Unused exports[\s\S]*LOUDNESS\s+packages\/demo\/src\/shout\.ts/)
  })
})
