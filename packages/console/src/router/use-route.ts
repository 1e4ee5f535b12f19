import { useMemo, useSyncExternalStore } from 'react'
import { parseRoute } from './parse-route.ts'
import type { Route } from './parse-route.ts'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

const getHash = (): string => window.location.hash

/** The current route; re-renders when the hash changes (links, back, forward). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, () => '')
  return useMemo(() => parseRoute(hash), [hash])
}

/** Goes to `hash` (from `formatRoute`); `replace` keeps the history entry, for filter edits. */
export function navigate(hash: string, options: { readonly replace?: boolean } = {}): void {
  if (options.replace === true) {
    window.history.replaceState(null, '', hash)
    window.dispatchEvent(new HashChangeEvent('hashchange'))
  } else {
    window.location.hash = hash
  }
}
