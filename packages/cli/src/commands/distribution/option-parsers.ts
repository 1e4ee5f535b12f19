/** Commander option parsers the distribution commands share. */
import { InvalidArgumentError } from 'commander'

/** A repeatable option: each use adds one value; `undefined` when never given. */
export function collectValues(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

/** A parser for a whole number from `min` to `max`, naming `flag` when the value is not one. */
export function wholeNumber(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value)
    if (!/^\d+$/.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`)
    }
    return n
  }
}
