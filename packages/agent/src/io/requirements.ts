/**
 * Requirements of a deployment type, checked before anything runs. Requirements not met is a
 * state the site shows, not an error: the answer lists each unmet requirement in words.
 */
import { statfs } from 'node:fs/promises'
import type { Requirement } from '@sitrep/protocol'
import { compareVersions } from '../core/compare-versions.ts'
import type { MachineFacts } from './machine-facts.ts'

/** The answer of a requirements check. */
export interface RequirementsCheck {
  readonly met: boolean
  /** One sentence per unmet requirement. */
  readonly unmet: readonly string[]
}

/** Free megabytes on the file system holding `path` (`null` when it cannot be read). */
export async function freeMegabytes(path: string): Promise<number | null> {
  try {
    const info = await statfs(path)
    return Math.floor((info.bavail * info.bsize) / (1024 * 1024))
  } catch {
    return null
  }
}

/** Checks every requirement against the machine; disk space is read live. */
export async function checkRequirements(
  requirements: readonly Requirement[],
  facts: MachineFacts,
  deps: { readonly freeMegabytes?: (path: string) => Promise<number | null> } = {},
): Promise<RequirementsCheck> {
  const unmet: string[] = []
  const free = deps.freeMegabytes ?? freeMegabytes
  for (const requirement of requirements) {
    switch (requirement.kind) {
      case 'os': {
        if (requirement.platform !== 'any' && requirement.platform !== facts.platform) {
          unmet.push(`needs ${requirement.platform}, this machine runs ${facts.platform}`)
          break
        }
        const family = requirement.linuxFamily
        if (
          facts.platform === 'linux' &&
          family !== undefined &&
          family !== 'any' &&
          family !== facts.linuxFamily
        ) {
          unmet.push(
            `needs a ${family} Linux, this machine is ${facts.linuxFamily ?? 'of an unknown family'}`,
          )
          break
        }
        if (
          requirement.minVersion !== undefined &&
          compareVersions(facts.osVersion, requirement.minVersion) < 0
        ) {
          unmet.push(
            `needs OS version ${requirement.minVersion} or later, this machine has ${facts.osVersion}`,
          )
        }
        break
      }
      case 'architecture':
        if (!requirement.values.some((a) => a === facts.architecture)) {
          unmet.push(
            `needs architecture ${requirement.values.join(' or ')}, this machine is ${facts.architecture}`,
          )
        }
        break
      case 'free_disk': {
        const available = await free(requirement.path)
        if (available === null || available < requirement.minMegabytes) {
          unmet.push(
            `needs ${requirement.minMegabytes} MB free on ${requirement.path}, ${available === null ? 'which cannot be read' : `${available} MB are free`}`,
          )
        }
        break
      }
      case 'memory':
        if (facts.memoryMegabytes < requirement.minMegabytes) {
          unmet.push(
            `needs ${requirement.minMegabytes} MB of memory, this machine has ${facts.memoryMegabytes} MB`,
          )
        }
        break
    }
  }
  return { met: unmet.length === 0, unmet }
}
