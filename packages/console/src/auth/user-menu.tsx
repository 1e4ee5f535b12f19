import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useApi } from '../api/api-context.tsx'
import { ROLE_LABELS } from './roles.ts'
import { useSession } from './session-context.tsx'
import { signOut } from './session-queries.ts'

/** Who is signed in, their role, and sign-out. */
export function UserMenu() {
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const logout = useMutation({
    mutationFn: () => signOut(api),
    onSettled: () => {
      // Forget every other user's data; the session query stays so the app sees "signed out".
      queryClient.setQueryData(['session'], null)
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' })
    },
  })
  return (
    <div className="user-menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls="user-menu-body"
        aria-label={`User menu for ${session.user.username}`}
        onClick={() => setOpen(!open)}
      >
        {session.user.username} ▾
      </button>
      <div className="user-menu-body" id="user-menu-body" hidden={!open}>
        <p>
          Signed in as <strong>{session.user.username}</strong>
          <br />
          {ROLE_LABELS[session.user.role]}
        </p>
        <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
          Sign out
        </button>
      </div>
    </div>
  )
}
