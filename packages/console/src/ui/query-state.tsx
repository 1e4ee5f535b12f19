import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { isApiError, isNotAvailable } from '../api/api-error.ts'

/**
 * Renders a query's loading, error and "not available on this site" states, and its data
 * through `children` once there. Loading never blocks the rest of the screen.
 */
export function QueryState<T>({
  query,
  what,
  children,
}: {
  query: UseQueryResult<T>
  what: string
  children: (data: T) => ReactNode
}) {
  if (query.isPending)
    return (
      <p className="loading" role="status" aria-busy="true">
        Loading {what}…
      </p>
    )
  if (query.isError) return <ErrorNote error={query.error} what={what} />
  return <>{children(query.data)}</>
}

/** An error as a sentence; a missing route says the site does not offer this yet. */
export function ErrorNote({ error, what }: { error: unknown; what: string }) {
  if (isNotAvailable(error))
    return (
      <p className="note not-available" role="status">
        {capitalise(what)} is not available on this site yet (the site has no such API route).
      </p>
    )
  const message = isApiError(error)
    ? `${error.message} (${error.code})`
    : error instanceof Error
      ? error.message
      : String(error)
  return (
    <div className="note error" role="alert">
      <p>
        Could not load {what}: {message}
      </p>
      {isApiError(error) && error.issues.length > 0 ? (
        <ul>
          {error.issues.map((issue) => (
            <li key={`${issue.field}:${issue.message}`}>
              <code>{issue.field}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
