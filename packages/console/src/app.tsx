/**
 * The console shell: sign-in gate, header with the site and the user menu, navigation, and the
 * screen for the current hash route.
 */
import { useQuery } from '@tanstack/react-query'
import { useApi } from './api/api-context.tsx'
import { LoginScreen } from './auth/login-screen.tsx'
import { SessionProvider } from './auth/session-context.tsx'
import { sessionQuery } from './auth/session-queries.ts'
import { UserMenu } from './auth/user-menu.tsx'
import { healthQuery } from './features/overview/queries.ts'
import { SCREENS, screenFor } from './screens.tsx'
import { useRoute } from './router/use-route.ts'
import { ErrorNote } from './ui/query-state.tsx'

export function App() {
  const api = useApi()
  const session = useQuery(sessionQuery(api))
  if (session.isPending)
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    )
  if (session.isError)
    return (
      <main id="main">
        <ErrorNote error={session.error} what="the session" />
      </main>
    )
  if (session.data === null) return <LoginScreen />
  return (
    <SessionProvider session={session.data}>
      <Shell />
    </SessionProvider>
  )
}

function Shell() {
  const api = useApi()
  const route = useRoute()
  const health = useQuery(healthQuery(api))
  const screen = screenFor(route.path)
  const Screen = screen.component
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={focusMain}>
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">Sitrep</span>
        <span className="site-name">
          {health.data === undefined ? '' : `${health.data.siteCode} · ${health.data.siteName}`}
        </span>
        <UserMenu />
      </header>
      <nav className="side-nav" aria-label="Screens">
        <ul>
          {SCREENS.map((s) => (
            <li key={s.path}>
              <a href={`#${s.path}`} aria-current={s.path === screen.path ? 'page' : undefined}>
                {s.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1} aria-labelledby="screen-title">
        <h1 id="screen-title">{screen.title}</h1>
        <Screen route={route} />
      </main>
    </div>
  )
}

function focusMain(event: { preventDefault(): void }): void {
  event.preventDefault()
  document.getElementById('main')?.focus()
}
