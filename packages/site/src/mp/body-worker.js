// Entry of a body-decoding worker thread: workers do not inherit tsx's loader, so register it here, as
// packages/cli/bin/sitrep.js does, and then load the TypeScript task.
import { register } from 'tsx/esm/api'

register()
await import('./body-worker-task.ts')
