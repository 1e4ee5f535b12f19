import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isStartupError } from '../errors.ts'
import { prepareDataDir } from './prepare-data-dir.ts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sitrep-data-dir-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('prepareDataDir', () => {
  it('makes a missing directory with its parents and discards exactly what it made', () => {
    const dataDir = path.join(dir, 'a', 'b', 'site')
    const prepared = prepareDataDir(dataDir)
    expect(existsSync(dataDir)).toBe(true)
    prepared.discard()
    expect(existsSync(path.join(dir, 'a'))).toBe(false)
    expect(existsSync(dir)).toBe(true)
  })

  it('leaves a directory that existed before, and what is in it, when discarding', () => {
    const dataDir = path.join(dir, 'site')
    mkdirSync(dataDir)
    writeFileSync(path.join(dataDir, 'site-ps1.sqlite'), 'kept')
    prepareDataDir(dataDir).discard()
    expect(existsSync(path.join(dataDir, 'site-ps1.sqlite'))).toBe(true)
  })

  it('refuses a path under a file with data_dir_unusable, the path and the OS reason', () => {
    writeFileSync(path.join(dir, 'file'), '')
    const dataDir = path.join(dir, 'file', 'site')
    let error: unknown
    try {
      prepareDataDir(dataDir)
    } catch (caught) {
      error = caught
    }
    expect(isStartupError(error) && error.code).toBe('data_dir_unusable')
    expect(String(error)).toContain(dataDir)
    expect(String(error)).toContain('ENOTDIR')
  })

  it('refuses a data directory that is a file (EEXIST) and leaves the file alone', () => {
    const file = path.join(dir, 'file')
    writeFileSync(file, 'mine')
    expect(() => prepareDataDir(file)).toThrow(/EEXIST, a file of that name exists/)
    expect(existsSync(file)).toBe(true)
  })
})
