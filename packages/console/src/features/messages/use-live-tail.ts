import type { InfiniteData } from '@tanstack/react-query'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useApi } from '../../api/api-context.tsx'
import type { QueryParams } from '../../api/query-string.ts'
import type { MessagePage, MessageView } from '../../api/api-types.ts'

/** Newest rows kept on the first page while tailing. */
const TAIL_KEEP = 500

/**
 * Live tail: while `enabled`, listens to `GET /api/v1/messages/stream` (server-sent events) and
 * puts each new message at the top of the cached first page under `queryKey`. Returns how many
 * arrived and the connection state, for an `aria-live` announcement.
 */
export function useLiveTail(
  queryKey: readonly unknown[],
  params: QueryParams,
  locale: string,
  enabled: boolean,
): { readonly received: number; readonly state: 'off' | 'connecting' | 'open' | 'error' } {
  const api = useApi()
  const queryClient = useQueryClient()
  const [received, setReceived] = useState(0)
  const [state, setState] = useState<'off' | 'connecting' | 'open' | 'error'>('off')
  const keyText = JSON.stringify(queryKey)
  const paramsText = JSON.stringify(params)
  useEffect(() => {
    if (!enabled) {
      setState('off')
      return
    }
    setReceived(0)
    setState('connecting')
    const source = new EventSource(api.url('/api/v1/messages/stream', { ...params, locale }))
    source.onopen = () => setState('open')
    source.onerror = () => setState('error')
    source.addEventListener('message', (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as MessageView // The stream sends StoredMessageJson (docs/api.md).
      setReceived((n) => n + 1)
      queryClient.setQueryData<InfiniteData<MessagePage>>(queryKey, (data) => prepend(data, message))
    })
    return () => source.close()
    // keyText and paramsText stand for queryKey and params, whose identity changes every render.
  }, [api, queryClient, keyText, paramsText, locale, enabled])
  return { received, state }
}

/** The cached pages with `message` first on the first page (no duplicates, bounded). */
export function prepend(
  data: InfiniteData<MessagePage> | undefined,
  message: MessageView,
): InfiniteData<MessagePage> | undefined {
  const first = data?.pages[0]
  if (data === undefined || first === undefined) return data
  if (first.messages.some((m) => m.recordId === message.recordId)) return data
  const messages = [message, ...first.messages].slice(0, TAIL_KEEP)
  return { ...data, pages: [{ ...first, messages }, ...data.pages.slice(1)] }
}
