/**
 * When to poll policy next: the interval the site asked for plus random jitter up to what it
 * allows, so a fleet that starts together does not poll together; after a failure, backoff
 * from the SDK's retry delay, capped at the site's interval. Pure: the random number comes in.
 */
import { POLICY_POLL_LIMITS } from '@sitrep/protocol'

/** Delay in ms until the next poll after a reply asking for `nextPollSeconds` + up to `jitterSeconds`. */
export function nextPollDelayMs(
  reply: { readonly nextPollSeconds: number; readonly jitterSeconds: number },
  random: number,
): number {
  return Math.round((reply.nextPollSeconds + random * reply.jitterSeconds) * 1000)
}

/** The first poll after start: within the first minute, spread at random. */
export function firstPollDelayMs(random: number): number {
  return Math.round(random * 60_000)
}

/** Delay after `failures` failed polls in a row: 15 s doubling, capped at the last interval. */
export function failedPollDelayMs(failures: number, intervalSeconds: number, random: number): number {
  const base = POLICY_POLL_LIMITS.minSeconds * 1000 * 2 ** Math.min(failures - 1, 10)
  const capped = Math.min(base, intervalSeconds * 1000)
  // Full jitter over the upper half keeps clients apart without polling too early.
  return Math.round(capped / 2 + (random * capped) / 2)
}
