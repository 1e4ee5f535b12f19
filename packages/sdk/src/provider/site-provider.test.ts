import { describe, expect, it } from 'vitest'
import type { Transport, TransportRequest } from '../transport/transport.ts'
import { createSiteProvider } from './site-provider.ts'

/** A transport that records requests and answers with `reply`. */
function recording(status: number, reply: unknown): Transport & { requests: TransportRequest[] } {
  const requests: TransportRequest[] = []
  return {
    kind: 'http',
    target: 'http://site.test',
    requests,
    send: (request) => {
      requests.push(request)
      return Promise.resolve({
        status,
        headers: { 'content-type': 'application/json' },
        body: new TextEncoder().encode(JSON.stringify(reply)),
      })
    },
  }
}

const accepted = {
  results: [
    {
      index: 0,
      status: 'accepted',
      id: '0193f5c1-0000-7000-8000-000000000001',
      sequence: 7,
      module: 'Contoso',
      messageId: 12,
      severity: 'error',
    },
  ],
}

describe('SiteProvider', () => {
  it('sends a raw raise as POST /api/v1/messages with the bearer token and the fields as the site names them', async () => {
    const transport = recording(201, accepted)
    const provider = createSiteProvider({ url: 'http://site.test', token: 'sitrep_abc', transport })
    const raised = await provider.raiseRaw('Contoso', 12, {
      severity: 'error',
      insertionStrings: ['queue stuck'],
      time: new Date(Date.UTC(2026, 11, 7, 8)),
      attributes: [{ id: 400, value: 'PS100001' }],
    })
    expect(raised).toEqual({
      id: accepted.results[0]?.id,
      sequence: 7,
      module: 'Contoso',
      messageId: 12,
      severity: 'error',
    })
    const [request] = transport.requests
    expect(request).toMatchObject({ method: 'POST', path: '/api/v1/messages' })
    expect(request?.headers['authorization']).toBe('Bearer sitrep_abc')
    expect(JSON.parse(new TextDecoder().decode(request?.body))).toEqual({
      messages: [
        {
          kind: 'raw',
          module: 'Contoso',
          messageId: 12,
          severity: 'error',
          insertionStrings: ['queue stuck'],
          time: '2026-12-07T08:00:00.000Z',
          attributes: [{ id: 400, value: 'PS100001' }],
        },
      ],
    })
  })

  it('throws an ApiError with the code of a message the site rejected', async () => {
    const transport = recording(201, {
      results: [
        { index: 0, status: 'rejected', error: { code: 'message_invalid', message: 'pass a severity' } },
      ],
    })
    const provider = createSiteProvider({ url: 'http://site.test', token: 't', transport })
    await expect(provider.raiseRaw('Fabrikam', 1)).rejects.toMatchObject({
      name: 'ApiError',
      code: 'message_invalid',
      message: expect.stringContaining('pass a severity') as unknown,
    })
  })

  it('throws the error body of a refused request, with its issues', async () => {
    const transport = recording(403, {
      error: { code: 'forbidden', message: 'this needs the role operations-administrator' },
    })
    const provider = createSiteProvider({ url: 'http://site.test', token: 't', transport })
    await expect(provider.raiseError('x')).rejects.toMatchObject({ status: 403, code: 'forbidden' })
  })

  it('refuses a URL that is not http or https, naming it', () => {
    expect(() => createSiteProvider({ url: 'ftp://site', token: 't' })).toThrow(
      /url must be http:\/\/ or https:\/\//,
    )
  })
})
