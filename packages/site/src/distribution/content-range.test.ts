import { describe, expect, it } from 'vitest'
import { answerRange } from './content-range.ts'

const etag = '"abc"'

describe('answerRange', () => {
  it('sends the whole file without a range or when If-Range names another version', () => {
    expect(answerRange(100, etag, undefined, undefined)).toEqual({ kind: 'full' })
    expect(answerRange(100, etag, 'bytes=10-', '"other"')).toEqual({ kind: 'full' })
  })

  it('sends a span, an open-ended rest and a suffix', () => {
    expect(answerRange(100, etag, 'bytes=10-19', etag)).toEqual({ kind: 'partial', start: 10, end: 19 })
    expect(answerRange(100, etag, 'bytes=40-', undefined)).toEqual({ kind: 'partial', start: 40, end: 99 })
    expect(answerRange(100, etag, 'bytes=-10', undefined)).toEqual({ kind: 'partial', start: 90, end: 99 })
    expect(answerRange(100, etag, 'bytes=90-500', undefined)).toEqual({ kind: 'partial', start: 90, end: 99 })
  })

  it('refuses a range past the end, and ignores ranges it does not understand', () => {
    expect(answerRange(100, etag, 'bytes=100-', undefined)).toEqual({ kind: 'unsatisfiable' })
    expect(answerRange(100, etag, 'bytes=0-1,5-6', undefined)).toEqual({ kind: 'full' })
  })
})
