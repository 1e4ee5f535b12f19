import { createContext, useContext } from 'react'
import type { ReactNode } from 'react'
import type { Session } from '../api/api-types.ts'

const SessionContext = createContext<Session | null>(null)

/** Makes the signed-in session available to {@link useSession} below it. */
export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext value={session}>{children}</SessionContext>
}

/** The signed-in session; throws when used outside a {@link SessionProvider}. */
export function useSession(): Session {
  const session = useContext(SessionContext)
  if (session === null)
    throw new Error('useSession must be used inside <SessionProvider>; render it after sign-in')
  return session
}
