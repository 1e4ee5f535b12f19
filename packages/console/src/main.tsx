// Entry point: one QueryClient and one API client per page, then the app.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ApiProvider } from './api/api-context.tsx'
import { createApiClient } from './api/api-client.ts'
import { App } from './app.tsx'
import { storedToken } from './auth/session-queries.ts'

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: true,
      retry: (count, error) => count < 2 && !isClientError(error),
    },
  },
})
const api = createApiClient({ credentials: { csrfToken: null, token: storedToken() } })

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ApiProvider client={api}>
        <App />
      </ApiProvider>
    </QueryClientProvider>
  </StrictMode>,
)

function isClientError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
    ? error.status >= 400 && error.status < 500
    : false
}
