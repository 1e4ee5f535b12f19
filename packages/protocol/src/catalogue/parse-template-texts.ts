import type { FieldIssue } from '../field-issue.ts'
import { preview } from '../field-issue.ts'
import { LIMITS } from '../limits.ts'
import { catalogueIssue as issue, isMessageIdKey, isRecord } from './catalogue-issue.ts'
import { DEFAULT_LOCALE, normalizeLocale } from './locale-chain.ts'
import { checkTemplate } from './tokenize-template.ts'

/** Longest template the catalogue accepts, in UTF-16 code units; real ones stay far below. */
export const TEMPLATE_MAX_LENGTH = 4096

/**
 * Parses the `texts` of a module definition: locale → message ID → template. Locale tags are
 * normalized (`de-DE` → `de-de`); `en` is required and must cover every ID in `declaredIds`, and
 * no locale may hold an ID outside it. Pass `declaredIds` as `undefined` to skip both checks
 * (when `messages` itself is unusable). Issues are appended to `issues`; the result holds
 * what parsed, `en` first.
 */
export function parseTemplateTexts(
  value: unknown,
  declaredIds: ReadonlySet<number> | undefined,
  issues: FieldIssue[],
): Map<string, Map<number, string>> {
  const texts = new Map<string, Map<number, string>>()
  if (!isRecord(value)) {
    issues.push(
      issue(
        'texts',
        value === undefined ? 'required' : 'type',
        `texts must be an object keyed by locale, such as { "en": { "100": "..." } }, got ${preview(value)}`,
      ),
    )
    return texts
  }
  const seen = new Map<string, string>()
  for (const [key, byId] of Object.entries(value)) {
    const field = `texts.${key}`
    const locale = normalizeLocale(key)
    if (locale === undefined) {
      issues.push(issue(field, 'format', `${field}: "${key}" is not a locale tag such as en, de or de-AT`))
      continue
    }
    const clash = seen.get(locale)
    if (clash !== undefined) {
      issues.push(issue(field, 'format', `${field} is the same locale as texts.${clash}`))
      continue
    }
    seen.set(locale, key)
    texts.set(locale, parseLocaleTexts(byId, field, declaredIds, issues))
  }

  const english = texts.get(DEFAULT_LOCALE)
  if (english === undefined) {
    issues.push(
      issue(
        `texts.${DEFAULT_LOCALE}`,
        'required',
        `texts.${DEFAULT_LOCALE} is required: it is the fallback of every locale`,
      ),
    )
    return texts
  }
  for (const messageId of declaredIds ?? []) {
    if (!english.has(messageId)) {
      const field = `texts.${DEFAULT_LOCALE}.${messageId}`
      issues.push(issue(field, 'required', `${field} is required: every message needs an English template`))
    }
  }
  // `en` first, so `CatalogueModule.locales` reads naturally.
  return new Map([[DEFAULT_LOCALE, english], ...[...texts].filter(([locale]) => locale !== DEFAULT_LOCALE)])
}

function parseLocaleTexts(
  value: unknown,
  field: string,
  declaredIds: ReadonlySet<number> | undefined,
  issues: FieldIssue[],
): Map<number, string> {
  const templates = new Map<number, string>()
  if (!isRecord(value)) {
    issues.push(
      issue(field, 'type', `${field} must be an object of message ID → template, got ${preview(value)}`),
    )
    return templates
  }
  for (const [key, template] of Object.entries(value)) {
    const at = `${field}.${key}`
    if (!isMessageIdKey(key)) {
      issues.push(issue(at, 'format', `${at}: "${key}" is not a message ID (0 to ${LIMITS.messageIdMax})`))
      continue
    }
    if (declaredIds !== undefined && !declaredIds.has(Number(key))) {
      issues.push(issue(at, 'unknown_value', `${at} has a template, but messages has no entry ${key}`))
      continue
    }
    if (typeof template !== 'string') {
      issues.push(issue(at, 'type', `${at} must be a template string, got ${preview(template)}`))
      continue
    }
    if (template.length === 0 || template.length > TEMPLATE_MAX_LENGTH) {
      issues.push(
        issue(
          at,
          template.length === 0 ? 'too_short' : 'too_long',
          `${at} is ${template.length} characters long; a template needs 1 to ${TEMPLATE_MAX_LENGTH}`,
        ),
      )
      continue
    }
    const problems = checkTemplate(template)
    if (problems.length > 0) {
      issues.push(issue(at, 'format', `${at}: ${problems.join('; ')}`))
      continue
    }
    templates.set(Number(key), template)
  }
  return templates
}
