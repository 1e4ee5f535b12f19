import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { launchdPlist, shippedServiceFiles, systemdUnit, windowsServiceXml } from './service-files.ts'

describe('service files', () => {
  it('ships the systemd unit, launchd plist and Windows service definition the functions make', async () => {
    const dir = path.join(import.meta.dirname, '../../service')
    for (const [name, text] of Object.entries(shippedServiceFiles())) {
      expect(await readFile(path.join(dir, name), 'utf8'), name).toBe(text)
    }
  })

  it('runs the agent from systemd with hardening, an owner-only state directory and a world-reachable socket directory', () => {
    const unit = systemdUnit()
    expect(unit).toContain(
      'ExecStart=/usr/local/bin/sitrep agent run --state-dir /var/lib/sitrep-agent --socket /run/sitrep/agent.sock',
    )
    for (const line of [
      'StateDirectoryMode=0700',
      'UMask=0077',
      'PrivateTmp=yes',
      'ProtectKernelModules=yes',
      'RuntimeDirectoryMode=0755',
      'KillMode=process',
      'Restart=always',
    ]) {
      expect(unit).toContain(line)
    }
  })

  it('runs the agent at load and keeps it alive under launchd, and as LocalSystem on Windows', () => {
    expect(launchdPlist()).toContain('<string>org.sitrep.agent</string>')
    expect(launchdPlist()).toMatch(/<key>KeepAlive<\/key>\s*<true\/>/)
    expect(windowsServiceXml()).toContain('<username>LocalSystem</username>')
    expect(windowsServiceXml()).toContain('--socket \\\\.\\pipe\\sitrep-agent')
  })
})
