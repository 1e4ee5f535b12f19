/**
 * Store records of software distribution as the REST API shows them (`@sitrep/api`'s views):
 * times as ISO text, definitions parsed back through the protocol's schemas. Pure.
 */
import type { ApplicationView, CollectionView, ContentView, DeploymentView } from '@sitrep/api'
import {
  ApplicationSchema,
  CollectionDefinitionSchema,
  DeploymentSettingsSchema,
  formatIsoTime,
} from '@sitrep/protocol'
import type { Application, DeploymentSettings } from '@sitrep/protocol'
import type {
  ApplicationRecord,
  ApplicationRevisionRecord,
  CollectionRecord,
  ContentRecord,
  DeploymentRecord,
} from '@sitrep/store'

/** The protocol's application of a stored revision. */
export function revisionToApplication(revision: ApplicationRevisionRecord): Application {
  return ApplicationSchema.parse(JSON.parse(revision.bodyJson))
}

/** An application at one of its revisions (its newest by default). */
export function toApplicationView(
  record: ApplicationRecord,
  revision: ApplicationRevisionRecord = record.latest,
): ApplicationView {
  return {
    id: record.id,
    name: record.name,
    revision: revision.revision,
    latestRevision: record.latestRevision,
    revisedAt: formatIsoTime(revision.createdAt),
    revisedBy: revision.createdBy,
    createdAt: formatIsoTime(record.createdAt),
    updatedAt: formatIsoTime(record.updatedAt),
    removedAt: record.removedAt === null ? null : formatIsoTime(record.removedAt),
    application: revisionToApplication(revision),
  }
}

/** A stored content file. */
export function toContentView(record: ContentRecord): ContentView {
  return { sha256: record.sha256, size: record.size, createdAt: formatIsoTime(record.createdAt) }
}

/** A collection with its parsed definition. */
export function toCollectionView(record: CollectionRecord): CollectionView {
  return {
    id: record.id,
    name: record.name,
    builtin: record.builtin,
    memberCount: record.memberCount,
    evaluatedAt: record.evaluatedAt === null ? null : formatIsoTime(record.evaluatedAt),
    createdAt: formatIsoTime(record.createdAt),
    updatedAt: formatIsoTime(record.updatedAt),
    definition: CollectionDefinitionSchema.parse(JSON.parse(record.definitionJson)),
  }
}

/** The protocol's settings of a stored deployment. */
export function deploymentSettingsOf(record: DeploymentRecord): DeploymentSettings {
  return DeploymentSettingsSchema.parse(JSON.parse(record.settingsJson))
}

/** A deployment, with the names of its application and collection. */
export function toDeploymentView(
  record: DeploymentRecord,
  names: { readonly applicationName: string; readonly collectionName: string },
): DeploymentView {
  const settings = deploymentSettingsOf(record)
  return {
    id: record.id,
    applicationId: record.applicationId,
    applicationName: names.applicationName,
    revision: record.revision,
    collectionId: record.collectionId,
    collectionName: names.collectionName,
    settings: {
      ...settings,
      availableAt: formatIsoTime(settings.availableAt),
      deadline: settings.deadline === null ? null : formatIsoTime(settings.deadline),
    },
    createdAt: formatIsoTime(record.createdAt),
    createdBy: record.createdBy,
    cancelledAt: record.cancelledAt === null ? null : formatIsoTime(record.cancelledAt),
    cancelledBy: record.cancelledBy,
  }
}
