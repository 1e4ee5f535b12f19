import { ApiError } from '@sitrep/api'
import { describe, expect, it } from 'vitest'
import { isAbout, issueId, issuesOf, messagesFor, unclaimed } from './field-issues.ts'

const error = new ApiError(400, 'invalid_body', 'include[0] is PS100002, the collection itself', [
  { field: 'include[0]', message: 'include[0] is PS100002, the collection itself' },
  { field: 'settings.deadline', message: 'settings.deadline is before availableAt' },
  { field: 'body', message: 'body: unexpected' },
])

describe('field issues of a refused change', () => {
  it('puts each message under the field it names, parts included', () => {
    const issues = issuesOf(error)
    expect(messagesFor(issues, 'include')).toEqual(['include[0] is PS100002, the collection itself'])
    expect(messagesFor(issues, 'settings.deadline')).toHaveLength(1)
    expect(messagesFor(issues, 'settings')).toHaveLength(1)
    expect(messagesFor(issues, 'exclude')).toEqual([])
  })

  it('does not take a field whose name only starts the same', () => {
    expect(isAbout({ field: 'includeAll', message: '' }, 'include')).toBe(false)
  })

  it('leaves the issues no field shows for the summary', () => {
    expect(unclaimed(issuesOf(error), ['include', 'settings']).map((i) => i.field)).toEqual(['body'])
  })

  it('has no issues for errors that are not the site’s', () => {
    expect(issuesOf(new Error('x'))).toEqual([])
  })

  it('makes element ids from field paths', () => {
    expect(issueId('deploy', 'settings.deadline')).toBe('deploy-settings_deadline-issue')
  })
})
