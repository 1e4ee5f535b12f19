/**
 * The console's routes live in the URL hash (`#/messages?severity=error`), so the site serves
 * one `index.html` and links, reloads and the back button all work without server routes.
 */

/** A parsed route: the path and its parameters (repeated names keep every value). */
export interface Route {
  readonly path: string
  readonly params: Readonly<Record<string, readonly string[]>>
}

/** Parses `#/path?x=1&x=2` into a {@link Route}; an empty hash is the overview `/`. */
export function parseRoute(hash: string): Route {
  const text = hash.startsWith('#') ? hash.slice(1) : hash
  const [rawPath = '', rawQuery = ''] = text.split('?', 2)
  const path = rawPath === '' ? '/' : rawPath.startsWith('/') ? rawPath : `/${rawPath}`
  const params: Record<string, string[]> = {}
  for (const [key, value] of new URLSearchParams(rawQuery)) (params[key] ??= []).push(value)
  return { path: path.length > 1 ? path.replace(/\/+$/, '') : path, params }
}

/** Builds the hash of `path` with `params`; empty values are left out. */
export function formatRoute(
  path: string,
  params: Readonly<Record<string, string | readonly string[] | undefined>> = {},
): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue
    for (const item of typeof value === 'string' ? [value] : value) if (item !== '') search.append(key, item)
  }
  const query = search.toString()
  return `#${path}${query === '' ? '' : `?${query}`}`
}

/** The first value of a parameter, or `undefined`. */
export function param(route: Route, name: string): string | undefined {
  return route.params[name]?.[0]
}
