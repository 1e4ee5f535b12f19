/**
 * The audit status messages of software distribution (docs/software-distribution.md "Audit"):
 * every change an administrator makes to an application, content, a collection or a deployment
 * raises an `SMS Provider` message of type audit naming who did it (%1 and attribute 403), as
 * the ConfigMgr provider does. Pure: it builds the reporter's input; the routes raise it.
 */
import { ATTRIBUTE } from '@sitrep/protocol'
import type { StatusAttribute } from '@sitrep/protocol'
import { GENERIC_MODULE } from '../reporting/site-reporter.ts'
import type { RaiseInput } from '../reporting/site-reporter.ts'

/** Message IDs of the audit messages, by what was done. */
export const DISTRIBUTION_AUDIT_IDS = {
  collectionCreated: 30015,
  collectionChanged: 30016,
  collectionRemoved: 30017,
  applicationAdded: 30152,
  applicationRevised: 30153,
  applicationRemoved: 30154,
  deploymentCreated: 30226,
  deploymentChanged: 30227,
  deploymentCancelled: 30228,
  contentUploaded: 39991,
} as const

/** One change to audit. */
export type DistributionChange =
  | {
      readonly kind: 'collectionCreated' | 'collectionChanged' | 'collectionRemoved'
      readonly id: string
      readonly name: string
    }
  | {
      readonly kind: 'applicationAdded' | 'applicationRevised' | 'applicationRemoved'
      readonly id: string
      readonly name: string
      readonly revision: number
    }
  | {
      readonly kind: 'deploymentCreated' | 'deploymentChanged' | 'deploymentCancelled'
      readonly id: string
      readonly applicationId: string
      readonly applicationName: string
      readonly collectionId: string
      readonly collectionName: string
    }
  | { readonly kind: 'contentUploaded'; readonly sha256: string; readonly size: number }

const clip = (text: string): string => text.slice(0, 255)

/** The audit message of `change` made by `username`. */
export function distributionAuditInput(username: string, change: DistributionChange): RaiseInput {
  const user = clip(username)
  const attributes: StatusAttribute[] = [{ id: ATTRIBUTE.userName, value: user }]
  let strings: string[]
  switch (change.kind) {
    case 'collectionCreated':
    case 'collectionChanged':
    case 'collectionRemoved':
      strings = [change.id, change.name]
      attributes.push({ id: ATTRIBUTE.collectionId, value: change.id })
      break
    case 'applicationAdded':
    case 'applicationRevised':
    case 'applicationRemoved':
      strings = [change.id, change.name, String(change.revision)]
      attributes.push({ id: ATTRIBUTE.applicationId, value: clip(change.id) })
      break
    case 'deploymentCreated':
    case 'deploymentChanged':
    case 'deploymentCancelled':
      strings = [change.id, change.applicationName, change.collectionName]
      attributes.push(
        { id: ATTRIBUTE.deploymentId, value: change.id },
        { id: ATTRIBUTE.collectionId, value: change.collectionId },
        { id: ATTRIBUTE.applicationId, value: clip(change.applicationId) },
      )
      break
    case 'contentUploaded':
      strings = [change.sha256, String(change.size)]
      break
  }
  return {
    module: GENERIC_MODULE,
    component: GENERIC_MODULE,
    messageId: DISTRIBUTION_AUDIT_IDS[change.kind],
    severity: 'informational',
    messageType: 'audit',
    insertionStrings: [user, ...strings.map(clip)],
    attributes,
  }
}
