import type { CliIo } from '../src/cli-io.ts'

/** A fake CliIo that records output; `homeDir` and env point at the test's temp directory. */
export function fakeIo(options: {
  homeDir: string
  env?: Record<string, string | undefined>
}): CliIo & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return {
    stdout: (text) => {
      out += text
    },
    stderr: (text) => {
      err += text
    },
    env: options.env ?? {},
    untilShutdown: () => Promise.resolve(),
    homeDir: options.homeDir,
    clock: Date.now,
    out: () => out,
    err: () => err,
  }
}
