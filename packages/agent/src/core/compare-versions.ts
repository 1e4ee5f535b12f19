/**
 * Compares version strings part by part, as detection methods and requirements read them:
 * parts split at `.`, `-`, `+`, `~`, `:` and `_`; numeric parts compare as numbers (`1.10` >
 * `1.9`), others as text; a missing part counts as lower (`1.2` < `1.2.1`).
 */
export function compareVersions(a: string, b: string): number {
  const left = a.split(/[.+~:_-]/)
  const right = b.split(/[.+~:_-]/)
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i]
    const y = right[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const bothNumeric = /^\d+$/.test(x) && /^\d+$/.test(y)
    if (bothNumeric) {
      const difference = Number(x) - Number(y)
      if (difference !== 0) return difference
      continue
    }
    const byText = x.localeCompare(y, 'en')
    if (byText !== 0) return byText
  }
  return 0
}
