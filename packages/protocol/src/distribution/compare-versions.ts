/**
 * Compares two version strings part by part, the way detection methods, requirements and
 * collection rules read them: parts split at `.`, `-`, `+`, `~`, `:` and `_`; numeric parts
 * compare as numbers (`1.10` > `1.9`), others as text; a missing part counts as lower
 * (`1.2` < `1.2.1`). Returns a negative number, 0 or a positive number.
 */
export function compareVersions(a: string, b: string): number {
  const left = a.split(/[.+~:_-]/)
  const right = b.split(/[.+~:_-]/)
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i]
    const y = right[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const nx = /^\d+$/.test(x) ? Number(x) : undefined
    const ny = /^\d+$/.test(y) ? Number(y) : undefined
    if (nx !== undefined && ny !== undefined) {
      if (nx !== ny) return nx - ny
      continue
    }
    if (nx !== undefined) return 1 // 1.2.0 > 1.2.beta
    if (ny !== undefined) return -1
    const byText = x.localeCompare(y, 'en')
    if (byText !== 0) return byText
  }
  return 0
}
