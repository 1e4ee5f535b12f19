import { StoreError } from './errors.ts'

/** Default and largest page of the store's list methods. */
export const DEFAULT_PAGE_SIZE = 100
export const MAX_PAGE_SIZE = 1000

/** Checks a page size (default {@link DEFAULT_PAGE_SIZE}); throws `invalid_argument` outside 1–1000. */
export function pageSize(limit: number | undefined): number {
  const size = limit ?? DEFAULT_PAGE_SIZE
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new StoreError('invalid_argument', `limit is ${size}; pass an integer from 1 to ${MAX_PAGE_SIZE}`)
  }
  return size
}
