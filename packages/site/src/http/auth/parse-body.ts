/** Reads a REST API request body as JSON and checks it with a zod schema, once, at the edge. */
import type { z } from 'zod'
import { zodToFieldIssues } from '../../mp/field-issues.ts'
import { parseJsonBody, refuseBody, requireBody } from '../../mp/read-body.ts'

/** Returns the body as `schema` says, or throws `invalid_body` whose issues name each field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(parseJsonBody(requireBody(body)))
  if (!result.success) refuseBody(zodToFieldIssues(result.error))
  return result.data
}
