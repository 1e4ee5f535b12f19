import type { OsLogEntry } from './os-log-entry.ts'

/** A complete OS log entry for tests; override what the test is about. */
export function makeOsLogEntry(overrides: Partial<OsLogEntry> = {}): OsLogEntry {
  return {
    severity: 'error',
    text: 'Component "SMS_DISTRIBUTION_MANAGER" on "SITE01" was set to Critical.',
    module: 'SMS Server',
    component: 'SMS_COMPONENT_STATUS_SUMMARIZER',
    machine: 'SITE01',
    siteCode: 'ABC',
    messageId: 4609,
    id: '0192f0c4-7b1e-7c3a-9f00-0123456789ab',
    createdAt: Date.UTC(2025, 0, 2, 3, 4, 5, 678),
    ...overrides,
  }
}
