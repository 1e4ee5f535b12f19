/**
 * The terminal view (`sitrep indicator --tui`): the presenter's view drawn with ink, for SSH
 * sessions and servers. A plain function of the view and the little state the keys change.
 */
import { Box, Text } from 'ink'
import type { IndicatorTone, IndicatorView } from '../presenter/indicator-view.ts'

/** What the keys have changed on screen. */
export interface TerminalUiState {
  /** Index into the catalogue. */
  readonly selected: number
  /** The answer to the last action, or its error. */
  readonly feedback: string | null
  /** `r` was pressed once; a second `r` restarts. */
  readonly confirmingRestart: boolean
}

const TONE_COLOUR: Record<IndicatorTone, string> = {
  offline: 'red',
  restart: 'yellow',
  busy: 'cyan',
  waiting: 'blue',
  trouble: 'red',
  free: 'green',
}

const BAR_WIDTH = 30

/** `██████░░░░ 45%`. */
export function progressBar(percent: number): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * BAR_WIDTH)
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`
}

function Section(props: { readonly title: string; readonly children: React.ReactNode }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold underline>
        {props.title}
      </Text>
      {props.children}
    </Box>
  )
}

/** The whole screen. */
export function TerminalView(props: { readonly view: IndicatorView; readonly ui: TerminalUiState }) {
  const { view, ui } = props
  const { labels } = view
  const others = view.queue.filter((q) => !q.own)
  return (
    <Box flexDirection="column">
      <Text dimColor>Sitrep · {labels.title}</Text>
      <Text bold color={TONE_COLOUR[view.tone]}>
        ● {view.headline}
      </Text>
      {view.current !== null && (
        <Box flexDirection="column">
          {view.current.title !== view.headline && <Text>{view.current.title}</Text>}
          <Text>{view.current.detail}</Text>
          {view.current.percent !== null && (
            <Text color="cyan">
              {progressBar(view.current.percent)} {view.current.percentText}
            </Text>
          )}
        </Box>
      )}
      {view.waiting !== null && view.waiting.text !== view.headline && <Text>{view.waiting.text}</Text>}
      {view.restart !== null && (
        <Section title={labels.restart}>
          {view.restart.title !== view.headline && <Text bold>{view.restart.title}</Text>}
          {view.restart.countdown !== null && (
            <Text bold color="yellow">
              {view.restart.countdown.text}
            </Text>
          )}
          {view.restart.reasonText !== '' && <Text>{view.restart.reasonText}</Text>}
          <Text>{view.restart.deadlineText}</Text>
          <Text>
            {view.restart.snoozeOptions.map((o, i) => `[${i + 1}] ${o.label}   `).join('')}[r]{' '}
            {view.restart.actNowLabel}
          </Text>
        </Section>
      )}
      {view.connection === 'connected' && (
        <Section title={labels.yourRequests}>
          {view.yourRequests.length === 0 ? (
            <Text dimColor>{labels.noRequests}</Text>
          ) : (
            view.yourRequests.map((q) => (
              <Text key={q.jobId}>
                {q.text}
                {q.waitingText === null ? '' : ` ${q.waitingText}`}
              </Text>
            ))
          )}
        </Section>
      )}
      {others.length > 0 && (
        <Section title={labels.queue}>
          {others.map((q) => (
            <Text key={q.jobId}>
              {q.text}
              {q.required ? ` (${labels.required})` : ''}
            </Text>
          ))}
        </Section>
      )}
      {view.trouble.length > 0 && (
        <Section title={labels.trouble}>
          {view.trouble.map((x, i) => (
            <Text key={x.jobId ?? `${x.kind}-${i}`} color="red">
              {x.text}
              {x.nextText === null ? '' : ` ${x.nextText}`}
            </Text>
          ))}
        </Section>
      )}
      {view.connection === 'connected' && (
        <Section title={labels.catalogue}>
          {view.catalogue.length === 0 ? (
            <Text dimColor>{labels.noApplications}</Text>
          ) : (
            view.catalogue.map((app, i) => (
              <Text key={app.deploymentId} inverse={i === ui.selected}>
                {i === ui.selected ? '›' : ' '} {app.name} {app.version} — {app.statusText}
              </Text>
            ))
          )}
        </Section>
      )}
      {view.recent.length > 0 && (
        <Section title={labels.recent}>
          {view.recent.slice(0, 3).map((r) => (
            <Text key={r.jobId} {...(r.failed ? { color: 'red' } : {})}>
              {r.text}
            </Text>
          ))}
        </Section>
      )}
      <Box marginTop={1} flexDirection="column">
        {ui.feedback !== null && <Text bold>{ui.feedback}</Text>}
        <Text dimColor>{view.labels.keysHelp}</Text>
      </Box>
    </Box>
  )
}
