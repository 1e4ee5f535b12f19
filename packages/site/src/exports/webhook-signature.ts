/**
 * The webhook signature (docs/alerting.md "Webhook"): `x-sitrep-signature: t=<unix seconds>,v1=<hex>`,
 * where `<hex>` is HMAC-SHA256 with the target's secret over `<t>.<body>`, the body as sent.
 * Signing the time with the body lets a receiver refuse an old request replayed later.
 */
import { createHmac } from 'node:crypto'

/** The header that carries the signature. */
export const SIGNATURE_HEADER = 'x-sitrep-signature'

/** The `x-sitrep-signature` value of `body` sent at `timestampSeconds`. */
export function signWebhookBody(options: {
  readonly secret: string
  readonly body: string
  readonly timestampSeconds: number
}): string {
  const mac = createHmac('sha256', options.secret)
    .update(`${options.timestampSeconds}.${options.body}`, 'utf8')
    .digest('hex')
  return `t=${options.timestampSeconds},v1=${mac}`
}
