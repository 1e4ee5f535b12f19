/**
 * The local page's style sheet and script, served as files so the page's content security
 * policy can forbid inline code. The script is small on purpose: the server draws the HTML
 * (render-page.ts); the script swaps it in, keeps focus, announces changes and sends clicks.
 */

/** `/page.css`. */
export const PAGE_CSS = `
:root { font-family: system-ui, sans-serif; color: #1b1b1b; background: #fafafa; line-height: 1.45; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.35rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid #d0d0d0; padding-bottom: 0.2rem; }
ul { list-style: none; padding: 0; margin: 0; }
li { padding: 0.4rem 0; border-bottom: 1px solid #ececec; }
.headline { font-size: 1.2rem; font-weight: 600; padding: 0.6rem 0.8rem; border-left: 0.4rem solid #5a5a5a; background: #fff; margin: 0; }
.tone-free { border-color: #1e7a34; }
.tone-busy { border-color: #0b5fad; }
.tone-waiting { border-color: #5b4bb7; }
.tone-restart { border-color: #a35a00; }
.tone-trouble, .tone-offline { border-color: #b3261e; }
.job-title { font-weight: 600; margin: 0.6rem 0 0.2rem; }
.detail { color: #3d3d3d; margin: 0.2rem 0; }
progress { width: 100%; height: 1.1rem; }
.countdown { font-size: 1.6rem; font-weight: 700; color: #7a3f00; margin: 0.3rem 0; }
.restart-title { font-weight: 600; }
.tag { color: #4a4a4a; }
.wait { display: block; color: #4a3b9a; }
.app { display: grid; grid-template-columns: 1fr auto; gap: 0 1rem; align-items: center; }
.app p { margin: 0; grid-column: 1; }
.app button { grid-column: 2; grid-row: 1 / span 3; }
.app-name { font-weight: 600; }
.version, .app-meta { color: #4a4a4a; font-weight: normal; }
.status-queued, .status-running { color: #0b5fad; }
.status-installed { color: #1e7a34; }
.failed { color: #b3261e; }
.empty { color: #4a4a4a; }
button { font: inherit; padding: 0.35rem 0.9rem; border: 1px solid #0b5fad; background: #0b5fad; color: #fff; border-radius: 0.3rem; cursor: pointer; }
button:focus-visible { outline: 3px solid #f0a000; outline-offset: 2px; }
button.secondary { background: #fff; color: #0b5fad; }
.request { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.3rem 1rem; }
.request p { margin: 0; flex: 1 1 20rem; }
button.danger { background: #fff; color: #a31d16; border-color: #a31d16; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.5rem; }
#feedback { font-weight: 600; min-height: 1.4rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`

/** `/page.js`. */
export const PAGE_JS = `'use strict'
const content = document.getElementById('content')
const feedback = document.getElementById('feedback')
const announcer = document.getElementById('announcer')
let announced = null
// The answer to an action stays until the state changes (after a short grace, so the change the
// action itself caused does not wipe it at once) or until data-clear-ms have passed.
const CLEAR_MS = Number(feedback.dataset.clearMs) || 20000
const GRACE_MS = 3000
let feedbackAt = 0
let feedbackTimer = null

function say(text) {
  feedback.textContent = text
  feedbackAt = Date.now()
  clearTimeout(feedbackTimer)
  if (text) feedbackTimer = setTimeout(() => say(''), CLEAR_MS)
}

function show(update) {
  const focused = document.activeElement && document.activeElement.id
  content.innerHTML = update.html
  if (focused) {
    const again = document.getElementById(focused)
    if (again) again.focus()
  }
  // Screen readers hear a change of state, not every percent: the server leaves those out.
  if (announced !== null && update.announcement !== announced) {
    announcer.textContent = update.announcement
    if (feedback.textContent && Date.now() - feedbackAt > GRACE_MS) say('')
  }
  announced = update.announcement
}

new EventSource('/api/events').addEventListener('view', (event) => show(JSON.parse(event.data)))

async function send(path, body) {
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const reply = await response.json()
    say(reply.text || '')
  } catch (error) {
    say(String(error))
  }
}

content.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]')
  if (!button) return
  const action = button.dataset.action
  if (action === 'install') send('/api/install', { deploymentId: button.dataset.deployment })
  else if (action === 'cancel') send('/api/cancel', { jobId: button.dataset.job })
  else if (action === 'snooze') send('/api/snooze', { minutes: Number(button.dataset.minutes) })
  else if (action === 'restart' && window.confirm(button.dataset.confirm)) send('/api/restart', {})
})
`
