import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/helpers/temp-dir.ts'
import { detect } from './detection.ts'

describe('detect', () => {
  it('finds a file that exists and not one that does not', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'app'), 'x')
    expect(await detect({ kind: 'file_exists', path: path.join(dir, 'app') })).toMatchObject({
      installed: true,
    })
    expect(await detect({ kind: 'file_exists', path: path.join(dir, 'nope') })).toMatchObject({
      installed: false,
    })
  })

  it('compares a file version part by part, with a pattern', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'VERSION')
    await writeFile(file, 'editor version 1.10.2\n')
    const method = { kind: 'file_version' as const, path: file, versionPattern: 'version (\\S+)' }
    expect(await detect({ ...method, minVersion: '1.9' })).toMatchObject({ installed: true })
    expect(await detect({ ...method, minVersion: '1.11' })).toMatchObject({
      installed: false,
      reason: `${file} has version 1.10.2, below 1.11`,
    })
  })

  it('asks dpkg about a package this machine has, and one it does not', async () => {
    expect(await detect({ kind: 'package', manager: 'dpkg', name: 'dpkg', minVersion: '1.0' })).toMatchObject(
      {
        installed: true,
      },
    )
    expect(await detect({ kind: 'package', manager: 'dpkg', name: 'sitrep-no-such-package' })).toMatchObject({
      installed: false,
    })
  })

  it('reads a script by its exit code and output', async () => {
    const script = { kind: 'script' as const, installedExitCode: 0, timeoutSeconds: 10 }
    expect(
      await detect({ ...script, command: ['sh', '-c', 'echo ready'], outputContains: 'ready' }),
    ).toMatchObject({
      installed: true,
    })
    expect(await detect({ ...script, command: ['sh', '-c', 'exit 1'] })).toMatchObject({ installed: false })
  })

  it('combines clauses with all and any', async () => {
    const yes = { kind: 'file_exists' as const, path: '/' }
    const no = { kind: 'file_exists' as const, path: '/sitrep-no-such-file' }
    expect(await detect({ kind: 'all', clauses: [yes, no] })).toMatchObject({ installed: false })
    expect(await detect({ kind: 'any', clauses: [no, yes] })).toMatchObject({ installed: true })
  })

  it('answers not detected, with the reason, for a Windows registry value on Linux', async () => {
    const result = await detect({
      kind: 'registry',
      hive: 'HKLM',
      key: 'SOFTWARE\\X',
      valueName: 'V',
      operator: 'exists',
    })
    expect(result).toEqual({ installed: false, reason: 'registry detection runs on Windows only' })
  })
})
