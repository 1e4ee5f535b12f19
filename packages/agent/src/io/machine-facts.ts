/**
 * What this machine is, for requirements (and the site's collection rules): platform, Linux
 * family and version from /etc/os-release, architecture, memory.
 */
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import type { Architecture, ClientFacts, LinuxFamily, Platform } from '@sitrep/protocol'
import { ClientFactsSchema } from '@sitrep/protocol'

/** Facts about this machine. */
export interface MachineFacts {
  readonly platform: Exclude<Platform, 'any'>
  readonly linuxFamily: Exclude<LinuxFamily, 'any'> | null
  /** OS version: `VERSION_ID` on Linux, the kernel release elsewhere. */
  readonly osVersion: string
  readonly architecture: string
  readonly memoryMegabytes: number
}

const FAMILIES: readonly (readonly [Exclude<LinuxFamily, 'any'>, readonly string[]])[] = [
  ['debian', ['debian', 'ubuntu']],
  ['rhel', ['rhel', 'fedora', 'centos', 'rocky', 'almalinux']],
  ['suse', ['suse', 'opensuse', 'sles']],
  ['arch', ['arch']],
  ['alpine', ['alpine']],
]

/** Reads the family and version from the text of /etc/os-release. */
export function parseOsRelease(text: string): { family: MachineFacts['linuxFamily']; version: string } {
  const fields = new Map<string, string>()
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim())
    if (match?.[1] !== undefined) fields.set(match[1], (match[2] ?? '').replace(/^["']|["']$/g, ''))
  }
  const ids = [fields.get('ID') ?? '', ...(fields.get('ID_LIKE') ?? '').split(/\s+/)].filter((x) => x !== '')
  const family = FAMILIES.find(([, names]) => ids.some((id) => names.includes(id)))?.[0] ?? null
  return { family, version: fields.get('VERSION_ID') ?? '' }
}

function platformOf(platform: NodeJS.Platform): MachineFacts['platform'] {
  if (platform === 'darwin') return 'macos'
  if (platform === 'win32') return 'windows'
  return 'linux'
}

/** Collects this machine's facts. */
export async function readMachineFacts(
  options: { readonly osReleaseFile?: string } = {},
): Promise<MachineFacts> {
  const platform = platformOf(process.platform)
  let linuxFamily: MachineFacts['linuxFamily'] = null
  let osVersion = os.release()
  if (platform === 'linux') {
    try {
      const parsed = parseOsRelease(await readFile(options.osReleaseFile ?? '/etc/os-release', 'utf8'))
      linuxFamily = parsed.family
      if (parsed.version !== '') osVersion = parsed.version
    } catch {
      // No os-release (a minimal container): the family stays unknown.
    }
  }
  return {
    platform,
    linuxFamily,
    osVersion,
    architecture: process.arch,
    memoryMegabytes: Math.floor(os.totalmem() / (1024 * 1024)),
  }
}

/** Whether `facts` has an architecture the protocol names. */
export function isArchitecture(value: string): value is Architecture {
  return value === 'x64' || value === 'arm64' || value === 'ia32' || value === 'arm'
}

/**
 * The facts the site's collection rules match, as the policy poll carries them. A field the
 * protocol cannot carry (an architecture or OS version it does not know) is left out rather
 * than failing the poll.
 */
export function clientFacts(facts: MachineFacts): ClientFacts {
  const candidate = {
    platform: facts.platform,
    ...(facts.linuxFamily === null ? {} : { linuxFamily: facts.linuxFamily }),
    ...(isArchitecture(facts.architecture) ? { architecture: facts.architecture } : {}),
  }
  const withVersion = ClientFactsSchema.safeParse({ ...candidate, osVersion: facts.osVersion })
  return withVersion.success ? withVersion.data : ClientFactsSchema.parse(candidate)
}
