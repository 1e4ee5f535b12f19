/**
 * Software distribution as the store sees it (docs/distribution.md): applications and their
 * revisions, content files, collections with their evaluated members, and deployments. The
 * store keeps each object's definition as the JSON text the site wrote; the site owns the
 * shapes (`@sitrep/protocol`'s distribution schemas) and parses them back.
 */

/** One revision of an application. */
export interface ApplicationRevisionRecord {
  readonly applicationId: string
  /** From 1, one more per edit. */
  readonly revision: number
  /** The whole revision as JSON text (the protocol's `Application`). */
  readonly bodyJson: string
  /** Epoch ms. */
  readonly createdAt: number
  /** Who made the revision (a user name, or `admin` for the local token). */
  readonly createdBy: string
}

/** An application: what its revisions share, with its newest revision. */
export interface ApplicationRecord {
  readonly id: string
  readonly name: string
  readonly latestRevision: number
  readonly createdAt: number
  readonly updatedAt: number
  /** When it was removed, epoch ms; its revisions stay for the deployments that name them. */
  readonly removedAt: number | null
  readonly latest: ApplicationRevisionRecord
}

/** A content file the site holds; its bytes are in the content folder under its hash. */
export interface ContentRecord {
  readonly sha256: string
  readonly size: number
  readonly createdAt: number
}

/** A collection of clients. */
export interface CollectionRecord {
  readonly id: string
  readonly name: string
  /** Rules, static members, includes, excludes and maintenance windows, as JSON text. */
  readonly definitionJson: string
  /** Built-in collections (all clients, all Linux clients, …) cannot be changed or removed. */
  readonly builtin: boolean
  readonly memberCount: number
  readonly createdAt: number
  readonly updatedAt: number
  /** When its membership was last evaluated, epoch ms; `null` until then. */
  readonly evaluatedAt: number | null
  readonly removedAt: number | null
}

/** What {@link DistributionOperations.saveCollection} writes. */
export interface CollectionInput {
  readonly id: string
  readonly name: string
  readonly definitionJson: string
  readonly builtin: boolean
  /** Epoch ms. */
  readonly at: number
}

/** A member of a collection, with when it joined. */
export interface CollectionMember {
  readonly clientId: string
  readonly since: number
}

/** One change of membership. */
export interface MembershipChange {
  readonly seq: number
  readonly collectionId: string
  readonly clientId: string
  readonly change: 'added' | 'removed'
  readonly at: number
}

/** A deployment: an application revision × a collection. */
export interface DeploymentRecord {
  readonly id: string
  readonly applicationId: string
  readonly revision: number
  readonly collectionId: string
  /** The protocol's `DeploymentSettings` as JSON text. */
  readonly settingsJson: string
  readonly createdAt: number
  readonly createdBy: string
  readonly cancelledAt: number | null
  readonly cancelledBy: string | null
}

/** What a client last reported about itself. */
export interface ClientFactsRecord {
  readonly clientId: string
  /** The protocol's `ClientFacts` as JSON text. */
  readonly factsJson: string
  readonly updatedAt: number
}

/** The store operations of software distribution; part of `SiteStore`. */
export interface DistributionOperations {
  /**
   * Adds a revision. Revision 1 creates the application; revision n needs n − 1 to be the newest,
   * so two concurrent edits cannot both win (the loser gets `store_conflict`). Also sets the
   * application's name (`name`) and clears a removal.
   */
  addApplicationRevision(
    revision: ApplicationRevisionRecord & { readonly name: string },
  ): Promise<ApplicationRecord>
  /** An application with its newest revision; removed ones too. */
  getApplication(id: string): Promise<ApplicationRecord | undefined>
  getApplicationRevision(id: string, revision: number): Promise<ApplicationRevisionRecord | undefined>
  /** Every revision of one application, oldest first. */
  listApplicationRevisions(id: string): Promise<readonly ApplicationRevisionRecord[]>
  /** Applications that are not removed, by name. */
  listApplications(): Promise<readonly ApplicationRecord[]>
  /** Marks an application removed; resolves false when there is no such application. */
  removeApplication(id: string, at: number): Promise<boolean>

  /** Records a content file once its bytes are in place; resolves false when it was known. */
  addContent(content: ContentRecord): Promise<boolean>
  getContent(sha256: string): Promise<ContentRecord | undefined>
  listContent(): Promise<readonly ContentRecord[]>

  /** Inserts or replaces a collection's definition (clears a removal). */
  saveCollection(collection: CollectionInput): Promise<CollectionRecord>
  getCollection(id: string): Promise<CollectionRecord | undefined>
  /** Collections that are not removed, by ID. */
  listCollections(): Promise<readonly CollectionRecord[]>
  /** Marks a collection removed and empties it (the history keeps the removals). */
  removeCollection(id: string, at: number): Promise<boolean>
  /**
   * Makes `clientIds` the members of a collection in one transaction: new ones join with `at`,
   * missing ones leave, each change goes to the history, and the count and evaluation time are
   * set. Returns what changed.
   */
  setCollectionMembers(
    id: string,
    clientIds: readonly string[],
    at: number,
  ): Promise<{ readonly added: readonly string[]; readonly removed: readonly string[] }>
  listCollectionMembers(id: string): Promise<readonly CollectionMember[]>
  /** Every membership row of every collection (the site's policy cache loads it once). */
  listAllCollectionMembers(): Promise<readonly (CollectionMember & { readonly collectionId: string })[]>
  /**
   * Makes `collectionIds` the collections one client is in (the incremental evaluation when it
   * registers or reports), with history and counts as {@link setCollectionMembers}. Returns the
   * collections it joined and left.
   */
  setClientCollections(
    clientId: string,
    collectionIds: readonly string[],
    at: number,
  ): Promise<{ readonly added: readonly string[]; readonly removed: readonly string[] }>
  /** Inserts or replaces what a client reported about itself. */
  saveClientFacts(facts: ClientFactsRecord): Promise<void>
  listClientFacts(): Promise<readonly ClientFactsRecord[]>
  /** Membership changes of one collection, newest first. */
  listMembershipHistory(
    id: string,
    options?: { readonly limit?: number },
  ): Promise<readonly MembershipChange[]>

  addDeployment(deployment: Omit<DeploymentRecord, 'cancelledAt' | 'cancelledBy'>): Promise<DeploymentRecord>
  getDeployment(id: string): Promise<DeploymentRecord | undefined>
  /** Deployments, newest first; `active` leaves out cancelled ones. */
  listDeployments(query?: {
    readonly collectionId?: string
    readonly applicationId?: string
    readonly active?: boolean
  }): Promise<readonly DeploymentRecord[]>
  /**
   * Replaces the settings of a deployment that is not cancelled; resolves `undefined` when there
   * is none, the record unchanged when it is cancelled.
   */
  updateDeploymentSettings(id: string, settingsJson: string): Promise<DeploymentRecord | undefined>
  /** Cancels a deployment; resolves `undefined` when there is none, the record (unchanged) when already cancelled. */
  cancelDeployment(id: string, by: string, at: number): Promise<DeploymentRecord | undefined>
}
