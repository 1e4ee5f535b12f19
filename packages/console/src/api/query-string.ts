/** Query parameters: arrays repeat the name; `undefined`, `null` and `''` are left out. */
export type QueryParams = Readonly<
  Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>
>

/** Builds `?a=1&b=x&b=y` from `params` (empty string when nothing is set), in key order. */
export function toQueryString(params: QueryParams): string {
  const search = new URLSearchParams()
  for (const key of Object.keys(params).sort()) {
    const value = params[key]
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) {
      for (const item of value as readonly (string | number)[]) search.append(key, String(item)) // Array.isArray narrows readonly arrays poorly.
    } else {
      search.append(key, String(value))
    }
  }
  const text = search.toString()
  return text === '' ? '' : `?${text}`
}
