/**
 * The console's session cookie `sitrep_session`: read from the `Cookie` header by hand (no
 * cookie library) and written HttpOnly, SameSite=Strict, Path=/, Secure on https.
 */

/** Name of the session cookie. */
export const SESSION_COOKIE = 'sitrep_session'

/** The value of cookie `name` in a `Cookie` header, or `undefined`. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue
    const value = part.slice(eq + 1).trim()
    return value === '' ? undefined : value
  }
  return undefined
}

/** A `Set-Cookie` value for the session; `maxAgeSeconds` 0 clears it. */
export function sessionCookie(
  value: string,
  options: { readonly secure: boolean; readonly maxAgeSeconds: number },
): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${options.maxAgeSeconds}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ')
}
