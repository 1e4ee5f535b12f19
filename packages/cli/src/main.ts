// The only place that reads process.argv and process.env, writes to stdout/stderr, registers
// signal handlers and sets the exit code.
import { homedir } from 'node:os'
import { runCli } from './run-cli.ts'

const shutdown = new Promise<void>((resolve) => {
  process.once('SIGINT', resolve)
  process.once('SIGTERM', resolve)
})

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    untilShutdown: () => shutdown,
    homeDir: homedir(),
    clock: Date.now,
    terminal: { stdin: process.stdin, stdout: process.stdout },
  })
} catch (error) {
  process.stderr.write(
    `sitrep: unexpected error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exitCode = 2
}
