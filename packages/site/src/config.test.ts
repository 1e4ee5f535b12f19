import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSiteConfig, parseSiteConfig, sqliteFileFor } from './config.ts'

describe('loadSiteConfig', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sitrep-config-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('starts a standalone primary site PS1 on 127.0.0.1:8080 with SQLite in .sitrep by default', () => {
    const config = loadSiteConfig({ env: {} })
    expect(config).toMatchObject({
      siteCode: 'PS1',
      dataDir: '.sitrep',
      databaseUrl: '',
      http: { host: '127.0.0.1', port: 8080 },
      parent: null,
      statusManager: { futureThresholdSeconds: 300, batchSize: 500 },
      retention: { intervalHours: 24, batchSize: 1000 },
    })
    expect(sqliteFileFor(config)).toBe(path.join('.sitrep', 'site-ps1.sqlite'))
  })

  it('lets the file override defaults, the environment override the file, and flags override both', () => {
    const file = path.join(dir, 'site.json')
    writeFileSync(
      file,
      JSON.stringify({ siteCode: 'nyc', http: { port: 9000, host: '0.0.0.0' }, dataDir: '/a' }),
    )
    const config = loadSiteConfig({
      file,
      env: { SITREP_PORT: '9100', SITREP_DATA_DIR: '/b' },
      overrides: { dataDir: '/c' },
    })
    expect(config).toMatchObject({ siteCode: 'NYC', http: { port: 9100, host: '0.0.0.0' }, dataDir: '/c' })
  })

  it('names the setting and the rule when a value is invalid', () => {
    expect(() => loadSiteConfig({ env: { SITREP_SITE_CODE: 'TOOLONG' } })).toThrow(
      /exactly 3 letters or digits[\s\S]*siteCode/,
    )
    expect(() => loadSiteConfig({ env: { SITREP_PORT: '70000' } })).toThrow(/SITREP_PORT .* got "70000"/)
  })

  it('names the variable and its raw value when an environment variable does not parse, never NaN', () => {
    for (const raw of ['abc', '80a', '-1']) {
      let message = ''
      try {
        loadSiteConfig({ env: { SITREP_PORT: raw } })
      } catch (error) {
        message = String(error)
      }
      expect(message).toContain(`SITREP_PORT must be a port number 0–65535, got "${raw}"`)
      expect(message).not.toContain('NaN')
    }
  })

  it('refuses a misspelt key with its path and the nearest known key, at any depth', () => {
    const file = path.join(dir, 'typos.json')
    writeFileSync(
      file,
      JSON.stringify({
        siteCod: 'NYC',
        mp: { allowUnsignd: true },
        exports: [
          { name: 'a', type: 'webhook', url: 'http://127.0.0.1:1/x', timeoutMS: 5, retry: { maxAtempts: 3 } },
        ],
        colour: 'blue',
      }),
    )
    let message = ''
    try {
      loadSiteConfig({ file, env: {} })
    } catch (error) {
      message = String(error)
    }
    expect(message).toContain('typos.json')
    expect(message).toContain('unknown key siteCod; did you mean `siteCode`?')
    expect(message).toContain('unknown key mp.allowUnsignd; did you mean `mp.allowUnsigned`?')
    expect(message).toContain('unknown key exports[0].timeoutMS; did you mean `exports[0].timeoutMs`?')
    expect(message).toContain(
      'unknown key exports[0].retry.maxAtempts; did you mean `exports[0].retry.maxAttempts`?',
    )
    expect(message).toContain('unknown key colour; it is not a setting')
  })

  it('says a single problem in one line, naming the setting', () => {
    let message = ''
    try {
      parseSiteConfig({ mp: { allowUnsignd: true } }, 'site.json')
    } catch (error) {
      message = error instanceof Error ? error.message : String(error)
    }
    expect(message).toBe(
      'The site configuration (site.json) is not valid: unknown key mp.allowUnsignd; did you mean `mp.allowUnsigned`? (see docs/configuration.md)',
    )
    expect(() => parseSiteConfig({ exports: [{ name: 'a', type: 'webhook', url: 'nope' }] })).toThrow(
      /^[^\n]*\(at exports\[0\]\.url\) \(see docs\/configuration\.md\)$/,
    )
  })

  it('gives PostgreSQL a 10 s connect timeout and a 60 s statement timeout unless told otherwise', () => {
    expect(loadSiteConfig({ env: {} }).database).toEqual({
      connectTimeoutSeconds: 10,
      statementTimeoutSeconds: 60,
    })
    const config = loadSiteConfig({
      env: {
        SITREP_DATABASE_CONNECT_TIMEOUT_SECONDS: '2.5',
        SITREP_DATABASE_STATEMENT_TIMEOUT_SECONDS: '30',
      },
    })
    expect(config.database).toEqual({ connectTimeoutSeconds: 2.5, statementTimeoutSeconds: 30 })
  })

  it('names a timeout variable that is not a number of seconds, with its raw value', () => {
    for (const raw of ['10s', '0', '-1', 'abc']) {
      expect(() => loadSiteConfig({ env: { SITREP_DATABASE_STATEMENT_TIMEOUT_SECONDS: raw } })).toThrow(
        `SITREP_DATABASE_STATEMENT_TIMEOUT_SECONDS must be a number of seconds greater than 0, got "${raw}"`,
      )
    }
  })

  it('defaults the HTTP limits (10 s headers, 60 s request, 5 s keep-alive, 1000 requests, 256 per address) and reads each from SITREP_HTTP_*', () => {
    expect(loadSiteConfig({ env: {} }).http).toMatchObject({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 5_000,
      maxRequestsPerSocket: 1000,
      maxConnectionsPerAddress: 256,
    })
    const env = {
      SITREP_HTTP_HEADERS_TIMEOUT_MS: '2000',
      SITREP_HTTP_REQUEST_TIMEOUT_MS: '3000',
      SITREP_HTTP_KEEP_ALIVE_TIMEOUT_MS: '1500',
      SITREP_HTTP_MAX_REQUESTS_PER_SOCKET: '0',
      SITREP_HTTP_MAX_CONNECTIONS_PER_ADDRESS: '16',
    }
    expect(loadSiteConfig({ env }).http).toMatchObject({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 3000,
      keepAliveTimeoutMs: 1500,
      maxRequestsPerSocket: 0,
      maxConnectionsPerAddress: 16,
    })
  })

  it('refuses an HTTP limit variable that is not a whole number, and a request timeout shorter than the headers timeout', () => {
    expect(() => loadSiteConfig({ env: { SITREP_HTTP_HEADERS_TIMEOUT_MS: '10s' } })).toThrow(
      'SITREP_HTTP_HEADERS_TIMEOUT_MS must be a whole number, got "10s"',
    )
    expect(() =>
      loadSiteConfig({
        env: { SITREP_HTTP_HEADERS_TIMEOUT_MS: '5000', SITREP_HTTP_REQUEST_TIMEOUT_MS: '1000' },
      }),
    ).toThrow(/http\.requestTimeoutMs must be at least http\.headersTimeoutMs/)
  })

  it('says which file could not be read or parsed', () => {
    expect(() => loadSiteConfig({ file: path.join(dir, 'missing.json'), env: {} })).toThrow(/missing\.json/)
    const broken = path.join(dir, 'broken.json')
    writeFileSync(broken, '{ "siteCode": ')
    expect(() => loadSiteConfig({ file: broken, env: {} })).toThrow(/broken\.json is not valid JSON/)
  })
})
