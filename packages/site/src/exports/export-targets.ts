/**
 * The export targets of the site configuration (`exports`, docs/alerting.md): each has a unique
 * `name` that rules put in `exportTo`, a `type`, the settings of that type, and how often and
 * how fast a failed notification is tried again.
 */
import { z } from 'zod'

/** How a target retries; unset fields take the outbox's (`outbox.maxAttempts`, 1 s … 10 min). */
const RetrySettings = z
  .object({
    /** Attempts before a notification becomes a dead letter. */
    maxAttempts: z.number().int().min(1).max(1000).optional(),
    /** The first retry's delay; each next one doubles, ±20 % jitter. */
    initialDelayMs: z.number().int().min(10).max(3_600_000).default(1000),
    /** The longest delay, also the most a receiver's `Retry-After` can ask for. */
    maxDelayMs: z.number().int().min(10).max(86_400_000).default(600_000),
  })
  .prefault({})
  .refine((retry) => retry.maxDelayMs >= retry.initialDelayMs, {
    message: 'retry.maxDelayMs must be at least retry.initialDelayMs',
    path: ['maxDelayMs'],
  })

const common = {
  name: z.string().min(1).max(64),
  timeoutMs: z.number().int().positive().max(300_000).default(10_000),
  retry: RetrySettings,
}

/** A webhook: one JSON POST per message, optionally signed with HMAC-SHA256. */
const WebhookTarget = z.object({
  ...common,
  type: z.literal('webhook'),
  url: z.url(),
  headers: z.record(z.string(), z.string()).default({}),
  /** Signs each request (`x-sitrep-signature`); at least 16 characters. */
  secret: z.string().min(16).max(1024).optional(),
})

/**
 * Prometheus Alertmanager: warnings and errors fire alerts through its v2 API; an informational
 * message from the same machine and component resolves that component's alerts.
 */
const AlertmanagerTarget = z.object({
  ...common,
  type: z.literal('alertmanager'),
  /** Alertmanager's base URL, e.g. `http://alertmanager:9093`. */
  url: z.url(),
  /** Extra labels on every alert (`team`, `env`); they cannot replace the ones Sitrep sets. */
  labels: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), z.string()).default({}),
  /** An alert no later message renews or resolves ends by itself after this long (Alertmanager's endsAt). */
  resolveAfterMs: z
    .number()
    .int()
    .min(60_000)
    .max(30 * 86_400_000)
    .default(86_400_000),
})

/** One configured export target, by `type`. */
export const ExportTargetSchema = z.discriminatedUnion('type', [WebhookTarget, AlertmanagerTarget])

/** A configured export target. */
export type ExportTargetConfig = z.infer<typeof ExportTargetSchema>
/** A configured webhook target. */
export type WebhookTargetConfig = Extract<ExportTargetConfig, { type: 'webhook' }>
/** A configured Alertmanager target. */
export type AlertmanagerTargetConfig = Extract<ExportTargetConfig, { type: 'alertmanager' }>
