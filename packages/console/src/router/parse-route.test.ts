import { describe, expect, it } from 'vitest'
import { formatRoute, param, parseRoute } from './parse-route.ts'

describe('hash routes', () => {
  it('reads an empty hash as the overview', () => {
    expect(parseRoute('')).toEqual({ path: '/', params: {} })
    expect(parseRoute('#/')).toEqual({ path: '/', params: {} })
  })

  it('keeps every value of a repeated parameter', () => {
    const route = parseRoute('#/messages?severity=error&severity=warning&machine=WKS-1')
    expect(route.path).toBe('/messages')
    expect(route.params['severity']).toEqual(['error', 'warning'])
    expect(param(route, 'machine')).toBe('WKS-1')
  })

  it('drops a trailing slash', () => {
    expect(parseRoute('#/rules/').path).toBe('/rules')
  })

  it('formats a route that parses back to the same path and parameters', () => {
    const hash = formatRoute('/messages', { component: 'SMS_MP', severity: ['error'], text: '' })
    expect(hash).toBe('#/messages?component=SMS_MP&severity=error')
    expect(parseRoute(hash).params).toEqual({ component: ['SMS_MP'], severity: ['error'] })
  })
})
