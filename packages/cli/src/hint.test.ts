import { describe, expect, it } from 'vitest'
import { issueLines, withHint } from './hint.ts'

describe('withHint', () => {
  it('adds the hint in brackets to a message that does not give it', () => {
    expect(withHint('forbidden: needs a full administrator', 'check the token: `sitrep token`')).toBe(
      'forbidden: needs a full administrator (check the token: `sitrep token`)',
    )
  })

  it('says nothing more when the message names the hint command already', () => {
    const message =
      'unauthorized the bearer token is not valid; `sitrep token` prints the local administrator token'
    expect(withHint(message, 'check the token: `sitrep token`')).toBe(`${message} (check the token)`)
    expect(withHint(message, '`sitrep token`')).toBe(message)
  })

  it('keeps what the hint adds beyond the command the message names', () => {
    expect(
      withHint(
        'unauthorized: `sitrep token` prints the local administrator token',
        'raising needs an operations administrator or a reporter token: `sitrep token`',
      ),
    ).toBe(
      'unauthorized: `sitrep token` prints the local administrator token (raising needs an operations administrator or a reporter token)',
    )
  })
})

describe('issueLines', () => {
  it('lists each field once, leaving out the one the summary already said', () => {
    const issues = [
      { field: 'component', message: 'component: longer than 128 characters' },
      { field: 'machine', message: 'is required' },
    ]
    expect(issueLines('component: longer than 128 characters', issues)).toBe('\n  machine: is required')
  })
})
