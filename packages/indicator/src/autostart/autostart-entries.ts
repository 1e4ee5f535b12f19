/**
 * What starts the indicator when the user logs on: an XDG autostart entry (Linux desktops), a
 * launchd agent (macOS) and a value under the user's Run key (Windows). Pure: the command and the
 * user's folders come in, file contents and places go out. The files in
 * `packages/indicator/autostart/` are this module's output with the default command; a test keeps
 * them equal.
 */
import path from 'node:path'

/** The command that starts the indicator, as an argument vector (`['/usr/local/bin/sitrep', 'indicator']`). */
export type IndicatorCommand = readonly string[]

/** The command each platform's shipped entry names. */
export const DEFAULT_INDICATOR_COMMANDS = {
  linux: ['/usr/local/bin/sitrep', 'indicator'],
  macos: ['/usr/local/bin/sitrep', 'indicator'],
  windows: ['C:\\Program Files\\Sitrep\\sitrep.exe', 'indicator'],
} as const satisfies Record<string, IndicatorCommand>

/** The entry's file name in `$XDG_CONFIG_HOME/autostart`. */
export const XDG_AUTOSTART_FILE = 'sitrep-indicator.desktop'
/** The launchd label, also the plist's name in `~/Library/LaunchAgents`. */
export const LAUNCH_AGENT_LABEL = 'org.sitrep.indicator'
/** The user's Run key and the value name under it. */
export const WINDOWS_RUN_KEY = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run'
export const WINDOWS_RUN_VALUE = 'SitrepIndicator'

/** Quotes one argument of a desktop entry's `Exec` key (Desktop Entry Specification, "The Exec key"). */
function execArgument(arg: string): string {
  if (!/[\s"'\\><~|&;$*?#()`=%]/.test(arg)) return arg
  // Inside double quotes, `"`, `` ` ``, `$` and `\` take a backslash; `%` is doubled.
  return `"${arg.replace(/(["`$\\])/g, '\\$1').replaceAll('%', '%%')}"`
}

/** The XDG autostart entry (GNOME, KDE, Xfce, LXQt, …) that runs `command` at log-on. */
export function xdgAutostartEntry(command: IndicatorCommand = DEFAULT_INDICATOR_COMMANDS.linux): string {
  // The desktop file format escapes backslashes in string values once more.
  const exec = command.map(execArgument).join(' ').replace(/\\/g, '\\\\')
  return `[Desktop Entry]
Type=Application
Version=1.5
Name=Sitrep status indicator
Name[de]=Sitrep-Statusanzeige
Comment=What this computer's management agent is doing, and when your installs can start
Comment[de]=Was der Verwaltungsagent dieses Computers gerade tut und wann Ihre Installationen beginnen können
Exec=${exec}
Terminal=false
NoDisplay=true
Categories=System;Monitor;
X-GNOME-Autostart-enabled=true
X-GNOME-Autostart-Delay=2
X-KDE-autostart-phase=2
`
}

function xmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

/**
 * The launchd agent (`~/Library/LaunchAgents/org.sitrep.indicator.plist`): runs `command` in the
 * user's graphical session at log-on; not kept alive, so quitting the indicator keeps it quit.
 */
export function launchAgentPlist(command: IndicatorCommand = DEFAULT_INDICATOR_COMMANDS.macos): string {
  const args = command.map((arg) => `    <string>${xmlText(arg)}</string>`).join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCH_AGENT_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <false/>
  <key>LimitLoadToSessionType</key>
  <string>Aqua</string>
  <key>ProcessType</key>
  <string>Interactive</string>
</dict>
</plist>
`
}

/** One Windows command-line argument, quoted the way `CommandLineToArgvW` reads it back. */
function windowsArgument(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg
  return `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`
}

/** The command line stored in the Run key's value. */
export function windowsRunCommand(command: IndicatorCommand = DEFAULT_INDICATOR_COMMANDS.windows): string {
  return command.map(windowsArgument).join(' ')
}

/** A `.reg` file that adds the Run value (double-click, or `reg import`). */
export function windowsRunRegFile(command: IndicatorCommand = DEFAULT_INDICATOR_COMMANDS.windows): string {
  const data = windowsRunCommand(command).replace(/\\/g, '\\\\').replace(/"/g, '\\"')
  return `Windows Registry Editor Version 5.00\r
\r
[${WINDOWS_RUN_KEY.replace(/^HKCU/, 'HKEY_CURRENT_USER')}]\r
"${WINDOWS_RUN_VALUE}"="${data}"\r
`
}

/** `reg.exe` arguments that add (`install`) or delete (`remove`) the Run value. */
export function windowsRunRegArgs(
  action: 'install' | 'remove',
  command: IndicatorCommand = DEFAULT_INDICATOR_COMMANDS.windows,
): string[] {
  return action === 'install'
    ? [
        'add',
        WINDOWS_RUN_KEY,
        '/v',
        WINDOWS_RUN_VALUE,
        '/t',
        'REG_SZ',
        '/d',
        windowsRunCommand(command),
        '/f',
      ]
    : ['delete', WINDOWS_RUN_KEY, '/v', WINDOWS_RUN_VALUE, '/f']
}

/** Where the user's autostart entry lives on Linux and macOS. */
export function autostartFilePath(
  platform: 'linux' | 'macos',
  env: { readonly XDG_CONFIG_HOME?: string | undefined },
  homeDir: string,
): string {
  if (platform === 'macos')
    return path.join(homeDir, 'Library', 'LaunchAgents', `${LAUNCH_AGENT_LABEL}.plist`)
  // The XDG base directory spec: a relative XDG_CONFIG_HOME is invalid and ignored.
  const config =
    env.XDG_CONFIG_HOME !== undefined && path.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : path.join(homeDir, '.config')
  return path.join(config, 'autostart', XDG_AUTOSTART_FILE)
}
