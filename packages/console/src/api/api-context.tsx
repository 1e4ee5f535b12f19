import { createContext, useContext } from 'react'
import type { ReactNode } from 'react'
import type { ApiClient } from './api-client.ts'

const ApiContext = createContext<ApiClient | null>(null)

/** Makes `client` available to {@link useApi} below it. */
export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext value={client}>{children}</ApiContext>
}

/** The API client; throws when used outside an {@link ApiProvider}. */
export function useApi(): ApiClient {
  const client = useContext(ApiContext)
  if (client === null) throw new Error('useApi must be used inside <ApiProvider>; wrap the app in it')
  return client
}
