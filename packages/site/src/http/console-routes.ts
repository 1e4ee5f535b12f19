/**
 * Serves the web console (the Vite build in `packages/console/dist`) at `/`: hashed assets
 * with a year-long immutable cache, `index.html` uncached for every other non-API path (the
 * console routes in the URL hash), correct content types, and no way out of the folder. Without
 * a build, `/` answers a short page saying how to make one.
 */
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { RequestError } from './request-error.ts'

/** Where `npm run build -w @sitrep/console` puts the console. */
export const DEFAULT_CONSOLE_DIR = path.resolve(import.meta.dirname, '../../../console/dist')

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/** Pages of the console may load only their own scripts and talk only to their own site. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sitrep</title></head>
<body><main><h1>Sitrep site</h1>
<p>The web console is not built. Build it with <code>npm run build -w @sitrep/console</code>
(<code>npm start</code> does this for you), then reload this page.</p>
<p>The REST API is at <a href="/api/v1/health">/api/v1/health</a>.</p></main></body></html>
`

/** Prefixes the console never answers: they belong to the API and the management point. */
const RESERVED_PREFIXES = ['/api/', '/mp/'] as const

/**
 * The file under `root` that `urlPath` names, or `undefined` when the path is not a plain,
 * relative file path (encoded or literal `..`, backslashes, NUL, a path outside `root`).
 */
export function resolveConsoleFile(root: string, urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined
  if (decoded.split('/').some((segment) => segment === '..')) return undefined
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`)
  return file.startsWith(`${root}${path.sep}`) ? file : undefined
}

/** Registers `GET /` and `GET /*` for the console found in `distDir`. */
export function registerConsoleRoutes(
  app: FastifyInstance,
  options: { readonly distDir?: string } = {},
): void {
  const root = path.resolve(options.distDir ?? DEFAULT_CONSOLE_DIR)
  const indexFile = path.join(root, 'index.html')

  const sendIndex = async (reply: FastifyReply): Promise<FastifyReply> => {
    const html = await readFile(indexFile).catch(() => undefined)
    void reply
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
    if (html === undefined) return reply.send(NOT_BUILT_PAGE)
    return reply.header('content-security-policy', CONTENT_SECURITY_POLICY).send(html)
  }

  app.get('/', (_request, reply) => sendIndex(reply))
  app.get('/*', async (request, reply) => {
    const urlPath = request.url.split('?', 1)[0] ?? '/'
    if (RESERVED_PREFIXES.some((prefix) => urlPath.startsWith(prefix)))
      throw new RequestError('unknown_route', `no route GET ${urlPath.slice(0, 200)}`)
    const file = resolveConsoleFile(root, urlPath)
    if (file === undefined) throw new RequestError('not_found', 'no such file in the console')
    const info = await stat(file).catch(() => undefined)
    if (info?.isFile() === true) {
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
      const hashed = urlPath.startsWith('/assets/')
      if (type.startsWith('text/html')) return sendIndex(reply)
      return reply
        .header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .type(type)
        .send(await readFile(file))
    }
    // A browser asking for a page (Accept: text/html) at a path without a dot gets the console,
    // as single-page apps do; files that are not there, and programs, get the usual 404.
    const wantsPage = (request.headers.accept ?? '').includes('text/html')
    if (!wantsPage || (urlPath.split('/').at(-1) ?? '').includes('.'))
      throw new RequestError('unknown_route', `no route GET ${urlPath.slice(0, 200)}`)
    return sendIndex(reply)
  })
}
