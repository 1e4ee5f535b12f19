/**
 * Says an OS error in a few words for a one-line start-up message: its code and what it means,
 * e.g. `EACCES, permission denied`. Node's own message repeats the path and the call.
 */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file of that name exists',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'no such file or directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EADDRINUSE: 'address already in use',
  EADDRNOTAVAIL: 'address not available on this machine',
  ENOTFOUND: 'host name not found',
}

/** `EACCES, permission denied` for an error with a code; the message for anything else. */
export function osReason(error: unknown): string {
  const code = codeOf(error)
  if (code !== undefined) return `${code}, ${REASONS[code] ?? 'system error'}`
  return error instanceof Error ? error.message : String(error)
}

/** The `code` of a Node system error (`EACCES`), if it has one. */
export function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined
}
