import { describe, expect, it } from 'vitest'
import { ApplicationSchema, CommandLineSchema, DetectionMethodSchema } from './application.ts'
import { classifyExitCode, DeploymentIdSchema, MaintenanceWindowSchema } from './deployment.ts'
import { PolicyBodySchema } from './policy.ts'

const hash = 'a'.repeat(64)

const application = {
  id: 'APP-0001',
  revision: 1,
  name: 'Editor',
  deploymentTypes: [
    {
      id: 'linux',
      name: 'Editor for Linux',
      platform: 'linux',
      install: ['/usr/bin/dpkg', '-i', 'editor.deb'],
      content: [{ path: 'editor.deb', sha256: hash, size: 1024 }],
      detection: { kind: 'package', manager: 'dpkg', name: 'editor', minVersion: '2.1' },
    },
  ],
}

describe('CommandLineSchema', () => {
  it('accepts an argv array', () => {
    expect(CommandLineSchema.parse(['/usr/bin/true', '--quiet'])).toEqual(['/usr/bin/true', '--quiet'])
  })

  it('refuses a shell string and says that argv is expected', () => {
    const result = CommandLineSchema.safeParse('/usr/bin/installer --quiet && reboot')
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toContain('a shell string is not accepted')
  })

  it('refuses an empty program', () => {
    expect(CommandLineSchema.safeParse(['  ']).success).toBe(false)
  })
})

describe('ApplicationSchema', () => {
  it('fills the defaults of a deployment type', () => {
    const parsed = ApplicationSchema.parse(application)
    const type = parsed.deploymentTypes[0]
    expect(type).toMatchObject({
      runAs: 'system',
      successAction: 'none',
      estimatedRunMinutes: 5,
      maxRunMinutes: 120,
      linuxFamily: 'any',
      requirements: [],
    })
    expect(type?.content[0]?.executable).toBe(false)
  })

  it('refuses a content path that climbs out of the content folder', () => {
    const bad = {
      ...application,
      deploymentTypes: [
        { ...application.deploymentTypes[0], content: [{ path: '../etc/passwd', sha256: hash, size: 1 }] },
      ],
    }
    const result = ApplicationSchema.safeParse(bad)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['deploymentTypes', 0, 'content', 0, 'path'])
  })

  it('refuses a 0-byte content file', () => {
    const bad = {
      ...application,
      deploymentTypes: [
        { ...application.deploymentTypes[0], content: [{ path: 'x', sha256: hash, size: 0 }] },
      ],
    }
    expect(ApplicationSchema.safeParse(bad).success).toBe(false)
  })
})

describe('DetectionMethodSchema', () => {
  it('accepts clauses combined with all and any', () => {
    const method = {
      kind: 'all',
      clauses: [
        { kind: 'file_exists', path: '/opt/editor/bin/editor' },
        { kind: 'any', clauses: [{ kind: 'script', command: ['/usr/bin/editor', '--version'] }] },
      ],
    }
    expect(DetectionMethodSchema.parse(method)).toMatchObject({ kind: 'all' })
  })

  it('refuses combinations nested deeper than four', () => {
    let method: unknown = { kind: 'file_exists', path: '/x' }
    for (let i = 0; i < 4; i++) method = { kind: 'all', clauses: [method] }
    expect(DetectionMethodSchema.safeParse(method).success).toBe(false)
  })
})

describe('MaintenanceWindowSchema', () => {
  it('refuses an unknown time zone and a start time past 23:59', () => {
    const result = MaintenanceWindowSchema.safeParse({
      name: 'Nights',
      timeZone: 'Mars/Olympus',
      start: '24:00',
      durationMinutes: 60,
      recurrence: { kind: 'daily' },
    })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(['start', 'timeZone'])
  })
})

describe('DeploymentIdSchema', () => {
  it('takes the eight-character form of attribute 401', () => {
    expect(DeploymentIdSchema.safeParse('PS120001').success).toBe(true)
    expect(DeploymentIdSchema.safeParse('PS1-1').success).toBe(false)
  })
})

describe('classifyExitCode', () => {
  it('maps the exit codes a real client treats specially', () => {
    expect(classifyExitCode(0)).toBe('success')
    expect(classifyExitCode(3010)).toBe('success_soft_restart')
    expect(classifyExitCode(1641)).toBe('success_hard_restart')
    expect(classifyExitCode(1618)).toBe('retry')
    expect(classifyExitCode(1)).toBe('failure')
  })

  it('counts a deployment type extra success codes as success', () => {
    expect(classifyExitCode(17, [17])).toBe('success')
  })
})

describe('PolicyBodySchema', () => {
  it('reads a body with its application and settings', () => {
    const body = PolicyBodySchema.parse({
      policyId: 'PS120001',
      siteCode: 'PS1',
      clientId: 'GUID:1',
      deploymentId: 'PS120001',
      collectionId: 'SMS00001',
      settings: { intent: 'required', availableAt: 0 },
      application,
      maintenanceWindows: [],
      issuedAt: 1,
    })
    expect(body.settings).toMatchObject({ purpose: 'install', restartGraceMinutes: 90, notifications: 'all' })
  })
})
