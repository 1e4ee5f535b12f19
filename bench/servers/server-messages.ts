/** What a server child sends its parent once it listens. */
export interface ServerReady {
  readonly type: 'ready'
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string
}

/** True for a {@link ServerReady} message. */
export function isServerReady(value: unknown): value is ServerReady {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    value.type === 'ready' &&
    'url' in value &&
    typeof value.url === 'string'
  )
}
