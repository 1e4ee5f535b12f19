import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerConsoleRoutes, resolveConsoleFile } from './console-routes.ts'
import { registerErrorHandler } from './error-handler.ts'

function appFor(distDir: string): FastifyInstance {
  const app = Fastify()
  registerErrorHandler(app, { maxBodyBytes: 1024 })
  app.get('/api/v1/health', () => ({ status: 'ok' }))
  registerConsoleRoutes(app, { distDir })
  return app
}

describe('the console served by the site', () => {
  let dir: string
  let app: FastifyInstance
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sitrep-console-'))
    mkdirSync(path.join(dir, 'assets'))
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title>')
    writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)')
    writeFileSync(path.join(dir, 'assets', 'index-abc123.css'), 'body{}')
    writeFileSync(path.join(path.dirname(dir), 'secret.txt'), 'TOP-SECRET-CONTENT')
    app = appFor(dir)
  })
  afterAll(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
    rmSync(path.join(path.dirname(dir), 'secret.txt'), { force: true })
  })

  it('answers / with index.html, uncached and with a content security policy', async () => {
    const reply = await app.inject({ method: 'GET', url: '/' })
    expect(reply.statusCode).toBe(200)
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(reply.headers['cache-control']).toBe('no-cache')
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'")
    expect(reply.body).toContain('<title>console</title>')
  })

  it('serves hashed assets with their content type and a long immutable cache', async () => {
    const js = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' })
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const css = await app.inject({ method: 'GET', url: '/assets/index-abc123.css' })
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
  })

  it('gives a browser the console at any page path, and a program a 404', async () => {
    const page = await app.inject({ method: 'GET', url: '/messages', headers: { accept: 'text/html' } })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('console')
    const program = await app.inject({ method: 'GET', url: '/messages' })
    expect(program.statusCode).toBe(404)
    expect(program.json()).toMatchObject({ error: { code: 'unknown_route' } })
  })

  it('answers a missing asset and an unknown API route with the JSON 404', async () => {
    const asset = await app.inject({
      method: 'GET',
      url: '/assets/gone.js',
      headers: { accept: 'text/html' },
    })
    expect(asset.statusCode).toBe(404)
    const api = await app.inject({ method: 'GET', url: '/api/v1/nope', headers: { accept: 'text/html' } })
    expect(api.statusCode).toBe(404)
    expect(api.json()).toMatchObject({ error: { code: 'unknown_route' } })
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toEqual({ status: 'ok' })
  })

  it('refuses paths that leave the folder', async () => {
    for (const url of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
    ]) {
      const reply = await app.inject({ method: 'GET', url })
      expect(reply.statusCode, url).toBe(404)
      expect(reply.body).not.toContain('TOP-SECRET-CONTENT')
    }
    expect(resolveConsoleFile(dir, '/a/../../x')).toBeUndefined()
    expect(resolveConsoleFile(dir, '/a%00b')).toBeUndefined()
    expect(resolveConsoleFile(dir, '/assets/x.js')).toBe(path.join(dir, 'assets', 'x.js'))
  })

  it('says how to build the console when there is no build', async () => {
    const bare = appFor(path.join(dir, 'missing'))
    const reply = await bare.inject({ method: 'GET', url: '/' })
    expect(reply.statusCode).toBe(200)
    expect(reply.body).toContain('npm run build -w @sitrep/console')
    await bare.close()
  })
})
