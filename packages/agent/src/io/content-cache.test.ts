import { createHash } from 'node:crypto'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../test/helpers/temp-dir.ts'
import { downloadContent, placeContent } from './content-cache.ts'

const bytes = Buffer.from('installer payload '.repeat(1000))
const sha256 = createHash('sha256').update(bytes).digest('hex')
const closers: (() => void)[] = []
afterEach(() => closers.splice(0).forEach((close) => close()))

/** A content server with ranges and an ETag, recording each request's Range header. */
async function contentServer(body: Buffer): Promise<{ url: string; ranges: (string | undefined)[] }> {
  const ranges: (string | undefined)[] = []
  const server = createServer((req, res) => {
    ranges.push(req.headers.range)
    const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
    const from = match === null ? 0 : Number(match[1])
    res.writeHead(match === null ? 200 : 206, { etag: `"${sha256}"`, 'content-length': body.length - from })
    res.end(body.subarray(from))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => server.close())
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mp/v1/content/${sha256}`, ranges }
}

const file = { path: 'setup/install.sh', sha256, size: bytes.length, executable: true }

describe('downloadContent', () => {
  it('resumes a partial download with a range request and verifies the whole file', async () => {
    const cacheDir = await tempDir()
    await writeFile(path.join(cacheDir, `${sha256}.part`), bytes.subarray(0, 5000))
    const server = await contentServer(bytes)
    const result = await downloadContent({
      file,
      urls: [server.url],
      cacheDir,
      signer: null,
      clock: Date.now,
    })
    expect(result).toMatchObject({ ok: true, resumedFrom: 5000 })
    expect(server.ranges).toEqual(['bytes=5000-'])
    expect(await readFile(path.join(cacheDir, sha256))).toEqual(bytes)
  })

  it('refuses content with a wrong hash and keeps none of its bytes', async () => {
    const cacheDir = await tempDir()
    const tampered = Buffer.from(bytes)
    tampered[10] = 0x21
    const server = await contentServer(tampered)
    const result = await downloadContent({
      file,
      urls: [server.url],
      cacheDir,
      signer: null,
      clock: Date.now,
    })
    expect(result).toMatchObject({ ok: false, reason: 'hash_mismatch' })
    await expect(stat(path.join(cacheDir, sha256))).rejects.toThrow()
    await expect(stat(path.join(cacheDir, `${sha256}.part`))).rejects.toThrow()
  })

  it('answers unavailable when no source answers, keeping the partial file for later', async () => {
    const cacheDir = await tempDir()
    const result = await downloadContent({
      file,
      urls: ['http://127.0.0.1:1/mp/v1/content/x'],
      cacheDir,
      signer: null,
      clock: Date.now,
    })
    expect(result).toMatchObject({ ok: false, reason: 'unavailable' })
  })

  it('places verified files in the job folder with the execute bit asked for', async () => {
    const cacheDir = await tempDir()
    const server = await contentServer(bytes)
    await downloadContent({ file, urls: [server.url], cacheDir, signer: null, clock: Date.now })
    const folder = path.join(await tempDir(), 'job')
    await placeContent(cacheDir, [file], folder)
    const placed = await stat(path.join(folder, 'setup/install.sh'))
    expect(placed.mode & 0o777).toBe(0o700)
  })
})
