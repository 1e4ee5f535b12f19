// The only place that reads process.argv, writes to stdout/stderr and sets the exit code.
import { runCli } from './run-cli.ts'

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
})
process.exitCode = code
