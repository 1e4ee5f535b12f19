/**
 * The local page's HTML, drawn from the presenter's view on the server: the whole document
 * for the first load and the content region the page swaps in on every change. Pure; every
 * text goes through {@link escapeHtml}, so nothing from the agent or the site becomes markup.
 */
import type { IndicatorView, QueueItemView } from '../presenter/indicator-view.ts'

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

const e = escapeHtml

function list(items: readonly string[], empty: string | null): string {
  if (items.length === 0) return empty === null ? '' : `<p class="empty">${e(empty)}</p>`
  return `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`
}

function queueItem(q: QueueItemView, view: IndicatorView): string {
  const tags = [q.own ? view.labels.yours : null, q.required ? view.labels.required : null].filter(
    (t) => t !== null,
  )
  return [
    e(q.text),
    tags.length === 0 ? '' : ` <span class="tag">(${e(tags.join(', '))})</span>`,
    q.waitingText === null ? '' : ` <span class="wait">${e(q.waitingText)}</span>`,
  ].join('')
}

/** The user's own waiting request, with the button that withdraws it. */
function ownRequest(q: QueueItemView, view: IndicatorView): string {
  const button = `<button type="button" id="cancel-${e(q.jobId)}" class="secondary" data-action="cancel" data-job="${e(q.jobId)}" aria-label="${e(`${view.labels.cancel}: ${q.applicationName}`)}">${e(view.labels.cancel)}</button>`
  return `<div class="request"><p>${queueItem(q, view)}</p>${button}</div>`
}

function section(id: string, title: string, body: string): string {
  return `<section aria-labelledby="${id}-h" id="${id}"><h2 id="${id}-h">${e(title)}</h2>${body}</section>`
}

/** The content region: everything that changes with the view. */
export function renderPageContent(view: IndicatorView): string {
  const { labels } = view
  const parts: string[] = []
  const now: string[] = [`<p class="headline tone-${view.tone}" id="headline">${e(view.headline)}</p>`]
  const c = view.current
  if (c !== null) {
    if (c.title !== view.headline) now.push(`<p class="job-title">${e(c.title)}</p>`)
    if (c.percent !== null)
      now.push(
        `<progress id="job-progress" max="100" value="${Math.round(c.percent)}" aria-label="${e(`${labels.progress}: ${c.title}`)}"></progress>`,
      )
    now.push(`<p class="detail">${e(c.detail)}</p>`)
  }
  if (view.waiting !== null && view.waiting.text !== view.headline) now.push(`<p>${e(view.waiting.text)}</p>`)
  parts.push(section('now', labels.now, now.join('')))

  const r = view.restart
  if (r !== null) {
    const body: string[] = []
    if (r.title !== view.headline) body.push(`<p class="restart-title">${e(r.title)}</p>`)
    if (r.countdown !== null)
      body.push(`<p class="countdown" role="timer" aria-live="off">${e(r.countdown.text)}</p>`)
    if (r.reasonText !== '') body.push(`<p>${e(r.reasonText)}</p>`)
    body.push(`<p>${e(r.deadlineText)}</p>`)
    const buttons = r.snoozeOptions.map(
      (o) =>
        `<button type="button" id="snooze-${o.minutes}" data-action="snooze" data-minutes="${o.minutes}">${e(o.label)}</button>`,
    )
    buttons.push(
      `<button type="button" id="restart-now" class="danger" data-action="restart" data-confirm="${e(r.confirmText)}">${e(r.actNowLabel)}</button>`,
    )
    body.push(`<div class="actions">${buttons.join(' ')}</div>`)
    parts.push(section('restart', labels.restart, body.join('')))
  }
  if (view.connection === 'connected')
    parts.push(
      section(
        'your-requests',
        labels.yourRequests,
        list(
          view.yourRequests.map((q) => ownRequest(q, view)),
          labels.noRequests,
        ),
      ),
    )
  const others = view.queue.filter((q) => !q.own)
  if (others.length > 0)
    parts.push(
      section(
        'queue',
        labels.queue,
        list(
          others.map((q) => queueItem(q, view)),
          null,
        ),
      ),
    )
  if (view.trouble.length > 0)
    parts.push(
      section(
        'trouble',
        labels.trouble,
        list(
          view.trouble.map((x) => `${e(x.text)}${x.nextText === null ? '' : ` ${e(x.nextText)}`}`),
          null,
        ),
      ),
    )
  if (view.connection === 'connected') {
    const apps = view.catalogue.map((app) => {
      const button = app.canInstall
        ? `<button type="button" id="install-${e(app.deploymentId)}" data-action="install" data-deployment="${e(app.deploymentId)}" aria-label="${e(`${labels.install} ${app.name}`)}">${e(labels.install)}</button>`
        : ''
      return [
        `<div class="app"><p class="app-name">${e(app.name)} <span class="version">${e(app.version)}</span></p>`,
        `<p class="app-meta">${e(app.publisher)}${app.description === '' ? '' : ` · ${e(app.description)}`}</p>`,
        `<p class="app-status status-${app.status}">${e(app.statusText)}</p>${button}</div>`,
      ].join('')
    })
    parts.push(section('catalogue', labels.catalogue, list(apps, labels.noApplications)))
  }
  if (view.recent.length > 0)
    parts.push(
      section(
        'recent',
        labels.recent,
        list(
          view.recent.map((x) => `<span class="${x.failed ? 'failed' : 'done'}">${e(x.text)}</span>`),
          null,
        ),
      ),
    )
  return parts.join('\n')
}

/** How long the answer to an action stays at most, unless the state changes first. */
const FEEDBACK_CLEAR_MS = 20_000

/** The whole document of the first load; `feedbackClearMs` is how long an action's answer stays at most. */
export function renderPageDocument(view: IndicatorView, feedbackClearMs = FEEDBACK_CLEAR_MS): string {
  return `<!doctype html>
<html lang="${view.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sitrep · ${e(view.labels.title)}</title>
<link rel="stylesheet" href="/page.css">
<script src="/page.js" defer></script>
</head>
<body>
<main>
<h1>${e(view.labels.title)}</h1>
<div id="content">${renderPageContent(view)}</div>
<p id="feedback" role="status" data-clear-ms="${Math.max(0, Math.round(feedbackClearMs))}"></p>
<div id="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
</main>
</body>
</html>
`
}
