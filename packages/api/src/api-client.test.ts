import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiError, callRoute, routePath } from './api-client.ts'
import type { ApiRequest, ApiResponse } from './api-client.ts'
import { defineRoute } from './define-route.ts'

const runQuery = defineRoute({
  method: 'POST',
  url: '/api/v1/queries/:id/run',
  summary: 'Run',
  auth: { minRole: 'read-only-analyst' },
  params: z.object({ id: z.string() }),
  query: z.object({ limit: z.coerce.number().optional() }),
  body: z.object({ prompts: z.record(z.string(), z.string()) }),
  replies: { 200: z.object({ count: z.number() }) },
  errors: ['not_found'],
})

/** A transport that records what it was asked and answers `response`. */
function answering(response: ApiResponse): {
  sent: ApiRequest[]
  transport: (r: ApiRequest) => Promise<ApiResponse>
} {
  const sent: ApiRequest[] = []
  return {
    sent,
    transport: (request) => {
      sent.push(request)
      return Promise.resolve(response)
    },
  }
}

describe('routePath', () => {
  it('fills in URL-encoded parameters and appends the defined query values', () => {
    expect(routePath(runQuery, { id: 'a b/c' }, { limit: 5, skip: undefined, tag: ['x', 'y'] })).toBe(
      '/api/v1/queries/a%20b%2Fc/run?limit=5&tag=x&tag=y',
    )
  })
})

describe('callRoute', () => {
  it('sends the method, path and body the route declares and returns its reply', async () => {
    const t = answering({ status: 200, body: { count: 3 } })
    const reply = await callRoute(t.transport, runQuery, {
      params: { id: 'q1' },
      query: { limit: 10 },
      body: { prompts: { since: '2026-11-21T08:00:00Z' } },
    })
    expect(reply.count).toBe(3)
    expect(t.sent).toEqual([
      {
        method: 'POST',
        path: '/api/v1/queries/q1/run?limit=10',
        body: { prompts: { since: '2026-11-21T08:00:00Z' } },
      },
    ])
  })

  it('throws an ApiError with the code, message and issues of an error body', async () => {
    const t = answering({
      status: 404,
      body: {
        error: { code: 'not_found', message: 'no query q9', issues: [{ field: 'id', message: 'unknown' }] },
      },
    })
    const call = callRoute(t.transport, runQuery, { params: { id: 'q9' }, body: { prompts: {} } })
    await expect(call).rejects.toBeInstanceOf(ApiError)
    await expect(call).rejects.toMatchObject({ status: 404, code: 'not_found', message: 'no query q9' })
  })
})
