/** A mistake the user can fix (bad flag, bad config); printed as one line with exit code 1. */
export class UsageError extends Error {
  override name = 'UsageError'
}
