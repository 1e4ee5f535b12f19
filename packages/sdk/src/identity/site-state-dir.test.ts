import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { siteStateDir } from './site-state-dir.ts'

describe('siteStateDir', () => {
  it('gives each site its own directory named after its host and port', () => {
    const a = siteStateDir('/base', 'http://127.0.0.1:8080')
    const b = siteStateDir('/base', 'http://127.0.0.1:8081')
    expect(path.dirname(a)).toBe(path.join('/base', 'sites'))
    expect(path.basename(a)).toMatch(/^127\.0\.0\.1-8080-[0-9a-f]{8}$/)
    expect(path.basename(b)).toMatch(/^127\.0\.0\.1-8081-[0-9a-f]{8}$/)
    expect(a).not.toBe(b)
  })

  it('gives the same directory to the same site written with or without a trailing slash', () => {
    expect(siteStateDir('/base', 'http://mp.corp.example:8080/')).toBe(
      siteStateDir('/base', 'http://mp.corp.example:8080'),
    )
  })

  it('tells apart schemes, paths and IPv6 hosts, with a file-safe name', () => {
    const names = [
      'http://mp',
      'https://mp',
      'http://mp/sitrep',
      'http://[::1]:8080',
      'unix:/run/sitrep.sock',
    ].map((t) => path.basename(siteStateDir('/base', t)))
    expect(new Set(names).size).toBe(names.length)
    expect(names[3]).toMatch(/^___1_-8080-/)
    expect(names[4]).toMatch(/^socket-/)
  })
})
