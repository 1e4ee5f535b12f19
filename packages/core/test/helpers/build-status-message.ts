import type { StatusMessage } from '@sitrep/protocol'

/** 2026-11-21T08:00:00Z, a Saturday: the default `createdAt` of test messages. */
export const TEST_MESSAGE_TIME = Date.UTC(2026, 10, 21, 8, 0, 0)

/**
 * Builds a valid status message for tests: an informational milestone from a site server
 * component, overridable field by field. Each call returns a fresh object.
 */
export function buildStatusMessage(overrides: Partial<StatusMessage> = {}): StatusMessage {
  return {
    id: '019a9f3c-0000-7000-8000-000000000001',
    origin: { kind: 'site', id: 'PS1' },
    sequence: 1,
    severity: 'informational',
    messageType: 'milestone',
    messageId: 500,
    module: 'SMS Server',
    component: 'SMS_DISTRIBUTION_MANAGER',
    machine: 'SITESRV01',
    siteCode: 'PS1',
    topLevelSiteCode: null,
    processId: 1234,
    threadId: 5678,
    win32Error: 0,
    createdAt: TEST_MESSAGE_TIME,
    perClient: false,
    reportFunction: 'report',
    transaction: false,
    successfulTransaction: false,
    insertionStrings: [],
    attributes: [],
    ...overrides,
  }
}
