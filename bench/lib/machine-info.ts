/** The machine a run came from, recorded beside every result file. */
import { readFileSync } from 'node:fs'
import { cpus, release, totalmem, type } from 'node:os'

/** What the results depend on. */
export interface MachineInfo {
  readonly cpuModel: string
  readonly cores: number
  readonly memoryBytes: number
  readonly node: string
  readonly os: string
}

/** Describes this machine. */
export function machineInfo(): MachineInfo {
  const list = cpus()
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryBytes: totalmem(),
    node: process.version,
    os: `${osName()} (${type()} ${release()})`,
  }
}

function osName(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8')
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1] ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
