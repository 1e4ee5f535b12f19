// Child process of the crash test: appends messages through submitPending() and prints each id
// on its own line once submitPending() has resolved, i.e. once the spool acknowledged it. The
// test SIGKILLs it at some point; every printed id must later reach the MP.
import { createSitrepClient } from '../../src/index.ts'

const [stateDir, countText, concurrencyText] = process.argv.slice(2)
if (stateDir === undefined || countText === undefined) {
  process.stderr.write('usage: crash-child.ts <stateDir> <count> [concurrency]\n')
  process.exit(1)
}
const count = Number(countText)
const concurrency = Number(concurrencyText ?? '32')
const client = createSitrepClient({ stateDir, machine: 'CRASH-TEST' })

let next = 0
async function worker(): Promise<void> {
  while (next < count) {
    const n = next
    next += 1
    const message = await client.buildMessage({
      severity: 'informational',
      messageId: 39997,
      module: 'SMS Provider',
      component: 'Crash Test',
      insertionStrings: [`message ${n}`],
    })
    await client.submitPending(message)
    process.stdout.write(`${message.id}\n`)
  }
}

await Promise.all(Array.from({ length: concurrency }, () => worker()))
process.stdout.write('done\n')
// Stay alive (holding the spool lock) until the test kills us, as a crashed agent would.
setInterval(() => undefined, 1_000)
