import { describe, expect, it } from 'vitest'
import { createApp } from './create-app.ts'

describe('GET /api/v1/health', () => {
  it('answers 200 with the site code, version and roles', async () => {
    const app = createApp({
      siteCode: 'PS1',
      siteName: 'Primary',
      version: '0.1.0',
      roles: ['status-manager'],
    })
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      status: 'ok',
      siteCode: 'PS1',
      siteName: 'Primary',
      version: '0.1.0',
      roles: ['status-manager'],
    })
    await app.close()
  })
})
