import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { FormEvent } from 'react'
import { useApi } from '../api/api-context.tsx'
import { isApiError } from '../api/api-error.ts'
import { readSession, sessionQuery, setApiToken, signIn } from './session-queries.ts'

/** Sign-in with a user name and password, or (for automation and development) an API token. */
export function LoginScreen() {
  const api = useApi()
  const queryClient = useQueryClient()
  const [username, setUsername] = useState('admin')
  const [password, setPassword] = useState('')
  const [token, setToken] = useState('')
  const login = useMutation({
    mutationFn: async (kind: 'password' | 'token') => {
      if (kind === 'password') return signIn(api, username, password)
      setApiToken(api, token.trim())
      try {
        const session = await readSession(api)
        if (session === null) throw new Error('the token was not accepted')
        return session
      } catch (error) {
        setApiToken(api, null)
        throw error
      }
    },
    onSuccess: (session) => queryClient.setQueryData(sessionQuery(api).queryKey, session),
  })
  const submit = (kind: 'password' | 'token') => (event: FormEvent) => {
    event.preventDefault()
    login.mutate(kind)
  }
  return (
    <main id="main" className="login">
      <h1>Sign in to Sitrep</h1>
      <form onSubmit={submit('password')} aria-describedby="login-error">
        <label>
          User name
          <input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            required
          />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
        </label>
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p id="login-error" role="alert" className="form-error">
        {login.isError ? loginMessage(login.error) : ''}
      </p>
      <details>
        <summary>Use an API token instead</summary>
        <form onSubmit={submit('token')}>
          <label>
            API token (<code>sitrep token</code> prints the administrator&apos;s)
            <input type="password" value={token} onChange={(e) => setToken(e.target.value)} required />
          </label>
          <button type="submit" disabled={login.isPending}>
            Use token
          </button>
        </form>
      </details>
      <p className="hint">
        The first start of a site writes the <code>admin</code> password to{' '}
        <code>&lt;dataDir&gt;/admin-password</code>.
      </p>
    </main>
  )
}

function loginMessage(error: unknown): string {
  if (isApiError(error) && error.status === 401) return 'The user name or password is wrong.'
  if (isApiError(error) && error.status === 404)
    return 'This site has no password sign-in yet; use an API token.'
  return error instanceof Error ? error.message : String(error)
}
