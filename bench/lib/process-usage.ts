/**
 * CPU time and memory of another process, read from Linux `/proc` (what `pidusage` does, without
 * the dependency): `/proc/<pid>/stat` for user + system ticks, `/proc/<pid>/status` for resident
 * memory. A sampler polls during a load phase and keeps the peak resident set.
 */
import { readFileSync } from 'node:fs'

/** Kernel clock ticks per second for `/proc/<pid>/stat` times; 100 on every Linux Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100
const SAMPLE_INTERVAL_MS = 50

/** CPU and memory of a process over a measured phase. */
export interface ProcessUsage {
  /** CPU time used during the phase, user + system, in ms. */
  readonly cpuMs: number
  /** CPU time divided by wall time: 1.0 means one core busy all the time. */
  readonly cores: number
  /** Largest resident set seen during the phase, in bytes. */
  readonly peakRssBytes: number
}

/** Returns user + system CPU time of `pid` so far, in ms; NaN when the process is gone. */
export function readCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may contain spaces; the fields after its closing ')' are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const utime = Number(fields[11])
    const stime = Number(fields[12])
    return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND
  } catch {
    return Number.NaN
  }
}

/** Returns the resident set of `pid` in bytes (`VmRSS`), or NaN when the process is gone. */
export function readRssBytes(pid: number): number {
  return readStatusKb(pid, 'VmRSS') * 1024
}

function readStatusKb(pid: number, field: string): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
    return match?.[1] === undefined ? Number.NaN : Number(match[1])
  } catch {
    return Number.NaN
  }
}

/** A running sampler of one process; {@link ProcessSampler.stop} returns the usage since start. */
export interface ProcessSampler {
  stop(): ProcessUsage
}

/** Starts sampling `pid`: CPU from now on, and the peak resident set every 50 ms. */
export function startProcessSampler(pid: number): ProcessSampler {
  const startedAt = performance.now()
  const startCpu = readCpuMs(pid)
  let peak = readRssBytes(pid)
  const timer = setInterval(() => {
    const rss = readRssBytes(pid)
    if (rss > peak || Number.isNaN(peak)) peak = rss
  }, SAMPLE_INTERVAL_MS)
  return {
    stop() {
      clearInterval(timer)
      const rss = readRssBytes(pid)
      if (rss > peak) peak = rss
      const cpuMs = readCpuMs(pid) - startCpu
      const wallMs = performance.now() - startedAt
      return { cpuMs, cores: wallMs > 0 ? cpuMs / wallMs : Number.NaN, peakRssBytes: peak }
    },
  }
}
