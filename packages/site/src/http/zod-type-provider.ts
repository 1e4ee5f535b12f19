/**
 * The Fastify type provider of the REST API: route schemas are the zod schemas of `@sitrep/api`,
 * so a handler's `request.params`, `request.query` and `request.body` have the schema's output
 * type (no casts), and its reply must have the declared reply's type. The validator compiler
 * checks each part with the same schema once, at the edge; the serializer compiler checks each
 * reply against its schema before it is sent, so a reply that drifts from the contract is a 500
 * that a test finds, not a shape the console silently misreads.
 */
import type { Readable } from 'node:stream'
import type { FastifyInstance, FastifySchemaCompiler, FastifyTypeProvider } from 'fastify'
import { z } from 'zod'
import { zodToFieldIssues } from '../mp/field-issues.ts'
import { parseJsonBody } from '../mp/read-body.ts'
import { RequestError } from './request-error.ts'

/** `T` with every array and object readonly, so domain values (readonly lists) can be replies. */
type ReadonlyDeep<T> = T extends readonly (infer U)[]
  ? readonly ReadonlyDeep<U>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> }
    : T

/** A reply body: a text reply (CSV, JSON Lines) may also be streamed. */
type ReplyBody<T> = [T] extends [string] ? string | Readable : ReadonlyDeep<T>

/** Types `request.params`/`query`/`body` and replies from zod schemas. */
export interface ZodTypeProvider extends FastifyTypeProvider {
  readonly validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown
  readonly serializer: this['schema'] extends z.ZodType ? ReplyBody<z.input<this['schema']>> : unknown
}

const PART_ERRORS = {
  params: { code: 'invalid_params', what: 'the path' },
  querystring: { code: 'invalid_query', what: 'the query' },
  body: { code: 'invalid_body', what: 'the body' },
} as const

/** Installs the zod validator and serializer compilers on `app` (and every scope under it). */
export function useZodSchemas(app: FastifyInstance): void {
  const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
    if (!(schema instanceof z.ZodType))
      throw new Error(`route schema of ${httpPart ?? 'a part'} is not a zod schema`)
    const part =
      httpPart === 'params' || httpPart === 'querystring' || httpPart === 'body' ? httpPart : undefined
    if (part === undefined) throw new Error(`route schemas of ${httpPart ?? 'this part'} are not supported`)
    const { code, what } = PART_ERRORS[part]
    return (data: unknown) => {
      let input: unknown = data
      if (part === 'body') {
        // Bodies arrive as raw bytes (the app keeps them so signatures can cover them).
        if (!Buffer.isBuffer(data) || data.length === 0) {
          return {
            error: new RequestError('invalid_body', 'the request has no body; send JSON (docs/api.md)'),
          }
        }
        try {
          input = parseJsonBody(data)
        } catch (error) {
          const message = error instanceof Error ? error.message : 'the body is not valid JSON'
          return { error: new RequestError('invalid_body', message, { cause: error }) }
        }
      }
      const result = schema.safeParse(input)
      if (result.success) return { value: result.data }
      const issues = zodToFieldIssues(result.error)
      const first = issues[0]
      const message = first === undefined ? `${what} is not of this route's form` : first.message
      return { error: new RequestError(code, message, { issues: issues.slice(0, 100) }) }
    }
  }
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(({ schema, url, method }) => {
    if (!(schema instanceof z.ZodType)) return (data: unknown) => JSON.stringify(data)
    return (data: unknown) => {
      const result = schema.safeParse(data)
      if (!result.success) {
        throw new Error(
          `the reply of ${method} ${url} is not of its declared schema: ${z.prettifyError(result.error).slice(0, 500)}`,
        )
      }
      return JSON.stringify(data)
    }
  })
}
