/**
 * A server-sent events parser for the agent's activity stream: text chunks in, complete
 * events out. Pure and incremental, so a frame split across chunks is still read whole.
 */

/** One event of the stream. */
export interface SseEvent {
  readonly event: string
  readonly data: string
}

/** An incremental parser; `push` returns the events completed by `chunk`. */
export interface SseParser {
  push(chunk: string): SseEvent[]
}

/** Builds a parser (one per connection). */
export function createSseParser(): SseParser {
  let buffer = ''
  return {
    push(chunk) {
      buffer += chunk.replace(/\r\n?/g, '\n')
      const events: SseEvent[] = []
      let end = buffer.indexOf('\n\n')
      while (end !== -1) {
        const frame = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        end = buffer.indexOf('\n\n')
        let event = 'message'
        const data: string[] = []
        for (const line of frame.split('\n')) {
          // Lines starting with a colon are comments (the agent's keep-alive pings).
          if (line === '' || line.startsWith(':')) continue
          const colon = line.indexOf(':')
          const field = colon === -1 ? line : line.slice(0, colon)
          const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
          if (field === 'event') event = value
          else if (field === 'data') data.push(value)
        }
        if (data.length > 0) events.push({ event, data: data.join('\n') })
      }
      return events
    },
  }
}
