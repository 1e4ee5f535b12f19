/**
 * Counts for people: `countOf(1, 'error message')` is `1 error message`, `countOf(2, …)` is
 * `2 error messages`. Every count the CLI prints goes through it, so none says "message(s)".
 */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`
}
