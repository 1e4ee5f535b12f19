/**
 * Reads the site's storage objects for the site system summarizer: the free space of the
 * filesystems holding the data directory, the log directory and the SQLite database file
 * (`fs.statfs`). On PostgreSQL the database server's disks are not visible from here, so the
 * database is not polled (its size still shows in `storageUsage`).
 */
import { statfs } from 'node:fs/promises'
import path from 'node:path'
import type { StorageKind, StorageObject } from '@sitrep/core'
import type { StorageUsageStore } from '@sitrep/store'

/** Where the site keeps its data. */
export interface StorageLocations {
  readonly siteSystem: string
  readonly dataDir: string
  /** The log directory; the data directory when the site logs elsewhere (stderr). */
  readonly logDir?: string
}

/** Reads one path's filesystem; an unreadable path is reported inaccessible. */
export async function readPath(
  location: {
    readonly siteSystem: string
    readonly object: string
    readonly role: string
    readonly kind: StorageKind
  },
  target: string,
): Promise<StorageObject> {
  try {
    const fs = await statfs(target)
    return {
      ...location,
      accessible: true,
      bytesFree: fs.bavail * fs.bsize,
      bytesTotal: fs.blocks * fs.bsize,
    }
  } catch {
    return { ...location, accessible: false, bytesFree: null, bytesTotal: null }
  }
}

/** Returns the reader the site polls with. */
export function createStorageReader(
  store: StorageUsageStore,
  locations: StorageLocations,
): () => Promise<readonly StorageObject[]> {
  const { siteSystem } = locations
  return async () => {
    const usage = await store.storageUsage()
    const objects: Promise<StorageObject>[] = [
      readPath(
        { siteSystem, object: locations.dataDir, role: 'site server', kind: 'directory' },
        locations.dataDir,
      ),
      readPath(
        { siteSystem, object: locations.logDir ?? locations.dataDir, role: 'site server', kind: 'log' },
        locations.logDir ?? locations.dataDir,
      ),
    ]
    if (usage.databaseFile !== null) {
      objects.push(
        readPath(
          { siteSystem, object: usage.databaseName, role: 'site database server', kind: 'database' },
          path.dirname(usage.databaseFile),
        ),
      )
    }
    return Promise.all(objects)
  }
}
