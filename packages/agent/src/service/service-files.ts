/**
 * The service definitions that run `sitrep agent run` as a system service: a systemd unit with
 * hardening, a launchd plist and a Windows service definition (WinSW XML). The files in
 * `packages/agent/service/` are these functions' output with the default paths; a test keeps
 * them equal.
 */

/** Paths a service definition names. */
export interface ServicePaths {
  /** The `sitrep` executable. */
  readonly sitrep: string
  readonly stateDir: string
  readonly socketPath: string
}

/** Default paths per platform. */
export const DEFAULT_SERVICE_PATHS = {
  linux: {
    sitrep: '/usr/local/bin/sitrep',
    stateDir: '/var/lib/sitrep-agent',
    socketPath: '/run/sitrep/agent.sock',
  },
  macos: {
    sitrep: '/usr/local/bin/sitrep',
    stateDir: '/Library/Application Support/Sitrep Agent',
    socketPath: '/var/run/sitrep/agent.sock',
  },
  windows: {
    sitrep: 'C:\\Program Files\\Sitrep\\sitrep.exe',
    stateDir: 'C:\\ProgramData\\Sitrep Agent',
    socketPath: '\\\\.\\pipe\\sitrep-agent',
  },
} as const satisfies Record<string, ServicePaths>

/**
 * The systemd unit. The agent runs as root (it installs software) but the unit takes away what
 * an installer never needs: no new privileges for the agent itself is not possible (installers
 * may use setuid tools), so it keeps a private /tmp, a read-only /boot and /efi, protected
 * kernel tunables and modules, and `KillMode=process` so a restart of the agent does not kill an
 * installer mid-run (the agent re-detects it when it comes back).
 */
export function systemdUnit(paths: ServicePaths = DEFAULT_SERVICE_PATHS.linux): string {
  return `[Unit]
Description=Sitrep agent: installs what is deployed and reports status
Documentation=https://github.com/sitrep/sitrep/blob/main/docs/agent.md
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
ExecStart=${paths.sitrep} agent run --state-dir ${paths.stateDir} --socket ${paths.socketPath}
Restart=always
RestartSec=5
KillMode=process
TimeoutStopSec=30
RuntimeDirectory=sitrep
RuntimeDirectoryMode=0755
RuntimeDirectoryPreserve=yes
StateDirectory=${paths.stateDir.replace(/^\/var\/lib\//, '')}
StateDirectoryMode=0700
UMask=0077
PrivateTmp=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
RestrictRealtime=yes
RestrictSUIDSGID=no
LockPersonality=yes
RestrictNamespaces=yes
SystemCallArchitectures=native
ReadOnlyPaths=/boot /efi

[Install]
WantedBy=multi-user.target
`
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** The launchd plist (a daemon in /Library/LaunchDaemons). */
export function launchdPlist(paths: ServicePaths = DEFAULT_SERVICE_PATHS.macos): string {
  const args = [paths.sitrep, 'agent', 'run', '--state-dir', paths.stateDir, '--socket', paths.socketPath]
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>org.sitrep.agent</string>
  <key>ProgramArguments</key>
  <array>
${args.map((a) => `    <string>${xmlEscape(a)}</string>`).join('\n')}
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <true/>
  <key>Umask</key>
  <integer>63</integer>
  <key>StandardErrorPath</key>
  <string>/var/log/sitrep-agent.log</string>
</dict>
</plist>
`
}

/** The Windows service definition, in the XML of WinSW (a service wrapper for any program). */
export function windowsServiceXml(paths: ServicePaths = DEFAULT_SERVICE_PATHS.windows): string {
  return `<service>
  <id>SitrepAgent</id>
  <name>Sitrep Agent</name>
  <description>Installs what is deployed and reports status to the Sitrep site.</description>
  <executable>${xmlEscape(paths.sitrep)}</executable>
  <arguments>agent run --state-dir "${xmlEscape(paths.stateDir)}" --socket ${xmlEscape(paths.socketPath)}</arguments>
  <startmode>Automatic</startmode>
  <delayedAutoStart>true</delayedAutoStart>
  <onfailure action="restart" delay="5 sec"/>
  <serviceaccount>
    <username>LocalSystem</username>
  </serviceaccount>
  <log mode="roll-by-size"/>
</service>
`
}

/** The service files shipped in `packages/agent/service/`, by file name. */
export function shippedServiceFiles(): Readonly<Record<string, string>> {
  return {
    'sitrep-agent.service': systemdUnit(),
    'org.sitrep.agent.plist': launchdPlist(),
    'sitrep-agent.xml': windowsServiceXml(),
  }
}
